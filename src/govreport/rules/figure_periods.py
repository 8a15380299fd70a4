"""The period of a figure: named in its clause, or carried from the sentence or heading that set it.

In order: a period right after the figure in its clause; the last one before it in its sentence (cut by "hiện
có", "hiện nay", "đến nay": a stock now; a day's stock, "đến ngày 15/7", only for its own clause; years in
brackets beside a figure of their own date that aside only); the opening of an inline list it belongs to; the
sentence before for a sentence that goes on with it ("Trong đó, …"); a stock date opening a sentence ("Tính
đến 20/1/2017, …", "Theo đó, đến năm 2010 …") for the results and stocks (no plans) of its paragraph's run of
sentences with numbers; else the last period that set the context: a
heading's until the next heading, a sentence-opening (after up to two lead words: "Tính chung trong …"), adverbial,
lead-sentence, report-topic ("Trình bày báo cáo … 6 tháng đầu năm 2022, …") or results-summing ("… năm 2021 đạt nhiều
kết quả") period within a bounded reach; "từ đầu năm đến nay" too. A plan's period holds only for the
targets after it ("phấn đấu đến năm 2025, …", "năm 2025, huyện sẽ …", "Năm 2017, lãnh đạo tỉnh cho biết, tỉnh sẽ
…"), and a plan sentence ("sẽ …") takes no carried period but the
lead's; a headline, a portal's date line or a photo caption sets no period for the body; the year of a law's
name ("Luật Đầu tư năm 2014") is no period; a cumulative amount ("lũy kế đạt …") runs from 1 January. Past
that reach, the lead's period still holds for a reported result ("đạt", "tăng") until a new period sets the
context; a period naming a meeting ("phiên họp thường kỳ tháng 6") is no lead's period. A figure whose subject is
the same period a year before ("(cùng kỳ năm trước tăng 7,34%)") takes its period a year earlier; a period after
"khi" dates its own clause only; last year's period ("… của quý I năm ngoái") dates the amount before it and makes
the new amount after it this year's; a figure with no period compared with part of last year ("bằng 99,9% so với
quý I-2008") covers the same months a year later when the text reports on that year.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from .. import lexicon
from ..lexicon import CalendarEntry, MeetingCueEntry, MeetingKindEntry, alternation
from ..models import Period, Span
from ..numbers import QuantityLike
from .comparisons import cue_words
from .dates import LAST_YEAR_TAIL, PeriodMention, as_of_start, in_year, planned_after, year_to_date

# up to two lead words: "Tính chung trong 8 tháng đầu năm 2021, …", "Riêng trong tháng 8, …"
_SETTING_LEAD_RE = re.compile(
    r"(?:^|\n|[.!?:]\s{1,3})\s{0,3}(?:[\-–•*+]\s{0,2})?(?:(?i:trong|tính\s{1,3}chung|tính\s{1,3}đến|lũy\s{1,3}kế|"
    r"lũy\s{1,3}kế\s{1,3}đến|riêng|qua|sau|kết\s{1,3}quả)\s{1,3}){0,2}\Z")
# an adverbial between commas: "Theo số liệu công bố, 6 tháng đầu năm, tổng sản phẩm …" (not "sinh năm 1975, …")
# a period opening the clause after a sentence's source: "Theo báo cáo của UBND thành phố, năm 2023 có …"
_SOURCED_RE = re.compile(r"(?:^|[.!?\n]\s{0,3})(?i:theo)\s[^,.;:!?\n]{1,80},\s{1,3}\Z")
_ADVERBIAL_BEFORE_RE = re.compile(r",\s{1,3}(?:(?i:trong|tính\s{1,3}chung|riêng|qua|sau)\s{1,3})?\Z")


_DIGIT_RE = re.compile(r"\d")
_HEADING_MAX = 160  # a line this short without a final full stop is a heading
_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
_LIST_OPENING_RE = re.compile(r":\s{0,3}[\-–+•]\s")  # "… như sau: - Khu vực nông nghiệp …"
# How far (in characters: some six sentences of news prose) a period opening a sentence holds for the
# figures after it. News bodies are often one paragraph that moves on to other matters, and a figure
# without a period is better than one with a wrong period.
_CONTEXT_REACH = 1000


def _line(text: str, span: Span) -> tuple[int, str]:
    """The line a span sits in: where it starts, and its text."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return start, text[start:end if end >= 0 else len(text)]


def _is_heading(text: str, span: Span) -> bool:
    """Does the span sit in a heading: a short line without a final full stop? A line of hard-wrapped
    prose is none: it opens in lower case, or the line after it does (its sentence goes on there).
    """
    start, line = _line(text, span)
    end = start + len(line)
    line = line.strip()
    # a clause of a list or a slogan closes on its mark, past any emphasis: "*Căn cứ Luật … năm 2009;*",
    # "*Tinh thần Đại thắng mùa Xuân năm 1975 bất diệt!*"
    if len(line) > _HEADING_MAX or line.rstrip("*_ ").endswith((".", ";", "!")) or _opens_in_lower_case(line):
        return False
    return not _opens_in_lower_case(text[end:end + _HEADING_MAX].lstrip())


