"""Officials: the people a report names, with their titles and their part in the meeting.

A person is found four ways, each a small function below:

- an honorific and a full name: "đồng chí Trần Đình Cảnh", "ông Võ Công Hàm", "Đ/c Lê Văn An";
- a title right before a full name: "Bí thư Huyện ủy Trần Đình Cảnh", "Phó Thủ tướng Bùi Thanh Sơn";
- a list after a shared title: "các Phó Chủ tịch UBND tỉnh: Dương Hoài Nam, Kiều Thị Mỹ Linh";
- a signature block: "CHỦ TỊCH" over a name at the foot of a document.

A full name starts with a family name (``data/surnames.yaml``) and has two to four capitalized
syllables, none of them a place (``data/places.yaml``). A short name ("ông Hải", "Bí thư Thăng")
counts only when exactly one full name of the document ends with it, so Nguyễn Minh Hồng and
Nguyễn Mạnh Hồng stay two people and "ông Hồng" stays unattached.

A title is a role (``data/titles.yaml``) and the organization after it, read token by token
(``data/organizations.yaml``, ``data/abbreviations.yaml``): capitalized words, abbreviations, an
administrative unit and the place after it, listed lower-case organization words, and one free
lower-case syllable after a capitalized word ("Tài chính"); anything else ends it ("cho biết").
Titles follow the name ("- Thành ủy viên, Bí thư Huyện ủy"), come before it, or follow an
appointment cue ("giữ chức", "được bầu làm"). Roles in the meeting (attended, chaired, spoke,
concluded, directed) come from cues in the same sentence (``data/official_cues.yaml``).

Precision before recall: only a person with at least one title is an official (a farmer quoted by
name is not), groups ("các đồng chí trong Ban Thường vụ") have no name and yield nothing, and a
capitalized run that cannot be a full name is never taken for one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, NamedTuple, TypeVar

from .. import lexicon
from ..lexicon import AbbreviationEntry, OfficialCueEntry, OrganizationEntry, TitleEntry
from ..models import Official, Role, Span, Title
from ..normalize import normalize_text

__all__ = ["Phrases", "Token", "extract_officials", "find_people", "head_at", "is_abbr", "is_cap", "name_at",
           "org_end", "parse_title", "tight", "title_at", "tokenize", "unit_end"]

ROLE_ORDER: tuple[Role, ...] = ("attended", "chaired", "spoke", "concluded", "directed")
_NAME_MIN, _NAME_MAX = 2, 4
# After a role with no name of its own, a full name needs three syllables: "Đoàn Đại" in "Trưởng Đoàn
# Đại biểu Quốc hội" is two capitalized syllables of an organization, not a person.
_TITLE_FIRST_NAME_MIN = 3
_FREE_LOWER = 1  # lower-case syllables read freely after a capitalized word ("Tài chính", "Y tế")

_UPPER = "".join(sorted(
    c for c in map(chr, range(0x41, 0x1EFA))
    if c.isalpha() and c.isupper() and unicodedata.name(c, "").startswith("LATIN")
))
_TOKEN_RE = re.compile(
    rf"""
    [đĐ]/[cC](?![^\W_])                                  # đ/c, Đ/c
  | [{_UPPER}]{{1,8}}(?:[.&\-][{_UPPER}]{{1,8}})+(?![^\W_])  # TP.HCM, TN&MT, GD-ĐT, LĐ-TB&XH
  | (?:TP|Tp)\.(?=[ ][{_UPPER}])                         # TP. Sóc Trăng
  | [^\W_]+                                              # a word or a number
  | \S                                                   # a punctuation mark
    """,
    re.VERBOSE,
)
# The same tokens, each with the white space before it: ``findall`` gives (glue, token) pairs and builds no
# match objects. Only white space lies between two tokens, since "\S" takes any other character; the run
# is unbounded on purpose, as a bound would cut a long gap (blank lines) into glue and a dropped remainder.
_GLUED_TOKEN_RE = re.compile(r"(\s*)(" + _TOKEN_RE.pattern + ")", re.VERBOSE)
_DASHES = frozenset("-–—")
_ROMAN_RE = re.compile(r"[IVXLC]{1,7}|\d{1,3}")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


class Token(NamedTuple):
    """One word or punctuation mark of ``report.text``; ``glue``: the text since the previous token."""

    start: int
    end: int
    text: str
    low: str
    glue: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("Đ/c Lê Văn An- Giám đốc Sở TN&MT, TP. Huế")]
    ['Đ/c', 'Lê', 'Văn', 'An', '-', 'Giám', 'đốc', 'Sở', 'TN&MT', ',', 'TP.', 'Huế']
    """
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) through its generated __new__ costs a third of the tokenizer
    at = start
    for glue, word in _GLUED_TOKEN_RE.findall(text, start, len(text) if end is None else end):
        at += len(glue)
        append(new(Token, (at, at + len(word), word, word.lower(), glue)))
        at += len(word)
    return tokens


_TIGHT_GLUE = frozenset({" ", "  ", "   "})  # one to three plain spaces


def tight(token: Token) -> bool:
    """Whether a token follows the previous one after a plain space (same line, same phrase)."""
    return token.glue in _TIGHT_GLUE


def is_cap(token: Token) -> bool:
    """A capitalized syllable: "Thạch", "Y" (not "UBND", not "thạch")."""
    w = token.text
    return w[0].isupper() and w.isalpha() and (len(w) == 1 or w[1:].islower())


def _is_lower(token: Token) -> bool:
    return token.text.isalpha() and token.text.islower()


V = TypeVar("V")


