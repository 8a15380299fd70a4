"""The number and unit core: ``parse_number``, ``parse_ordinal`` and ``find_quantities``.

The convention is fixed here, once: "." groups thousands and "," is the decimal mark
("18.058" = 18058, "57,3" = 57.3, "41.818,8" = 41818.8). Text in the English convention has
one documented fallback (:data:`ENGLISH_FALLBACK`): a dot followed by one or two digits
("1.5 triệu") or a comma-grouped number with a decimal dot ("1,234.5") is read the English way,
and the quantity carries a ``note`` that the pipeline turns into a report warning.

``find_quantities`` is the hot path. One compiled pattern finds digits followed by a scale word,
a unit or a counted noun (a bare number is never a quantity); a second finds spelled-out numbers
("hai mươi mốt xã"). Qualifier words are read from a short window around each match, so the
scan itself never starts on a letter. All vocabulary comes from ``govreport/data``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from . import lexicon
from .lexicon import NounEntry, NumberWordEntry, OrdinalEntry, QualifierEntry, ScaleEntry, UnitEntry, alternation
from .models import Quantity, Span
from .normalize import normalize_text

__all__ = ["ENGLISH_FALLBACK", "Quantity", "find_quantities", "parse_number", "parse_ordinal"]

ENGLISH_FALLBACK = (
    "read {raw!r} in the English convention (dot as decimal mark); "
    "Vietnamese text writes 1,5 for one and a half and 1.500 for fifteen hundred"
)

# A number written with digits, in the Vietnamese convention first, after its first digit: the scan
# consumes one digit before any other test, which lets the engine skip non-digits at C speed.
_DIGITS_REST = r"""
    (?: \d{0,2}(?:\.\d{3}){1,6}(?:,\d{1,12})?   # grouped, maybe decimal: 18.058 / 41.818,8
      | \d{0,2}(?:,\d{3}){1,6}\.\d{1,12}         # English grouped decimal: 1,234.5 (fallback, warned)
      | \d{0,14}(?:,\d{1,12})?                   # plain, maybe decimal: 57,3 / 615 / 0,5
      | \d{0,14}\.\d{1,2}(?!\d)                  # English decimal: 1.5 (fallback, warned)
    )"""
_DIGITS = r"\d" + _DIGITS_REST


@cache
def _vocab() -> _Vocab:
    """Everything the patterns and producers need from the data files, built once."""
    units = lexicon.entries("units", UnitEntry)
    nouns = lexicon.entries("nouns", NounEntry)
    scales = lexicon.entries("scales", ScaleEntry)
    words = lexicon.entries("number_words", NumberWordEntry)
    return _Vocab(
        unit_by_surface={s.lower(): u for u in units for s in u.surfaces},
        noun_by_surface={s.lower(): n for n in nouns for s in n.surfaces},
        scale_by_surface={s.lower(): e.factor for e in scales for s in e.surfaces},
        word_by_surface={s: w for w in words for s in w.surfaces},
        qualifiers=lexicon.entries("qualifiers", QualifierEntry),
        contexts=frozenset(s.lower() for s in lexicon.surfaces("contexts")),
    )


class _Vocab(NamedTuple):
    unit_by_surface: dict[str, UnitEntry]
    noun_by_surface: dict[str, NounEntry]
    scale_by_surface: dict[str, Decimal]
    word_by_surface: dict[str, NumberWordEntry]
    qualifiers: tuple[QualifierEntry, ...]
    contexts: frozenset[str]


def _guard(not_before: tuple[str, ...]) -> str:
    """A lookahead refusing the words that show a surface means something else ("đồng chí")."""
    return rf"(?!\s{{1,3}}(?:{alternation(not_before)})(?!\w))" if not_before else ""


@cache
def _measure_alternation() -> str:
    """Units and counted nouns in one prefix tree, longest surface first."""
    vocab = _vocab()
    guards = {s: _guard(u.not_before) for s, u in vocab.unit_by_surface.items()}
    guards.update({s: _guard(n.not_before) for s, n in vocab.noun_by_surface.items()})
    return f"(?i:{alternation(guards, guards)})"  # "1.200 Đảng viên", "1.000 TỶ ĐỒNG"


@cache
def _quantity_re() -> re.Pattern[str]:
    """The digit pattern: a number, then a scale word and/or a unit or counted noun (required)."""
    vocab = _vocab()
    scales = f"(?i:{alternation(vocab.scale_by_surface)})"
    half_of = alternation(s for s, w in vocab.word_by_surface.items() if w.role == "half_of")
    per = f'(?i:{alternation([*lexicon.surfaces("per"), *vocab.unit_by_surface, *vocab.noun_by_surface])})'
    measure = _measure_alternation()
    return re.compile(
        rf"""
        (?P<num>\d(?<![\w.,/\-–]\d)                    # 18.058, not the tail of a word or code: 15/NQ
           (?=(?P<digits>(?:\d|[.,](?=\d)){{0,30}}))(?P=digits))  # the whole run, never part of it (atomic)
                                                        # (checked against the convention in Python)
        (?:
            (?:\s{{0,2}}(?P<scale1>{scales})(?!\w)|\s{{0,2}}%)?  # 5 tỷ (đến 7 tỷ) / 20% (- 25%)
            \s{{0,2}}(?:-|–|—|~|đến|tới)\s{{0,2}}       # range: 5-7 / 5 đến 7 / 11,5–12,4
            (?P<num2>\d(?=(?P<digits2>(?:\d|[.,](?=\d)){{0,30}}))(?P=digits2))
          | /(?P<total>\d{{1,3}}(?:\.\d{{3}}){{1,4}}|\d{{1,9}})(?![\d/])  # part of a whole: 15/24, 1.250/1.300
        )?
        (?:
            \s{{0,2}}(?P<scale>{scales})(?!\w)          # tỷ / nghìn tỷ
            (?!\s{{1,2}}{scales})                       # but "5 tỷ tỷ" is noise, not an amount
            (?P<more>(?:\s{{1,2}}\d{{1,3}}\s{{0,2}}(?:{scales})(?!\w)){{1,3}})?  # 41 tỷ 951 triệu
            (?:\s{{1,2}}(?P<half>{half_of})(?!\w))?     # 5 triệu rưỡi
            (?:\s{{0,2}}(?P<unit>{measure})(?!\w))?     # đồng / người (optional after a scale)
          | \s{{0,2}}(?P<unit_only>{measure})(?![^\W\d_]) # 57,3% / 300 ha / 1.200 hộ / 5 m2
        )
        (?:/(?P<per>{per})(?!\w)(?:/(?P<per2>{per})(?!\w))?)?  # rate: đồng/kg, triệu đồng/người/năm
        """,
        re.VERBOSE,
    )


def _capitalized(words: list[str]) -> list[str]:
    return [*words, *(w[0].upper() + w[1:] for w in words)]


@cache
def _spelled_re() -> re.Pattern[str]:
    """A spelled-out number followed by a unit or counted noun: "hai mươi mốt xã", "ba tỷ đồng"."""
    vocab = _vocab()
    words = [*vocab.word_by_surface, *vocab.scale_by_surface]
    return re.compile(
        rf"""
        (?P<words>(?:{alternation(_capitalized(words))})         # Hai / hai
                  (?:\s{{1,3}}(?:{alternation(words)})){{0,12}})  # mươi mốt / tỷ rưỡi
        (?!\w)\s{{1,3}}(?P<unit>{_measure_alternation()})(?!\w)  # xã / đồng
        """,
        re.VERBOSE,
    )


@cache
def _spelled_anchor_re() -> re.Pattern[str]:
    """Where a spelled-out number may be: a word that only numbers use (mươi, trăm, triệu, rưỡi ...).

    Scanning for these few words first, then reading the whole number around each, costs a
    fraction of trying the full spelled-number pattern at every word. A lone digit word before a
    unit ("ba ha") has no such word and is not found: it is rare in reports and costs a full scan.
    """
    vocab = _vocab()
    anchors = [s for s, w in vocab.word_by_surface.items() if w.role not in ("digit", "link")]
    anchors += list(vocab.scale_by_surface)
    return re.compile(rf"(?:{alternation(_capitalized(anchors))})(?!\w)")


@cache
def _word_run_re() -> re.Pattern[str]:
    """A run of number words, as long as a spelled number may be."""
    vocab = _vocab()
    words = alternation(_capitalized([*vocab.word_by_surface, *vocab.scale_by_surface]))
    return re.compile(rf"(?:{words})(?:\s{{1,3}}(?:{words})){{0,12}}(?!\w)")


@cache
def _words_before_re() -> re.Pattern[str]:
    """The number words standing right before an anchor, read backwards from it."""
    vocab = _vocab()
    words = _capitalized([*vocab.word_by_surface, *vocab.scale_by_surface])
    return re.compile(rf"(?<!\w)(?:(?:{alternation(words)})\s{{1,3}}){{1,12}}\Z")


@cache
def _before_re() -> re.Pattern[str]:
    """Qualifier words right before a number, read backwards from the number's start."""
    groups = {"estimated": [], "bound": [], "range": []}  # type: dict[str, list[str]]
    for q in _vocab().qualifiers:
        if q.position == "before":
            key = q.sets if q.sets in ("estimated", "range") else "bound"
            groups[key].extend(q.surfaces)
    return re.compile(
        rf"""
        (?i)(?<!\w)
        (?:(?P<estimated>{alternation(groups["estimated"])})\s{{1,3}}   # ước đạt / dự kiến
           (?:(?:đạt|là|có|được)\s{{1,3}})?)?                        # ... đạt
        (?:(?P<bound>{alternation(groups["bound"])})\s{{1,3}})?         # trên / khoảng
        (?:(?P<range>{alternation(groups["range"])})\s{{1,3}})?         # từ (a range)
        \Z""",
        re.VERBOSE,
    )


