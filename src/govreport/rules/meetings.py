"""Meetings: the conference, session or ceremony a report is about, and the ones it mentions in passing.

A meeting is named by a kind from ``data/meeting_kinds.yaml`` ("Hội nghị", "Kỳ họp", "buổi làm việc")
and read in two forms, which are merged into one meeting:

- the headline form, fields after the kind: "Hội nghị lần thứ Mười Ban Chấp hành Đảng bộ huyện Thạch
  Thất khóa XXIV nhiệm kỳ 2020- 2025" (ordinal, body, term, tenure; "của" may introduce the body);
- the lead form, the body before a verb: "Sáng ngày 21/6/2022, Ban Chấp hành Đảng bộ huyện Thạch Thất
  khóa XXIV, nhiệm kỳ 2020- 2025 tổ chức Hội nghị lần thứ Mười mở rộng nhằm thảo luận, …" (date and
  part of day, location "tại …", purpose "nhằm …"/"để …", expanded "mở rộng").

The report's own meeting is the first one a verb says was held ("tổ chức", "khai mạc", "chủ trì", "đã
họp"), together with the headline's mention of the same kind; it comes first. Other mentions with an
ordinal or a body ("chuẩn bị Kỳ họp thứ 17 HĐND tỉnh khóa X") are kept apart after it and never change
it. Bodies are read with the shared organization reader (:mod:`govreport.rules.organizations`), on the
tokens the pipeline computed once per sentence (:mod:`govreport.tokens`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..lexicon import MeetingCueEntry, MeetingKindEntry, OrdinalEntry, grammar_words
from ..metadata import is_date_line
from ..models import DateMention, Meeting, Official, PartOfDay, Span, Tenure
from ..numbers import ROMAN, parse_ordinal
from ..tokens import Phrases, SentenceTokens, Token, is_cap, tight
from .dates import DAY_LIST_RE, YearContext
from .organizations import head_at, is_abbr, org_end, unit_end, vocabulary

__all__ = ["extract_meetings"]

_HEADLINE_LINES = 3  # the headline is among the first lines of a report
_HEADLINE_MAX_CHARS = 300
_LEAD_SHARE = 0.5  # the report's own meeting is held in its first half
_LEAD_SENTENCES = 3  # the opening sentences after the headline, where a report says what happened
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# A converted document may be hard-wrapped: its lines are cut at a width, mid-sentence ("… chủ trì buổi" /
# "làm việc với …"). Such a text has no long line and many lines cut after a word.
_WRAP_WIDTH = 110  # no line of a hard-wrapped text is longer
_WRAP_MIN_CUT = 5  # lines cut after a word, at least, in a hard-wrapped text
_WRAP_CUT_CHARS = 55  # a line cut by the wrap is close to the width
_WRAP_LINES = 200  # the lines looked at to tell
_LINE_CUT_RE = re.compile(rf"[^\n]{{{_WRAP_CUT_CHARS - 1},}}[\w,]\n")  # cut after a word or a comma
_ROMAN_RE = re.compile(rf"(?i:{ROMAN})|\d{{1,3}}")  # "XXIV", "xxiv" or "24": the one Roman pattern


class _MeetingWords:
    """The word lists of this module, from the data files, built once."""

    def __init__(self) -> None:
        kinds = lexicon.entries("meeting_kinds", MeetingKindEntry)
        cues = lexicon.entries("meeting_cues", MeetingCueEntry)
        self.sitting_of = {e.id: frozenset(e.sitting_of) for e in kinds}
        # "buổi tiếp, làm việc": a comma glued to the word before it stands inside a kind (a token of its own)
        surfaces = ((s.replace(",", " ,"), e) for e in kinds for s in e.surfaces)
        self.kinds: Phrases[MeetingKindEntry] = Phrases(surfaces, joiners=frozenset(","))
        self.cues: Phrases[MeetingCueEntry] = Phrases((s, e) for e in cues for s in e.surfaces)
        plans = [s for e in cues if e.sets == "plan_document" for s in e.surfaces]
        self.plan_re = re.compile(r"(?im)^[*#\s]*(?:" + lexicon.alternation(plans) + r")[*\s]*$")
        # The short names of a body that numbers its meetings, spelled out ("TƯ" -> "trung ương"); "Đảng" is
        # a body of its own.
        self.short_bodies = frozenset(_spelled_out(s) for e in cues if e.sets == "numbered_body"
                                      for s in e.surfaces) - {"đảng"}
        self.parts = Phrases((s, e.id) for e in lexicon.load("time_words") for s in e.surfaces)
        number_words = [s for e in lexicon.load("number_words") for s in e.surfaces]
        # the markers ("thứ", "khóa") are no number words: "THỨ NHẤT KHÓA XX" ends its ordinal before "KHÓA"
        ordinal_words = [s for e in lexicon.entries("ordinals", OrdinalEntry) if e.role != "marker" for s in e.surfaces]
        self.number_words = frozenset(w.lower() for w in number_words + ordinal_words)
        # A cheap test for sentences worth reading: a kind, the verb "họp" ("Ủy ban … đã họp") or a verb of
        # work ("đã làm việc với …").
        # "đã", "vừa", "cũng đã": read past word by word between a body and its verb
        self.aspect = frozenset(w for e in cues if e.sets == "aspect" for s in e.surfaces for w in s.split())
        work = [s for e in cues if e.sets == "work" for s in e.surfaces]
        self.kind_re = lexicon.word_re([s for e in kinds for s in e.surfaces] + ["họp", *work])

    def cue(self, toks: list[Token], i: int, sets: str) -> int | None:
        """The end of a cue of ``sets`` starting at token ``i``, or None."""
        hit = self.cues.match(toks, i)
        return hit[1] if hit is not None and hit[0].sets == sets else None


@cache
def _lexicon() -> _MeetingWords:
    return _MeetingWords()


@dataclass
class _MeetingDraft:
    """A meeting mention being read; ``lead``: a verb says it was held; ``headline``: named in the title."""

    kind: str
    start: int
    end: int
    sentence: int
    lead: bool = False
    headline: bool = False
    ordinal: int | None = None
    body: str | None = None
    term: int | None = None
    tenure: Tenure | None = None
    expanded: bool = False
    date: dt.date | None = None
    part_of_day: PartOfDay | None = None
    location: str | None = None
    purpose: str | None = None
    chair: list[str] = field(default_factory=list)
    merged: bool = False  # read into the main meeting
    verb_only: bool = False  # named by the verb alone: "Ủy ban Kiểm tra … đã họp"
    guessed: bool = False  # its kind is the verb's guess ("họp thường kỳ" is a "cuộc họp"): a kind named may differ
    scene: bool = False  # opens its sentence as the place things were said: "Tại buổi họp báo, …"
    passing: bool = False  # named by a document of it ("Nghị quyết Hội nghị …"): it only fills the main one
    purpose_start: int | None = None  # where the purpose starts in the text
    counterpart: str | None = None  # "buổi làm việc với Liên đoàn Lao động …": the body when no host is named

    def rule(self) -> str:
        """The rule that made this meeting: how the report names it."""
        if self.verb_only:
            return "meeting: verb alone"
        if self.lead:
            return "meeting: held by a verb"
        if self.scene:
            return "meeting: scene"
        return "meeting: headline" if self.headline else "meeting: mentioned"

    FIELDS = ("ordinal", "body", "term", "tenure", "expanded", "date", "part_of_day", "location", "purpose",
              "counterpart")

    def has_identity(self) -> bool:
        return self.ordinal is not None or self.body is not None

    def fill_from(self, other: _MeetingDraft) -> None:
        """Take the fields this draft lacks from another mention of the same meeting."""
        for name in self.FIELDS:
            if getattr(self, name) in (None, False) and getattr(other, name) not in (None, False):
                setattr(self, name, getattr(other, name))
        if self.body and other.body and _longer_body(self.body, other.body):
            self.body = other.body  # "Ban Chấp hành Đảng bộ tỉnh" -> "… Đảng bộ tỉnh Hà Nam"


def _longer_body(body: str, other: str) -> bool:
    """Whether ``other`` names ``body`` with more words, abbreviations spelled out: "HĐND thành phố" ->
    "HĐND TP HCM", "Ban Chấp hành Đảng bộ tỉnh" -> "Ban Chấp hành Đảng bộ tỉnh Hà Nam".
    """
    return _spelled_out(other).startswith(_spelled_out(body) + " ")


def _casefolded(text: str) -> str:
    return " ".join(text.lower().split())


def _text(text: str, toks: list[Token], i: int, j: int) -> str:
    """Tokens ``[i, j)`` as written, a line break inside (a hard-wrapped text) read as a space."""
    return " ".join(text[toks[i].start:toks[j - 1].end].split())


# ---------------------------------------------------------------------------------------------
# Reading the fields around a kind


def _ordinal_end(toks: list[Token], j: int) -> int | None:
    """The end of an ordinal at token ``j``: "lần thứ Mười một", "thứ 5", "lần 3", "kỳ thứ 15"."""
    lex = _lexicon()
    k = lex.cue(toks, j, "ordinal")
    if k is None or k >= len(toks) or not tight(toks[k]):
        return None
    if toks[k].text.isdigit() or (_ROMAN_RE.fullmatch(toks[k].text) and toks[k].text.isupper()):
        return k + 1
    end = k
    while end < len(toks) and end - k < 4 and toks[end].low in lex.number_words and tight(toks[end]):
        end += 1
    return end if end > k else None


def _skip_qualifiers(toks: list[Token], j: int) -> int:
    """Read past "thường kỳ", "trực tuyến", "quý II/2017", "tháng 6" between a kind and its fields."""
    lex = _lexicon()
    while j < len(toks):
        if (end := lex.cue(toks, j, "qualifier")) is not None:
            j = end
            continue
        if lex.cue(toks, j, "period") is not None and j + 1 < len(toks):
            k = j + 2 if toks[j + 1].text.isdigit() or _ROMAN_RE.fullmatch(toks[j + 1].text) else j
            year = k + 1 < len(toks) and _YEAR_RE.fullmatch(toks[k + 1].text)
            if k > j and year and toks[k].low in ("/", "năm"):
                k += 2  # "quý II/2017", "tháng 6 năm 2017"
            if k > j:
                j = k
                continue
        break
    return j


def _parenthesis_end(toks: list[Token], j: int) -> int:
    """Past a short parenthesis right after a kind: "Kỳ họp thứ 21 (kỳ họp chuyên đề)"."""
    if j < len(toks) and toks[j].text == "(":
        for k in range(j + 1, min(len(toks), j + 8)):
            if toks[k].text == ")":
                return k + 1
    return j


def _expanded_end(toks: list[Token], j: int) -> int | None:
    """The end of "mở rộng" or "(mở rộng)" at token ``j``."""
    lex = _lexicon()
    if (end := lex.cue(toks, j, "expanded")) is not None:
        return end
    if j < len(toks) and toks[j].text == "(" and (end := lex.cue(toks, j + 1, "expanded")) is not None \
            and end < len(toks) and toks[end].text == ")":
        return end + 1
    return None


def _term(toks: list[Token], j: int) -> tuple[int, int] | None:
    """(term, end) for "khóa XXIV", "Khóa VI", "khoá X", "khóa 11" at token ``j``."""
    end = _lexicon().cue(toks, j, "term")
    if end is None or end >= len(toks) or not _ROMAN_RE.fullmatch(toks[end].text):
        return None
    number = toks[end].text if toks[end].text.isdigit() else toks[end].text.upper()
    value = parse_ordinal(f"khóa {number}")
    return (value, end + 1) if value is not None else None


def _tenure(toks: list[Token], j: int) -> tuple[Tenure, int] | None:
    """(tenure, end) for "nhiệm kỳ 2020- 2025" at token ``j``, also in brackets: "(nhiệm kỳ 2016 - 2021)"."""
    bracket = j < len(toks) and toks[j].text == "("
    end = _lexicon().cue(toks, j + bracket, "tenure")
    if end is None or end + 2 >= len(toks):
        return None
    first, dash, last = toks[end:end + 3]
    if not (_YEAR_RE.fullmatch(first.text) and dash.text in "-–—" and _YEAR_RE.fullmatch(last.text)):
        return None
    if bracket and (end + 3 >= len(toks) or toks[end + 3].text != ")"):
        return None
    return Tenure(start=int(first.text), end=int(last.text)), end + 3 + bracket


def _body_start(toks: list[Token], j: int) -> bool:
    """Whether an organization that can hold a meeting starts at token ``j`` ("Ban …", "HĐND …", "Đảng")."""
    return j < len(toks) and (is_abbr(toks[j]) or (is_cap(toks[j]) and (
        head_at(toks, j) or _lexicon().cue(toks, j, "numbered_body") is not None)))


def _host_head(toks: list[Token], j: int) -> int | None:
    """The head of a body at token ``j``: ``j`` itself, or the body after its standing members ("Thường trực HĐND
    tỉnh …", "Thường vụ Tỉnh ủy …", who hold meetings in its name); None when no body starts there.
    """
    standing = _lexicon().cue(toks, j, "standing") if j < len(toks) and is_cap(toks[j]) else None
    head = standing if standing is not None else j
    return head if _body_start(toks, head) else None


def _body_ok(toks: list[Token], start: int, end: int) -> bool:
    """A body is an abbreviation ("HĐND"), a short name ("Đảng") or two words at least ("Ban" alone is none)."""
    return end - start >= 2 or (end - start == 1 and (
        is_abbr(toks[start]) or _lexicon().cue(toks, start, "numbered_body") == end))


def _read_after(text: str, toks: list[Token], j: int, draft: _MeetingDraft) -> int:
    """Read the fields that follow a kind; returns the token index after them.

    A Roman numeral right after the kind is its number: "Đại hội X tiếp tục làm việc", "Đại hội XIII của Đảng".
    """
    if draft.ordinal is None and j < len(toks) and tight(toks[j]) and _bare_roman(toks[j]):
        draft.ordinal, j = parse_ordinal("thứ " + toks[j].text), j + 1
    return _read_fields(toks, _skip_qualifiers(toks, j), draft, text)


def _bare_roman(token: Token) -> bool:
    """An upper-case Roman numeral of two letters or more, or one of I, V, X ("Đại hội X")."""
    return token.text.isupper() and token.text.isalpha() and bool(_ROMAN_RE.fullmatch(token.text))


_MAX_FIELDS = 8  # fields read after a kind or a body: ordinal, expanded, body, term, tenure, brackets


def _read_fields(toks: list[Token], j: int, draft: _MeetingDraft, text: str | None = None) -> int:
    """Read ordinal, "(mở rộng)", term and tenure in any order, across commas; and the body when ``text``.

    "Ban Chấp hành Đảng bộ thị xã (mở rộng) lần thứ 9, Khóa XXI, nhiệm kỳ 2020-2025"; "Hội nghị lần thứ
    20 (mở rộng)"; "HĐND huyện Tiên Yên khóa XX, nhiệm kỳ 2021-2026, đã tổ chức". A comma is read past
    only when a field follows it, so the clause after it stays out.
    """
    for _ in range(_MAX_FIELDS):
        k = j + 1 if j < len(toks) and toks[j].text == "," else j
        if draft.ordinal is None and (end := _ordinal_end(toks, k)) is not None:
            draft.ordinal = parse_ordinal(" ".join(t.text for t in toks[k:end]))
            j = end
        elif (end := _expanded_end(toks, k)) is not None:
            draft.expanded, j = True, end
        elif (term := _term(toks, k)) is not None:
            draft.term, j = draft.term or term[0], term[1]
        elif (tenure := _tenure(toks, k)) is not None:
            draft.tenure, j = draft.tenure or tenure[0], tenure[1]
        elif k == j and (closing := _parenthesis_end(toks, j)) > j:
            j = closing
        elif text is not None and draft.body is None and (short := _numbered_body(toks, k)) is not None:
            draft.body, j = _text(text, toks, k, short), short
            if draft.ordinal is None and _ordinal_end(toks, short) is None:  # "Trung ương 6": the number is bare
                draft.ordinal, j = parse_ordinal("thứ " + toks[short].text), short + 1
        elif text is not None and draft.body is None and (body := _body_after(text, toks, j)) is not None:
            draft.body, j = body
        elif draft.body is not None and k > j and (places := _appositions_before_field(toks, j)) is not None:
            j = places  # "Đảng bộ xã An Mỹ, huyện Tuy An, tỉnh Phú Yên lần thứ XVI": the places are read past
        elif text is not None and draft.counterpart is None and (other := _counterpart(text, toks, j)) is not None:
            draft.counterpart, j = other
        elif k == j and (past := _skip_qualifiers(toks, j)) > j:
            j = past
        else:
            break
    return j


_MAX_APPOSITIONS = 3  # ", xã …, huyện …, tỉnh …"


def _appositions_before_field(toks: list[Token], j: int) -> int | None:
    """The end of the places after a body's comma at ``j`` (", huyện Tuy An, tỉnh Phú Yên") when a field of the
    meeting follows them; None otherwise, so a clause after a comma stays out.
    """
    end = j
    for _ in range(_MAX_APPOSITIONS):
        if end >= len(toks) or toks[end].text != "," or (place := _place_apposition(toks, end + 1)) is None:
            break
        end = place
    if end == j:
        return None
    k = end + 1 if end < len(toks) and toks[end].text == "," else end
    fields = (_ordinal_end(toks, k), _term(toks, k), _tenure(toks, k))
    return end if any(f is not None for f in fields) else None


def _body_end(toks: list[Token], start: int) -> int:
    """The end of a meeting's body at ``start``: the organization, cut before an ordinal or a qualifier the
    reader took in ("Ban Chấp hành Trung ương Đảng lần thứ 9", "Đảng toàn quốc": the body stops before them).
    """
    end = org_end(toks, start)
    end = _numbered_within(toks, end)
    end = next((k for k in range(start + 1, end)
                if _ordinal_end(toks, k) is not None or _lexicon().cue(toks, k, "qualifier") is not None), end)
    if _abbreviation_at(toks, end) and (place := _place_apposition(toks, end + 3)) is not None:
        return place  # "Hội đồng nhân dân (HĐND) thành phố Hà Nội"
    if any(_lexicon().kinds.match(toks, k) is not None for k in range(start + 1, end)) \
            and (number := _ordinal_end(toks, end)) is not None:
        return number  # "Tiểu ban văn kiện Đại hội Đảng bộ huyện lần thứ XX": the number is the congress's
    return end


def _numbered_within(toks: list[Token], end: int) -> int:
    """The end of a body numbered inside its name: "Tổ đại biểu | số 9 HĐND tỉnh" goes on to the body it
    belongs to; a number with no body after it ends the name ("Tổ đại biểu số 9").
    """
    sign = _lexicon().cue(toks, end, "number_sign")
    if sign is None or sign >= len(toks) or not toks[sign].text.isdigit() or len(toks[sign].text) > 3:
        return end
    after = sign + 1
    return org_end(toks, after) if _body_start(toks, after) else after


def _abbreviation_at(toks: list[Token], k: int) -> bool:
    """Whether "(ABBR)" stands at token ``k``: an abbreviation the text defines for the words before."""
    return k + 2 < len(toks) and toks[k].text == "(" and is_abbr(toks[k + 1]) and toks[k + 2].text == ")"


def _body_text(text: str, toks: list[Token], start: int, end: int) -> str:
    """A body as written, without an abbreviation defined inside it: "Hội đồng nhân dân thành phố Hà Nội"."""
    k = next((k for k in range(start + 1, end - 3) if _abbreviation_at(toks, k)), None)
    if k is None:
        return _text(text, toks, start, end)
    return f"{_text(text, toks, start, k)} {_text(text, toks, k + 3, end)}"


def _counterpart(text: str, toks: list[Token], j: int) -> tuple[str, int] | None:
    """The other party after "với" at token ``j`` and the index after it: a body ("buổi làm việc với UBND
    huyện Tuy Phong"), its standing members ("với Thường trực Tỉnh ủy Thanh Hóa") or its leaders ("với lãnh
    đạo UBND tỉnh Phú Thọ" -> "UBND tỉnh Phú Thọ"). A place is no body ("với huyện Vân Canh").
    """
    lex = _lexicon()
    start = lex.cue(toks, j, "with")
    if start is None:
        return None
    start = lex.cue(toks, start, "leaders") or start
    if (head := _host_head(toks, start)) is None:
        return None
    end = _body_end(toks, head)
    return (_body_text(text, toks, start, end), end) if _body_ok(toks, head, end) else None


def _numbered_body(toks: list[Token], k: int) -> int | None:
    """The end of the short form in "Trung ương 6", "TƯ 5", "Trung ương lần thứ 7" at ``k``, or None.

    The meeting's number must follow, bare or after an ordinal word: "Trung ương" alone is no body here.
    """
    end = _lexicon().cue(toks, k, "numbered_body")
    if end is None or end >= len(toks) or not tight(toks[end]):
        return None
    if _ordinal_end(toks, end) is not None:
        return end
    number = toks[end].text
    return end if (number.isdigit() and len(number) <= 2) or _bare_roman(toks[end]) else None


def _body_after(text: str, toks: list[Token], j: int) -> tuple[str, int] | None:
    """The body that follows a kind at token ``j`` and the index after it, or None.

    Forms: "Hội nghị … Ban Chấp hành Đảng bộ huyện …", "Phiên họp thứ 12 của Ủy ban Thường vụ Quốc hội",
    "Hội nghị sơ kết … của Sở Công Thương", "kỳ họp thứ 5, Quốc hội khóa 11" (a comma only before a term).
    """
    lex = _lexicon()
    start = j
    of = lex.cue(toks, j, "of")
    if of is None:
        of = _of_after_topic(toks, j)
    comma = of is None and j < len(toks) and toks[j].text == "," and _body_start(toks, j + 1)
    if of is not None:
        start = of
    elif comma:
        start = j + 1
    if not _body_start(toks, start):
        return None
    end = _body_end(toks, start)
    if not _body_ok(toks, start, end) or (comma and _term(toks, end) is None):
        return None
    return _body_text(text, toks, start, end), end


_MAX_TOPIC_TOKENS = 8


def _of_after_topic(toks: list[Token], j: int) -> int | None:
    """After a short topic, the start of "của BODY": "Hội nghị sơ kết 6 tháng đầu năm của Sở Công Thương"."""
    lex = _lexicon()
    if lex.cue(toks, j, "topic") is None:
        return None
    for k in range(j, min(len(toks), j + _MAX_TOPIC_TOKENS)):
        word = toks[k].text
        if not (word.isalnum() and (word.islower() or word.isdigit() or _ROMAN_RE.fullmatch(word))):
            return None
        if lex.cue(toks, k, "verb") is not None or lex.kinds.match(toks, k) is not None:
            return None
        if (end := lex.cue(toks, k, "of")) is not None and _body_start(toks, end):
            return end
    return None


def _verb_before(toks: list[Token], i: int) -> int | None:
    """The start of a verb that ends at token ``i`` ("tổ chức Hội nghị", "đã có buổi làm việc"), or None;
    verbs in a row are one ("tổ chức khai mạc kỳ họp thứ 6").
    """
    lex = _lexicon()
    for size in range(lex.cues.longest_size(), 0, -1):
        k = i - size
        if k >= 0 and lex.cue(toks, k, "verb") == i:
            k = _aspect_before(toks, k)
            return _verb_before(toks, k) or k
    return None


def _aspect_before(toks: list[Token], k: int) -> int:
    """Where the words of time right before a verb start ("đã", "vừa", "cũng đã"): the body ends before them."""
    aspect = _lexicon().aspect
    while k > 0 and toks[k - 1].low in aspect:
        k -= 1
    return k


def _read_before(text: str, toks: list[Token], verb: int, draft: _MeetingDraft) -> int | None:
    """The body before a verb, and where it starts; None when there is none.

    "Ban Chấp hành … khóa XXIV, nhiệm kỳ 2020- 2025 tổ chức": the term and tenure are read on the way.
    """
    lex = _lexicon()
    for start in range(verb):
        head = _host_head(toks, start)
        if head is None or (start > 0 and toks[start - 1].text.isalpha() and not _after_location(toks, start)
                            and lex.cue(toks, start - 1, "of") is None and toks[start - 1].low != "và"):
            continue
        end = _body_end(toks, head)
        if not _body_ok(toks, head, end):
            continue
        probe = _MeetingDraft(draft.kind, 0, 0, 0)
        j = _read_fields(toks, end, probe)
        if j < len(toks) and toks[j].text == "," and j + 1 == verb:
            j += 1  # "HĐND huyện Tiên Yên khóa XX, nhiệm kỳ 2021-2026, đã tổ chức"
        if j < len(toks) and toks[j].text == "," and (unit := _place_apposition(toks, j + 1)) is not None:
            j = unit  # "Đảng bộ xã Tân Phong, huyện Quảng Xương tổ chức"
        partner = lex.cue(toks, j, "partner")
        if partner is not None and (later := org_end(toks, partner)) > partner:
            j = later  # "… phối hợp với Sở Kế hoạch và Đầu tư tổ chức"
            if _partners_run_to(toks, later, verb):
                j = verb  # "… phối hợp với UBND huyện, các cơ quan, đơn vị có liên quan tổ chức"
        if j == verb:
            # A body named after the kind is the meeting's own ("Ban Thường vụ Tỉnh ủy tổ chức Hội nghị Ban
            # Chấp hành Đảng bộ tỉnh"): the one before the verb then only organized it.
            start = _coordinated_start(toks, start)
            host = _body_text(text, toks, start, end)
            if draft.body is None or _name_not_body(draft.body) or _longer_body(draft.body, host):
                draft.body = host  # "HĐND huyện Kỳ Sơn tổ chức … kỳ họp thứ 6, HĐND huyện khóa XXI": the longer
            draft.term, draft.tenure = draft.term or probe.term, draft.tenure or probe.tenure
            draft.ordinal = draft.ordinal or probe.ordinal
            draft.expanded = draft.expanded or probe.expanded
            return start
    return None


_MAX_PARTNER_TOKENS = 12  # a list of partners after the first: ", các cơ quan, đơn vị có liên quan"


def _partners_run_to(toks: list[Token], j: int, verb: int) -> bool:
    """Whether more partners, listed after a comma, fill tokens ``j`` up to the verb: the first partner was
    named, the rest ("…, các cơ quan, đơn vị có liên quan") are no body of the meeting.
    """
    return j < verb <= j + _MAX_PARTNER_TOKENS and toks[j].text == "," and all(
        t.text not in ".;:()" for t in toks[j:verb])


def _name_not_body(body: str) -> bool:
    """Whether a body read after a kind is a lone abbreviation no vocabulary spells out: the name of the
    event ("Bộ Xây dựng đã tổ chức Đối thoại APEC 2017"), not its host ("Hội nghị HĐND" is one).
    """
    return len(body.split()) == 1 and body.isupper() and body not in vocabulary().abbreviations


def _coordinated_start(toks: list[Token], start: int) -> int:
    """The start of the bodies joined to the one at ``start``: "Bộ Chính trị, Ban Bí thư tổ chức …"."""
    while start > 1 and (toks[start - 1].text == "," or toks[start - 1].low == "và"):
        joint = start - 1
        earlier = next((k for k in range(max(0, joint - _MAX_FIELDS), joint)
                        if (head := _host_head(toks, k)) is not None and org_end(toks, head) == joint), None)
        if earlier is None or _after_location(toks, earlier) or _after_title(toks, earlier):
            break  # "tại TP Hà Tĩnh, HĐND tỉnh …": the place where, not a second host
        start = earlier
    return start


def _after_title(toks: list[Token], i: int) -> bool:
    """Whether a title ends right before token ``i``: "…, Chủ tịch UBND tỉnh, UBND tỉnh tổ chức": the first body
    is the chair's office, not a second host.
    """
    titles = vocabulary().titles
    return any((hit := titles.match(toks, k)) is not None and hit[1] == i
               for k in range(max(0, i - titles.longest_size()), i))


_MAX_PLACE_NOUN = 3  # lower-case words of a building between "tại" and its owner: "tại trụ sở", "tại hội trường"


def _after_location(toks: list[Token], i: int) -> bool:
    """Whether a location cue ("tại", "ở") ends right before token ``i``, or before a building's lower-case words
    that end there ("tại trụ sở Trung ương Đảng, Bộ Chính trị họp …": the seat, not a second host).
    """
    lex = _lexicon()
    for gap in range(_MAX_PLACE_NOUN + 1):
        end = i - gap
        if gap and not (toks[end].text.isalpha() and toks[end].text.islower()):
            break
        if any(lex.cue(toks, k, "location") == end for k in range(max(0, end - lex.cues.longest_size()), end)):
            return True
    return False


def _place_apposition(toks: list[Token], j: int) -> int | None:
    """The end of ", huyện Quảng Xương" after a body, or None."""
    unit = unit_end(toks, j)
    if unit is None:
        return None
    end = unit
    while end < len(toks) and is_cap(toks[end]) and tight(toks[end]):
        end += 1
    return end if end > unit else None


def _location(text: str, toks: list[Token], lo: int, hi: int) -> str | None:
    """A place after "tại" between tokens ``lo`` and ``hi``: "tại Hội trường Trung tâm Hội nghị tỉnh"."""
    lex = _lexicon()
    for k in range(lo, hi):
        end = lex.cue(toks, k, "location")
        if end is None or end >= len(toks) or lex.kinds.match(toks, end) is not None:
            continue
        if not (is_cap(toks[end]) or is_abbr(toks[end])) or not tight(toks[end]):
            continue
        stop = org_end(toks, end)
        if stop > end:
            return _text(text, toks, end, stop)
    return None


def _purpose(text: str, toks: list[Token], j: int, sentence_end: int) -> tuple[str | None, int | None]:
    """The purpose right after a meeting's fields, and where it starts; (None, None) when there is none.

    It runs from "nhằm" / "để" to the end of the sentence ("nhằm thảo luận, …", "để xem xét …").
    """
    lex = _lexicon()
    if j < len(toks) and toks[j].text == ",":
        j += 1
    end = lex.cue(toks, j, "purpose")
    if end is None or end >= len(toks):
        return None, None
    purpose = text[toks[end].start:sentence_end].strip().rstrip(".;: ").strip()
    return (purpose, toks[end].start) if purpose else (None, None)


# ---------------------------------------------------------------------------------------------
# Dates


def _date_in(text: str, dates: list[DateMention], start: int,
             end: int) -> tuple[dt.date, PartOfDay | None] | None:
    """The first date written in ``[start, end)``; "Từ ngày 27 đến ngày 30-6-2017" gives its first day. A date
    in brackets gives way to one outside them: "Nhân kỷ niệm 50 năm Ngày giải phóng (30.4.1975 - 30.4.2025),
    sáng 22.4, Ban Tuyên giáo … tổ chức gặp mặt" is held on 22.4, the bracket names the event it marks.

    ``dates`` are in text order (as extract_dates returns them), so a bisection finds the first
    candidate: a long document has many dates and many meeting mentions.
    """
    first: DateMention | None = None
    for i in range(bisect_left(dates, start, key=lambda d: d.span.start), len(dates)):
        d = dates[i]
        if d.span.start >= end:
            break
        if d.span.start < start:
            continue
        first = first or d
        if not _bracketed(text, start, d.span.start):
            first = d
            break
    if first is None:
        return None
    value, part = first.value, first.part_of_day or _part_told_again(dates, first, end)
    before = text[max(start, first.span.start - 30):first.span.start]
    m = re.search(r"(?i:từ)\s{1,3}(?i:ngày)\s{1,3}(\d{1,2})\s{1,3}(?i:đến)\s{1,3}\Z", before) \
        or DAY_LIST_RE.search(before)  # "Trong 2 ngày 7 và 8-5": held from its first day
    if m is not None:
        try:
            value = value.replace(day=int(m.group(1)))
        except ValueError:
            pass
    return value, part


def _part_told_again(dates: list[DateMention], first: DateMention, end: int) -> PartOfDay | None:
    """The part of day of the same day told again before ``end``: "thứ tư, 22/9/2021 14:20 - Sáng ngày 22/9,
    Kỳ họp thứ 2 …" (a date line, then the lead's own time).
    """
    for i in range(bisect_left(dates, first.span.end, key=lambda d: d.span.start), len(dates)):
        d = dates[i]
        if d.span.start >= end:
            break
        if d.value == first.value and d.part_of_day is not None:
            return d.part_of_day
    return None


def _bracketed(text: str, start: int, at: int) -> bool:
    """Whether ``at`` stands inside brackets opened after ``start``."""
    return text.count("(", start, at) > text.count(")", start, at)


def _opening_date(text: str, dates: list[DateMention], start: int, end: int) -> DateMention | None:
    """The date of an event in a lead sentence: the one it opens with ("Ngày 27/9, Ban Thường vụ …") or one
    with its part of day ("trong phiên làm việc buổi chiều 9/6"), not an as-of date ("tính đến ngày 26-11")
    nor a portal's date line.
    """
    if is_date_line(text[start:end]):
        return None
    for i in range(bisect_left(dates, start, key=lambda d: d.span.start), len(dates)):
        if dates[i].span.start >= end:
            break
        if dates[i].part_of_day is not None or not text[start:dates[i].span.start].strip():
            return dates[i]
    return None


def _part_before(toks: list[Token], sets: str) -> PartOfDay | None:
    """The part of day written before a cue of ``sets``: "sáng nay" (today), "Chiều cùng ngày" (same_day)."""
    lex = _lexicon()
    for k in lex.parts.starts(toks):
        hit = lex.parts.match(toks, k)
        if hit is not None and lex.cue(toks, hit[1], sets) is not None:
            return hit[0]  # type: ignore[return-value]  # time_words ids are the PartOfDay values
    return None


def _undated_part(toks: list[Token]) -> PartOfDay | None:
    """The part of day before a day whose year the text never gives ("Chiều 12.4, HĐND thành phố …"): the
    date is unknown, the part of day is still told.
    """
    lex = _lexicon()
    for k in lex.parts.starts(toks):
        hit = lex.parts.match(toks, k)
        if hit is None:
            continue
        j = hit[1] + (hit[1] < len(toks) and toks[hit[1]].low == "ngày")
        if j < len(toks) and toks[j].text[:1].isdigit():
            return hit[0]  # type: ignore[return-value]  # time_words ids are the PartOfDay values
    return None


def _today_part(text: str, toks: list[Token]) -> PartOfDay | None:
    """The part of day of "sáng nay", "chiều nay", "tối hôm nay" in the tokens, or None."""
    return _part_before(toks, "today")


def _says_today(text: str, toks: list[Token]) -> bool:
    """Whether the tokens say the meeting is today: "sáng nay", "chiều nay", "hôm nay" (not "hiện nay")."""
    lex = _lexicon()
    return _today_part(text, toks) is not None or any(
        t.low == "hôm" and lex.cue(toks, k, "today") is not None for k, t in enumerate(toks))


def _same_day_part(toks: list[Token]) -> PartOfDay | None:
    """The part of day of "Chiều cùng ngày", or None."""
    return _part_before(toks, "same_day")


# ---------------------------------------------------------------------------------------------
# Mentions in a sentence


@cache
def _document_words() -> tuple[str, ...]:
    """Kinds of document (data/document_types.yaml): a meeting right after one is the document's, not reported."""
    return tuple(s.lower() for s in lexicon.surfaces("document_types"))


def _of_document(toks: list[Token], i: int) -> bool:
    """Whether the kind at ``i`` names a document's meeting: "Nghị quyết Hội nghị Trung ương 5" (not its agenda)."""
    lex = _lexicon()
    if any(lex.cue(toks, k, "agenda") == i for k in range(max(0, i - lex.cues.longest_size()), i)):
        return False  # "tiếp tục chương trình Kỳ họp thứ 9": the meeting's agenda, the meeting itself
    before = " " + " ".join(t.low for t in toks[max(0, i - 4):i])
    return any(before.endswith(" " + w) for w in _document_words())


def _guarded(toks: list[Token], i: int, end: int, entry: MeetingKindEntry) -> bool:
    """Whether a kind at ``[i, end)`` is a lookalike ("lễ hội", "Trung tâm Hội nghị"), a group ("các …") or
    a meeting still to come ("tiến tới Đại hội").
    """
    lex = _lexicon()
    after = " ".join(t.low for t in toks[end:end + 4]) + " "
    if any(after.startswith(w + " ") for w in entry.not_before):
        return True
    before = " " + " ".join(t.low for t in toks[max(0, i - 4):i])
    if any(before.endswith(" " + w) for w in entry.not_after):
        return True
    if _announced(toks, i):
        return True  # "tiến tới Đại hội … lần thứ XXI": still to come, not reported on
    counts = (k for k in (i - 2, i - 1) if k >= 0 and lex.cue(toks, k, "group") == i)
    return i > 0 and any(not _ordinal_before(toks, k) for k in counts)


def _ordinal_before(toks: list[Token], k: int) -> bool:
    """Whether an ordinal word ends at ``k``: the count after it ranks a day, not meetings ("ngày làm việc thứ ba
    Hội nghị Trung ương 5" is one meeting, "ba hội nghị" three).
    """
    lex = _lexicon()
    return any(lex.cue(toks, j, "ordinal") == k for j in (k - 2, k - 1) if j >= 0)


def _work_verb(text: str, toks: list[Token], i: int) -> tuple[str, int] | None:
    """(kind, end) of a verb at ``i`` that names a working session with the party after it: "đã làm việc
    với Liên đoàn Lao động …" (not "ngày làm việc", not "sẽ làm việc với …", a visit still to come).
    """
    lex = _lexicon()
    hit = lex.cues.match(toks, i)
    if hit is None or hit[0].sets != "work" or _counterpart(text, toks, hit[1]) is None:
        return None
    if _announced(toks, i):
        return None
    return hit[0].id, hit[1]


def _announced(toks: list[Token], i: int) -> bool:
    """Whether a word that sets a meeting in the future ends right before token ``i``: "sẽ có cuộc họp", "tiến tới"."""
    lex = _lexicon()
    return any(lex.cue(toks, k, "announced") == i for k in range(max(0, i - 4), i))


_MAX_BY_TOKENS = 40  # how far after a kind "do BODY tổ chức" may name its host


def _organized_by(text: str, toks: list[Token], j: int, stop: int) -> str | None:
    """The host named after a meeting's fields, between tokens ``j`` and ``stop``: "Cuộc họp báo công bố …
    do Hội đồng Bầu cử quốc gia tổ chức" (the body is followed by a verb: "do" alone also means "because").
    """
    lex = _lexicon()
    for k in range(j, min(stop, j + _MAX_BY_TOKENS)):
        if toks[k].text in ".;" or lex.kinds.match(toks, k) is not None:
            return None
        start = lex.cue(toks, k, "by")
        if start is None or (head := _host_head(toks, start)) is None:
            continue
        end = _body_end(toks, head)
        while end + 1 < len(toks) and (toks[end].text == "," or toks[end].low == "và") \
                and (other := _host_head(toks, end + 1)) is not None:
            end = _body_end(toks, other)  # "do Viện Sử học và UBND tỉnh … phối hợp tổ chức"
        if _body_ok(toks, head, end) and lex.cue(toks, end, "verb") is not None:
            return _body_text(text, toks, start, end)
    return None


_MAX_OPENER = 6  # tokens of a time before "tại": "Sáng 5/7", "Hôm qua"


def _opens_scene(toks: list[Token], i: int) -> bool:
    """Whether the kind at ``i`` follows "Tại" opening its sentence, or a time and a comma first ("Hôm qua, tại
    cuộc họp báo …", "Sáng nay, tại hội nghị …").
    """
    lex = _lexicon()
    if lex.cue(toks, 0, "location") == i:
        return True
    comma = next((k for k in range(min(i, _MAX_OPENER + 1)) if toks[k].text == ","), None)
    if comma is None or comma == 0 or lex.cue(toks, comma + 1, "location") != i:
        return False
    k = 0
    while k < comma:
        hit = lex.parts.match(toks, k)
        end = hit[1] if hit is not None else lex.cue(toks, k, "when") or lex.cue(toks, k, "today")
        if end is None and not (toks[k].text.isdigit() or toks[k].text in "/-.()"):
            return False
        k = end or k + 1
    return True


def _carried_on(toks: list[Token], i: int) -> bool:
    """Whether the kind at ``i`` follows a word that carries its programme on ("Tiếp tục Kỳ họp thứ 7", "tiếp
    tục chương trình Kỳ họp thứ 9"): the meeting is going on, the one reported.
    """
    lex = _lexicon()
    return any(lex.cue(toks, k, "agenda") == i for k in range(max(0, i - lex.cues.longest_size()), i))


def _subject_after(text: str, toks: list[Token], j: int) -> str | None:
    """The body that a clause after a meeting opens with, as its subject: ", chiều 27/4, UB Thường vụ Quốc hội
    đã cho ý kiến" (a body after a comma, followed by a lower-case word, its verb).
    """
    for k in range(j, len(toks) - 1):
        if toks[k].text in ".;":
            return None
        if toks[k].text != "," or not _body_start(toks, k + 1):
            continue
        end = _body_end(toks, k + 1)
        if _body_ok(toks, k + 1, end) and end < len(toks) and toks[end].text.isalpha() and toks[end].text.islower() \
                and not _goes_on(toks, end):
            return _body_text(text, toks, k + 1, end)
    return None


_MAX_BRACKET = 12  # tokens of a bracket after a meeting's fields: "(khai mạc ngày 11/5 tới)"


def _closing_bracket(toks: list[Token], j: int) -> int | None:
    """The index of the ")" that closes a bracket opened at token ``j``, or None."""
    if j >= len(toks) or toks[j].text != "(":
        return None
    return next((k for k in range(j + 1, min(len(toks), j + _MAX_BRACKET)) if toks[k].text == ")"), None)


def _scene_at(toks: list[Token], i: int, end: int) -> bool:
    """Whether a meeting at ``i`` (fields read to ``end``) is where the clause after it happens: "tại
    kỳ họp thứ 5, Ủy ban Kiểm tra Tỉnh ủy … đã quyết định …". One body holds a numbered session, so the
    subject of that clause is its body; of an unnumbered one ("Tại buổi làm việc, UBND huyện báo cáo") it may
    be a guest (the caller asks for the number).
    """
    if (closing := _closing_bracket(toks, end)) is not None:  # "tại kỳ họp thứ 8 (khai mạc 21/10/2024), Quốc hội"
        end = closing + 1
    return (i > 0 and end < len(toks) and toks[end].text == ","
            and _lexicon().cue(toks, i - 1, "location") == i)


def _upcoming_in_brackets(toks: list[Token], i: int, end: int) -> bool:
    """Whether a bracket among a meeting's fields, or right after them, says it is still to come: "Tại kỳ
    họp thứ 5 (khai mạc ngày 11/5 tới), Thủ tướng sẽ báo cáo …".
    """
    closings = [k for k in range(i + 1, end) if toks[k].text == ")"]  # read past with the fields
    if (closing := _closing_bracket(toks, end)) is not None:
        closings.append(closing)
    lex = _lexicon()
    return any(lex.cue(toks, k, "upcoming") == closing for closing in closings
               for k in range(max(i, closing - lex.cues.longest_size()), closing))


def _upcoming_time_after(toks: list[Token], end: int) -> bool:
    """Whether a time right after a meeting's fields sets it in the future: "… tổ chức Hội thảo lần 3 vào giữa
    tháng 5 tới.", "Hội nghị lần 2 trong quý II tới sẽ …" (an upcoming word in its clause).
    """
    lex = _lexicon()
    start = lex.cue(toks, end, "at_time")
    if start is None:
        return False
    stop = next((k for k in range(start, min(len(toks), start + _MAX_BRACKET)) if toks[k].text in ",.;:"),
                len(toks))
    return any(lex.cue(toks, k, "upcoming") is not None for k in range(start, stop))


def _goes_on(toks: list[Token], k: int) -> bool:
    """Whether the word at ``k`` carries a name on rather than starting a verb: "của", "thuộc", "với", "cùng với"."""
    lex = _lexicon()
    return toks[k].low in grammar_words("body_of") or any(
        lex.cue(toks, k, sets) is not None for sets in ("of", "with", "partner"))


def _regular(toks: list[Token], j: int) -> bool:
    """Whether a regular meeting's word or what it meets to do follows the verb "họp": "Thường trực HĐND huyện họp
    thường kỳ tháng 8", "UBND huyện họp giao ban tháng 6", "Ban Thường vụ Tỉnh ủy họp cho ý kiến …" (the verb
    then names the meeting).
    """
    lex = _lexicon()
    end = lex.cue(toks, j, "qualifier") or lex.cue(toks, j, "topic") or lex.cue(toks, j, "discusses")
    return end is not None and lex.kinds.match(toks, end) is None  # "họp trực tuyến phiên họp …" names its kind


def _mentions(text: str, toks: list[Token], sentence: int, sentence_end: int) -> list[_MeetingDraft]:
    """Every meeting named in one sentence, with the fields around it."""
    lex = _lexicon()
    found: list[_MeetingDraft] = []
    last_end = after = 0  # ``after``: where reading resumes
    refused = -2  # where the fields of a kind refused as a lookalike or a meeting to come end
    # Only a kind, the verb "họp" or a verb of work ("làm việc với") starts a mention: other tokens are not looked at.
    candidates = sorted({*lex.kinds.starts(toks), *(k for k, t in enumerate(toks) if t.low == "họp"),
                         *(k for k in lex.cues.starts(toks) if lex.cue(toks, k, "work") is not None)})
    for i in candidates:
        if i < after:
            continue
        hit = lex.kinds.match(toks, i)
        work = _work_verb(text, toks, i) if hit is None else None
        kind_end = hit[1] if hit is not None else work[1] if work is not None else None
        # "Thường trực HĐND huyện họp thường kỳ tháng 8": a regular meeting, named as firmly as by its kind
        regular = hit is None and toks[i].low == "họp" and i > 0 and _regular(toks, i + 1)
        verb_only = work is not None or regular or (
            hit is None and toks[i].low == "họp" and i > 0 and toks[i - 1].low == "đã"
            and lex.kinds.match(toks, i + 1) is None and (i + 1 >= len(toks) or toks[i + 1].low != "kỳ"))
        if hit is not None and (_guarded(toks, i, hit[1], hit[0]) or (i == refused + 1 and toks[i - 1].text == ",")):
            # its words and fields, and a kind told again after them, are no meeting either: "trình Kỳ họp thứ 16,
            # kỳ họp thường lệ giữa năm của HĐND tỉnh"; "Đại hội đã họp phiên bế mạc" (the refused "họp phiên"
            # holds "phiên bế mạc": the congress's closing sitting, no session)
            refused = after = _read_after(text, toks, hit[1], _MeetingDraft(hit[0].id, 0, 0, sentence))
            continue
        if hit is None and not verb_only:
            continue
        if found and i <= last_end + 1:  # "phiên bế mạc kỳ họp HĐND", "Kỳ họp thứ 21 (kỳ họp chuyên đề)"
            if hit is not None and hit[0].id in lex.sitting_of[found[-1].kind]:
                found[-1].kind = hit[0].id  # "phiên chất vấn của kỳ họp thứ 6": the session is reported
            last_end = _read_after(text, toks, kind_end or i + 1, found[-1])
            after = max(i + 1, last_end)
            continue
        kind = hit[0].id if hit is not None else work[0] if work is not None else "cuộc họp"
        draft = _MeetingDraft(kind, toks[i].start, toks[i].end, sentence)
        draft.verb_only = verb_only and work is None and not regular  # "làm việc với" names its kind
        draft.guessed = verb_only and work is None
        draft.passing = _of_document(toks, i)
        end = _read_after(text, toks, kind_end, draft) if kind_end is not None else i + 1
        if lex.cue(toks, end, "upcoming") is not None or _upcoming_in_brackets(toks, i, end) \
                or _upcoming_time_after(toks, end):
            last_end = after = end  # "tại kỳ họp thứ 9 tới": still to come, not reported on
            continue
        # Named in full ("Tại Hội nghị lần thứ nhất …, ông được bầu …") it is history, not the scene.
        draft.scene = i > 0 and is_cap(toks[0]) and _opens_scene(toks, i) and not draft.has_identity()
        verb: int | None = _verb_before(toks, i)  # "tổ chức Hội nghị", "tổ chức họp báo"
        # A kind that is itself a verb ("họp kỳ thứ 15", "họp báo") is the verb when none stands before it.
        starts_with_verb = hit is not None and verb is None and lex.cue(toks, i, "verb") is not None
        if verb_only or starts_with_verb:
            verb = i - 1 if i > 0 and toks[i - 1].low == "đã" else i
        if verb is not None and verb < i and _announced(toks, verb):
            last_end = after = end  # "WB sẽ có cuộc họp nội bộ": a meeting still to come, not reported on
            continue
        first = i
        if verb is not None:
            draft.lead = True
            before = _read_before(text, toks, verb, draft)
            first = before if before is not None else i
            if regular and before is None:
                last_end = after = end  # "…, họp thường kỳ 3 tháng/lần": a rule of work, no meeting held
                continue
        elif end < len(toks) and lex.cue(toks, end, "verb") is not None:
            draft.lead = True  # "Kỳ họp thứ 14 HĐND thành phố … đã bế mạc"
        elif end + 1 < len(toks) and toks[end].low == "đã" and lex.cue(toks, end + 1, "verb") is not None:
            draft.lead = True
        draft.purpose, draft.purpose_start = _purpose(text, toks, end, sentence_end)
        if draft.body is None and (host := _organized_by(text, toks, end, len(toks))) is not None:
            draft.body, draft.lead = host, True
        if _carried_on(toks, i):  # "Tiếp tục phiên họp thứ 55, chiều 27/4, UB Thường vụ Quốc hội đã …"
            draft.lead, draft.body = True, draft.body or _subject_after(text, toks, end)
        elif draft.body is None and draft.ordinal is not None and _scene_at(toks, i, end):
            draft.body = _subject_after(text, toks, end)  # "tại kỳ họp thứ 5, Ủy ban Kiểm tra … đã quyết định"
        # Where it was held is said in its own clause, not in another or in its purpose ("… nhằm …").
        lo = next((k + 1 for k in range(first - 1, -1, -1) if toks[k].text == ";"), 0)
        hi = next((k for k in range(end, len(toks)) if toks[k].text == ";" or (
            draft.purpose_start is not None and toks[k].start >= draft.purpose_start)), len(toks))
        draft.location = _location(text, toks, lo, hi) if draft.lead else None
        draft.start, draft.end = toks[first].start, toks[max(end, i + 1) - 1].end
        found.append(draft)
        last_end = after = max(end, i + 1)
    return found


# ---------------------------------------------------------------------------------------------
# The stage


def _headline_end(text: str) -> int:
    """Where the headline ends: after the first few short lines of the report."""
    count, pos = 0, 0
    for m in re.finditer(r"[^\n]+", text):
        if not m.group().strip():
            continue
        if len(m.group()) > _HEADLINE_MAX_CHARS:
            return m.start() if count else m.end()
        count += 1
        pos = m.end()
        if count >= _HEADLINE_LINES:
            break
    return pos


def _compatible(main: _MeetingDraft, other: _MeetingDraft) -> bool:
    """Whether another mention may be the same meeting: same kind, no conflicting ordinal or body."""
    if main.kind != other.kind and not (other.guessed or main.guessed):
        return False
    if main.ordinal is not None and other.ordinal is not None and main.ordinal != other.ordinal:
        return False
    if main.body and other.body:
        a, b = _spelled_out(main.body), _spelled_out(other.body)
        return a.startswith(b) or b.startswith(a)
    return True


def _spelled_out(body: str) -> str:
    """A body compared with its abbreviations spelled out: "HĐND huyện X" is "Hội đồng nhân dân huyện X"."""
    abbreviations = vocabulary().abbreviations
    return _casefolded(" ".join(abbreviations.get(word, word) for word in body.split()))


def extract_meetings(text: str, sentences: list[tuple[int, int]], dates: list[DateMention],
                     years: YearContext, officials: list[Official] | None = None,
                     tokens: SentenceTokens | None = None) -> list[Meeting]:
    """The report's own meeting first (headline and lead merged), then meetings mentioned in passing.

    Args:
        text: ``report.text``.
        sentences: sentence spans of ``text``.
        dates: the dates found in ``text`` (their years already inferred).
        years: its ``published`` date is the date of a meeting held "sáng nay" / "hôm nay".
        officials: the report's officials; those who chaired ("chủ trì") are the main meeting's chair.
        tokens: the tokens of the sentences, shared with the other rules (made here when not given).

    >>> t = ("Sáng ngày 21/6/2022, Ban Chấp hành Đảng bộ huyện Thạch Thất khóa XXIV, nhiệm kỳ 2020- 2025 "
    ...      "tổ chức Hội nghị lần thứ Mười mở rộng nhằm thảo luận kết quả 6 tháng.")
    >>> from govreport.rules.dates import extract_dates
    >>> ctx = YearContext(t, None)
    >>> m = extract_meetings(t, [(0, len(t))], extract_dates(t, ctx), ctx)[0]
    >>> m.kind, m.ordinal, m.body, m.term, (m.tenure.start, m.tenure.end), m.expanded
    ('hội nghị', 10, 'Ban Chấp hành Đảng bộ huyện Thạch Thất', 24, (2020, 2025), True)
    >>> str(m.date), m.part_of_day
    ('2022-06-21', 'morning')
    >>> m.purpose
    'thảo luận kết quả 6 tháng'
    """
    lex = _lexicon()
    if _a_plan(text):
        return []  # a plan or a guide sets meetings to come; those it cites are in passing
    if _hard_wrapped(text):
        sentences = _unwrapped(text, sentences)
        tokens = _UnwrappedTokens(text, sentences)
    tokens = tokens or SentenceTokens(text, sentences)
    headline_end = _headline_end(text)
    drafts: list[_MeetingDraft] = []
    for index, (a, b) in enumerate(sentences):
        if not lex.kind_re.search(text, a, b):
            continue
        toks = tokens[index]
        for draft in _mentions(text, toks, index, b):
            draft.headline = a < headline_end
            found = _date_in(text, dates, a, b)
            if found is not None:
                draft.date, draft.part_of_day = found
            draft.part_of_day = draft.part_of_day or _today_part(text, toks) or (
                _undated_part(toks) if found is None else None)
            if (same_day := _same_day_part(toks)) is not None and drafts and draft.date is None:
                draft.date, draft.part_of_day = drafts[-1].date, same_day
            drafts.append(draft)
    if not drafts:
        return []
    first_body = next((i for i, (a, _) in enumerate(sentences) if a >= headline_end), len(sentences))
    main = _main(text, drafts, sentences, first_body)
    result: list[_MeetingDraft] = []
    if main is not None:
        _complete(main, drafts, text, sentences, dates)
        main.part_of_day = main.part_of_day or _first_today(text, tokens)
        if main.date is None and years.published is not None and _says_today(text, tokens[main.sentence]):
            main.date = years.published  # "Sáng nay, … khai mạc Kỳ họp …" in a report dated 12/7/2024
        _from_the_lead(main, text, sentences, tokens, dates, years, first_body)
        main.chair = [o.name for o in officials or [] if "chaired" in o.roles]
        result.append(main)
    seen = {main.kind} if main is not None else set()
    # The main meeting told again (a lead repeated under a photo) is no second meeting.
    seen_keys: set[tuple[str, int | None, str]] = set() if main is None else {_key(main)}
    for other in drafts:
        if other is main or other.merged or other.passing:
            continue
        if not (other.has_identity() or ((_same_event(main, other) or other.scene) and other.kind not in seen)):
            continue  # "tại hội nghị" later on is the main meeting again, or nothing to report
        if main is not None and main.kind in lex.sitting_of[other.kind] and not other.has_identity():
            continue  # "Tại phiên chất vấn, …" in a report on a session: one of its sittings
        # (a scene of another kind is a second meeting the report tells of: "Tại phiên họp, Thủ tướng …")
        key = _key(other)
        if key in seen_keys or _told_shorter(main, other) or _numbered_again(result, other):
            continue
        seen_keys.add(key)
        seen.add(other.kind)
        if main is not None and other.sentence == main.sentence and other.date is None:
            other.date, other.part_of_day = main.date, other.part_of_day or main.part_of_day
        result.append(other)
    return [_meeting(text, d) for d in result]


def _from_the_lead(main: _MeetingDraft, text: str, sentences: list[tuple[int, int]], tokens: SentenceTokens,
                   dates: list[DateMention], years: YearContext, first_body: int) -> None:
    """What the headline and the lead tell of the main meeting beyond its own mentions: the date of a meeting
    named in a headline line only, its body named in full, the year of an anniversary.
    """
    a, b = sentences[main.sentence]
    if main.date is None and main.headline and b - a <= _HEADLINE_MAX_CHARS and main.sentence + 1 < len(sentences):
        # Named in a headline line only: the lead opens with its date ("Ngày 27/9, Ban Thường vụ … tổ chức họp")
        after = range(main.sentence + 1, min(len(sentences), max(first_body, main.sentence + 1) + _LEAD_SENTENCES))
        opening = next((d for k in after if (d := _opening_date(text, dates, *sentences[k])) is not None), None)
        if opening is not None:
            main.date, main.part_of_day = opening.value, main.part_of_day or opening.part_of_day
    headline = [tokens[k] for k in range(first_body)]
    if main.body is not None:
        # A headline's meeting is told in full by the lead; a lead's by what comes before it only
        last = first_body + _LEAD_SENTENCES if main.sentence < first_body else main.sentence + 1
        lead = range(first_body, min(len(sentences), last))
        main.body = _body_told_longer(text, main.body, headline + [tokens[k] for k in lead])
    if main.date is not None and years.published is None:
        main.date = _anniversary_date(main.date, dates, [*headline, tokens[main.sentence]])


def _body_told_longer(text: str, body: str, sentences: list[list[Token]]) -> str:
    """The body as the headline or the lead name it in full, when another sentence than the meeting's own does
    ("Hội nghị Ban thường vụ thường kỳ" in the headline, "Ban Thường vụ Huyện ủy Thanh Ba tổ chức họp" in the
    lead -> "Ban Thường vụ Huyện ủy Thanh Ba"). The longer name ends in a name ("… huyện Kông Chro"), and a
    short name of one word stays ("Đảng", not "Đảng viên"); else ``body``.
    """
    short = _spelled_out(body)
    if short in _lexicon().short_bodies:
        return _short_body_in_full(text, short, sentences) or body
    if len(body.split()) < 2:
        return body
    first = short.split()[0]
    abbreviations = vocabulary().abbreviations
    for toks in sentences:
        for k, t in enumerate(toks):
            if abbreviations.get(t.text, t.low).split()[0].lower() != first or not _body_start(toks, k):
                continue
            end = _body_end(toks, k)
            longer = _body_text(text, toks, k, end)
            if is_cap(toks[end - 1]) and _longer_body(body, longer) and _named_place(toks, k, end):
                return longer
    return body


def _named_place(toks: list[Token], start: int, end: int) -> bool:
    """Whether a body's name after its last unit word is a known place: "UBND huyện Kông Chro", not a headline's
    capitalized verb ("UBND huyện Đánh giá kết quả …"); a name with no unit word before it passes.
    """
    unit = next((u for k in range(end - 1, start, -1)
                 if (u := unit_end(toks, k)) is not None and u < end and is_cap(toks[u])), None)
    if unit is None:
        return True
    hit = vocabulary().places.match(toks, unit)
    return hit is not None and hit[1] == end


def _short_body_in_full(text: str, short: str, sentences: list[list[Token]]) -> str | None:
    """The body a short name stands for, as the headline or the lead write it: "Hội nghị TƯ 5" in the headline,
    "Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XII" in the lead -> "Ban Chấp hành Trung ương".
    """
    for toks in sentences:
        for k in range(len(toks)):
            if not is_cap(toks[k]) or not _body_start(toks, k) or _lexicon().kinds.match(toks, k) is not None:
                continue  # "Hội nghị TƯ" is the meeting, not its body
            end = _body_end(toks, k)
            words = _spelled_out(_text(text, toks, k, end))
            if words.endswith((f" {short}", f" {short} đảng")):
                return _body_text(text, toks, k, end)
    return None


_ANNIVERSARY_REACH = dt.timedelta(days=31)  # an anniversary is held on or near the day it marks
_WRITTEN_YEAR = "date: day month year"  # the rule of a date written with its year (rules/dates.py)


def _anniversary_date(day: dt.date, dates: list[DateMention], sentences: list[list[Token]]) -> dt.date:
    """The date of a ceremony that marks "N năm" of an event, in a text that gives no year of its own: the
    year of the event's date plus N ("Lễ kỷ niệm 50 năm Ngày Giải phóng" on 30/4, the text writing
    "30/4/1975" -> 2025), when its day and month are written without a year. Otherwise ``day`` unchanged.
    """
    if not any(d.value == day and d.rule != _WRITTEN_YEAR for d in dates):
        return day  # the year is written
    lex = _lexicon()
    years = [int(toks[end].text) for toks in sentences for k in range(len(toks))
             if (end := lex.cue(toks, k, "anniversary")) is not None and end + 1 < len(toks)
             and toks[end].text.isdigit() and toks[end + 1].low == "năm"]
    if not years:
        return day
    events = [d.value for d in dates if d.rule == _WRITTEN_YEAR and d.value.year < day.year + years[0]
              and abs(d.value.replace(year=2000) - day.replace(year=2000)) <= _ANNIVERSARY_REACH]
    if not events:
        return day
    event = min(events, key=lambda v: abs(v.replace(year=2000) - day.replace(year=2000)))
    try:
        return day.replace(year=event.year + years[0])
    except ValueError:
        return day


_TYPE_LINES = 30  # the lines of an administrative header, where the document names its own type


def _a_plan(text: str) -> bool:
    """Whether the document is a plan or a guide by the type its header names on a line of its own ("KẾ HOẠCH",
    "**HƯỚNG DẪN**"; meeting_cues.yaml plan_document).
    """
    lines = text.split("\n", _TYPE_LINES)[:_TYPE_LINES]
    return _lexicon().plan_re.search("\n".join(lines)) is not None


def _hard_wrapped(text: str) -> bool:
    """Whether ``text`` is hard-wrapped: no line longer than the width, several lines cut after a word."""
    lines = text.split("\n", _WRAP_LINES)[:_WRAP_LINES]
    if max(map(len, lines), default=0) > _WRAP_WIDTH:
        return False
    head = "\n".join(lines) + "\n"
    return len(_LINE_CUT_RE.findall(head)) >= _WRAP_MIN_CUT


class _UnwrappedTokens(SentenceTokens):
    """The tokens of a hard-wrapped text, a line break the wrap made read as the space it stands for."""

    def __getitem__(self, index: int) -> list[Token]:
        toks = self._cache.get(index)
        if toks is None:
            toks = self._cache[index] = [t._replace(glue=" ") if t.glue.strip(" ") == "\n" else t
                                         for t in super().__getitem__(index)]
        return toks


def _unwrapped(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of a hard-wrapped text joined across the line breaks the wrap made: a piece that ends
    after a word or a comma, with a single line break before the next ("… chủ trì buổi" / "làm việc với …").
    """
    joined: list[tuple[int, int]] = []
    for a, b in sentences:
        if joined:
            start, end = joined[-1]
            gap = text[end:a]
            if gap.strip(" ") == "\n" and (text[end - 1].isalnum() or text[end - 1] == ","):
                joined[-1] = (start, b)
                continue
        joined.append((a, b))
    return joined


def _told_shorter(main: _MeetingDraft | None, other: _MeetingDraft) -> bool:
    """Whether a mention names the main meeting with fewer words: "phiên khai mạc HĐND thành phố" after
    "Kỳ họp Hội đồng nhân dân thành phố Hà Nội" (same kind, its body a start of the main one's, no other
    number, day or part of day).
    """
    if main is None or other.body is None or main.body is None or not _compatible(main, other):
        return False
    if any(None not in (a, b) and a != b for a, b in ((main.date, other.date), (main.part_of_day, other.part_of_day))):
        return False  # "Chiều cùng ngày, … tổ chức hội nghị …": another sitting
    return other.ordinal in (None, main.ordinal) and _spelled_out(main.body).startswith(_spelled_out(other.body))


def _numbered_again(listed: list[_MeetingDraft], other: _MeetingDraft) -> bool:
    """Whether a mention with a number and no body is a meeting already listed with that kind and number: "kỳ
    họp thứ 8 Quốc hội", then "… cho biết, kỳ họp thứ 8 là kỳ họp …".
    """
    return other.body is None and other.ordinal is not None and any(
        d.kind == other.kind and d.ordinal == other.ordinal for d in listed)


def _key(draft: _MeetingDraft) -> tuple[str, int | None, str]:
    """What tells two meetings apart: kind, ordinal and body."""
    return draft.kind, draft.ordinal, _casefolded(draft.body or draft.counterpart or "")


def _same_event(main: _MeetingDraft | None, other: _MeetingDraft) -> bool:
    """Whether a mention with no fields of its own names the main meeting's event under another kind.

    A second kind in the main meeting's own sentence, outside its purpose, does ("Buổi lễ trao quyết định
    diễn ra tại Hội nghị công bố …"); one in its purpose does not ("… nhằm hướng dẫn đại hội chi bộ").
    """
    if main is None or other.sentence != main.sentence:
        return False
    return main.purpose_start is None or other.start < main.purpose_start


def _main(text: str, drafts: list[_MeetingDraft], sentences: list[tuple[int, int]],
          first_body: int) -> _MeetingDraft | None:
    """The report's own meeting, by the strength of what names it.

    In order: a kind held by a verb in the first half of the report ("tổ chức Hội nghị"), the headline's,
    a kind in the opening sentences, a meeting told by the verb alone ("Ủy ban Kiểm tra … đã họp"), then
    one held by a verb among the headline lines of a short text, then one a sentence opens with, by its kind
    alone, as the scene of what it tells ("Tại buổi họp báo, …").
    """
    half = sentences[int(len(sentences) * _LEAD_SHARE)][0] if sentences else len(text)
    drafts = [d for d in drafts if not d.passing]
    held = [d for d in drafts if d.lead and d.start <= half]
    with_kind = [d for d in held if not d.verb_only]
    opening = [d for d in drafts
               if first_body <= d.sentence < first_body + _LEAD_SENTENCES and not d.verb_only]
    for choice in (
        next((d for d in with_kind if not d.headline and not d.guessed), None),
        next((d for d in with_kind if not d.headline), None),
        next((d for d in with_kind if not d.guessed), None),  # a kind named beats the verb's guess
        next(iter(with_kind), None),
        next((d for d in drafts if d.headline and (d.has_identity() or d.date is not None)), None),
        next(iter(opening), None),
        next(iter(held), None),
        # a headline and one short lead, both among the first lines: the lead's verb holds it ("Huyện Thọ Xuân
        # vừa tổ chức lễ công bố …" after its headline, the second of two sentences)
        next((d for d in drafts if d.lead and d.headline), None),
        next((d for d in drafts if d.scene), None),
    ):
        if choice is not None:
            return choice
    return None


def _complete(main: _MeetingDraft, drafts: list[_MeetingDraft], text: str, sentences: list[tuple[int, int]],
              dates: list[DateMention]) -> None:
    """Fill the main meeting from the other mentions of it, then its date from just before it.

    The other mentions: the headline's, one with the same ordinal, one naming its body in full, a lead
    right after it (a photo caption often comes first). A date missing from its sentence may stand in the
    two sentences before ("Sáng nay 10/5, … Buổi lễ … diễn ra tại …").
    """
    for other in drafts:
        if other is main or not _compatible(main, other):
            continue
        longer_body = bool(main.body and other.body and _longer_body(main.body, other.body))
        close_lead = other.lead and main.sentence < other.sentence <= main.sentence + _LEAD_SENTENCES - 1
        if other.headline or (other.ordinal is not None and other.ordinal == main.ordinal) or longer_body \
                or close_lead:
            main.fill_from(other)
            other.merged = True
            if main.guessed and not other.guessed:  # "UBND huyện họp giao ban …", then "… họp phiên thường kỳ"
                main.kind, main.guessed = other.kind, False
    if main.date is None:
        lo = sentences[max(0, main.sentence - 2)][0]
        found = [d for d in dates if lo <= d.span.start < main.start]
        if found:
            main.date, main.part_of_day = found[-1].value, main.part_of_day or found[-1].part_of_day


_NAY_RE = re.compile(r"(?i)\bnay\b")


def _first_today(text: str, tokens: SentenceTokens) -> PartOfDay | None:
    """The first "sáng nay" / "chiều nay" of the report: news names the part of day it happened."""
    for index, (a, b) in enumerate(tokens.sentences):
        if not _NAY_RE.search(text[a:b]):
            continue
        part = _today_part(text, tokens[index])
        if part is not None:
            return part
    return None


def _meeting(text: str, d: _MeetingDraft) -> Meeting:
    return Meeting(kind=d.kind, ordinal=d.ordinal, body=d.body or d.counterpart, term=d.term, tenure=d.tenure,
                   expanded=d.expanded, date=d.date, part_of_day=d.part_of_day, location=d.location,
                   purpose=d.purpose, chair=d.chair, rule=d.rule(),
                   span=Span(start=d.start, end=d.end, text=text[d.start:d.end]))