class Phrases(Generic[V]):
    """A multi-word lexicon looked up on tokens: lower-cased, words joined by plain spaces, longest first."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        """Index ``(surface, value)`` pairs; the first value of a surface wins."""
        self.table: dict[tuple[str, ...], V] = {}
        for surface, value in items:
            self.table.setdefault(tuple(surface.lower().split()), value)
        # Phrase sizes by first word, longest first: most tokens start no phrase and cost one lookup.
        self.sizes: dict[str, list[int]] = {}
        for key in self.table:
            self.sizes.setdefault(key[0], []).append(len(key))
        for sizes in self.sizes.values():
            sizes.sort(reverse=True)
        self.longest = max((len(k) for k in self.table), default=0)

    def longest_size(self) -> int:
        """The number of words of the longest phrase."""
        return self.longest

    def starts(self, toks: list[Token]) -> list[int]:
        """The tokens a phrase may start at, in order: ``match`` is None at every other token."""
        sizes = self.sizes
        return [i for i, t in enumerate(toks) if t.low in sizes]

    def match(self, toks: list[Token], i: int) -> tuple[V, int] | None:
        """The value of the longest phrase starting at token ``i``, and the index after it."""
        n = len(toks)
        sizes = self.sizes.get(toks[i].low) if i < n else None
        if sizes is None:
            return None
        table = self.table
        for size in sizes:
            end = i + size
            if end > n:
                continue
            if size == 1:  # the first word alone: a phrase by construction of ``sizes``
                return table[(toks[i].low,)], end
            key = tuple([t.low for t in toks[i:end]])
            if key in table and all(t.glue in _TIGHT_GLUE for t in toks[i + 1:end]):
                return table[key], end
        return None


class _Lexicon(NamedTuple):
    titles: Phrases[TitleEntry]
    qualifiers: Phrases[str]
    honorifics: Phrases[str]
    heads: Phrases[str]
    units: Phrases[str]
    org_words: Phrases[str]
    cues: Phrases[OfficialCueEntry]
    stops: Phrases[str]
    function_words: Phrases[str]
    abbreviations: dict[str, str]
    surnames: frozenset[str]
    places: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    """Every word list the rules use, from the data files, built once."""
    orgs = lexicon.entries("organizations", OrganizationEntry)
    cues = lexicon.entries("official_cues", OfficialCueEntry)
    by_set = {name: [(s, e) for e in cues if e.sets == name for s in e.surfaces]
              for name in ("qualifier", "stop")}
    cue_surfaces = [(s, e) for e in cues if e.sets not in ("qualifier", "stop") for s in e.surfaces]
    return _Lexicon(
        titles=Phrases((s, e) for e in lexicon.entries("titles", TitleEntry) for s in e.surfaces),
        qualifiers=Phrases((s, s) for s, _ in by_set["qualifier"]),
        honorifics=Phrases((s, e.id) for e in lexicon.load("honorifics") for s in e.surfaces),
        heads=Phrases((s, e.id) for e in orgs if e.kind == "head" for s in e.surfaces),
        units=Phrases((s, e.id) for e in orgs if e.kind == "unit" for s in e.surfaces),
        org_words=Phrases((s, e.id) for e in orgs if e.kind in ("word", "head") for s in e.surfaces),
        cues=Phrases(cue_surfaces),
        stops=Phrases([(s, s) for s, _ in by_set["stop"]] + [(s, s) for s, _ in cue_surfaces]),
        function_words=Phrases((s, s) for s, _ in by_set["stop"]),
        abbreviations={s: e.expanded for e in lexicon.entries("abbreviations", AbbreviationEntry)
                       for s in e.surfaces},
        surnames=frozenset(lexicon.surfaces("surnames")),
        places=frozenset(s.lower() for s in lexicon.surfaces("places")),
    )


def head_at(toks: list[Token], i: int) -> bool:
    """Whether a word that heads an organization starts at token ``i`` ("Ban", "Ủy ban", "Đảng bộ")."""
    return _lexicon().heads.match(toks, i) is not None


def unit_end(toks: list[Token], i: int) -> int | None:
    """The end of an administrative unit starting at token ``i`` ("huyện", "thành phố"), or None."""
    hit = _lexicon().units.match(toks, i)
    return hit[1] if hit is not None else None


def is_abbr(token: Token) -> bool:
    """An abbreviation in an organization: "UBND", "TP.HCM", "TTg" (two capitals at least)."""
    w = token.text
    if w in _lexicon().abbreviations:
        return True
    return len(w) >= 2 and w[0].isupper() and w[1].isupper() and w.replace(".", "").replace("&", "").replace(
        "-", "").isalpha()


# ---------------------------------------------------------------------------------------------
# Names


def _cap_run(toks: list[Token], i: int) -> int:
    """The end of the run of capitalized syllables starting at ``i`` (tight, same line, no role inside)."""
    lex = _lexicon()
    j = i
    while j < len(toks) and is_cap(toks[j]) and (j == i or tight(toks[j])):
        if j > i and lex.titles.match(toks, j) is not None:
            break
        j += 1
    return j


def _is_place(toks: list[Token], i: int, j: int) -> bool:
    return " ".join(t.low for t in toks[i:j]) in _lexicon().places


def name_at(toks: list[Token], i: int, least: int = _NAME_MIN) -> int | None:
    """The end of a full name starting at token ``i``, or None.

    >>> toks = tokenize("đồng chí Nguyễn Minh Hồng- Phó Bí thư")
    >>> end = name_at(toks, 2); " ".join(t.text for t in toks[2:end])
    'Nguyễn Minh Hồng'
    >>> name_at(tokenize("Hà Nội"), 0) is None, name_at(tokenize("Thành ủy viên"), 0) is None
    (True, True)
    """
    if i >= len(toks) or toks[i].text not in _lexicon().surnames:
        return None
    end = _cap_run(toks, i)
    if not least <= end - i <= _NAME_MAX or _is_place(toks, i, end):
        return None
    return end


def _name_text(toks: list[Token], i: int, j: int) -> str:
    return " ".join(t.text for t in toks[i:j])


# ---------------------------------------------------------------------------------------------
# Titles and organizations


class FoundTitle(NamedTuple):
    """A title read from tokens: ``[start, end)`` is its text, ``resume`` is where reading goes on."""

    start: int
    end: int
    resume: int
    role: str
    org_start: int
    org_end: int
    member: bool  # a whole title with no organization ("Thành ủy viên")


@dataclass
class _Context:
    """What the rules know about the document while they read it."""

    known: set[str] = field(default_factory=set)  # full names seen anywhere in the document
    given: dict[str, set[str]] = field(default_factory=dict)  # last syllable -> full names

    def short_name(self, toks: list[Token], i: int) -> str | None:
        """The full name a single capitalized syllable stands for, when exactly one fits."""
        if i >= len(toks) or not is_cap(toks[i]) or (i + 1 < len(toks) and is_cap(toks[i + 1])
                                                     and tight(toks[i + 1])):
            return None
        if _lexicon().org_words.match(toks, i) is not None:
            return None  # "Chính phủ" is not Phạm Minh Chính
        names = self.given.get(toks[i].text, set())
        return next(iter(names)) if len(names) == 1 else None


def _stop_at(toks: list[Token], i: int) -> bool:
    """Whether a word that ends an organization starts at token ``i``.

    Capitalized, only function words end it ("… Bộ Công thương Trong thời gian …"): a capitalized cue is
    part of a name ("Trưởng Ban Chỉ đạo").
    """
    lex = _lexicon()
    if is_cap(toks[i]):
        return lex.function_words.match(toks, i) is not None
    return lex.stops.match(toks, i) is not None


def _place_end(toks: list[Token], i: int, ctx: _Context) -> int:
    """The end of the place name after an administrative unit ("huyện Đức Thọ"), leaving a person's name out.

    A three- or four-syllable run that starts with a family name and is not a known place is a name
    ("UBND tỉnh Phạm Anh Tuấn"); a longer run keeps its first syllables as the place ("huyện Đức Thọ Võ
    Công Hàm"); a two-syllable run is a place ("huyện Kim Phong").
    """
    end = i
    while end < len(toks) and (is_cap(toks[end]) or is_abbr(toks[end])) and (end == i or tight(toks[end])) \
            and not _stop_at(toks, end):  # "HĐND huyện Tân Lạc Khóa VI"
        end += 1
    if end == i:
        return i
    for size in range(min(end - i, 4), 1, -1):
        if _is_place(toks, i, i + size):
            return i + size
    for split in range(i, end - _TITLE_FIRST_NAME_MIN + 1):
        if end - split <= _NAME_MAX and name_at(toks, split, _TITLE_FIRST_NAME_MIN) == end:
            return split
    if ctx.short_name(toks, end - 1) is not None and end - i > 2:
        return end - 1
    return end


def _comma_continues(toks: list[Token], k: int) -> int | None:
    """After a comma inside an organization, the end of what still belongs to it, or None.

    Two shapes continue a name: an enumeration closed by "và" ("Sở Khoa học, Công nghệ và Môi trường")
    and a run of listed organization words ("Hội đồng Tư vấn chính sách tài chính, tiền tệ quốc gia").
    """
    lex = _lexicon()
    j = k + 1
    if j >= len(toks) or not tight(toks[j]):
        return None
    if is_cap(toks[j]) and lex.titles.match(toks, j) is None and name_at(toks, j) is None:
        m = j
        while m < len(toks) and m - j < 6 and toks[m].text.isalpha() and (m == j or tight(toks[m])):
            if toks[m].low == "và" and m + 1 < len(toks) and is_cap(toks[m + 1]):
                return m
            m += 1
        return None
    m = j
    while m < len(toks) and (m == j or tight(toks[m])) and (hit := lex.org_words.match(toks, m)) is not None:
        m = hit[1]
    if m > j and (m == len(toks) or not toks[m].text.isalpha() or _stop_at(toks, m)):
        return m
    return None


def org_end(toks: list[Token], i: int, ctx: _Context | None = None) -> int:
    """The end of the organization that starts at token ``i`` (``i`` itself when there is none).

    >>> toks = tokenize("Chủ tịch UBND huyện Đức Thọ cho biết")
    >>> " ".join(t.text for t in toks[2:org_end(toks, 2)])
    'UBND huyện Đức Thọ'
    >>> toks = tokenize("Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng")
    >>> " ".join(t.text for t in toks[2:org_end(toks, 2)])
    'Bộ Kế hoạch và Đầu tư'
    """
    lex = _lexicon()
    ctx = ctx or _Context()
    k = good = i
    free = 0
    # A role ending in a head ("Trưởng đoàn", "Trưởng ban") is followed by its body, even when the body's
    # name holds a role word ("Trưởng đoàn Đại biểu Quốc hội tỉnh"); otherwise a role starts a new title
    # ("Bộ trưởng Chủ nhiệm Văn phòng Chính phủ").
    after_head = i > 0 and lex.heads.match(toks, i - 1) is not None
    while k < len(toks):
        t = toks[k]
        if k > i and not (tight(t) or (t.glue == "" and t.text in ",-–")):
            break
        if t.text in ("-", "–"):
            if good > i and _hyphen_continues(toks, k):
                k, free = k + 1, 0
                continue
            break
        if t.text == ",":
            cont = _comma_continues(toks, k) if good > i else None
            if cont is None:
                break
            k, free = cont, 0
            good = max(good, k) if toks[k - 1].low != "và" else good
            continue
        if not t.text.isalpha() and not is_abbr(t) and t.text != "&":
            break
        if t.low == "và" or t.text == "&":
            if good > i and k + 1 < len(toks) and tight(toks[k + 1]) and is_cap(toks[k + 1]) \
                    and lex.titles.match(toks, k + 1) is None and name_at(toks, k + 1) is None:
                k, free = k + 1, 0
                continue
            break
        if t.low == "các" and good > i and k + 1 < len(toks) and is_cap(toks[k + 1]):
            k += 1  # "Ban Chỉ đạo các Chương trình mục tiêu quốc gia"
            continue
        if _stop_at(toks, k) or lex.honorifics.match(toks, k) is not None:
            break
        if is_cap(t):
            if lex.titles.match(toks, k) is not None and not after_head:
                break  # the next title: "Bí thư Huyện ủy Phó Chủ tịch …" without a comma
            if name_at(toks, k, _TITLE_FIRST_NAME_MIN) is not None or (k == i and ctx.short_name(toks, k)):
                break  # the name after a title: "Chủ tịch UBND TP HCM Lê Thanh Hải"
        unit = lex.units.match(toks, k)
        word = lex.org_words.match(toks, k)
        if word is not None and (unit is None or word[1] > unit[1]):  # "Huyện ủy" is a body, "huyện" a unit
            # After a head a role word names the body: "Trưởng đoàn Đoàn Đại biểu Quốc hội tỉnh".
            after_head = (head := lex.heads.match(toks, k)) is not None and head[1] == word[1]
            # A capitalized one-syllable word may take its second syllable ("Hội nghị", "Phòng thủ"); a
            # listed word of two or more syllables is whole ("Chính phủ thường kỳ" ends after "phủ").
            free = _FREE_LOWER if is_cap(t) and word[1] == k + 1 else 0
            k = good = word[1]
            continue
        after_head = False
        if unit is not None:
            k = good = _place_end(toks, unit[1], ctx)
            if k > unit[1]:
                break  # a place closes the organization: "Trưởng Đoàn ĐBQH tỉnh Đồng Nai - Trong thời gian"
            free = 0
            continue
        if is_abbr(t):
            k = good = k + 1
            free = 0
            continue
        if is_cap(t):
            # One free lower-case syllable completes a capitalized word ("Kế hoạch", "Tư vấn"), but not
            # after a capitalized word that is not a head: "Mặt trận Tổ quốc Việt Nam tham gia".
            prev = toks[k - 1] if k > i else None
            proper = prev is not None and is_cap(prev) and lex.heads.match(toks, k - 1) is None
            k = good = k + 1
            free = 0 if proper else _FREE_LOWER
            continue
        if _is_lower(t) and free > 0:
            k = good = k + 1
            free -= 1
            continue
        break
    if good > i and good < len(toks) and toks[good].low in ("này", "đó", "ấy") and all(
            _is_lower(t) for t in toks[i:good]):
        return i  # "Phó Hiệu trưởng trường này": the organization was named before
    return good


def _hyphen_continues(toks: list[Token], k: int) -> bool:
    """Whether a spaced hyphen joins two parts of one name ("Tài chính - Kế hoạch", "Huyện ủy - HĐND")."""
    lex = _lexicon()
    nxt = k + 1
    return (nxt < len(toks) and tight(toks[k]) and tight(toks[nxt])
            and (is_cap(toks[nxt]) or is_abbr(toks[nxt]))
            and lex.titles.match(toks, nxt) is None and name_at(toks, nxt) is None
            and lex.honorifics.match(toks, nxt) is None and not _stop_at(toks, nxt))


def _term_end(toks: list[Token], k: int) -> int:
    """After an organization, the end of a term suffix kept in the title ("khóa XII", "khóa X, XI, XII")."""
    if k < len(toks) and toks[k].low in ("khóa", "khoá") and tight(toks[k]):
        j = k + 1
        if j < len(toks) and _ROMAN_RE.fullmatch(toks[j].text) and tight(toks[j]):
            end = j + 1
            while (end + 1 < len(toks) and toks[end].text == "," and _ROMAN_RE.fullmatch(toks[end + 1].text)
                   and toks[end + 1].text.isupper()):
                end += 2
            # The organization's place may follow its term: "khóa XIV TP.HCM", "khóa XIV của TP.HCM".
            place = end + 1 if end < len(toks) and toks[end].low == "của" else end
            if place < len(toks) and tight(toks[place]) and toks[place].text in _lexicon().abbreviations \
                    and toks[place].text != "TP":
                return place + 1
            return end
    return k


def _tenure_end(toks: list[Token], k: int) -> int:
    """After a title, the end of a tenure that is read past but not kept ("nhiệm kỳ 2015-2020")."""
    j = k + 1 if k < len(toks) and toks[k].text == "(" else k
    if j + 1 < len(toks) and toks[j].low == "nhiệm" and toks[j + 1].low == "kỳ":
        m = j + 2
        while m < len(toks) and m - j < 6 and (_YEAR_RE.fullmatch(toks[m].text) or toks[m].text in _DASHES):
            m += 1
        if m > j + 2:
            if j > k and m < len(toks) and toks[m].text == ")":
                m += 1
            return m
    return k


def title_at(toks: list[Token], i: int, ctx: _Context | None = None) -> FoundTitle | None:
    """The title starting at token ``i``, or None: an optional qualifier, a role and its organization.

    >>> toks = tokenize("nguyên Chủ tịch UBND tỉnh Khánh Hòa nhiệm kỳ 2011-2016")
    >>> t = title_at(toks, 0); " ".join(x.text for x in toks[t.start:t.end]), t.role
    ('nguyên Chủ tịch UBND tỉnh Khánh Hòa', 'Chủ tịch')
    """
    lex = _lexicon()
    k = i
    if (qual := lex.qualifiers.match(toks, k)) is not None and qual[1] < len(toks) and tight(toks[qual[1]]):
        k = qual[1]
    found = lex.titles.match(toks, k)
    if found is None:
        return None
    entry, after = found
    org_from = after
    same_line = after < len(toks) and tight(toks[after])  # the organization is on the role's line
    org_to = after if entry.kind == "member" or not same_line else org_end(toks, after, ctx)
    end = _term_end(toks, org_to)
    return FoundTitle(i, end, _tenure_end(toks, end), entry.id, org_from, org_to, entry.kind == "member")


def parse_title(text: str) -> Title | None:
    """One title as written -> its role, organization and expanded organization; None if it is not one.

    The text is normalized first, as ``parse`` does ("Thành uỷ viên" is read as "Thành ủy viên").

    >>> t = parse_title("Chủ tịch HĐND huyện")
    >>> t.role, t.organization, t.organization_expanded
    ('Chủ tịch', 'HĐND huyện', 'Hội đồng nhân dân huyện')
    >>> parse_title("Thành ủy viên").role, parse_title("Hà Nội")
    ('Thành ủy viên', None)
    """
    text = normalize_text(text)
    toks = tokenize(text)
    found = title_at(toks, 0)
    if found is None or found.end != len(toks):
        return None
    return _title_model(text, toks, found)


def _title_model(text: str, toks: list[Token], found: FoundTitle) -> Title:
    org = None
    if found.org_end > found.org_start:
        org = text[toks[found.org_start].start:toks[found.org_end - 1].end]
    expanded = None
    if org is not None:
        expanded = "".join(t.glue + _lexicon().abbreviations.get(t.text, t.text)
                           for t in toks[found.org_start:found.org_end]).strip()
    return Title(text=text[toks[found.start].start:toks[found.end - 1].end], role=found.role,
                 organization=org, organization_expanded=expanded)


# ---------------------------------------------------------------------------------------------
# People in a sentence


class _Mention(NamedTuple):
    """A person named (or pointed at by a pronoun) in a sentence: tokens ``[start, end)``."""

    name: str | None  # None: "Ông", "Đồng chí" standing for the last person named
    start: int
    end: int
    honorific: str | None


@dataclass
class _Person:
    name: str
    honorific: str | None = None
    titles: list[Title] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    mentions: list[Span] = field(default_factory=list)


_GROUP = ""  # the owner of a title held by a group ("các Phó Chủ tịch UBND tỉnh"), nobody's own


@dataclass
class _Sentence:
    text: str
    toks: list[Token]
    # The tokens where an honorific, a title or a full name may start (``_scan_starts``), and those where
    # a cue may, in order. Most tokens start nothing: the scans visit only these.
    starts: list[int]
    cue_starts: list[int]
    mentions: list[_Mention] = field(default_factory=list)
    titles: dict[int, tuple[FoundTitle, str | None]] = field(default_factory=dict)  # start -> (title, owner)


def _known_name_end(toks: list[Token], i: int, least: int, ctx: _Context) -> int | None:
    """Like :func:`name_at`, but a known three-syllable name wins over a four-syllable run.

    "Thứ trưởng Trần Đình Khiển Vấn đề …" (an interview) is "Trần Đình Khiển" when the document writes
    that name elsewhere.
    """
    end = name_at(toks, i, least)
    if end is not None and end - i == _NAME_MAX and _name_text(toks, i, end - 1) in ctx.known:
        return end - 1
    return end


def _honorific_name(sent: _Sentence, i: int, ctx: _Context) -> tuple[_Mention, int] | None:
    """An honorific at token ``i`` and the name after it (a pronoun when no name follows)."""
    lex = _lexicon()
    hit = lex.honorifics.match(sent.toks, i)
    if hit is None:
        return None
    honorific, j = hit
    if i > 0 and sent.toks[i - 1].low in ("các", "những", "hai", "vị"):
        return None  # a group: "các đồng chí trong Ban Thường vụ"
    toks = sent.toks
    if j < len(toks) and tight(toks[j]) and (end := _known_name_end(toks, j, _NAME_MIN, ctx)) is not None:
        return _Mention(_name_text(toks, j, end), j, end, honorific), end
    if j < len(toks) and tight(toks[j]) and (full := ctx.short_name(toks, j)) is not None:
        return _Mention(full, j, j + 1, honorific), j + 1
    if j < len(toks) and is_cap(toks[j]) and tight(toks[j]) and lex.titles.match(toks, j) is None:
        return None  # "ông Thăng" before the full name is known, or a name we cannot read
    return _Mention(None, i, j, honorific), j


@cache
def _scan_words() -> frozenset[str]:
    """The lower-cased words an honorific, a qualifier or a role can start with."""
    lex = _lexicon()
    return frozenset(lex.honorifics.sizes) | frozenset(lex.qualifiers.sizes) | frozenset(lex.titles.sizes)


def _scan_starts(toks: list[Token]) -> list[int]:
    """The tokens where ``_scan`` can find something: a listed first word or a family name.

    Elsewhere ``_honorific_name``, ``title_at`` and ``name_at`` all return None, so the scan moves on.
    """
    words, surnames = _scan_words(), _lexicon().surnames
    return [i for i, t in enumerate(toks) if t.low in words or t.text in surnames]


def _scan(sent: _Sentence, ctx: _Context) -> None:
    """Read a sentence left to right: honorifics with names, titles, names after titles, known names."""
    toks = sent.toks
    after = 0  # where reading resumes: tokens before it belong to what was read
    for i in sent.starts:
        if i < after:
            continue
        if (hon := _honorific_name(sent, i, ctx)) is not None:
            sent.mentions.append(hon[0])
            after = hon[1]
            continue
        if toks[i].text.isalpha() and (found := title_at(toks, i, ctx)) is not None:
            group = i > 0 and toks[i - 1].low in ("các", "những")  # "các Phó Chủ tịch UBND tỉnh"
            sent.titles[i] = (found, _GROUP if group else None)
            j = after = found.resume
            if (end := _known_name_end(toks, j, _TITLE_FIRST_NAME_MIN, ctx)) is not None and tight(toks[j]):
                sent.mentions.append(_Mention(_name_text(toks, j, end), j, end, None))
                after = end
            elif (full := ctx.short_name(toks, j)) is not None and found.org_end == found.org_start \
                    and tight(toks[j]) and _ends_phrase(toks, j + 1):
                sent.mentions.append(_Mention(full, j, j + 1, None))
                after = j + 1
            continue
        if (end := _known_name_end(toks, i, _TITLE_FIRST_NAME_MIN, ctx)) is not None and (
                _name_text(toks, i, end) in ctx.known or _after_list_colon(toks, i)):
            sent.mentions.append(_Mention(_name_text(toks, i, end), i, end, None))
            after = end


def _ends_phrase(toks: list[Token], i: int) -> bool:
    """Whether a short name may end at token ``i``: a punctuation mark or a verb ("Bí thư Thăng hỏi")."""
    return i >= len(toks) or not toks[i].text.isalpha() or _stop_at(toks, i)


def _after_list_colon(toks: list[Token], i: int) -> bool:
    """Whether a name stands in a list opened by a colon ("các Phó Chủ tịch UBND tỉnh: A, B")."""
    j = i - 1
    while j >= 0 and toks[j].text not in (":", ".", "(", ")"):
        j -= 1
    return j >= 0 and toks[j].text == ":"


def _mention_at(sent: _Sentence, i: int) -> _Mention | None:
    return next((m for m in sent.mentions if m.start == i), None)


def _title_starting(sent: _Sentence, i: int) -> FoundTitle | None:
    hit = sent.titles.get(i)
    return hit[0] if hit is not None else None


def _followed_by_name(sent: _Sentence, title: FoundTitle) -> bool:
    m = _mention_at(sent, title.resume)
    return m is not None and m.name is not None and m.honorific is None


def _chain(sent: _Sentence, k: int, semicolons: bool) -> list[FoundTitle]:
    """Titles one after another from token ``k``, joined by commas, "kiêm", "và" (and ";" if asked).

    The chain stops at anything that is not a title, and before a title that belongs to the name after it.
    """
    toks = sent.toks
    lex = _lexicon()
    found: list[FoundTitle] = []
    while k < len(toks):
        title = _title_starting(sent, k)
        if title is None and semicolons and (skip := _next_semicolon(toks, k)) is not None:
            k = skip + 1  # a post that is not a title, in a list of them: "cán bộ giảng dạy …; Phó Bí thư …"
            continue
        if title is None or _followed_by_name(sent, title) or sent.titles[k][1] is not None:
            break
        found.append(title)
        k = title.resume
        if k < len(toks) and toks[k].text == ")":
            break
        if title.org_end == title.org_start and not title.member and _title_starting(sent, k) is not None:
            continue  # "Bộ trưởng Chủ nhiệm Văn phòng Chính phủ": two titles, no comma
        if k < len(toks) and (toks[k].text == "," or (semicolons and toks[k].text == ";")):
            k += 1
            continue
        cue = lex.cues.match(toks, k)
        if cue is not None and cue[0].sets == "separator":
            k = cue[1]
            continue
        break
    return found


def _next_semicolon(toks: list[Token], k: int, reach: int = 15) -> int | None:
    """The next ";" within ``reach`` tokens of the same sentence, or None."""
    for j in range(k, min(len(toks), k + reach)):
        if toks[j].text == ";":
            return j
        if toks[j].text in ".:!?":
            return None
    return None


def _claim(sent: _Sentence, titles: list[FoundTitle], owner: str, people: dict[str, _Person]) -> None:
    person = people[owner]
    for title in titles:
        sent.titles[title.start] = (title, owner)
        person.titles.append(_title_model(sent.text, sent.toks, title))


def _appositive(sent: _Sentence, mention: _Mention, people: dict[str, _Person]) -> None:
    """Titles right after a name: "Trần Đình Cảnh- Thành ủy viên, Bí thư Huyện ủy", "Ngọ (Chủ tịch HĐQT)"."""
    toks = sent.toks
    k = mention.end
    if k < len(toks) and toks[k].text in ("-", "–", "—", ",", ":", "("):
        k += 1
    elif k < len(toks) and _title_starting(sent, k) is None:
        return
    if mention.name is None:
        return
    # One person holds a role once: "… với Thủ tướng Nguyễn Xuân Phúc, Thủ tướng Shinzo Abe tin tưởng" is two.
    roles = {t.role for t, _ in sent.titles.values() if t.resume == mention.start}
    chain: list[FoundTitle] = []
    for title in _chain(sent, k, semicolons=False):
        if title.role in roles:
            break
        roles.add(title.role)
        chain.append(title)
    _claim(sent, chain, mention.name, people)


def _title_first(sent: _Sentence, mention: _Mention, people: dict[str, _Person]) -> None:
    """The title right before a name, and the titles joined to it by commas before it.

    "Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ Vương Đình Huệ": both are his.
    """
    if mention.name is None or mention.honorific is not None:
        return
    before = [t for t, owner in sent.titles.values() if t.resume == mention.start and owner is None]
    if not before:
        return
    chain = [before[0]]
    lex = _lexicon()
    toks = sent.toks
    while True:
        start = chain[0].start
        adjacent = [t for t, owner in sent.titles.values() if t.resume == start and owner is None
                    and t.org_end == t.org_start and not t.member]
        if adjacent and not any(t.role == adjacent[0].role for t in chain):
            chain.insert(0, adjacent[0])  # "Bộ trưởng Chủ nhiệm VPCP Mai Tiến Dũng"
            continue
        joint = start - 1
        if joint < 0:
            break
        if toks[joint].text != ",":
            cue: int | None = None
            for size in (1, 2):
                if joint - size + 1 >= 0 and (hit := lex.cues.match(toks, joint - size + 1)) is not None \
                        and hit[1] == start and hit[0].sets == "separator":
                    cue = joint - size + 1
            if cue is None:
                break
            joint = cue
        prev = [t for t, owner in sent.titles.values() if t.resume == joint and owner is None]
        if not prev or _mention_ending(sent, prev[0].start) or not _clause_start(toks, prev[0].start):
            break
        if any(t.role == prev[0].role for t in chain):
            break  # "Chủ tịch nước Trung Hoa …, Chủ tịch nước Việt Nam Trần Đại Quang": two people
        chain.insert(0, prev[0])
    _claim(sent, chain, mention.name, people)


def _clause_start(toks: list[Token], i: int) -> bool:
    """Whether a title opens its clause, so that it may belong to the name after it.

    "Chiều 1/7, Ủy viên Bộ Chính trị, Phó Thủ tướng Vương Đình Huệ" does; "báo cáo của Bộ trưởng Y tế,
    đại biểu Lê Quốc Dung" does not.
    """
    if i == 0 or not toks[i - 1].text.isalpha() or toks[i - 1].low in ("có", "là", "gồm"):
        return True
    lex = _lexicon()
    for j in range(max(0, i - lex.cues.longest_size()), i):  # a role cue right before: "Dự hội nghị có …"
        hit = lex.cues.match(toks, j)
        if hit is not None and hit[1] == i and hit[0].sets in ROLE_ORDER:
            return True
    return False


def _mention_ending(sent: _Sentence, i: int) -> bool:
    """Whether a name and a separator end right before token ``i`` (then the title is that name's)."""
    return any(m.end in (i, i - 1) for m in sent.mentions)


def _group_list(sent: _Sentence, people: dict[str, _Person]) -> None:
    """A shared title over a list of names: "các Phó Chủ tịch UBND tỉnh: Dương Hoài Nam, Kiều Thị Mỹ Linh"."""
    toks = sent.toks
    for k, tok in enumerate(toks):
        if tok.text != ":" or k == 0:
            continue
        shared = [t for t, owner in sent.titles.values() if t.resume == k and owner in (None, _GROUP)]
        if not shared or shared[0].start == 0 or toks[shared[0].start - 1].low not in ("các", "chí"):
            continue  # only "các Phó Chủ tịch UBND tỉnh:", "các đồng chí Phó Bí thư Tỉnh ủy:" share a title
        j = k + 1
        while (m := _mention_at(sent, j)) is not None and m.name is not None:
            _claim(sent, [shared[0]], m.name, people)
            sent.titles[shared[0].start] = (shared[0], _GROUP)  # shared: it stays free for the next name
            j = m.end
            while j < len(toks) and toks[j].text not in (",", ";") and toks[j].low != "và":
                if toks[j].text == ".":
                    break
                j += 1
            if j >= len(toks) or toks[j].text == ".":
                break
            j += 1
        sent.titles[shared[0].start] = (shared[0], "")  # used up


def _resolve(mention: _Mention, current: str | None) -> str | None:
    return mention.name if mention.name is not None else current


def _appointments(sent: _Sentence, people: dict[str, _Person], current: str | None) -> None:
    """Titles after an appointment cue, given to the person the sentence is about.

    "… giữ chức Bí thư Thành ủy TP.HCM"; "thôi giữ chức Ủy viên Bộ Chính trị đối với ông Đinh La Thăng".
    """
    toks = sent.toks
    lex = _lexicon()
    after = 0  # where reading resumes
    for k in sent.cue_starts:
        if k < after:
            continue
        cue = lex.cues.match(toks, k)
        listing = cue is not None and cue[0].sets == "listing" and _after_career(toks, k)
        if cue is None or not (cue[0].sets == "appointment" or listing):
            continue
        # A bare role alone after a cue, written in lower case, is a duty, not an office ("làm trưởng đoàn").
        chain = _chain(sent, cue[1], semicolons=True)
        if len(chain) == 1 and chain[0].org_end == chain[0].org_start and not chain[0].member \
                and not toks[chain[0].start].text[0].isupper():
            chain = []
        after = cue[1]
        if not chain:
            continue
        owner = _appointee(sent, after, chain[-1].resume, current)
        if owner is not None and owner in people:
            _claim(sent, chain, owner, people)
        after = chain[-1].resume


def _after_career(toks: list[Token], k: int) -> bool:
    """Whether a career word stands earlier in the sentence: "… nhiều vị trí công tác như …"."""
    lex = _lexicon()
    return any((hit := lex.cues.match(toks, j)) is not None and hit[0].sets == "career"
               for j in range(max(0, k - 12), k))


def _appointee(sent: _Sentence, cue: int, after: int, current: str | None) -> str | None:
    """Whom an appointment is about: "đối với X" after it, else the nearest person before, else after."""
    toks = sent.toks
    lex = _lexicon()
    j = after
    while j < len(toks) and toks[j].text not in (".", ";", ":"):
        hit = lex.cues.match(toks, j)
        if hit is not None and hit[0].sets == "target" and hit[1] < len(toks) and (
                lex.honorifics.match(toks, hit[1]) is not None or is_cap(toks[hit[1]])):
            # "… cho ông X": the appointee is named here, or (when the name cannot be read) nobody is.
            m = next((m for m in sent.mentions if m.start >= hit[1] and m.start - hit[1] <= 2), None)
            return _resolve(m, current) if m is not None else None
        j += 1
    before = [m for m in sent.mentions if m.end <= cue]
    if before:
        return _resolve(before[-1], current)
    following = [m for m in sent.mentions if m.start >= after]
    return _resolve(following[0], current) if following else None


def _roles(sent: _Sentence, people: dict[str, _Person], current: str | None) -> None:
    """Roles in the meeting from cues in the sentence.

    Before the names a cue covers the names after it ("Dự hội nghị có đồng chí A; đồng chí B": both
    attended; "Phát biểu kết luận, đồng chí A": A concluded); after a name it covers that name and those
    joined to it by "và".
    """
    toks = sent.toks
    lex = _lexicon()
    if not sent.mentions:
        return
    after = 0  # where reading resumes
    for k in sent.cue_starts:
        if k < after:
            continue
        cue = lex.cues.match(toks, k)
        if cue is None or cue[0].sets not in ROLE_ORDER or (
                cue[1] < len(toks) and toks[cue[1]].low in cue[0].not_before):
            continue
        entry, end = cue
        before = [m for m in sent.mentions if m.end <= k]
        after = [m for m in sent.mentions if m.start >= end]
        if not before:
            # "Dự hội nghị có A; B" and "dưới sự chủ trì của các đồng chí …: A; B; C" cover every name.
            listed = entry.sets == "attended" or any(t.text == ":" for t in toks[end:after[0].start] if after)
            targets = after if listed else after[:1]
        else:
            targets = _coordinated(sent, before)
        for m in targets:
            name = _resolve(m, current)
            if name is not None and name in people:
                people[name].roles.add(entry.sets)
        after = end


def _coordinated(sent: _Sentence, before: list[_Mention]) -> list[_Mention]:
    """The last person named before a cue, with those joined to it by "và" ("A … và đồng chí B … chủ trì")."""
    chosen = [before[-1]]
    for prev in reversed(before[:-1]):
        between = sent.toks[prev.end:chosen[0].start]
        if any(t.text in (";", ".", ":") for t in between) or not any(t.low == "và" for t in between):
            break
        chosen.insert(0, prev)
    return chosen


# ---------------------------------------------------------------------------------------------
# Signature blocks


@cache
def _signature_re() -> re.Pattern[str]:
    return re.compile(
        rf"""
        ^[ \t]*(?P<role>[{_UPPER} ]{{4,40}}?)[ \t]*\n        # CHỦ TỊCH / PHÓ CHỦ TỊCH
        (?:[ \t]*(?:\([^\n)]{{0,30}}\))?[ \t]*\n){{0,6}}      # blank lines, (Đã ký)
        [ \t]*(?P<name>[^\W\d_][^\n]{{3,40}}?)[ \t]*$        # Lê Đình Quân
        """,
        re.MULTILINE | re.VERBOSE,
    )


def _signatures(text: str) -> Iterator[tuple[str, str, Span]]:
    """(role, name, name span) for each signature block: a role in capitals over a name on its own line."""
    lex = _lexicon()
    for m in _signature_re().finditer(text):
        role_toks = tokenize(m.group("role"))
        hit = lex.titles.match(role_toks, 0)
        if hit is None or hit[1] != len(role_toks):
            continue
        raw = m.group("name")
        written = raw.title() if raw.isupper() else raw
        toks = tokenize(written)
        if name_at(toks, 0) != len(toks):
            continue
        span = Span(start=m.start("name"), end=m.end("name"), text=raw)
        yield hit[0].id, _name_text(toks, 0, len(toks)), span


# ---------------------------------------------------------------------------------------------
# The stage


@cache
def _anchor_re() -> re.Pattern[str]:
    """A cheap test for sentences worth reading: an honorific or a role word."""
    lex = _lexicon()
    words = [" ".join(k) for k in lex.honorifics.table] + [" ".join(k) for k in lex.titles.table]
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(words) + r")(?!\w)", re.IGNORECASE)


def find_people(text: str, sentences: list[tuple[int, int]]) -> list[Official]:
    """Every person named with an honorific, a title or in a signature, titled or not.

    ``extract_officials`` keeps those with a title; this is for review and debugging.

    >>> t = "Ông Đỗ Văn Kiên, nông dân xã Hiển Khánh, cho biết năm nay được mùa."
    >>> [(p.name, p.titles) for p in find_people(t, [(0, len(t))])]
    [('Đỗ Văn Kiên', [])]
    """
    return _people(text, sentences, titled_only=False)


def extract_officials(text: str, sentences: list[tuple[int, int]]) -> list[Official]:
    """The officials of a report: one entry per person, with every title, role and mention.

    Args:
        text: ``report.text``.
        sentences: sentence spans of ``text`` (from ``pipeline.segment``).

    Returns:
        Officials in order of first mention; only people with at least one title.

    >>> t = ("Dự hội nghị có đồng chí Trần Đình Cảnh- Thành ủy viên, Bí thư Huyện ủy; đồng chí Nguyễn "
    ...      "Mạnh Hồng- Phó Bí thư Huyện ủy, Chủ tịch UBND huyện.")
    >>> [(o.name, [x.text for x in o.titles], o.roles) for o in extract_officials(t, [(0, len(t))])]
    [('Trần Đình Cảnh', ['Thành ủy viên', 'Bí thư Huyện ủy'], ['attended']), \
('Nguyễn Mạnh Hồng', ['Phó Bí thư Huyện ủy', 'Chủ tịch UBND huyện'], ['attended'])]
    """
    return _people(text, sentences, titled_only=True)


def _people(text: str, sentences: list[tuple[int, int]], titled_only: bool) -> list[Official]:
    anchor = _anchor_re()
    spans = [(a, b) for a, b in sentences if anchor.search(text, a, b)]
    tokens = [tokenize(text, a, b) for a, b in spans]
    cues = _lexicon().cues
    starts = [(_scan_starts(toks), cues.starts(toks)) for toks in tokens]
    ctx = _Context()
    # Pass 1: full names, so that short names and free mentions can be resolved in pass 2.
    first_reading: list[_Sentence] = []
    for toks, (scan_from, cue_from) in zip(tokens, starts, strict=True):
        sent = _Sentence(text, toks, scan_from, cue_from)
        _scan(sent, ctx)
        first_reading.append(sent)
        for m in sent.mentions:
            if m.name is not None:
                ctx.known.add(m.name)
    signatures = list(_signatures(text))
    for _, name, _ in signatures:
        ctx.known.add(name)
    ctx.known = {n for n in ctx.known
                 if not (len(n.split()) == _NAME_MAX and n.rsplit(" ", 1)[0] in ctx.known)}
    for name in ctx.known:
        ctx.given.setdefault(name.split()[-1], set()).add(name)
    # Pass 2: everything. The scan asks the context only about names that end in a word of the sentence
    # (is this full name known, which full name does this syllable stand for), and a name pass 1 knew that
    # is not known now is a four-syllable name whose first three syllables are. So a sentence with no word
    # that ends a known name gets the answers of pass 1 again: its first reading stands.
    people: dict[str, _Person] = {}
    current: str | None = None
    for sent in first_reading:
        if not ctx.given.keys().isdisjoint(t.text for t in sent.toks):
            sent = _Sentence(text, sent.toks, sent.starts, sent.cue_starts)
            _scan(sent, ctx)
        for m in sent.mentions:
            if m.name is not None:
                person = people.setdefault(m.name, _Person(m.name))
                person.honorific = person.honorific or m.honorific
                first, last = sent.toks[m.start], sent.toks[m.end - 1]
                person.mentions.append(Span(start=first.start, end=last.end, text=text[first.start:last.end]))
        _group_list(sent, people)
        for m in sent.mentions:
            _appositive(sent, m, people)
        for m in sent.mentions:
            _title_first(sent, m, people)
        _appointments(sent, people, current)
        _roles(sent, people, current)
        # "Ông", "Đồng chí" in a later sentence stand for the first person this one named (its subject).
        named = [m.name for m in sent.mentions if m.name is not None]
        current = named[0] if named else current
    for role, name, span in signatures:
        person = people.setdefault(name, _Person(name))
        person.titles.append(Title(text=role, role=role))
        person.mentions.append(span)
    result = []
    for person in people.values():
        titles = _tidy_titles(person.titles)
        if titled_only and not titles:
            continue
        result.append(Official(
            name=person.name, honorific=person.honorific,  # type: ignore[arg-type]
            titles=titles, roles=[r for r in ROLE_ORDER if r in person.roles],
            mentions=sorted(person.mentions, key=lambda s: s.start)))
    return sorted(result, key=lambda o: o.mentions[0].start if o.mentions else 0)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("uỷ", "ủy").replace(",", " ").split())


