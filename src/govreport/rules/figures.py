"""Figures: quantities that measure something, with their metric, period and comparisons.

A quantity becomes a comparison of the figure before it when a comparison word introduces it
("bằng 57,3% kế hoạch năm", "tăng 15,1% so với cùng kỳ 2021") and nothing but a comma, "và" or a
bracket separates it from that figure (or from the figure's previous comparison). Otherwise it is
a figure of its own, "tỷ lệ hộ nghèo còn 2,1%" included. The metric is the clause before the
amount, less its verb, qualifiers and period; the period is the one named in the clause, or the
last one the text set before ("Trong 6 tháng đầu năm 2022, … Thu ngân sách … ước đạt …").

What the figure's own number states is its ``kind``: "change" after a change word ("GRDP tăng 8,5% so
với năm 2022", direction and base as written), "share" for a percentage of a plan with no amount of
its own ("đạt 104% kế hoạch"), else "level" ("tỷ lệ hộ nghèo còn 2,1%", "giảm từ 2,4% xuống còn
1,85%", whose first number becomes a comparison of kind "previous").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from .. import lexicon
from ..lexicon import QualifierEntry, UnitEntry, alternation
from ..models import Bound, Comparison, Direction, Figure, FigureKind, Metric, Period, Quantity, Span
from ..numbers import parse_number
from .dates import PeriodMention

__all__ = ["extract_figures", "figure_warnings"]

_CHAIN_GAP_RE = re.compile(r"[\s,(]{0,6}(?:(?:và|cùng|đồng thời)\s{1,3})?\Z", re.IGNORECASE)
# Between a figure and a comparison that names its base, a few words may stand ("kết nạp 125 đảng
# viên mới, đạt 62,5% chỉ tiêu năm"), but not a clause break.
_LOOSE_GAP_RE = re.compile(r"[^;.!?\n]{0,60}\Z")
_MAX_GAP_WORDS = 5
# Clause breaks: sentence punctuation, semicolons, colons, commas, and list bullets at a line start
# (a spaced hyphen inside a line joins names: "công nghiệp - xây dựng").
_CLAUSE_BREAK_RE = re.compile(r"[.!?]\s|[;:\n,]|(?:^|\n)\s{0,3}[-–•+*]\s")
_BASE_END_RE = re.compile(r"[,;.:()\n…]|\s(?:và|nhưng|trong đó|tăng|giảm|bằng|đạt|chiếm)\s", re.IGNORECASE)
_MAX_METRIC_WORDS = 16
_MAX_AFTER_WORDS = 8  # words read after a counted noun or a share: "CCN đã lấp đầy"
_MAX_VERB_WORDS = 2  # words before a count kept in its metric: a verb such as "kết nạp", not a whole clause


@cache
def _cue_words() -> dict[str, tuple[str, ...]]:
    """The surfaces of data/figure_cues.yaml by id."""
    return {e.id: e.surfaces for e in lexicon.load("figure_cues")}


@cache
def _estimate_lead_re() -> re.Pattern[str]:
    """A sentence that opens with an estimate ("Ước thực hiện cả năm, …") makes its figures estimates."""
    return re.compile(rf"\s{{0,3}}(?:[-–•+*]\s{{0,2}})?(?:{alternation(_cue_words()['estimate-lead'])})(?!\w)")


@cache
def _currencies() -> frozenset[str]:
    """The unit ids that are money."""
    # until units.yaml has the currency flag: read it where an entry has it, else VND and USD
    ids = set()
    for entry in lexicon.entries("units", UnitEntry):
        flag = entry.model_dump().get("currency")
        if flag is True or (flag is None and entry.unit_id in ("VND", "USD")):
            ids.add(entry.unit_id)
    return frozenset(ids)


@dataclass
class _Draft:
    """A figure being built: comparisons are added while the sentence is read."""

    quantity: Quantity
    metric: Metric | None
    period: Period | None
    comparisons: list[Comparison] = field(default_factory=list)
    estimated: bool = False  # set by the sentence ("Ước thực hiện cả năm, …"), beyond the amount's own words
    sentence: int = 0
    kind: FigureKind = "level"
    direction: Direction | None = None
    base: str | None = None
    bound: Bound | None = None
    unit: str | None = None
    end: int = 0  # where the figure and its comparisons end


@cache
def _comparison_words() -> dict[str, str]:
    """Each entry of data/comparisons.yaml as a regex alternation, by id."""
    return {e.id: alternation(e.surfaces) for e in lexicon.load("comparisons")}


@cache
def _cue_re() -> re.Pattern[str]:
    """A comparison word ending right before a quantity; "lên", "xuống còn" make it a new level instead."""
    words = _comparison_words()
    return re.compile(
        rf"(?<!\w)(?:(?P<level>{alternation(_cue_words()['to-level'])})|(?P<share>{words['share']})|"
        rf"(?P<up>{words['up']})|(?P<down>{words['down']}))\s{{1,3}}\Z",
        re.IGNORECASE,
    )


@cache
def _base_first_re() -> re.Pattern[str]:
    """A comparison that names its base before its amount: "vượt dự toán tỉnh giao 21,3 tỷ đồng"."""
    words = _comparison_words()
    return re.compile(
        rf"(?<!\w)(?:(?P<share>{words['share']})|(?P<up>{words['up']})|(?P<down>{words['down']}))\s{{1,3}}"
        rf"(?:(?:{words['compared-with']})\s{{1,3}})?"
        rf"(?P<base>(?:{words['base']})(?!\w)(?:\s{{1,3}}[^\W\d]{{1,12}}){{0,5}}?)\s{{1,3}}\Z",
        re.IGNORECASE,
    )


@cache
def _previous_re() -> re.Pattern[str]:
    """The earlier level before a new one: "(giảm) từ 2,4% xuống còn |", "tăng từ 12 lên |"."""
    cues = _cue_words()
    return re.compile(
        rf"(?<!\w)(?:{alternation(cues['from'])})\s{{1,3}}(?P<prev>\d[\d.,]{{0,20}})(?P<rest>[^\d;.!?\n]{{0,30}}?)"
        rf"\s{{1,3}}(?:{alternation(cues['to-level'])})\s{{1,3}}\Z",
        re.IGNORECASE,
    )


@cache
def _plan_pair_re() -> re.Pattern[str]:
    """ "4.210 ha/4.150 ha kế hoạch, | đạt 101,4%": the plan written after a slash names the base."""
    words = _comparison_words()
    return re.compile(
        rf"\s{{0,2}}/\s{{0,2}}\d[\d.,]{{0,20}}[^;.!?\n/\d]{{0,30}}?(?<!\w)(?P<base>(?:{words['base']})(?!\w)[^,;.!?\n]{{0,30}}?)"
        rf"\s{{0,3}}[,(]\s{{0,3}}\Z",
        re.IGNORECASE,
    )


@cache
def _bound_words() -> dict[str, Bound]:
    """Bound words written before an amount ("gần", "hơn", "khoảng"), lower-cased."""
    found: dict[str, Bound] = {}
    for e in lexicon.entries("qualifiers", QualifierEntry):
        if e.position == "before" and e.sets in ("over", "under", "about"):
            found.update({s.lower(): e.sets for s in e.surfaces})
    return found


def _cue_bound(cue_text: str) -> Bound | None:
    """ "tăng gần" -> "under": the bound word a comparison word carries at its end."""
    words = cue_text.lower().split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in _bound_words():
            return _bound_words()[" ".join(words[-size:])]
    return None


@cache
def _base_re() -> re.Pattern[str]:
    words = _comparison_words()
    return re.compile(
        rf"\s{{0,3}}(?:(?P<so>{words['compared-with']})\s{{1,3}}(?P<after_so>\S)|"
        rf"(?:(?:{words['with']})\s{{1,3}})?(?P<head>{words['base']})(?!\w))",  # "tăng 2,1% với KH"
        re.IGNORECASE,
    )


@cache
def _metric_words() -> dict[str, frozenset[str]]:
    """The word sets of data/metrics.yaml and data/metric_bounds.yaml by id, lower-cased."""
    return {e.id: frozenset(s.lower() for s in e.surfaces)
            for name in ("metrics", "metric_bounds") for e in lexicon.load(name)}


def _trim_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words trimmed from a metric's end, words trimmed from its start)."""
    words = _metric_words()
    return words["verb"], words["lead"] | words["verb"]


