"""Loads and validates the vocabulary in ``govreport/data/*.yaml``.

Vocabulary is data, code says how to combine it: every word list used in a pattern comes from
here, and :func:`alternation` turns it into a regex branch (escaped, longest first), so a word is
typed once. Files are read once per process and cached; a malformed file raises
:class:`~govreport.errors.LexiconError` naming the file, the entry and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import LexiconError

__all__ = [
    "AbbreviationEntry",
    "CalendarEntry",
    "DocumentTypeEntry",
    "Entry",
    "GrammarWordEntry",
    "MeetingCueEntry",
    "MeetingKindEntry",
    "NounEntry",
    "NumberWordEntry",
    "OfficialCueEntry",
    "OrdinalEntry",
    "OrganizationEntry",
    "QualifierEntry",
    "ScaleEntry",
    "TitleEntry",
    "UnitEntry",
    "alternation",
    "word_re",
    "currency_units",
    "load",
]


class Entry(BaseModel):
    """One concept: a canonical ``id`` and every way it is written."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    surfaces: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _default_surfaces(self) -> Entry:
        if not self.surfaces:
            object.__setattr__(self, "surfaces", (self.id,))
        return self


class ScaleEntry(Entry):
    """A scale word; ``short`` forms ("5tr", "10k", "3M") follow digits only and match case as written."""

    factor: Decimal
    short: bool = False


class UnitEntry(Entry):
    """A unit. ``currency`` marks money (other modules read it through :func:`currency_units`);
    ``prefixes`` are the surfaces that may also stand before the number ("USD 20", "$10", "£9");
    ``minor`` names the hundredth of a currency ("2 đô la 50 xu" = 2,5 USD).
    """

    unit: str | None = None
    factor: Decimal = Decimal(1)
    not_before: tuple[str, ...] = ()
    currency: bool = False
    prefixes: tuple[str, ...] = ()
    minor: tuple[str, ...] = ()

    @property
    def unit_id(self) -> str:
        """The unit this entry stands for (its own id unless it names another)."""
        return self.unit or self.id


class NounEntry(Entry):
    """A counted noun ("hộ", "đảng viên"); ``not_before`` refuses it before words that make it another."""

    not_before: tuple[str, ...] = ()


class QualifierEntry(Entry):
    """A word around an amount. ``vague`` words ("vài chục") leave a number without a value;
    ``between`` opens a range closed by "và" ("giữa 5 và 7 tỷ đồng").
    """

    sets: Literal["estimated", "over", "under", "about", "range", "vague", "between", "link"]
    position: Literal["before", "after"]
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()  # words right after the amount that cancel it ("ít hơn 9 vụ so với ...")


class NumberWordEntry(Entry):
    """A number word ("mươi", "lăm", "rưỡi") and the part it plays in a spelled number."""

    role: Literal["digit", "ten", "tens", "hundred", "link", "half_of", "half", "point", "minus"]
    value: Decimal
    after_tens: bool = False
    alone: bool = True


class OrdinalEntry(Entry):
    """An ordinal marker ("lần thứ") or an ordinal word ("Mười")."""

    role: Literal["word", "marker"]
    value: int


class CalendarEntry(Entry):
    """Calendar words for dates: month names ("tháng Giêng" = 1), weekdays (``value`` 0 = Monday,
    as :meth:`datetime.date.weekday`), day leads ("mồng", "mùng"), the words of "từ đầu năm đến nay"
    (``since``), and the words that make a month a plan rather than a result (``future``).
    """

    kind: Literal["month", "weekday", "day_lead", "since", "future", "target", "reporting_months",
                  "reporting_lead", "reporting_verb", "continuation", "plan_verb", "cumulative", "present",
                  "dateline_label", "agenda", "closing", "duration_lead", "stock_verb",
                  "review", "law_name", "months_lead", "months_opening",
                  "duration_after", "ever", "result_adverb", "this_unit", "other_unit", "report_topic",
                  "when_clause"]
    value: int | None = None


class MeetingKindEntry(Entry):
    """A kind of meeting ("hội nghị"); ``not_before``/``not_after`` refuse lookalikes ("lễ hội")."""

    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    # the kinds this one is a sitting of: "phiên chất vấn" in a report on a "kỳ họp" is that session's
    sitting_of: tuple[str, ...] = ()


class TitleEntry(Entry):
    """A role heading a title ("Phó Bí thư" + its organization) or a whole title ("Thành ủy viên")."""

    kind: Literal["role", "member", "rank"]
    # a post held abroad or at a branch, whose place follows "tại": "Đại sứ Việt Nam tại Nhật Bản"
    posted: bool = False


