"""The command behaves like a Unix tool (issue 13 §2): exit statuses, standard input, help for users."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govreport.cli import main

GOVREPORT = [sys.executable, "-m", "govreport.cli"]
TEXT = "Sáng 21/6/2022, thu ngân sách trên địa bàn ước đạt trên 615,3 tỷ đồng, bằng 63% dự toán."


def test_every_document_parsed_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    assert main(["parse", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl")]) == 0


def test_error_records_exit_1_and_every_record_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(tmp_path / "a.txt"), str(tmp_path / "b.pdf"), str(tmp_path / "gone.txt"),
                 "-o", str(out), "--jobs", "1"]) == 1
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [("error" in r) for r in records] == [False, True, True]


@pytest.mark.parametrize("argv", [
    ["parse"],                                              # no input
    ["parse", "a.txt", "--no-such-option"],                 # unknown option
    ["parse", "a.txt", "--format", "xml"],                  # bad choice
    ["parse", "a.txt", "-o", "{tmp}/no/such/folder/out.jsonl"],  # output that cannot be opened
    ["parse", "-", "a.txt"],                                # standard input is one document, alone
    ["nosuchcommand"],
])
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse exits by itself on its own usage errors
        status = exit_.code
    assert status == 2


def test_standard_input_is_one_document() -> None:
    done = subprocess.run([*GOVREPORT, "parse", "-"], input=TEXT.encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert record["source"]["path"] == "-"
    assert [f["value"] for f in record["figures"]] == [615300000000]


def test_standard_input_to_tables(tmp_path: Path) -> None:
    done = subprocess.run([*GOVREPORT, "parse", "-", "--format", "csv", "-o", str(tmp_path / "t")],
                          input=TEXT.encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "615300000000" in (tmp_path / "t" / "figures.csv").read_text("utf-8")


@pytest.mark.parametrize("argv", [["--help"], ["parse", "--help"], ["schema", "--help"], ["eval", "--help"],
                                  ["render", "--help"]])
def test_help_is_written_for_users(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    shown = capsys.readouterr().out
    assert "govreport" in shown and "example" in shown  # what it does, and an example to copy
    assert "argument handling only" not in shown  # not the developers' module docstring


def test_explain_prints_every_item_with_its_rule(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "thach-that-conference-2022-06-21.txt"
    out = tmp_path / "explain.txt"
    assert main(["parse", str(seed), "--explain", "-o", str(out)]) == 0
    lines = [line.split("\t") for line in out.read_text("utf-8").splitlines()]
    kinds = {kind for _, _, kind, _, _ in lines}
    assert {"figure", "comparison", "official", "title", "meeting", "date"} <= kinds
    assert all(rule != "-" for _, _, _, rule, _ in lines), [line for line in lines if line[3] == "-"]
    text = govreport_text(seed)
    for _, where, _, _, shown in lines:
        start, end = map(int, where.split("-"))
        assert " ".join(text[start:end].split()) == shown


def govreport_text(path: Path) -> str:
    import govreport

    return govreport.parse_file(path).text


def test_every_extracted_item_names_its_rule() -> None:
    import govreport

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    for path in sorted(fixtures.glob("*.txt")):
        report = govreport.parse(path.read_text("utf-8"))
        items = [*report.figures, *report.meetings, *report.officials, *report.dates, *report.references,
                 *(c for f in report.figures for c in f.comparisons), *(t for o in report.officials for t in o.titles)]
        assert all(item.rule for item in items), [(path.name, item) for item in items if not item.rule][:3]
