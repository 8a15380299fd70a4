"""Dates ("Sáng ngày 21/6/2022", "ngày 21 tháng 6 năm 2022") and periods ("6 tháng đầu năm 2022", "quý I/2023").

Our own patterns find the spans; the values are computed here, never guessed by a free-text date
search (dateparser's ``search_dates`` reads "57,3%" as a date). A date or period written without a
year takes the anchor's: ``published``, else for an undated text the year it writes most often
(plans and comparison bases left out), else the year after its latest base ("so với cùng kỳ năm
2023" is written in 2024); a period that would start after the anchor is last year's, and a day is
given the year that puts it nearer the anchor (a deadline weeks ahead stays this year). Stocks at a
day ("Tính đến ngày 20/4/2017") are periods with no start. News forms are read too: a month in words before a year
or a result ("tháng Mười ước tính tăng"), a year after a dot ("tháng 3.2018", "quý 1.2017"), and last year's
period ("quý I năm ngoái", "tháng 7 năm trước": kind "past"), "nửa đầu của năm 2015" and a bare "nửa năm" reported
on ("Nửa năm mới đạt …"), a stock at a period's end opening its sentence ("Cuối tháng 8/2021, …"), and a month or
quarter written without its number ("trong tháng", "quý này": the last one named before it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from functools import cache
from typing import NamedTuple

from .. import lexicon
from ..lexicon import CalendarEntry, MeetingCueEntry, alternation, scan_alternation
from ..models import DateMention, PartOfDay, Period, Span
from ..numbers import YEAR, parse_number, parse_roman

__all__ = ["DAY_LIST_RE", "LAST_YEAR_TAIL", "YearContext", "extract_dates", "find_periods", "in_year",
           "PeriodMention", "planned_after", "year_to_date"]


class YearContext:
    """Where a missing year comes from.

    A period ("6 tháng đầu năm") takes the year of ``published`` (see :meth:`period_year`). A date ("Sáng 12/1")
    takes ``published``, else the year the document writes most often (ties: the latest): news is
    about its own year, while a year just before a date may be history ("… từ 19/4/1972").
    Years that end or start a range ("2011 – 2020") say nothing about when the text was written.
    """

    # (?<![\d.,]) checked after the first digit: a pattern that opens with a character class lets the engine
    # skip to the next "1" or "2", one that opens with a lookbehind is tried at every position (4x slower).
    # A dot before a year is a number's ("1.2000"), except after a day and month: "30.4.1975" is a date.
    _YEAR_RE = re.compile(r"[12](?:(?<![\d.,][12])|(?<=\d[./]\d\.[12])|(?<=\d[./]\d\d\.[12]))"
                          r"(?:(?<=1)9[5-9]\d|(?<=2)0[0-4]\d)(?![\d/.,]\d|/)")
    # Reach of the words before a year that make it a target ("đến năm 2030", "phấn đấu năm 2025").
    _TARGET_REACH = 30
    # Reach of a closing word before a year ("quyết toán ngân sách thành phố năm 2003").
    _CLOSING_REACH = 60
    # Reach of "nhiệm kỳ" before the end year of its range ("nhiệm kỳ 2020 - 2025", "(nhiệm kỳ 2016-2021)").
    _TENURE_REACH = 24
    _BASE_RE = re.compile(r"(?i:cùng\s{1,3}kỳ|so\s{1,3}với)(?:\s{1,3}năm)?\s{1,3}\Z")
    _RANGE_BEFORE_RE = re.compile(r"\d\s{0,3}[-–]\s{0,3}\Z")
    # "tháng 3-2005", "quý II-2025", "21-6-2022": a month or a day before the dash, not a range
    _DAY_OR_MONTH_BEFORE_RE = re.compile(
        r"(?:(?i:tháng|quý)\s{1,3}[\dIV]{1,3}|\d{1,2}[-/.]\d{1,2})\s{0,2}[-–]\s{0,2}\Z")
    _RANGE_AFTER_RE = re.compile(r"\s{0,3}[-–]\s{0,3}\d")

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.published = published
        self.positions: list[int] = []
        self.years: list[int] = []
        counts: dict[int, int] = {}
        bases: list[int] = []
        for m in self._YEAR_RE.finditer(text):
            if self._BASE_RE.search(text, max(0, m.start() - 20), m.start()) \
                    or _closing_before_re().search(text, max(0, m.start() - self._CLOSING_REACH), m.start()):
                bases.append(int(m.group()))
                continue
            if _words_before_re("target").search(text, max(0, m.start() - self._TARGET_REACH), m.start()):
                continue  # a target year never becomes the year of a reported result
            year = int(m.group())
            if planned_after(text, m.end()):
                continue  # "Ngay trong năm 2005, Hà Nội sẽ …": a plan's year, not the text's own
            if published is not None and year > published.year:
                continue  # a year after the document's own date is a plan, not its context
            if _tenure_before_re().search(text, max(0, m.start() - self._TENURE_REACH), m.start()):
                continue  # "nhiệm kỳ 2020 - 2025": the term runs from its start, the year a congress opens it
            self.positions.append(m.start())
            self.years.append(year)
            dated = self._DAY_OR_MONTH_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
            if dated or not (self._RANGE_BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
                             or self._RANGE_AFTER_RE.match(text, m.end())):
                counts[year] = counts.get(year, 0) + 1
        self.usual_year = max(counts, key=lambda y: (counts[y], y)) if counts else None
        # "tăng 8% so với cùng kỳ năm 2023" is written in 2024: the year after the latest base
        self.base_year = max(bases) + 1 if bases else None

    def period_year(self, position: int) -> int | None:
        """The year of a period written without one ("6 tháng đầu năm", "quý II"): the anchor's
        year (issue 10 §4). A text without a date of its own is anchored to the year it writes most
        often, else to the year after its latest comparison base; a text with no year has none.
        """
        if self.published is not None:
            return self.published.year
        return self.usual_year or self.base_year

    def year_near(self, position: int, prefer_published: bool = False) -> int | None:
        """The year a date or period at ``position`` takes when it writes none (see the class)."""
        if prefer_published:
            if self.published is not None:
                return self.published.year
            if self.usual_year is not None:
                return self.usual_year
        i = bisect_left(self.positions, position)
        if i > 0:
            return self.years[i - 1]
        if self.published is not None:
            return self.published.year
        return self.years[i] if i < len(self.years) else None


@cache
def _calendar(kind: str) -> dict[str, int | None]:
    """Calendar words of one kind (data/calendar.yaml), lower-cased, with their values."""
    return {s.lower(): e.value for e in lexicon.entries("calendar", CalendarEntry) if e.kind == kind
            for s in e.surfaces}


@cache
def _words_before_re(*kinds: str) -> re.Pattern[str]:
    """Calendar words of ``kinds`` right before a position: a target before a year ("đến năm 2030",
    ``target``), a reporting word before a month count ("tính chung 3 tháng", ``reporting_lead``).
    """
    words = alternation(s for kind in kinds for s in _calendar(kind))
    return re.compile(rf"(?<!\w)(?i:{words})\s{{1,3}}\Z")


@cache
def _tenure_before_re() -> re.Pattern[str]:
    """The end year of a tenure follows: "nhiệm kỳ 2020 - |2025" (the tenure word from data/meeting_cues.yaml)."""
    words = alternation(s for e in lexicon.entries("meeting_cues", MeetingCueEntry) if e.sets == "tenure"
                        for s in e.surfaces)
    return re.compile(rf"(?<!\w)(?i:{words})\s{{1,3}}(?:19|20)\d\d\s{{0,3}}[-–]\s{{0,3}}\Z")


@cache
def _closing_before_re() -> re.Pattern[str]:
    """A closing word a few words before a year, in its clause: "quyết toán ngân sách năm 2003"."""
    return re.compile(rf"(?<!\w)(?i:{alternation(_calendar('closing'))})(?!\w)[^\d,;.:!?()]{{0,50}}\Z")


@cache
def _cumulative_re() -> re.Pattern[str]:
    """A cumulative word a few words before an amount: "lũy kế đạt 6.384 tỷ đồng", "cộng dồn thực hiện …"."""
    return re.compile(rf"(?<!\w)(?i:{alternation(_calendar('cumulative'))})(?!\w)[^\d,;.:!?()]{{0,30}}\Z")


_CUMULATIVE_REACH = 40


def year_to_date(text: str, position: int, period: Period) -> Period:
    """The period of an amount at ``position``: a month's or a quarter's period runs from 1 January
    when a cumulative word stands just before the amount ("tháng 5 …, lũy kế đạt 6.384,4 tỷ đồng").
    """
    start, end = period.start, period.end
    if start is None or end is None or start.year != end.year or (start.month, start.day) == (1, 1) \
            or not _cumulative_re().search(text, max(0, position - _CUMULATIVE_REACH), position):
        return period
    return period.model_copy(update={"start": dt.date(start.year, 1, 1)})


@cache
def _plan_after_re() -> re.Pattern[str]:
    """A plan verb after a year, in its sentence: "năm 2025, huyện sẽ …", "năm 2024 dự kiến …"."""
    return re.compile(rf"[^.;!?\n]{{0,40}}?(?<!\w)(?i:{alternation(_calendar('plan_verb'))})(?!\w)")


_PLAN_REACH = 60


def planned_after(text: str, position: int) -> bool:
    """Does a plan verb follow ``position`` in its sentence ("… năm 2005, Hà Nội sẽ tiến hành")?"""
    return _plan_after_re().match(text, position, min(len(text), position + _PLAN_REACH)) is not None


@cache
def _future_before_re() -> re.Pattern[str]:
    """Words a little before a month that make it a plan: "dự kiến tháng 12", "kế hoạch tháng 10"."""
    return re.compile(rf"(?<!\w)(?i:{alternation([*_calendar('future'), *_calendar('plan_verb')])})(?!\w)")


@cache
def _month_word_re() -> str:
    """A month written in words: a name ("Giêng", "Chạp") or a number word ("ba", "Mười Hai")."""
    words = alternation(s for e in lexicon.load("number_words") for s in e.surfaces)
    names = alternation(_calendar("month"))
    return rf"(?i:{names}|(?:{words})(?:\s{{1,3}}(?:{words}))?)(?!\w)"


def _month_value(text: str) -> int | None:
    """The month a written month stands for: "Giêng" -> 1, "Mười Hai" -> 12, "6" -> 6."""
    folded = " ".join(text.lower().split())
    value = _calendar("month").get(folded)
    if value is None:
        number = parse_number(folded) if not folded.isdigit() else int(folded)
        value = int(number) if number is not None and number == int(number) else None
    return value if value is not None and 1 <= value <= 12 else None


def _two_digit_year(text: str, anchor: dt.date | None) -> int:
    """A year written with two digits ("3/3/17", "15/8/98"): the century that puts it nearest
    to (and not more than 10 years after) the document's date, else before 2050.
    """
    short = int(text)
    if len(text) == 4:
        return short
    pivot = (anchor.year if anchor else 2040) + 10
    year = 2000 + short if 2000 + short <= pivot else 1900 + short
    return year


@cache
def _weekday_before_re() -> re.Pattern[str]:
    """A weekday written shortly before a date: "chủ nhật, ngày 9 tháng 4", "Thứ Năm, 08/07"."""
    days = alternation(_calendar("weekday"))
    return re.compile(rf"(?<!\w)(?P<weekday>(?i:{days}))(?!\w)[\s,(]{{0,4}}\Z")


def _weekday_before(text: str, position: int) -> re.Match[str] | None:
    """The weekday that dates the text at ``position``; "thứ 5" after a word is an ordinal
    ("Kỳ họp thứ 5, ngày 12/7"), so a lower-case "thứ" must open its line or follow punctuation.
    """
    m = _weekday_before_re().search(text, max(0, position - 24), position)
    if m is None or not m.group("weekday").startswith("thứ"):
        return m
    previous = text[max(0, m.start() - 3):m.start()].rstrip(" ")
    return None if previous and previous[-1].isalnum() else m


def _year_by_weekday(weekday: int, month: int, day: int, anchor: int) -> int | None:
    """The year nearest ``anchor`` in which day/month falls on ``weekday`` (a weekday fixes the year)."""
    for delta in (0, 1, -1, 2, -2, 3, -3):
        value = _valid_date(anchor + delta, month, day)
        if value is not None and value.weekday() == weekday:
            return anchor + delta
    return None


@cache
def _part_of_day() -> dict[str, PartOfDay]:
    return {s: e.id for e in lexicon.load("time_words") for s in e.surfaces}  # type: ignore[misc]


@cache
def _lead_re() -> re.Pattern[str]:
    """What may stand before a date, read backwards from its first digit: "Sáng ngày", "Chiều nay (", "ngày"."""
    parts = alternation(_part_of_day())
    day_leads = alternation(_calendar("day_lead"))
    return re.compile(
        rf"""
        (?<![^\W\d_])                                            # "18:36Sáng 20/5": a clock glued on
        (?:(?P<part>(?i:{parts}))\s{{1,3}}(?:(?i:nay|hôm\s{{1,3}}nay)\s{{0,3}}\(?\s{{0,2}})?)?  # Sáng / Chiều nay (
        (?:(?P<lead>(?i:ngày|hôm|{day_leads}))\s{{1,3}})?                                    # ngày, mồng
        \Z""",
        re.VERBOSE,
    )


@cache
def _date_re() -> re.Pattern[str]:
    """A date; it starts on a digit, so the scan skips all other text at C speed."""
    return re.compile(
        rf"""
        (?=\d)(?<![\d/.,\-])
        (?:
            (?P<d>\d{{1,2}})\s{{0,2}}(?P<sep>[/.\-])\s{{0,2}}(?P<m>\d{{1,2}})        # 21/6
            (?:\s{{0,2}}(?P=sep)\s{{0,2}}(?P<y>{YEAR}|\d{{2}}))?                        # /2022, /17
          | (?P<d2>\d{{1,2}})\s{{1,3}}tháng\s{{1,3}}(?P<m2>\d{{1,2}}|{_month_word_re()})  # 21 tháng 6, 3 tháng Giêng
            (?:\s{{1,3}}năm\s{{1,3}}(?P<y2>{YEAR}))?                                   # năm 2022
        )
        (?![\d/.\-]?\d|/[A-ZĐ])                                                       # not 21/6/20xx... or 15/NQ
        """,
        re.VERBOSE,
    )


def _valid_date(year: int | None, month: int | None, day: int) -> dt.date | None:
    if year is None or month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def extract_dates(text: str, years: YearContext) -> list[DateMention]:
    """Every absolute date in ``text``; a day and month without a year need "ngày" or a part of day.

    >>> ctx = YearContext("", dt.date(2022, 6, 21))
    >>> [(d.value.isoformat(), d.part_of_day) for d in extract_dates("Sáng ngày 21/6/2022, chiều 12/1", ctx)]
    [('2022-06-21', 'morning'), ('2022-01-12', 'afternoon')]
    """
    found = []
    for m in _date_re().finditer(text):
        day, month, year_text = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
            m.group("d2"), m.group("m2"), m.group("y2"))
        lead = _lead_re().search(text, max(0, m.start() - 30), m.start())
        part_word = lead.group("part") if lead else None
        before = lead.start() if lead and lead.start() < m.start() else m.start()
        weekday = _weekday_before(text, before)
        led = bool(lead and (part_word or lead.group("lead"))) or weekday is not None \
            or DAY_LIST_RE.search(text, max(0, m.start() - _DAY_LIST_REACH), m.start()) is not None
        if year_text is None and not led:
            continue  # "15/24" is a part of a whole, not a date
        if m.group("sep") in (".", "-") and year_text is None and not led:
            continue  # "21-6" or "2.5" alone: too ambiguous; "Ngày 21-6", "chiều 10-2" are dates
        month_value = _month_value(month)
        if year_text:
            year: int | None = _two_digit_year(year_text, years.published)
        else:
            year = years.year_near(m.start(), prefer_published=True)
        settled = False  # a weekday that fits one year settles it: no lag correction below
        if weekday and year is not None and month_value is not None and not year_text:
            day_of_week = _calendar("weekday").get(" ".join(weekday.group("weekday").lower().split()))
            by_weekday = _year_by_weekday(day_of_week, month_value, int(day), year) if day_of_week is not None else None
            if by_weekday is not None:
                year, settled = by_weekday, True
        value = _valid_date(year, month_value, int(day))
        if value is None:
            continue
        published = years.published
        if year_text is None and not settled and published is not None and value > published + _REPORTING_LAG:
            earlier = _valid_date(value.year - 1, value.month, value.day)  # "Tối 31/12" told on 3 January
            if earlier is not None and published - earlier < value - published:
                value = earlier  # otherwise the nearer day is ahead: a deadline ("trước ngày 15/12") or a fixed date
        start = lead.start() if lead and lead.start() < m.start() else m.start()
        part = _part_of_day().get(_SPACES_RE.sub(" ", part_word.lower())) if part_word else None
        form = "day month year" if year_text else ("day month, year from weekday" if settled else
                                                   "day month, year from the document")
        found.append(DateMention(value=value, part_of_day=part, rule=f"date: {form}",
                                 span=Span(start=start, end=m.end(), text=text[start:m.end()])))
    return found


_SPACES_RE = re.compile(r"\s{1,3}")
# Days listed before the date that closes them: "Trong 2 ngày 7 và 8-5", "ngày 27, 28/6" (the first is group 1).
DAY_LIST_RE = re.compile(
    r"(?<!\w)(?i:ngày)\s{1,3}(\d{1,2})(?:\s{0,2},\s{0,2}\d{1,2}){0,3}\s{0,2}(?:,|\s(?i:và))\s{1,3}\Z")
_DAY_LIST_REACH = 30
_REPORTING_LAG = dt.timedelta(days=7)  # within this after publication, a date without its year is this year's


class PeriodMention(NamedTuple):
    """A period found in text: its value, and whether it only names a tenure or a comparison base."""

    period: Period
    kind: str  # "period" | "past" (last year's: "quý I năm ngoái") | "tenure" | "base" | "event"
    as_of: bool = False  # a stock counted at a day: "tính đến ngày 20/4/2017" (start is None)


_QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
# Between a month or a quarter and its year: "tháng 6/2022", "quý II-2025", "quý I năm 2023", and in news "tháng
# 3.2018", "quý 1.2017" (a dot only with no space, so a sentence's full stop before a year is none)
_YEAR_AFTER = r"(?:\s{0,3}(?:/|năm|-)\s{0,3}|\.(?=\d{4}))"

# The letters a period written in the pattern below starts with (any case), besides digits and the first letters
# of the calendar words it reads: cả năm, giai đoạn, hai quý, nửa / năm / nhiệm kỳ, quý, tháng. A window is
# read around every "năm" and "tháng", so the pattern looks at the first character before trying its cases;
# tests/test_dates.py checks that every case of the pattern starts with one of them.
_PERIOD_FIRST_LETTERS = "cghnqt"


@cache
def _period_re() -> re.Pattern[str]:
    """Every period form; "từ đầu năm đến nay" comes from data/calendar.yaml (``since``)."""
    since = alternation(_calendar("since"))
    reporting = alternation(_calendar("reporting_months"))
    # after a month written in words, what makes it the month reported on: "tháng Mười ước tính tăng 8,8%",
    # "tháng Tám vừa qua"; a name ("Cách mạng tháng Tám", "Công ty lâm nghiệp tháng Năm") has none of these
    result_after = alternation([*_calendar("reporting_verb"), *_calendar("months_lead")])
    firsts = sorted({*_PERIOD_FIRST_LETTERS, *(w[0] for w in [*_calendar("since"), *_calendar("reporting_months")])})
    return re.compile(
    rf"""
    (?=[\d{re.escape("".join(firsts))}])  # the first character of some period: elsewhere no case is tried
    (?:
    (?P<since>(?i:{since}))(?!\w)                                                   # từ đầu năm đến nay
  |
    (?P<months>\d{{1,2}}|(?i:{reporting}))\s{{1,3}}tháng   # 6 tháng / 9 tháng
        (?:\s{{1,3}}(?P<half>đầu|cuối))?(?:\s{{1,3}}năm)?                                 # đầu năm
        (?:\s{{1,3}}(?P<my>{YEAR}))?                                                     # 2022
  | (?P<halfyear>(?i:nửa|hai\s{{1,3}}quý))(?:\s{{1,3}}(?P<hw>đầu|cuối))?                  # nửa đầu năm, nửa năm
        (?:\s{{1,3}}(?i:của))?\s{{1,3}}năm                                                # nửa đầu của năm
        (?:\s{{1,3}}(?P<hy>{YEAR}))?
  | (?i:quý)\s{{1,3}}(?P<q>IV|III|II|I|[1-4])(?![\w])                                   # quý I
        (?:{_YEAR_AFTER}(?P<qy>{YEAR}))?                                             # /2023, năm 2023, .2017
  | (?i:tháng)\s{{1,3}}(?P<m>\d{{1,2}}){_YEAR_AFTER}(?P<mdy>{YEAR})                          # tháng 6/2022, 3.2018
  | (?<!\d\s)(?<!\d)(?i:tháng)\s{{1,3}}(?P<m1>\d{{1,2}})(?![\d/\-]|\.\d|\s{{1,3}}(?:năm\s{{1,3}})?\d)  # tháng 5, 6.
  | (?i:tháng)\s{{1,3}}(?-i:(?=[A-ZĐ]))(?P<mw>{_month_word_re()})        # tháng Mười, before a year or a result
        (?=\s{{0,3}}(?:[/\-]|năm\s{{1,3}}(?:{YEAR}|nay|ngoái|trước))       # (not a name: "Cách mạng tháng Tám")
          |\s{{1,3}}(?:{result_after})(?!\w))                                # ước tính tăng, vừa qua
        (?:{_YEAR_AFTER}(?P<mwy>{YEAR}))?                                             # năm 2015
  | (?P<tenure_word>(?i:nhiệm\s{{1,3}}kỳ|giai\s{{1,3}}đoạn))\s{{1,3}}                       # nhiệm kỳ 2020- 2025
        (?P<from>{YEAR})\s{{0,3}}[-–]\s{{0,3}}(?P<to>{YEAR})
  | (?P<year_word>(?i:năm|cả\s{{1,3}}năm))\s{{1,3}}(?P<y>{YEAR})(?![\d/])                   # năm 2022
        (?:\s{{0,3}}(?:[-–]|(?i:đến|tới))\s{{0,3}}(?:(?i:năm)\s{{1,3}})?(?P<y_to>{YEAR})(?![\d/])
           |\s{{1,3}}(?P<to_now>(?i:đến|tới)\s{{1,3}}nay)(?!\w))?  # -2025, đến năm 2025, đến nay
  | (?P<whole>(?i:cả\s{{1,3}}năm))(?!\w|\s{{1,3}}\d)                                      # cả năm (the anchor's)
  | (?<!\d\s)(?<!\d)(?P<this_year>(?i:năm\s{{1,3}}nay))(?!\w)                                 # năm nay
    )
    """,
    re.VERBOSE | re.IGNORECASE,
    )
# Every period names a month, quarter, year or term: the scan looks for these words first and
# reads the period around each, instead of trying the whole pattern at every letter.
_PERIOD_ANCHOR_WORDS = ("tháng", "quý", "năm", "kỳ", "đoạn")
_PERIOD_ANCHOR_RE = re.compile(
    alternation([v for w in _PERIOD_ANCHOR_WORDS for v in (w, w.capitalize(), w.upper())]) + r"(?!\w)")
_PERIOD_REACH = 24  # how far before its anchor word a period may start ("hai quý đầu năm", "mười hai tháng")
_AS_OF_RE = re.compile(r"(?<!\w)(?i:tính\s{1,3})?(?i:đến|tới)(?:\s{1,3}(?i:hết|cuối))?"
                       r"(?:\s{1,3}(?i:thời\s{1,3}điểm))?(?:\s{1,3}(?i:hết|cuối))?\s{1,3}\Z")


def as_of_start(text: str, start: int, end: int | None = None) -> int:
    """Where the words that make a period a stock's date ("đến hết năm 2016", "tính đến năm 2010") start, before the
    period at ``start``; ``start`` itself when none stand there. "Theo đó, đến năm 2010 cả nước có …" opens its
    sentence with them, so the date sets the context of its paragraph like "Tính đến 20/1/2017, …".
    """
    m = _AS_OF_RE.search(text, max(0, start - 20), start) or _END_OPENING_RE.search(text, max(0, start - 12), start)
    if m is None and end is not None and text.startswith(",", end) and _stock_after_re().match(text, end + 1):
        m = _END_ADVERBIAL_RE.search(text, max(0, start - 12), start)  # "…, cuối năm 2023, toàn tỉnh còn …"
    return m.start() if m else start


# "Cuối" opening a sentence before a month or a year, or between commas: "Cuối tháng 8/2021, toàn tỉnh có 10.903
# doanh nghiệp", "Theo kết quả rà soát, cuối năm 2023, toàn tỉnh còn 9.604 hộ nghèo" count a stock at the period's
# end (between commas only before a stock verb); not "Kỳ họp cuối năm 2021" (a meeting), ", cuối năm 2006, thành phố
# sẽ triển khai …" (when something happens)
_END_OPENING_RE = re.compile(r"(?:^|[.!?\n]\s{0,3})(?:[\-–•*+]\s{0,2})?(?-i:Cuối)\s{1,3}\Z")
_END_ADVERBIAL_RE = re.compile(r",\s{1,3}(?i:cuối)\s{1,3}\Z")  # between commas: ", cuối năm 2023, …"


@cache
def _stock_after_re() -> re.Pattern[str]:
    """A stock verb (calendar.yaml stock_verb) within a few words: "toàn tỉnh còn", "huyện có"; not "thành phố sẽ
    triển khai", "do giá xe tăng" (what happened at that time).
    """
    verbs = alternation(_calendar("stock_verb"))
    return re.compile(rf"(?:\s{{1,3}}[^\s\d,;.:!?()]{{1,12}}){{0,3}}?\s{{1,3}}(?i:{verbs})(?!\w)")


# A stock counted at a day: "Tính đến ngày 20/4/2017", "Đến thời điểm 15/1/2017", "tại thời điểm 31/12/2015".
_AS_OF_DAY_RE = re.compile(
    r"""
    [TtĐđ](?<!\w.)            # the first letter, with no word before it: a class first lets the scan skip text
    (?i:(?:(?<=t)ính\s{1,3}(?:đến|tới)|(?<=đ)ến|(?<=t)ới)                     # Tính đến, Đến, Tới
        (?:\s{1,3}hết)?(?:\s{1,3}thời\s{1,3}điểm)?                              # Đến hết, Đến thời điểm
      | (?<=t)hời\s{1,3}điểm)                                                  # (tại) thời điểm
    (?:\s{1,3}(?i:ngày))?\s{1,3}\(?                                              # ngày
    (?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>(?:19|20)\d\d))?   # 20/4/2017, 31/12
    (?![\d/.\-]?\d|/[A-ZĐ])
    """,
    re.VERBOSE,
)
# "vào (cuối) tháng 12" after a verb: the month an event happens in ("sẽ thông qua vào cuối tháng 12")
_EVENT_BEFORE_RE = re.compile(r"\w\s{1,3}(?i:vào)(?:\s{1,3}(?i:cuối|đầu|giữa))?\s{1,3}\Z")
# A comparison base runs from "so với" to the end of its phrase, over a few words without a number or
# punctuation: "so với cùng kỳ năm 2021", "so với dự toán HĐND huyện giao năm 2022", "so với kết quả
# thực hiện năm 2020" (a base's period is what a figure is compared with, never the figure's own).
@cache
def _base_before_re() -> re.Pattern[str]:
    """A comparison base running up to a period. A when-clause word (calendar.yaml when_clause) opens a clause of
    its own and ends the base: "… so với cùng kỳ các năm trước khi quý 1.2017 chỉ tăng 12,8%".
    """
    when = alternation(_calendar("when_clause"))  # khi
    return re.compile(rf"(?<!\w)(?i:so\s{{1,3}}với|cùng\s{{1,3}}kỳ|so)\s{{1,3}}"  # so với / cùng kỳ
                      rf"(?:(?!(?i:{when})\s)[^\s\d,;.:!?()]{{1,12}}\s{{1,3}}){{0,8}}\Z")  # năm 2021, not "khi …"


_BASE_REACH = 80
# The day of a date in words before a month or a year: "ngày 27 tháng 6 năm 2016" is a date, and neither
# "tháng 6 năm 2016" nor "năm 2016" in it is a period (Markdown emphasis may split it: "ngày*\n*02 tháng 12").
# A draft's date line leaves its day or month blank ("ngày     tháng 11 năm 2025", "ngày….. tháng….. năm 2024"):
# still a date to be filled in, no period.
_DAY_REACH = 40  # "ngày **24** tháng** 11** năm 2025": emphasis marks widen a date in words
_DAY_IN_WORDS_BEFORE_RE = re.compile(
    r"(?<!\w)(?i:ngày|mồng|mùng)(?:[\s*]{1,4}\d{1,2}[\s*]{1,3}|[\s*]{0,2}[\s.…_]{2,12})"
    r"(?:(?i:tháng)(?:[\s*]{1,3}\d{1,2}[\s*]{1,3}|[\s*]{0,2}[\s.…_]{2,12}))?\Z")


@cache
def _reporting_verb_re() -> re.Pattern[str]:
    """A result verb right after a month count: "thu ngân sách 6 tháng đạt …", "GRDP 9 tháng tăng …", "nửa năm mới
    đạt …" (calendar.yaml result_adverb).
    """
    adverbs = alternation(_calendar("result_adverb"))
    return re.compile(rf"\s{{1,3}}(?:(?i:{adverbs})\s{{1,3}})?(?i:{alternation(_calendar('reporting_verb'))})(?!\w)")


def _reports_months(text: str, start: int, end: int, count: int) -> bool:
    """Is "6 tháng" (no "đầu năm") the first months of the year? Yes after "tính chung", "lũy kế",
    "bình quân", or before a result verb; and for 3 to 11 months after or before "qua" ("qua 9 tháng",
    "6 tháng qua") or after a clause-opening "trong" ("Trong 6 tháng, …"), unless a duration word follows
    ("trong 6 tháng kể từ …", "trong 3 tháng tới"); "Sau 6 tháng,", "thi công trong 6 tháng" and "trong
    1 tháng" stay durations.
    """
    if _words_before_re("reporting_lead", "cumulative").search(text, max(0, start - 16), start) \
            or _reporting_verb_re().match(text, end):
        return True
    if not _MONTHS_REPORTED[0] <= count <= _MONTHS_REPORTED[1] or _months_after_re("duration_after").match(text, end):
        return False
    return bool(_words_before_re("months_lead").search(text, max(0, start - 16), start)
                or _months_after_re("months_lead").match(text, end)
                or _months_opening_re().search(text, max(0, start - 16), start))


@cache
def _months_opening_re() -> re.Pattern[str]:
    """A month count opening its clause after "trong" ("Trong 6 tháng, …", "…; trong 4 tháng có …"); mid-clause
    ("được thi công trong 6 tháng") it is a duration.
    """
    return re.compile(rf"(?:^|[,;.:!?\n]\s{{0,3}})(?i:{alternation(_calendar('months_opening'))})\s{{1,3}}\Z")


_MONTHS_REPORTED = (3, 11)  # month counts "trong …"/"… qua" reads as the months reported on: a quarter to 11 months


@cache
def _months_after_re(kind: str) -> re.Pattern[str]:
    """Calendar words of ``kind`` right after a month count: "6 tháng qua", "3 tháng tới"."""
    return re.compile(rf"\s{{1,3}}(?i:{alternation(_calendar(kind))})(?!\w)")


def _anchored_year(text: str, position: int, first_month: int, years: YearContext) -> int | None:
    """The year of a period written without one: the document's year ("tháng 10" in a report dated
    November 2022 is October 2022); a period that would start after the document's own month is
    last year's ("6 tháng cuối năm" told in January), unless a plan word stands before it
    ("dự kiến tháng 12", "nhiệm vụ 6 tháng cuối năm").
    """
    published = years.published
    if published is None:
        return years.period_year(position)
    if first_month > published.month and not _future_before_re().search(text, max(0, position - 30), position):
        return published.year - 1
    return published.year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_periods(text: str, years: YearContext) -> list[PeriodMention]:
    """Every period named in ``text``, with its dates where the year is known.

    >>> ctx = YearContext("", None)
    >>> [(p.period.text, str(p.period.start), str(p.period.end)) for p in find_periods("6 tháng đầu năm 2022", ctx)]
    [('6 tháng đầu năm 2022', '2022-01-01', '2022-06-30')]
    """
    found = []
    covered = 0
    for anchor in _PERIOD_ANCHOR_RE.finditer(text):
        if anchor.start() < covered:
            continue
        m = next((c for c in _period_re().finditer(text, max(covered, anchor.start() - _PERIOD_REACH),
                                                 min(len(text), anchor.end() + 24))
                  if c.start() <= anchor.start() < c.end()), None)
        if m is None:
            continue
        covered = m.end()
        if _DAY_IN_WORDS_BEFORE_RE.search(text, max(0, m.start() - _DAY_REACH), m.start()):
            continue  # a date in words ("ngày 27 tháng 6 năm 2016"): extract_dates reads it
        dated = _period_dates(text, m, years)
        if dated is None:
            continue
        start, end, kind = dated
        end_at = m.end()
        last_year = _last_year(text, m, years)
        if last_year is not None and start is not None and end is not None:
            year, end_at = last_year
            start, end = in_year(start, year), in_year(end, year)  # "quý I năm ngoái": last year's quarter
        if kind == "period" and _base_before_re().search(text, max(0, m.start() - _BASE_REACH), m.start()):
            kind = "base"  # "so với cùng kỳ năm 2021": what a figure is compared with, not its period
        elif kind == "period" and as_of_start(text, m.start(), end_at) < m.start():
            start = None  # "đến hết năm 2016", "Cuối tháng 8/2021, …": a stock counted at the period's end
        elif kind == "period" and (m.group("m1") or m.group("mw")) \
                and _EVENT_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
            kind = "event"  # "sắp thông qua vào cuối tháng 12": when something happens, not a figure's period
        if last_year is not None and kind == "period":
            kind = "past"  # it dates the amount before it ("7,4 tỷ USD của quý I năm ngoái"), never the ones after
        covered = end_at
        span = Span(start=m.start(), end=end_at, text=text[m.start():end_at])
        found.append(PeriodMention(Period(text=span.text, start=start, end=end, span=span), kind))
    found += _as_of_days(text, years)
    found = sorted(found, key=lambda p: p.period.span.start if p.period.span else 0)
    return sorted(found + _this_unit_periods(text, found), key=lambda p: p.period.span.start if p.period.span else 0)


def _period_dates(text: str, m: re.Match[str], years: YearContext) -> tuple[dt.date | None, dt.date | None, str] | None:
    """The first and last day of the period one match of the period pattern names (None where the year is
    unknown) and its kind ("period" or "tenure"), or None when the match is no period ("sau 6 tháng", "tháng 13/2020").

    Kept apart from :func:`find_periods`, which settles what the words around a period make of it.
    """
    start: dt.date | None = None
    end: dt.date | None = None
    kind = "period"
    if m.group("since"):
        year = years.period_year(m.start())
        if year is None:
            return None
        start, end = dt.date(year, 1, 1), years.published  # up to the document's own date
    elif m.group("months"):
        count = parse_number(m.group("months"))
        if count is None or not 1 <= count <= 12 or not (m.group("half") or m.group("my") or "năm" in m.group()
                                                          or _reports_months(text, m.start(), m.end(), int(count))):
            return None  # "sau 6 tháng", "trong 6 tháng kể từ …" are durations, not periods of the calendar
        first = 13 - int(count) if m.group("half") == "cuối" else 1
        year = int(m.group("my")) if m.group("my") else _anchored_year(text, m.start(), first, years)
        if year is not None:
            if m.group("half") == "cuối":
                start, end = dt.date(year, 13 - int(count), 1), dt.date(year, 12, 31)
            else:
                start, end = dt.date(year, 1, 1), _month_end(year, int(count))
    elif m.group("halfyear"):
        if not m.group("hw") and not _reports_months(text, m.start(), m.end(), 6):
            return None  # "sau nửa năm" is a duration; "Nửa năm mới đạt 30% kế hoạch" the first half reported on
        first = 7 if m.group("hw") == "cuối" else 1
        year = int(m.group("hy")) if m.group("hy") else _anchored_year(text, m.start(), first, years)
        if year is not None:
            start, end = dt.date(year, first, 1), _month_end(year, first + 5)
    elif m.group("q"):
        q = m.group("q")
        number = int(q) if q.isdigit() else parse_roman(q)
        if number is None:
            return None
        first, last = _QUARTERS[number]
        year = int(m.group("qy")) if m.group("qy") else _anchored_year(text, m.start(), first, years)
        if year is None:
            return None
        start, end = dt.date(year, first, 1), _month_end(year, last)
    elif m.group("m"):
        month, year = int(m.group("m")), int(m.group("mdy"))
        if not 1 <= month <= 12:
            return None
        start, end = dt.date(year, month, 1), _month_end(year, month)
    elif m.group("m1") or m.group("mw"):
        # "tháng 5", "tháng Mười năm 2015": a month written in digits or in words
        month_value = _month_value(m.group("m1") or m.group("mw"))
        if month_value is None:
            return None
        month = month_value
        year = int(m.group("mwy")) if m.group("mwy") else _anchored_year(text, m.start(), month, years)
        if year is None:
            return None
        start, end = dt.date(year, month, 1), _month_end(year, month)
    elif m.group("tenure_word"):
        # "nhiệm kỳ 2020-2025" names a term of office; "giai đoạn 2011 - 2016" is the period of a
        # figure in its clause ("tốc độ tăng bình quân giai đoạn 2011 - 2016 đạt 15,07%")
        kind = "tenure" if m.group("tenure_word").lower().startswith("nhiệm") else "period"
        start, end = dt.date(int(m.group("from")), 1, 1), dt.date(int(m.group("to")), 12, 31)
    elif m.group("whole") or m.group("this_year"):
        before = max(0, m.start() - 12)
        if m.group("this_year") and _words_before_re("duration_lead").search(text, before, m.start()):
            return None  # "nhiều năm nay", "mấy năm nay": a duration up to now, not this year
        whole_year = years.period_year(m.start())
        if whole_year is None:
            return None
        start, end = dt.date(whole_year, 1, 1), dt.date(whole_year, 12, 31)
    else:
        year = int(m.group("y"))
        last = int(m.group("y_to")) if m.group("y_to") else year
        if last < year or (m.group("to_now") and years.published is not None and years.published.year < year):
            return None  # "năm 2025 - 2020" is no span, nor "năm 2030 đến nay" in a text of 2024
        # "năm 2020 đến nay" runs to the document's date; in a text without one, its end is unknown
        start, end = dt.date(year, 1, 1), years.published if m.group("to_now") else dt.date(last, 12, 31)
    return start, end, kind


_THIS_UNIT_REACH = 600  # how far back the month a "trong tháng" refers to may be named


@cache
def _this_unit_re() -> re.Pattern[str]:
    """A month or quarter named without its number (calendar.yaml this_unit), not another one (other_unit):
    "trong tháng", "quý này"; not "trong tháng 4", "trong tháng tới".
    """
    other = alternation([*_calendar("other_unit"), *_calendar("duration_after"), *_calendar("future")])  # tháng tới
    return re.compile(rf"(?P<unit>{scan_alternation(_calendar('this_unit'), word_start=True)})(?!\w)"
                      rf"(?!\s{{1,3}}(?:\d|[IVX]+(?!\w)|(?:{other})(?!\w)|\w+\s{{1,3}}(?:năm|\d)))", re.IGNORECASE)


def _this_unit_periods(text: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """The month or quarter a text reports on, written without its number: "Trong tháng 4, thu hút … Thu ngân
    sách trên địa bàn trong tháng ước đạt 891 tỷ đồng" is April's; it is the last single month (or quarter) named
    before it within a bounded reach, and none when no such one is named.
    """
    units = _calendar("this_unit")
    periods = [p for p in found if p.kind == "period" and p.period.span is not None and p.period.start is not None
               and p.period.end is not None]
    starts = [p.period.span.start for p in periods if p.period.span is not None]
    mentions = []
    for m in _this_unit_re().finditer(text):
        months = units[m.group("unit").lower()]
        i = bisect_left(starts, m.start()) - 1
        while i >= 0 and m.start() - starts[i] <= _THIS_UNIT_REACH:
            period = periods[i].period
            assert period.start is not None and period.end is not None and period.span is not None
            single = period.start.year == period.end.year and period.end.month - period.start.month + 1 == months
            if period.span.end <= m.start() and period.start.day == 1 and single \
                    and (months == 1 or period.start.month % 3 == 1):
                span = Span(start=m.start(), end=m.end(), text=m.group())
                mentions.append(PeriodMention(Period(text=span.text, start=period.start, end=period.end, span=span),
                                              "period"))
                break
            i -= 1
    return mentions


# "năm ngoái", "năm trước" after a period written without a year: last year's ("quý I năm ngoái", "tháng 7 năm
# trước", "6 tháng đầu năm trước", where the period's own "năm" is already read)
LAST_YEAR_TAIL = r"\s{1,3}(?i:ngoái|trước)"  # after "năm": last year (figure_periods too)
_LAST_YEAR_RE = re.compile(rf"(?P<year_word>\s{{1,3}}(?i:năm))?{LAST_YEAR_TAIL}(?!\w)")
# the forms of a period that may be written without a year, each with the group of its year
_YEARLESS_FORMS = (("months", "my"), ("halfyear", "hy"), ("q", "qy"), ("m1", "mdy"), ("mw", "mwy"))


def _last_year(text: str, m: re.Match[str], years: YearContext) -> tuple[int, int] | None:
    """Last year, and where its words end, for a period without a year followed by "năm ngoái" / "năm trước": the
    year before the document's own (its date's, else the year it is anchored to); None otherwise.
    """
    if not any(m.group(form) and not m.group(year) for form, year in _YEARLESS_FORMS):
        return None
    after = _LAST_YEAR_RE.match(text, m.end())
    if after is None or not (after.group("year_word") or m.group().lower().endswith("năm")):
        return None
    anchor = years.published.year if years.published is not None else years.period_year(m.start())
    return (anchor - 1, after.end()) if anchor is not None else None


def in_year(day: dt.date, year: int) -> dt.date:
    """The same day of the month in another year (29 February becomes the 28th)."""
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _as_of_days(text: str, years: YearContext) -> list[PeriodMention]:
    """Stocks counted at a day ("Tính đến ngày 20/4/2017, ..."): no start, the day as the end.
    A day without its year takes the anchor's (see :func:`_anchored_year`).
    """
    found = []
    for m in _AS_OF_DAY_RE.finditer(text):
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            continue
        year = int(m.group("y")) if m.group("y") else _anchored_year(text, m.start(), month, years)
        day = _valid_date(year, month, int(m.group("d")))
        if day is None:
            continue
        span = Span(start=m.start(), end=m.end(), text=m.group())
        found.append(PeriodMention(Period(text=m.group(), start=None, end=day, span=span), "period", as_of=True))
    return found
