"""Periods anchored to the document's own date (fixtures/periods/*.yaml), and the period each figure
gets (fixtures/periods/figures/*.yaml)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

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