def _opens_in_lower_case(line: str) -> bool:
    """Does a line open on a lower-case letter (past list marks and emphasis)?"""
    first = next((c for c in line if c.isalnum()), "")
    return first.isalpha() and first.islower()


def _headline_end(text: str) -> int:
    """Where the headline ends: a short first line without a final full stop; 0 for a text that
    opens on its lead paragraph.
    """
    end = text.find("\n", len(text) - len(text.lstrip()))
    first = text[:end].strip() if end >= 0 else ""
    # a headline in capitals may close on a full stop ("KỲ HỌP THỨ BA, HĐND HUYỆN …, NHIỆM KỲ 2021-2026.")
    return end + 1 if first and len(first) <= _HEADING_MAX and (not first.endswith(".") or first.isupper()) else 0


# A portal's date line under the headline: a short line holding a time or a full date and no full stop at its end.
_DATELINE_RE = re.compile(
    r"""
    (?=[^\n]{0,80}(?:\d{1,2}:\d\d                         # a time: 09:47
      |\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d\d))           # or a full date: 28/12/2021, 21.07.2021
    [^\n]{0,80}[^.\n\s]\s{0,3}                            # the line, not closing on a full stop
    """,
    re.VERBOSE,
)


def _lead(text: str) -> tuple[int, int]:
    """The lead sentence: the first sentence of the body, which says what the text reports on."""
    start = _headline_end(text)
    while True:
        while start < len(text) and text[start].isspace():
            start += 1
        line_end = text.find("\n", start)
        if line_end < 0 or not _DATELINE_RE.fullmatch(text, start, line_end):
            break
        start = line_end  # "Cập nhật lúc: 09:47 28/12/2021", "Thứ 7, 24/07/2021 | 09:06:55": a date line, no lead
    m = _SENTENCE_END_RE.search(text, start + 1)
    return start, m.end() if m else len(text)


def _context_end(text: str, p: PeriodMention, lead: tuple[int, int] = (0, 0)) -> int:
    """How far a period holds for the figures after it: the position where its context ends.

    A heading's period ("I. KẾT QUẢ 6 THÁNG ĐẦU NĂM 2022") holds until the next one that sets the
    context. A period that opens a sentence ("Trong 6 tháng đầu năm 2022, ...") or stands as an
    adverbial between commas ("…, 5 tháng đầu năm 2024, tổng thu …") holds for the sentences after
    it within a bounded reach (``_CONTEXT_REACH``), and so does a period anywhere in the ``lead``
    sentence ("Tổng thu ngân sách năm 2005 theo Nghị quyết … là …"): the lead says what the text
    reports on. Any other period holds for its own sentence only (0).
    """
    span = p.period.span
    if span is not None and p.period.start is None and p.period.end is not None \
            and _opens_context(text, _with_as_of_words(text, span)):
        return _paragraph_end(text, span.start)  # "Tính đến 20/1/2017, …", "Đến năm 2010, …": for its paragraph
    if span is None or p.period.start is None or (p.period.end is None and not _since_year_start(span)) \
            or (p.period.end is not None and p.period.start.year != p.period.end.year):
        return 0  # "đến năm 2020, …" (mid-sentence), "giai đoạn 2011 - 2016", "từ năm 2015 đến nay": their own sentence
    if _is_heading(text, span):
        # "Chuyển nguồn năm 2025 còn dư bố trí dự toán 2026": a heading of two years names no one period
        # (a term's span, "nhiệm kỳ 2021 - 2026", is no second year)
        years = {int(y) for y in _YEAR_RE.findall(_YEAR_SPAN_RE.sub(" ", _line(text, span)[1]))}
        return len(text) if years <= {p.period.start.year} else 0
    in_lead = lead[0] <= span.start < lead[1] and not _names_meeting(text, span.start)
    sets = _opens_context(text, span) or in_lead or _sums_up_results(text, span) or _report_topic(text, span)
    return span.start + _CONTEXT_REACH if sets else 0


def _with_as_of_words(text: str, span: Span) -> Span:
    """A stock date's span widened to the words before it that make it one: "đến năm 2010" for "năm 2010"."""
    start = as_of_start(text, span.start)
    return Span(start=start, end=span.end, text=text[start:span.end])


@cache
def _since_re() -> re.Pattern[str]:
    """The words of a period from 1 January up to now (calendar.yaml since): "từ đầu năm đến nay"."""
    return re.compile(rf"(?:{_calendar_words('since')})", re.IGNORECASE)


