"""Officials, titles and meetings scored against the hand-made gold (fixtures/gold, fixtures/reports).

Targets (issue 4): officials F1 >= 0.92 and titles F1 >= 0.88 on fixtures/gold; the hand-written
reports are held to the same bar. Meeting fields are held at what the rules reach, so a change that
loses them fails here. fixtures/gold needs ../shared/corpus; without it that half is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS_DOCS, FIXTURES
from govreport.evaluate import Score, evaluate

OFFICIALS_F1 = 0.92
# Titles: the target on the written reports. fixtures/gold holds the Round 2 documents since 2026-12-05,
# among them a list of 181 Central Committee members whose lost line breaks glue list numbers to names
# and a candidates' form exported cell by cell ("undefined: …"): measured 0.941 there (third session),
# held a little under.
TITLES_F1 = {"gold": 0.92, "reports": 0.88}
# Measured floors for the meeting fields, a little under what the rules reach; "date" on fixtures/gold
# is low because most of its documents carry no publication date and the year of "Sáng 28/6" is
# inferred by rules/dates.py; measured there (66 documents, fourth session): body 0.893, date 0.857.
MEETING_FLOORS = {
    "gold": {"kind": 0.97, "ordinal": 0.95, "body": 0.86, "term": 0.97, "tenure": 0.97, "expanded": 0.95,
             "date": 0.83, "part_of_day": 0.95},
    "reports": {"kind": 0.95, "ordinal": 0.9, "body": 0.9, "term": 0.95, "tenure": 0.95, "expanded": 0.9,
                "date": 0.95, "part_of_day": 0.9},
}


def _check(total: Score, folder: str) -> None:
    assert total.officials.as_dict()["f1"] >= OFFICIALS_F1, total.officials.as_dict()
    assert total.titles.as_dict()["f1"] >= TITLES_F1[folder], total.titles.as_dict()
    for name, floor in MEETING_FLOORS[folder].items():
        assert total.meetings[name].as_dict()["accuracy"] >= floor, (name, total.meetings[name].as_dict())


def test_gold_corpus(corpus_docs: list[Path]) -> None:
    """fixtures/gold (real corpus documents) meets the targets."""
    total, _ = evaluate(FIXTURES / "gold", CORPUS_DOCS)
    _check(total, "gold")


def test_gold_reports() -> None:
    """fixtures/reports (hand-written documents) meets the targets."""
    total, _ = evaluate(FIXTURES / "reports", FIXTURES / "reports")
    _check(total, "reports")


@pytest.mark.parametrize("folder", ["gold", "reports"])
def test_gold_files_name_their_officials(folder: str) -> None:
    """Every gold official has a name and a list of titles (what the scorer reads)."""
    for path in sorted((FIXTURES / folder).glob("*.json")):
        for official in json.loads(path.read_text("utf-8")).get("officials") or []:
            assert official["name"], path.name
            assert isinstance(official["titles"], list), path.name
