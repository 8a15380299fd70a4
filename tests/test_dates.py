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