_TERM_RE = re.compile(r"\s+kh(?:óa|oá)\s.*$")


@cache
def _qualifier_texts() -> frozenset[str]:
    """The qualifiers of a title ("nguyên", "quyền"), lower-cased."""
    return frozenset(" ".join(k) for k in _lexicon().qualifiers.table)


def _office(title: Title) -> str:
    """The office a title names: folded, abbreviations expanded, without its qualifier ("nguyên")."""
    text = title.text
    if title.organization and title.organization_expanded:
        text = text.replace(title.organization, title.organization_expanded, 1)
    # "Bộ GD-ĐT", "Bộ Giáo dục - Đào tạo" and "Bộ Giáo dục và Đào tạo" are one office.
    words = [w for w in _fold(text).split() if w not in ("-", "–", "và", "&")]
    return " ".join(words[1:] if words and words[0] in _qualifier_texts() else words)


def _qualified(title: Title) -> bool:
    return _fold(title.text) != _office(title) and _fold(title.text).split()[0] in _qualifier_texts()


def _tidy_titles(titles: list[Title]) -> list[Title]:
    """One title per office, where it was first named, in its most specific wording.

    A title whose organization another title of the same role extends is read as that one ("Bí thư
    Thành ủy" as "Bí thư Thành ủy TP.HCM"); the same office written twice stays once, as first written
    ("nguyên Chủ tịch UBND tỉnh", later "Chủ tịch UBND tỉnh"; "UB Trung ương MTTQ" = "Ủy ban Trung ương
    Mặt trận Tổ quốc"); a term-qualified title gives way to the bare one ("Ủy viên Bộ Chính trị khóa XII").
    """
    titles = list(dict.fromkeys(titles))  # the same title named again adds nothing: compare each once
    offices = [_office(t) for t in titles]
    specific: list[Title] = []
    for title, office in zip(titles, offices, strict=True):
        longer = [(len(o), t) for t, o in zip(titles, offices, strict=True)
                  if t.role == title.role and o.startswith(office + " ")
                  and not _TERM_RE.search(" " + o[len(office):])]
        if longer:
            same = [x for x in longer if _qualified(x[1]) == _qualified(title)] or longer
            title = max(same, key=lambda x: x[0])[1]
        specific.append(title)
    kept: list[Title] = []
    seen: set[str] = set()
    for title in specific:
        if _office(title) not in seen:
            seen.add(_office(title))
            kept.append(title)
    return [t for t in kept if _TERM_RE.sub("", _office(t)) == _office(t)
            or _TERM_RE.sub("", _office(t)) not in seen]
