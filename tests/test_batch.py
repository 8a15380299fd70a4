"""``govreport parse`` and ``parse_many``: one record per input, in order, whatever happens to a document.

Inputs are generated in tmp_path; the corpus run at the end uses ../shared/corpus when present.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

import govreport
from conftest import CORPUS_DOCS, FIXTURES
from govreport import engine
from govreport.cli import main
from govreport.engine import ErrorRecord, WorkItem, iter_items, run_local

TEXT = "Thu ngân sách nhà nước ước đạt trên 615,3 tỷ đồng, bằng 63% dự toán."
SEED = (FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt").read_text("utf-8")
GOVREPORT = [sys.executable, "-m", "govreport.cli"]


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, list[str]]:
    """A folder of good and bad documents, and the source paths expected, in output order."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "b empty.txt").write_bytes(b"")
    (root / "c.html").write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>", encoding="utf-8")
    (root / "d.bin").write_bytes(bytes(range(256)) * 8)
    (root / "sub" / "Báo cáo số 2.txt").write_text(TEXT.replace("615,3", "20"), encoding="utf-8")
    with zipfile.ZipFile(root / "sub" / "z.zip", "w") as z:
        z.writestr("m2.txt", TEXT)
        z.writestr("m1.txt", TEXT)
        z.writestr("../escape.txt", TEXT)
    (root / "link").symlink_to("/etc/hostname")
    expected = [f"{root}/a.txt", f"{root}/b empty.txt", f"{root}/c.html", f"{root}/d.bin", f"{root}/link",
                f"{root}/sub/Báo cáo số 2.txt", f"{root}/sub/z.zip!../escape.txt", f"{root}/sub/z.zip!m1.txt",
                f"{root}/sub/z.zip!m2.txt", f"{tmp_path}/missing.txt"]
    return root, expected