def _since_year_start(span: Span) -> bool:
    """Is the period "từ đầu năm đến nay" in a text of no date (its end unknown)? It covers one year like any
    other, so opening a sentence it sets the context: "Từ đầu năm đến nay, … Cụ thể, … Thu ngân sách đạt …".
    """
    return _since_re().fullmatch(span.text.strip()) is not None


_SUMMARY_REACH = 100  # how far after a period its sentence may say it had results


def _sums_up_results(text: str, span: Span) -> bool:
    """Does the period's sentence sum up the results the next sentences report ("Năm 2021, kinh tế … năm
    2021 trên địa bàn huyện đạt nhiều kết quả đáng ghi nhận.", "… 6 tháng đầu năm 2017 với nhiều kết quả
    nổi bật.")? A review word (calendar.yaml review) after the period in its sentence, no number between.
    """
    m = _review_re().match(text, span.end, min(len(text), span.end + _SUMMARY_REACH))
    return m is not None and not _names_meeting(text, span.start)


@cache
def _review_re() -> re.Pattern[str]:
    """Words up to a review word after a period, in its sentence and without a number: "… đạt nhiều kết quả"."""
    return re.compile(rf"[^\d.;!?\n]{{0,{_SUMMARY_REACH}}}?(?<!\w)(?:{_calendar_words('review')})(?!\w)", re.IGNORECASE)


def _figures_run_end(text: str, start: int, end: int) -> int:
    """Where the run of sentences from ``start`` that all hold a number stops (before ``end``): a stock date's
    sentences go on listing amounts ("Đến hết tháng 6, vốn đã giao là … Số vốn còn lại hơn …"); a sentence of
    prose between says the text has moved on ("… Thủ tướng nhấn mạnh: … Xếp hạng … tăng 9 bậc").
    """
    position = start
    while position < end:
        m = _SENTENCE_END_RE.search(text, position, end)
        sentence_end = m.end() if m else end
        if text[position:sentence_end].strip() and not _DIGIT_RE.search(text, position, sentence_end):
            return position
        position = sentence_end
    return end


_TOPIC_REACH = 90  # how far before a period a report word may name it as its topic


@cache
def _report_topic_re() -> re.Pattern[str]:
    """A report word (calendar.yaml report_topic) opening its sentence and a few words without a number or a stop
    before a period: "Trình bày báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2022, …"; not a report heard or
    sent ("Các đại biểu nghe báo cáo về tình hình năm 2020", "Sở đã gửi báo cáo …").
    """
    words = _calendar_words("report_topic")
    return re.compile(rf"(?:^|[.!?\n]\s{{0,3}})(?:{words})(?!\w)[^\d,.;:!?\n()]{{0,{_TOPIC_REACH}}}\Z", re.IGNORECASE)


def _report_topic(text: str, span: Span) -> bool:
    """Is the period the topic of a report its sentence opens with ("Trình bày báo cáo tình hình kinh tế - xã hội 6
    tháng đầu năm 2022, đồng chí … cho biết: … Tổng thu ngân sách …")? Then it holds for the results reported after it.
    """
    return _report_topic_re().search(text, max(0, span.start - _TOPIC_REACH - 40), span.start) is not None \
        and not _names_meeting(text, span.start)


def _paragraph_end(text: str, position: int) -> int:
    """Where the paragraph at ``position`` ends, within the bounded reach."""
    end = text.find("\n", position)
    return min(end if end >= 0 else len(text), position + _CONTEXT_REACH)


def _opens_context(text: str, span: Span) -> bool:
    """Does a period stand where it sets the context: opening a sentence, as an adverbial between
    commas, or opening the clause after a sentence's source?
    """
    before = max(0, span.start - 24)
    adverbial = text.startswith(",", span.end) and _ADVERBIAL_BEFORE_RE.search(text, before, span.start)
    sourced = _SOURCED_RE.search(text, max(0, span.start - 100), span.start)
    # right after a photo credit in a one-line body: "Quang cảnh hội nghị. (Ảnh: TTXVN) Năm 2022, …"
    credit = text.rfind(")", before, span.start)
    after_caption = credit >= 0 and not text[credit + 1:span.start].strip() and _in_caption(text, credit)
    return bool(_SETTING_LEAD_RE.search(text, before, span.start) or adverbial or sourced or after_caption)


def _target_words() -> list[str]:
    """figure_cues.yaml's target words: target, target-lead and plan-base."""
    words = cue_words()
    return [*words["target"], *words["target-lead"], *words["plan-base"]]


