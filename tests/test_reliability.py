"""Issue 7: bad and awkward files, and faults, in a real batch. Nothing lost or duplicated, nothing hangs.

Part 1 is ONE ``govreport parse`` run (a subprocess of the CLI, ``--jobs 2``) over a folder this module
generates: every kind of bad or awkward file, each with the record it must produce (:data:`CASES`). The run
happens once, in the module fixture ``batch``; the tests below read its output: one record per input, in
order; each record as expected; the awkward-but-valid files give the clean text's figures; nothing written
outside the output.

Part 2 covers the faults that tests/test_batch.py does not: a worker killed from outside, a disk that fills up
mid-run, and Ctrl-C delivered to the whole process group as a terminal does. (``kill -9`` of the batch then
``--resume``, a worker that dies or hangs inside a document, and SIGINT to the batch process alone are in
tests/test_batch.py.) docs/reliability.md lists every case with the result observed.

All inputs are generated here; nothing is committed but this code.
"""

from __future__ import annotations

import ctypes
import json
import os
import random
import re
import shutil
import signal
import stat
import struct
import subprocess
import sys
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import EXPECTED, FIXTURES, TEXT, make_pdf, to_cp1258, to_legacy

GOVREPORT = [sys.executable, "-m", "govreport.cli"]
SEED = (FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt").read_text("utf-8")
# Prose with no figures, so that the clean text reads like a report; no "ẳ": viparse's VNI table lacks it.
PROSE = ("Các đại biểu đã sôi nổi phát biểu thảo luận, làm sâu sắc thêm những kết quả đạt được, chỉ ra "
         "những mặt còn tồn tại, hạn chế và đề xuất các giải pháp toàn diện trên các lĩnh vực để tập trung "
         "lãnh đạo.\nCông tác xây dựng Đảng, chính quyền và hệ thống chính trị tiếp tục được quan tâm, chất "
         "lượng sinh hoạt chi bộ được nâng lên; công tác dân vận được đẩy mạnh, khối đại đoàn kết toàn dân "
         "được củng cố vững chắc.")
CLEAN = f"{TEXT}\n{PROSE}"
#: The large file: the clean text repeated to at least this many bytes, each copy numbered next to its
#: figures (a clause written word for word three times or more is a form's boilerplate, no figure: rules/figures.py).
LARGE_BYTES = 30_000_000
LARGE_COPIES = -(-LARGE_BYTES // (len(CLEAN.encode()) + 1))


def large_copy(i: int) -> str:
    """Copy ``i`` of the clean text in the large file: the same figures, in clauses of their own."""
    return CLEAN.replace("dự toán.", f"dự toán (bản {i}).").replace("cùng kỳ.", f"cùng kỳ (bản {i}).")


def large_text() -> str:
    return "\n".join(large_copy(i) for i in range(LARGE_COPIES))
ZEROS_CHUNK = 16 << 20  # 16 MiB
BOMB_CHUNKS = 128  # 2 GiB of zeros in the bomb's member


# --- the cases ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One input document and the record it must produce.

    ``name`` is the record's ``source.path`` relative to the input folder. ``expect`` is "report" or the error
    type. ``detail`` must appear in the message (an error) or in ``warnings`` (a report); for a report,
    ``copies`` is how many times the clean text's figures appear.
    """

    label: str
    name: str
    expect: str
    detail: str = ""
    copies: int = 1


NFD_NAME = unicodedata.normalize("NFD", "22-Tờ trình nhiệm vụ năm.txt")
ODD_NAME = "20-Báo cáo số 2 (bản cuối) & phụ lục #1; 50% [final] $@!'\"`~.txt"
BYTES_NAME = b"23-t\xe0i li\xeau.txt"  # Windows-1258 bytes in a file name: not UTF-8

CASES = [
    Case("empty", "01-empty.txt", "EmptyDocumentError", "the file is empty"),
    Case("blank", "02-blank.txt", "EmptyDocumentError", "holds no text"),
    Case("random binary", "03-random.bin", "DecodeError", "binary data"),
    Case("invalid UTF-8 throughout", "04-invalid-utf8.txt", "DecodeError", "no known encoding reads it"),
    Case("damaged UTF-8", "05-damaged-utf8.txt", "report", "invalid UTF-8 byte sequence(s) replaced"),
    Case("UTF-16 with BOM", "06-utf16-bom.txt", "report", "decoded from UTF-16 (byte-order mark)"),
    Case("NFD", "07-nfd.txt", "report"),
    Case("Windows-1258", "08-windows-1258.txt", "report", "decoded from Windows-1258"),
    Case("TCVN3", "09-tcvn3.txt", "report", "legacy TCVN3"),
    Case("VNI", "10-vni.txt", "report", "legacy VNI"),
    Case("CRLF", "11-crlf.txt", "report"),
    Case("30 MB text", "12-large-30MB.txt", "report", copies=LARGE_COPIES),
    Case("HTML nested 5000 deep", "13-deep.html", "report", "levels deep"),
    Case("HTML with a stray <![", "14-stray-markup.htm", "report"),
    Case("fake PDF", "15-fake.pdf", "DecodeError", "not a PDF file: it holds HTML"),
    Case("truncated PDF", "16-truncated.pdf", "DecodeError", "a damaged or truncated PDF"),
    Case("fake DOCX", "17-fake.docx", "DecodeError", "not a DOCX file"),
    Case("no extension", "18-README", "report"),
    Case("name with spaces", "19-báo cáo tháng 6.txt", "report"),
    Case("name with symbols", ODD_NAME, "report"),
    Case("name with newline and tab", "21-dòng\nmới\tbảng.txt", "report"),
    Case("name in NFD", NFD_NAME, "report"),
    Case("name of cp1258 bytes", "23-t\\xe0i li\\xeau.txt", "report"),  # as it appears in source.path
    Case("zip bomb: 2 GiB member", "25-bomb.zip!a-zeros.txt", "ArchiveError", "a zip bomb"),
    Case("zip bomb: lying header", "25-bomb.zip!b-liar.txt", "ArchiveError", "Bad CRC-32"),
    Case("zip bomb: good member", "25-bomb.zip!c-ok.txt", "report"),
    Case("zip member not deflate", "25-bomb.zip!d-corrupt.txt", "ArchiveError", "a damaged member (Error -3"),
    Case("zip member ../../x", "26-unsafe.zip!../../x", "ArchiveError", "path traversal"),
    Case("zip member /tmp/x", "26-unsafe.zip!/tmp/x", "ArchiveError", "path traversal"),
    Case("zip member C:\\x", "26-unsafe.zip!C:\\x", "ArchiveError", "path traversal"),
    Case("zip member symlink", "26-unsafe.zip!link", "ArchiveError", "a symbolic link"),
    Case("zip in a zip", "26-unsafe.zip!nested.zip", "ArchiveError", "not archives inside"),
    Case("zip good member", "26-unsafe.zip!ok.txt", "report"),
    Case("zip name not UTF-8", "27-bad-names.zip", "ArchiveError", "flagged as UTF-8 but is not"),
    Case("truncated zip", "28-truncated.zip", "ArchiveError", "a damaged or truncated zip archive"),
    Case("named pipe", "29-fifo", "InputError", "not a regular file"),
    Case("symlink outside", "30-link-outside.txt", "InputError", "outside the input folder; not followed"),
    Case("symlink to a folder outside", "31-link-outside-folder", "InputError", "outside the input folder"),
    Case("broken symlink", "32-link-broken.txt", "InputError", "a broken symbolic link"),
    Case("symlink loop", "33-link-loop", "InputError", "a symbolic link loop"),
    Case("symlink inside", "34-link-inside.txt", "report"),
    Case("unreadable file", "35-unreadable.txt", "InputError", "permission denied"),
    Case("unlistable folder", "36-unlistable", "InputError", "the folder cannot be listed"),
]
UNREADABLE = {"35-unreadable.txt", "36-unlistable"}


def _write(path: Path, data: bytes | str) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _zeros_deflated(chunks: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``chunks`` x 16 MiB of zeros and its CRC-32, the zeros never written anywhere.

    Streaming compression, one chunk at a time, with a full flush after each: the compressor forgets its
    history, so every chunk compresses to the same bytes and is computed once.
    """
    chunk = bytes(ZEROS_CHUNK)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(chunks):
        crc = zlib.crc32(chunk, crc)
    return block * chunks + compressor.flush(), crc


def _write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """A zip of (name, deflated data, crc, declared size, compressed size) members, headers written by hand.

    By hand so that a member can hold gigabytes of zeros that never exist uncompressed, and so that a header
    can lie about its size.
    """
    central = []
    with open(path, "wb") as out:
        for name, data, crc, size, compressed in members:
            raw_name, offset = name.encode(), out.tell()
            fields = (20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, compressed, size, len(raw_name), 0)
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + raw_name + data)
            central.append(struct.pack("<IH", 0x02014B50, 0x031E) + struct.pack("<HHHHHIIIHH", *fields)
                           + struct.pack("<HHHII", 0, 0, 0, 0o100644 << 16, offset) + raw_name)
        start = out.tell()
        out.write(b"".join(central))
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start,
                              start, 0))


