"""The committed JSON Schema, docs/report.schema.json, is exactly what ``govreport schema`` prints
(and the examples of docs/guide.md still run).

A schema change is deliberate and reviewed (STYLE.md, "Models"). When you change a model on
purpose, refresh the file and review its diff with the change:

    .venv/bin/govreport schema > docs/report.schema.json
    git diff docs/report.schema.json
"""

from __future__ import annotations

import json

import pytest

import govreport
from conftest import FIXTURES, ROOT
from govreport.cli import main

SCHEMA_FILE = ROOT / "docs" / "report.schema.json"
SEED = FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt"
REFRESH = "run `.venv/bin/govreport schema > docs/report.schema.json` and review the diff"


def test_committed_schema_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert SCHEMA_FILE.is_file(), f"docs/report.schema.json is missing: {REFRESH}"
    committed = SCHEMA_FILE.read_text("utf-8")
    if printed != committed:
        old, new = json.loads(committed), json.loads(printed)
        changed = sorted(k for k in set(old["$defs"]) | set(new["$defs"])
                         if old["$defs"].get(k) != new["$defs"].get(k))
        if old.get("properties") != new.get("properties"):
            changed.insert(0, "Report")
        what = ", ".join(changed) or "layout"
        pytest.fail(f"docs/report.schema.json is out of date (changed: {what}): {REFRESH}")


def test_schema_names_every_contract_field() -> None:
    """The contract's Report keys are all in the committed schema, all of them required in output."""
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    keys = ["schema_version", "source", "text", "meetings", "officials", "figures", "dates", "references",
            "warnings"]
    assert list(schema["properties"])[: len(keys)] == keys
    defs = schema["$defs"]
    for model, fields in {
        "Figure": ["value", "unit", "noun", "raw", "span", "estimated", "bound", "metric", "period",
                   "comparisons"],
        "Meeting": ["kind", "ordinal", "body", "term", "tenure", "expanded", "date", "part_of_day",
                    "location", "purpose", "chair", "span"],
        "Official": ["name", "honorific", "titles", "roles", "mentions"],
        "Comparison": ["kind", "value", "unit", "direction", "base", "span"],
        "Span": ["start", "end", "text"],
    }.items():
        assert set(fields) <= set(defs[model]["properties"]), model


def test_a_real_report_has_every_schema_key() -> None:
    """Absent values are null or [], never missing keys: a record carries every property the schema lists."""
    record = govreport.parse_file(SEED).model_dump(mode="json")
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert set(record) == set(schema["properties"])
    figure = record["figures"][0]
    assert set(figure) == set(schema["$defs"]["Figure"]["properties"])


def test_real_reports_validate_against_the_schema() -> None:
    """Every fixture report, as JSON, is valid under the committed schema (what consumers will check)."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    paths = [SEED, *sorted((FIXTURES / "reports").glob("*.txt"))]
    for path in paths:
        record = govreport.parse_file(path).model_dump(mode="json")
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(record)]
        assert errors == [], f"{path.name}: {errors[:3]}"


def test_guide_examples_run() -> None:
    """The Python examples of docs/guide.md run and print what the guide says (like the README's)."""
    import doctest

    result = doctest.testfile(str(ROOT / "docs" / "guide.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 4
    assert result.failed == 0