def _after_speech(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words after the last reporting verb or link: "Sở Xây dựng cho biết giá NƠXH" -> "giá NƠXH"."""
    speech = _metric_words()["start-after"]
    lowered = [w.group().lower() for w in words]
    for i in range(len(words) - 1, -1, -1):
        for size in (3, 2, 1):
            if i - size + 1 >= 0 and " ".join(lowered[i - size + 1:i + 1]) in speech:
                return words[i + 1:]
    return words


def _until_stop(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words after an amount up to the first that starts something else ("với tổng vốn …") or a number."""
    stops = _metric_words()["stop"] | _metric_words()["start-after"]
    lowered = [w.group().lower() for w in words]
    for i, word in enumerate(lowered):
        if word[0].isdigit() or word in stops or " ".join(lowered[i:i + 2]) in stops:
            return words[:i]
    return words


@dataclass(frozen=True)
class _Cue:
    """The comparison word of a quantity: its kind, direction, where it starts, and a base read before
    the amount ("vượt dự toán tỉnh giao 21,3 tỷ đồng")."""

    kind: str  # "share" | "change" | "previous" | "level"
    direction: Direction | None
    start: int
    bound: Bound | None = None
    base: str | None = None
    text: str = ""


def _cue_of(m: re.Match[str], base: str | None = None) -> _Cue:
    kind = "level" if m.groupdict().get("level") else "share" if m.group("share") else "change"
    direction: Direction | None = None
    if kind == "change":
        direction = "up" if m.group("up") else "down"
    bound = _cue_bound(m.group().strip()) if kind != "level" else None
    return _Cue(kind, direction, m.start(), bound, base, " ".join(m.group().lower().split()))


def _cue(text: str, q: Quantity, floor: int) -> _Cue | None:
    """The comparison word right before a quantity, or a comparison word and base before it."""
    m = _cue_re().search(text, max(0, floor, q.extent.start - 24), q.extent.start)
    if m is not None:
        return _cue_of(m)
    m = _base_first_re().search(text, max(0, floor, q.extent.start - 90), q.extent.start)
    if m is None:
        return None
    base = " ".join(m.group("base").split())
    if base.lower() in _cue_words()["level-word"]:  # "cao hơn mức 5,52%": the amount is the earlier level
        return _Cue("previous", None, m.start())
    return _cue_of(m, base)


def _qualifier_cue(text: str, q: Quantity) -> _Cue | None:
    """ "vượt 1,2% mục tiêu": the number core read "vượt" as a bound; before a base it is a change."""
    if q.extent.start == q.span.start or q.unit != "%":
        return None
    m = _cue_re().search(text, q.extent.start, q.span.start)
    if m is None or m.start() != q.extent.start or _base(text, q.extent.end, q.extent.end + 80)[0] is None:
        return None
    cue = _cue_of(m)
    return None if cue.kind == "level" else _Cue(cue.kind, cue.direction, cue.start)


def _base(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """What a comparison compares with ("kế hoạch năm", "cùng kỳ 2021"), and where it ends."""
    m = _base_re().match(text, end, limit)
    if m is None:
        return None, end
    start = m.start("after_so") if m.group("so") else m.start("head")
    stop = _BASE_END_RE.search(text, start, min(limit, start + 80))
    base_end = stop.start() if stop else min(limit, start + 80)
    base = text[start:base_end].strip()
    words = base.split()
    if len(words) > 8:
        base = " ".join(words[:8])
    return (base or None), start + len(text[start:base_end].rstrip())


def _belongs_to(text: str, last_end: int, lead: int, has_base: bool) -> bool:
    """Does a comparison starting at ``lead`` belong to the figure (or comparison) ending at ``last_end``?"""
    if _CHAIN_GAP_RE.fullmatch(text, last_end, lead):
        return True
    return has_base and _LOOSE_GAP_RE.fullmatch(text, last_end, lead) is not None and \
        sum(1 for w in text[last_end:lead].split() if any(c.isalpha() for c in w)) <= _MAX_GAP_WORDS


# "937 tỷ đồng (gồm vay 787 tỷ đồng, …) | bằng 62,4% …": a bracketed breakdown right after a figure
_ASIDE_OPEN_RE = re.compile(r"\s{0,2}\(")
_ASIDE_AFTER_RE = re.compile(r"\s{0,3},?\s{0,3}")
_MAX_ASIDE = 240


def _aside_close(text: str, end: int, limit: int) -> int | None:
    """Where a bracket opened right after ``end`` closes (after the ")"), within the sentence."""
    m = _ASIDE_OPEN_RE.match(text, end, limit)
    if m is None:
        return None
    close = text.find(")", m.end(), min(limit, m.end() + _MAX_ASIDE))
    return close + 1 if close >= 0 and "(" not in text[m.end():close] else None


def _clause_start(text: str, floor: int, position: int) -> int:
    """The start of the clause that ends at ``position``: after the last break, not before ``floor``.

    A comma inside a coordinated list of nouns does not break the clause: "Giá trị sản xuất nông, lâm
    nghiệp và thủy sản", "thu gom rác thải, chất thải rắn" (see :func:`_joins_list`)."""
    breaks = [floor, *(m.end() for m in _CLAUSE_BREAK_RE.finditer(text, floor, position))]
    at = len(breaks) - 1
    while at > 0 and text[breaks[at] - 1] == "," and _joins_list(text, breaks[at - 1], breaks[at], position):
        at -= 1
    return breaks[at]


_MAX_LIST_ITEM_WORDS = 6
_MAX_LIST_HEAD_WORDS = 8


def _joins_list(text: str, before: int, comma_end: int, position: int) -> bool:
    """Is the comma ending at ``comma_end`` inside a list of nouns? The part after it is a short item
    (a lower-case word or an abbreviation: "lâm nghiệp và thủy sản", "TTCN"), the part before has no
    number and opens with no topic or lead word ("Về thu ngân sách, …", "Trong năm, …")."""
    head = text[before:comma_end - 1].split()
    item = text[comma_end:position].split()
    if not head or not item or len(item) > _MAX_LIST_ITEM_WORDS or len(head) > _MAX_LIST_HEAD_WORDS:
        return False
    if any(c.isdigit() for c in text[before:position]) or not (item[0].islower() or item[0].isupper()):
        return False
    bounds = _metric_words()
    first = " ".join(head[:2]).lower()
    opening = bounds["lead"] | bounds["topic"] | bounds["start-after"] | bounds["verb"] | bounds["stop"]
    if head[0].lower() in opening or first in opening or head[0][0] in "-–•+*":
        return False
    last = head[-1].lower()
    return last not in bounds["verb"] and last not in bounds["stop"] and \
        not any(w.lower() in bounds["verb"] and w.lower() not in bounds["keep-start"] for w in item[:1])


_WORD_RE = re.compile(r"[^\s,;:()\"“”'‘’.!?…]+(?:[.][^\s,;:()\"“”'‘’.!?…]+){0,3}")  # TP.HCM, not "quả."


def _trim(words: list[re.Match[str]], phrases: frozenset[str], from_end: bool) -> list[re.Match[str]]:
    """Drop phrases of up to four words from one end of ``words`` while they are in ``phrases``,
    never splitting a word pair ("Dân số", "Chỉ số") nor dropping the head of "Số xã …"."""
    bounds = _metric_words()
    lowered = [w.group().lower() for w in words]
    lo, hi = 0, len(words)  # the words kept: lowered[lo:hi]

    def joined(a: int, b: int) -> str:
        return " ".join(lowered[a:b])

    while hi > lo:
        if hi - lo >= 2 and (joined(hi - 2, hi) if from_end else joined(lo, lo + 2)) in bounds["whole"]:
            break
        if hi - lo >= 3 and (joined(hi - 3, hi) if from_end else joined(lo, lo + 3)) in bounds["whole"]:
            break
        if not from_end and hi - lo > 1 and lowered[lo] in bounds["keep-start"]:
            break
        for size in (4, 3, 2, 1):
            if hi - lo >= size and (joined(hi - size, hi) if from_end else joined(lo, lo + size)) in phrases:
                hi, lo = (hi - size, lo) if from_end else (hi, lo + size)
                break
        else:
            break
    return words[lo:hi]


def _clean(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Never a fragment: nothing up to a word with digits (another figure's), no symbol-only words
    ("./."), no dangling link word at the end ("… tăng từ", "… và")."""
    for i in range(len(words) - 1, -1, -1):  # "12,5%", "1.200": a figure's number; "dưới 5 tuổi" stays
        if any(c.isdigit() for c in words[i].group()) and re.search(r"\d[.,%/]|\d{4}", words[i].group()):
            words = words[i + 1:]
            break
    words = [w for w in words if any(c.isalnum() for c in w.group())]
    tails = _metric_words()["tail"] | _metric_words()["stop"]
    while words and words[-1].group().lower() in tails:
        words = words[:-1]
    return words


def _metric_of(text: str, words: list[re.Match[str]], extra: str | None = None) -> Metric | None:
    """The metric over ``words``: the text as written when they are contiguous ("Chỉ số giá tiêu dùng
    (CPI)"), else the words joined; ``extra`` (a counted noun) is appended when not already there."""
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    if text.startswith(")", end) and "(" in text[start:end]:
        end += 1
    gaps = all(_GAP_RE.fullmatch(text, a.end(), b.start()) for a, b in zip(words, words[1:], strict=False))
    body = " ".join(text[start:end].split()) if gaps else " ".join(w.group() for w in words)
    if extra and extra.lower() not in body.lower():
        body = f"{body} {extra}"
    return Metric(text=body, span=_span(text, start, end))


_GAP_RE = re.compile(r"[\s,()\-–]{1,6}")


def _metric(text: str, start: int, end: int, q: Quantity, periods: _PeriodIndex,
            clause_end: int) -> Metric | None:
    """The words naming what is measured.

    For an amount: the clause before it, less the verb ("ước đạt") and qualifiers at its end, the
    connectors ("và", "trong đó") at its start and a period written inside ("trong 6 tháng đầu
    năm"). For a count, the noun and what follows it when something does ("24 công trình chuyển
    tiếp", "10 CCN đã lấp đầy"), else the clause before and the noun ("kết nạp 125 đảng viên").
    """
    verbs, leads = _trim_words()
    if q.noun or q.unit == "%":
        after = _until_stop(list(_WORD_RE.finditer(text, q.extent.end, min(clause_end, q.extent.end + 120))))
        after = _trim(after, verbs, from_end=True)[:_MAX_AFTER_WORDS]
        if q.unit == "%":  # "87,07% đại biểu tán thành": a share of people, named after it
            before = _trim(_trim(_after_speech(list(_WORD_RE.finditer(text, start, end))), verbs, from_end=True),
                           leads, from_end=False)
            after = after if not before and after and not after[0].group()[0].isupper() else []
        if after and q.unit == "%":
            return Metric(text=" ".join(w.group() for w in after),
                          span=Span(start=after[0].start(), end=after[-1].end(),
                                    text=text[after[0].start():after[-1].end()]))
        if after and q.noun and not _cue_re().search(text, after[0].start(), after[-1].end()):
            before = _trim(_trim(list(_WORD_RE.finditer(text, start, end)), verbs, from_end=True), leads,
                           from_end=False)
            before = before if 0 < len(before) <= _MAX_VERB_WORDS else []  # "kết nạp 125 đảng viên mới"
            begin, end_at = (before[0].start() if before else q.span.start), after[-1].end()
            return Metric(text=" ".join([*(w.group() for w in before), q.noun, *(w.group() for w in after)]),
                          span=Span(start=begin, end=end_at, text=text[begin:end_at]))
    inside = [p.period.span for p in periods.between(start, end)
              if p.period.span is not None and p.period.span.end <= end]
    raw_words = [w for w in _after_speech(list(_WORD_RE.finditer(text, start, end)))
                 if not any(span.start <= w.start() < span.end for span in inside)]
    words = _clean(_trim(_trim(raw_words, verbs, from_end=True), leads, from_end=False))
    if q.unit == "count" and q.noun and q.noun.lower() not in " ".join(w.group() for w in words).lower():
        # "Huyện có 21 thôn": what is counted; "Đoàn đã kiểm tra 9 sở": the action and what is counted
        words = _clean(_trim(_trim(_after_relation(raw_words), verbs, from_end=True), leads, from_end=False))
    if not words and text[:start].rstrip().endswith(":"):  # "Tổng kinh phí: 1,2 tỷ đồng"
        colon = text.rindex(":", 0, start)
        line = text.rfind("\n", 0, colon) + 1
        return _metric(text, _clause_start(text, line, colon), colon, q, periods, clause_end)
    words = words[-_MAX_METRIC_WORDS:]
    if not words:
        return Metric(text=q.noun, span=q.span) if q.noun else None
    headed = " ".join(w.group() for w in words[:2]).lower() in _metric_words()["whole"]
    metric = _metric_of(text, words, None if headed else q.noun)
    if metric is not None and q.noun:
        metric = Metric(text=metric.text, span=_span(text, words[0].start(), q.span.end))
    return metric


@cache
def _boundary_verbs() -> frozenset[str]:
    """Verbs seen right before numbers (generated): the relation, not part of the metric."""
    return frozenset(s.lower() for s in lexicon.surfaces("boundary_verbs"))


_MAX_SUBJECT_WORDS = 2  # "Huyện có", "Toàn tỉnh đã cấp": a short subject, not a metric of its own


def _after_relation(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Before a count, a short subject is not the metric: cut after a linking verb ("Huyện có | 21
    thôn") or at the run of action verbs before the count ("Đoàn đã | kiểm tra 9 sở, ngành"). A long
    phrase before the verb names what is counted and stays ("Tổng số lao động … có trên 59.020 người")."""
    lowered = [w.group().lower() for w in words]
    links, actions, whole = _metric_words()["verb"], _boundary_verbs(), _metric_words()["whole"]
    leads = _metric_words()["lead"]
    cut = next((i + 1 for i in range(len(words) - 1, -1, -1)
                if lowered[i] in links and not (i and f"{lowered[i - 1]} {lowered[i]}" in whole)), None)
    if cut is None:
        pairs = [f"{a} {b}" for a, b in zip(lowered, lowered[1:], strict=False)]
        last = max((i for i in range(len(words)) if lowered[i] in actions or (i < len(pairs) and pairs[i] in actions)),
                   default=-1)
        if last <= 0:
            return words
        cut = last
        while cut > 0 and (lowered[cut - 1] in actions or (cut >= 2 and pairs[cut - 2] in actions)):
            cut -= 1 if lowered[cut - 1] in actions else 2
    subject = [w for w in lowered[:cut] if w not in leads and w not in links]
    return words[cut:] if len(subject) <= _MAX_SUBJECT_WORDS else words


_SETTING_LEAD_RE = re.compile(
    r"(?:^|\n|[.!?:]\s{1,3})\s{0,3}(?:[\-–•*+]\s{0,2})?(?:(?i:trong|tính\s{1,3}chung|tính\s{1,3}đến|lũy\s{1,3}kế|"
    r"lũy\s{1,3}kế\s{1,3}đến|riêng|qua|sau|kết\s{1,3}quả)\s{1,3})?\Z")


_HEADING_MAX = 160  # a line this short without a final full stop is a heading


def _sets_context(text: str, p: PeriodMention) -> bool:
    """Does a period hold for the figures after it, beyond its own paragraph?

    It does when it opens a sentence or paragraph ("Trong 6 tháng đầu năm 2022, ..."), stands as
    an adverbial before a comma ("…, 5 tháng đầu năm 2024, tổng thu …"), or sits in a heading.
    """
    span = p.period.span
    if span is None or p.period.start is None:
        return False  # "đến năm 2020, …": a horizon for its own sentence only
    if _SETTING_LEAD_RE.search(text, max(0, span.start - 24), span.start) or text.startswith(",", span.end):
        return True
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    return len(line) <= _HEADING_MAX and not line.endswith(".")


@cache
def _target_re() -> re.Pattern[str]:
    """A plan or agenda word a few words before a period, in the same clause."""
    words = alternation(_cue_words()["target"])
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)(?:\s{{1,3}}[^\s,;.:!?()\d]{{1,10}}){{0,3}}\s{{1,3}}\Z", re.IGNORECASE)


@cache
def _photo_re() -> re.Pattern[str]:
    """A photo caption: a line opening with "Ảnh:" or holding "(Ảnh: …)"."""
    words = alternation(_cue_words()["photo"])
    return re.compile(rf"(?:^\s{{0,3}}(?:{words})\s{{0,2}}[:.]|\(\s{{0,2}}(?:{words})\s{{0,2}}:)", re.IGNORECASE)


def _is_target(text: str, span: Span) -> bool:
    return _target_re().search(text, max(0, span.start - 60), span.start) is not None


def _outside_body(text: str, span: Span) -> bool:
    """A period in the headline (the first line) or in a photo caption sets nothing for the body."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    first_line = not text[:line_start].strip()
    return (first_line and "\n" in text[span.end:].strip()) or _photo_re().search(line) is not None


class _PeriodIndex:
    """The periods of a text by position, so each figure finds its own in logarithmic time.

    ``setting[i]`` is the index of the last period at or before ``i`` that sets the context for
    what follows (see :func:`_sets_context`), or -1; computed once, not per figure.
    """

    def __init__(self, text: str, periods: list[PeriodMention]) -> None:
        self.periods = [p for p in periods if p.period.span is not None]
        self.starts = [p.period.span.start for p in self.periods if p.period.span is not None]
        # a plan's or an agenda's period ("nhiệm vụ 6 tháng cuối năm", "phấn đấu đến năm 2025") holds
        # for the targets written after it in its sentence, never for a result before it or beyond
        self.target = [p.period.span is not None and _is_target(text, p.period.span) for p in self.periods]
        self.setting: list[int] = []
        last = -1
        for i, p in enumerate(self.periods):
            span = p.period.span
            if p.kind == "period" and not self.target[i] and _sets_context(text, p) and \
                    span is not None and not _outside_body(text, span):
                last = i
            self.setting.append(last)

    def between(self, start: int, end: int) -> list[PeriodMention]:
        """The periods that start in ``[start, end)``."""
        return self.periods[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def period_for(self, q: Quantity, sentence_start: int, clause_end: int) -> Period | None:
        """The period of a figure: named right after it in its clause, else the last one before it
        in its sentence, else the last one before it that set the context for what follows.

        A year named in passing in an earlier sentence ("… từ năm 2015") is not carried: precision
        before recall, a figure without a period is better than one with a wrong period."""
        i = bisect_left(self.starts, q.extent.end)
        while i < len(self.periods) and self.starts[i] < clause_end:
            if self.periods[i].kind == "period" and not self.target[i]:
                return self.periods[i].period
            i += 1
        i = bisect_right(self.starts, q.span.start) - 1
        while i >= 0 and self.starts[i] >= sentence_start:
            if self.periods[i].kind == "period":
                return self.periods[i].period
            i -= 1
        return self.periods[self.setting[i]].period if i >= 0 and self.setting[i] >= 0 else None


def _previous(text: str, q: Quantity, before: Quantity | None, floor: int) -> tuple[Decimal, int] | None:
    """The earlier level of "giảm từ 2,4% xuống còn 1,85%" / "tăng từ 12 lên 15 xã": (its value, where
    its phrase starts, change word included). ``before`` is the quantity just before ``q``, if any."""
    m = _previous_re().search(text, max(floor, q.extent.start - 80), q.extent.start)
    if m is None:
        return None
    if before is not None and before.span.start == m.start("prev"):
        value = before.value
    else:
        value = parse_number(m.group("prev"))
        leading = parse_number(re.split(r"\s", q.raw.strip(), maxsplit=1)[0])
        if value is not None and leading and q.value is not None and q.unit != "%":
            value = value * q.value / leading  # "từ 2,4 lên 3 tỷ đồng": the scale word holds for both
    if value is None:
        return None
    change = _cue_re().search(text, max(floor, m.start() - 24), m.start())
    return value, (change.start() if change and not change.group("level") else m.start())


def _open_count_re() -> re.Pattern[str]:
    """A whole number and a counted noun of the generated lexicon ("140 thửa đất", "9 sở")."""
    return _open_count_re_cached()


@cache
def _open_count_re_cached() -> re.Pattern[str]:
    nouns = [s for s in lexicon.surfaces("counted_nouns")]
    return re.compile(
        rf"(?=\d)(?<![\w.,/\-–])(?P<num>\d{{1,3}}(?:\.\d{{3}}){{1,3}}|\d{{1,6}})(?![\d.,/]\d|[\w/%])"
        rf"\s{{1,2}}(?P<noun>{alternation(nouns)})(?!\w)"
    )


@cache
def _all_counted_re() -> re.Pattern[str]:
    """A second counted noun after a comma: "9 sở, ngành", "21 thôn, tổ dân phố"."""
    nouns = [*lexicon.surfaces("counted_nouns"), *(s for s in lexicon.surfaces("nouns") if s == s.lower())]
    # the second noun must end the phrase: "9 sở, ngành." but not "286 dự án, giải pháp"
    return re.compile(rf",\s{{1,2}}(?P<noun>{alternation(nouns)})(?=\s{{0,2}}(?:[,.;:)\n]|\Z|và\s))")


@cache
def _contexts() -> frozenset[str]:
    return frozenset(s.lower() for s in lexicon.surfaces("contexts"))


@cache
def _bound_before_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<word>{alternation(_bound_words())})\s{{1,3}}\Z", re.IGNORECASE)


def _open_counts(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Counts of the nouns the number core does not know, from the generated lexicon, where no
    quantity was found; a number after a context word ("Điều 5", "năm 2022") is left alone."""
    starts = [q.span.start for q in quantities]
    found: list[Quantity] = []
    longer: list[int] = []
    for m in _open_count_re().finditer(text):
        i = bisect_right(starts, m.start()) - 1
        known = quantities[i].noun if i >= 0 and starts[i] == m.start() and quantities[i].unit == "count" else None
        if known and quantities[i].span.end < m.end() and m.group("noun").startswith(known):
            longer.append(i)  # "8 làng nghề": the generated noun is longer than the hand-written "làng"
        elif i >= 0 and quantities[i].span.end > m.start() or (i + 1 < len(starts) and starts[i + 1] < m.end()):
            continue
        before = text[max(0, m.start() - 20):m.start()].lower().split()
        if before and (before[-1] in _contexts() or " ".join(before[-2:]) in _contexts() or before[-1][-1] in "-–"):
            continue  # "Điều 5", "năm 2022", the end of "2020 - 2025"
        value = parse_number(m.group("num"))
        if value is None or (1900 <= value <= 2100 and "." not in m.group("num")):
            continue  # a year before a noun ("2025 tổ chức"), not a count
        bound_m = _bound_before_re().search(text, max(0, m.start() - 16), m.start())
        extent_start = bound_m.start() if bound_m else m.start()
        found.append(Quantity(
            value=value, unit="count", noun=m.group("noun"), raw=m.group(), span=_span(text, m.start(), m.end()),
            extent=_span(text, extent_start, m.end()),
            bound=_bound_words().get(" ".join(bound_m.group("word").lower().split())) if bound_m else None,
            rule="quantity: digits counted noun (generated lexicon)"))
    if longer:
        quantities = [q for i, q in enumerate(quantities) if i not in set(longer)]
    return sorted([*quantities, *found], key=lambda q: q.span.start) if found else quantities


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _with_listed_noun(text: str, q: Quantity) -> Quantity:
    """ "9 sở, ngành": a count of a coordinated pair of nouns is one count of both."""
    if q.unit != "count" or q.noun is None:
        return q
    m = _all_counted_re().match(text, q.span.end)
    if m is None:
        return q
    end = m.end()
    return q.model_copy(update={"noun": f"{q.noun}, {m.group('noun')}", "raw": text[q.span.start:end],
                                "span": _span(text, q.span.start, end),
                                "extent": _span(text, q.extent.start, max(end, q.extent.end))})


def extract_figures(text: str, sentences: list[tuple[int, int]], quantities: list[Quantity],
                    periods: list[PeriodMention]) -> list[Figure]:
    """Turn the quantities of each sentence into figures and the comparisons that belong to them."""
    index = _PeriodIndex(text, periods)
    quantities = _open_counts(text, quantities)
    drafts: list[_Draft] = []
    qi = 0
    document_currency = "VND"
    for s_start, s_end in sentences:
        last: _Draft | None = None
        last_end = s_start
        before: Quantity | None = None
        aside: tuple[_Draft, int] | None = None  # a figure followed by a bracket, and where it closes
        currency: str | None = None  # carried only within this sentence's list of amounts
        estimated_sentence = _estimate_lead_re().match(text, s_start) is not None
        while qi < len(quantities) and quantities[qi].span.start < s_end:
            q = _with_listed_noun(text, quantities[qi])
            qi += 1
            if q.span.start < last_end:
                continue  # inside a comparison or a listed noun already read
            prev_q, before = before, q
            next_break = _CLAUSE_BREAK_RE.search(text, q.extent.end, s_end)
            clause_end = next_break.start() if next_break else s_end
            previous = _previous(text, q, prev_q, max(s_start, last_end if last is None or
                                                       last.quantity is not prev_q else s_start))
            if previous is not None and last is not None and last.quantity is prev_q and \
                    prev_q is not None and prev_q.span.start >= previous[1]:
                drafts.pop()  # "từ 2,4% xuống còn 1,85%": the first number is the earlier level
                last = drafts[-1] if drafts and drafts[-1].sentence == s_start else None
                last_end = last.end if last is not None else s_start
            cue = None if previous else (_cue(text, q, s_start) or _qualifier_cue(text, q))
            lead = previous[1] if previous else cue.start if cue else q.extent.start
            base: str | None
            if cue and cue.base is not None:
                base, base_end = cue.base, q.extent.end
            elif cue and cue.kind != "level":
                base, base_end = _base(text, q.extent.end, s_end)
            else:
                base, base_end = None, q.extent.end
            after_aside = aside is not None and cue is not None and cue.kind != "level" and \
                aside[1] <= lead and _ASIDE_AFTER_RE.fullmatch(text, aside[1], lead) is not None
            if after_aside and aside is not None:
                last, last_end = aside[0], aside[0].end  # the comparison of the figure before the bracket
            listed = last is not None and _listed_comparison(text, last, last_end, q)
            if last is not None and cue is None and listed:
                cue = _Cue(listed[0], listed[1], q.extent.start)
                base, base_end = _base(text, q.extent.end, s_end)
            if cue and cue.kind != "level" and last is not None and (cue.kind != "share" or q.unit == "%"):
                pair = _plan_pair_re().match(text, last_end, lead)
                if pair is not None or after_aside or _belongs_to(text, last_end, lead, has_base=base is not None):
                    end = max(base_end, q.extent.end)
                    last.comparisons.append(Comparison(
                        kind=cue.kind, value=q.value, unit=q.unit, direction=cue.direction,  # type: ignore[arg-type]
                        base=base or (" ".join(pair.group("base").split()) if pair else None),
                        bound=q.bound or cue.bound, span=_span(text, cue.start, end), rule=_comparison_rule(cue)))
                    last_end = last.end = end
                    continue
            metric_end = previous[1] if previous else cue.start if cue else q.extent.start
            clause = _clause_start(text, max(s_start, last_end), metric_end)
            draft = _Draft(q, _metric(text, clause, max(clause, metric_end), q, index, clause_end),
                           index.period_for(q, s_start, clause_end), sentence=s_start)
            draft.estimated = estimated_sentence
            draft.kind, draft.direction, draft.base = _kind(q, cue, base, draft.metric)
            draft.bound = cue.bound if cue and cue.kind == "change" else None
            if previous:
                draft.comparisons.append(Comparison(
                    kind="previous", value=previous[0], unit=q.unit, span=_span(text, previous[1], q.extent.start),
                    rule="comparison: from earlier level"))
            draft.unit, currency = _unit(q, draft.metric, currency, document_currency)
            document_currency = currency or document_currency
            drafts.append(draft)
            draft.end = max(base_end, q.extent.end) if draft.kind != "level" else q.extent.end
            if aside is None or draft.end > aside[1]:
                close = _aside_close(text, draft.end, s_end)
                aside = (draft, close) if close is not None else None
            last, last_end = draft, draft.end
    return [_build(draft) for draft in drafts]


def _comparison_rule(cue: _Cue) -> str:
    return f"comparison: {cue.kind}" + (" base before amount" if cue.base else "")


def _listed_comparison(text: str, last: _Draft, last_end: int, q: Quantity) -> tuple[str, Direction | None] | None:
    """ "đạt 71,2% dự toán tỉnh giao và 64,5% dự toán huyện giao": a percentage listed right after a
    comparison (or a share figure) with a base of its own is a comparison of the same kind."""
    if q.unit != "%" or not _CHAIN_GAP_RE.fullmatch(text, last_end, q.extent.start):
        return None
    if _base(text, q.extent.end, q.extent.end + 80)[0] is None:
        return None
    if last.comparisons and last.comparisons[-1].span.end == last_end and last.comparisons[-1].kind != "previous":
        return last.comparisons[-1].kind, last.comparisons[-1].direction
    if last.kind == "share" and last.quantity.unit == "%":
        return "share", None
    return None


def _kind(q: Quantity, cue: _Cue | None, base: str | None,
          metric: Metric | None) -> tuple[FigureKind, Direction | None, str | None]:
    """What the figure's own number states: a change after a change word, or a growth rate ("Tốc độ
    tăng trưởng kinh tế đạt 6,12%"); a share of a plan when a percentage names its base, or after
    "chiếm"; else a level. A negative growth ("tăng trưởng âm 3%") goes down."""
    growth = q.unit == "%" and metric is not None and _growth_re().search(metric.text) is not None
    if cue is not None and cue.kind == "change":
        direction = cue.direction
        if q.value is not None and q.value < 0 and direction == "up":
            direction = "down"
        return "change", direction, base
    if growth and (cue is None or cue.kind in ("share", "level")) and not (cue and base):
        negative = (q.value is not None and q.value < 0) or (q.low is not None and q.low < 0)
        return "change", "down" if negative else "up", None
    if cue is None or cue.kind != "share" or q.unit != "%":
        return "level", None, None
    if base is not None or cue.text.split()[0] in _cue_words()["share-verb"]:
        return "share", None, base
    return "level", None, None


@cache
def _growth_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(_cue_words()['growth'])})(?!\w)", re.IGNORECASE)


def _unit(q: Quantity, metric: Metric | None, currency: str | None,
          document_currency: str) -> tuple[str | None, str | None]:
    """The figure's unit and the currency carried to the next amount of the same list.

    An amount with a scale word but no unit ("24 tỷ 450 triệu") takes the currency of the amount
    before it in the same list of amounts, or đồng when its metric says it measures money ("thu ngân
    sách"); otherwise it is a count ("Dân số toàn huyện đạt 1,2 triệu"): a unit is never invented."""
    if q.unit is not None:
        return q.unit, (q.unit if q.unit in _currencies() else currency)
    if currency is not None:
        return currency, currency
    if metric is not None and _MONEY_RE().search(metric.text):
        return document_currency, None
    return "count", None


@cache
def _MONEY_RE() -> re.Pattern[str]:  # noqa: N802
    return re.compile(rf"(?<!\w)(?:{alternation(_cue_words()['money'])})(?!\w)", re.IGNORECASE)


def _build(draft: _Draft) -> Figure:
    """Build the Figure from its draft."""
    q = draft.quantity
    rule = "figure: " + q.rule.removeprefix("quantity: ")
    if q.unit is None:
        rule += " (unit carried)" if draft.unit != "count" else " (count: no unit written)"
    return Figure(value=q.value, low=q.low, high=q.high, total=q.total, unit=draft.unit, noun=q.noun, raw=q.raw,
                  span=q.span, estimated=q.estimated or draft.estimated, bound=q.bound or draft.bound,
                  kind=draft.kind, direction=draft.direction, base=draft.base, metric=draft.metric,
                  period=draft.period, comparisons=draft.comparisons, rule=rule)


def figure_warnings(figures: list[Figure], anchor: dt.date | None) -> list[str]:
    """A reported result dated after the document's own date is suspect: say so in ``report.warnings``."""
    if not isinstance(anchor, dt.date):
        return []  # no anchor (or not a date): nothing to compare with
    return [f"figure {f.raw!r} at {f.span.start}: its period {f.period.text!r} starts after the document's date "
            f"{anchor.isoformat()}" for f in figures if f.period and f.period.start and f.period.start > anchor]
