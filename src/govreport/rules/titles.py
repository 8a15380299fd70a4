"""Titles: a role ("Phó Chủ tịch", data/titles.yaml), an optional qualifier ("nguyên") and the organization after it.

Shared grammar: officials reads titles with it, and ``parse_title`` is the public entry for one title as
written. The organization is read by :mod:`govreport.rules.organizations`; a term written after it is
kept ("Ủy viên Bộ Chính trị khóa XII"), a tenure is read past but not kept ("nhiệm kỳ 2015-2020").
A title found in a report knows its tokens, so :class:`~govreport.models.Title` carries its ``span``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ..lexicon import grammar_words
from ..models import Span, Title
from ..normalize import normalize_text
from ..tokens import Token, is_cap, tight, tokenize
from .organizations import (
    NAME_MIN,
    KnownNames,
    foreign_name_after_place,
    head_at,
    is_abbr,
    name_at,
    org_end,
    place_end,
    proper_name_closes,
    unit_end,
    vocabulary,
)

__all__ = ["RULE", "FoundTitle", "parse_title", "qualifier_words", "rank_roles", "tidy_titles", "title_at",
           "title_model"]

RULE = "title: role organization"
_UNWRITTEN = 1 << 62  # sorts a title with no span (none today) after those the text places
_DASHES = frozenset("-–—")
_ROMAN_RE = re.compile(r"[IVXLC]{1,7}|\d{1,3}")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


class FoundTitle(NamedTuple):
    """A title read from tokens: ``[start, end)`` is its text, ``resume`` is where reading goes on."""

    start: int
    end: int
    resume: int
    role: str
    org_start: int
    org_end: int
    member: bool  # a whole title with no organization ("Thành ủy viên")



def _term_end(toks: list[Token], k: int) -> int:
    """After an organization, the end of a term suffix kept in the title ("khóa XII", "khóa X, XI, XII")."""
    if k < len(toks) and toks[k].low in grammar_words("term") and tight(toks[k]):  # "khoá" is folded to "khóa"
        j = k + 1
        if j < len(toks) and _ROMAN_RE.fullmatch(toks[j].text) and tight(toks[j]):
            end = j + 1
            while (end + 1 < len(toks) and toks[end].text == "," and _ROMAN_RE.fullmatch(toks[end + 1].text)
                   and toks[end + 1].text.isupper()):
                end += 2
            # The organization's place may follow its term: "khóa XIV TP.HCM", "khóa XIV của TP.HCM".
            place = end + 1 if end < len(toks) and toks[end].low == "của" else end
            if place < len(toks) and tight(toks[place]) and toks[place].text in vocabulary().abbreviations \
                    and toks[place].text != "TP":
                return place + 1
            # ... or a unit and its place: "Trưởng Đoàn ĐBQH khóa XV tỉnh Quảng Trị".
            if place < len(toks) and tight(toks[place]) and (unit := unit_end(toks, place)) is not None \
                    and (stop := place_end(toks, unit, KnownNames())) > unit:
                return stop
            return end
    return k


def tenure_end(toks: list[Token], k: int) -> int:
    """After a title, the end of a tenure that is read past but not kept ("nhiệm kỳ 2015-2020"); ``k`` if none."""
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


def _acronym_end(toks: list[Token], k: int) -> int:
    """After an organization, the end of its acronym in brackets, read past: "Phòng Thương mại và Công
    nghiệp Việt Nam (VCCI) Vũ Tiến Lộc".
    """
    if k + 2 < len(toks) and toks[k].text == "(" and is_abbr(toks[k + 1]) and toks[k + 2].text == ")":
        return k + 3
    return k


def _two_syllable_name(toks: list[Token], i: int, j: int) -> bool:
    """Whether the "organization" ``[i, j)`` is a two-syllable full name and nothing else ("Tô Lâm")."""
    words = vocabulary()
    return j - i == NAME_MIN and name_at(toks, i, NAME_MIN) == j and all(
        is_cap(t) and words.org_words.match(toks, k) is None for k, t in enumerate(toks[i:j], start=i))


def _in_charge_end(toks: list[Token], k: int, names: KnownNames | None) -> int | None:
    """Where the body starts after "phụ trách" at ``k`` ("Phó Giám đốc phụ trách Sở Xây dựng"), or None: the
    words are read only before a capitalized organization, not a field ("phụ trách khối kinh tế").
    """
    words = grammar_words("in_charge")
    for j in range(min(len(toks) - 1, k + max(len(w.split()) for w in words)), k, -1):
        if " ".join(t.low for t in toks[k:j]) in words and all(tight(t) for t in toks[k:j + 1]) \
                and (is_cap(toks[j]) or is_abbr(toks[j])) and org_end(toks, j, names) > j:
            return j
    return None


def _posted_end(toks: list[Token], k: int) -> int:
    """The end of "tại Nhật Bản" after a post held abroad or at a branch, when that place closes the clause
    ("Đại sứ Việt Nam tại Nhật Bản, cho biết") or is followed by the holder's name; ``k`` itself otherwise
    ("tại Hội nghị" names no place).
    """
    j = k + 1
    if j >= len(toks) or toks[k].low != "tại" or not tight(toks[k]) or not tight(toks[j]) or not is_cap(toks[j]) \
            or head_at(toks, j):
        return k
    m = j
    while m < len(toks) and tight(toks[m]) and (is_cap(toks[m]) or is_abbr(toks[m])):
        if m > j and name_at(toks, m) is not None:
            return m  # the holder's name follows the place: "Đại sứ Việt Nam tại Lào Nguyễn Bá Hùng"
        m += 1
    return m if proper_name_closes(toks, j) else k


def title_at(toks: list[Token], i: int, names: KnownNames | None = None) -> FoundTitle | None:
    """The title starting at token ``i``, or None: an optional qualifier, a role and its organization.

    >>> toks = tokenize("nguyên Chủ tịch UBND tỉnh Khánh Hòa nhiệm kỳ 2011-2016")
    >>> t = title_at(toks, 0); " ".join(x.text for x in toks[t.start:t.end]), t.role
    ('nguyên Chủ tịch UBND tỉnh Khánh Hòa', 'Chủ tịch')
    """
    lex = vocabulary()
    k = i
    if (qual := lex.qualifiers.match(toks, k)) is not None and qual[1] < len(toks) and tight(toks[qual[1]]):
        k = qual[1]
    found = lex.titles.match(toks, k)
    if found is None:
        return None
    entry, after = found
    org_from = after
    same_line = after < len(toks) and tight(toks[after])  # the organization is on the role's line
    if entry.kind == "role" and same_line and (body := _in_charge_end(toks, after, names)) is not None:
        org_from = after = body  # "Phó Giám đốc phụ trách Sở Xây dựng": the body it is in charge of
    org_to = after if entry.kind != "role" or not same_line else org_end(toks, after, names)
    if (foreign := foreign_name_after_place(toks, org_from, org_to)) is not None:
        org_to = foreign  # "Bộ trưởng Ngoại giao Nga Sergei Lavrov": the name after the country is a person's
    if _two_syllable_name(toks, org_from, org_to):
        org_to = org_from  # "Tổng Bí thư Tô Lâm", "Phó Thủ tướng Vũ Khoan": a person, not an organization
    # a post's place is part of the title, not of the organization: "Đại sứ Việt Nam tại Nhật Bản"
    end = _term_end(toks, _posted_end(toks, org_to) if entry.posted else org_to)
    resume = tenure_end(toks, _acronym_end(toks, end))
    return FoundTitle(i, end, resume, entry.id, org_from, org_to, entry.kind != "role")



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
    return title_model(text, toks, found)


def _org_first(toks: list[Token], found: FoundTitle) -> int:
    """Where the organization starts: a role ending in a lower-case head gives it its head ("Trưởng ban
    Tuyên giáo Huyện ủy" is of "Ban Tuyên giáo Huyện ủy").
    """
    k = found.org_start - 1
    words = vocabulary()
    nxt = toks[found.org_start]
    if k > found.start and toks[k].text.islower() and (hit := words.heads.match(toks, k)) is not None \
            and hit[1] == found.org_start and is_cap(nxt) and words.heads.match(toks, found.org_start) is None:
        return k
    return found.org_start


def title_model(text: str, toks: list[Token], found: FoundTitle) -> Title:
    """The :class:`Title` of a title read from tokens: its text, span, role and organization spelled out."""
    org = expanded = None
    if found.org_end > found.org_start:
        first = _org_first(toks, found)
        org = text[toks[first].start:toks[found.org_end - 1].end]
        expanded = "".join(t.glue + vocabulary().abbreviations.get(t.text, t.text)
                           for t in toks[first:found.org_end]).strip()
        if first < found.org_start:  # "ban Tuyên giáo Huyện ủy" names "Ban Tuyên giáo Huyện ủy"
            org, expanded = org[0].upper() + org[1:], expanded[0].upper() + expanded[1:]
    start, end = toks[found.start].start, toks[found.end - 1].end
    return Title(text=text[start:end], role=found.role, organization=org, organization_expanded=expanded,
                 span=Span(start=start, end=end, text=text[start:end]), rule=RULE)


# ---------------------------------------------------------------------------------------------
# One title per office


def _office_words(text: str) -> str:
    return " ".join(text.lower().replace("uỷ", "ủy").replace(",", " ").split())


_TERM_RE = re.compile(r"\s+kh(?:óa|oá)\s.*$")
_BRACKETED_RE = re.compile(r"\s*\([^()]{1,40}\)")  # an acronym in brackets inside a title: "Công đoàn (CĐ) Vissan"


@cache
def qualifier_words() -> frozenset[str]:
    """The qualifiers of a title ("nguyên", "quyền"), lower-cased."""
    return frozenset(" ".join(k) for k in vocabulary().qualifiers.table)


def _office(title: Title) -> str:
    """The office a title names: folded, abbreviations expanded, without its qualifier ("nguyên")."""
    text = title.text
    if title.organization is None and title.role and len(title.role.split()) > len(text.split()):
        text = title.role  # a whole title written as one abbreviation: "PTTgCP" is "Phó Thủ tướng Chính phủ"
    if title.organization and title.organization_expanded:
        text = text.replace(title.organization, title.organization_expanded, 1)
    text = _BRACKETED_RE.sub("", text)  # "Vườn quốc gia (VQG) Phong Nha" is "Vườn quốc gia Phong Nha"
    # "Bộ GD-ĐT", "Bộ Giáo dục - Đào tạo" and "Bộ Giáo dục và Đào tạo" are one office.
    words = [w for w in _office_words(text).split() if w not in ("-", "–", "và", "&")]
    return " ".join(words[1:] if words and words[0] in qualifier_words() else words)


def _qualified(title: Title) -> bool:
    return _office_words(title.text) != _office(title) and _office_words(title.text).split()[0] in qualifier_words()


@cache
def rank_roles() -> frozenset[str]:
    """The roles that are ranks or degrees ("Đại tướng", "GS.TS"): titles only when alone."""
    return frozenset(entry.id for entry in vocabulary().titles.table.values() if entry.kind == "rank")


def _shortened(short: Title, office: str, full: Title, full_office: str) -> bool:
    """Whether ``short`` names the office of ``full`` with its body word left out: "Chủ tịch TP" for "Chủ tịch
    UBND TP", "Bí thư TP.HCM" for "Bí thư Thành ủy TP.HCM" (same role, its words in order inside the other's).
    """
    if not short.organization or not full.organization or office == full_office:
        return False
    words = iter(full_office.split())
    return all(word in words for word in office.split())


def _extends_role(longer: Title, bare: Title) -> bool:
    """Whether ``longer`` names the office a bare role begins: a joined role ("Bộ trưởng, Chủ nhiệm" for "Bộ
    trưởng") or a whole title with no organization ("Chủ tịch nước" for "Chủ tịch", said again later).
    """
    if longer.organization is None and longer.role is not None and bare.role is not None \
            and longer.role.startswith(bare.role + " "):
        return True
    return _joins_role(longer.role, bare.role)


def _joins_role(joined: str | None, role: str | None) -> bool:
    """Whether ``joined`` is a joined role that begins with ``role``: "Bộ trưởng, Chủ nhiệm" and "Bộ trưởng"."""
    return joined is not None and role is not None and joined.startswith(role + ",")


def tidy_titles(titles: list[Title]) -> list[Title]:
    """One title per office, where it was first named, in its most specific wording.

    A title whose organization another title of the same role extends is read as that one ("Bí thư
    Thành ủy" as "Bí thư Thành ủy TP.HCM", "Chủ tịch TP" as "Chủ tịch UBND TP"); the same office written
    twice stays once, as first written ("nguyên Chủ tịch UBND tỉnh", later "Chủ tịch UBND tỉnh"; "UB Trung
    ương MTTQ" = "Ủy ban Trung ương Mặt trận Tổ quốc"); a term-qualified title gives way to the bare one
    ("Ủy viên Bộ Chính trị khóa XII"). A role named alone stands for the joined role it begins ("Bộ trưởng" for
    "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ").
    """
    # The same title named again adds nothing: compare each wording once, keeping where it was first written.
    first: dict[tuple[str, str | None, str | None, str | None], Title] = {}
    for t in titles:
        first.setdefault((t.text, t.role, t.organization, t.organization_expanded), t)
    titles = list(first.values())
    offices = [_office(t) for t in titles]
    specific: list[Title] = []
    for title, office in zip(titles, offices, strict=True):
        longer = [(len(o), t) for t, o in zip(titles, offices, strict=True)
                  if (t.role == title.role or (title.organization is None and _extends_role(t, title)))
                  and (o.startswith(office + " ") or _shortened(title, office, t, o))
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
    kept.sort(key=lambda t: t.span.start if t.span is not None else _UNWRITTEN)  # in the order written
    if any(t.role not in rank_roles() for t in kept):
        kept = [t for t in kept if t.role not in rank_roles()]  # a rank or degree only when it is all we have
    return [t for t in kept if _TERM_RE.sub("", _office(t)) == _office(t)
            or _TERM_RE.sub("", _office(t)) not in seen]
