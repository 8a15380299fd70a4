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
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow, localcontext
from functools import cache
from typing import NamedTuple

from . import lexicon
from .lexicon import (
    NounEntry,
    NumberWordEntry,
    OrdinalEntry,
    QualifierEntry,
    ScaleEntry,
    UnitEntry,
    alternation,
    any_case_alternation,
)
from .models import Bound, Quantity, Span
from .normalize import normalize_text

__all__ = [
    "ENGLISH_FALLBACK",
    "ROMAN",
    "YEAR",
    "FoundQuantity",
    "Quantity",
    "QuantityLike",
    "find_quantities",
    "parse_number",
    "parse_ordinal",
    "parse_roman",
    "scan_quantities",
]

ENGLISH_FALLBACK = (
    "read {raw!r} in the English convention (dot as decimal mark); "
    "Vietnamese text writes 1,5 for one and a half and 1.500 for fifteen hundred"
)

# A number written with digits, in the Vietnamese convention first, after its first digit: the scan
# consumes one digit before any other test, which lets the engine skip non-digits at C speed.
_DIGITS_REST = r"""
    (?: \d{0,2}(?:\.\d{3}){1,6}(?:,\d{1,12})?   # grouped, maybe decimal: 18.058 / 41.818,8
      | \d{0,2}(?:,\d{3}){1,6}\.\d{1,12}         # English grouped decimal: 1,234.5 (fallback, warned)
      | \d{0,2}(?:,\d{3}){2,6}(?![\d,])          # English grouped: 1,234,567 (two commas: never a decimal)
      | \d{0,14}(?:,\d{1,12})?                   # plain, maybe decimal: 57,3 / 615 / 0,5
      | \d{0,14}\.\d{1,2}(?!\d)                  # English decimal: 1.5 (fallback, warned)
    )"""
_DIGITS = r"\d" + _DIGITS_REST


_EXACT = Context(prec=60, rounding=ROUND_HALF_EVEN, Emax=999, Emin=-999,
                 traps=[InvalidOperation, DivisionByZero, Overflow, Inexact])
# Every value is computed under this context: 60 digits hold any amount a report writes (digits are
# at most 31 long, scale words at most 10^27 in a row), and anything that would round or overflow
# raises inside the core, where it is caught and the text is read as "not a number" (never a wrong value).
_MAX_DIGITS = 40  # a value longer than this is not an amount anyone means ("tỷ tỷ tỷ tỷ tỷ")


@cache
def _vocab() -> _Vocab:
    """Everything the patterns and producers need from the data files, built once."""
    units = lexicon.entries("units", UnitEntry)
    nouns = lexicon.entries("nouns", NounEntry)
    scales = lexicon.entries("scales", ScaleEntry)
    words = lexicon.entries("number_words", NumberWordEntry)
    qualifiers = lexicon.entries("qualifiers", QualifierEntry)
    return _Vocab(
        unit_by_surface={s.lower(): u for u in units for s in u.surfaces},
        noun_by_surface={s.lower(): n for n in nouns for s in n.surfaces},
        scale_by_surface={s.lower(): e.factor for e in scales if not e.short for s in e.surfaces},
        short_scales={s: e.factor for e in scales if e.short for s in e.surfaces},
        word_by_surface={s: w for w in words for s in w.surfaces},
        qualifiers=qualifiers,
        contexts=frozenset(s.lower() for s in lexicon.surfaces("contexts")),
        prefix_units={s: u for u in units for s in u.prefixes},
        minus_words=frozenset(s for w in words if w.role == "minus" for s in w.surfaces),
        qualifier_words={q.sets: tuple(s for e in qualifiers if e.sets == q.sets for s in e.surfaces)
                         for q in qualifiers},
    )


class _Vocab(NamedTuple):
    unit_by_surface: dict[str, UnitEntry]
    noun_by_surface: dict[str, NounEntry]
    scale_by_surface: dict[str, Decimal]  # spelled scale words, keyed lower-case
    short_scales: dict[str, Decimal]      # "tr", "k", "M": after digits only, case as written
    word_by_surface: dict[str, NumberWordEntry]
    qualifiers: tuple[QualifierEntry, ...]
    contexts: frozenset[str]
    prefix_units: dict[str, UnitEntry]    # "USD", "$", "£": may stand before the number
    minus_words: frozenset[str]
    qualifier_words: dict[str, tuple[str, ...]]  # sets -> surfaces ("vague" -> vài, mấy, ...)


def _guard(not_before: tuple[str, ...]) -> str:
    """A lookahead refusing the words that show a surface means something else ("đồng chí")."""
    return rf"(?!\s{{1,3}}(?:{alternation(not_before)})(?!\w))" if not_before else ""


@cache
def _measure_alternation() -> str:
    """Units and counted nouns in one prefix tree, longest surface first."""
    vocab = _vocab()
    guards = {s: _guard(u.not_before) for s, u in vocab.unit_by_surface.items()}
    guards.update({s: _guard(n.not_before) for s, n in vocab.noun_by_surface.items()})
    return any_case_alternation(guards, guards)  # "1.200 Đảng viên", "1.000 TỶ ĐỒNG"


@cache
def _scale_alternation() -> str:
    """Scale words after digits: the spelled ones in any case, the short ones ("5tr", "3M") as written."""
    vocab = _vocab()
    return f"(?:{any_case_alternation(vocab.scale_by_surface)}|{alternation(vocab.short_scales)})(?!\\w)"


def _is_short_scale(surface: str) -> bool:
    return surface in _vocab().short_scales


def _scale_of(surface: str) -> Decimal:
    """A matched scale word (or a stack of them: "nghìn tỷ", "triệu tỷ") -> its factor."""
    vocab = _vocab()
    factor = Decimal(1)
    for word in _scale_token_re().findall(surface):
        short = vocab.short_scales.get(word)
        factor *= short if short is not None else vocab.scale_by_surface[_canonical(word)]
    return factor


