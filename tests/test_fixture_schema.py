"""Every fixture table has the shape the tests read (STYLE.md, "Tests and fixtures"): a typo'd key or a
duplicate label fails here instead of silently not being tested."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from conftest import FIXTURES


class Case(BaseModel):
    """One case: a text we wrote, what it must yield, and why when it is a known failure."""

    model_config = ConfigDict(extra="forbid")
    label: str
    text: str
    expected: Any = None
    comment: str | None = None
    source: str | None = None
    published: dt.date | None = None
    expect: Literal["xfail"] | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _xfail_says_why(self) -> Case:
        if self.expect == "xfail" and not self.reason:
            raise ValueError(f"{self.label}: a known failure needs its reason")
        return self


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cases: list[Case]


TABLES = sorted(FIXTURES.rglob("*.yaml"))


@pytest.mark.parametrize("path", TABLES, ids=[str(p.relative_to(FIXTURES)) for p in TABLES])
def test_fixture_table_has_its_schema(path: Path) -> None:
    try:
        table = Table.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except ValidationError as exc:
        pytest.fail(f"{path.relative_to(FIXTURES)}: {exc}")
    labels = [case.label for case in table.cases]
    assert len(labels) == len(set(labels)), sorted({label for label in labels if labels.count(label) > 1})
    assert table.cases, "a table with no case tests nothing"


def test_a_typo_in_a_key_is_caught() -> None:
    with pytest.raises(ValidationError):
        Table.model_validate({"cases": [{"label": "a", "text": "5 ha", "expectd": {"value": "5"}}]})