@cache
def _target_re() -> re.Pattern[str]:
    """A plan or agenda word a few words before a period, in the same clause."""
    words = f"{alternation(_target_words())}|{_calendar_words('agenda')}"  # "giải pháp 6 tháng cuối năm"
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)(?:\s{{1,3}}[^\s,;.:!?()\d]{{1,10}}){{0,3}}\s{{1,3}}\Z", re.IGNORECASE)


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_YEAR_SPAN_RE = re.compile(r"(?<!\d)(?:19|20)\d\d\s{0,3}[-–]\s{0,3}(?:19|20)\d\d(?!\d)")


@cache
def _plan_re() -> re.Pattern[str]:
    """A plan or target word anywhere in a sentence: its figures are no results of the lead's period."""
    words = f"{alternation(_target_words())}|{_calendar_words('plan_verb')}"
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


@cache
def _calendar_word_re(kind: str) -> re.Pattern[str]:
    """Any calendar word of one kind as a whole word: a plan verb ("sẽ", "dự kiến": a plan, not a result), a
    reporting verb ("đạt", "tăng": what a lead's period covers), a stock verb ("có", "là": what a stock date covers).
    """
    return re.compile(rf"(?<!\w)(?:{_calendar_words(kind)})(?!\w)", re.IGNORECASE)


@cache
def _meeting_re() -> re.Pattern[str]:
    """A meeting named just before a period ("phiên họp thường kỳ tháng 6", "Kỳ họp cuối năm 2005"): the
    period names the meeting, not the results a news piece on it reports; a review's topic between them
    ("Hội nghị sơ kết 6 tháng đầu năm") makes it the results' period again.
    """
    kinds = alternation(s for e in lexicon.entries("meeting_kinds", MeetingKindEntry) for s in e.surfaces)
    topics = alternation(s for e in lexicon.entries("meeting_cues", MeetingCueEntry) if e.sets == "topic"
                         for s in e.surfaces)
    word = rf"(?!(?:{topics})(?!\w))[^\s,;.:!?()\d]{{1,10}}"
    # "phiên họp Chính phủ thường kỳ tháng 6": a body and "thường kỳ" may stand between
    return re.compile(rf"(?<!\w)(?:{kinds})(?:\s{{1,3}}{word}){{0,4}}\s{{1,3}}\Z", re.IGNORECASE)


def _names_meeting(text: str, at: int) -> bool:
    """Does the period at ``at`` name a meeting (see :func:`_meeting_re`)?"""
    return _meeting_re().search(text, max(0, at - 50), at) is not None


@cache
def _law_re() -> re.Pattern[str]:
    """A law's name just before a year: "Luật Ngân sách nhà nước năm 2015", "Hiến pháp năm 2013"."""
    words = _calendar_words("law_name")
    return re.compile(rf"(?<!\w)(?:{words})(?:\s{{1,3}}[^\s,;.:!?()\d]{{1,12}}){{0,8}}\s{{1,3}}\Z", re.IGNORECASE)


def _names_law(text: str, span: Span | None) -> bool:
    """Does the period at ``span`` ("năm 2015") close a law's name written with a capital ("Luật Đầu tư")?"""
    if span is None or not span.text.lower().startswith("năm"):
        return False
    m = _law_re().search(text, max(0, span.start - 100), span.start)
    return m is not None and text[m.start()].isupper()


@cache
def _photo_re() -> re.Pattern[str]:
    """A photo caption: a line opening with "Ảnh:" or holding "(Ảnh: …)"."""
    words = alternation(cue_words()["photo"])
    return re.compile(rf"(?:^\s{{0,3}}(?:{words})\s{{0,2}}[:.]|\(\s{{0,2}}(?:{words})\s{{0,2}}:)", re.IGNORECASE)


def _calendar_words(kind: str) -> str:
    """The calendar words of one kind (data/calendar.yaml) as a regex alternation."""
    return alternation(s for e in lexicon.entries("calendar", CalendarEntry) if e.kind == kind for s in e.surfaces)


@cache
def _continuation_re() -> re.Pattern[str]:
    """A sentence that goes on with the one before it: "Trong đó, …", "Riêng …", "Cụ thể, …"."""
    return re.compile(rf"\s{{0,3}}(?:[\-–•*+]\s{{0,2}})?(?i:{_calendar_words('continuation')})(?!\w)")


@cache
def _present_re() -> re.Pattern[str]:
    """A word that dates a stock to the present: "toàn tỉnh hiện có 21 cụm công nghiệp", "đến nay có 3 xã";
    an idiom ("kỷ lục từ trước đến nay", calendar.yaml ever) is matched first and so never counts.
    """
    return re.compile(rf"(?<!\w)(?i:(?P<ever>{_calendar_words('ever')})|{_calendar_words('present')})(?!\w)")


_SENTENCE_REACH = 600  # how far back the sentence before a continuation may start