@cache
def _scale_token_re() -> re.Pattern[str]:
    return re.compile(_scale_alternation())


@cache
def _more_re() -> re.Pattern[str]:
    """One smaller group of a compound amount: the "951 triệu" of "41 tỷ 951 triệu"."""
    return re.compile(rf"(\d{{1,3}})\s{{0,2}}({_scale_alternation()})")


_RANGE_SEPARATORS = ("-", "–", "—", "~", "đến", "tới")
_RANGE_SEPARATOR = "(?:" + "|".join(_RANGE_SEPARATORS) + ")"
_BETWEEN_CLOSE = "và"  # closes a range opened by "giữa": "giữa 5 và 7"


@cache
def _next_after_digits() -> str:
    """A class of every character that may follow a number's digits (after up to two spaces) in a match of
    the digit pattern: the first character of a scale word, unit, counted noun, range separator, "và" or "/".

    The digit pattern checks it right after the digits: most digit runs are no quantity (dates, codes,
    list numbers) and fail there at once, not after trying every scale, unit and range branch.
    """
    vocab = _vocab()
    spelled = [*vocab.scale_by_surface, *vocab.unit_by_surface, *vocab.noun_by_surface]
    firsts = set("".join(lexicon.case_classes(frozenset(w[0] for w in spelled)).values()))
    firsts.update(w[0] for w in (*vocab.short_scales, *_RANGE_SEPARATORS, _BETWEEN_CLOSE, "/"))
    return "[" + "".join(map(re.escape, sorted(firsts))) + "]"


def _between_lookbehind() -> str:
    """An empty group set when the number follows "giữa": only then may "và" close a range."""
    words = _vocab().qualifier_words.get("between", ())
    return "|".join(rf"(?<={re.escape(w)}\s\d)" for w in _capitalized(list(words)))


@cache
def _quantity_re(ranges: bool = True) -> re.Pattern[str]:
    """The digit pattern: a number, then a scale word and/or a unit or counted noun (required).

    ``ranges=False`` reads one amount only: the first end of "5 ha đến 7 tỷ đồng", which is no range.
    """
    vocab = _vocab()
    scales = _scale_alternation()
    half_of = alternation(s for s, w in vocab.word_by_surface.items() if w.role == "half_of")
    per = f'(?i:{alternation([*lexicon.surfaces("per"), *vocab.unit_by_surface, *vocab.noun_by_surface])})'
    measure = _measure_alternation()
    minor = alternation(s for u in vocab.unit_by_surface.values() for s in u.minor)
    prefixes = alternation(vocab.prefix_units)
    between = _between_lookbehind() or "(?!)"
    return re.compile(
        rf"""
        (?P<num>\d(?<![\w.,/–]\d)(?<![\w.,/\-–)]-\d)      # 18.058 or -1,2; not the tail of a code: 15/NQ, NQ-5
           (?P<btw>{between})?                             # giữa 5 (và 7): "và" may close the range
           (?=(?P<digits>(?:\d|[.,](?=\d)){{0,30}}))(?P=digits))  # the whole run, never part of it (atomic)
                                                        # (checked against the convention in Python)
        (?=\s{{0,2}}{_next_after_digits()})              # " tỷ", "%", "-", "/": what may follow, or fail now
        (?:
            (?:\s{{0,2}}(?P<scale1>{scales}(?:\s{{1,2}}{scales}){{0,2}}))?  # 5 tỷ (đến 7 tỷ)
            (?:\s{{0,2}}(?P<unit1>{measure})(?![^\W\d_]))?  # 1.000 đồng (đến 2.000 đồng) / 20% (- 25%)
            \s{{0,2}}(?:{_RANGE_SEPARATOR}|(?(btw){_BETWEEN_CLOSE}|(?!)))\s{{0,2}}  # range: 5-7 / 5 đến 7 / giữa 5 và 7
            (?:(?P<cur2>{prefixes})\s{{0,2}})?            # USD1.000-USD2.000
            (?P<num2>\d(?=(?P<digits2>(?:\d|[.,](?=\d)){{0,30}}))(?P=digits2))
          | /(?P<total>\d{{1,3}}(?:\.\d{{3}}){{1,4}}|\d{{1,9}})(?![\d/])  # part of a whole: 15/24, 1.250/1.300
        ){"?" if ranges else "{0}"}
        (?:
            \s{{0,2}}(?P<scale>{scales}(?:\s{{1,2}}{scales}){{0,2}})  # tỷ / nghìn tỷ / triệu tỷ (stacked)
            (?P<more>(?:\s{{1,2}}\d{{1,3}}\s{{0,2}}{scales}){{1,3}})?  # 41 tỷ 951 triệu
            (?:\s{{1,2}}(?P<half>{half_of})(?!\w))?     # 5 triệu rưỡi
            (?:\s{{0,2}}(?P<unit>{measure})(?!\w))?     # đồng / người (optional after a scale)
          | \s{{0,2}}(?P<unit_only>{measure})(?![^\W\d_]) # 57,3% / 300 ha / 1.200 hộ / 5 m2 / 10$
        )
        (?:\s{{1,2}}(?P<minor_num>\d{{1,2}})\s{{0,2}}(?P<minor>{minor})(?!\w))?  # 2 đô la 50 xu
        (?:\s?/\s?(?P<per>{per})(?!\w)(?:\s?/\s?(?P<per2>{per})(?!\w))?)?  # rate: đồng/kg, đồng/ năm
        """,
        re.VERBOSE,
    )


