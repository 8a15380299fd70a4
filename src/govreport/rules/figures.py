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
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from .. import lexicon
from ..lexicon import NounEntry, QualifierEntry, TitleEntry, alternation
from ..models import Bound, Comparison, Direction, Figure, FigureKind, Metric, Period, Quantity
from ..numbers import QuantityLike, parse_number
from .comparisons import (
    ASIDE_AFTER_RE,
    CHAIN_GAP_RE,
    LISTED_SHARE_GAP_RE,
    Cue,
    amount_lead_words,
    aside_close,
    aspect_after,
    base_after,
    belongs_to,
    bound_words,
    bracket_share_gap_re,
    comma_led,
    comparison_words,
    cue_set,
    cue_words,
    earlier_level_gap_re,
    find_cue,
    find_multiples,
    multiple_follows,
    plan_pair_re,
    previous_level,
    qualifier_cue,
    second_base,
    share_count_gap_re,
    share_whole_end,
    span_of,
    versus_gap_re,
)
from .dates import PeriodMention
from .figure_periods import PeriodIndex
from .metrics import CLAUSE_BREAK_RE, clause_start, metric_for

__all__ = ["extract_figures", "figure_warnings"]


@cache
def _estimate_lead_re() -> re.Pattern[str]:
    """A sentence that opens with an estimate ("Ước thực hiện cả năm, …") makes its figures estimates."""
    return re.compile(rf"\s{{0,3}}(?:[-–•+*]\s{{0,2}})?(?:{alternation(cue_words()['estimate-lead'])})(?!\w)")


@dataclass
class _Draft:
    """A figure being built: comparisons are added while the sentence is read."""

    quantity: QuantityLike
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
    cued: bool = False  # its kind was written ("tăng 0,55% so với tháng trước"), not read from its metric
    share_word: bool = False  # a share word wrote its number ("chiếm 23,8%"), whatever its kind


def _open_count_re() -> re.Pattern[str]:
    """A whole number and a counted noun of the generated lexicon ("140 thửa đất", "9 sở")."""
    return _open_count_re_cached()


@cache
def _open_count_re_cached() -> re.Pattern[str]:
    # meetings are counted too ("tổ chức 4 hội nghị"), but not "lễ", which begins too many other words
    nouns = [*lexicon.surfaces("counted_nouns"),
             *(s for e in lexicon.load("meeting_kinds") if e.id != "lễ" for s in e.surfaces)]
    # office holders are counted too ("2 Phó Chủ tịch", "3 Phó Thủ tướng"): the titles, in any case
    titles = [s for e in lexicon.entries("titles", TitleEntry) if e.kind != "rank" for s in e.surfaces]
    # "Mẫu số 07 ban hành": a counted noun that begins a longer word of data/not_counted.yaml is not counted
    not_counted = [s for s in lexicon.surfaces("not_counted") if " " in s]
    return re.compile(
        # the lookbehinds follow the first digit, so the scan skips to digits (a lookbehind first is tried everywhere)
        rf"(?P<num>\d(?<![\w.,/]\d)(?<!\D[\-–]\d)(?:\d{{0,2}}(?:\.\d{{3}}){{1,3}}|\d{{0,5}}))(?![\d.,/]\d|[\w/%])"
        rf"\s{{1,2}}(?!(?:{alternation(not_counted)})(?!\w))(?P<noun>{alternation(nouns)}|(?i:{alternation(titles)}))(?!\w)"
    )


@cache
def _all_counted_re() -> re.Pattern[str]:
    """A second counted noun after a comma: "9 sở, ngành", "21 thôn, tổ dân phố"."""
    nouns = [*lexicon.surfaces("counted_nouns"), *(s for s in lexicon.surfaces("nouns") if s == s.lower())]
    # the second noun must end the phrase: "9 sở, ngành." but not "286 dự án, giải pháp"
    return re.compile(rf",\s{{1,2}}(?P<noun>{alternation(nouns)})(?=\s{{0,2}}(?:[,.;:)\n]|\Z|và\s))")


@cache
def _range_words() -> frozenset[str]:
    """The words between the two ends of a range ("từ 2 đến 5 tầng")."""
    return cue_set("range-to")


@cache
def _contexts() -> frozenset[str]:
    return frozenset(s.lower() for s in lexicon.surfaces("contexts"))


@cache
def _bound_before_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<word>{alternation(bound_words())})\s{{1,3}}\Z", re.IGNORECASE)


def _open_bound(text: str, start: int) -> tuple[Bound | None, int]:
    """The bound word right before an open count ("hơn 150 nhà nghiên cứu") and where the count's words start."""
    m = _bound_before_re().search(text, max(0, start - 16), start)
    return (bound_words().get(" ".join(m.group("word").lower().split())), m.start()) if m else (None, start)


@cache
def _range_low_re() -> re.Pattern[str]:
    """The low end of a range before a counted number: "từ 2 đến 5 tầng", "4 - 5 thiết bị", "3-4 chuyên gia"."""
    starts = [s for e in lexicon.entries("qualifiers", QualifierEntry) if e.sets == "range" for s in e.surfaces]
    return re.compile(
        rf"(?:(?<!\w)(?P<from>{alternation(starts)})\s{{1,3}})?(?<![\w.,/\-–])"
        rf"(?P<low>\d{{1,3}}(?:\.\d{{3}}){{1,3}}|\d{{1,6}})\s{{0,2}}(?:[-–—]|(?:{alternation(_range_words())})(?!\w))\s{{0,2}}\Z",
        re.IGNORECASE)


def _open_range(text: str, m: re.Match[str], starts: list[int], i: int) -> tuple[Decimal, int, int] | None:
    """The low end of the range a counted number ends ("từ 2 đến 5 tầng"): its value, where its number
    starts and where its words start; None when the number ends no range, or the low end is no count
    (a year, an article number, a quantity of its own, not below the high end).
    """
    r = _range_low_re().search(text, max(0, m.start() - 30), m.start())
    if r is None or (i >= 0 and starts[i] >= r.start("low")):
        return None
    low, high = parse_number(r.group("low")), parse_number(m.group("num"))
    if low is None or high is None or not low < high or (1900 <= low <= 2100 and "." not in r.group("low")):
        return None
    before = text[max(0, r.start() - 20):r.start()].lower().split()
    if before and (before[-1] in _contexts() or " ".join(before[-2:]) in _contexts()):
        return None
    return low, r.start("low"), r.start()


def _open_counts(text: str, quantities: Sequence[QuantityLike]) -> list[QuantityLike]:
    """Counts of the nouns the number core does not know, from the generated lexicon, where no
    quantity was found; a number after a context word ("Điều 5", "năm 2022") is left alone; a number
    that ends a range ("từ 2 đến 5 tầng") makes a range of counts.
    """
    starts = [q.span.start for q in quantities]
    found: list[QuantityLike] = []
    longer: list[int] = []
    for m in _open_count_re().finditer(text):
        i = bisect_right(starts, m.start()) - 1
        known = quantities[i].noun if i >= 0 and starts[i] == m.start() and quantities[i].unit == "count" else None
        if known and quantities[i].span.end < m.end() and m.group("noun").startswith(known):
            longer.append(i)  # "8 làng nghề": the generated noun is longer than the hand-written "làng"
        elif i >= 0 and quantities[i].span.end > m.start() or (i + 1 < len(starts) and starts[i + 1] < m.end()):
            continue
        noun = " ".join(m.group("noun").lower().split())
        if (low := _open_range(text, m, starts, i)) is not None:
            bound, extent_start = _open_bound(text, low[2])  # "khoảng 4 - 5 tầng"
            found.append(Quantity(
                low=low[0], high=parse_number(m.group("num")), unit="count", noun=noun, raw=text[low[1]:m.end()],
                span=span_of(text, low[1], m.end()), extent=span_of(text, extent_start, m.end()), bound=bound,
                rule="quantity: range counted noun (generated lexicon)"))
            continue
        before = text[max(0, m.start() - 20):m.start()].lower().split()
        if before and (before[-1] in _contexts() or " ".join(before[-2:]) in _contexts() or before[-1][-1] in "-–"
                       or (len(before) > 1 and before[-1] in _range_words() and before[-2][-1].isdigit())):
            continue  # "Điều 5", "năm 2022", the end of "2020 - 2025" or of "từ 2 đến 5 tầng"
        value = parse_number(m.group("num"))
        if value is None or (1900 <= value <= 2100 and "." not in m.group("num")):
            continue  # a year before a noun ("2025 tổ chức"), not a count
        bound, extent_start = _open_bound(text, m.start())
        found.append(Quantity(
            value=value, unit="count", noun=noun, raw=m.group(), span=span_of(text, m.start(), m.end()),
            extent=span_of(text, extent_start, m.end()), bound=bound,
            rule="quantity: digits counted noun (generated lexicon)"))
    if longer:
        quantities = [q for i, q in enumerate(quantities) if i not in set(longer)]
    return sorted([*quantities, *found], key=lambda q: q.span.start) if found else list(quantities)