@cache
def _after_re() -> re.Pattern[str]:
    after = [s for q in _vocab().qualifiers if q.position == "after" for s in q.surfaces]
    return re.compile(rf"\s{{1,3}}(?P<after>{alternation(after)})(?!\w)", re.IGNORECASE)


@cache
def _bound_of() -> dict[str, tuple[str, frozenset[str]]]:
    """Qualifier surface -> (bound, the words before it that cancel it)."""
    return {
        s: (q.sets, frozenset(q.not_after))
        for q in _vocab().qualifiers
        if q.sets in ("over", "under", "about")
        for s in q.surfaces
    }


@cache
def _qualifier_tails() -> frozenset[str]:
    """The last word of every qualifier and of what may follow one ("đạt"): a number preceded by
    anything else has no qualifier, and the qualifier pattern need not run."""
    tails = {s.split()[-1].lower() for q in _vocab().qualifiers for s in q.surfaces}
    return frozenset(tails | {"đạt", "là", "có", "được"})


_SPACE_RE = re.compile(r"\s{1,3}")
_NOT_A_WORD = NumberWordEntry(id="-", role="digit", value=Decimal(0))
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+(?:\s[^\W\d_]+)?)\s{1,3}\Z")
_WINDOW = 48  # characters read before a match for its qualifiers
_COMPOUND_RE = re.compile(r"(\d{1,3})\s{0,2}(\S+(?:\s\S+)?)")