@cache
def _prefixed_re() -> re.Pattern[str]:
    """A currency written before its number: "$10", "USD 20", "USD1,5", "£9", "USD1.000-USD2.000"."""
    vocab = _vocab()
    prefixes = alternation(vocab.prefix_units)
    scales = _scale_alternation()
    number = r"\d(?=(?P<{0}>(?:\d|[.,](?=\d)){{0,30}}))(?P={0})"
    return re.compile(
        rf"""
        (?P<cur>{prefixes})\s{{0,2}}                                # USD / $ / £
        (?P<num>{number.format("digits")})                          # 1,5 / 1.000
        (?:\s{{0,2}}{_RANGE_SEPARATOR}\s{{0,2}}(?:(?P=cur)\s{{0,2}})?  # - USD
           (?P<num2>{number.format("digits2")}))?                    # 2.000
        (?:\s{{0,2}}(?P<scale>{scales}(?:\s{{1,2}}{scales}){{0,2}}))?  # triệu
        (?![\d.,]?\d)
        """,
        re.VERBOSE,
    )


def _capitalized(words: list[str]) -> list[str]:
    return [*words, *(w[0].upper() + w[1:] for w in words if w)]


def _spelled_words() -> list[str]:
    """Number and scale words a spelled-out number is made of (short scales are for digits only)."""
    vocab = _vocab()
    return [*vocab.word_by_surface, *vocab.scale_by_surface]


@cache
def _spelled_re() -> re.Pattern[str]:
    """A spelled-out number followed by a unit or counted noun: "hai mươi mốt xã", "ba tỷ đồng"."""
    words = _spelled_words()
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
    return re.compile(rf"(?:{alternation(_anchor_words())})(?!\w)")


@cache
def _anchor_words() -> list[str]:
    vocab = _vocab()
    anchors = [s for s, w in vocab.word_by_surface.items() if w.role not in ("digit", "link", "minus")]
    anchors += list(vocab.scale_by_surface)
    return _capitalized(anchors)


@cache
def _anchor_tail_re() -> tuple[re.Pattern[str], tuple[int, ...]]:
    """Where an anchor word may start, found from its tail: (pattern, how far each branch's match
    starts after the word).

    The anchor pattern starts with c, m, n, t ..., letters on a quarter of all positions, and tries
    every word there. Each branch here starts at the word's first accented letter (ư, ệ, ỷ ...),
    matches the rest of the word and looks back over its head, so the scanner stops far less often
    (measured 0.85x -> 0.50x of the digit scan). The anchor pattern then confirms each start.
    """
    branches: list[str] = []
    offsets: list[int] = []
    for word in sorted({w.split()[0] for w in _anchor_words()}):
        k = next((i for i, c in enumerate(word) if not c.isascii()), 0)
        branches.append(rf"{re.escape(word[k:])}(?<={re.escape(word)})()")
        offsets.append(k)
    return re.compile("|".join(branches)), tuple(offsets)


def _anchors(text: str) -> Iterator[re.Match[str]]:
    """The matches of the anchor pattern, as its ``finditer`` gives them, found from word tails."""
    tails, offsets = _anchor_tail_re()
    anchor = _spelled_anchor_re().match
    end = 0
    for hit in tails.finditer(text):
        at = hit.start() - offsets[(hit.lastindex or 1) - 1]
        if at >= end and (m := anchor(text, at)) is not None:
            end = m.end()
            yield m


@cache
def _word_run_re() -> re.Pattern[str]:
    """A run of number words, as long as a spelled number may be."""
    words = alternation(_capitalized(_spelled_words()))
    return re.compile(rf"(?:{words})(?:\s{{1,3}}(?:{words})){{0,12}}(?!\w)")


@cache
def _words_before_re() -> re.Pattern[str]:
    """The number words standing right before an anchor, read backwards from it."""
    words = _capitalized(_spelled_words())
    return re.compile(rf"(?<!\w)(?:(?:{alternation(words)})\s{{1,3}}){{1,12}}\Z")


@cache
def _before_re() -> re.Pattern[str]:
    """Qualifier words right before a number, read backwards from the number's start."""
    groups: dict[str, list[str]] = {"estimated": [], "bound": [], "range": [], "link": []}
    for q in _vocab().qualifiers:
        if q.position == "before" and q.sets != "vague":
            key = {"between": "range"}.get(q.sets, q.sets if q.sets in ("estimated", "range", "link") else "bound")
            groups[key].extend(q.surfaces)
    return re.compile(
        rf"""
        (?i)(?<!\w)
        (?:(?P<estimated>{alternation(groups["estimated"])})\s{{1,3}}   # ước đạt / dự kiến
           (?:(?:{alternation(groups["link"])})\s{{1,3}})?)?          # ... đạt / là
        (?:(?P<bound>{alternation(groups["bound"])})\s{{1,3}})?         # trên / khoảng / không dưới
        (?:(?P<range>{alternation(groups["range"])})\s{{1,3}})?         # từ (a range)
        \Z""",
        re.VERBOSE,
    )


@cache
def _after_re() -> re.Pattern[str]:
    after = [s for q in _vocab().qualifiers if q.position == "after" for s in q.surfaces]
    return re.compile(rf"\s{{1,3}}(?P<after>{alternation(after)})(?!\w)", re.IGNORECASE)


@cache
def _bound_of() -> dict[str, tuple[Bound, frozenset[str], re.Pattern[str] | None]]:
    """Qualifier surface -> (bound, the words before it that cancel it, what after the amount cancels it)."""
    return {
        s: (q.sets, frozenset(q.not_after),
            re.compile(rf"\s{{1,3}}(?i:{alternation(q.not_before)})(?!\w)") if q.not_before else None)
        for q in _vocab().qualifiers
        if q.sets in ("over", "under", "about")
        for s in q.surfaces
    }


@cache
def _qualifier_tails() -> frozenset[str]:
    """The last word of every qualifier (and of "đạt", which may follow one): a number preceded by
    anything else has no qualifier, and the qualifier pattern need not run.
    """
    return frozenset(s.split()[-1].lower() for q in _vocab().qualifiers if q.sets != "vague" for s in q.surfaces)