def _bomb(path: Path) -> None:
    zeros, crc = _zeros_deflated(BOMB_CHUNKS)
    liar, liar_crc = _zeros_deflated(4)  # 64 MiB of zeros behind a header that declares 1 KiB
    ok = zlib.compressobj(9, zlib.DEFLATED, -15)
    ok_data = ok.compress(CLEAN.encode()) + ok.flush()
    _write_zip(path, [
        ("a-zeros.txt", zeros, crc, BOMB_CHUNKS * ZEROS_CHUNK, len(zeros)),
        ("b-liar.txt", liar, liar_crc, 1024, len(liar)),
        ("c-ok.txt", ok_data, zlib.crc32(CLEAN.encode()), len(CLEAN.encode()), len(ok_data)),
        ("d-corrupt.txt", b"\xff" * 64, 0, 1024, 64),  # not a deflate stream: zlib.error
    ])


def _unsafe_zip(path: Path, inner: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("../../x", CLEAN)
        z.writestr(zipfile.ZipInfo("/tmp/x"), CLEAN)
        z.writestr("C:\\x", CLEAN)
        link = zipfile.ZipInfo("link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("nested.zip", inner.read_bytes())
        z.writestr("ok.txt", CLEAN)
    assert zipfile.ZipFile(path).namelist()[:3] == ["../../x", "/tmp/x", "C:\\x"]


def _bad_names_zip(path: Path) -> None:
    """A member name flagged as UTF-8 (non-ASCII) whose bytes are not: zipfile refuses the whole archive."""
    good = "tài-liệu.txt".encode()
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("tài-liệu.txt", CLEAN)
    data = path.read_bytes()
    bad = good.replace("à".encode(), b"\xe0\x80")
    assert len(bad) == len(good)
    assert data.count(good) == 2  # in the member's header and in the central directory
    path.write_bytes(data.replace(good, bad))


def _truncated_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(3):
            z.writestr(f"m{i}.txt", CLEAN * 20)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _deep_html() -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in CLEAN.split("\n"))
    return f"<html><body>{'<div>' * 5000}{paragraphs}{'</div>' * 5000}</body></html>"


def _stray_markup_html() -> str:
    """Saved from Word (all its text is kept), with a "<![" that the standard library's parser choked on."""
    bullet = "<![if !supportLists]>-<![endif]>"  # how Word writes a list bullet
    paragraphs = "".join(f"<p class=MsoNormal>{bullet}{line}</p>" for line in CLEAN.split("\n"))
    return (f'<html><head><meta name=Generator content="Microsoft Word 15"></head><body>{paragraphs}'
            "<p>Ghi chú <![ 1 ]> hết.</p></body></html>")


def build_inputs(root: Path, outside: Path) -> None:
    """Write every input of :data:`CASES` into ``root`` (and link targets into ``outside``)."""
    root.mkdir(parents=True)
    outside.mkdir(parents=True)
    clean = CLEAN.encode()
    files: dict[str, bytes | str] = {
        "01-empty.txt": b"",
        "02-blank.txt": "  \r\n\t \n\u00a0\u3000\n",
        "03-random.bin": random.Random(7).randbytes(65536),
        "04-invalid-utf8.txt": b"\xc3\x28\xe2\x28\xa1\xf0\x28\x8c\xbc\xa0\xa1" * 3000,
        "05-damaged-utf8.txt": clean.replace(b"\n", b"\xff\n\xe1\xba", 2),  # a stray byte, a cut character
        "06-utf16-bom.txt": CLEAN.encode("utf-16"),
        "07-nfd.txt": unicodedata.normalize("NFD", CLEAN),
        "08-windows-1258.txt": to_cp1258(CLEAN),
        "09-tcvn3.txt": to_legacy(CLEAN, "tcvn3"),
        "10-vni.txt": to_legacy(CLEAN, "vni"),
        "11-crlf.txt": CLEAN.replace("\n", "\r\n"),
        "12-large-30MB.txt": large_text().encode(),
        "13-deep.html": _deep_html(),
        "14-stray-markup.htm": _stray_markup_html(),
        "15-fake.pdf": "<html><body><h1>404 Not Found</h1></body></html>",
        "17-fake.docx": b"this is not a word document",
        "18-README": clean,
        "19-báo cáo tháng 6.txt": clean,
        ODD_NAME: clean,
        "21-dòng\nmới\tbảng.txt": clean,
        NFD_NAME: clean,
    }
    for name, data in files.items():
        _write(root / name, data)
    make_pdf(outside / "good.pdf", "Dien tich gieo trong dat 1.250 ha.")
    _write(root / "16-truncated.pdf", (outside / "good.pdf").read_bytes()[:300])
    with open(os.path.join(os.fsencode(root), BYTES_NAME), "wb") as handle:
        handle.write(clean)
    _bomb(root / "25-bomb.zip")
    with zipfile.ZipFile(outside / "inner.zip", "w") as inner:
        inner.writestr("a.txt", CLEAN)
    _unsafe_zip(root / "26-unsafe.zip", outside / "inner.zip")
    _bad_names_zip(root / "27-bad-names.zip")
    _truncated_zip(root / "28-truncated.zip")
    os.mkfifo(root / "29-fifo")
    _write(outside / "secret.txt", clean)
    (root / "30-link-outside.txt").symlink_to(outside / "secret.txt")
    (root / "31-link-outside-folder").symlink_to(outside)
    (root / "32-link-broken.txt").symlink_to(root / "nowhere.txt")
    (root / "33-link-loop").symlink_to(root / "33-link-loop")
    (root / "34-link-inside.txt").symlink_to("18-README")
    _write(root / "35-unreadable.txt", clean)
    (root / "35-unreadable.txt").chmod(0)
    (root / "36-unlistable").mkdir()
    _write(root / "36-unlistable" / "a.txt", clean)
    (root / "36-unlistable").chmod(0)


# --- running the batch as a user that chmod can stop -------------------------------------------------------


def _drop_root_file_access() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set.

    Root then obeys file permissions like any user (its executable gets no capability outside the bounding
    set), so a chmod-000 file is refused. Needs CAP_SETPCAP; without it nothing changes, which the probe sees.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP


def _permissions_apply(unreadable: Path) -> tuple[Callable[[], None] | None, str]:
    """How to run the batch so that ``chmod 000`` stops it, or why it cannot be done here."""
    if os.geteuid() != 0:
        return None, ""
    probe = [sys.executable, "-c", "import sys; open(sys.argv[1], 'rb')", str(unreadable)]
    refused = subprocess.run(probe, check=False, preexec_fn=_drop_root_file_access, capture_output=True,
                             timeout=30)
    if refused.returncode != 0 and b"PermissionError" in refused.stderr:
        return _drop_root_file_access, ""
    return None, ("running as root, and CAP_DAC_OVERRIDE could not be dropped (no CAP_SETPCAP): chmod 000 "
                  "does not stop root from reading, so the case cannot be made here")


# --- the one run -------------------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under ``folder``, links not followed: relative path -> (mode, size, mtime_ns)."""
    found = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(parent, name)
            info = os.lstat(path)
            found[os.path.relpath(path, folder)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def _lstat(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


@dataclass
class Run:
    root: Path
    records: list[dict[str, Any]]
    returncode: int
    stderr: str
    seconds: float
    created: set[str]
    changed: set[str]
    escaped: list[str]
    cannot_refuse: str  # why chmod 000 cannot be tested here, or ""


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    base = tmp_path_factory.mktemp("reliability")
    root, outside, out = base / "in", base / "outside", base / "out" / "records.jsonl"
    cwd = base / "cwd" / "a" / "b"  # "../../x" from here is still inside base, where the snapshot looks
    cwd.mkdir(parents=True)
    out.parent.mkdir()
    build_inputs(root, outside)
    try:
        preexec, cannot_refuse = _permissions_apply(root / "35-unreadable.txt")
        escapes = [Path("/tmp/x"), base.parent / "x", base.parent.parent / "x"]
        before, escapes_before = _snapshot(base), [_lstat(p) for p in escapes]
        started = time.monotonic()
        done = subprocess.run([*GOVREPORT, "parse", str(root), "-o", str(out), "--jobs", "2"], check=False,
                              cwd=cwd, capture_output=True, text=True, timeout=600, preexec_fn=preexec)
        seconds = time.monotonic() - started
        after = _snapshot(base)
        escaped = [str(p) for p, was in zip(escapes, escapes_before, strict=True) if _lstat(p) != was]
        with open(out, encoding="utf-8", newline="\n") as handle:
            lines = handle.read().split("\n")
        assert lines[-1] == "", "the output does not end with a whole line"
        yield Run(root=root, records=[json.loads(line) for line in lines[:-1]], returncode=done.returncode,
                  stderr=done.stderr, seconds=seconds, created=set(after) - set(before),
                  changed={p for p in before if after.get(p) != before[p]}, escaped=escaped,
                  cannot_refuse=cannot_refuse)
    finally:
        (root / "35-unreadable.txt").chmod(0o644)
        (root / "36-unlistable").chmod(0o755)


def expected_paths(run: Run) -> list[str]:
    paths = [f"{run.root}/{case.name}" for case in CASES]
    if run.cannot_refuse:  # root reads the folder after all: its file is the document
        paths[paths.index(f"{run.root}/36-unlistable")] = f"{run.root}/36-unlistable/a.txt"
    return paths


def figures(record: dict[str, Any]) -> list[tuple[Any, str]]:
    return [(f["value"], f["unit"]) for f in record["figures"] if f["value"] is not None]


def test_one_record_per_input_in_order(batch: Run) -> None:
    assert batch.returncode == 1, batch.stderr[-2000:]
    assert [r["source"]["path"] for r in batch.records] == expected_paths(batch)
    assert "Traceback" not in batch.stderr  # no reader or worker crashed on the way
    summary = batch.stderr.strip().splitlines()[-1]
    errors = sum("error" in r for r in batch.records)
    pattern = rf"govreport: {len(CASES)} documents, \d+ figures, \d+ officials, {errors} errors in [\d.]+ s"
    assert re.fullmatch(pattern, summary), summary


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_each_input_gives_its_record(batch: Run, case: Case) -> None:
    if case.name in UNREADABLE and batch.cannot_refuse:
        pytest.skip(batch.cannot_refuse)
    path = f"{batch.root}/{case.name}"
    (record,) = [r for r in batch.records if r["source"]["path"] == path]
    if case.expect == "report":
        assert "error" not in record, record.get("error")
        assert figures(record) == EXPECTED * case.copies
        if case.detail:
            assert any(case.detail in w for w in record["warnings"]), record["warnings"]
        else:
            assert not [w for w in record["warnings"] if "decoded" in w or "converted" in w]
        assert record["source"]["sha256"]
    else:
        assert set(record) == {"source", "error"}
        assert record["error"]["type"] == case.expect, record["error"]
        message = record["error"]["message"]
        assert message.startswith(path + ":"), message  # says which document
        assert case.detail in message, message  # and what is wrong with it


def test_the_text_is_the_clean_text(batch: Run) -> None:
    """NFD, legacy encodings and UTF-16 read back to exactly the clean text; CRLF to the same words."""
    text = {Path(r["source"]["path"]).name: r.get("text") for r in batch.records}
    for name in ("06-utf16-bom.txt", "07-nfd.txt", "08-windows-1258.txt", "09-tcvn3.txt", "10-vni.txt",
                 "18-README"):
        assert text[name] == CLEAN, name
    assert text["11-crlf.txt"].split() == CLEAN.split()
    assert text["12-large-30MB.txt"] == large_text()


def test_nothing_written_outside_the_output(batch: Run) -> None:
    assert batch.created == {"out/records.jsonl"}
    assert batch.changed <= {"out"}  # the output folder gained the output file; nothing else changed
    assert batch.escaped == []  # /tmp/x, and ../x, ../../x of the working folders


def test_the_run_stays_fast(batch: Run) -> None:
    """The 30 MB file sets the pace; everything else runs on the other worker meanwhile."""
    assert batch.seconds < 240, f"{batch.seconds:.0f} s"


def test_a_reader_bug_is_one_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that raises something unexpected costs one record, and its worker lives on to parse the next."""
    from govreport import engine

    real = engine.read_bytes

    def buggy(data: bytes, name: str) -> Any:
        if name.endswith("bug.txt"):
            raise ValueError("something a library did not expect")
        return real(data, name)

    for name in ("a.txt", "bug.txt", "c.txt"):
        _write(tmp_path / name, CLEAN)
    monkeypatch.setattr(engine, "read_bytes", buggy)  # the forked workers inherit the patch
    outcomes = list(engine.run_local(engine.iter_items([tmp_path]), jobs=1))
    assert [o.ok for o in outcomes] == [True, False, True]
    error = json.loads(outcomes[1].line or "")["error"]
    assert error["type"] == "ParseFailedError"
    assert "(ValueError: something a library did not expect); this is a bug" in error["message"]
    assert len({json.loads(o.line or "")["source"]["path"] for o in outcomes}) == 3


def test_the_bomb_is_small_and_holds_gigabytes(batch: Run) -> None:
    bomb = batch.root / "25-bomb.zip"
    assert bomb.stat().st_size < 3_000_000
    with zipfile.ZipFile(bomb) as archive:
        member = archive.getinfo("a-zeros.txt")
        assert member.file_size == 2 << 30
        with archive.open(member) as stream:
            assert stream.read(1 << 20) == bytes(1 << 20)  # a real deflate stream of zeros


# --- faults -------------------------------------------------------------------------------------------------


def _records(path: Path) -> list[dict[str, Any]]:
    data = path.read_text("utf-8")
    assert data.endswith("\n"), "a torn last line"
    return [json.loads(line) for line in data.splitlines()]


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _wait_for_lines(out: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while _lines(out) < count:
        assert process.poll() is None, "the batch ended before the fault could be made"
        assert time.monotonic() < deadline, "the batch wrote nothing for 60 s"
        time.sleep(0.02)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _group_alive(group: int) -> list[int]:
    """Processes of a process group that still run (zombies are not running)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # it ended while we looked
            if int(fields[2]) == group and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def _documents(folder: Path, count: int, text: str) -> list[str]:
    folder.mkdir()
    for i in range(count):
        (folder / f"doc-{i:03d}.txt").write_text(text.replace("615,3", f"{600 + i},3"), encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker's pid in /proc")
def test_worker_killed_from_outside_costs_only_its_document(tmp_path: Path) -> None:
    """SIGKILL to a worker pid, as the OOM killer sends it, while it parses a document: that document only."""
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "a.txt", CLEAN)
    _write(folder / "b-long.txt", "\n".join([CLEAN] * 2000))  # 1.8 MB: a few seconds of work
    _write(folder / "c.txt", CLEAN)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([*GOVREPORT, "parse", str(folder), "-o", str(out), "--jobs", "1"],
                               stderr=subprocess.PIPE, text=True)
    _wait_for_lines(out, 1, process)  # a.txt is written, so b-long.txt has been handed to the worker
    (worker,) = _children(process.pid)
    os.kill(worker, signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    got = _records(out)
    assert [Path(r["source"]["path"]).name for r in got] == ["a.txt", "b-long.txt", "c.txt"]
    assert ["error" in r for r in got] == [False, True, False]
    assert got[1]["error"]["type"] == "WorkerCrashedError"
    assert "killed by signal 9" in got[1]["error"]["message"]
    assert figures(got[2]) == EXPECTED  # a fresh worker took over
    assert "govreport: 3 documents, 4 figures, 0 officials, 1 errors" in stderr


def _limit_file_size() -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit, a write fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 << 10, 32 << 10))


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=False,
                          capture_output=True)
    return done.returncode == 0


def test_full_disk_keeps_whole_lines_and_resumes(tmp_path: Path) -> None:
    """A 32 KiB tmpfs (or, where mounting is not allowed, a 32 KiB file-size limit) fills up mid-run."""
    names = _documents(tmp_path / "in", 40, CLEAN)
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = _mount_tmpfs(disk, "32k")
    out = disk / "out.jsonl"
    command = [*GOVREPORT, "parse", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"]
    try:
        full = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120,
                              preexec_fn=None if mounted else _limit_file_size)
        assert full.returncode == 1, full.stderr
        assert ("No space left on device" if mounted else "File too large") in full.stderr
        assert "run again with --resume" in full.stderr
        kept = _records(out)  # whole lines only: the line that did not fit was cut back
        assert 0 < len(kept) < len(names)
        assert [r["source"]["path"] for r in kept] == names[: len(kept)]
        summary = full.stderr.strip().splitlines()[-1]
        assert summary.startswith(f"govreport: {len(kept)} documents,"), summary
        if mounted:  # free space
            subprocess.run(["mount", "-o", "remount,size=4m", str(disk)], check=True)
        resumed = subprocess.run([*command, "--resume"], check=False, capture_output=True, text=True,
                                 timeout=120)
        assert resumed.returncode == 0, resumed.stderr
        got = _records(out)
        assert got[: len(kept)] == kept
        assert [r["source"]["path"] for r in got] == names  # every document once, in order
        assert not [r for r in got if "error" in r]
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=True)


def test_ctrl_c_to_the_process_group_stops_cleanly_and_resumes(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the batch and its workers at once; workers leave it to the batch."""
    names = _documents(tmp_path / "in", 80, f"{SEED}\n{SEED}")
    out = tmp_path / "out.jsonl"
    command = [*GOVREPORT, "parse", str(tmp_path / "in"), "-o", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_for_lines(out, 4, process)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "interrupted; the records written so far are complete: run again with --resume" in stderr
    kept = _records(out)
    assert 4 <= len(kept) < len(names), "the batch finished before Ctrl-C"
    summary = stderr.strip().splitlines()[-1]
    assert summary.startswith(f"govreport: {len(kept)} documents,"), summary
    assert not [r for r in kept if "error" in r]  # no document was blamed for the interrupt
    deadline = time.monotonic() + 5
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group_alive(process.pid) == []  # no worker left behind
    resumed = subprocess.run([*command, "--resume"], check=False, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    got = _records(out)
    assert sorted(r["source"]["path"] for r in got) == names
    assert len(got) == len(names)
    assert not [r for r in got if "error" in r]