def _canonical(surface: str) -> str:
    """Fold the case and spacing of a matched surface so it can be looked up."""
    return _SPACE_RE.sub(" ", surface).lower()


def _parse_digits(raw: str) -> tuple[Decimal, bool]:
    """Digits in the Vietnamese convention -> (value, read with the English fallback).

    Only two shapes are English: a comma-grouped number with a decimal dot ("1,234.5") and a lone
    dot before one or two digits ("1.5"); the number pattern admits nothing else with a dot.
    """
    dot = raw.find(".")
    if dot >= 0 and ("," in raw[:dot] or (raw.count(".") == 1 and len(raw) - dot - 1 <= 2)):
        return Decimal(raw.replace(",", "")), True
    return Decimal(raw.replace(".", "").replace(",", ".")), False


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without scientific notation: 1200000000.0 -> 1200000000, 6.20 -> 6.2."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _unit_of(surface: str | None) -> tuple[str | None, str | None, Decimal]:
    """A matched unit-or-noun surface -> (unit id, noun, factor to the base unit)."""
    if surface is None:
        return None, None, Decimal(1)
    vocab = _vocab()
    key = _canonical(surface)
    if key in vocab.unit_by_surface:
        entry = vocab.unit_by_surface[key]
        return entry.unit_id, None, entry.factor
    return "count", key, Decimal(1)  # the noun as written, lower-cased: "CCN" -> "ccn"