_SPACE_RE = re.compile(r"\s{1,3}")
_NOT_A_WORD = NumberWordEntry(id="-", role="digit", value=Decimal(0))
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+(?:\s[^\W\d_]+)?)\s{1,3}\Z")
_WINDOW = 48  # characters read before a match for its qualifiers
_MINUS_SIGNS = "-\N{MINUS SIGN}"


def _canonical(surface: str) -> str:
    """Fold the case and spacing of a matched surface so it can be looked up."""
    return _SPACE_RE.sub(" ", surface).lower()


def _parse_digits(raw: str) -> tuple[Decimal, bool]:
    """Digits in the Vietnamese convention -> (value, read with the English fallback).

    Only three shapes are English: a comma-grouped number with a decimal dot ("1,234.5"), two or
    more comma groups ("1,234,567") and a lone dot before one or two digits ("1.5"); the number
    pattern admits nothing else with a dot or a second comma.
    """
    dot = raw.find(".")
    if raw.count(",") > 1 or dot >= 0 and ("," in raw[:dot] or (raw.count(".") == 1 and len(raw) - dot - 1 <= 2)):
        return Decimal(raw.replace(",", "")), True
    return Decimal(raw.replace(".", "").replace(",", ".")), False


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without scientific notation: 1200000000.0 -> 1200000000, 6.20 -> 6.2.

    Raises ``ArithmeticError`` (caught by the callers) for a value too long to be an amount.
    """
    if value.adjusted() > _MAX_DIGITS:
        raise Overflow(f"{value} is longer than {_MAX_DIGITS} digits")
    if value == value.to_integral_value():
        return value.quantize(_ONE)
    return value.normalize()


_ONE = Decimal(1)
_HALF = Decimal("0.5")
_HUNDREDTH = Decimal("0.01")


def _unit_of(surface: str | None) -> tuple[str | None, str | None, Decimal, UnitEntry | None]:
    """A matched unit-or-noun surface -> (unit id, noun, factor to the base unit, the unit entry)."""
    if surface is None:
        return None, None, _ONE, None
    vocab = _vocab()
    key = _canonical(surface)
    entry = vocab.unit_by_surface.get(key)
    if entry is not None:
        return entry.unit_id, None, entry.factor, entry
    return "count", key, _ONE, None  # the noun as written, lower-cased: "CCN" -> "ccn"


def _per_id(surface: str) -> tuple[str, Decimal]:
    """A rate denominator -> (its id, factor): "/ha" -> ("ha", 1); "/tạ" -> ("t", 0.1)."""
    key = _canonical(surface)
    unit = _vocab().unit_by_surface.get(key)
    if unit is not None:
        return unit.unit_id, unit.factor
    noun = _vocab().noun_by_surface.get(key)
    return (noun.id if noun else key), _ONE


class _LazySpan:
    """A ``Span`` attribute of :class:`_Found`, built from its offsets on first read and kept in the
    instance dict: a non-data descriptor, so later reads are plain attribute reads (the pipeline reads
    each span many times; a descriptor call per read cost 2% of ``parse``).
    """

    def __init__(self, offsets: str) -> None:
        self.offsets = offsets
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, found: _Found, owner: type | None = None) -> Span:
        span = _span(found._text, *getattr(found, self.offsets))
        found.__dict__[self.name] = span
        return span


class _Found:
    """One quantity inside the core: the attributes of :class:`~govreport.models.Quantity`, no validation.

    The scan builds these (about a tenth of the cost of a validated model); :func:`find_quantities`
    turns them into ``Quantity`` models at the edge, and the pipeline's figures read them directly.
    ``span`` and ``extent`` are kept as offsets and become ``Span`` models only when read: a validated
    ``Span`` costs about as much as the rest of the quantity's Python, and ``find_quantities`` never
    needs one (it validates the whole quantity from one dict).
    """

    __slots__ = ("value", "low", "high", "total", "unit", "noun", "raw", "bound", "estimated", "rule", "note",
                 "_text", "_at", "_ext", "__dict__")
    _OFFSETS = {"span": "_at", "extent": "_ext"}

    def __init__(self, value: Decimal | None, low: Decimal | None, high: Decimal | None, total: Decimal | None,
                 unit: str | None, noun: str | None, raw: str, text: str, span: tuple[int, int],
                 extent: tuple[int, int], bound: Bound | None, estimated: bool, rule: str, note: str | None) -> None:
        self.value, self.low, self.high, self.total = value, low, high, total
        self.unit, self.noun, self.raw = unit, noun, raw
        self._text, self._at, self._ext = text, span, extent
        self.bound, self.estimated, self.rule, self.note = bound, estimated, rule, note

    span = _LazySpan("_at")
    extent = _LazySpan("_ext")

    def model_copy(self, update: dict[str, object]) -> _Found:
        """A copy with some attributes changed: the same call as on the pydantic model, so rules
        that adjust a quantity work on either.
        """
        copy = _Found.__new__(_Found)
        for name in self.__slots__:
            setattr(copy, name, getattr(self, name))
        copy.__dict__ = dict(self.__dict__)
        for name, value in update.items():
            setattr(copy, name, value)
            if name in self._OFFSETS:  # a new span moves its offsets too
                setattr(copy, self._OFFSETS[name], (value.start, value.end))  # type: ignore[attr-defined]
        return copy

    def _edge_span(self, built: Span | None, at: tuple[int, int]) -> Span | dict[str, object]:
        return built if built is not None else {"start": at[0], "end": at[1], "text": self._text[at[0]:at[1]]}

    def model(self) -> Quantity:
        """The public, validated model of this quantity, validated from one dict.

        (pydantic's ``model_construct`` would skip validation but costs more per model than validating these
        few typed fields: measured 3.8 µs against 2.6 µs. One ``model_validate`` of a dict with the spans as
        dicts costs 0.44x of the digit scan over the corpus, against 0.69x for two ``Span`` and a ``Quantity``.)
        """
        return Quantity.model_validate({
            "value": self.value, "low": self.low, "high": self.high, "total": self.total, "unit": self.unit,
            "noun": self.noun, "raw": self.raw, "span": self._edge_span(self.__dict__.get("span"), self._at),
            "extent": self._edge_span(self.__dict__.get("extent"), self._ext), "bound": self.bound,
            "estimated": self.estimated, "rule": self.rule, "note": self.note})


FoundQuantity = _Found
"""The core's own quantity: what the pipeline hands to the figures (same attributes as ``Quantity``)."""
QuantityLike = Quantity | _Found
"""Either form of a quantity: rules read the attributes both have."""


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


