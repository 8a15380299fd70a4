"""Officials: the people a report names, with their titles and their part in the meeting.

A person is found four ways, each a small function below:

- an honorific and a full name: "đồng chí Trần Đình Cảnh", "ông Võ Công Hàm", "Đ/c Lê Văn An";
- a title right before a full name: "Bí thư Huyện ủy Trần Đình Cảnh", "Phó Thủ tướng Bùi Thanh Sơn";
- a list after a shared title: "các Phó Chủ tịch UBND tỉnh: Dương Hoài Nam, Kiều Thị Mỹ Linh";
- a signature block: "CHỦ TỊCH" over a name at the foot of a document.

A full name starts with a family name (``data/surnames.yaml``) and has two to four capitalized
syllables, not a province or district (the gazetteer). A short name ("ông Hải", "Bí thư Thăng")
counts only when exactly one full name of the document ends with it, so Nguyễn Minh Hồng and
Nguyễn Mạnh Hồng stay two people and "ông Hồng" stays unattached.

Titles are read by :mod:`govreport.rules.titles` and their organizations by
:mod:`govreport.rules.organizations` (which also reads full names, as a name ends an organization);
this module is about people: who is named, which titles are theirs, their part in the meeting. Titles
follow the name ("- Thành ủy viên, Bí thư Huyện ủy"), come before it, or follow an
appointment cue ("giữ chức", "được bầu làm"). Roles in the meeting (attended, chaired, spoke,
concluded, directed) come from cues in the same sentence (``data/official_cues.yaml``).

Precision before recall: only a person with at least one title is an official (a farmer quoted by
name is not), groups ("các đồng chí trong Ban Thường vụ") have no name and yield nothing, and a
capitalized run that cannot be a full name is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from .. import lexicon
from ..lexicon import OfficialCueEntry, grammar_words
from ..models import Official, Role, Span, Title
from ..tokens import UPPER, Phrases, SentenceTokens, Token, is_cap, is_lower, tight, tokenize
from .organizations import (
    NAME_MAX,
    NAME_MIN,
    TITLE_FIRST_NAME_MIN,
    KnownNames,
    name_at,
    name_text,
    stop_at,
    unlisted_name_at,
    vocabulary,
)
from .titles import FoundTitle, qualifier_words, rank_roles, tenure_end, tidy_titles, title_at, title_model

__all__ = ["extract_officials", "find_people"]

ROLE_ORDER: tuple[Role, ...] = ("attended", "chaired", "spoke", "concluded", "directed")
RULE_MENTION = "official: name with title"
_DASH_JOINTS = frozenset("-–")
_JOINTS = frozenset(",-–")  # between two titles before a name: "Phó Bí thư Tỉnh ủy - Chủ tịch HĐND tỉnh"
RULE_SIGNATURE = "official: signature block"
_SHARED_ROLE = "shared-role"  # the separator of official_cues.yaml joining a bare role to the next title: "kiêm"


@cache
def _cues() -> Phrases[OfficialCueEntry]:
    """The cues of ``data/official_cues.yaml`` that say something about a person (not qualifiers or stops)."""
    return Phrases((s, e) for e in lexicon.entries("official_cues", OfficialCueEntry)
                   if e.sets not in ("qualifier", "stop") for s in e.surfaces)


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
    rule: str = RULE_MENTION
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

    def inside_appointment(self, i: int) -> bool:
        """Whether token ``i`` is a later word of an appointment cue: "vụ" of "thôi giữ chức vụ" is no "Vụ trưởng"."""
        cues = _cues()
        for k in self.cue_starts:
            if k >= i:
                break
            hit = cues.match(self.toks, k)
            if hit is not None and k < i < hit[1] and hit[0].sets == "appointment":
                return True
        return False


def _known_name_end(toks: list[Token], i: int, least: int, ctx: KnownNames) -> int | None:
    """Like :func:`name_at`, but a known three-syllable name wins over a four-syllable run.

    "Thứ trưởng Trần Đình Khiển Vấn đề …" (an interview) is "Trần Đình Khiển" when the document writes
    that name elsewhere.
    """
    end = name_at(toks, i, least)
    if end is not None and end - i == NAME_MAX and name_text(toks, i, end - 1) in ctx.known:
        return end - 1
    return end


def _honorific_name(sent: _Sentence, i: int, ctx: KnownNames) -> tuple[_Mention, int] | None:
    """An honorific at token ``i`` and the name after it (a pronoun when no name follows)."""
    lex = vocabulary()
    hit = lex.honorifics.match(sent.toks, i)
    if hit is None:
        return None
    honorific, j = hit
    toks = sent.toks
    if i > 0 and toks[i - 1].low in grammar_words("plural", "counted", "holders"):
        # A group ("các đồng chí trong Ban Thường vụ"), unless names follow: "đối với các ông A, B, C".
        if j < len(toks) and tight(toks[j]) and (end := _known_name_end(toks, j, TITLE_FIRST_NAME_MIN, ctx)):
            return _Mention(name_text(toks, j, end), j, end, honorific), end
        return None
    if j < len(toks) and tight(toks[j]) and (end := _known_name_end(toks, j, NAME_MIN, ctx)) is not None:
        return _Mention(name_text(toks, j, end), j, end, honorific), end
    if j < len(toks) and tight(toks[j]) and (full := ctx.short_name(toks, j)) is not None:
        return _Mention(full, j, j + 1, honorific), j + 1
    if j < len(toks) and tight(toks[j]) and (end := _titled_unlisted_name(toks, j, ctx)) is not None:
        return _Mention(name_text(toks, j, end), j, end, honorific), end  # "bà Yoonhee Kim, Giám đốc …"
    if j < len(toks) and is_cap(toks[j]) and tight(toks[j]) and lex.titles.match(toks, j) is None:
        return None  # "ông Thăng" before the full name is known, or a name we cannot read
    return _Mention(None, i, j, honorific), j


def _titled_unlisted_name(toks: list[Token], j: int, ctx: KnownNames) -> int | None:
    """The end of a name with no listed family name after an honorific, when a title of its own follows it:
    one with an organization, or a role set off by punctuation ("bà Yoonhee Kim, Giám đốc Ban …"). Not a role
    that is the subject of the next clause: "theo ông A, Thủ tướng đã yêu cầu …".
    """
    hit = unlisted_name_at(toks, j)
    if hit is None:
        return None
    end, k = hit
    title = title_at(toks, k, ctx)
    if title is None or (title.org_end == title.org_start and not title.member
                         and title.resume < len(toks) and toks[title.resume].text.isalpha()):
        return None
    return end


@cache
def _scan_words() -> frozenset[str]:
    """The lower-cased words an honorific, a qualifier or a role can start with."""
    lex = vocabulary()
    return frozenset(lex.honorifics.sizes) | frozenset(lex.qualifiers.sizes) | frozenset(lex.titles.sizes)


def _scan_starts(toks: list[Token]) -> list[int]:
    """The tokens where ``_scan`` can find something: a listed first word or a family name.

    Elsewhere ``_honorific_name``, ``title_at`` and ``name_at`` all return None, so the scan moves on.
    """
    words, surnames = _scan_words(), vocabulary().surnames
    return [i for i, t in enumerate(toks) if t.low in words or t.text in surnames]


def _scan(sent: _Sentence, ctx: KnownNames) -> None:
    """Read a sentence left to right: honorifics with names, titles, names after titles, known names."""
    toks = sent.toks
    after = 0  # where reading resumes: tokens before it belong to what was read
    for i in sent.starts:
        if i < after:
            continue
        if (hon := _honorific_name(sent, i, ctx)) is not None:
            sent.mentions.append(hon[0])
            after = hon[1]
            if i > 0 and toks[i - 1].low in grammar_words("plural") and hon[0].name is not None:
                after = _listed_names(sent, after, ctx)  # "các ông A, B và C"
            continue
        if toks[i].text[0].isalpha() and (found := title_at(toks, i, ctx)) is not None \
                and not sent.inside_appointment(i):
            # "các Phó Chủ tịch UBND tỉnh", "hai Phó Chủ tịch UBND tỉnh A và B", "có 3 Phó Giám đốc"
            group = i > 0 and (toks[i - 1].low in grammar_words("plural", "holders") or _counted_in_digits(toks, i))
            past = _aside_end(toks, found.resume)
            if past > found.resume and past < len(toks) and name_at(toks, past) is not None:
                found = found._replace(resume=past)  # "Chủ tịch UBND xã A (huyện B) Tăng Văn Méc": read past the aside
            sent.titles[i] = (found, _GROUP if group else None)
            j = after = found.resume
            # After a whole title ("Giáo sư Hoàng Tụy") no organization can take the name: two syllables do.
            # So do they after a role with no organization ("Tổng Bí thư Tô Lâm"), unless the role is itself
            # the end of a body's name ("Thường trực Ban Bí thư Phan Diễn").
            alone = found.org_end == found.org_start and (i == 0 or vocabulary().heads.match(toks, i - 1) is None)
            least = NAME_MIN if found.member or alone else TITLE_FIRST_NAME_MIN
            if (end := _known_name_end(toks, j, least, ctx)) is not None and tight(toks[j]):
                sent.mentions.append(_Mention(name_text(toks, j, end), j, end, None))
                after = _listed_names(sent, end, ctx) if group else end
            elif (end := _name_between_commas(toks, j, ctx)) is not None:
                sent.mentions.append(_Mention(name_text(toks, j + 1, end), j + 1, end, None))
                after = end
            elif (full := ctx.short_name(toks, j)) is not None and found.org_end == found.org_start \
                    and tight(toks[j]) and _ends_phrase(toks, j + 1):
                sent.mentions.append(_Mention(full, j, j + 1, None))
                after = j + 1
            continue
        if (end := _known_name_end(toks, i, NAME_MIN, ctx)) is not None and _free_name(toks, i, end, ctx):
            sent.mentions.append(_Mention(name_text(toks, i, end), i, end, None))
            after = end


def _counted_in_digits(toks: list[Token], i: int) -> bool:
    """Whether a count in digits after "có", "gồm", "là" stands before the title at ``i`` ("có 2 Phó Chủ tịch"),
    not a day or an article ("ngày 15 Chủ tịch UBND tỉnh …").
    """
    return i >= 2 and toks[i - 1].text.isdigit() and toks[i - 2].low in grammar_words("list_open")


def _free_name(toks: list[Token], i: int, end: int, ctx: KnownNames) -> bool:
    """Whether a full name at ``[i, end)`` with no honorific or title before it names a person.

    A name the document already gave a title or honorific; a name opening a list item, or joined by "và", with
    its titles after it ("3. Huỳnh Đảm, Phó Chủ tịch …"); one after "là", "gồm", "có" with the title of a named
    body after it; a name in a list after a colon ("gồm các ông: Lê
    Hoàng, …"). Two syllables are enough in a list; elsewhere a name needs three. The cheap tests come first:
    this runs for every capitalized family name.
    """
    whole = end - i >= TITLE_FIRST_NAME_MIN
    if whole and name_text(toks, i, end) in ctx.known:
        return True
    if (_opens_item(toks, i) or (whole and i > 0 and (toks[i - 1].low == "và" or toks[i - 1].text == ";"))) \
            and _titled_after(toks, end, ctx):
        # "1. Huỳnh Đảm, Phó Chủ tịch …"; "ông A, Chủ tịch UBND huyện và Lê Minh Dũng, Phó Chủ tịch …"; the next
        # item of a list with no colon: "Dự có ông A, Chủ tịch UBND huyện; Lê Minh Dũng, Phó Chủ tịch …"
        return True
    if whole and _dashed_title_after(toks, end, ctx):
        return True  # "Dương Quốc Hà - Phó Tổng Giám đốc Liên doanh dầu khí Việt Xô"
    if i > 0 and toks[i - 1].low in grammar_words("list_open") and _dashed_title_after(toks, end, ctx, _APPOSITION):
        return True  # "hai quan chức của huyện là Đỗ Tố, Chủ tịch UBND huyện và …": named after "là", "gồm", "có"
    return (whole or _ends_item(toks, end)) and _after_list_colon(toks, i)


def _name_between_commas(toks: list[Token], j: int, ctx: KnownNames) -> int | None:
    """The end of a full name set off by commas right after a title ("Chủ tịch UBND quận, Đổng Thị Kim Vui,
    cho biết"), or None.
    """
    if j >= len(toks) or toks[j].text != ",":
        return None
    end = _known_name_end(toks, j + 1, TITLE_FIRST_NAME_MIN, ctx)
    if end is None or not tight(toks[j + 1]) or end >= len(toks) or toks[end].text != ",":
        return None
    return end


def _title_then_name(sent: _Sentence, people: dict[str, _Person]) -> None:
    """A title that opens its clause, then a name between commas: the title is that name's.

    "Chủ tịch UBND quận Tân Phú, Đổng Thị Kim Vui, cho biết", "Theo Chủ tịch Hội đồng bầu cử TP, ông Võ Văn
    Cương, …"; a title already another's (an appositive "Ông A, Bí thư Huyện ủy, Nguyễn Văn B, …") is not.
    """
    toks = sent.toks
    starts = {m.start: m for m in sent.mentions if m.name is not None and m.honorific is None}
    honored = {m.start: m for m in sent.mentions if m.name is not None and m.honorific is not None}
    for title, owner in list(sent.titles.values()):
        k = title.resume
        m = None
        if owner is None and k < len(toks) and toks[k].text == ",":
            m = starts.get(k + 1) or honored.get(k + 2) or honored.get(k + 3)  # "…, ông A", "…, đồng chí A"
        if m is not None and m.name is not None and _opens_clause(toks, title.start) \
                and not _mention_ending(sent, title.start):
            _claim(sent, [title], m.name, people)


def _listed_names(sent: _Sentence, k: int, ctx: KnownNames) -> int:
    """The names joined by "," or "và" after a shared title's first name; returns where reading resumes.

    "các Phó Chủ tịch HĐND tỉnh Trần Tú Anh và Trần Văn Kỳ": Trần Văn Kỳ is named too.
    """
    toks = sent.toks
    while k + 1 < len(toks) and (toks[k].text == "," or toks[k].low == "và") and tight(toks[k + 1]):
        end = _known_name_end(toks, k + 1, NAME_MIN, ctx)
        if end is None:
            break
        sent.mentions.append(_Mention(name_text(toks, k + 1, end), k + 1, end, None))
        k = end
    return k


def _group_named(sent: _Sentence, people: dict[str, _Person]) -> None:
    """A shared title right before names: "các Phó Chủ tịch UBND tỉnh Lê Ngọc Khánh và Nguyễn Công Vinh"."""
    toks = sent.toks
    starts = {m.start: m for m in sent.mentions if m.name is not None and m.honorific is None}
    for title, owner in list(sent.titles.values()):
        m = starts.get(title.resume) if owner == _GROUP else None
        if m is None:
            continue
        while m is not None and m.name is not None:
            people[m.name].titles.append(title_model(sent.text, toks, title))
            sep = m.end
            joined = sep < len(toks) and (toks[sep].text == "," or toks[sep].low == "và")
            m = starts.get(sep + 1) if joined else None
        sent.titles[title.start] = (title, "")  # used up


def _cut_names(people: dict[str, _Person]) -> set[str]:
    """Two-syllable names that start a longer name of the document: "Phạm Minh" cut from "Phạm Minh Chính"
    by a line break is that person, not another.
    """
    short = [n for n in people if n.count(" ") == NAME_MIN - 1]
    firsts = {" ".join(n.split()[:NAME_MIN]) for n in people if n.count(" ") >= NAME_MIN}
    return {n for n in short if n in firsts}


@cache
def _written_forms(kind: str) -> tuple[str, ...]:
    """The grammar words of a kind as a text writes them: lower case, capitalized, in capitals ("công ty",
    "Công ty", "CÔNG TY"), for ``str.find`` and ``in``, which are far faster than a case-blind pattern.
    """
    words = grammar_words(kind)
    return tuple(sorted(words | {w.capitalize() for w in words} | {w.upper() for w in words}))


_FIRM_RE = re.compile(rf"[ ]+((?:[{UPPER}]\w*[ ]?){{2,6}})")  # the capitalized run after a company word


def _firms(text: str) -> frozenset[str]:
    """The capitalized runs the text writes right after a company word and its legal form, and their first
    syllables: a firm named like a person ("Công ty Hoàng Gia Phát", "Công ty TNHH Vàng Phước Minh"). A
    person of that name needs an honorific to be one.

    Each company word is looked up with ``str.find``: most documents have few, and a pattern over every
    position of the text would cost more than the rest of this stage.
    """
    firms: set[str] = set()
    for word in _written_forms("company"):
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not text[at - 1].isalnum()) and (m := _FIRM_RE.match(text, end)) is not None:
                words = m.group(1).split()
                first = next((k for k, w in enumerate(words) if not w.isupper()), len(words))  # past "TNHH"
                firms.update(" ".join(words[first:n]) for n in range(first + NAME_MIN, len(words) + 1))
            at = text.find(word, end)
    return frozenset(firms)


def _ends_phrase(toks: list[Token], i: int) -> bool:
    """Whether a short name may end at token ``i``: a punctuation mark or a verb ("Bí thư Thăng hỏi")."""
    return i >= len(toks) or not toks[i].text.isalpha() or stop_at(toks, i)


def _after_list_colon(toks: list[Token], i: int) -> bool:
    """Whether a name stands in a list opened by a colon ("các Phó Chủ tịch UBND tỉnh: A, B")."""
    j = i - 1
    while j >= 0 and toks[j].text not in (":", ".", "(", ")"):
        j -= 1
    return j >= 0 and toks[j].text == ":"


_BULLETS = frozenset("-–+•*")
_ITEM_MARKS = frozenset(".);-–")  # after a list number: "1.", "2)", "3-", a table's "4;"
_APPOSITION = frozenset(",-–:(")  # between a name and its title: "Lê Văn An, Bí thư", "Lê Văn An - Bí thư"
_NAMED_JOINTS = frozenset("-–(")  # between a name with nothing before it and its title: "Lê Văn An (Giám đốc Sở …)"


def _opens_item(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` opens a line or a list item: "1. Lê Văn An, …", "- Lê Văn An: …".

    A list of people ("Danh sách Ban Chấp hành: 1. A, Bí thư Tỉnh ủy; 2. B, …") names each one first
    and gives the titles after; no honorific or title comes before the name.
    """
    if i == 0 or "\n" in toks[i].glue:
        return True
    prev = toks[i - 1]
    if prev.text in _ITEM_MARKS and i >= 2 and toks[i - 2].text.isdigit() and len(toks[i - 2].text) <= 3:
        return True  # "1. A", "2) A", "13- A", a table's "4; A"
    if prev.text in _BULLETS:
        return i == 1 or "\n" in prev.glue
    return prev.text.isdigit() and len(prev.text) <= 3 and prev.glue == ""  # "… Bộ Công an12 Vũ Đình Lâm"


def _ends_item(toks: list[Token], end: int) -> bool:
    """Whether a list item ends at ``end``: a comma, a semicolon, a full stop, "và" or the sentence end."""
    return end >= len(toks) or toks[end].text in (",", ";", ".") or toks[end].low == "và"


def _titled_after(toks: list[Token], end: int, ctx: KnownNames) -> bool:
    """Whether a title follows the name ending at ``end``, after a comma, a dash, a colon or a bracket."""
    return end + 1 < len(toks) and toks[end].text in _APPOSITION and title_at(toks, end + 1, ctx) is not None


def _dashed_title_after(toks: list[Token], end: int, ctx: KnownNames, joints: frozenset[str] = _NAMED_JOINTS) -> bool:
    """Whether a dash or a bracket and a title of a named body follow the name ending at ``end``: a caption or a
    list writes "Lê Văn A - Giám đốc Sở Y tế" or "Lê Văn A (Giám đốc Sở Y tế)" with no honorific, also after an
    aside ("Lê Văn A (Bắc Giang) - Phó Chủ tịch Hội …"). A bare role is no proof ("A - Chủ tịch").
    """
    end = _aside_end(toks, end)
    if end + 1 >= len(toks) or toks[end].text not in joints:
        return False
    title = title_at(toks, end + 1, ctx)
    return title is not None and (title.org_end > title.org_start or title.member)


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
            k = _past_tenure_aside(toks, k + 1)
            continue
        if k + 1 < len(toks) and toks[k].text in _DASH_JOINTS and _title_starting(sent, k + 1) is not None:
            k += 1  # "Bí thư Huyện ủy - Chủ tịch HĐND huyện"
            continue
        cue = _cues().match(toks, k)
        if cue is not None and cue[0].sets == "separator":
            k = cue[1]
            continue
        break
    return found


def _past_tenure_aside(toks: list[Token], k: int) -> int:
    """Past a tenure set off by commas inside a list of titles, so the list goes on: "Ủy viên Ủy ban …,
    nhiệm kỳ 2014-2019, Bí thư Tỉnh ủy …" (the tenure belongs to the title before; it is not kept).
    """
    end = tenure_end(toks, k)
    return end + 1 if k < end < len(toks) and toks[end].text in (",", ";") else k


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
    for title in _joined_roles(sent.toks, titles):
        person.titles.append(title_model(sent.text, sent.toks, title))


def _shares_role(toks: list[Token], k: int) -> bool:
    """Whether the joint at ``k`` lets a bare role before it share the organization after ("kiêm", " - ")."""
    if toks[k].text in _DASH_JOINTS:
        return True
    hit = _cues().match(toks, k)
    return hit is not None and hit[1] == k + 1 and hit[0].id == _SHARED_ROLE


def _joined_roles(toks: list[Token], titles: list[FoundTitle]) -> list[FoundTitle]:
    """The titles with a bare role joined by "kiêm" to the next title, whose organization it shares, read as one:
    "Phó Chủ tịch kiêm Tổng Thư ký Hội Nông dân Việt Nam" (annotation guide: one title, as written).

    A role with its own organization stays a title of its own ("Bí thư Huyện ủy kiêm Chủ tịch UBND huyện").
    """
    out: list[FoundTitle] = []
    for title in titles:
        prev = out[-1] if out else None
        if prev is not None and prev.org_end == prev.org_start and not prev.member and prev.role not in rank_roles() \
                and title.org_end > title.org_start and title.start == prev.resume + 1 \
                and _shares_role(toks, prev.resume):
            joint = toks[prev.resume].text
            out[-1] = title._replace(start=prev.start, role=f"{prev.role} {joint} {title.role}")
            continue
        out.append(title)
    return out


def _appositive(sent: _Sentence, mention: _Mention, people: dict[str, _Person]) -> None:
    """Titles right after a name: "Trần Đình Cảnh- Thành ủy viên, Bí thư Huyện ủy", "Ngọ (Chủ tịch HĐQT)"."""
    toks = sent.toks
    k = _past_aside(sent, mention.end)
    if k < len(toks) and toks[k].text in ("-", "–", "—", ",", ":", "("):
        k += 1
    elif k < len(toks) and _title_starting(sent, k) is None:
        return
    if mention.name is None:
        return
    # One person holds a role once: "… với Thủ tướng Nguyễn Xuân Phúc, Thủ tướng Shinzo Abe tin tưởng" is two;
    # but a member of several bodies is one ("Ủy viên Ban Chấp hành Đảng bộ tỉnh, Ủy viên UBND tỉnh").
    held = {t.role: _org_words(toks, t) for t, _ in sent.titles.values() if t.resume == mention.start}
    chain: list[FoundTitle] = []
    for title in _chain(sent, k, semicolons=False):
        org = _org_words(toks, title)
        if title.role in held and toks[title.start].low not in qualifier_words() \
                and (not org or not held[title.role] or org == held[title.role] or toks[title.start - 1].low == "và"):
            break  # a second holder of the role ("A, Chủ tịch HĐQT X và Chủ tịch HĐQT Y"), unless a former post
        held.setdefault(title.role, org)
        chain.append(title)
    _claim(sent, chain, mention.name, people)


def _org_words(toks: list[Token], title: FoundTitle) -> str:
    """The organization of a title as lower-case words ("" for none): "ubnd tỉnh"."""
    return " ".join(t.low for t in toks[title.org_start:title.org_end])


_ASIDE_REACH = 12  # tokens of a bracketed aside after a name: "(sinh năm 1969)", "(thứ 2 từ trái qua)"


def _past_aside(sent: _Sentence, k: int) -> int:
    """Past a bracketed aside with no title at ``k`` ("Trần Văn Thức (sinh năm 1969), Ủy viên …")."""
    if k < len(sent.toks) and _title_starting(sent, k + 1) is not None:
        return k
    return _aside_end(sent.toks, k)


def _aside_end(toks: list[Token], k: int) -> int:
    """The end of a bracketed aside at ``k`` that holds no role ("(Bắc Giang)", "(sinh năm 1969)"), else ``k``."""
    if k >= len(toks) or toks[k].text != "(" or vocabulary().titles.match(toks, k + 1) is not None:
        return k
    close = next((j for j in range(k + 1, min(len(toks), k + _ASIDE_REACH)) if toks[j].text == ")"), None)
    return k if close is None else close + 1


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
        if toks[joint].text not in _JOINTS:
            cue: int | None = None
            for size in (1, 2):
                if joint - size + 1 >= 0 and (hit := _cues().match(toks, joint - size + 1)) is not None \
                        and hit[1] == start and hit[0].sets == "separator":
                    cue = joint - size + 1
            if cue is None:
                break
            joint = cue
        prev = [t for t, owner in sent.titles.values() if t.resume == joint and owner is None]
        if not prev or _mention_ending(sent, prev[0].start) or not _opens_clause(toks, prev[0].start):
            break
        if any(t.role == prev[0].role for t in chain):
            break  # "Chủ tịch nước Trung Hoa …, Chủ tịch nước Việt Nam Trần Đại Quang": two people
        chain.insert(0, prev[0])
    _claim(sent, chain, mention.name, people)


def _opens_clause(toks: list[Token], i: int) -> bool:
    """Whether a title opens its clause, so that it may belong to the name after it.

    "Chiều 1/7, Ủy viên Bộ Chính trị, Phó Thủ tướng Vương Đình Huệ" does; "báo cáo của Bộ trưởng Y tế,
    đại biểu Lê Quốc Dung" does not.
    """
    if i == 0 or not toks[i - 1].text.isalpha() or toks[i - 1].low in grammar_words("list_open", "source"):
        return True
    for j in range(max(0, i - _cues().longest_size()), i):  # a role cue right before: "Dự hội nghị có …"
        hit = _cues().match(toks, j)
        if hit is not None and hit[1] == i and hit[0].sets in ROLE_ORDER:
            return True
    return False


def _mention_ending(sent: _Sentence, i: int) -> bool:
    """Whether a name and a separator end right before token ``i`` (then the title is that name's).

    Not a semicolon: it ends a list item, and the title after it opens the next ("…; Phó Bí thư Tỉnh ủy,
    Chủ tịch UBND tỉnh Võ Trọng Hải").
    """
    return any(m.end == i or (m.end == i - 1 and sent.toks[i - 1].text != ";") for m in sent.mentions)


def _group_list(sent: _Sentence, people: dict[str, _Person]) -> None:
    """A shared title over a list of names: "các Phó Chủ tịch UBND tỉnh: Dương Hoài Nam, Kiều Thị Mỹ Linh"."""
    toks = sent.toks
    for k, tok in enumerate(toks):
        if tok.text != ":" or k == 0:
            continue
        shared = _shared_titles(sent, _list_lead_start(toks, k)) or _shared_titles(sent, _far_lead_start(sent, k))
        if not shared:
            continue
        j = k + 1
        while (m := _item_mention(sent, j)) is not None and m.name is not None:
            _claim(sent, shared, m.name, people)
            for title in shared:
                sent.titles[title.start] = (title, _GROUP)  # shared: it stays free for the next name
            j = m.end
            while j < len(toks) and toks[j].text not in (",", ";") and toks[j].low != "và":
                if toks[j].text == ".":
                    break
                j += 1
            if j >= len(toks) or toks[j].text == ".":
                break
            if toks[j].text == "," and _item_mention(sent, j + 1) is None \
                    and (semi := _next_semicolon(toks, j, _ITEM_REACH)) is not None:
                j = semi  # "…: A, Phó Chủ tịch Ủy ban X; B, Phó Trưởng Ban Y": the item's own titles end at ";"
            j += 1
        for title in shared:
            sent.titles[title.start] = (title, "")  # used up


_ITEM_REACH = 25  # tokens of a list item's own titles, from the comma after its name to the ";" that ends it


def _shared_titles(sent: _Sentence, end: int) -> list[FoundTitle]:
    """The titles a list after ``end`` shares, joined by commas: "Ủy viên Bộ Chính trị, nguyên Chủ tịch nước:".

    Only a group shares them: "các Phó Chủ tịch UBND tỉnh:", "5 Phó Chủ tịch UBND gồm các ông:", or a chain
    that opens its part of a list ("Dự có các đồng chí: Ủy viên Bộ Chính trị, nguyên Chủ tịch nước: A, B; …").
    """
    toks = sent.toks
    free = {t.resume: t for t, owner in sent.titles.values() if owner in (None, _GROUP)}
    chain = [free[end]] if end in free else []
    while chain:
        joint = chain[0].start - 1
        while joint > 0 and toks[joint].low in qualifier_words():
            joint -= 1  # "…, nguyên Chủ tịch nước"
        if joint <= 0 or toks[joint].text != "," or joint not in free:
            break
        chain.insert(0, free[joint])
    if not chain or chain[0].start == 0:
        return []
    before = toks[chain[0].start - 1]
    group = before.low in grammar_words("plural", "shared_title") or before.text.isdigit()
    opens = before.text in (":", ";") and len(chain) > 1
    return chain if group or opens else []


@cache
def _list_lead_words() -> frozenset[str]:
    """The words that may open a list before its colon: openers, plurals, honorifics ("gồm các ông:") and
    words of the election the list reports ("tái cử gồm:").
    """
    honorifics = frozenset(word for key in vocabulary().honorifics.table for word in key)
    return grammar_words("list_open", "plural", "shared_title", "list_lead") | honorifics


def _list_lead_start(toks: list[Token], colon: int) -> int:
    """Where the words that open a list before ``colon`` start: "gồm các ông:" (``colon`` when none)."""
    lead = _list_lead_words()
    k = colon
    while k > 0 and toks[k - 1].low in lead:
        k -= 1
    return k


_FAR_LEAD_REACH = 12  # lower-case words between a group's title and the colon of its list


def _far_lead_start(sent: _Sentence, colon: int) -> int:
    """Where a group's title ends when lower-case words stand between it and the colon of its list ("các Phó
    Chủ tịch UBND tỉnh phụ trách khối kinh tế và văn xã:", "… được bầu tại đại hội lần này gồm có:"); ``colon``
    when no title ends within reach.
    """
    ends = {t.resume for t, owner in sent.titles.values() if owner in (None, _GROUP)}
    toks = sent.toks
    for j in range(colon - 1, max(0, colon - _FAR_LEAD_REACH) - 1, -1):
        if j in ends:
            return j
        if not is_lower(toks[j]):
            break
    return colon


def _item_mention(sent: _Sentence, j: int) -> _Mention | None:
    """The person a list item at token ``j`` names, with or without a title of its own first.

    "các Ủy viên Bộ Chính trị: Chủ tịch nước Lương Cường, Thủ tướng Phạm Minh Chính".
    """
    m = _mention_at(sent, j)
    if m is None and (own := _title_starting(sent, j)) is not None and _followed_by_name(sent, own):
        m = _mention_at(sent, own.resume)
    return m


def _person_of(mention: _Mention, current: str | None) -> str | None:
    return mention.name if mention.name is not None else current


def _appointments(sent: _Sentence, people: dict[str, _Person], current: str | None) -> None:
    """Titles after an appointment cue, given to the person the sentence is about.

    "… giữ chức Bí thư Thành ủy TP.HCM"; "thôi giữ chức Ủy viên Bộ Chính trị đối với ông Đinh La Thăng".
    """
    toks = sent.toks
    resume = 0  # where reading resumes
    for k in sent.cue_starts:
        if k < resume:
            continue
        cue = _cues().match(toks, k)
        listing = cue is not None and cue[0].sets == "listing" and _after_career(toks, k)
        if cue is None or not (cue[0].sets == "appointment" or listing):
            continue
        # Bare roles alone after a cue, written in lower case, are a duty or a class, not an office ("làm trưởng
        # đoàn", "người đứng đầu là bộ trưởng, thủ trưởng các cơ quan ngang bộ").
        chain = _chain(sent, cue[1], semicolons=True)
        if all(t.org_end == t.org_start and not t.member and not toks[t.start].text[0].isupper() for t in chain):
            chain = []
        after = cue[1]
        if not chain:
            continue
        for owner in _appointees(sent, after, chain[-1].resume, current, targeted=cue[0].id == _ELECTION):
            if owner in people:
                _claim(sent, chain, owner, people)
        after = chain[-1].resume


def _after_career(toks: list[Token], k: int) -> bool:
    """Whether a career word stands earlier in the sentence: "… nhiều vị trí công tác như …"."""
    return any((hit := _cues().match(toks, j)) is not None and hit[0].sets == "career"
               for j in range(max(0, k - 12), k))


_ELECTION = "election"  # the official_cues entry of appointments only a target after them receives


def _appointees(sent: _Sentence, cue: int, after: int, current: str | None, targeted: bool = False) -> list[str]:
    """Whom an appointment is about: "đối với X" after it; else (unless only a target may receive it, as for an
    election's "bầu bổ sung chức vụ …") the nearest person before, with those joined to them by "và" ("ông A,
    Giám đốc Sở Tài chính, và ông B … được bầu giữ chức …"); else after.
    """
    target = _target_after(sent, after)
    if target is None and targeted:
        return []
    if target is not None:
        # "… cho ông X": the appointee is named here, or (when the name cannot be read) nobody is; "đối với
        # các ông A, B, C": each of them.
        m = next((m for m in sent.mentions if m.start >= target and m.start - target <= 2), None)
        named = [m] if m is not None else []
        while named and (m := _joined_after(sent, named[-1])) is not None:
            named.append(m)
    elif before := [m for m in sent.mentions if m.end <= cue and not _quote_between(sent.toks, m.end, cue)]:
        named = _coordinated(sent, before)
    else:
        named = [m for m in sent.mentions if m.start >= after][:1]
    return [name for name in (_person_of(m, current) for m in named) if name is not None]


_QUOTE_DEPTH = {"“": 1, "«": 1, "”": -1, "»": -1}  # a straight '"' opens or closes, by turns


def _quote_between(toks: list[Token], start: int, end: int) -> bool:
    """Whether a quotation opened between a name and a cue is still open at the cue: the speaker is not whom a
    quoted appointment is about ('Đại biểu A nói: "… miễn nhiệm chức vụ Bộ trưởng …"'); a quoted nickname
    closed before it changes nothing ('ông A, "vua lúa", được bầu giữ chức …').
    """
    depth = straight = 0
    for t in toks[start:end]:
        depth += _QUOTE_DEPTH.get(t.text, 0)
        straight += t.text == '"'
    return depth > 0 or straight % 2 == 1


def _joined_after(sent: _Sentence, mention: _Mention) -> _Mention | None:
    """The person named right after ``mention`` behind a comma or "và" ("các ông A, B và C"), or None."""
    sep = mention.end
    if sep >= len(sent.toks) or not (sent.toks[sep].text == "," or sent.toks[sep].low == "và"):
        return None
    return next((m for m in sent.mentions if sep < m.start <= sep + 2), None)


def _target_after(sent: _Sentence, after: int) -> int | None:
    """The token after a target cue ("đối với", "cho") that names a person, in the clause from ``after``."""
    toks, lex = sent.toks, vocabulary()
    for j in range(after, len(toks)):
        if toks[j].text in (".", ";", ":"):
            return None
        hit = _cues().match(toks, j)
        if hit is not None and hit[0].sets == "target" and hit[1] < len(toks) and (
                lex.honorifics.match(toks, hit[1]) is not None or is_cap(toks[hit[1]])
                or (toks[hit[1]].low in grammar_words("plural") and lex.honorifics.match(toks, hit[1] + 1))):
            return hit[1]  # "đối với ông A", "cho bà B", "đối với các ông A, B"
    return None


def _roles(sent: _Sentence, people: dict[str, _Person], current: str | None) -> None:
    """Roles in the meeting from cues in the sentence.

    Before the names a cue covers the names after it ("Dự hội nghị có đồng chí A; đồng chí B": both
    attended; "Phát biểu kết luận, đồng chí A": A concluded); after a name it covers that name and those
    joined to it by "và".
    """
    toks = sent.toks
    if not sent.mentions:
        return
    resume = 0  # where reading resumes
    for k in sent.cue_starts:
        if k < resume:
            continue
        cue = _cues().match(toks, k)
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
            name = _person_of(m, current)
            if name is not None and name in people:
                people[name].roles.add(entry.sets)
        resume = end


def _coordinated(sent: _Sentence, before: list[_Mention]) -> list[_Mention]:
    """The last person named before a cue, with those joined to it by "và" ("A … và đồng chí B … chủ trì") or
    by a bare comma ("Các ông A, B, C được bầu giữ chức …": a list of names with nothing between them).
    """
    chosen = [before[-1]]
    for prev in reversed(before[:-1]):
        between = sent.toks[prev.end:chosen[0].start]
        honorific = vocabulary().honorifics.match(between, 1)
        listed = bool(between) and between[0].text == "," and (
            len(between) == 1 or (honorific is not None and honorific[1] == len(between)))
        if any(t.text in (";", ".", ":") for t in between) or not (listed or any(t.low == "và" for t in between)):
            break
        chosen.insert(0, prev)
    return chosen


# ---------------------------------------------------------------------------------------------
# Signature blocks


@cache
def _signature_role_re() -> re.Pattern[str]:
    """A line holding only a role in capitals: "CHỦ TỊCH", "**PHÓ CHỦ TỊCH**", "| THỨ TRƯỞNG"."""
    return re.compile(rf"^[ \t|*]*(?P<role>[{UPPER} ]{{4,40}}?)[ \t*|]*\n", re.MULTILINE)


# After the role: blank lines, "(Đã ký)", a table's "|" (a scanned page leaves a dozen blank lines for the
# signature and the seal); a rank cut from the name by a line break ("**Đại" over "tướng Lê Văn A**"); the name.
_SIGNATURE_NAME_RE = re.compile(
    r"""
    (?:[ \t|*]*(?:\([^\n)]{0,30}\))?[ \t|*]*\n){0,15}
    (?:[ \t|*]*(?P<rank>[^\W\d_]{2,8})[ \t*]*\n)?
    [ \t|*]*(?P<name>[^\W\d_][^\n*|]{3,40}?)[ \t*|]*$
    """,
    re.MULTILINE | re.VERBOSE,
)


def _rank_before(toks: list[Token], rank: str | None) -> int:
    """How many tokens a rank takes before the signer's name: "Đại tướng Lê Văn A", or "tướng Lê Văn A" under
    a line "Đại" (the rank is not kept: the role over it is the signer's title).
    """
    lex = vocabulary()
    hit = lex.titles.match(toks, 0)
    if hit is not None and hit[0].kind == "rank":
        return hit[1]
    if rank is not None:
        joined = tokenize(rank + " " + " ".join(t.text for t in toks[:NAME_MAX]))
        hit = lex.titles.match(joined, 0)
        if hit is not None and hit[0].kind == "rank":
            return hit[1] - 1
    return 0


def _signatures(text: str) -> Iterator[tuple[Title, str, Span]]:
    """(title, name, name span) for each signature block: a role in capitals over a name on its own line.

    Every line holding only a role is tried, so a body or an outer role over it ("TM. ỦY BAN NHÂN DÂN",
    "KT. BỘ TRƯỞNG") never hides the signer's own role. Converted documents decorate the block with Markdown
    bold and table bars ("**PHÓ CHỦ TỊCH**"); they are read past, never kept in the name.
    """
    lex = vocabulary()
    for m in _signature_role_re().finditer(text):
        role_toks = tokenize(m.group("role"))
        hit = lex.titles.match(role_toks, 0)
        if hit is None or hit[1] != len(role_toks):
            continue
        n = _SIGNATURE_NAME_RE.match(text, m.end())
        if n is None:
            continue
        raw = n.group("name")
        written = raw.title() if raw.isupper() else raw
        toks = tokenize(written)
        first = _rank_before(toks, n.group("rank"))
        if first >= len(toks) or name_at(toks, first) != len(toks):
            continue
        start = n.start("name") + toks[first].start
        span = Span(start=start, end=n.end("name"), text=text[start:n.end("name")])
        role_span = Span(start=m.start("role"), end=m.end("role"), text=m.group("role"))
        body = _signing_body(text, m.start())
        title = Title(text=hit[0].id, role=hit[0].id, organization=body, organization_expanded=body,
                      span=role_span, rule=RULE_SIGNATURE)
        yield title, name_text(toks, first, len(toks)), span


_SIGNING_REACH = 80  # characters above a signer's role where the body signed for is named


def _signing_body(text: str, role_start: int) -> str | None:
    """The body a signer signs for, named on the "TM." line over the role ("TM. ỦY BAN / NHÂN DÂN" over "CHỦ
    TỊCH" is "Ủy ban nhân dân"), in the case a sentence writes it; None when no such line is there.

    Only the organization is filled: the title stays the role as written over the name.
    """
    window = text[max(0, role_start - _SIGNING_REACH):role_start]
    at = max(window.rfind("TM."), window.rfind("T/M."))
    if at < 0:
        return None
    lines = [line.strip(" \t*|") for line in window[window.index(".", at) + 1:].split("\n")]
    words = " ".join(w for line in lines if line for w in line.split())
    if not words or not words.isupper() or words.startswith("KT"):
        return None
    body = words.split(" KT.")[0].lower()
    return body[0].upper() + body[1:]


# ---------------------------------------------------------------------------------------------
# Tables of people

RULE_TABLE = "official: table row"
_CELL = " | "  # how the readers join a table row's cells (readers/docx.py, readers/html.py)
# Another converter writes each row as a numbered item of "header: cell" pairs: "10. undefined: 1; undefined:
# Lê Văn An; …; undefined: Phó Chủ tịch UBND xã; " (a cell may run over a line break, "24/10/\n1979").
_KEYED_ROW_RE = re.compile(r"^\d{1,3}\. (?=[^:;\n]{1,60}: )", re.MULTILINE)
_KEYED_CELL_RE = re.compile(r"(?:^|; )[^:;\n]{1,60}: ")

Cells = list[tuple[int, int]]  # (start, end) of each cell of a row, in the text


def _bar_rows(text: str) -> Iterator[Cells]:
    """The rows of the tables written with " | " between cells, one row per line."""
    at = 0
    for line in text.splitlines(keepends=True):
        start, at = at, at + len(line)
        if _CELL not in line:
            continue
        cells, k = [], start
        for cell in line.rstrip("\r\n").split(_CELL):
            cells.append((k, k + len(cell)))
            k += len(cell) + len(_CELL)
        yield cells


def _keyed_rows(text: str) -> Iterator[Cells]:
    """The rows written as numbered items of "header: cell" pairs, one row up to the next item."""
    starts = [m.end() for m in _KEYED_ROW_RE.finditer(text)]
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        record = text[start:end]
        stop = len(record.rstrip().removesuffix(";").rstrip())
        heads = list(_KEYED_CELL_RE.finditer(record, 0, stop))
        if len(heads) < 2:
            continue
        yield [(start + m.end(), start + (heads[j + 1].start() if j + 1 < len(heads) else stop))
               for j, m in enumerate(heads)]


def _columns(text: str, cells: Cells) -> tuple[int, int] | None:
    """The name and position columns of a header row ("STT | Họ và tên | … | Chức vụ"), or None."""
    low = [text[a:b].strip().lower() for a, b in cells]
    name = next((k for k, c in enumerate(low) if any(h in c for h in grammar_words("name_column"))), None)
    post = next((k for k, c in enumerate(low) if any(h in c for h in grammar_words("position_column"))), None)
    return (name, post) if name is not None and post is not None and name != post else None


def _cell_titles(text: str, toks: list[Token], ctx: KnownNames) -> list[Title]:
    """The titles of a position cell, one per part between commas: "Phó Bí thư Đảng ủy, Chủ tịch UBND xã"."""
    titles, k = [], 0
    while k < len(toks):
        found = title_at(toks, k, ctx) if toks[k].text[0].isalpha() else None
        if found is not None:
            titles.append(title_model(text, toks, found))
            k = found.resume
            if k + 1 < len(toks) and toks[k].text in _DASH_JOINTS and title_at(toks, k + 1, ctx) is not None:
                k += 1  # "Bí thư chi bộ - trưởng thôn": two titles joined by a dash
                continue
        while k < len(toks) and toks[k].text not in ",;":
            k += 1
        k += 1
    return titles


def _table_rows(text: str) -> Iterator[tuple[list[Title], str, Span]]:
    """(titles, name, name span) for each row of a table with a name and a position column.

    Lists of candidates and of appointed leaders are often tables: "1 | Lê Văn An | 1975 | Phó Chủ tịch
    UBND xã". A row counts when its name cell is a full name and its position cell holds a title. A header
    cell over several sub-columns ("Trình độ": general, professional, political, …) makes the rows longer
    than the header, by the sub-header's width less one: the name column, before the position column, keeps
    its place counted from the start, and the position column its place counted from the end.
    """
    if not any(word in text for word in _written_forms("name_column")):
        return  # no table of people has no header naming its name column
    ctx = KnownNames()
    for rows in (_bar_rows(text), _keyed_rows(text)) if _CELL in text else (_keyed_rows(text),):
        columns: tuple[int, int, int] | None = None
        widths: tuple[int, ...] = ()  # the header's width, and the width of its rows under a sub-header
        below_header = False
        for cells in rows:
            header = _columns(text, cells)
            if header is not None:
                columns, widths, below_header = (len(cells), *header), (len(cells),), True
                continue
            if columns is None:
                continue
            sub_header = below_header and 1 < len(cells) < columns[0] and columns[1] < columns[2]
            below_header = False
            if sub_header:  # "Giáo dục phổ thông | Chuyên môn | …" under "Trình độ"
                widths = (columns[0], columns[0] + len(cells) - 1)
                continue
            if len(cells) not in widths:
                continue
            name_col, post_col = columns[1], len(cells) - (columns[0] - columns[2])
            toks = tokenize(text, *cells[name_col])
            if not toks or name_at(toks, 0) != len(toks):
                continue
            titles = _cell_titles(text, tokenize(text, *cells[post_col]), ctx)
            if titles:
                span = Span(start=toks[0].start, end=toks[-1].end, text=text[toks[0].start:toks[-1].end])
                yield titles, name_text(toks, 0, len(toks)), span


# ---------------------------------------------------------------------------------------------
# The stage


@cache
def _anchor_re() -> re.Pattern[str]:
    """A cheap test for sentences worth reading: an honorific or a role word."""
    lex = vocabulary()
    words = [" ".join(k) for k in lex.honorifics.table] + [" ".join(k) for k in lex.titles.table]
    return lexicon.word_re(words)


def find_people(text: str, sentences: list[tuple[int, int]],
                tokens: SentenceTokens | None = None) -> list[Official]:
    """Every person named with an honorific, a title or in a signature, titled or not.

    ``extract_officials`` keeps those with a title; this is for review and debugging.

    >>> t = "Ông Đỗ Văn Kiên, nông dân xã Hiển Khánh, cho biết năm nay được mùa."
    >>> [(p.name, p.titles) for p in find_people(t, [(0, len(t))])]
    [('Đỗ Văn Kiên', [])]
    """
    return _people(text, tokens or SentenceTokens(text, sentences), titled_only=False)


def extract_officials(text: str, sentences: list[tuple[int, int]],
                      tokens: SentenceTokens | None = None) -> list[Official]:
    """The officials of a report: one entry per person, with every title, role and mention.

    Args:
        text: ``report.text``.
        sentences: sentence spans of ``text`` (from ``pipeline.segment``).
        tokens: the tokens of those sentences, shared with the other rules (made here when not given).

    Returns:
        Officials in order of first mention; only people with at least one title.

    >>> t = ("Dự hội nghị có đồng chí Trần Đình Cảnh- Thành ủy viên, Bí thư Huyện ủy; đồng chí Nguyễn "
    ...      "Mạnh Hồng- Phó Bí thư Huyện ủy, Chủ tịch UBND huyện.")
    >>> [(o.name, [x.text for x in o.titles], o.roles) for o in extract_officials(t, [(0, len(t))])]
    [('Trần Đình Cảnh', ['Thành ủy viên', 'Bí thư Huyện ủy'], ['attended']), \
('Nguyễn Mạnh Hồng', ['Phó Bí thư Huyện ủy', 'Chủ tịch UBND huyện'], ['attended'])]
    """
    return _people(text, tokens or SentenceTokens(text, sentences), titled_only=True)


def _people(text: str, sentence_tokens: SentenceTokens, titled_only: bool) -> list[Official]:
    anchor = _anchor_re()
    tokens = [sentence_tokens[index] for index, (a, b) in enumerate(sentence_tokens.sentences)
              if anchor.search(text, a, b)]
    cues = _cues()
    starts = [(_scan_starts(toks), cues.starts(toks)) for toks in tokens]
    ctx = KnownNames(firms=_firms(text))
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
                 if not (len(n.split()) == NAME_MAX and n.rsplit(" ", 1)[0] in ctx.known)}
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
        _group_named(sent, people)
        for m in sent.mentions:
            _appositive(sent, m, people)
        for m in sent.mentions:
            _title_first(sent, m, people)
        _title_then_name(sent, people)
        _appointments(sent, people, current)
        _roles(sent, people, current)
        # "Ông", "Đồng chí" in a later sentence stand for the first person this one named (its subject).
        named = [m.name for m in sent.mentions if m.name is not None]
        current = named[0] if named else current
    for title, name, span in signatures:
        person = people.setdefault(name, _Person(name, rule=RULE_SIGNATURE))
        person.titles.append(title)
        person.mentions.append(span)
    for titles, name, span in _table_rows(text):
        person = people.setdefault(name, _Person(name, rule=RULE_TABLE))
        person.titles.extend(titles)
        person.mentions.append(span)
    result = []
    cut = _cut_names(people) | {name for name, p in people.items() if p.honorific is None and name in ctx.firms}
    for person in people.values():
        titles = tidy_titles(person.titles)
        if (titled_only and not titles) or person.name in cut:
            continue
        result.append(Official(
            name=person.name, honorific=person.honorific,  # type: ignore[arg-type]
            titles=titles, roles=[r for r in ROLE_ORDER if r in person.roles],
            mentions=sorted(person.mentions, key=lambda s: s.start), rule=person.rule))
    return sorted(result, key=lambda o: o.mentions[0].start if o.mentions else 0)