def _per_id(surface: str) -> tuple[str, Decimal]:
    """A rate denominator -> (its id, factor): "/ha" -> ("ha", 1); "/tạ" -> ("t", 0.1)."""
    key = _canonical(surface)
    unit = _vocab().unit_by_surface.get(key)
    if unit is not None:
        return unit.unit_id, unit.factor
    noun = _vocab().noun_by_surface.get(key)
    return (noun.id if noun else key), Decimal(1)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


class _Qualifiers(NamedTuple):
    start: int
    end: int
    estimated: bool
    bound: str | None


def _qualifiers(text: str, start: int, end: int, is_range: bool) -> _Qualifiers:
    """Read the qualifier words just before ``start`` and just after ``end``.

    "từ" belongs to a range only; a bound word after a comparative ("cao hơn 1,03%") is not a
    bound but the start of a comparison, and is left out.
    """
    window_start = max(0, start - _WINDOW)
    last = _words_before(text, start, 1)
    found = _before_re().search(text, window_start, start) if last and last[0] in _qualifier_tails() else None
    new_start, estimated, bound = start, False, None
    if found and found.start() < start:
        if is_range and found.group("range"):
            new_start = found.start("range")
        if found.group("bound"):
            bound_kind, cancelled_by = _bound_of()[_canonical(found.group("bound"))]
            before = _WORD_BEFORE_RE.search(text, window_start, found.start("bound"))
            if not (before and before.group(1).split()[-1].lower() in cancelled_by):
                bound, new_start = bound_kind, found.start("bound")
        if found.group("estimated"):
            estimated, new_start = True, found.start("estimated")
    new_end = end
    after = _after_re().match(text, end)
    if after:
        bound, new_end = _bound_of()[_canonical(after.group("after"))][0], after.end()
        if found and found.group("range") and new_start == start:
            new_start = found.start("range")  # "từ 10 tỷ đồng trở lên"
    return _Qualifiers(new_start, new_end, estimated, bound)