def _previous_sentence_start(text: str, sentence_start: int) -> int:
    """Where the sentence before the one at ``sentence_start`` starts (within a bounded reach)."""
    window_start = max(0, sentence_start - _SENTENCE_REACH)
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, window_start, max(window_start, sentence_start - 2))]
    return ends[-1] if ends else window_start


def _is_target(text: str, span: Span) -> bool:
    """A plan's period: a plan word before it ("nhiệm vụ 6 tháng cuối năm") or a plan verb after it
    in its sentence ("Ngay trong năm 2005, thành phố sẽ …").
    """
    return _target_re().search(text, max(0, span.start - 60), span.start) is not None or planned_after(text, span.end) \
        or (_opens_context(text, span) and _plan_sentence_re().match(text, span.end) is not None)


_PLAN_SENTENCE_REACH = 160


@cache
def _plan_sentence_re() -> re.Pattern[str]:
    """A plan verb later in the sentence a period opens, with no number between: "Năm 2017, lãnh đạo tỉnh cho
    biết, tỉnh sẽ thu hồi …" states a plan, and sets no period for the results written after it.
    """
    return re.compile(rf"[^\d.;!?\n]{{0,{_PLAN_SENTENCE_REACH}}}?(?<!\w)(?:{_calendar_words('plan_verb')})(?!\w)",
                      re.IGNORECASE)


def _outside_body(text: str, span: Span) -> bool:
    """A period in the headline or in a photo caption sets nothing for the body. The headline is a
    short first line without a final full stop; a text that opens on its lead paragraph has none.
    """
    in_headline = span.end <= _headline_end(text) and "\n" in text[span.end:].strip()
    return in_headline or _in_caption(text, span.start)


def _in_caption(text: str, position: int) -> bool:
    """Does the span sit in a photo caption: a short line holding "Ảnh:", or, in a long line (a news body
    written as one paragraph), the caption sentence itself ("Quang cảnh hội nghị. (Ảnh: TTXVN)", "Ảnh minh
    họa.") and not the body around it?
    """
    line_start, line = _line(text, Span(start=position, end=position, text=""))
    for m in _photo_re().finditer(line):
        if len(line) <= 2 * _HEADING_MAX:
            return True
        marker = line_start + m.start()
        closing = text.find(")", marker, marker + _HEADING_MAX) if text[marker:m.end() + line_start].lstrip(
            ).startswith("(") else -1
        after = _SENTENCE_END_RE.search(text, line_start + m.end())
        end = closing + 1 if closing >= 0 else after.end() if after else len(text)
        start = _previous_sentence_start(text, marker) if closing >= 0 else marker
        if start <= position < end:
            return True
    return False


_BASE_SUBJECT_REACH = 80


@cache
def _base_subject_re() -> re.Pattern[str]:
    """The same period a year before as a figure's subject, opening its clause or after "khi": "(cùng kỳ năm trước
    tăng 7,34%)", "trong khi cùng kỳ năm 2016 đạt 26,8%", "; cùng kỳ năm trước là 102%"; not a base ("so với cùng kỳ").
    """
    verbs = f'{_calendar_words("reporting_verb")}|{_calendar_words("stock_verb")}'  # tăng, đạt / là, chiếm
    word = r"[^\s\d,;.:!?()]{1,10}"
    when = _calendar_words("when_clause")  # khi
    return re.compile(
        rf"""
        (?:^|(?<=[(,;:.!?\n])|(?<!\w)(?i:{when}))\s{{0,3}}                 # ( / ; / khi
        (?P<phrase>(?i:cùng\s{{1,3}}kỳ)                                    # cùng kỳ
          (?:\s{{1,3}}(?i:năm)\s{{1,3}}(?i:trước|ngoái)(?!\w)              # năm trước
            |\s{{1,3}}(?:(?i:năm)\s{{1,3}})?(?P<year>(?:19|20)\d\d)(?!\d))?)  # năm 2016
        \s{{1,3}}(?:{word}\s{{1,3}}){{0,2}}?(?i:{verbs})(?!\w)               # (chỉ) tăng
        (?:\s{{1,3}}{word}){{0,2}}\s{{1,3}}\Z                               # (ở mức)
        """,
        re.VERBOSE,
    )


def _year_before(period: Period, m: re.Match[str], offset: int) -> Period | None:
    """The period of a figure whose subject is the same period a year before (see :func:`_base_subject_re`): its
    dates in the year it names, else the year before; None when its own period spans years.
    """
    start, end = period.start, period.end
    if end is None or (start is not None and start.year != end.year):
        return None
    year = int(m.group("year")) if m.group("year") else end.year - 1
    span = Span(start=offset + m.start("phrase"), end=offset + m.end("phrase"), text=m.group("phrase"))
    return Period(text=span.text, start=in_year(start, year) if start else None, end=in_year(end, year), span=span)


