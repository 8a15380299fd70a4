"""Periods anchored to the document's own date (fixtures/periods/*.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

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