def _words_before(text: str, start: int, count: int) -> list[str]:
    """Up to ``count`` words right before ``start``, lower-cased, nearest last.

    Words must be separated from each other and from ``start`` by white space only: after a comma
    or a bracket, nothing is "right before". A plain loop: this runs for every number found.
    """
    words: list[str] = []
    i = start
    while len(words) < count:
        j = i
        while j > 0 and i - j < 3 and text[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and j - k < 20 and text[k - 1].isalpha():
            k -= 1
        if j == i or k == j:
            break
        words.insert(0, text[k:j].lower())
        i = k
    return words


def _after_context_word(text: str, start: int) -> bool:
    """Is the number preceded by a word that makes it a year, ordinal, article or address?"""
    words = _words_before(text, start, 2)
    if not words:
        return False
    contexts = _vocab().contexts
    return words[-1] in contexts or " ".join(words) in contexts


def _quantity_from_digits(text: str, m: re.Match[str]) -> Quantity | None:
    """Build a Quantity from one match of the digit pattern, or None when it is not one."""
    if _after_context_word(text, m.start()) or not _NUMBER_RE.match(m.group("num")) or (
            m.group("num2") and not _NUMBER_RE.match(m.group("num2"))):
        return None
    vocab = _vocab()
    notes = []
    low, english = _parse_digits(m.group("num"))
    if english:
        notes.append(ENGLISH_FALLBACK.format(raw=m.group("num")))
    scale = vocab.scale_by_surface[_canonical(m.group("scale"))] if m.group("scale") else Decimal(1)
    if m.group("half"):
        low += Decimal("0.5")
    if m.group("more"):  # "41 tỷ 951 triệu": each smaller group in units of the first scale
        for digits, word in _COMPOUND_RE.findall(m.group("more")):
            low += Decimal(digits) * vocab.scale_by_surface[_canonical(word)] / scale
    unit, noun, factor = _unit_of(m.group("unit") or m.group("unit_only"))
    for key in ("per", "per2"):
        if m.group(key):
            per_id, per_factor = _per_id(m.group(key))
            unit = f"{unit or ''}/{per_id}"
            factor /= per_factor
    if unit is None and m.group("scale") is None:
        return None
    qual = _qualifiers(text, m.start(), m.end(), is_range=m.group("num2") is not None)
    value = high = total = None
    if m.group("num2"):
        high, english2 = _parse_digits(m.group("num2"))
        if english2:
            notes.append(ENGLISH_FALLBACK.format(raw=m.group("num2")))
        low_scale = vocab.scale_by_surface[_canonical(m.group("scale1"))] if m.group("scale1") else scale
        low, high = _tidy(low * low_scale * factor), _tidy(high * scale * factor)
        rule = "quantity: range"
    else:
        value = _tidy(low * scale * factor)
        low = None
        if m.group("total"):
            total = _tidy(_parse_digits(m.group("total"))[0])
            rule = "quantity: part of whole"
        else:
            rule = "quantity: digits" + (" scale" if m.group("scale") else "") + (" unit" if unit else "")
    return Quantity(
        value=value, low=low, high=high, total=total, unit=unit, noun=noun,
        raw=m.group(0), span=_span(text, m.start(), m.end()),
        extent=_span(text, qual.start, qual.end),
        bound=qual.bound, estimated=qual.estimated, rule=rule, note="; ".join(notes) or None,
    )


def _quantity_from_words(text: str, m: re.Match[str]) -> Quantity | None:
    """Build a Quantity from a spelled-out number ("hai mươi mốt xã"), or None."""
    words = m.group("words")
    tokens = [_canonical(t).lower() for t in _SPACE_RE.split(words)]
    vocab = _vocab()
    has_scale = any(t in vocab.scale_by_surface for t in tokens)
    if m.group("unit") is None and not has_scale:
        return None
    if len(tokens) == 1 and not has_scale:
        entry = vocab.word_by_surface.get(tokens[0])
        if entry is None or not entry.alone:
            return None  # "năm người", "một công trình": "năm" is also "year", "một" also "a"
    if all(t in vocab.scale_by_surface for t in tokens):
        return None  # "tỷ đồng" alone means "billions of đồng", not one billion
    value = _parse_words(tokens)
    if value is None:
        return None
    if _after_context_word(text, m.start()):
        return None
    unit, noun, factor = _unit_of(m.group("unit"))
    qual = _qualifiers(text, m.start(), m.end(), is_range=False)
    return Quantity(
        value=_tidy(value * factor), unit=unit, noun=noun, raw=m.group(0),
        span=_span(text, m.start(), m.end()), extent=_span(text, qual.start, qual.end),
        bound=qual.bound, estimated=qual.estimated, rule="quantity: spelled-out",
    )


def _resolve(found: list[Quantity]) -> list[Quantity]:
    """Keep non-overlapping quantities: the longest span wins, then the earliest start."""
    found.sort(key=lambda q: q.span.start)
    kept: list[Quantity] = []
    for q in found:
        if kept and q.span.start < kept[-1].span.end:
            last = kept[-1]
            if (q.span.end - q.span.start) > (last.span.end - last.span.start):
                kept[-1] = q
            continue
        kept.append(q)
    return kept


def _iter_quantities(text: str) -> Iterator[Quantity]:
    for m in _quantity_re().finditer(text):
        q = _quantity_from_digits(text, m)
        if q is not None:
            yield q
    covered = 0  # end of the last run of number words read: each run is read once, so the scan is linear
    for anchor in _spelled_anchor_re().finditer(text):
        at = anchor.start()
        if at < covered or (at and text[at - 1].isalnum()) or text[max(0, at - 2):at].strip().isdigit():
            continue  # inside a word or a run already read, or the scale word of "18.058 tỷ"
        before = _words_before_re().search(text, max(covered, at - 80), at)
        start = before.start() if before else at
        run = _word_run_re().match(text, start)
        covered = max(run.end() if run else at, anchor.end())
        m = _spelled_re().match(text, start)
        if m is None:
            continue
        covered = max(covered, m.end())
        q = _quantity_from_words(text, m)
        if q is not None:
            yield q


def find_quantities(text: str) -> list[Quantity]:
    """Every amount with a unit, scale word or counted noun in ``text``, in order, with spans.

    Never raises on a string; spans index ``text``.

    >>> [(q.value, q.unit, q.bound, q.estimated) for q in find_quantities("ước đạt trên 18.058 tỷ đồng")]
    [(Decimal('18058000000000'), 'VND', 'over', True)]
    >>> [(q.low, q.high, q.unit) for q in find_quantities("từ 5 đến 7 tỷ đồng")]
    [(Decimal('5000000000'), Decimal('7000000000'), 'VND')]
    >>> find_quantities("Sáng ngày 21/6/2022, nhiệm kỳ 2020- 2025, Số: 123/BC-UBND")
    []
    """
    return _resolve(list(_iter_quantities(text)))


# ---------------------------------------------------------------------------- spelled-out numbers

def _parse_words(tokens: list[str]) -> Decimal | None:
    """Vietnamese number words -> value, or None when they are not one well-formed number.

    Groups are closed by scale words (nghìn, triệu, tỷ); inside a group "trăm", "mươi", "mười",
    "linh" build the three digits. A digit right after the last scale word or "trăm" is read as
    the next place down, as people say it ("một trăm hai" = 120, "ba triệu hai" = 3 200 000).
    """
    vocab = _vocab()
    if not tokens:
        return None
    points = [i for i, t in enumerate(tokens) if vocab.word_by_surface.get(t, _NOT_A_WORD).role == "point"]
    if points:
        return _parse_decimal_words(tokens, points[0])
    total = Decimal(0)       # closed groups
    largest = Decimal(0)     # the largest scale applied to `total`
    group = Decimal(0)       # the group being read (below 1000, or a fraction for "nửa")
    digit: Decimal | None = None
    previous: str | None = None  # role or "scale" of the previous token
    last_unit = Decimal(1)  # place value the previous token closed, for "rưỡi" and "một trăm hai"
    for token in tokens:
        if token in vocab.scale_by_surface:
            factor = vocab.scale_by_surface[token]
            amount = group + (digit or 0)
            if amount == 0 and previous in (None, "scale"):
                amount = Decimal(1) if previous is None else Decimal(0)
            if previous == "scale" and amount == 0:
                total *= factor  # "nghìn tỷ" spelled as two words
                largest *= factor
            elif factor > largest:
                total = (total + amount) * factor
                largest = factor
            else:
                total += amount * factor
            group, digit, previous, last_unit = Decimal(0), None, "scale", factor
            continue
        entry = vocab.word_by_surface.get(token)
        if entry is None:
            return None
        role = entry.role
        if role == "digit":
            if digit is not None:
                return None
            if entry.after_tens and previous not in ("tens", "ten"):
                return None
            if previous in ("tens", "ten", "link"):
                group += entry.value
                previous = "units"
                continue
            digit = entry.value
        elif role == "ten":
            if digit is not None or previous in ("tens", "ten", "units"):
                return None
            group += 10
        elif role == "tens":
            if digit is None or digit < 2:
                return None
            group += digit * 10
            digit = None
        elif role == "hundred":
            if previous == "hundred" or group >= 100:
                return None
            group += (digit if digit is not None else Decimal(1)) * 100
            digit, last_unit = None, Decimal(100)
        elif role == "link":
            if previous != "hundred":
                return None
        elif role == "half":
            if digit is not None or group:
                return None
            group = entry.value
        elif role == "half_of":
            if previous not in ("scale", "hundred"):
                return None
            total += last_unit * entry.value if previous == "scale" else 0
            group += 50 if previous == "hundred" else 0
        else:
            return None
        previous = role
    if digit is not None:
        if previous == "digit" and len(tokens) > 1 and tokens[-2] in vocab.scale_by_surface | {"trăm": 0}:
            group += digit * (last_unit / 10)
        else:
            group += digit
    if previous == "link":
        return None
    return total + group


def _parse_decimal_words(tokens: list[str], point: int) -> Decimal | None:
    """ "năm mươi bảy phẩy ba" -> 57.3; "ba phẩy không năm" -> 3.05; "một phẩy hai tỷ" -> 1 200 000 000.

    The words after "phẩy" are read digit by digit when each is one digit, else as one number;
    scale words at the end apply to the whole.
    """
    vocab = _vocab()
    scales = tokens[point + 1:]
    factor = Decimal(1)
    while scales and scales[-1] in vocab.scale_by_surface:
        factor *= vocab.scale_by_surface[scales.pop()]
    whole, fraction = tokens[:point], scales
    whole_value = _parse_words(whole)
    if whole_value is None or not fraction:
        return None
    entries = [vocab.word_by_surface.get(t) for t in fraction]
    if all(e is not None and e.role == "digit" for e in entries):
        digits = "".join(str(e.value) for e in entries if e is not None)
    else:
        value = _parse_words(fraction)
        if value is None or value != value.to_integral_value():
            return None
        digits = str(int(value))
    return (whole_value + Decimal(f"0.{digits}")) * factor


_NUMBER_RE = re.compile(rf"(?P<num>{_DIGITS})\Z", re.VERBOSE)


def _parse_digit_groups(tokens: list[str]) -> Decimal | None:
    """Digits with scale words: "2,5 triệu", "47,5 nghìn tỷ", "5 triệu rưỡi", "1 tỷ 200 triệu"."""
    vocab = _vocab()
    total, i = Decimal(0), 0
    previous_factor: Decimal | None = None
    while i < len(tokens):
        if not _NUMBER_RE.match(tokens[i]):
            return None
        value, _ = _parse_digits(tokens[i])
        i += 1
        factor = Decimal(1)
        while i < len(tokens) and tokens[i].lower() in vocab.scale_by_surface:
            factor *= vocab.scale_by_surface[tokens[i].lower()]
            i += 1
        if i < len(tokens) and vocab.word_by_surface.get(tokens[i].lower(), _NOT_A_WORD).role == "half_of":
            value, i = value + Decimal("0.5"), i + 1
            if factor == 1:
                return None
        if previous_factor is not None and factor >= previous_factor:
            return None  # groups must go down: "1 tỷ 200 triệu", never "200 triệu 1 tỷ"
        if factor == 1 and i < len(tokens):
            return None
        total += value * factor
        previous_factor = factor
    return _tidy(total)


def parse_number(text: str) -> Decimal | None:
    """One number written with digits, words or both -> its value; None for anything else.

    >>> parse_number("18.058"), parse_number("57,3"), parse_number("hai mươi mốt")
    (Decimal('18058'), Decimal('57.3'), Decimal('21'))
    >>> parse_number("một trăm linh năm"), parse_number("5 triệu rưỡi"), parse_number("21/6/2022")
    (Decimal('105'), Decimal('5500000'), None)
    """
    if not isinstance(text, str):
        return None
    tokens = _canonical(normalize_text(text).strip()).split(" ")
    if not tokens or not tokens[0]:
        return None
    if re.fullmatch(r"\d[\d.,]*", tokens[0]):
        return _parse_digit_groups(tokens)
    try:
        value = _parse_words([t.lower() for t in tokens])
    except InvalidOperation:
        return None
    return None if value is None else _tidy(value)


# -------------------------------------------------------------------------------------- ordinals

_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def parse_roman(text: str) -> int | None:
    """A Roman numeral ("XXIV") -> 24; None when it is not a well-formed one.

    >>> parse_roman("XXIV"), parse_roman("IIII")
    (24, None)
    """
    if not text or not _ROMAN_RE.fullmatch(text):
        return None
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@cache
def _ordinal_re() -> re.Pattern[str]:
    entries = lexicon.entries("ordinals", OrdinalEntry)
    markers = alternation(s for e in entries if e.role == "marker" for s in e.surfaces)
    # Anything may lead ("Đại hội đại biểu lần thứ XX"); the number follows the last marker.
    return re.compile(rf"(?:.{{0,80}}\s)?(?:{markers})\s{{1,3}}(?P<rest>\S.{{0,60}})", re.IGNORECASE | re.DOTALL)


@cache
def _ordinal_words() -> dict[str, int]:
    entries = lexicon.entries("ordinals", OrdinalEntry)
    return {s: e.value for e in entries if e.role == "word" for s in e.surfaces}


def parse_ordinal(text: str) -> int | None:
    """An ordinal expression -> its number; None for anything else.

    >>> parse_ordinal("lần thứ Mười"), parse_ordinal("khóa XXIV"), parse_ordinal("Kỳ họp thứ 5")
    (10, 24, 5)
    >>> parse_ordinal("Thứ trưởng"), parse_ordinal("Mười")
    (None, None)
    """
    if not isinstance(text, str):
        return None
    text = _canonical(normalize_text(text).strip())
    words = _ordinal_words()
    if text in words:
        return words[text]
    m = _ordinal_re().fullmatch(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest in words:
        return words[rest]
    if rest.isdigit():
        return int(rest)
    roman = parse_roman(rest.upper())
    if roman is not None:
        return roman
    value = parse_number(rest)
    if value is None or value != value.to_integral_value() or value <= 0:
        return None
    return int(value)
