"""References to numbered documents, table-driven from fixtures/references."""

from __future__ import annotations

from typing import Any

import pytest

import govreport
from conftest import load_cases


@pytest.mark.parametrize("case", load_cases("references/*.yaml"))
def test_references(case: dict[str, Any]) -> None:
    """A text yields exactly the references of its case."""
    report = govreport.parse(case["text"])
    got = [{"kind": r.kind, "number": r.number, "issuer": r.issuer,
            "date": r.date.isoformat() if r.date else None} for r in report.references]
    assert got == case["expected"]
    for ref in report.references:
        assert report.text[ref.span.start:ref.span.end] == ref.span.text