class _Qualifiers(NamedTuple):
    start: int
    end: int
    estimated: bool
    bound: Bound | None


def _qualifiers(text: str, start: int, end: int, is_range: bool, last: str | None) -> _Qualifiers:
    """Read the qualifier words just before ``start`` and just after ``end``.

    ``last`` is the word right before ``start`` (lower-cased), already read by the caller.
    "từ" belongs to a range only; a bound word after a comparative ("cao hơn 1,03%") is not a
    bound but the start of a comparison, and is left out.
    """
    window_start = max(0, start - _WINDOW)
    found = _before_re().search(text, window_start, start) if last in _qualifier_tails() else None
    new_start, estimated, bound = start, False, None
    if found and found.start() < start:
        if is_range and found.group("range"):
            new_start = found.start("range")
        if found.group("bound"):
            bound_kind, cancelled_by, cancelled_after = _bound_of()[_canonical(found.group("bound"))]
            before = _WORD_BEFORE_RE.search(text, window_start, found.start("bound"))
            if not (before and before.group(1).split()[-1].lower() in cancelled_by) and not (
                    cancelled_after and cancelled_after.match(text, end)):
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


def _is_context(words: list[str]) -> bool:
    """Is the number preceded by a word that makes it a year, ordinal, article or address?"""
    if not words:
        return False
    contexts = _vocab().contexts
    return words[-1] in contexts or " ".join(words) in contexts


def _sign_start(text: str, start: int, words: list[str]) -> int | None:
    """Where a minus sign before ``start`` begins ("-1,2%", "âm 3%"), or None when there is none.

    A hyphen counts only glued to the number and after a space, bracket or the start of the text:
    "2020-2025" and "NQ-5" are never negative (the scan refuses them before this is asked).
    """
    if start and text[start - 1] in _MINUS_SIGNS and (start == 1 or not text[start - 2].isalnum()):
        return start - 1
    if words and words[-1] in _vocab().minus_words:  # lower only the few characters searched, not the text
        window = max(0, start - 12)
        at = text[window:start].lower().rfind(words[-1])
        return window + at if at >= 0 else -1
    return None


def _value_of_number(raw: str, notes: list[str]) -> Decimal | None:
    """Digits checked against the convention -> value (None when off it); the fallback leaves a note."""
    if not _NUMBER_RE.match(raw):
        return None
    value, english = _parse_digits(raw)
    if english:
        notes.append(ENGLISH_FALLBACK.format(raw=raw))
    return value


def _rate_after_time(words: list[str], m: re.Match[str]) -> bool:
    """Is the number a percentage right after a time word ("tăng so với cùng kỳ 12%", "tăng trưởng cả năm 6,7%")?
    No year or period number is written with "%", so it is an amount; not across a line ("năm 2030⏎- 100%").
    """
    return (m.group("unit_only") or "").strip() == "%" and "\n" not in m.group() and words[-1] in _context_words("time")


def _amount_after_context(words: list[str], m: re.Match[str]) -> bool:
    """Is a number after a context word (a year's "năm") an amount all the same? A rate after a time word, or a
    number grouped in thousands after any but an ordinal's word ("trong năm 80.000 người"; no year is so written).
    """
    return _rate_after_time(words, m) or (
        _GROUPED_THOUSANDS_RE.fullmatch(m.group("num")) is not None and words[-1] not in _context_words("ordinal"))


_GROUPED_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # "80.000", "1.250,5"


@cache
def _context_words(context_id: str) -> frozenset[str]:
    """The surfaces of one entry of data/contexts.yaml ("time", "ordinal"), lower-cased."""
    return frozenset(s.lower() for e in lexicon.load("contexts") if e.id == context_id for s in e.surfaces)


def _quantity_from_digits(text: str, m: re.Match[str]) -> _Found | None:
    """Build a quantity from one match of the digit pattern, or None when it is not one."""
    start, end = m.start(), m.end()
    words = _words_before(text, start, 2)
    if _is_context(words) and not _amount_after_context(words, m):
        return None  # "năm 2022 người dân": a year; "trong năm 80.000 người", "so với cùng kỳ 12%": an amount
    notes: list[str] = []
    low = _value_of_number(m.group("num"), notes)
    if low is None:
        return None
    scale_text = m.group("scale")
    scale = _scale_of(scale_text) if scale_text else _ONE
    if m.group("half"):
        low += _HALF
    if m.group("more"):  # "41 tỷ 951 triệu": each smaller group in units of the first scale
        previous = scale
        for digits, word in _more_re().findall(m.group("more")):
            factor = _scale_of(word)
            if factor >= previous:
                return None  # groups go down: "0triệu 0tỷ 0triệu" is noise, never a scale counted twice
            low += Decimal(digits) * factor / scale
            previous = factor
    unit, noun, factor, entry = _unit_of(m.group("unit") or m.group("unit_only"))
    if m.group("num2"):
        unit1, noun1, factor1, _ = _unit_of(m.group("unit1"))
        if m.group("unit1") and (unit, noun) != (unit1, noun1) and unit is not None:
            raise _NotARange  # "5 ha đến 7 tỷ đồng": two different things, not one range
        if unit is None:
            unit, noun, factor = unit1, noun1, factor1
    if m.group("minor"):
        if entry is None or _canonical(m.group("minor")) not in {s.lower() for s in entry.minor}:
            return None
        low += Decimal(m.group("minor_num")) * _HUNDREDTH / scale
    for key in ("per", "per2"):
        if m.group(key):
            per_id, per_factor = _per_id(m.group(key))
            unit = f"{unit or ''}/{per_id}"
            factor /= per_factor
    if unit is None and (scale_text is None or _is_short_scale(scale_text)):
        return None  # "thông điệp 5K" is a slogan: a short scale makes an amount only with its unit
    sign = _sign_start(text, start, words)
    if sign is not None:
        start, low = sign, -low
        words = _words_before(text, start, 1)
    qual = _qualifiers(text, start, end, m.group("num2") is not None, words[-1] if words else None)
    value = high = total = None
    if m.group("num2"):
        high = _value_of_number(m.group("num2"), notes)
        if high is None:
            return None
        low_scale = _scale_of(m.group("scale1")) if m.group("scale1") else scale
        low, high = _tidy(low * low_scale * factor), _tidy(high * scale * factor)
        rule = "quantity: range"
    else:
        value = _tidy(low * scale * factor)
        low = None
        if m.group("total"):
            total = _tidy(_parse_digits(m.group("total"))[0])
            rule = "quantity: part of whole"
        else:
            rule = "quantity: digits" + (" scale" if scale_text else "") + (" unit" if unit else "")
    return _Found(value, low, high, total, unit, noun, text[start:end], text, (start, end),
                  (qual.start, qual.end), qual.bound, qual.estimated, rule, "; ".join(notes) or None)