class OrganizationEntry(Entry):
    """Words that build an organization after a role: heads, administrative units, lower-case name words."""

    kind: Literal["head", "unit", "word"]
    # a head whose capitalized name may go on in lower case up to its own proper name ("Công ty CP Năng lượng
    # sinh học Phú Tài"): firms, institutes, associations; never a state department a verb may follow
    described: bool = False


class AbbreviationEntry(Entry):
    """An abbreviation used in organization names ("HĐND") and what it stands for."""

    expanded: str


class MeetingCueEntry(Entry):
    """A word that introduces a field of a meeting ("nhằm" a purpose, "tại" a location)."""

    sets: Literal["verb", "expanded", "location", "purpose", "term", "tenure", "today", "of", "range",
                  "qualifier", "partner", "group", "same_day", "topic", "ordinal", "period",
                  "announced", "numbered_body", "with", "standing", "leaders", "work", "by", "when", "agenda",
                  "anniversary", "upcoming", "plan_document", "number_sign", "discusses",
                  "aspect", "at_time"]


class OfficialCueEntry(Entry):
    """A word that tells an official's role ("chủ trì"), brings a title ("giữ chức") or ends one."""

    sets: Literal["attended", "chaired", "spoke", "concluded", "directed", "appointment", "career", "listing",
                  "target", "separator", "qualifier", "stop"]
    not_before: tuple[str, ...] = ()


class GrammarWordEntry(Entry):
    """A small grammar word the title and people rules read: a demonstrative, or a word that makes a group."""

    kind: Literal["demonstrative", "plural", "counted", "list_open", "shared_title", "term", "numbered_body",
                  "name_column", "position_column", "source", "body_of", "company", "list_lead", "holders",
                  "legal_grounds", "in_charge", "sub_unit", "parent_body"]


@cache
def grammar_words(*kinds: str) -> frozenset[str]:
    """The lower-cased surfaces of some kinds of grammar word (data/grammar_words.yaml), one set, built once."""
    return frozenset(s.lower() for e in entries("grammar_words", GrammarWordEntry) if e.kind in kinds
                     for s in e.surfaces)


class DocumentTypeEntry(Entry):
    """A kind of document ("nghị quyết") and its type codes in document numbers ("NQ"); ``prescribes``
    marks plans, decisions and rules, whose amounts are targets and norms rather than reported results.
    """

    codes: tuple[str, ...] = ()
    prescribes: bool = False


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entries: list[dict[str, object]] = Field(min_length=1)


E = TypeVar("E", bound=Entry)

SCHEMAS: dict[str, type[Entry]] = {
    "scales": ScaleEntry,
    "units": UnitEntry,
    "nouns": NounEntry,
    "per": Entry,
    "qualifiers": QualifierEntry,
    "number_words": NumberWordEntry,
    "ordinals": OrdinalEntry,
    "contexts": Entry,
    "comparisons": Entry,
    "metrics": Entry,
    "metric_bounds": Entry,
    "time_words": Entry,
    "figure_cues": Entry,
    "counted_nouns": Entry,  # generated by scripts/generate_counted_nouns.py
    "boundary_verbs": Entry,  # generated by scripts/generate_counted_nouns.py
    "not_counted": Entry,  # read by scripts/generate_counted_nouns.py
    "calendar": CalendarEntry,
    # meetings, officials, references (rules/meetings.py, rules/officials.py, rules/references.py)
    "meeting_kinds": MeetingKindEntry,
    "meeting_cues": MeetingCueEntry,
    "titles": TitleEntry,
    "organizations": OrganizationEntry,
    "abbreviations": AbbreviationEntry,
    "honorifics": Entry,
    "official_cues": OfficialCueEntry,
    "grammar_words": GrammarWordEntry,
    "surnames": Entry,
    "places": Entry,
    "document_types": DocumentTypeEntry,
}