_BASE_CLAUSE_END_RE = re.compile(r"[.!?](?:\s|\Z)|[;\n]")
# An amount just before last year's period, which it dates: "từ 7,4 tỷ USD của quý I năm ngoái xuống còn …"
_EARLIER_AMOUNT_RE = re.compile(r"\d[^\d,;.:!?()]{0,24}\s(?i:của|trong|vào)\s{1,3}\Z")


def _year_after(period: Period) -> Period:
    """Last year's period moved to this year: the period of the new amount after the earlier one it dates
    ("từ 7,4 tỷ USD của quý I năm ngoái xuống còn 6,9 tỷ USD": the 6,9 is this year's first quarter).
    """
    start, end, span = period.start, period.end, period.span
    if span is not None:  # the words of the period without "năm ngoái": "quý I"
        words = _LAST_YEAR_WORDS_RE.sub("", span.text)
        span = Span(start=span.start, end=span.start + len(words), text=words)
    return Period(text=span.text if span else period.text, start=in_year(start, start.year + 1) if start else None,
                  end=in_year(end, end.year + 1) if end else None, span=span)


# "năm ngoái" after a period ("quý I năm ngoái"); "6 tháng đầu năm trước" keeps its own "năm"
_LAST_YEAR_WORDS_RE = re.compile(rf"(?:(?<!(?i:đầu))(?<!(?i:cuối))\s{{1,3}}(?i:năm))?{LAST_YEAR_TAIL}\Z")