def _quantity_from_prefix(text: str, m: re.Match[str]) -> _Found | None:
    """Build a quantity from a currency written before its number ("USD 20", "$10", "£9")."""
    start, end = m.start(), m.end()
    if start and (text[start - 1].isalnum() or text[start - 1] in "$€£¥"):
        return None  # "XUSD 5", "US$" read from its "$"
    entry = _vocab().prefix_units[m.group("cur")]
    notes: list[str] = []
    low = _value_of_number(m.group("num"), notes)
    if low is None:
        return None
    scale = _scale_of(m.group("scale")) if m.group("scale") else _ONE
    factor = scale * entry.factor
    words = _words_before(text, start, 1)
    qual = _qualifiers(text, start, end, m.group("num2") is not None, words[-1] if words else None)
    value = high = None
    if m.group("num2"):
        high = _value_of_number(m.group("num2"), notes)
        if high is None:
            return None
        low, high = _tidy(low * factor), _tidy(high * factor)
        rule = "quantity: range"
    else:
        value, low = _tidy(low * factor), None
        rule = "quantity: currency digits"
    return _Found(value, low, high, None, entry.unit_id, None, text[start:end], text, (start, end),
                  (qual.start, qual.end), qual.bound, qual.estimated, rule, "; ".join(notes) or None)


def _quantity_from_words(text: str, m: re.Match[str]) -> _Found | None:
    """Build a quantity from a spelled-out number ("hai mươi mốt xã"), or None."""
    tokens = [_canonical(t) for t in _SPACE_RE.split(m.group("words"))]
    vocab = _vocab()
    has_scale = any(t in vocab.scale_by_surface for t in tokens)
    if m.group("unit") is None and not has_scale:
        return None
    first = vocab.word_by_surface.get(tokens[0])
    if first is None or first.role in ("hundred", "link", "half_of", "point"):
        return None  # "tỷ đồng", "trăm nghìn đồng": "billions", "hundreds of thousands", no value
    if len(tokens) == 1 and not first.alone:
        return None  # "năm người", "một công trình": "năm" is also "year", "một" also "a"
    value = _parse_words(tokens)
    if value is None:
        return None
    words = _words_before(text, m.start(), 2)
    if _is_context(words) or (words and words[-1] in vocab.qualifier_words.get("vague", ())):
        return None  # "vài chục", "hàng trăm": no value a reader can write down
    unit, noun, factor, _ = _unit_of(m.group("unit"))
    qual = _qualifiers(text, m.start(), m.end(), False, words[-1] if words else None)
    return _Found(_tidy(value * factor), None, None, None, unit, noun, m.group(0),
                  text, (m.start(), m.end()), (qual.start, qual.end), qual.bound, qual.estimated,
                  "quantity: spelled-out", None)


def _resolve(found: list[_Found]) -> list[_Found]:
    """Keep non-overlapping quantities: the longest span wins, then the earliest start."""
    found.sort(key=lambda q: q._at[0])
    kept: list[_Found] = []
    for q in found:
        if kept and q._at[0] < kept[-1]._at[1]:
            last = kept[-1]
            if (q._at[1] - q._at[0]) > (last._at[1] - last._at[0]):
                kept[-1] = q
            continue
        kept.append(q)
    return kept


class _NotARange(Exception):
    """Both ends of a would-be range carry different units: read them as two amounts."""


def _digit_quantities(text: str, found: list[_Found]) -> None:
    pattern = _quantity_re().search
    pos = 0
    while True:
        m = pattern(text, pos)
        if m is None:
            break
        pos = m.end()
        try:
            q = _quantity_from_digits(text, m)
        except ArithmeticError:
            q = None
        except _NotARange:
            first = _quantity_re(ranges=False).match(text, m.start())
            q = _quantity_from_digits(text, first) if first else None
            pos = m.end("unit1")  # "7 tỷ đồng" gets its own turn
        if q is not None:
            found.append(q)


def _keep(found: list[_Found], read: Callable[[str, re.Match[str]], _Found | None], text: str,
          m: re.Match[str]) -> None:
    """Append what ``read`` makes of a match; a value too large to hold exactly is no quantity."""
    try:
        q = read(text, m)
    except ArithmeticError:
        return
    if q is not None:
        found.append(q)


def _prefixed_quantities(text: str, found: list[_Found]) -> None:
    for m in _prefixed_re().finditer(text):
        _keep(found, _quantity_from_prefix, text, m)