@cache
def _named_count_re(carried: bool = False) -> re.Pattern[str]:
    """A bare whole number that counts the noun its clause named first: "Số người ứng cử là 6.900"; ``carried``:
    the next clause of such a count, which names no noun and counts the same ("…, số đã kê khai là 7.870").
    """
    words = cue_words()
    nouns = [*lexicon.surfaces("counted_nouns"), *(s for s in lexicon.surfaces("nouns") if s == s.lower())]
    refused = [f"{s} {w}" for e in lexicon.entries("nouns", NounEntry) for s in e.surfaces for w in e.not_before]
    signs = [*words['number-sign'], *words['named-count-lead']]
    sign = rf"(?:{alternation(signs)})\s{{1,2}}"  # "số"
    return re.compile(
        (rf"(?:,\s{{1,3}}(?:(?:{alternation(words['list-join'])})\s{{1,3}})?"  # ", và" / ","
         rf"|\s{{1,3}}(?:{alternation(words['list-join'])})\s{{1,3}})" + sign if carried  # " và"
         else lexicon.scan_alternation(signs, word_start=True) + r"\s{1,2}")  # "số" at a word start, a class first
        + (r"(?P<noun>)(?P<gap>[^\n.,;:!?()\[\]\d]{1,60}?)" if carried else  # " đã kê khai"
           rf"(?!(?:{alternation(refused)})(?!\w))(?P<noun>{alternation(nouns)})(?!\w)"  # "người", not "lượt xem"
           r"(?P<gap>[^\n.,;:!?()\[\]]{0,80}?)")  # " ứng cử năm 2021": no comma; no quantity (checked)
        + rf"(?:\s(?:{alternation(words['value-verb'])})"  # " là", " đạt"
        rf"|\s?(?:{alternation(words['named-count-link'])}))\s{{1,2}}"  # ":"
        rf"(?:(?:{alternation(bound_words())})\s{{1,3}})?"  # "khoảng "
        r"(?P<num>\d{1,3}(?:\.\d{3}){1,3}|\d{1,6})(?![\d.,/]\d|[\w/%])"  # "6.900"
        rf"(?!\s{{0,2}}(?!(?:{alternation(words['list-join'])})\s)[\w%])",  # no unit or noun after, "và" may follow
        re.IGNORECASE)


def _named_counts(text: str, quantities: Sequence[QuantityLike]) -> list[QuantityLike]:
    """Counts whose noun comes before the number ("Số đại biểu được bầu là 23.515"), where no quantity was found,
    and the counts of the same noun in the clauses that follow one ("…, số đã kê khai là 7.870").
    """
    taken = [(q.extent.start, q.extent.end) for q in quantities]
    vague = frozenset(cue_words()["vague-sign"])
    found: list[QuantityLike] = []
    for first in _named_count_re().finditer(text):
        if text[max(0, first.start() - 8):first.start()].lower().split()[-1:] in ([w] for w in vague):
            continue  # "một số nội dung: …" is "some"
        noun = " ".join(first.group("noun").lower().split())
        m: re.Match[str] | None = first
        while m is not None and not any(f" {m.group('gap').lower()}".endswith(f" {w}")
                                        for w in cue_words()["rule-obligation"]):  # "phải là 2": a rule
            start, end = m.start("num"), m.end("num")
            value = parse_number(m.group("num"))
            if value is None or any(a < end and m.start() < b for a, b in taken) or \
                    (1900 <= value <= 2100 and "." not in m.group("num")):
                break  # read already, an amount between noun and number, or a year ("Số khóa học là 2024")
            bound, extent_start = _open_bound(text, start)
            found.append(Quantity(
                value=value, unit="count", noun=noun, raw=m.group("num"), span=span_of(text, start, end),
                extent=span_of(text, extent_start, end), bound=bound,
                rule="quantity: bare number counting the noun named before it"))
            m = _named_count_re(carried=True).match(text, end)
    return sorted([*quantities, *found], key=lambda q: q.span.start) if found else list(quantities)


def _title_case(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower()) and word.isalpha()


def _in_place_name(text: str, q: QuantityLike) -> bool:
    """ "Thôn Tân Ốc 2 xã Lương Minh": a number that ends a name (two title-case words before it) and is
    followed by a noun and another name is part of an address, not a count of communes.
    """
    if q.unit != "count" or q.span.start != q.extent.start:
        return False
    before = text[max(0, q.span.start - 30):q.span.start].split()[-2:]
    after = text[q.span.end:q.span.end + 30].split()[:1]
    return len(before) == 2 and all(map(_title_case, before)) and bool(after) and _title_case(after[0])


def _numbered(text: str, q: QuantityLike) -> bool:
    """ "Mẫu số 07 ban hành kèm theo", "khu vực bầu cử số 1 phường Hàng Bài": a count right after the number
    sign is a name's number, unless the sign and the word before it make an amount ("tổng số 425 doanh nghiệp").
    """
    if q.unit != "count" or q.span.start != q.extent.start:
        return False
    before = text[max(0, q.span.start - 30):q.span.start].lower().split()[-3:]
    words = cue_words()
    if len(before) >= 2 and before[-1] in words["number-sign"] and \
            " ".join(before[-2:]) not in words["number-sign-amount"]:
        return True
    return _address_number(text, q, before)


def _address_number(text: str, q: QuantityLike, before: list[str]) -> bool:
    """ "tổ dân phố 11 phường Hàng Bài", "khu phố 3 phường 7": a number after an address word of
    data/figure_cues.yaml numbers that place, when the noun after it is followed by a name or a number; a count
    of the places ("mỗi huyện 2 xã đạt chuẩn") goes on with a lower-case word.
    """
    labels = cue_words()["address-label"]
    if not q.noun or not any(" ".join(before[-n:]) in labels for n in (1, 2, 3) if len(before) >= n):
        return False
    noun_inside = q.span.text.lower().endswith(q.noun.lower())  # "3 phường": the span holds the noun
    after = text[q.span.end:q.span.end + 60].split()[0 if noun_inside else len(q.noun.split()):][:1]
    return bool(after) and (after[0][:1].isupper() or after[0][:1].isdigit())


@cache
def _listed_article_re() -> re.Pattern[str]:
    """ "Điều 54, 55 " / "Điều 12 và 13 ": an article number, then a list of numbers up to the one that follows."""
    articles = [s for e in lexicon.load("contexts") if e.id == "article" for s in e.surfaces]
    join = rf"\s{{0,2}}(?:,|(?:{alternation(cue_words()['list-join'])})(?!\w))\s{{1,2}}"
    return re.compile(rf"(?<!\w)(?:{alternation(articles)})\s{{1,2}}\d{{1,4}}(?:{join}\d{{1,4}})*{join}\Z",
                      re.IGNORECASE)


def _listed_article(text: str, q: QuantityLike) -> bool:
    """Is the count the next number of a list of articles before a document's name ("Điều 54, 55 Luật Bầu
    cử")? Before a lower-case noun it is a count after a lead-in ("Theo Điều 5, 12 hộ được hỗ trợ").
    """
    if q.unit != "count" or q.span.start != q.extent.start or not next(
            (c for c in q.raw if c.isalpha()), "").isupper():
        return False
    return _listed_article_re().search(text, max(0, q.span.start - 60), q.span.start) is not None


# "Tỷ lệ = Số việc hoàn thành / Số việc được giao x 100%": a factor of a formula, not a measurement
_FORMULA_BEFORE_RE = re.compile(r"(?<![\w.,])[x×]\s{0,2}\Z")
_FORMULA_AFTER_RE = re.compile(r"\s{0,2}[x×]\s{0,2}\d")


