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


def test_every_document_type_has_a_fixture() -> None:
    """Style: every surface of every data file appears in at least one fixture."""
    from govreport import lexicon
    from test_officials import fixture_text

    text = fixture_text("references")
    missing = [s for s in lexicon.surfaces("document_types") if s.lower() not in text]
    assert not missing, f"data/document_types.yaml surfaces with no fixture: {missing}"