class PeriodIndex:
    """The periods of a text by position, so each figure finds its own in logarithmic time.

    ``setting[i]`` is the index of the last period at or before ``i`` that sets the context for
    what follows (see :func:`_context_end`), or -1; ``stock[i]`` likewise for a stock date opening a
    sentence ("Tính đến 20/1/2017, …"), which holds within its paragraph; computed once, not per figure.
    """

    def __init__(self, text: str, periods: list[PeriodMention]) -> None:
        self.text = text
        # "Luật Ngân sách nhà nước năm 2015": the year names a law, it is no period of anything
        self.periods = [p._replace(kind="name") if _names_law(text, p.period.span) else p
                        for p in periods if p.period.span is not None]
        self.starts = [p.period.span.start for p in self.periods if p.period.span is not None]
        # the years the text reports on: those of its periods that are no comparison base
        self.years_reported = {p.period.end.year for p in self.periods if p.kind == "period" and p.period.end}
        # a plan's or an agenda's period ("nhiệm vụ 6 tháng cuối năm", "phấn đấu đến năm 2025") holds
        # for the targets written after it in its sentence, never for a result before it or beyond
        self.target = [p.period.span is not None and _is_target(text, p.period.span) for p in self.periods]
        self.setting: list[int] = []
        self.context_end: list[int] = []
        lead = _lead(text)
        self.list_colons = [m.start() for m in _LIST_OPENING_RE.finditer(text)]
        self.stock: list[int] = []
        last = last_stock = -1
        for i, p in enumerate(self.periods):
            span = p.period.span
            # a plan's heading ("II. NHIỆM VỤ NĂM 2023") does set the period of the targets under it
            settable = p.kind == "period" and span is not None and (not self.target[i] or _is_heading(text, span))
            end = _context_end(text, p, lead) if settable else 0
            if end and span is not None and p.period.start is None:
                end = self._stock_date_end(i, end)
                # a stock date holds beside the context, which goes on after it ("Tính đến 20/1, …")
                last_stock = i if not _outside_body(text, span) else last_stock
            elif end and span is not None and not _outside_body(text, span):
                last = i
            self.setting.append(last)
            self.stock.append(last_stock)
            self.context_end.append(end)
        # the lead's period: the last one of the lead sentence that sets the context ("… kinh tế tháng 1/2017")
        in_lead = [i for i, p in enumerate(self.periods) if self.context_end[i] and self.setting[i] == i
                   and p.period.span is not None and lead[0] <= p.period.span.start < lead[1]
                   and not _names_meeting(text, p.period.span.start)]
        self.lead_index = in_lead[-1] if in_lead else -1

    def _inside_period(self, position: int) -> bool:
        """Does a period's span cover ``position``?"""
        i = bisect_right(self.starts, position) - 1
        span = self.periods[i].period.span if i >= 0 else None
        return span is not None and position < span.end

    def _other_clause_day(self, i: int, q: QuantityLike) -> bool:
        """Is period ``i`` a day's stock inside a sentence and a semicolon away from the figure? "thu ngân sách đến
        ngày 15/7 đạt 101 tỷ đồng; tỷ lệ hộ nghèo còn 0,118%": the day dates its own clause only.
        """
        span = self.periods[i].period.span
        return self.periods[i].as_of and not self.context_end[i] and span is not None \
            and ";" in self.text[span.end:q.span.start]

    def _stock_date_end(self, i: int, end: int) -> int:
        """Where a stock date opening a sentence ("Tính đến 20/1/2017, …") stops holding: past its own
        sentence, at the next period of any kind or the next word of the present ("Hiện có …").
        """
        span = self.periods[i].period.span
        assert span is not None
        m = _SENTENCE_END_RE.search(self.text, span.end)
        own_end = m.end() if m else len(self.text)
        later = [s for s in self.starts[i + 1:] if s >= own_end][:1]
        present = _present_re().search(self.text, own_end, end)
        return min([end, *later, *([present.start()] if present else []), _figures_run_end(self.text, own_end, end)])

    def _list_period(self, position: int) -> Period | None:
        """The period of a list item's figure: the one its list's opening sentence names, up to its
        colon ("… mục tiêu tăng trưởng năm 2017 như sau: - Khu vực nông nghiệp tăng 3,05%; - …"),
        a plan's included; within the paragraph and the bounded reach.
        """
        k = bisect_left(self.list_colons, position) - 1
        if k < 0:
            return None
        colon = self.list_colons[k]
        if position - colon > _CONTEXT_REACH or self.text.find("\n", colon, position) >= 0:
            return None
        opening = _previous_sentence_start(self.text, colon + 2)
        j = bisect_left(self.starts, colon) - 1
        while j >= 0 and self.starts[j] >= opening:
            if self.periods[j].kind == "period":
                return self.periods[j].period
            j -= 1
        return None

    def _aside_of_another(self, i: int, q: QuantityLike) -> bool:
        """Does period ``i`` stand in brackets that leave the figure out and hold a figure of their own before
        it? "quản lý 100 công trình (60 công trình chuyển tiếp năm 2023 - 2024) với tổng mức gần 800 tỷ đồng":
        the bracketed years date the aside's figure, not the sentence's.
        """
        span = self.periods[i].period.span
        assert span is not None
        opening = self.text.rfind("(", 0, span.start)
        if opening < 0 or self.text.find(")", opening, span.start) >= 0:
            return False
        closing = self.text.find(")", span.end)
        if closing < 0 or opening <= q.span.start < closing or "\n" in self.text[opening:closing]:
            return False
        # a number of the aside's own, not a year of another period in it ("(từ năm 2015 sang năm 2016)")
        years = [(p.period.span.start, p.period.span.end) for p in self.between(opening, span.start)
                 if p.period.span is not None]
        return any(not any(a <= m.start() < b for a, b in years)
                   for m in _DIGIT_RE.finditer(self.text, opening, span.start))

    def between(self, start: int, end: int) -> list[PeriodMention]:
        """The periods that start in ``[start, end)``."""
        return self.periods[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def period_for(self, q: QuantityLike, sentence_start: int, clause_end: int) -> Period | None:
        """The period of a figure (see :meth:`_named_period`); a month's period runs from 1 January
        for a cumulative amount ("lũy kế đạt 6.384,4 tỷ đồng").
        """
        period = self._named_period(q, sentence_start, clause_end)
        if period is None:
            return self._after_base(q)
        window = max(sentence_start, q.span.start - _BASE_SUBJECT_REACH)
        earlier = _base_subject_re().search(self.text[window:q.span.start])
        if earlier is not None:  # "(cùng kỳ năm trước tăng 7,34%)": the same period a year before
            return _year_before(period, earlier, window)
        return year_to_date(self.text, q.span.start, period)

    def _named_period(self, q: QuantityLike, sentence_start: int, clause_end: int) -> Period | None:
        """The period of a figure: named right after it in its clause, else the last one before it
        in its sentence, else nothing for a stock dated to the present ("hiện có …"), else (in an
        inline list) the one its list's opening sentence names, else (in
        a sentence that goes on with the one before: "Trong đó, …") the last one of the sentence
        before, else the last one before it that set the context for what follows.

        A year named in passing in an earlier sentence ("… từ năm 2015") is not carried: precision
        before recall, a figure without a period is better than one with a wrong period.
        """
        i = bisect_left(self.starts, q.extent.end)
        when = _calendar_word_re("when_clause")  # "…, trong khi quý I/2018 …": a period after it dates its own clause
        while i < len(self.periods) and self.starts[i] < clause_end \
                and not when.search(self.text, q.extent.end, self.starts[i]):
            if self.periods[i].kind in ("period", "past") and not self.target[i] and not self._aside_of_another(i, q):
                return self.periods[i].period
            i += 1
        # "toàn tỉnh hiện có 21 cụm công nghiệp": a stock now, not in a period named before "hiện có"
        present = [m.end() for m in _present_re().finditer(self.text, sentence_start, q.span.start)
                   if not m.group("ever") and not self._inside_period(m.start())]  # "từ đầu năm đến nay" is a period
        i = bisect_right(self.starts, q.span.start) - 1
        while i >= 0 and self.starts[i] >= sentence_start:
            mention = self.periods[i]
            if mention.kind == "past" and mention.period.span is not None and not present \
                    and _EARLIER_AMOUNT_RE.search(self.text, max(0, mention.period.span.start - 40),
                                                  mention.period.span.start):
                return _year_after(mention.period)  # "từ 7,4 tỷ USD của quý I năm ngoái xuống còn 6,9 tỷ USD"
            if mention.kind in ("period", "past") and not self._other_clause_day(i, q) \
                    and not self._aside_of_another(i, q):
                return mention.period if not present or self.starts[i] >= present[-1] else None
            i -= 1
        if present:
            return None
        listed = self._list_period(q.span.start)
        if listed is not None:
            return listed
        if _continuation_re().match(self.text, sentence_start):  # "Trong đó, …": the sentence before's period
            previous = _previous_sentence_start(self.text, sentence_start)
            j = i
            while j >= 0 and self.starts[j] >= previous:
                if self.periods[j].kind == "period" and not self.target[j]:
                    return self.periods[j].period
                j -= 1
        stock = self.stock[i] if i >= 0 else -1
        if stock >= 0 and stock > self.setting[i] and q.span.start < self.context_end[stock]:
            # a stock date holds for results and stocks ("đạt", "có"), not for actions ("đã kiểm tra") nor plans
            # ("Đến hết năm 2016, toàn tỉnh có 33 cụm … Tỉnh dự kiến nguồn vốn trên 21.245,7 tỷ đồng")
            planned = _calendar_word_re("plan_verb").search(self._sentence(q, sentence_start))
            return self.periods[stock].period if self._states_result(q, sentence_start) and not planned else None
        if i >= 0 and self.setting[i] >= 0 and q.span.start < self.context_end[self.setting[i]]:
            setting = self.periods[self.setting[i]]
            if self.setting[i] != self.lead_index and setting.period.span is not None \
                    and not _is_heading(self.text, setting.period.span) \
                    and _calendar_word_re("plan_verb").search(self._sentence(q, sentence_start)):
                return None  # "Kỳ họp sẽ ban hành 8 nghị quyết": a plan, not a result of the period before
            return setting.period
        return self._lead_period(i, q, sentence_start)

    def _after_base(self, q: QuantityLike) -> Period | None:
        """The period of a figure that has none, from a base of part of a year after it in its sentence: the same
        months a year later ("xuất khẩu 1,9 tỷ USD, bằng 99,9% so với quý I-2008" is the first quarter of 2009), when
        the text reports on that later year. A whole year ("so với năm 2015") says nothing: a plan may compare
        with any year before.
        """
        m = _BASE_CLAUSE_END_RE.search(self.text, q.span.end)  # its comparisons run over commas ("…, bằng 77% so với")
        for mention in self.between(q.span.end, m.start() if m else len(self.text)):
            start, end = mention.period.start, mention.period.end
            if mention.kind != "base" or start is None or end is None:
                if mention.kind in ("period", "past"):
                    return None  # "…, năm 2023 tăng 5% so với quý I/2022": another period's clause
                continue
            if start.year != end.year or (start.month, end.month) == (1, 12) or end.year + 1 not in self.years_reported:
                return None  # "tăng 3% so với quý II/2021" in a text on 2021 compares with the quarter before
            return _year_after(mention.period)
        return None

    def _sentence(self, q: QuantityLike, sentence_start: int) -> str:
        """The figure's sentence, up to its end."""
        m = _SENTENCE_END_RE.search(self.text, q.span.end)
        return self.text[sentence_start:m.start() if m else len(self.text)]

    def _states_result(self, q: QuantityLike, sentence_start: int) -> bool:
        """Does the figure's sentence report a result or a stock ("đạt", "tăng", "có", "là")?"""
        sentence = self._sentence(q, sentence_start)
        return any(_calendar_word_re(kind).search(sentence) for kind in ("reporting_verb", "stock_verb"))

    def _lead_period(self, i: int, q: QuantityLike, sentence_start: int) -> Period | None:
        """The lead's period for a result reported anywhere after it ("Kinh tế tháng 1/2017 … Tổng mức bán
        lẻ đạt …"), until a new period sets the context: not for a plan's figure ("dự kiến", "kế hoạch")
        nor for a sentence that names a year of its own.
        """
        if self.lead_index < 0 or i < 0 or self.setting[i] != self.lead_index:
            return None
        sentence = self._sentence(q, sentence_start)
        reported = _calendar_word_re("reporting_verb").search(sentence)
        if _YEAR_RE.search(sentence) or _plan_re().search(sentence) or not reported:
            return None
        return self.periods[self.lead_index].period