def _spelled_quantities(text: str, found: list[_Found]) -> None:
    covered = 0  # end of the last run of number words read: each run is read once, so the scan is linear
    for anchor in _anchors(text):
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
        _keep(found, _quantity_from_words, text, m)


def scan_quantities(text: str) -> list[_Found]:
    """The fast scan behind :func:`find_quantities`: the same quantities, as plain slotted objects.

    The pipeline calls this directly; the objects carry every attribute of ``Quantity`` under the
    same name (value, low, high, total, unit, noun, raw, span, extent, bound, estimated, rule, note).
    """
    found: list[_Found] = []
    if not isinstance(text, str) or not text:
        return found
    with localcontext(_EXACT):
        _digit_quantities(text, found)
        if _has_prefix_currency(text):
            _prefixed_quantities(text, found)
        _spelled_quantities(text, found)
    return _resolve(found)


@cache
def _prefix_unit_re() -> re.Pattern[str]:
    return re.compile(alternation(_vocab().prefix_units))


def _has_prefix_currency(text: str) -> bool:
    """A cheap test before the prefix scan: most reports write no "USD 20" or "$10" at all.

    One regex pass (measured 0.26x of the digit scan) costs less than one ``in`` per currency (0.37x).
    """
    return _prefix_unit_re().search(text) is not None


def find_quantities(text: str) -> list[Quantity]:
    """Every amount with a unit, scale word or counted noun in ``text``, in order, with spans.

    Never raises on a string; spans index ``text``. Negative amounts ("-1,2%", "âm 3%") have a
    negative value and their span starts at the sign; "tăng trưởng âm 3%" is -3 %, and which way
    a change goes is for the figures to say.

    >>> [(q.value, q.unit, q.bound, q.estimated) for q in find_quantities("ước đạt trên 18.058 tỷ đồng")]
    [(Decimal('18058000000000'), 'VND', 'over', True)]
    >>> [(q.low, q.high, q.unit) for q in find_quantities("từ 5 đến 7 tỷ đồng")]
    [(Decimal('5000000000'), Decimal('7000000000'), 'VND')]
    >>> [(q.value, q.unit) for q in find_quantities("giá 10k đồng, khoảng $10, âm 3%")]
    [(Decimal('10000'), 'VND'), (Decimal('10'), 'USD'), (Decimal('-3'), '%')]
    >>> find_quantities("Sáng ngày 21/6/2022, nhiệm kỳ 2020- 2025, Số: 123/BC-UBND")
    []
    """
    return [q.model() for q in scan_quantities(text)]


# ---------------------------------------------------------------------------- spelled-out numbers

def _parse_words(tokens: list[str]) -> Decimal | None:
    """Vietnamese number words -> value, or None when they are not one well-formed number.

    Groups are closed by scale words (chục, nghìn, triệu, tỷ), which stack and multiply ("nghìn tỷ",
    "triệu tỷ") and may start a number ("trăm nghìn", "tỷ hai"); inside a group "trăm", "mươi",
    "mười", "linh" build the three digits. A digit right after the last scale word or "trăm" is read
    as the next place down, as people say it ("một trăm hai" = 120, "ba triệu hai" = 3 200 000,
    "nghìn tư" = 1 400, "trăm mốt" = 110). "linh"/"lẻ"/"lẽ" after a scale word opens a smaller
    remainder ("một nghìn lẻ năm" = 1 005, "tỷ rưỡi lẻ chín trăm nghìn" = 1 500 900 000).
    "âm" first makes the number negative.
    """
    vocab = _vocab()
    if not tokens:
        return None
    first = vocab.word_by_surface.get(tokens[0])
    if first is not None and first.role == "minus":
        rest = _parse_words(tokens[1:])
        return None if rest is None else -rest
    points = [i for i, t in enumerate(tokens) if vocab.word_by_surface.get(t, _NOT_A_WORD).role == "point"]
    if points:
        return _parse_decimal_words(tokens, points[0])
    total = Decimal(0)       # closed groups
    largest = Decimal(0)     # the largest scale applied to `total`
    group = Decimal(0)       # the group being read (below 1000, or a fraction for "nửa")
    digit: Decimal | None = None
    previous: str | None = None  # role or "scale" of the previous token
    last_unit = _ONE  # place value the previous token closed, for "rưỡi" and "một trăm hai"
    remainder = False  # after "lẻ" following a scale: the rest is a smaller, complete number
    for position, token in enumerate(tokens):
        if token in vocab.scale_by_surface:
            factor = vocab.scale_by_surface[token]
            amount = group + (digit or 0)
            if amount == 0 and previous in (None, "scale"):
                amount = _ONE if previous is None else Decimal(0)
            if previous == "scale" and amount == 0:
                total *= factor  # "nghìn tỷ" spelled as two words, "triệu tỷ"
                largest *= factor
            elif factor > largest and not remainder:
                total = (total + amount) * factor
                largest = factor
            elif factor < largest:
                total += amount * factor
            else:
                return None  # "hai tỷ lẻ ba tỷ": a remainder is smaller than what it follows
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
                if previous not in ("scale", "hundred") or position != len(tokens) - 1:
                    return None  # "mốt", "lăm" follow mươi/mười, or stand last after a scale: "trăm mốt"
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
            group += (digit if digit is not None else _ONE) * 100
            digit, last_unit = None, Decimal(100)
        elif role == "link":
            if previous in ("scale", "half_of") and largest > 0 and not remainder:
                remainder, previous = True, "remainder"
                continue  # "một nghìn lẻ năm": the next words are a number of their own
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
    if previous in ("link", "remainder"):
        return None
    if digit is not None:
        before = tokens[-2] if len(tokens) > 1 else ""
        if previous == "digit" and (before in vocab.scale_by_surface
                                    or vocab.word_by_surface.get(before, _NOT_A_WORD).role == "hundred"):
            group += digit * (last_unit / 10)
        else:
            group += digit
    return total + group