def _in_formula(text: str, q: QuantityLike) -> bool:
    """Is the quantity multiplied in a formula ("x 100%", "100% x 5")?"""
    extent = q.extent
    return _FORMULA_BEFORE_RE.search(text, max(0, extent.start - 4), extent.start) is not None or \
        _FORMULA_AFTER_RE.match(text, extent.end) is not None


def _with_listed_noun(text: str, q: QuantityLike) -> QuantityLike:
    """ "9 sở, ngành": a count of a coordinated pair of nouns is one count of both."""
    if q.unit != "count" or q.noun is None:
        return q
    m = _all_counted_re().match(text, q.span.end)
    if m is None or m.group("noun").lower().startswith(q.noun.lower()):
        return q  # "02 tác giả, tác giả chính …": the same noun again starts a new phrase
    end = m.end()
    return q.model_copy(update={"noun": f"{q.noun}, {m.group('noun')}", "raw": text[q.span.start:end],
                                "span": span_of(text, q.span.start, end),
                                "extent": span_of(text, q.extent.start, max(end, q.extent.end))})


def extract_figures(text: str, sentences: list[tuple[int, int]], quantities: Sequence[QuantityLike],
                    periods: list[PeriodMention]) -> list[Figure]:
    """Turn the quantities of each sentence into figures and the comparisons that belong to them."""
    index = PeriodIndex(text, periods)
    sentences = _joined_lines(text, sentences)
    quantities = _named_counts(text, _open_counts(text, quantities))
    multiples = {m.quantity.span.start: m for m in find_multiples(text)}
    if multiples:  # "gấp 1,7 lần": an amount of unit "lần" the number core does not read
        taken = [(m.quantity.span.start, m.quantity.span.end) for m in multiples.values()]
        quantities = sorted([q for q in quantities if not any(a < q.span.end and q.span.start < b for a, b in taken)]
                            + [m.quantity for m in multiples.values()], key=lambda q: q.span.start)
    drafts: list[_Draft] = []
    qi = 0
    document_currency = "VND"
    for s_start, s_end in sentences:
        last: _Draft | None = None
        last_end = s_start
        before: QuantityLike | None = None
        aside: tuple[_Draft, int] | None = None  # a figure followed by a bracket, and where it closes
        currency: str | None = None  # carried only within this sentence's list of amounts
        estimated_sentence = _estimate_lead_re().match(text, s_start) is not None
        sentence_base: str | None = None  # "So với cùng kỳ năm trước, tăng …": the base of the sentence's changes
        while qi < len(quantities) and quantities[qi].span.start < s_end:
            q = _with_listed_noun(text, quantities[qi])
            qi += 1
            if q.span.start < last_end or _in_place_name(text, q) or _in_formula(text, q) or _numbered(text, q) or \
                    _listed_article(text, q) or _across_lines(q) or _scoring_threshold(text, q) or \
                    _required_threshold(text, q) or _class_bound(text, q) or _CODE_RE.fullmatch(q.raw) or \
                    _bracketed_plan(text, q):
                continue  # inside a comparison or a listed noun already read, a name's number, a formula
            if _counted_class(text, q, before):
                if last is not None and last.quantity is before and last.end == last_end:
                    last_end = last.end = q.extent.end  # "31 mặt hàng đạt … trên 1 tỷ USD, chiếm 92%": its share
                continue
            prev_q, before = before, q
            next_break = CLAUSE_BREAK_RE.search(text, q.extent.end, s_end)
            clause_end = next_break.start() if next_break else s_end
            multiple = multiples.get(q.span.start) if q.unit == "lần" else None
            previous = None if multiple else previous_level(text, q, prev_q, max(
                s_start, last_end if last is None or last.quantity is not prev_q else s_start))
            if previous is not None and last is not None and last.quantity is prev_q and \
                    prev_q is not None and prev_q.span.start >= previous[1]:
                drafts.pop()  # "từ 2,4% xuống còn 1,85%": the first number is the earlier level
                last = drafts[-1] if drafts and drafts[-1].sentence == s_start else None
                last_end = last.end if last is not None else s_start
            cue = multiple.cue if multiple else None if previous else find_cue(text, q, s_start)
            if cue is None and not previous and (cue := qualifier_cue(text, q)) is not None and \
                    cue.text in bound_words():  # "vượt 20 tỷ đồng so với dự toán": the change word, no bound
                q = before = q.model_copy(update={"bound": None})
            lead = previous[1] if previous else cue.start if cue else q.extent.start
            base: str | None
            if cue and cue.base is not None:
                base, base_end = cue.base, q.extent.end
            elif cue and cue.kind != "level":
                base, base_end = base_after(text, q.extent.end, s_end)
            else:
                base, base_end = None, q.extent.end
            if multiple is not None:
                base, base_end = multiple.base, min(multiple.end, s_end)
                if last is not None and last.unit != "lần" and multiple_follows(text, last_end, lead):
                    last.comparisons.append(Comparison(  # "6.900 người, gấp 1,78 lần số được bầu"
                        kind=multiple.cue.kind, value=q.value, unit="lần", direction=multiple.cue.direction,  # type: ignore[arg-type]
                        base=base, bound=q.bound, span=span_of(text, lead, base_end), rule="comparison: multiple"))
                    last_end = last.end = base_end
                    continue
            aspect = aspect_after(text, q.extent.end) if cue and cue.kind == "change" and base is None else None
            if aspect is not None:  # "tăng 52,3% về số vốn đăng ký so cùng kỳ": the base follows the aspect
                base, base_end = base_after(text, aspect[1], s_end)
                base_end = max(base_end, aspect[1])
            lead_base = _versus_lead_re().fullmatch(text, last_end, cue.start) if cue is not None else None
            named = _named_before(drafts, s_start, aspect[0]) \
                if last is None and aspect is not None and lead_base is not None else None
            if named is not None and cue is not None and lead_base is not None:  # "So với cùng kỳ, tăng 60,5% về số DN"
                end = max(base_end, q.extent.end)
                sentence_base = base or sentence_base or lead_base.group("base")
                named.comparisons.append(Comparison(
                    kind=cue.kind, value=q.value, unit=q.unit, direction=cue.direction,  # type: ignore[arg-type]
                    base=sentence_base, bound=q.bound or cue.bound, span=span_of(text, cue.start, end),
                    rule="comparison: aspect of a figure of the sentence before"))
                last_end = end
                continue
            if last is not None and _earlier_level(text, last, last_end, q, cue):
                end = _past_bracket(text, q.extent.end, s_end)
                last.comparisons.append(Comparison(
                    kind="previous", value=q.value, unit=q.unit, span=span_of(text, last_end, end),
                    rule="comparison: earlier level after the figure"))
                last_end = last.end = end
                continue
            if last is not None and (cue is None or cue.kind == "share") and \
                    _bracketed_share(text, last, last_end, q, lead):
                end = _past_bracket(text, q.extent.end, s_end)  # "23 cán bộ nữ (11,16%)": its share
                change = _bracketed_change(last)
                last.comparisons.append(Comparison(
                    kind="share", value=q.value, unit=q.unit, span=span_of(text, lead, end),
                    rule="comparison: share in brackets") if change is None else Comparison(
                    kind="change", value=q.value, unit=q.unit, direction=change[0], base=change[1],
                    span=span_of(text, lead, end), rule="comparison: rate of a change in brackets"))
                last_end = last.end = end
                continue
            second = _second_base_comparison(text, last, last_end, q) if cue is None and last is not None else None
            if second is not None and last is not None:  # "…, so với kế hoạch cũ 0,9%": the same comparison again
                last.comparisons.append(second)
                last_end = last.end = q.extent.end
                continue
            after_aside = aside is not None and cue is not None and cue.kind != "level" and \
                aside[1] <= lead and ASIDE_AFTER_RE.fullmatch(text, aside[1], lead) is not None
            if after_aside and aside is not None:
                last, last_end = aside[0], aside[0].end  # the comparison of the figure before the bracket
            written = cue is not None and cue.kind != "level"
            listed = last is not None and _listed_comparison(text, last, last_end, q)
            if last is not None and cue is None and listed:
                cue = Cue(listed[0], listed[1], q.extent.start)
                base, base_end = base_after(text, q.extent.end, s_end)
            listing = _respective_list(text, q, quantities, qi, s_end) if cue and _respectively(cue) else []
            same = _in_sentence(drafts, s_start)
            if cue and last is not None and 1 < len(listing) <= len(same) and \
                    (CHAIN_GAP_RE.fullmatch(text, last_end, lead) or comma_led(text, last_end, lead)):
                base, base_end = base_after(text, listing[-1].extent.end, s_end)  # "giảm lần lượt 7,7% và 3,2%"
                for target, item in zip(same[-len(listing):], listing, strict=True):
                    target.comparisons.append(Comparison(
                        kind=cue.kind, value=item.value, unit=item.unit, direction=cue.direction,  # type: ignore[arg-type]
                        base=base, bound=item.bound, rule="comparison: respectively",
                        span=span_of(text, cue.start if item is q else item.extent.start, item.extent.end)))
                qi += len(listing) - 1
                last_end = last.end = max(base_end, listing[-1].extent.end)
                continue
            if cue and cue.kind != "level" and last is not None and (cue.kind != "share" or q.unit == "%") and \
                    last.unit != "lần" and not _placed_count(text, last, last_end, lead) and \
                    not (written and _second_statement(text[last_end:lead], last, cue, base, q)) and \
                    not _coordinated_statement(text[last_end:lead], last, cue):
                pair = plan_pair_re().match(text, last_end, lead)
                if pair is not None or after_aside or (last.kind == "level" and comma_led(text, last_end, lead)) or \
                        belongs_to(text, last_end, lead, has_base=base is not None) or \
                        _share_verb_after(text, last, last_end, lead, cue, q) or \
                        _comparative_after_semicolon(text, last_end, lead, cue):
                    end = max(base_end, q.extent.end)
                    if cue.kind == "share" and base is None and q.unit == "%":
                        end = share_whole_end(text, end, s_end)  # "chiếm 12% dân số cả nước"
                    comparison = Comparison(
                        kind=cue.kind, value=q.value, unit=q.unit, direction=cue.direction,  # type: ignore[arg-type]
                        base=base or (" ".join(pair.group("base").split()) if pair else None),
                        bound=q.bound or cue.bound, span=span_of(text, cue.start, end), rule=_comparison_rule(cue))
                    for target in _comparison_targets(text, drafts, s_start, last, aspect, cue, q):
                        target.comparisons.append(comparison)
                    last_end = last.end = end
                    continue
            share_of = _share_before_count(text, last, last_end, q) if cue is None or cue.kind == "share" else None
            share_of = share_of or _change_before_amount(text, last, last_end, q)
            if share_of is not None:  # "chiếm 23,8% (với 918 người)", "tăng 17,7%, đạt 114 triệu USD": the amount
                drafts.pop()
            metric_end = previous[1] if previous else cue.start if cue else q.extent.start
            clause = clause_start(text, max(s_start, last_end), metric_end)
            draft = _Draft(q, metric_for(text, clause, max(clause, metric_end), q, index, clause_end),
                           index.period_for(q, s_start, clause_end), sentence=s_start)
            draft.estimated = estimated_sentence
            draft.kind, draft.direction, draft.base = _kind(q, cue, base, _stated_before(text, draft.metric, q))
            if cue is None and not previous and draft.kind == "level" and \
                    (led := _led_change(text, draft.metric, q)) is not None:
                draft.kind, draft.direction = "change", led  # "…, tăng tổng kim ngạch 10,4%"
            draft.bound = cue.bound if cue and cue.kind == "change" else None
            if previous:
                draft.comparisons.append(Comparison(
                    kind="previous", value=previous[0], unit=q.unit, span=span_of(text, previous[1], q.extent.start),
                    rule="comparison: from earlier level"))
            if share_of is not None:
                _adopt_written_before(text, draft, share_of, q)
                base_end = _past_bracket(text, q.extent.end, s_end)
            draft.unit, currency = _unit(q, draft.metric, currency, document_currency)
            document_currency = currency or document_currency
            drafts.append(draft)
            draft.end = max(base_end, q.extent.end) if draft.kind != "level" or share_of else q.extent.end
            draft.cued = cue is not None and cue.kind == draft.kind
            draft.share_word = cue is not None and cue.kind == "share"
            if aside is None or draft.end > aside[1]:
                close = aside_close(text, draft.end, s_end)
                aside = (draft, close) if close is not None else None
            last, last_end = draft, draft.end
    _share_bases(drafts)
    return [_build(draft) for draft in _without_boilerplate(text, drafts)]