@cache
def load(name: str) -> tuple[Entry, ...]:
    """Return the validated entries of ``data/<name>.yaml`` (cached).

    >>> [e.id for e in load("scales")][:2]
    ['ten', 'thousand']
    """
    schema = SCHEMAS[name]
    filename = f"{name}.yaml"
    try:
        raw = yaml.safe_load(resources.files("govreport.data").joinpath(filename).read_text("utf-8"))
        entries_raw = _File.model_validate(raw).entries
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise LexiconError(f"data/{filename}: cannot be read as a list of entries ({exc}); "
                           "it must be a YAML mapping with an 'entries' list") from exc
    entries: list[Entry] = []
    seen_ids: set[str] = set()
    seen_surfaces: dict[str, str] = {}
    for position, item in enumerate(entries_raw):
        try:
            entry = schema.model_validate(item)
        except ValidationError as exc:
            raise LexiconError(f"data/{filename}: entry {position} ({item.get('id')!r}) is invalid: {exc}") from exc
        if entry.id in seen_ids:
            raise LexiconError(f"data/{filename}: id {entry.id!r} appears twice; give each entry its own id")
        seen_ids.add(entry.id)
        for surface in entry.surfaces:
            if surface in seen_surfaces:
                raise LexiconError(f"data/{filename}: surface {surface!r} of {entry.id!r} is already a surface "
                                   f"of {seen_surfaces[surface]!r}; keep it in one entry")
            seen_surfaces[surface] = entry.id
        entries.append(entry)
    return tuple(entries)


def entries(name: str, kind: type[E]) -> tuple[E, ...]:
    """Typed access to :func:`load` for code that needs the subclass fields."""
    loaded = load(name)
    assert all(isinstance(e, kind) for e in loaded)
    return loaded  # type: ignore[return-value]


@cache
def currency_units() -> frozenset[str]:
    """The unit ids that are money ("VND", "USD", ...): the entries of units.yaml with ``currency: true``.

    >>> sorted(currency_units())
    ['CNY', 'EUR', 'GBP', 'JPY', 'USD', 'VND']
    """
    return frozenset(u.unit_id for u in entries("units", UnitEntry) if u.currency)


def surfaces(name: str) -> list[str]:
    """Every surface of every entry of one data file."""
    return [s for e in load(name) for s in e.surfaces]


def alternation(words: Iterable[str], guards: dict[str, str] | None = None) -> str:
    """A regex matching any of ``words``, longest first, as a prefix tree.

    A prefix tree lets the engine reject a position after one or two characters instead of trying
    every word in turn, which is what keeps the number scan fast. A space inside a word matches a
    short run of white space. ``guards`` maps a word to a lookahead that must hold after it.

    >>> print(alternation(["nghìn", "nghìn tỷ", "ngàn"]))
    ng(?:hìn(?:\\s{1,3}tỷ|)|àn)
    """
    return _trie_pattern(_trie(words, guards))


def any_case_alternation(words: Iterable[str], guards: dict[str, str] | None = None) -> str:
    """``(?i:alternation(words, guards))`` with the same matches, each letter written as the class of the
    characters it matches under IGNORECASE, in a case-sensitive pattern.

    Under IGNORECASE a branch that opens with a letter is entered and tested; a branch that opens with a
    class (or a case-sensitive letter) is passed over by ``re`` on its first character without entering
    it. A prefix tree tried where it fails (most places after a number) fails this way in a few steps.

    >>> print(any_case_alternation(["ha", "hộ"]))
    [Hh](?:[Aa]|[Ộộ])
    """
    trie = _trie(words, guards)
    chars = frozenset(_trie_chars(trie)) - {" "}
    if any(ord(c) > 0xFFFF for c in chars):
        return f"(?i:{_trie_pattern(trie)})"
    return _trie_pattern(trie, case_classes(chars))


def _trie_chars(node: dict[str, Any]) -> Iterator[str]:
    """Every character of the words of a prefix tree."""
    for char, child in node.items():
        if char:
            yield char
            yield from _trie_chars(child)


def _trie(words: Iterable[str], guards: dict[str, str] | None = None) -> dict[str, Any]:
    """The prefix tree of ``words``: a character leads to the next node, "" holds the guard of a word ending here."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = (guards or {}).get(word, "")
    return trie


@cache
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane, to list the case variants ``re`` matches for a letter."""
    return "".join(map(chr, range(0x10000)))