def _parse_decimal_words(tokens: list[str], point: int) -> Decimal | None:
    """ "năm mươi bảy phẩy ba" -> 57.3; "ba phẩy không năm" -> 3.05; "một phẩy hai tỷ" -> 1 200 000 000.

    The words after "phẩy" are read digit by digit when each is one digit, else as one number;
    scale words at the end apply to the whole.
    """
    vocab = _vocab()
    scales = tokens[point + 1:]
    factor = _ONE
    while scales and scales[-1] in vocab.scale_by_surface:
        factor *= vocab.scale_by_surface[scales.pop()]
    whole, fraction = tokens[:point], scales
    whole_value = _parse_words(whole)
    if whole_value is None or not fraction or whole_value < 0:
        return None
    entries = [vocab.word_by_surface.get(t) for t in fraction]
    if all(e is not None and e.role == "digit" for e in entries):
        digits = "".join(str(e.value) for e in entries if e is not None)
    else:
        value = _parse_words(fraction)
        if value is None or value != value.to_integral_value() or value < 0:
            return None
        digits = str(int(value))
    return (whole_value + Decimal(f"0.{digits}")) * factor


_NUMBER_RE = re.compile(rf"(?P<num>{_DIGITS})\Z", re.VERBOSE)
_GLUED_RE = re.compile(r"(\d[\d.,]*)(.*)\Z", re.DOTALL)


def _parse_digit_groups(tokens: list[str]) -> Decimal | None:
    """Digits with scale words: "2,5 triệu", "47,5 nghìn tỷ", "5 triệu rưỡi", "1 tỷ 200 triệu", "5tr"."""
    vocab = _vocab()
    total, i = Decimal(0), 0
    previous_factor: Decimal | None = None
    while i < len(tokens):
        glued = _GLUED_RE.match(tokens[i])
        if glued is None or not _NUMBER_RE.match(glued.group(1)):
            return None
        value, _ = _parse_digits(glued.group(1))
        i += 1
        factor = _ONE
        if glued.group(2):
            factor = _scale_word(glued.group(2))
        while i < len(tokens) and factor and _scale_word(tokens[i]):
            factor *= _scale_word(tokens[i])
            i += 1
        if not factor:
            return None
        if i < len(tokens) and vocab.word_by_surface.get(tokens[i].lower(), _NOT_A_WORD).role == "half_of":
            value, i = value + _HALF, i + 1
            if factor == 1:
                return None
        if previous_factor is not None and factor >= previous_factor:
            return None  # groups must go down: "1 tỷ 200 triệu", never "200 triệu 1 tỷ"
        if factor == 1 and i < len(tokens):
            return None
        total += value * factor
        previous_factor = factor
    return _tidy(total)


def _scale_word(word: str) -> Decimal:
    """A scale word as written after digits -> its factor; 0 when it is none ("5 m" is not 5 million)."""
    vocab = _vocab()
    short = vocab.short_scales.get(word)
    return short if short is not None else vocab.scale_by_surface.get(word.lower(), Decimal(0))


def parse_number(text: str) -> Decimal | None:
    """One number written with digits, words, both, or Roman numerals -> its value; None for anything else.

    Never raises; any value returned is finite and exact. "âm" or a minus sign makes it negative.

    >>> parse_number("18.058"), parse_number("57,3"), parse_number("hai mươi mốt")
    (Decimal('18058'), Decimal('57.3'), Decimal('21'))
    >>> parse_number("một trăm linh năm"), parse_number("5 triệu rưỡi"), parse_number("21/6/2022")
    (Decimal('105'), Decimal('5500000'), None)
    >>> parse_number("âm 2,5"), parse_number("một nghìn lẻ năm"), parse_number("XXI"), parse_number("5tr")
    (Decimal('-2.5'), Decimal('1005'), Decimal('21'), Decimal('5000000'))
    """
    if not isinstance(text, str):
        return None
    try:
        with localcontext(_EXACT):
            return _parse_number(text)
    except ArithmeticError:
        return None


def _parse_number(text: str) -> Decimal | None:
    raw_tokens = _SPACE_RE.sub(" ", normalize_text(text).strip()).split(" ")  # case kept: "3M", "10K"
    if not raw_tokens[0]:
        return None
    negative = False
    if raw_tokens[0].lower() in _vocab().minus_words and len(raw_tokens) > 1:
        negative, raw_tokens = True, raw_tokens[1:]
    elif raw_tokens[0][0] in _MINUS_SIGNS and raw_tokens[0][1:2].isdigit():
        negative, raw_tokens[0] = True, raw_tokens[0][1:]
    if raw_tokens[0][0].isdigit():
        value = _parse_digit_groups(raw_tokens)
    elif len(raw_tokens) == 1 and not negative and _ROMAN_RE.fullmatch(raw_tokens[0]):
        roman = parse_roman(raw_tokens[0])
        value = None if roman is None else Decimal(roman)
    else:
        words = _parse_words([t.lower() for t in raw_tokens])
        value = None if words is None else _tidy(words)
    if value is None:
        return None
    return -value if negative and value else value


# -------------------------------------------------------------------------------------- ordinals

ROMAN = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
"""A Roman numeral, never empty ("XXIV", "IV"): the one Roman pattern (dates and ordinals use it)."""
YEAR = r"[12]\d{3}"
"""A year written with four digits (1000-2999): the one year pattern (rules/dates.py builds on it)."""
_ROMAN_RE = re.compile(ROMAN)
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
    if len(text) > 200:
        return None  # an ordinal is a few words; long text is never one
    words = _ordinal_words()
    if text in words:
        return words[text]
    m = _ordinal_re().fullmatch(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest in words:
        return words[rest]
    if rest.isascii() and rest.isdigit():
        return int(rest)
    roman = parse_roman(rest.upper())
    if roman is not None:
        return roman
    value = parse_number(rest)
    if value is None or value != value.to_integral_value() or value <= 0:
        return None
    return int(value)
