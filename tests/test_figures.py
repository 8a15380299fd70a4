"""Figures and dates, table-driven from fixtures/figures and fixtures/dates.

A figure case lists the figures a sentence must yield, in order; each expected figure names only
the fields it checks (value and unit always), so a case states exactly what it is about.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import govreport
from conftest import load_cases


def _published(case: dict) -> dt.date | None:
    return dt.date.fromisoformat(str(case["published"])) if case.get("published") else None


def _figure_view(figure: govreport.Figure, wanted: dict) -> dict:
    """The fields of ``figure`` that the expected record names, in the expected record's terms."""
    view: dict = {}
    for key in wanted:
        if key in ("value", "low", "high", "total"):
            value = getattr(figure, key)
            view[key] = None if value is None else value
        elif key == "metric":
            view[key] = figure.metric.text if figure.metric else None
        elif key in ("period_start", "period_end"):
            attr = getattr(figure.period, key.removeprefix("period_"), None) if figure.period else None
            view[key] = attr.isoformat() if attr else None
        elif key == "comparisons":
            view[key] = [{k: (c.value if k == "value" else getattr(c, k)) for k in w}
                         for c, w in zip(figure.comparisons, wanted["comparisons"])]
            if len(figure.comparisons) != len(wanted["comparisons"]):
                view[key] = [{"count": len(figure.comparisons)}]
        else:
            view[key] = getattr(figure, key)
    return view


def _normalize_expected(wanted: dict) -> dict:
    out = dict(wanted)
    for key in ("value", "low", "high", "total"):
        if out.get(key) is not None:
            out[key] = Decimal(str(out[key]))
    if "comparisons" in out:
        out["comparisons"] = [{**c, **({"value": Decimal(str(c["value"]))} if c.get("value") is not None else {})}
                              for c in out["comparisons"]]
    return out


@pytest.mark.parametrize("case", load_cases("figures/*.yaml"))
def test_figure_table(case: dict) -> None:
    report = govreport.parse(case["text"], published=_published(case))
    expected = case["expected"]
    assert len(report.figures) == len(expected), [f.raw for f in report.figures]
    for figure, wanted in zip(report.figures, expected):
        assert _figure_view(figure, wanted) == _normalize_expected(wanted)


@pytest.mark.parametrize("case", load_cases("dates/*.yaml"))
def test_date_table(case: dict) -> None:
    report = govreport.parse(case["text"], published=_published(case))
    got = [{"value": d.value.isoformat(), "part_of_day": d.part_of_day} for d in report.dates]
    want = [{"value": str(e["value"]), "part_of_day": e.get("part_of_day")} for e in case["expected"]]
    assert got == want
