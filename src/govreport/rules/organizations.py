"""Organizations and places: where the body after a role ends, and the words that end it.

Shared grammar (titles, officials and meetings read bodies with it; it imports no extractor). An
organization is read token by token (``data/organizations.yaml``, ``data/abbreviations.yaml``), one
small handler per kind of token: a listed organization word ("Ủy ban", "Huyện ủy"), an administrative
unit and the place after it ("huyện Đức Thọ"), an abbreviation ("UBND", "TN&MT"), a capitalized word,
one free lower-case syllable after a capitalized one ("Tài chính"), a hyphen, a comma or "và" that
joins two parts of one name. Anything else ends it ("cho biết"), and so do a role word, an honorific
and a person's full name, which is why full names are read here too.

Places are read whole from a gazetteer of every province, district and commune before and after the
2025 reorganization (``data/places_generated.tsv``, generated from ``vietnamadminunits``), plus the
hand list ``data/places.yaml`` of other names ("Sài Gòn"): "thành phố Phan Rang - Tháp Chàm".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NamedTuple

from .. import lexicon
from ..lexicon import AbbreviationEntry, OfficialCueEntry, OrganizationEntry, TitleEntry, grammar_words
from ..tokens import Phrases, Token, is_cap, is_lower, tight, tokenize

__all__ = ["KnownNames", "Vocabulary", "head_at", "is_abbr", "name_at", "name_text", "org_end", "place_end",
           "proper_name_closes",
           "stop_at", "unit_end", "vocabulary"]

NAME_MIN, NAME_MAX = 2, 4
# After a role with no name of its own, a full name needs three syllables: "Đoàn Đại" in "Trưởng Đoàn
# Đại biểu Quốc hội" is two capitalized syllables of an organization, not a person.
TITLE_FIRST_NAME_MIN = 3
_FREE_LOWER = 1  # lower-case syllables read freely after a capitalized word ("Tài chính", "Y tế")
_FREE_AFTER_HEAD = 2  # after a one-syllable head, a two-syllable word: "Ban chỉ huy", "Đoàn chủ tịch"
_DASHES = frozenset("-–")
_CLAUSE_MARKS = frozenset(",.;:)")  # marks that end a clause after a name
_TITLE_JOINERS = frozenset(",-–")  # marks written with no space before them inside a title's role
_ENUMERATION_REACH = 16  # tokens from a comma inside a name to the "và" that closes its enumeration
_DESCRIPTOR_REACH = 7  # lower-case words describing a body named by its head alone: "Trung tâm nước sạch và …"
_OWNED_PART = 4  # tokens of the last part before "của" closes an enumeration: ", Ngân sách của Quốc hội"
_PROVINCE_LEVEL = frozenset({"tỉnh", "thành phố"})  # "…, tỉnh Long An" after a district's name
_LOCAL_COMMITTEES = frozenset({"huyện ủy", "quận ủy", "thị ủy", "thành ủy"})  # named after their place
# Levels of the gazetteer whose names are never a person's ("Trần Văn Thời" is a district). Commune
# names often are a person's ("phường Lê Hồng Phong"): they are places only after a unit word.
_NOT_A_NAME_LEVELS = frozenset({"province", "district"})
# The stops of official_cues.yaml that are verbs ("thông tin"): like a cue, capitalized they name a part.
_VERB_STOPS = "stop-verb"


class Vocabulary(NamedTuple):
    """The word lists of the title grammar (roles, organizations, places, names), built once."""

    titles: Phrases[TitleEntry]
    qualifiers: Phrases[str]
    honorifics: Phrases[str]
    heads: Phrases[str]
    units: Phrases[str]
    org_words: Phrases[str]
    stops: Phrases[str]
    function_words: Phrases[str]
    cues: Phrases[str]  # the words about a person's part or post ("chủ trì", "phát biểu", "giữ chức")
    abbreviations: dict[str, str]
    surnames: frozenset[str]
    places: Phrases[str]  # every place, read whole after a unit word; value: its level
    not_names: frozenset[str]  # lower-cased places a capitalized run can never be a person's name
    provinces: frozenset[str]  # lower-cased provinces and countries, which no name starts or ends inside


def _gazetteer() -> list[tuple[str, str]]:
    """(level, name) of every line of the generated gazetteer."""
    text = resources.files("govreport.data").joinpath("places_generated.tsv").read_text("utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return [(level, name) for level, name in rows]


@cache
def vocabulary() -> Vocabulary:
    """Every word list the grammar uses, from the data files, built once."""
    orgs = lexicon.entries("organizations", OrganizationEntry)
    cues = lexicon.entries("official_cues", OfficialCueEntry)
    function_words = [s for e in cues if e.sets == "stop" and e.id != _VERB_STOPS for s in e.surfaces]
    cue_words = [s for e in cues if e.sets not in ("qualifier", "stop") for s in e.surfaces]
    verbs = [s for e in cues if e.id == _VERB_STOPS for s in e.surfaces]
    listed = [("province", s) for s in lexicon.surfaces("places")]
    gazetteer = listed + _gazetteer()
    return Vocabulary(
        # A surface may hold a joining mark, read as a token of its own: "Bộ trưởng, Chủ nhiệm".
        titles=Phrases(((" ".join(t.text for t in tokenize(s)), e) for e in lexicon.entries("titles", TitleEntry)
                        for s in e.surfaces), joiners=_TITLE_JOINERS),
        qualifiers=Phrases((s, s) for e in cues if e.sets == "qualifier" for s in e.surfaces),
        honorifics=Phrases((s, e.id) for e in lexicon.load("honorifics") for s in e.surfaces),
        heads=Phrases((s, e.id) for e in orgs if e.kind == "head" for s in e.surfaces),
        units=Phrases((s, e.id) for e in orgs if e.kind == "unit" for s in e.surfaces),
        org_words=Phrases((s, e.id) for e in orgs if e.kind in ("word", "head") for s in e.surfaces),
        stops=Phrases((s, s) for s in function_words + verbs + cue_words),
        function_words=Phrases((s, s) for s in function_words),
        cues=Phrases((s, s) for s in cue_words),
        abbreviations={s: e.expanded for e in lexicon.entries("abbreviations", AbbreviationEntry)
                       for s in e.surfaces},
        surnames=frozenset(lexicon.surfaces("surnames")),
        places=Phrases(((name, level) for level, name in gazetteer), joiners=_DASHES),
        not_names=frozenset(" ".join(name.lower().split()) for level, name in gazetteer
                            if level in _NOT_A_NAME_LEVELS),
        provinces=frozenset(" ".join(name.lower().split()) for level, name in gazetteer if level == "province"),
    )


@cache
def described_heads() -> frozenset[str]:
    """The heads a lower-case description may follow past their capitalized name (``described`` in the data)."""
    return frozenset(s for e in lexicon.entries("organizations", OrganizationEntry) if e.described
                     for s in e.surfaces)


def head_at(toks: list[Token], i: int) -> bool:
    """Whether a word that heads an organization starts at token ``i`` ("Ban", "Ủy ban", "Đảng bộ")."""
    return vocabulary().heads.match(toks, i) is not None


def unit_end(toks: list[Token], i: int) -> int | None:
    """The end of an administrative unit starting at token ``i`` ("huyện", "thành phố"), or None."""
    hit = vocabulary().units.match(toks, i)
    return hit[1] if hit is not None else None


def is_abbr(token: Token) -> bool:
    """An abbreviation in an organization: "UBND", "TP.HCM", "TTg" (two capitals at least)."""
    w = token.text
    if w in vocabulary().abbreviations:
        return True
    return len(w) >= 2 and w[0].isupper() and w[1].isupper() and w.replace(".", "").replace("&", "").replace(
        "-", "").isalpha()


# ---------------------------------------------------------------------------------------------
# Full names: a person's name ends an organization


def _cap_run(toks: list[Token], i: int) -> int:
    """The end of the run of capitalized syllables starting at ``i`` (tight, same line, no role inside).

    Two capitalized syllables with nothing between them are one name glued by a missing space ("Trần
    VănHùng"): the tokenizer splits them, and only there can two words touch.
    """
    words = vocabulary()
    j = i
    while j < len(toks) and is_cap(toks[j]) and (j == i or tight(toks[j]) or toks[j].glue == ""):
        if j > i and words.titles.match(toks, j) is not None:
            break
        if j > i and toks[j].glue == "" and words.org_words.match(toks, j) is not None:
            break  # a body glued to the name before it: "Hồ Chí MinhỦy ban Kiểm tra"
        j += 1
    return j


def _is_place(toks: list[Token], i: int, j: int) -> bool:
    """Whether tokens ``[i, j)`` are a province or district name ("Hà Nội", "Trần Văn Thời")."""
    return " ".join(t.low for t in toks[i:j]) in vocabulary().not_names


def name_at(toks: list[Token], i: int, least: int = NAME_MIN) -> int | None:
    """The end of a full name starting at token ``i``, or None.

    >>> from govreport.tokens import tokenize
    >>> toks = tokenize("đồng chí Nguyễn Minh Hồng- Phó Bí thư")
    >>> end = name_at(toks, 2); " ".join(t.text for t in toks[2:end])
    'Nguyễn Minh Hồng'
    >>> name_at(tokenize("Hà Nội"), 0) is None, name_at(tokenize("Thành ủy viên"), 0) is None
    (True, True)
    """
    if i >= len(toks) or toks[i].text not in vocabulary().surnames:
        return None
    end = _cap_run(toks, i)
    if not least <= end - i <= NAME_MAX or _is_place(toks, i, end):
        return None
    provinces = vocabulary().provinces
    if end - i > NAME_MIN:  # a province or a country before a name: "Hà Lan Mark Janssen", "Hồ Chí Minh Ủy"
        two = toks[i].low + " " + toks[i + 1].low
        if two in provinces or (end - i > NAME_MIN + 1 and two + " " + toks[i + 2].low in provinces):
            return None
    if i > 0 and tight(toks[i]) and toks[i - 1].low + " " + toks[i].low in provinces:
        return None  # the end of a place is no family name: "Lan" of "Thái Lan Lê Văn A"
    return end


_ASIDE_REACH = 12  # tokens of a bracketed aside after a name: "(sinh năm 1970)"


def unlisted_name_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    """A name with no listed family name ("Tất Thành Cang", "Thongloun Sisoulith") at ``i``, with what follows
    it: (its end, the token after the comma or dash that should open its title: "bà Yoonhee Kim, Giám đốc …"),
    a bracketed aside allowed between ("(sinh năm 1970)"); None when no capitalized run and joint are there.
    """
    words = vocabulary()
    end = _cap_run(toks, i)
    if not NAME_MIN <= end - i <= NAME_MAX or _is_place(toks, i, end) or words.titles.match(toks, i) is not None \
            or words.org_words.match(toks, i) is not None or any(t.text.isupper() for t in toks[i:end]):
        return None
    k = end
    if k < len(toks) and toks[k].text == "(":
        k = next((j + 1 for j in range(k + 1, min(len(toks), k + _ASIDE_REACH)) if toks[j].text == ")"), k)
    if k + 1 >= len(toks) or toks[k].text not in ",-–" or not tight(toks[k + 1]):
        return None
    return end, k + 1


# A plain-letter word no Vietnamese syllable is written as: two vowel groups ("Merkel", "Shinzo", "Abe"), or a
# letter Vietnamese does not write (f, j, w, z: "Fork", "Jae").
_FOREIGN_WORD_RE = re.compile(r"[a-z]*(?:[aeiouy]+[^aeiouy]+[aeiouy]|[fjwz])[a-z]*")


def _foreign(text: str) -> bool:
    return text.isascii() and _FOREIGN_WORD_RE.fullmatch(text.lower()) is not None


def _plain_capitalized(tok: Token) -> bool:
    text = tok.text
    return len(text) > 1 and text.isascii() and text.isalpha() and text[0].isupper() and text[1:].islower()


def foreign_name_end(toks: list[Token], i: int) -> int | None:
    """The end of a foreign name at ``i``: two to four capitalized words in plain letters, one of them no
    Vietnamese syllable ("Angela Merkel", "Achim Fork"), with no capitalized word right after; None otherwise.
    """
    j = i
    while j < len(toks) and j - i < NAME_MAX and (j == i or tight(toks[j])) and _plain_capitalized(toks[j]):
        j += 1
    if j - i < NAME_MIN or (j < len(toks) and is_cap(toks[j]) and tight(toks[j])) \
            or not any(_foreign(t.text) for t in toks[i:j]):
        return None
    return j


def foreign_name_after_place(toks: list[Token], org_from: int, org_to: int) -> int | None:
    """Where a foreign name ending an organization starts, when a capitalized place word stands before it
    ("Bộ Quốc phòng Hoa Kỳ James Mattis", "Đức Angela Merkel"); not in a firm's name ("Công ty Hải Phát
    Green Energy") or after an acronym ("HĐQT Vietjet Air").
    """
    for j in range(org_from + 1, org_to - NAME_MIN + 1):
        before = toks[j - 1]
        if not is_cap(before) or before.text.isupper() or _foreign(before.text):
            continue
        end = foreign_name_end(toks, j)
        if end is not None and end <= org_to and all(is_lower(t) for t in toks[end:org_to]):
            return None if _names_firm(toks, org_from, org_to) else j  # may run on: "… Volkov hội đàm"
    return None


def _names_firm(toks: list[Token], org_from: int, org_to: int) -> bool:
    """Whether a company word stands in the organization (a firm's name holds foreign words of its own)."""
    words = f" {' '.join(t.low for t in toks[org_from:org_to])} "
    return any(f" {company} " in words for company in grammar_words("company"))


def name_text(toks: list[Token], i: int, j: int) -> str:
    """The name written by tokens ``[i, j)``, one space between syllables."""
    return " ".join(t.text for t in toks[i:j])


@dataclass
class KnownNames:
    """The full names of the document, so that a short name ("ông Hải") can stand for one of them."""

    known: set[str] = field(default_factory=set)  # full names seen anywhere in the document
    given: dict[str, set[str]] = field(default_factory=dict)  # last syllable -> full names
    firms: frozenset[str] = frozenset()  # runs the document writes after a company word ("Công ty Hoàng Gia Phát")

    def firm(self, toks: list[Token], i: int, j: int) -> bool:
        """Whether the name ``[i, j)`` is a firm's: an organization reads it as part of its own name."""
        return bool(self.firms) and name_text(toks, i, j) in self.firms

    def short_name(self, toks: list[Token], i: int) -> str | None:
        """The full name a single capitalized syllable stands for, when exactly one fits."""
        if i >= len(toks) or not is_cap(toks[i]) or (i + 1 < len(toks) and is_cap(toks[i + 1])
                                                     and tight(toks[i + 1])):
            return None
        if vocabulary().org_words.match(toks, i) is not None:
            return None  # "Chính phủ" is not Phạm Minh Chính
        names = self.given.get(toks[i].text, set())
        return next(iter(names)) if len(names) == 1 else None


# ---------------------------------------------------------------------------------------------
# Places


def stop_at(toks: list[Token], i: int) -> bool:
    """Whether a word that ends an organization starts at token ``i``.

    Capitalized, only function words end it ("… Bộ Công thương Trong thời gian …"): a capitalized cue is
    part of a name ("Trưởng Ban Chỉ đạo").
    """
    words = vocabulary()
    if is_cap(toks[i]):
        return words.function_words.match(toks, i) is not None
    return words.stops.match(toks, i) is not None


def place_end(toks: list[Token], i: int, names: KnownNames) -> int:
    """The end of the place name after an administrative unit ("huyện Đức Thọ"), leaving a person's name out.

    A name of the gazetteer is read whole ("Phan Rang - Tháp Chàm") and ends the place ("huyện Đức Thọ
    Võ Công Hàm"). Otherwise a three- or four-syllable run that starts with a family name is a person
    ("UBND tỉnh Phạm Anh Tuấn") and a two-syllable run is a place ("xã Kim Phong").

    >>> from govreport.tokens import tokenize
    >>> toks = tokenize("thành phố Phan Rang - Tháp Chàm cho biết")
    >>> " ".join(t.text for t in toks[2:place_end(toks, 2, KnownNames())])
    'Phan Rang - Tháp Chàm'
    """
    end = i
    while end < len(toks) and (is_cap(toks[end]) or is_abbr(toks[end])) and (end == i or tight(toks[end])) \
            and not stop_at(toks, end):  # "HĐND huyện Tân Lạc Khóa VI"
        end += 1
    if end == i:
        return i
    place = vocabulary().places.match(toks, i)
    if place is not None and (place[1] - i >= 2 or place[1] >= end):
        level, stop = place
        # A commune's name is often a person's ("xã Lê Thanh"): it is read whole only when nothing or
        # a full name follows, so "thành phố Lê Thanh Hải" stays a person.
        if level in _NOT_A_NAME_LEVELS or stop >= end or name_at(toks, stop) == end:
            return stop
    for split in range(i, end - TITLE_FIRST_NAME_MIN + 1):
        if end - split <= NAME_MAX and name_at(toks, split, TITLE_FIRST_NAME_MIN) == end:
            return split
    if names.short_name(toks, end - 1) is not None and end - i > 2:
        return end - 1
    return end


# ---------------------------------------------------------------------------------------------
# The organization reader


def _joins(token: Token) -> bool:
    """Whether a token stands on the line of the one before it, after a plain space or none: "Văn hóa- Thông tin"."""
    return token.glue == "" or tight(token)


def _hyphen_continues(toks: list[Token], k: int) -> bool:
    """Whether a hyphen joins two parts of one name ("Tài chính - Kế hoạch", "Huyện ủy - HĐND"), also when
    written against one of them ("Văn hóa- Thông tin", "Thừa Thiên- Huế", "Khoa học-Công nghệ").

    Not before a cue about a person in any case ("Phó Chủ tịch UBND huyện - Chủ trì hội nghị") or a function
    word; a capitalized verb that ends a name in lower case may name a part ("Bộ Văn hóa - Thông tin").
    """
    words = vocabulary()
    nxt = k + 1
    return (nxt < len(toks) and _joins(toks[k]) and _joins(toks[nxt])
            and (is_cap(toks[nxt]) or is_abbr(toks[nxt]))
            and words.titles.match(toks, nxt) is None and name_at(toks, nxt) is None
            and words.honorifics.match(toks, nxt) is None and words.cues.match(toks, nxt) is None
            and (words.stops.match(toks, nxt) is None or _part_like_a_verb(toks, nxt) is not None))


def _part_like_a_verb(toks: list[Token], k: int) -> int | None:
    """The end of a capitalized part of a name that is written like a verb ("Thông tin" in "Bộ Văn hóa -
    Thông tin"), when no lower-case word or colon follows it (a clause would: "- Nhấn mạnh rằng …"), else None.
    """
    hit = vocabulary().stops.match(toks, k)
    if hit is None or not is_cap(toks[k]) or hit[1] - k < 2:
        return None  # one word is a credit or a clause: "- Ảnh: …", "- Nguồn: …"
    end = hit[1]
    if end < len(toks) and ((is_lower(toks[end]) and toks[end].low != "và") or toks[end].text == ":"):
        return None
    return end


def _comma_continues(toks: list[Token], k: int) -> int | None:
    """After a comma inside an organization, the end of what still belongs to it, or None.

    Two shapes continue a name: an enumeration closed by "và" ("Sở Khoa học, Công nghệ và Môi trường") or
    by the body it belongs to ("Ủy ban Tài chính, Ngân sách của Quốc hội"), and a run of listed organization
    words ("Hội đồng Tư vấn chính sách tài chính, tiền tệ quốc gia").
    """
    words = vocabulary()
    j = k + 1
    if j >= len(toks) or not tight(toks[j]):
        return None
    if is_cap(toks[j]) and words.titles.match(toks, j) is None and name_at(toks, j) is None:
        m = j  # up to the "và", across the commas of a longer list: "Ủy ban Văn hóa, Giáo dục, Thanh niên và …"
        while m < len(toks) and m - j < _ENUMERATION_REACH and (m == j or tight(toks[m]) or toks[m].text == ",") and (
                toks[m].text.isalpha() or (toks[m].text == "," and m + 1 < len(toks) and is_cap(toks[m + 1]))):
            if toks[m].low == "và" and m + 1 < len(toks) and is_cap(toks[m + 1]):
                return m
            if m - j <= _OWNED_PART and "," not in (t.text for t in toks[j:m]) and _owned_by_body(toks, m):
                return m  # "Ủy ban Tài chính, Ngân sách của Quốc hội": the part list ends where its body is named
            m += 1
        return None
    m = j  # a title after the comma is the next title, even one made of organization words ("Đại biểu Quốc hội")
    while m < len(toks) and (m == j or tight(toks[m])) and (m > j or words.titles.match(toks, m) is None) \
            and (hit := words.org_words.match(toks, m)) is not None:
        m = hit[1]
    if m > j and (m == len(toks) or not toks[m].text.isalpha() or stop_at(toks, m)):
        return m
    return None


@dataclass
class _OrgReader:
    """The cursor of one organization being read: ``k`` the next token, ``good`` the end so far.

    ``free``: lower-case syllables still allowed after a capitalized word; ``after_head``: the previous
    word heads a body, so a role word that follows names it ("Trưởng đoàn Đoàn Đại biểu Quốc hội").
    """

    toks: list[Token]
    i: int
    names: KnownNames
    k: int = 0
    good: int = 0
    free: int = 0
    after_head: bool = False
    closed: bool = False  # a handler took its token and ended the organization with it

    def read(self) -> int:
        """Run the handlers over the tokens until one ends the organization; returns its end."""
        toks, i = self.toks, self.i
        self.k = self.good = i
        # A role ending in a head ("Trưởng đoàn", "Trưởng ban") is followed by its body, even when the
        # body's name holds a role word; otherwise a role starts a new title ("Bộ trưởng Chủ nhiệm …").
        self.after_head = i > 0 and vocabulary().heads.match(toks, i - 1) is not None
        while self.k < len(toks):
            t = toks[self.k]
            glued = t.glue == "" and (t.text in ",-–" or toks[self.k - 1].text[-1] == "."
                                      or toks[self.k - 1].text in _DASHES)
            if self.k > i and not (tight(t) or glued):
                break
            if not self._handler(t)() or self.closed:
                break
        if self.good < len(toks) and (self.closed or self._ends_in_a_name()):
            self.good = _province_after(toks, self.good, self.names, bare=self.closed)
        good = self.good
        if good > i and good < len(toks) and toks[good].low in grammar_words("demonstrative") and all(
                is_lower(t) for t in toks[i:good]):
            return i  # "Phó Hiệu trưởng trường này": the organization was named before
        return good

    def _ends_in_a_name(self) -> bool:
        """Whether the organization read so far ends in a local body's own name or number ("Huyện ủy Long
        Điền", "Quận ủy Quận 12"): the province may follow after a comma.
        """
        toks, last = self.toks, self.good - 1
        if last <= self.i or not (is_cap(toks[last]) or toks[last].text.isdigit()):
            return False
        words = vocabulary()
        return any(words.units.match(toks, j) is not None or toks[j].low in _LOCAL_COMMITTEES
                   for j in range(self.i, last))

    def _handler(self, t: Token) -> Callable[[], bool]:
        """The handler for the class of token ``t``."""
        if t.text in _DASHES:
            return self.dash
        if t.text == ",":
            return self.comma
        if t.text == "(":
            return self.acronym
        if t.low == "và" or t.text == "&":
            return self.conjunction
        if (t.text.isdigit() or t.text.isupper()) and self._numbers_body():  # "Quân khu 7", "khối II"
            return self.number
        if not t.text.isalpha() and not is_abbr(t):
            return _stop
        return self.word

    def _numbers_body(self) -> bool:
        """Whether the token at the cursor is the number that names the body before it: "Quân khu 7"."""
        toks, k = self.toks, self.k
        return self.good == k > self.i and any(
            _numbers_body(toks, j, k) for j in range(max(self.i, k - 3), k))

    def number(self) -> bool:
        """The number of a numbered body ("Quân khu 7", "Đảng ủy khối I"); it ends nothing."""
        self.k = self.good = self.k + 1
        self.free = 0
        return True

    def dash(self) -> bool:
        """ "Tài chính - Kế hoạch": a spaced hyphen between two parts of one name."""
        if self.good > self.i and _hyphen_continues(self.toks, self.k):
            self.k, self.free = self.k + 1, 0
            if (end := _part_like_a_verb(self.toks, self.k)) is not None:
                self.k = self.good = end
            return True
        return False

    def comma(self) -> bool:
        """ "Sở Khoa học, Công nghệ và Môi trường": a comma inside an enumeration of one name."""
        cont = _comma_continues(self.toks, self.k) if self.good > self.i else None
        if cont is None:
            return self._parent_body()
        self.k, self.free = cont, 0
        if self.toks[cont - 1].low != "và":
            self.good = max(self.good, cont)
        return True

    def _parent_body(self) -> bool:
        """ "Vụ Pháp luật, Văn phòng Quốc hội", "Khoa Nội, Bệnh viện tỉnh": after a comma, the larger body a
        department belongs to goes on its name; the department is the organization's first word or the role's last.
        """
        toks, i, k = self.toks, self.i, self.k
        if self.good != k or k + 1 >= len(toks) or not tight(toks[k + 1]) or not is_cap(toks[k + 1]) \
                or vocabulary().titles.match(toks, k + 1) is not None:
            return False
        subs, parents = grammar_words("sub_unit"), grammar_words("parent_body")
        sub = any(" ".join(t.low for t in toks[j:i]) in subs for j in (i - 1, i - 2) if j >= 0) \
            or any(" ".join(t.low for t in toks[i:j]) in subs for j in (i + 1, i + 2))
        parent = any(" ".join(t.low for t in toks[k + 1:j]) in parents for j in (k + 2, k + 3, k + 4))
        if not (sub and parent):
            return False
        self.k, self.free = k + 1, 0
        return True

    def acronym(self) -> bool:
        """ "Công đoàn (CĐ) Vissan", "Sở Tài nguyên và Môi trường (TN&MT) tỉnh Sóc Trăng": an acronym in brackets
        inside the name is read past; the name goes on only if a word after it is taken ("(VCCI) Vũ Tiến Lộc" is not).
        """
        toks, k = self.toks, self.k
        if self.good != k or k == self.i or k + 3 >= len(toks) or not is_abbr(toks[k + 1]) \
                or toks[k + 2].text != ")" or not tight(toks[k + 3]):
            return False
        self.k, self.free = k + 3, 0
        return True

    def conjunction(self) -> bool:
        """ "Bộ Kế hoạch và Đầu tư": "và" or "&" before another capitalized part, "&" between two abbreviations
        ("Sở TN & MT"); in lower case, between two listed name words ("Phòng giáo dục và đào tạo").
        """
        toks, k, words = self.toks, self.k, vocabulary()
        if self.good <= self.i or k + 1 >= len(toks) or not tight(toks[k + 1]):
            return False
        if is_cap(toks[k + 1]) and words.titles.match(toks, k + 1) is None and name_at(toks, k + 1) is None:
            self.k, self.free = k + 1, 0
            return True
        if toks[k].text == "&" and self.good == k and is_abbr(toks[k - 1]) and is_abbr(toks[k + 1]):  # "Sở TN & MT"
            self.k, self.free = k + 1, 0
            return True
        ends_word = any((hit := words.org_words.match(toks, j)) is not None and hit[1] == k
                        for j in range(max(self.i, k - 3), k))
        if self.good == k and is_lower(toks[k + 1]) and ends_word \
                and words.org_words.match(toks, k + 1) is not None and words.heads.match(toks, k + 1) is None:
            self.k, self.free = k + 1, 0
            return True
        return False

    def word(self) -> bool:
        """A word: the first of the word handlers that takes it, unless something else starts here."""
        if self.groups() or self.belongs():
            return True
        if self._ends_here():
            return False
        return self.org_word() or self.unit() or self.place() or self.abbreviation() or self.capitalized() \
            or self.free_lower() or self.descriptor()

    def descriptor(self) -> bool:
        """Lower-case words describing a body named by its head (and lower-case words), up to the place or name
        that ends it: "Trung tâm nước sạch và … tỉnh Bà Rịa - Vũng Tàu", "Trung tâm dạy nghề Thanh Phúc".
        With no such end they are not read ("Giám đốc xí nghiệp đóng tàu của công ty"). After a role ending in a
        head they name its body ("Trưởng ban xây dựng Đảng Đảng ủy xã"); after a firm's or institute's capitalized
        name ("Công ty CP Thực phẩm sạch Hòa Lạc,") only a place or a proper name closing the clause ends them.
        """
        toks, k, words = self.toks, self.k, vocabulary()
        named = self._described_body()
        if named is None:
            return False
        j = k
        while j < len(toks) and j - k < _DESCRIPTOR_REACH and is_lower(toks[j]) and tight(toks[j]) \
                and words.units.match(toks, j) is None and words.honorifics.match(toks, j) is None \
                and (toks[j].low == "và" or not stop_at(toks, j)):
            j += 1
        if j == k or j >= len(toks) or not tight(toks[j]) or toks[j - 1].low == "và":
            return False
        unit = words.units.match(toks, j)
        placed = unit is not None and place_end(toks, unit[1], self.names) > unit[1]
        if not placed and not (is_cap(toks[j]) and words.titles.match(toks, j) is None and name_at(toks, j) is None
                               and words.function_words.match(toks, j) is None):
            return False
        if named and not placed and (words.org_words.match(toks, j) is not None or not proper_name_closes(toks, j)):
            return False  # after a capitalized name only a proper name closing the clause ends a description
        self.k = self.good = j
        return True

    def _described_body(self) -> bool | None:
        """Whether lower-case words at the cursor may describe the body read so far: None when they may not,
        False for a body named by its head alone ("trung tâm" + "nước sạch", "Trưởng ban" + "xây dựng Đảng"),
        True for a body named by capitalized words after its head ("Công ty CP Năng lượng" + "sinh học").
        """
        toks, i, k, words = self.toks, self.i, self.k, vocabulary()
        if self.good != k:
            return None
        # the body's head: its first word, or the last word of the role before it ("Trưởng ban", "Trưởng phòng")
        head = words.heads.match(toks, i) or (
            hit if i > 0 and (hit := words.heads.match(toks, i - 1)) is not None and hit[1] == i else None)
        if head is not None and all(is_lower(t) for t in toks[head[1]:k]):
            return False  # the head alone, or with lower-case words of its own: "trung tâm y tế" + "dự phòng"
        heads = [(j, hit[1]) for j in range(i, k) if (hit := words.heads.match(toks, j)) is not None and hit[1] < k]
        if not heads:
            return None
        start, end = heads[-1]
        described = " ".join(t.low for t in toks[start:end]) in described_heads()
        return True if described and (is_cap(toks[end]) or is_abbr(toks[end])) else None

    def _ends_here(self) -> bool:
        """A stop word, an honorific, the next title or a person's name ends the organization."""
        words, toks, k = vocabulary(), self.toks, self.k
        if (stop_at(toks, k) and not self._longer_org_word()) or words.honorifics.match(toks, k) is not None:
            return True
        if is_cap(toks[k]):
            if words.titles.match(toks, k) is not None and not self.after_head:
                return True  # the next title: "Bí thư Huyện ủy Phó Chủ tịch …" without a comma
            if ((end := name_at(toks, k, TITLE_FIRST_NAME_MIN)) is not None and not self.names.firm(toks, k, end)) \
                    or (k == self.i and self.names.short_name(toks, k)):
                return True  # the name after a title: "Chủ tịch UBND TP HCM Lê Thanh Hải"
        return False

    def _longer_org_word(self) -> bool:
        """Whether an organization word longer than the stop word starts here ("dự án" is not "dự")."""
        words, toks, k = vocabulary(), self.toks, self.k
        org = words.org_words.match(toks, k)
        stop = words.stops.match(toks, k) or words.function_words.match(toks, k)
        return org is not None and stop is not None and org[1] > stop[1]

    def groups(self) -> bool:
        """ "Ban Chỉ đạo các Chương trình mục tiêu quốc gia": "các" inside a name."""
        toks, k = self.toks, self.k
        if toks[k].low == "các" and self.good > self.i and k + 1 < len(toks) and is_cap(toks[k + 1]):
            self.k += 1
            return True
        return False

    def belongs(self) -> bool:
        """ "Ủy ban Kinh tế của Quốc hội", "Học viện Báo chí thuộc Học viện Chính trị": "của" or "thuộc"
        right after a name, before the capitalized body it belongs to, also abbreviated ("của QH").
        """
        if self.good != self.k or self.k == self.i or not _owned_by_body(self.toks, self.k):
            return False
        self.k, self.free = self.k + 1, 0
        return True

    def org_word(self) -> bool:
        """A listed organization word ("Huyện ủy", "Ủy ban"), unless a unit word is longer."""
        words, toks, k = vocabulary(), self.toks, self.k
        word = words.org_words.match(toks, k)
        unit = words.units.match(toks, k)
        if word is None or (unit is not None and unit[1] >= word[1]):  # "Huyện ủy" is a body, "huyện" a unit
            return False
        if is_lower(toks[k]) and self._after_bare_unit():
            return False  # "Chủ tịch UBND huyện kiểm tra …": a unit with no place ends the name
        head = words.heads.match(toks, k)
        self.after_head = head is not None and head[1] == word[1]
        # A capitalized one-syllable word may take its second syllable ("Hội nghị", "Phòng thủ"); a listed
        # word of two or more syllables is whole ("Chính phủ thường kỳ" ends after "phủ").
        single = is_cap(toks[k]) and word[1] == k + 1
        self.free = (_FREE_AFTER_HEAD if self.after_head else _FREE_LOWER) if single else 0
        self.k = self.good = word[1]
        return True

    def _after_bare_unit(self) -> bool:
        """Whether a lower-case unit word with no place after it ("huyện", "thành phố") ends right at the cursor."""
        toks, k, units = self.toks, self.k, vocabulary().units
        return any((hit := units.match(toks, j)) is not None and hit[1] == k and is_lower(toks[j])
                   for j in range(max(self.i, k - 2), k))

    def unit(self) -> bool:
        """An administrative unit and the place after it; a place closes the organization."""
        self.after_head = False
        unit = vocabulary().units.match(self.toks, self.k)
        if unit is None:
            return False
        self.k = self.good = place_end(self.toks, unit[1], self.names)
        self.free = 0
        # "Trưởng Đoàn ĐBQH tỉnh Đồng Nai - Trong thời gian": a place read ends it.
        self.closed = self.k > unit[1]
        return True

    def place(self) -> bool:
        """A province or district named with no unit word ("Thành ủy Phan Rang-Tháp Chàm"): read whole, it ends."""
        toks, k = self.toks, self.k
        hit = vocabulary().places.match(toks, k) if k > self.i and is_cap(toks[k]) else None
        if hit is None or hit[1] - k < 2 or hit[0] not in _NOT_A_NAME_LEVELS \
                or not all(is_cap(t) or t.text in _DASHES for t in toks[k:hit[1]]):
            return False
        self.k = self.good = hit[1]
        self.closed = True
        return True

    def abbreviation(self) -> bool:
        """ "UBND", "TN&MT"."""
        if not is_abbr(self.toks[self.k]):
            return False
        self.k = self.good = self.k + 1
        self.free = 0
        return True

    def capitalized(self) -> bool:
        """A capitalized word, which one free lower-case syllable may complete ("Kế hoạch")."""
        toks, k = self.toks, self.k
        if not is_cap(toks[k]):
            return False
        # Not after a capitalized word that is not a head: "Mặt trận Tổ quốc Việt Nam tham gia".
        prev = toks[k - 1] if k > self.i else None
        proper = prev is not None and is_cap(prev) and vocabulary().heads.match(toks, k - 1) is None
        self.k = self.good = k + 1
        self.free = 0 if proper else _FREE_LOWER
        return True

    def free_lower(self) -> bool:
        """The lower-case syllable a capitalized word may take: "Tài chính"."""
        if is_lower(self.toks[self.k]) and self.free > 0:
            self.k = self.good = self.k + 1
            self.free -= 1
            return True
        return False


def proper_name_closes(toks: list[Token], j: int) -> bool:
    """Whether the capitalized words at ``j`` run to the end of the clause (a mark or the line's end), as a
    company's or institute's own name does ("… sinh học Phú Tài, chia sẻ"); a verb's capitalized object
    goes on ("tổ chức Hội nghị tổng kết").
    """
    m = j
    while m < len(toks) and (m == j or tight(toks[m])) and (is_cap(toks[m]) or is_abbr(toks[m])):
        m += 1
    return m == len(toks) or not tight(toks[m]) or toks[m].text in _CLAUSE_MARKS


def _owned_by_body(toks: list[Token], k: int) -> bool:
    """Whether "của" or "thuộc" at ``k`` names the body a name belongs to: "của Quốc hội", "của QH"."""
    j = k + 1
    if k >= len(toks) or toks[k].low not in grammar_words("body_of") or j >= len(toks) or not tight(toks[j]) \
            or vocabulary().titles.match(toks, j) is not None:
        return False
    return (is_cap(toks[j]) and head_at(toks, j)) or (is_abbr(toks[j]) and _abbreviated_head(toks[j].text))


@cache
def _abbreviated_head(text: str) -> bool:
    """Whether an abbreviation stands for a body that heads an organization: "QH" (Quốc hội), "UBND"."""
    expanded = vocabulary().abbreviations.get(text)
    return expanded is not None and head_at(tokenize(expanded), 0)


def _stop() -> bool:
    return False


def _numbers_body(toks: list[Token], k: int, end: int) -> bool:
    """Whether the body word ``toks[k:end]`` takes the number after it as its name: "Quân khu 7", "Khối I"."""
    number = toks[end].text
    if not tight(toks[end]):
        return False
    body = " ".join(t.low for t in toks[k:end])
    return body in grammar_words("numbered_body") and (
        (number.isdigit() and len(number) <= 2) or (number.isupper() and set(number) <= set("IVX")))


def _province_after(toks: list[Token], k: int, names: KnownNames, bare: bool = False) -> int:
    """The end of ", tỉnh Long An" after a district's place at ``k`` (``k`` itself when none follows); with
    ``bare``, of a province named with no unit word (", Hà Giang") when nothing but an end mark follows it.
    """
    if toks[k].text != "," or k + 2 >= len(toks) or not tight(toks[k + 1]):
        return k
    words = vocabulary()
    unit = words.units.match(toks, k + 1)
    if unit is None or unit[0] not in _PROVINCE_LEVEL:
        place = words.places.match(toks, k + 1) if bare else None
        # In running text a comma after it goes on with the clause: ", Bình Định, cho hay" glosses the place.
        if place is None or place[0] != "province" or (place[1] < len(toks) and (
                toks[place[1]].text.isalpha() or toks[place[1]].text == ",")):
            return k
        return place[1]
    end = place_end(toks, unit[1], names)
    return end if end > unit[1] else k


def org_end(toks: list[Token], i: int, names: KnownNames | None = None) -> int:
    """The end of the organization that starts at token ``i`` (``i`` itself when there is none).

    >>> from govreport.tokens import tokenize
    >>> toks = tokenize("Chủ tịch UBND huyện Đức Thọ cho biết")
    >>> " ".join(t.text for t in toks[2:org_end(toks, 2)])
    'UBND huyện Đức Thọ'
    >>> toks = tokenize("Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng")
    >>> " ".join(t.text for t in toks[2:org_end(toks, 2)])
    'Bộ Kế hoạch và Đầu tư'
    """
    return _OrgReader(toks, i, names or KnownNames()).read()