def test_one_record_per_input_in_order(tmp_path: Path, inputs: tuple[Path, list[str]],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    root, expected = inputs
    out = tmp_path / "out.jsonl"
    # some inputs become error records: exit status 1
    assert main(["parse", str(root), str(tmp_path / "missing.txt"), "-o", str(out), "--jobs", "2"]) == 1
    got = records(out)
    assert [r["source"]["path"] for r in got] == expected
    errors = {r["source"]["path"][len(str(tmp_path)) + 1:]: r["error"]["type"] for r in got if "error" in r}
    assert errors == {"in/b empty.txt": "EmptyDocumentError", "in/d.bin": "DecodeError", "in/link": "InputError",
                      "in/sub/z.zip!../escape.txt": "ArchiveError", "missing.txt": "InputError"}
    for record in got:
        assert set(record["source"]) == {"path", "format", "sha256", "title", "published"}
        if "error" in record:
            assert set(record) == {"source", "error"}
            assert set(record["error"]) == {"type", "message"}
            assert record["error"]["message"].startswith(record["source"]["path"])
        else:
            assert record["figures"]
            assert record["source"]["sha256"]
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary.startswith("govreport: 10 documents,")
    assert "5 errors" in summary


def test_parse_many_yields_models_in_order(inputs: tuple[Path, list[str]]) -> None:
    root, expected = inputs
    got = list(govreport.parse_many([root], jobs=2))
    assert [r.source.path for r in got] == expected[:-1]
    assert [type(r).__name__ for r in got].count("Report") == 5
    assert all(isinstance(r, (govreport.Report, ErrorRecord)) for r in got)


def test_stdout_and_pretty(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    plain = subprocess.run([*GOVREPORT, "parse", str(doc), "--jobs", "1"], capture_output=True, text=True, check=True)
    assert len(plain.stdout.splitlines()) == 1
    assert json.loads(plain.stdout)["figures"]
    pretty = subprocess.run([*GOVREPORT, "parse", str(doc), "--pretty"], capture_output=True, text=True, check=True)
    assert json.loads(pretty.stdout) == json.loads(plain.stdout)
    assert pretty.stdout.startswith("{\n  ")
    assert "1 documents" in pretty.stderr


def _slow_or_crashing(real: Any) -> Any:
    def read_bytes(data: bytes, name: str) -> Any:
        if name.endswith("slow.txt"):
            time.sleep(60)
        if name.endswith("crash.txt"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(data, name)
    return read_bytes


def test_hang_and_crash_become_error_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers are forked from this process, so they run the patched reader."""
    for name in ("a.txt", "crash.txt", "slow.txt", "z.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(engine, "read_bytes", _slow_or_crashing(engine.read_bytes))
    started = time.monotonic()
    outcomes = list(run_local(iter_items([tmp_path]), jobs=2, timeout=1.0))
    assert time.monotonic() - started < 20
    assert [Path(o.name).name for o in outcomes] == ["a.txt", "crash.txt", "slow.txt", "z.txt"]
    kinds = [json.loads(o.line)["error"]["type"] if not o.ok else "ok" for o in outcomes if o.line]
    assert kinds == ["ok", "WorkerCrashedError", "DocumentTimeoutError", "ok"]
    assert "signal 9" in json.loads(outcomes[1].line or "")["error"]["message"]


def test_parquet_and_csv_tables(tmp_path: Path, inputs: tuple[Path, list[str]]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    root, expected = inputs
    seed = root / "seed.txt"
    seed.write_text(SEED, encoding="utf-8")
    jsonl = tmp_path / "out.jsonl"
    assert main(["parse", str(root), "-o", str(jsonl), "--jobs", "2"]) == 1  # some inputs become error records
    reports = [r for r in records(jsonl) if "error" not in r]
    assert main(["parse", str(root), "-o", str(tmp_path / "pq"), "--format", "parquet", "--jobs", "2"]) == 1
    assert main(["parse", str(root), "-o", str(tmp_path / "csv"), "--format", "csv", "--jobs", "1"]) == 1
    expected_rows = {
        "documents": len(expected),
        "figures": sum(len(r["figures"]) for r in reports),
        "comparisons": sum(len(f["comparisons"]) for r in reports for f in r["figures"]),
        "officials": sum(len(r["officials"]) for r in reports),
        "meetings": sum(len(r["meetings"]) for r in reports),
        "references": sum(len(r["references"]) for r in reports),
    }
    assert expected_rows["figures"] > 5
    assert expected_rows["comparisons"] > 0
    for table, rows in expected_rows.items():
        loaded = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert loaded.num_rows == rows, table
        assert loaded.column_names[:2] == ["path", "sha256"]
        with open(tmp_path / "csv" / f"{table}.csv", encoding="utf-8") as handle:
            assert sum(1 for _ in handle) - 1 == rows, table
    documents = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert [d["path"] for d in documents] == expected[:-1] + [f"{root}/seed.txt"] or \
        sorted(d["path"] for d in documents) == sorted([*expected[:-1], f"{root}/seed.txt"])
    figures = pq.read_table(tmp_path / "pq" / "figures.parquet").to_pylist()
    first = next(f for f in figures if f["path"].endswith("a.txt"))
    assert (first["value"], first["unit"], first["raw"]) == (615_300_000_000, "VND", "615,3 tỷ đồng")


def test_resume_drops_a_torn_line_and_completes(tmp_path: Path, inputs: tuple[Path, list[str]]) -> None:
    root, expected = inputs
    full = tmp_path / "full.jsonl"
    assert main(["parse", str(root), "-o", str(full), "--jobs", "2"]) == 1  # some inputs become error records
    lines = full.read_text("utf-8").splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    partial.write_text("".join(lines[:4]) + lines[4][: len(lines[4]) // 2], encoding="utf-8")  # a torn line
    assert main(["parse", str(root), "-o", str(partial), "--resume", "--jobs", "2"]) == 1
    assert sorted(partial.read_text("utf-8").splitlines()) == sorted(line.rstrip("\n") for line in lines)
    assert main(["parse", str(root), "-o", str(partial), "--resume"]) == 0  # nothing left to do
    assert len(records(partial)) == len(expected) - 1


def _corpus(tmp_path: Path, count: int = 160) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(count):
        (folder / f"doc-{i:03d}.txt").write_text(SEED + "\n" + SEED.replace("18.058", str(1000 + i)), "utf-8")
    return folder


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_kill_then_resume_gives_every_document_once(tmp_path: Path, how: signal.Signals) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    command = [*GOVREPORT, "parse", str(folder), "-o", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 10):
        time.sleep(0.05)
    process.send_signal(how)
    _, stderr = process.communicate(timeout=30)
    if how == signal.SIGINT:
        assert process.returncode == 130
        assert "--resume" in stderr
    else:
        assert process.returncode == -signal.SIGKILL
    written = out.read_bytes()
    assert 10 <= written.count(b"\n") < 160, "the batch finished before it was stopped"
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    paths = [r["source"]["path"] for r in records(out)]
    assert sorted(paths) == sorted(str(p) for p in folder.iterdir())
    assert len(paths) == len(set(paths)) == 160


def test_full_disk_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["parse", str(doc), "-o", "/dev/full", "--jobs", "1"]) == 1
    assert "No space left on device" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["--jobs", "0"],
    ["--format", "csv"],
    ["--format", "parquet", "-o", "-"],
    ["--resume"],
    ["--resume", "-o", "x.jsonl", "--pretty"],
    ["--scheduler", "tcp://127.0.0.1:8786"],
    ["--format", "xml"],
])
def test_bad_usage_exits_2(tmp_path: Path, argv: list[str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        sys.exit(main(["parse", str(doc), *argv]))
    assert exited.value.code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:
    doc = tmp_path / "secret.txt"
    doc.write_text(TEXT, encoding="utf-8")
    doc.chmod(0)
    (record,) = govreport.parse_many([doc], jobs=1)
    assert isinstance(record, ErrorRecord)
    assert "permission denied" in record.error.message


def test_work_items_expand_archives_lazily(tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("dir/", "")
        z.writestr("__MACOSX/._x.txt", "junk")
        z.writestr("x.txt", TEXT)
    assert list(iter_items([archive])) == [WorkItem(str(archive), "x.txt", len(TEXT.encode()))]


def test_corpus_jobs_2_one_record_per_document(corpus_docs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    assert main(["parse", str(CORPUS_DOCS), "-o", str(out), "--jobs", "2"]) == 0
    got = records(out)
    assert [r["source"]["path"] for r in got] == [str(p) for p in corpus_docs]
    assert not [r for r in got if "error" in r]
