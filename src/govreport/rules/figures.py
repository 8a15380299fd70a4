"""Figures: quantities that measure something, with their metric, period and comparisons.

A quantity becomes a comparison of the figure before it when a comparison word introduces it
("bằng 57,3% kế hoạch năm", "tăng 15,1% so với cùng kỳ 2021") and nothing but a comma, "và" or a
bracket separates it from that figure (or from the figure's previous comparison). Otherwise it is
a figure of its own, "tỷ lệ hộ nghèo còn 2,1%" included. The metric is the clause before the
amount, less its verb, qualifiers and period; the period is the one named in the clause, or the
last one the text set before ("Trong 6 tháng đầu năm 2022, … Thu ngân sách … ước đạt …").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from .. import lexicon
from ..lexicon import alternation
from ..models import Comparison, Figure, Metric, Period, Quantity, Span
from .dates import PeriodMention

__all__ = ["extract_figures"]

_CHAIN_GAP_RE = re.compile(r"[\s,(]{0,6}(?:(?:và|cùng|đồng thời)\s{1,3})?\Z", re.IGNORECASE)
# Between a figure and a comparison that names its base, a few words may stand ("kết nạp 125 đảng
# viên mới, đạt 62,5% chỉ tiêu năm"), but not a clause break.
_LOOSE_GAP_RE = re.compile(r"[^;.!?\n]{0,60}\Z")
_MAX_GAP_WORDS = 5
# Clause breaks: sentence punctuation, semicolons, colons, commas, and list bullets at a line start
# (a spaced hyphen inside a line joins names: "công nghiệp - xây dựng").
_CLAUSE_BREAK_RE = re.compile(r"[.!?]\s|[;:\n,]|(?:^|\n)\s{0,3}[-–•+*]\s")
# A sentence that opens with an estimate ("Ước thực hiện cả năm, …") makes its figures estimates.
_ESTIMATE_LEAD_RE = re.compile(r"\s{0,3}(?:[-–•+*]\s{0,2})?(?:Ước|Dự kiến|Dự tính)(?!\w)")
_BASE_END_RE = re.compile(r"[,;.:()\n]|\s(?:và|nhưng|trong đó|tăng|giảm|bằng|đạt|chiếm)\s", re.IGNORECASE)
_MAX_METRIC_WORDS = 16
_MAX_AFTER_WORDS = 8  # words read after a counted noun or a share: "CCN đã lấp đầy"
_MAX_VERB_WORDS = 2  # words before a count kept in its metric: a verb such as "kết nạp", not a whole clause
_CURRENCIES = ("VND", "USD", "EUR")


@dataclass
class _Draft:
    """A figure being built: comparisons are added while the sentence is read."""

    quantity: Quantity
    metric: Metric | None
    period: Period | None
    comparisons: list[Comparison] = field(default_factory=list)
    estimated: bool = False  # set by the sentence ("Ước thực hiện cả năm, …"), beyond the amount's own words


@cache
def _comparison_words() -> dict[str, str]:
    """Each entry of data/comparisons.yaml as a regex alternation, by id."""
    return {e.id: alternation(e.surfaces) for e in lexicon.load("comparisons")}


@cache
def _cue_re() -> re.Pattern[str]:
    words = _comparison_words()
    return re.compile(
        rf"(?<!\w)(?:(?P<share>{words['share']})|(?P<up>{words['up']})|(?P<down>{words['down']}))\s{{1,3}}\Z",
        re.IGNORECASE,
    )


@cache
def _base_re() -> re.Pattern[str]:
    words = _comparison_words()
    return re.compile(
        rf"\s{{0,3}}(?:(?P<so>{words['compared-with']})\s{{1,3}}(?P<after_so>\S)|(?P<head>{words['base']})(?!\w))",
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


def _cue(text: str, q: Quantity) -> tuple[str, str | None, int] | None:
    """The comparison word right before a quantity: (kind, direction, where it starts)."""
    m = _cue_re().search(text, max(0, q.extent.start - 24), q.extent.start)
    if m is None:
        return None
    if m.group("share"):
        return "share", None, m.start()
    return "change", ("up" if m.group("up") else "down"), m.start()


def _qualifier_cue(text: str, q: Quantity) -> tuple[str, str | None, int] | None:
    """ "vượt 1,2% mục tiêu": the number core read "vượt" as a bound; before a base it is a change."""
    if q.extent.start == q.span.start or q.unit != "%":
        return None
    m = _cue_re().search(text, q.extent.start, q.span.start)
    if m is None or m.start() != q.extent.start or _base(text, q.extent.end, q.extent.end + 80)[0] is None:
        return None
    return ("share", None, m.start()) if m.group("share") else ("change", "up" if m.group("up") else "down", m.start())


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
        len(text[last_end:lead].split()) <= _MAX_GAP_WORDS


def _clause_start(text: str, floor: int, position: int) -> int:
    """The start of the clause that ends at ``position``: after the last break, not before ``floor``."""
    start = floor
    for m in _CLAUSE_BREAK_RE.finditer(text, floor, position):
        start = m.end()
    return start


_WORD_RE = re.compile(r"[^\s,;:()\"“”'‘’.!?…]+(?:[.][^\s,;:()\"“”'‘’.!?…]+){0,3}")  # TP.HCM, not "quả."


def _trim(words: list[re.Match[str]], phrases: frozenset[str], from_end: bool) -> list[re.Match[str]]:
    """Drop phrases of up to four words from one end of ``words`` while they are in ``phrases``."""
    changed = True
    while changed and words:
        changed = False
        for size in (4, 3, 2, 1):
            part = words[-size:] if from_end else words[:size]
            if len(part) == size and " ".join(w.group().lower() for w in part) in phrases:
                words = words[:-size] if from_end else words[size:]
                changed = True
                break
    return words


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
    words = [w for w in _after_speech(list(_WORD_RE.finditer(text, start, end)))
             if not any(span.start <= w.start() < span.end for span in inside)]
    words = _trim(_trim(words, verbs, from_end=True), leads, from_end=False)
    if not words and text[:start].rstrip().endswith(":"):  # "Tổng kinh phí: 1,2 tỷ đồng"
        colon = text.rindex(":", 0, start)
        line = text.rfind("\n", 0, colon) + 1
        return _metric(text, _clause_start(text, line, colon), colon, q, periods, clause_end)
    words = words[-_MAX_METRIC_WORDS:]
    names = [w.group() for w in words]
    if q.noun and q.noun not in " ".join(names).lower():
        names.append(q.noun)
    if not names:
        return None
    span_start = words[0].start() if words else q.span.start
    span_end = q.span.end if q.noun or not words else words[-1].end()
    return Metric(text=" ".join(names), span=Span(start=span_start, end=span_end, text=text[span_start:span_end]))


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


class _PeriodIndex:
    """The periods of a text by position, so each figure finds its own in logarithmic time.

    ``setting[i]`` is the index of the last period at or before ``i`` that sets the context for
    what follows (see :func:`_sets_context`), or -1; computed once, not per figure.
    """

    def __init__(self, text: str, periods: list[PeriodMention]) -> None:
        self.periods = [p for p in periods if p.period.span is not None]
        self.starts = [p.period.span.start for p in self.periods if p.period.span is not None]
        self.setting: list[int] = []
        last = -1
        for i, p in enumerate(self.periods):
            if p.kind == "period" and _sets_context(text, p):
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
        after = next((p for p in self.between(q.extent.end, clause_end) if p.kind == "period"), None)
        if after is not None:
            return after.period
        i = bisect_right(self.starts, q.span.start) - 1
        while i >= 0 and self.starts[i] >= sentence_start:
            if self.periods[i].kind == "period":
                return self.periods[i].period
            i -= 1
        return self.periods[self.setting[i]].period if i >= 0 and self.setting[i] >= 0 else None


def extract_figures(text: str, sentences: list[tuple[int, int]], quantities: list[Quantity],
                    periods: list[PeriodMention]) -> list[Figure]:
    """Turn the quantities of each sentence into figures and the comparisons that belong to them."""
    index = _PeriodIndex(text, periods)
    drafts: list[_Draft] = []
    qi = 0
    for s_start, s_end in sentences:
        last: _Draft | None = None
        last_end = s_start
        estimated_sentence = _ESTIMATE_LEAD_RE.match(text, s_start) is not None
        while qi < len(quantities) and quantities[qi].span.start < s_end:
            q = quantities[qi]
            qi += 1
            cue = _cue(text, q) or _qualifier_cue(text, q)
            next_break = _CLAUSE_BREAK_RE.search(text, q.extent.end, s_end)
            clause_end = next_break.start() if next_break else s_end
            lead = cue[2] if cue else q.extent.start
            base, base_end = _base(text, q.extent.end, s_end) if cue else (None, q.extent.end)
            if cue and last is not None and (cue[0] == "change" or q.unit == "%") and _belongs_to(
                    text, last_end, lead, has_base=base is not None):
                last.comparisons.append(Comparison(
                    kind=cue[0], value=q.value, unit=q.unit, direction=cue[1], base=base,
                    span=Span(start=cue[2], end=max(base_end, q.extent.end),
                              text=text[cue[2]:max(base_end, q.extent.end)]),
                ))
                last_end = max(base_end, q.extent.end)
                continue
            clause = _clause_start(text, max(s_start, last_end), q.extent.start)
            metric_end = cue[2] if cue else q.extent.start
            draft = _Draft(q, _metric(text, clause, max(clause, metric_end), q, index, clause_end),
                           index.period_for(q, s_start, clause_end))
            draft.estimated = estimated_sentence
            drafts.append(draft)
            last, last_end = draft, q.extent.end
    figures, currency = [], "VND"
    for draft in drafts:
        figure = _build(draft, currency)
        currency = figure.unit if draft.quantity.unit in _CURRENCIES and figure.unit else currency
        figures.append(figure)
    return figures


def _build(draft: _Draft, currency: str) -> Figure:
    """Build the Figure; an amount with a scale word but no unit ("24 tỷ 450 triệu") takes the
    currency of the last money figure before it: reports drop "đồng" once the reader knows it."""
    q = draft.quantity
    unit, rule = q.unit, "figure: " + q.rule.removeprefix("quantity: ")
    if unit is None:
        unit, rule = currency, rule + " (unit carried)"
    return Figure(value=q.value, low=q.low, high=q.high, total=q.total, unit=unit, noun=q.noun, raw=q.raw,
                  span=q.span, estimated=q.estimated or draft.estimated, bound=q.bound, metric=draft.metric,
                  period=draft.period, comparisons=draft.comparisons, rule=rule)
