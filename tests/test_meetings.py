"""Meetings, table-driven from fixtures/meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import govreport
from conftest import load_cases


def _value(meeting: Any, name: str) -> Any:
    value = getattr(meeting, name)
    if name == "tenure" and value is not None:
        return {"start": value.start, "end": value.end}
    if name == "date" and value is not None:
        return value.isoformat()
    return value


@pytest.mark.parametrize("case", load_cases("meetings/*.yaml"))
def test_meetings(case: dict[str, Any]) -> None:
    """A text yields exactly the meetings of its case, with the fields it lists."""
    published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
    report = govreport.parse(case["text"], published=published)
    expected = case["expected"]
    assert len(report.meetings) == len(expected), [m.kind for m in report.meetings]
    for meeting, want in zip(report.meetings, expected, strict=True):
        assert {name: _value(meeting, name) for name in want} == want
        assert report.text[meeting.span.start:meeting.span.end] == meeting.span.text


