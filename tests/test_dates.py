"""Periods anchored to the document's own date (fixtures/periods/*.yaml), and the period each figure
gets (fixtures/periods/figures/*.yaml)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from conftest import load_cases
from govreport.normalize import normalize_text
from govreport.rules.dates import YearContext, find_periods


@pytest.mark.parametrize("case", load_cases("periods/*.yaml"))
def test_period_table(case: dict) -> None:
    published = dt.date.fromisoformat(str(case["published"])) if case.get("published") else None
    text = normalize_text(case["text"])
    found = find_periods(text, YearContext(text, published))
    got = [[p.period.text, p.period.start and p.period.start.isoformat(), p.period.end and p.period.end.isoformat()]
           for p in found]
    assert got == [[t, s and str(s), e and str(e)] for t, s, e in case["expected"]]


@pytest.mark.parametrize("case", load_cases("periods/figures/*.yaml"))
def test_figure_period_table(case: dict) -> None:
    """The period each figure of a text gets: value, unit and period of every figure, in order."""
    published = dt.date.fromisoformat(str(case["published"])) if case.get("published") else None
    report = govreport.parse(case["text"], published=published)
    got = [{"value": f.value, "unit": f.unit,
            "period_start": f.period.start.isoformat() if f.period and f.period.start else None,
            "period_end": f.period.end.isoformat() if f.period and f.period.end else None} for f in report.figures]
    assert got == [{**w, "value": Decimal(str(w["value"]))} for w in case["expected"]]


@settings(max_examples=200, deadline=None)
@given(published=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
       month=st.integers(min_value=1, max_value=12), quarter=st.sampled_from(["I", "II", "III", "IV"]))
def test_a_reported_period_without_a_year_never_starts_after_its_anchor(published: dt.date, month: int,
                                                                          quarter: str) -> None:
    """Issue 10 §4: a month or quarter without its year is the latest one that has begun by the anchor."""
    text = f"Trong tháng {month}, thu ngân sách đạt 5 tỷ đồng. Quý {quarter}, chi ngân sách đạt 4 tỷ đồng."
    for p in find_periods(text, YearContext(text, published)):
        assert p.period.start is not None and p.period.end is not None
        assert p.period.start <= published < p.period.start.replace(year=p.period.start.year + 1)


def _first_characters(items: list[tuple[object, object]]) -> set[str]:
    """What a parsed regex (``re._parser``) can match first: lower-cased letters, or "digit"; zero-width
    assertions are skipped, an optional or empty-able part lets what follows it count too.
    """
    from re import _constants as c

    found: set[str] = set()
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        if op is c.LITERAL:
            return found | {chr(av).lower()}
        if op is c.IN:
            for kind, value in av:
                assert kind is c.LITERAL or (kind is c.CATEGORY and value is c.CATEGORY_DIGIT), (kind, value)
            return found | {chr(value).lower() if kind is c.LITERAL else "digit" for kind, value in av}
        if op is c.SUBPATTERN:
            inner = list(av[3])
            return found | _first_characters(inner) if inner else found
        if op is c.BRANCH:
            return found | set().union(*(_first_characters(list(b)) for b in av[1]))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, body = av
            found |= _first_characters(list(body))
            if low > 0:
                return found
            continue
        raise AssertionError(f"no first character known for {op}")
    raise AssertionError("a case of the period pattern can match the empty string")


def test_every_period_case_starts_with_a_character_of_the_lookahead() -> None:
    """``_period_re`` tries its cases only at a digit or a listed letter: a new case that starts with another
    letter must add it to ``_PERIOD_FIRST_LETTERS``, or it would never match.
    """
    from re import _parser

    from govreport.rules.dates import _period_re

    pattern = _period_re()
    parsed = list(_parser.parse(pattern.pattern, pattern.flags))
    lookahead = _first_characters(parsed[:1][0][1][1])  # (?=[...]): what it lets through
    cases = _first_characters(parsed[1:])
    assert len(cases) > 5 and cases <= lookahead, sorted(cases - lookahead)