def word_re(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word, in any case: ``(?<!\\w)(?:alternation(words))(?!\\w)`` with
    ``re.IGNORECASE``, with the same matches, arranged so that a scan skips text at C speed.

    A pattern that opens with a lookbehind gives the engine nothing to skip by, so it is tried at every
    position. This one is one branch per character that a first letter matches under IGNORECASE (found by
    asking ``re`` itself over the BMP: "k" matches the Kelvin sign), each opening with that character,
    case-sensitive: ``re`` then skips to the next such character at C speed, and at a stop it passes over
    every branch of another character without entering it (a branch opening with a lookbehind, as this
    pattern had, is entered and its lookbehind run: measured 0.10 s against 0.075 s for the officials'
    anchor over the corpus). Each branch checks the word boundary behind its letter, then reads the rest
    of every word whose first letter that character matches, in the order of those letters.

    >>> [m.group() for m in word_re(["ông", "bà", "bí thư"]).finditer("Ông A, bàn, BÍ  THƯ B")]
    ['Ông', 'BÍ  THƯ']
    """
    trie = _trie(words)
    firsts = sorted(k for k in trie if k)
    if not firsts or "" in trie or " " in firsts or max(map(ord, firsts)) > 0xFFFF:
        return re.compile(rf"(?<!\w)(?:{_trie_pattern(trie)})(?!\w)", re.IGNORECASE)
    letters: dict[str, list[str]] = {}  # a character -> the first letters it matches, in order
    for first, variants in case_classes(frozenset(firsts)).items():
        for char in variants:
            letters.setdefault(char, []).append(first)
    branches = "|".join(
        rf"{re.escape(char)}(?<!\w[\s\S])(?i:{'|'.join(_trie_pattern(trie[first]) for first in letters[char])})"
        for char in sorted(letters))
    return re.compile(rf"(?:{branches})(?!\w)")


def scan_alternation(words: Iterable[str], word_start: bool = False) -> str:
    """``(?i:alternation(words))``, after ``(?<!\\w)`` when ``word_start``, with the same matches, arranged to open
    with a case-sensitive class: a pattern (IGNORECASE or not) that starts with it skips text at C speed.

    Under IGNORECASE a pattern that opens with a letter, or with the word-boundary lookbehind, gives ``re``
    nothing to skip by, and it is tried at every position. This one consumes the first letter from the class of
    every character a first letter matches, checks the boundary behind it, and lets each first letter, checked
    again by a lookbehind, take its own branch. (:func:`word_re` builds whole patterns a faster way, which an
    IGNORECASE pattern cannot use.)

    >>> print(scan_alternation(["gấp", "lần"]))
    (?-i:[GgLl])(?i:(?<=g)ấp|(?<=l)ần)
    >>> re.findall(scan_alternation(["số"], word_start=True), "Số 5, tổ số 6")
    ['Số', 'số']
    """
    trie = _trie(words)
    firsts = sorted(k for k in trie if k)
    if not firsts or "" in trie or " " in firsts or max(map(ord, firsts)) > 0xFFFF:
        return (r"(?<!\w)" if word_start else "") + f"(?i:{_trie_pattern(trie)})"
    letters = "".join(dict.fromkeys("".join(case_classes(frozenset(firsts)).values())))
    branches = "|".join(f"(?<={re.escape(first)}){_trie_pattern(trie[first])}" for first in firsts)
    boundary = r"(?<!\w[\s\S])" if word_start else ""  # after the first letter: nothing of a word before it
    return f"(?-i:[{re.escape(letters)}]){boundary}(?i:{branches})"


@cache
def case_classes(chars: frozenset[str]) -> dict[str, str]:
    """Each of ``chars`` (of the BMP) -> every character of the BMP it matches under IGNORECASE, itself
    included ("k" -> "Kk" and the Kelvin sign), in the order of the BMP, asked of ``re`` itself: one scan
    of the BMP for all of them, then each candidate tested against each character.
    """
    ordered = sorted(chars)
    candidates = re.findall("(?i:[" + "".join(map(re.escape, ordered)) + "])", _bmp())
    classes = {}
    for char in ordered:
        matches = re.compile(f"(?i:{re.escape(char)})").fullmatch
        classes[char] = "".join(c for c in candidates if matches(c))
    return classes


def _trie_pattern(node: dict, classes: dict[str, str] | None = None) -> str:  # type: ignore[type-arg]
    """One node of the prefix tree as a regex: children longest-first, then the word ending here.

    ``classes``: each character -> the characters to match in its place (see :func:`any_case_alternation`);
    a guard is then read under IGNORECASE, as it is in ``(?i:alternation(...))``.
    """
    branches = []
    for char in sorted(k for k in node if k):
        if char == " ":
            piece = r"\s{1,3}"
        elif classes is None or len(classes[char]) == 1:
            piece = re.escape(char if classes is None else classes[char])
        else:
            piece = "[" + "".join(map(re.escape, classes[char])) + "]"
        branches.append(piece + _trie_pattern(node[char], classes))
    if "" in node:
        branches.append(f"(?i:{node['']})" if classes is not None and node[""] else node[""])
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