# A line that ends in a word or a comma and a next line that goes on in lower case, or with an amount that is no
# list number ("…, tăng⏎84% so với cùng kỳ", "574.341 tấn,⏎đạt 45,2%"): a text wrapped at a fixed width
_WRAP_RE = re.compile(r"(?:[^\W\d]|,)[^\S\n]{0,3}\n[^\S\n]{0,3}(?=[a-zà-ỹđ]|\d(?:[\d.,]{0,20}\d)?(?:%|\s[^\W\d]))")


def _joined_lines(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, with those that a wrapped line cut in two joined again (see ``_WRAP_RE``)."""
    joined: list[tuple[int, int]] = []
    for start, end in sentences:
        wrap = _WRAP_RE.match(text, max(joined[-1][1] - 1, joined[-1][0])) if joined else None
        if wrap is not None and wrap.end() == start:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _share_bases(drafts: list[_Draft]) -> None:
    """ "đàn trâu giảm 0,1%, đàn bò tăng 2,3% so với cùng kỳ năm trước; đàn lợn tăng 4%": a list of written
    changes in one sentence shares the base written once: the next one's, else the first one's.
    """
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.kind == "change" and d.cued and d.unit == "%":  # rates, not "thêm 4 xã"
            by_sentence.setdefault(d.sentence, []).append(d)
    for changes in by_sentence.values():
        for i, draft in enumerate(changes):
            if draft.base is None:
                later = (d.base for d in changes[i + 1:] if d.base is not None)
                earlier = (d.base for d in changes[:i] if d.base is not None)
                draft.base = next(later, None) or next(earlier, None)


# A form repeats its statements row by row ("Chỉ có 01 quốc tịch là quốc tịch Việt Nam …" for each
# candidate of a list); a report states an amount once. The clause around a figure, written word for word
# this many times in one document, is a form's boilerplate, not a reported amount.
_BOILERPLATE_REPEATS = 3
_BOILERPLATE_BEFORE, _BOILERPLATE_AFTER, _BOILERPLATE_WORDS = 24, 120, 10  # characters before, after; words after
_CELL_END_RE = re.compile(r"[;\n]|\.(?!\d)")  # the end of a clause or a cell; "1.250" goes on


def _boilerplate_key(text: str, q: QuantityLike) -> str:
    """The figure with the words around it, from the start of its clause or cell at most (after a
    punctuation mark or a line break), case and spacing folded.
    """
    at, end = q.span.start, q.span.end  # read once: a quantity's span is built on read
    start = max(0, at - _BOILERPLATE_BEFORE)
    start = max(start, *(text.rfind(mark, start, at) + 1 for mark in ";:,.\n"))
    stop = _CELL_END_RE.search(text, end, end + _BOILERPLATE_AFTER)
    after = text[end:stop.start() if stop else end + _BOILERPLATE_AFTER].lower().split()
    return " ".join([*text[start:end].lower().split(), *after[:_BOILERPLATE_WORDS]])


def _without_boilerplate(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """The drafts less those whose clause a form repeats (see ``_BOILERPLATE_REPEATS``)."""
    keys = [_boilerplate_key(text, d.quantity) for d in drafts]
    repeats = Counter(keys)
    if not repeats or max(repeats.values()) < _BOILERPLATE_REPEATS:
        return drafts
    return [d for d, key in zip(drafts, keys, strict=True) if repeats[key] < _BOILERPLATE_REPEATS]


def _respectively(cue: Cue) -> bool:
    """Does the comparison word say "respectively" ("giảm lần lượt", "lần lượt đạt")?"""
    return any(w in cue.text for w in cue_words()["respectively"])


def _respective_list(text: str, q: QuantityLike, quantities: Sequence[QuantityLike], qi: int,
                     s_end: int) -> list[QuantityLike]:
    """ "lần lượt 7,7% và 3,2%": ``q`` and the amounts of its unit listed right after it."""
    items = [q]
    while qi < len(quantities) and quantities[qi].span.start < s_end and quantities[qi].unit == q.unit and \
            CHAIN_GAP_RE.fullmatch(text, items[-1].extent.end, quantities[qi].extent.start):
        items.append(quantities[qi])
        qi += 1
    return items


def _past_bracket(text: str, end: int, limit: int) -> int:
    """After the ")" that closes right after ``end``, if one does ("(cùng kỳ năm trước tăng 7,34%)")."""
    m = _CLOSE_RE.match(text, end, limit)
    return m.end() if m else end


_CLOSE_RE = re.compile(r"\s{0,2}\)")


@cache
def _bracketed_plan_re() -> re.Pattern[str]:
    """An opening bracket, a plan word and at most four words or a year before the amount ("(kế hoạch năm 2024 là")."""
    words = cue_words()
    plan = alternation([*words["plan-base"], *words["target-lead"], *words["plan-short"]])
    return re.compile(rf"\(\s{{0,2}}(?:{plan})(?!\w)"  # (kế hoạch
                      r"(?:\s{1,2}(?:[^\W\d]{1,8}|\d{4})){0,4}\s{0,2}:?\s{0,2}\Z",  # năm 2024 là
                      re.IGNORECASE)


def _bracketed_plan(text: str, q: QuantityLike) -> bool:
    """Is the amount the plan value a bracket writes beside a result ("tăng 5,69% so với cùng kỳ (kế hoạch là 4%)",
    "đạt 4.210 ha (KH: 4.150 ha)")? A plan value in a pair is neither a figure nor a comparison (annotation guide).
    """
    return _CLOSE_RE.match(text, q.extent.end) is not None and \
        _bracketed_plan_re().search(text, max(0, q.extent.start - 40), q.extent.start) is not None


def _earlier_level(text: str, last: _Draft, last_end: int, q: QuantityLike, cue: Cue | None) -> bool:
    """Is ``q`` the earlier level of the figure before it? "tăng 7,37% (cùng kỳ năm trước tăng 7,34%)",
    "mức 5,73% trong khi cùng kỳ năm ngoái chỉ tăng 5,65%" (the same change, of an earlier period), or
    "(6,13% so với 5,15%)" (an amount compared with one of its unit).
    """
    if last.end != last_end or q.unit != last.quantity.unit or last.quantity.value is None:
        return False
    if cue is None:
        return versus_gap_re().fullmatch(text, last_end, q.extent.start) is not None
    return cue.kind == "change" and q.unit == "%" and \
        earlier_level_gap_re().fullmatch(text, last_end, cue.start) is not None


def _bracketed_share(text: str, last: _Draft, last_end: int, q: QuantityLike, lead: int) -> bool:
    """ "13 người (6,3%)", "96 tỷ đồng (chiếm 59,4%)": a bracket that holds only a percentage, a few words
    after a count or an amount, is the share that figure makes of its whole.
    """
    return q.unit == "%" and q.value is not None and last.unit != "%" and last.end == last_end and \
        bracket_share_gap_re().fullmatch(text, last_end, lead) is not None and \
        _CLOSE_RE.match(text, q.extent.end) is not None


# Between a placed count and the change of the phrase that holds it: at most two words, no clause mark ("… này")
_WORD_GAP_RE = re.compile(r"\s{1,3}(?:[^\W\d]{1,8}\s{1,3}){0,2}")


def _count_context_re() -> re.Pattern[str]:
    """A count-context word right before a count ("của 3 ngành", "tại 18 huyện")."""
    return _cue_word_before_re("count-context")


def _placed_count(text: str, last: _Draft, last_end: int, lead: int) -> bool:
    """Is the figure before a change a count that only places the subject ("giá trị tăng thêm của 3 ngành này tăng
    trên 11%")? With no comma and at most two words between, the change is of the phrase that holds the count: a
    figure of its own.
    """
    count = last.quantity
    return count.unit == "count" and not last.comparisons and \
        _WORD_GAP_RE.fullmatch(text, last_end, lead) is not None and \
        _count_context_re().search(text, max(0, count.extent.start - 12), count.extent.start) is not None


def _second_base_comparison(text: str, last: _Draft, last_end: int, q: QuantityLike) -> Comparison | None:
    """The comparison an amount makes when only a second base leads it, right after a comparison of the same unit
    ("thấp hơn so với kế hoạch điều chỉnh 3,8%, so với kế hoạch cũ 0,9%"): the same kind and direction, its own base.
    """
    if not last.comparisons or last.end != last_end:
        return None
    previous = last.comparisons[-1]
    if previous.kind not in ("change", "share") or previous.unit != q.unit or previous.span.end != last_end:
        return None
    found = second_base(text, last_end, q.extent.start)
    if found is None:
        return None
    return Comparison(kind=previous.kind, value=q.value, unit=q.unit, direction=previous.direction, base=found[0],
                      bound=q.bound, span=span_of(text, found[1], q.extent.end), rule="comparison: second base")


def _bracketed_change(last: _Draft) -> tuple[Direction | None, str | None] | None:
    """The direction and base of the change a bracketed percentage restates as a rate ("tăng 4,08 tỷ USD (13,2%)",
    "số hộ nghèo giảm 120 hộ (2,1%)"): the last comparison of the figure when it is a change of an amount, or the
    figure itself when its own number is such a change; None when the bracket holds a share.
    """
    if last.comparisons:
        previous = last.comparisons[-1]
        if previous.kind == "change" and previous.unit != "%" and previous.span.end == last.end:
            return previous.direction, previous.base
        return None
    if last.kind == "change" and last.cued and last.quantity.unit != "%":
        return last.direction, last.base
    return None


def _second_statement(gap: str, last: _Draft, cue: Cue, base: str | None, q: QuantityLike) -> bool:
    """ "CPI tăng 0,55% so với tháng trước, tăng 3,52% so với cùng kỳ": a rate whose own number is a written
    change (or share) with its base, followed by another of the same kind with a base of its own, is a
    second figure, not a comparison of the first ("đạt gần 30% kế hoạch … và đạt 26% dự toán"); so is
    one with a subject of its own ("công nghiệp tăng 9,4%, dịch vụ tăng 6,8% so với cùng kỳ").
    """
    if not (last.cued and cue.kind == last.kind and q.unit == "%" and last.quantity.unit == "%") or \
            (cue.base is None and any(cue.text.startswith(w) for w in cue_words()["comparative"])):
        return False  # "…, thấp hơn 0,5% so với kế hoạch" compares the rate before it
    return (last.base is not None and base is not None) or CHAIN_GAP_RE.fullmatch(gap) is None


def _coordinated_statement(gap: str, last: _Draft, cue: Cue) -> bool:
    """ "khối lượng thực hiện 177 tỷ đồng, đạt 100,9% kế hoạch| và thực hiện giải ngân |đạt 100% kế hoạch": after
    a figure that has its comparison of this kind already, "và" and a subject of its own open a second statement.
    """
    return _COORDINATED_SUBJECT_RE.fullmatch(gap) is not None and any(c.kind == cue.kind for c in last.comparisons)


_COORDINATED_SUBJECT_RE = re.compile(r"\s{0,3},?\s{0,3}và(?:\s{1,3}[^\W\d]+){2,8}\s{1,3}", re.IGNORECASE)


def _in_sentence(drafts: list[_Draft], sentence: int) -> list[_Draft]:
    """The drafts of one sentence: the last ones, as drafts are made in text order (a walk back, not a scan)."""
    k = len(drafts)
    while k > 0 and drafts[k - 1].sentence == sentence:
        k -= 1
    return drafts[k:]


def _comparison_targets(text: str, drafts: list[_Draft], sentence: int, last: _Draft,
                        aspect: tuple[str, int] | None, cue: Cue, q: QuantityLike) -> list[_Draft]:
    """The figures a comparison belongs to: the one its aspect names ("tăng 8,1% về số doanh nghiệp"),
    or the last one of its unit ("12 dự án với tổng vốn 3.400 tỷ đồng, tăng 4 dự án"), else the last
    one, with the amount coordinated before it ("520.000 lượt khách quốc tế và 1.800.000
    khách nội địa, tăng gần 20%").
    """
    same = _in_sentence(drafts, sentence)
    if aspect is not None:
        named = [d for d in same if _names(d, aspect[0])]
        return named[-1:] or [last]
    if q.unit not in (None, "%") and last.unit != q.unit:  # "12 dự án với tổng vốn 3.400 tỷ đồng, tăng 4 dự án"
        alike = [d for d in same if d.unit == q.unit and (q.unit != "count" or d.quantity.noun == q.noun)]
        return alike[-1:] or [last]
    if cue.kind != "change" or q.unit != "%" or len(same) < 2 or same[-1] is not last:
        return [last]
    first = same[-2]
    if first.comparisons or last.comparisons or first.kind != "level" or last.kind != "level" or \
            first.unit != last.unit or not _COORDINATED_RE.fullmatch(text, first.end, last.quantity.extent.start):
        return [last]
    return [first, last]


_COORDINATED_RE = re.compile(r"(?:\s{1,3}[^\W\d]+){0,4}\s{1,3}và\s{1,3}")


def _names(draft: _Draft, aspect: str) -> bool:
    """Does the aspect of a change ("số vốn đăng ký", "doanh nghiệp") name this figure's noun or metric?
    An abbreviated noun names the aspect written in full and back ("91,2 nghìn DN …, tăng 11,8% về số doanh
    nghiệp"): nouns.yaml writes the full form in the id of an abbreviation ("doanh nghiệp (DN)").
    """
    noun = (draft.quantity.noun or "").lower()
    nouns = {noun, *_noun_forms().get(noun, ())} - {""}
    words = " ".join(filter(None, [*nouns, draft.metric.text if draft.metric else None])).lower()
    return bool(words) and (aspect in words or any(n in aspect for n in nouns))


@cache
def _versus_lead_re() -> re.Pattern[str]:
    """What may open a sentence of changes of the figures before, or stand between two of them: nothing, a comma or
    "và", or "So với <base>," ("So với cùng kỳ năm trước, |tăng 60,5% về số DN|, |tăng 21,2% về số vốn"); a
    subject there would make the change a figure of its own.
    """
    return re.compile(
        rf"[\s,]{{0,4}}(?:và\s{{1,3}})?"  # , và
        rf"(?:(?:{comparison_words()['compared-with']})\s{{1,3}}"  # So với
        r"(?P<base>[^\W\d][^\d,;:.!?\n]{0,40}),\s{1,3})?",  # cùng kỳ năm trước,
        re.IGNORECASE)


def _named_before(drafts: list[_Draft], sentence: int, aspect: str) -> _Draft | None:
    """The figure of the sentence before that a change's aspect names, when the change opens a sentence of its
    own ("… 24,4 nghìn DN thành lập mới với số vốn đăng ký 176,8 nghìn tỷ đồng. So với cùng kỳ năm trước, tăng
    60,5% về số DN, tăng 21,2% về số vốn đăng ký"). Only a figure of unit other than "%" is named so.
    """
    if not drafts or drafts[-1].sentence >= sentence:
        return None
    named = [d for d in _in_sentence(drafts, drafts[-1].sentence) if d.unit != "%" and _names(d, aspect)]
    return named[-1] if named else None


@cache
def _noun_forms() -> dict[str, tuple[str, ...]]:
    """Each abbreviated counted noun and its full form, both ways ("dn" ↔ "doanh nghiệp"), from nouns.yaml ids."""
    forms: dict[str, tuple[str, ...]] = {}
    for entry in lexicon.entries("nouns", NounEntry):
        full, _, short = entry.id.partition(" (")
        if short:
            for surface in (short.rstrip(")"), *entry.surfaces):
                forms[surface.lower()] = (full.lower(),)
            forms[full.lower()] = tuple(s.lower() for s in entry.surfaces)
    return forms


def _share_before_count(text: str, last: _Draft | None, last_end: int, q: QuantityLike) -> _Draft | None:
    """ "đại biểu nữ ở cấp tỉnh chiếm 23,8% (với 918 người)": the share written before a bracketed count."""
    if last is None or q.unit == "%" or last.quantity.unit != "%" or not last.share_word or \
            last.quantity.value is None or last.comparisons or last.end != last_end:
        return None
    return last if share_count_gap_re().fullmatch(text, last_end, q.extent.start) else None


def _adopt_written_before(text: str, draft: _Draft, written: _Draft, q: QuantityLike) -> None:
    """Make the share or change written before an amount (its own draft dropped) a comparison of the amount's
    figure, which takes over its metric, period and estimate: "chiếm 23,8% (với 918 người)", "tăng 17,7% so với
    cùng kỳ, đạt 114,47 triệu USD". The rule names which of the two it was.
    """
    draft.metric, draft.period = written.metric or draft.metric, written.period or draft.period
    draft.estimated = draft.estimated or written.estimated
    share_count = written.kind == "level" or (q.unit == "count" and written.kind == "share" and
                                              share_count_gap_re().fullmatch(text, written.end, q.extent.start))
    draft.comparisons.append(Comparison(
        kind="share" if written.kind == "level" else written.kind, value=written.quantity.value,
        unit="%", base=written.base, direction=written.direction, bound=written.bound,
        span=span_of(text, written.quantity.extent.start, written.quantity.extent.end),
        rule="comparison: share before its count" if share_count else "comparison: change before its amount"))


def _change_before_amount(text: str, last: _Draft | None, last_end: int, q: QuantityLike) -> _Draft | None:
    """ "xuất khẩu sang Trung Quốc tăng 17,7% so với cùng kỳ năm 2019, |đạt |114,47 triệu USD", "khách quốc tế chỉ
    đạt 28% so với cùng kỳ năm trước |với |trên 3.000 lượt": a written change or share with no amount of its own,
    then the amount of its clause; "với" (a share-count word) follows a share only.
    """
    if last is None or q.unit in ("%", "lần", None) or last.quantity.unit != "%" or not last.cued or \
            last.kind not in ("change", "share") or last.comparisons or last.end != last_end or \
            (last.kind == "share" and last.base is None):
        return None
    m = _amount_after_change_re().fullmatch(text, last_end, q.extent.start)
    if m is None or (m.group("with") and last.kind != "share"):
        return None
    return last


@cache
def _amount_after_change_re() -> re.Pattern[str]:
    return re.compile(rf"\s{{0,3}},?\s{{1,3}}(?:(?P<with>{alternation(cue_words()['share-count'])})|"
                      rf"{alternation(amount_lead_words())})\s{{1,3}}", re.IGNORECASE)


# "2 hộ khác chiếm 0,99%": at most this many words between a count or an amount and the share verb after it
_SHARE_VERB_GAP_RE = re.compile(r"(?:\s{1,3}[^\W\d]+){1,3}\s{1,3}")


# "…đạt 6%/năm|; |thấp hơn so với kế hoạch 3,8%": a semicolon, then the comparative that opens the next clause
_SEMICOLON_GAP_RE = re.compile(r"\s{0,3};\s{0,3}")


def _comparative_after_semicolon(text: str, last_end: int, lead: int, cue: Cue) -> bool:
    """Does a clause that opens with a comparative word and no subject ("…; thấp hơn so với kế hoạch điều chỉnh
    3,8%") compare the figure before the semicolon? With no subject of its own, it can compare nothing else.
    """
    return cue.kind == "change" and _SEMICOLON_GAP_RE.fullmatch(text, last_end, lead) is not None and \
        any(cue.text.startswith(w) for w in cue_words()["comparative"])


def _share_verb_after(text: str, last: _Draft, last_end: int, lead: int, cue: Cue, q: QuantityLike) -> bool:
    """Does "chiếm" (a share verb) a few words after an amount give that amount's share ("12 hộ nghèo chiếm
    2,2%")? Not after a percentage, nor across a word that opens a part ("trong đó", "riêng").
    """
    if cue.kind != "share" or q.unit != "%" or last.unit == "%" or last.end != last_end or \
            cue.text.split()[0] not in cue_words()["share-verb"]:
        return False
    gap = text[last_end:lead]
    return _SHARE_VERB_GAP_RE.fullmatch(gap) is not None and \
        not any(p in " ".join(gap.lower().split()) for p in cue_words()["part"])


@cache
def _points_award_re() -> re.Pattern[str]:
    """ "…| được tính 10 điểm": a rule's award of points, which ends the clause of the threshold before it."""
    words = cue_words()
    bare = [w for w in words["value-verb"] if any(a.startswith(w + " ") for a in words["rule-award"])]  # được
    return re.compile(
        rf"(?<!\w)(?:{alternation([*words['rule-award'], *bare])})\s{{1,3}}\d[\d.,]{{0,8}}\s{{1,3}}"  # được tính 10
        rf"(?:{alternation(words['rule-points'])})(?!\w)", re.IGNORECASE)  # điểm


def _rule_step_re() -> re.Pattern[str]:
    """ "cứ thêm |1.000 người": the step of a scoring rule, right before its amount."""
    return _cue_word_before_re("rule-step")


# Between a threshold and its award: no clause mark, no new list item ("⏎- ", "⏎|"), at most this many characters;
# a comma only before a step ("Trên 500.000 người, cứ thêm 100.000 người được thêm 2 điểm").
_AWARD_GAP_RE = re.compile(r"(?:[^,;:!?.\n]|(?<=\d)[.,](?=\d)|\n(?![-–+*|\n])|,(?=\s{1,3}cứ\s)){0,90}")


def _scoring_threshold(text: str, q: QuantityLike) -> bool:
    """Is the amount a threshold or a step of a rule that awards points ("Xã từ 16.000 người trở xuống được tính
    10 điểm", "cứ thêm 1.000 người được tính thêm 0,5 điểm")? The annotation guide lists no threshold of a rule.
    """
    if q.unit == "điểm":
        return False  # the points themselves ("Chỉ số PCI đạt 65 điểm") are a measure, when one is written
    if _rule_step_re().search(text, max(0, q.extent.start - 16), q.extent.start):
        return True
    gap_end = q.extent.end + len(_AWARD_GAP_RE.match(text, q.extent.end).group())  # type: ignore[union-attr]
    award = _points_award_re().search(text, q.extent.end, gap_end + 24)
    return award is not None and award.start() <= gap_end


@cache
def _required_threshold_re(rate: bool) -> re.Pattern[str]:
    """ "phải có vốn đối ứng |ít nhất| 50%": an obligation, at most eight words with no number, clause mark or change
    word, then a threshold word right before the amount (for a ``rate``, "trên" and "dưới" too).
    """
    words, change = cue_words(), comparison_words()
    thresholds = [*words["rule-threshold"], *(words["rule-threshold-rate"] if rate else ())]
    return re.compile(
        rf"(?<!\w)(?:{alternation(words['rule-obligation'])})(?!\w)"  # phải / không đạt
        rf"(?:\s{{1,3}}(?!(?:{change['up']}|{change['down']})(?!\w))[^\W\d]+){{0,8}}?"  # có vốn đối ứng
        rf"\s{{1,3}}(?:{alternation(thresholds)})\s{{1,3}}\Z", re.IGNORECASE)  # ít nhất


def _required_threshold(text: str, q: QuantityLike) -> bool:
    """Is the amount the threshold a rule requires ("QH phải có tối thiểu 25% ĐBQH chuyên trách", "Người được
    chọn phải đạt trên 50% số phiếu")? The annotation guide lists no threshold of a rule; a target is a figure.
    """
    pattern = _required_threshold_re(q.unit == "%")
    return pattern.search(text, max(0, q.span.start - 90), q.span.start) is not None and not _a_target(text, q)


@cache
def _target_lead_re() -> re.Pattern[str]:
    """A target word earlier in the amount's sentence ("Phấn đấu …", "mục tiêu năm 2024: …; …")."""
    return re.compile(rf"(?<!\w)(?:{alternation(cue_words()['target-lead'])})(?!\w)(?:[^.!?\n]|\.(?=\d))*\Z",
                      re.IGNORECASE)  # to the amount, past the dots of grouped digits ("21.500")


@cache
def _plan_base_re() -> re.Pattern[str]:
    """A plan named right after the amount: "50% | kế hoạch vốn", a share to reach."""
    return re.compile(rf"\s{{0,3}}(?:{alternation(cue_words()['plan-base'])})(?!\w)", re.IGNORECASE)


def _a_target(text: str, q: QuantityLike) -> bool:
    """Does the amount state a target (its sentence sets one before it, or it is a share of a plan)? A target is a
    figure (annotation guide), however its bound or obligation reads.
    """
    return _target_lead_re().search(text, max(0, q.span.start - 240), q.span.start) is not None or \
        _plan_base_re().match(text, q.extent.end) is not None


@cache
def _after_bound_words() -> tuple[str, ...]:
    """The bound words written after their amount ("trở lên", "trở xuống": qualifiers.yaml, position after)."""
    return tuple(s for e in lexicon.entries("qualifiers", QualifierEntry) if e.position == "after" and
                 e.sets in ("over", "under") for s in e.surfaces)


@cache
def _after_bound_re() -> re.Pattern[str]:
    """ "…| trở lên": a bound word written after its amount (qualifiers.yaml, position after), ending the extent."""
    after = _after_bound_words()
    return re.compile(rf"(?<!\w)(?:{alternation(after)})(?:\Z|(?!\w))", re.IGNORECASE)


@cache
def _class_verbs() -> frozenset[str]:
    words = cue_words()
    return frozenset(w.lower() for w in (*words["value-verb"], *words["class-verb"]))


def _class_bound(text: str, q: QuantityLike) -> bool:
    """Does the amount bound a class of things ("dự án sử dụng đất rừng sản xuất từ 1.000 ha trở lên", "Đối với
    nơi có từ 100 cử tri trở lên: …")? Not when a value verb states it ("phấn đấu đạt từ 8% trở lên").
    """
    if _after_bound_re().search(q.extent.text) is None and \
            _after_bound_re().search(text, q.extent.end, q.extent.end + 12) is None:
        return False  # "5 tầng trở lên": a count of the generated lexicon ends before its bound word
    if _a_target(text, q):
        return False  # "phấn đấu thu hút vốn FDI từ 1,5 tỷ USD trở lên": a target, with its bound
    words = text[max(0, q.extent.start - 30):q.extent.start].lower().split()
    while words and words[-1] in cue_words()["from"]:
        words.pop()
    if words and words[-1] in cue_words()["class-verb"] and _condition_clause_re().search(
            text, max(0, q.extent.start - 90), q.extent.start):
        return True  # "Đối với thôn có từ 100 cử tri trở lên: …"
    if _stated_after_re().match(text, q.extent.end):
        return True  # "số xã đạt từ 10 tiêu chí trở lên là 37 xã": the number after the verb is the figure
    return not (words and (words[-1] in _class_verbs() or " ".join(words[-2:]) in _class_verbs()))


@cache
def _stated_after_re() -> re.Pattern[str]:
    """After a bounded amount: its after-bound word if left out of its extent, a value verb, then a number."""
    after = _after_bound_words()
    return re.compile(rf"(?:\s{{1,2}}(?:{alternation(after)}))?\s{{1,2}}(?:{alternation(cue_words()['value-verb'])})"
                      r"\s{1,3}(?:[^\W\d]{1,6}\s{1,2})?\d", re.IGNORECASE)


@cache
def _condition_clause_re() -> re.Pattern[str]:
    """A clause that opens with a condition word ("Đối với", "Trường hợp", "Nếu") and runs on to the amount."""
    return re.compile(rf"(?:^|[.;:\n(]\s{{0,3}}|[-+*]\s{{1,2}})(?:{alternation(cue_words()['condition'])})(?!\w)"
                      r"[^.,;:\n()]{0,80}\Z", re.IGNORECASE | re.MULTILINE)


# "Mẫu số 01a; 01b; 01đ", "04đ": a number written with a leading zero and a letter glued to it is a code, even when
# the letter reads as a unit ("đ" for đồng); an amount is never written "01đ"
_CODE_RE = re.compile(r"0\d{1,3}[^\W\d]{1,2}")


def _aggregate_re() -> re.Pattern[str]:
    """A word that makes an amount after a count the value of the things counted ("mỗi hộ", "có tổng vốn")."""
    return _cue_word_re("class-aggregate", "share-count", "total-lead")


def _class_measure_re() -> re.Pattern[str]:
    """A verb that says what each counted thing has or reaches ("31 mặt hàng đạt kim ngạch …", "12 xã có tỷ lệ …")."""
    return _cue_word_re("class-verb", "value-verb")


@cache
def _comparative_re() -> re.Pattern[str]:
    """A comparative word that opens an amount's extent ("vượt 500 tỷ đồng")."""
    return re.compile(rf"(?:{alternation(cue_words()['comparative'])})(?!\w)", re.IGNORECASE)


def _existential_re() -> re.Pattern[str]:
    """The existential verb right before a count ("cả nước có 28 mặt hàng …"): the count picks out a class."""
    return _cue_word_before_re("class-verb")


@cache
def _cue_word_re(*ids: str) -> re.Pattern[str]:
    """Any word of the figure_cues.yaml entries ``ids``, whole and in any case: one builder for the cue tests."""
    return re.compile(rf"(?<!\w)(?:{alternation([w for i in ids for w in cue_words()[i]])})(?!\w)", re.IGNORECASE)


@cache
def _cue_word_before_re(*ids: str) -> re.Pattern[str]:
    """A word of the figure_cues.yaml entries ``ids`` right before the end of a search ("tại |18 huyện")."""
    return re.compile(rf"(?<!\w)(?:{alternation([w for i in ids for w in cue_words()[i]])})\s{{1,3}}\Z",
                      re.IGNORECASE)


# Between a count and the amount that bounds its class: one clause, no bracket, a few words
_CLASS_GAP_RE = re.compile(r"[^,;:.()\n]{1,80}")


def _counted_class(text: str, q: QuantityLike, count: QuantityLike | None) -> bool:
    """Does the amount bound the class of the count before it ("có 31 mặt hàng đạt kim ngạch xuất khẩu trên 1 tỷ
    USD", "có 12 xã có tỷ lệ hộ nghèo dưới 3%")? The count is the figure; the bound written before the amount only
    says which things were counted. Not when the amount is their value ("15 dự án có tổng vốn trên 2.000 tỷ đồng",
    "120 hộ được hỗ trợ hơn 2 tỷ đồng"), nor when no verb says what each thing has or reaches.
    """
    if count is None or count.unit != "count" or count.noun is None or q.bound not in ("over", "under") or \
            q.extent.start >= q.span.start or count.span.end >= q.extent.start:
        return False
    if _comparative_re().match(text, q.extent.start):
        return False  # "12 dự án có vốn vượt 500 tỷ đồng": a comparative word states the amount it exceeds
    if _existential_re().search(text, max(0, count.extent.start - 12), count.extent.start) is None:
        return False  # "12 HTX đạt doanh thu trên 20 tỷ đồng" may total the twelve: only "có 12 …" sets a class
    gap = text[count.span.end:q.extent.start]
    return _CLASS_GAP_RE.fullmatch(gap) is not None and _class_measure_re().search(gap) is not None and \
        _aggregate_re().search(gap) is None and not _a_target(text, q)


def _across_lines(q: QuantityLike) -> bool:
    """ "# date = 20210427⏎Cuộc họp báo …": a number that ends a line and a capitalized word that opens the
    next make no count; a count wrapped inside a sentence ("8.800⏎người") goes on in lower case.
    """
    if q.unit != "count" or "\n" not in q.raw:
        return False
    after = q.raw[q.raw.rfind("\n") + 1:].lstrip()
    return after[:1].isupper()


def _comparison_rule(cue: Cue) -> str:
    return f"comparison: {cue.kind}" + (" base before amount" if cue.base else "")


def _listed_comparison(text: str, last: _Draft, last_end: int, q: QuantityLike) -> tuple[str, Direction | None] | None:
    """ "đạt 71,2% dự toán tỉnh giao và 64,5% dự toán huyện giao": a percentage listed right after a
    comparison (or a share figure) with a base of its own is a comparison of the same kind.
    """
    if q.unit != "%" or not CHAIN_GAP_RE.fullmatch(text, last_end, q.extent.start):
        return None
    if base_after(text, q.extent.end, q.extent.end + 80)[0] is None:
        listed = last.comparisons[-1] if last.comparisons and last.comparisons[-1].span.end == last_end else None
        if listed is not None and listed.kind == "share" and listed.unit == "%" and last.unit != "count" and \
                LISTED_SHARE_GAP_RE.fullmatch(text, last_end, q.extent.start):
            return "share", None  # "bằng 0,5% GDP và 2% ngân sách": a whole named without a base word
        return None  # "2,3 tỷ người, chiếm 40% dân số và 50% GDP toàn cầu": the subject's share, not the count's
    if last.comparisons and last.comparisons[-1].span.end == last_end and last.comparisons[-1].kind != "previous":
        return last.comparisons[-1].kind, last.comparisons[-1].direction
    if last.kind == "share" and last.quantity.unit == "%":
        return "share", None
    return None


def _stated_before(text: str, metric: Metric | None, q: QuantityLike) -> str | None:
    """The metric and what the sentence says between it and the number: "GDP tiếp tục tăng trưởng cao ở mức
    11,4%" is a growth rate though its metric ("GDP") stops before the words that say so.
    """
    if metric is None or metric.span.start >= q.span.start:
        return metric.text if metric else None
    return text[metric.span.start:q.span.start]


@cache
def _change_word_end_re() -> re.Pattern[str]:
    words = comparison_words()
    return re.compile(rf"(?<!\w)(?:(?P<up>{words['up']})|(?P<down>{words['down']}))\s{{1,3}}\Z", re.IGNORECASE)


def _led_change(text: str, metric: Metric | None, q: QuantityLike) -> Direction | None:
    """A percentage whose metric follows a change word ("tăng tổng kim ngạch xuất khẩu 10,4%", "giảm tỷ lệ hộ
    nghèo 1,5%") states the change of that metric: its direction, else None.
    """
    if q.unit != "%" or metric is None or metric.span.start >= q.span.start:
        return None
    m = _change_word_end_re().search(text, max(0, metric.span.start - 30), metric.span.start)
    return None if m is None else "up" if m.group("up") else "down"


def _kind(q: QuantityLike, cue: Cue | None, base: str | None,
          stated: str | None) -> tuple[FigureKind, Direction | None, str | None]:
    """What the figure's own number states: a change after a change word, or a growth rate ("Tốc độ
    tăng trưởng kinh tế đạt 6,12%"); a share of a plan when a percentage names its base, or after
    "chiếm"; else a level. A negative growth ("tăng trưởng âm 3%") goes down.
    """
    growth = q.unit == "%" and stated is not None and _growth_re().search(stated) is not None
    if cue is not None and cue.kind == "change":
        direction = cue.direction
        if q.value is not None and q.value < 0 and direction == "up":
            direction = "down"
        return "change", direction, base
    if growth and (cue is None or cue.kind in ("share", "level")) and not (cue and base):
        negative = (q.value is not None and q.value < 0) or (q.low is not None and q.low < 0)
        return "change", "down" if negative else "up", None
    if cue is not None and cue.kind == "share" and q.unit == "lần":
        return "share", None, base  # "doanh thu gấp 1,8 lần cùng kỳ": a multiple of its base
    if cue is None or cue.kind != "share" or q.unit != "%":
        return "level", None, None
    if base is not None and cue.text.split()[0] not in cue_words()["share-verb"]:
        return "share", None, base
    return "level", None, None  # "tỷ trọng dịch vụ chiếm 66,87%": a structure share is a level


def _growth_re() -> re.Pattern[str]:
    """A growth word (figure_cues.yaml growth)."""
    return _cue_word_re("growth")


def _unit(q: QuantityLike, metric: Metric | None, currency: str | None,
          document_currency: str) -> tuple[str | None, str | None]:
    """The figure's unit and the currency carried to the next amount of the same list.

    An amount with a scale word but no unit ("24 tỷ 450 triệu") takes the currency of the amount
    before it in the same list of amounts, or đồng when its metric says it measures money ("thu ngân
    sách"); otherwise it is a count ("Dân số toàn huyện đạt 1,2 triệu"): a unit is never invented.
    """
    if q.unit is not None:
        return q.unit, (q.unit if q.unit in lexicon.currency_units() else currency)
    if currency is not None:
        return currency, currency
    if metric is not None and _MONEY_RE().search(metric.text):
        return document_currency, None
    return "count", None


def _MONEY_RE() -> re.Pattern[str]:  # noqa: N802
    """A word that makes a metric measure money (figure_cues.yaml money): "thu ngân sách"."""
    return _cue_word_re("money")


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
