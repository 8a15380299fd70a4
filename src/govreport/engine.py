"""The batch engine: inputs -> work items -> one outcome per document, in input order.

Shared by ``govreport parse`` (:mod:`govreport.batch`), :func:`parse_many` and the Dask engine
(:mod:`govreport.dask_engine`). The unit of work is a whole document, named by its path (and member, for a
zip archive): workers read the bytes themselves, so nothing but paths crosses a process boundary.

Why a small pool of our own instead of ``concurrent.futures.ProcessPoolExecutor``: the executor cannot stop
one hung task, and when a worker dies it fails every task in flight without saying which document killed it.
Here each worker has its own pipe, so a document past its time budget is stopped by killing its worker
(SIGKILL) and a dead worker costs exactly its own document; both become error records and a fresh worker
takes over. Workers are forked after the pipeline is warmed up, so they start in milliseconds with the
lexicons and models already loaded.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import signal
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .api import parse_document
from .errors import (
    DocumentTimeoutError,
    GovReportError,
    InputError,
    ParseFailedError,
    WorkerCrashedError,
)
from .models import Report, Source
from .readers import is_archive, read_bytes
from .readers.archive import ARCHIVE_SEPARATOR, list_members, read_member
from .readers.base import MAX_DOCUMENT_BYTES, json_safe

__all__ = [
    "DEFAULT_TIMEOUT",
    "ErrorInfo",
    "ErrorRecord",
    "Outcome",
    "WorkItem",
    "default_jobs",
    "iter_items",
    "load_bytes",
    "process_bytes",
    "parse_many",
    "process_item",
    "run_local",
    "time_budget",
]

log = logging.getLogger(__name__)

#: Seconds a document may take, plus :data:`SECONDS_PER_MB` for each megabyte of input.
DEFAULT_TIMEOUT = 60.0
#: The pipeline reads roughly 1 MB of text a second on one core; five times that is the allowance.
SECONDS_PER_MB = 5.0


class ErrorInfo(BaseModel):
    """What went wrong: the :class:`~govreport.errors.GovReportError` subclass name and its message."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    type: str
    message: str


class ErrorRecord(BaseModel):
    """The record of a document that produced no report: ``{"source": {...}, "error": {"type", "message"}}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source: Source
    error: ErrorInfo

    @classmethod
    def of(cls, name: str, exc: BaseException, sha256: str | None = None) -> ErrorRecord:
        """The record of ``exc``; names that are not UTF-8 are made JSON-safe, so writing it cannot fail."""
        return cls(source=Source(path=json_safe(name), sha256=sha256),
                   error=ErrorInfo(type=type(exc).__name__, message=json_safe(str(exc))))


@dataclass(frozen=True)
class WorkItem:
    """One input document: a file, or a member of a zip archive; ``problem`` when it cannot be read at all."""

    path: str
    member: str | None = None
    size: int = 0
    problem: GovReportError | None = None

    @property
    def name(self) -> str:
        """The document's ``source.path``: "reports/a.txt" or "reports.zip!a.txt".

        Bytes of a file name that are not UTF-8 are written as ``\\xNN`` (see :func:`json_safe`).
        """
        return json_safe(self.path if self.member is None else f"{self.path}{ARCHIVE_SEPARATOR}{self.member}")


@dataclass(frozen=True)
class Outcome:
    """A processed document: a report or an error, as a model or as one JSON line, with its counts."""

    name: str
    sha256: str | None
    ok: bool
    record: Report | ErrorRecord | None = None
    line: str | None = None
    figures: int = 0
    officials: int = 0

    def as_model(self) -> Report | ErrorRecord:
        """The record as a model, parsed back from its JSON line when it travelled as one."""
        if self.record is not None:
            return self.record
        assert self.line is not None
        return (Report if self.ok else ErrorRecord).model_validate_json(self.line)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- inputs -----------------------------------------------------------------------------------------------


def _sort_key(path: Path) -> tuple[str, ...]:
    return path.parts


def _walk(root: Path) -> Iterator[WorkItem]:
    """Files under ``root`` in sorted order; symbolic links are followed only when they stay inside it."""
    base = root.resolve()
    stack = [root]
    files: list[Path] = []
    problems: list[WorkItem] = []
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(WorkItem(str(folder), problem=InputError(
                f"{folder}: the folder cannot be listed ({exc.strerror or exc}); check its permissions")))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                refusal = _link_problem(path, base)
                if refusal is None:
                    files.append(path)
                else:
                    problems.append(WorkItem(str(path), problem=refusal))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.is_file(follow_symlinks=False):
                files.append(path)
            else:
                problems.append(WorkItem(str(path), problem=InputError(
                    f"{path}: not a regular file (a device, socket or pipe); nothing to parse")))
    ordered = sorted([(_sort_key(f), f, None) for f in files]
                     + [(_sort_key(Path(p.path)), Path(p.path), p) for p in problems], key=lambda t: t[0])
    for _key, path, problem in ordered:
        if problem is not None:
            yield problem
        else:
            yield from _file_items(path)


def _link_problem(path: Path, base: Path) -> InputError | None:
    """Why the symbolic link ``path`` is not followed, or None for a link to a file inside ``base``."""
    shown = json_safe(str(path))
    try:
        target = path.resolve()
        exists = target.exists()
    except RuntimeError:  # pathlib's word for a loop (a -> b -> a, or a link to itself)
        return InputError(f"{shown}: a symbolic link loop (to {json_safe(os.readlink(path))}); remove it or "
                          "fix its target")
    except OSError as exc:  # a target in a folder this user may not search
        return InputError(f"{shown}: a symbolic link whose target cannot be checked ({exc.strerror or exc}); "
                          "check its permissions, or give the target itself")
    if not exists:
        return InputError(f"{shown}: a broken symbolic link (to {json_safe(os.readlink(path))}); remove it "
                          "or fix its target")
    if not target.is_relative_to(base):
        return InputError(f"{shown}: a symbolic link to {json_safe(str(target))}, outside the input folder; "
                          "not followed: give the target itself if you mean to parse it")
    if target.is_dir():
        return InputError(f"{shown}: a symbolic link to a folder inside the input; not followed (its files "
                          "are parsed once, where they are)")
    return None


def _file_items(path: Path) -> Iterator[WorkItem]:
    """A file is one document, a zip archive one per member."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if is_archive(path):
        try:
            members = list_members(path)
        except GovReportError as exc:
            yield WorkItem(str(path), size=size, problem=exc)
            return
        if not members:
            yield WorkItem(str(path), size=size, problem=InputError(
                f"{path}: an empty zip archive; nothing to parse"))
        for member in members:
            yield WorkItem(str(path), member.name, member.size, member.problem)
    else:
        yield WorkItem(str(path), size=size)


def iter_items(paths: Iterable[str | Path]) -> Iterator[WorkItem]:
    """The documents named by ``paths``: files as given, folders recursed in sorted order, zip archives expanded.

    Lazy: a folder is listed when it is reached. A path that does not exist still yields an item, whose
    record says so: no input is skipped silently.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield from _file_items(path)
        else:
            yield WorkItem(str(path))


def load_bytes(item: WorkItem) -> bytes:
    """The bytes of one document (a file, or one zip member), within the size limit.

    Raises:
        GovReportError: the document cannot be read.
    """
    if item.problem is not None:
        raise item.problem
    if item.member is not None:
        return read_member(item.path, item.member)
    path, name = Path(item.path), item.name
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: a folder, not a document")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise InputError(f"{name}: {info.st_size:,} bytes, over the {MAX_DOCUMENT_BYTES:,}-byte limit per "
                             "document; split it into smaller documents")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file; check the path") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied; make it readable (chmod +r) or run as its owner") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}); check the file") from exc


# --- one document -------------------------------------------------------------------------------------------


def _json_line(model: BaseModel) -> str:
    return model.model_dump_json()


def process_item(item: WorkItem, as_json: bool = True) -> Outcome:
    """Read and parse one document; never raises for anything the document does.

    Args:
        item: the document.
        as_json: return the record as a JSON line (for writers) rather than as a model (for the library).
    """
    try:
        data = load_bytes(item)
    except GovReportError as exc:
        return error_outcome(item, exc, as_json)
    return process_bytes(item, data, as_json)


def process_bytes(item: WorkItem, data: bytes, as_json: bool = True) -> Outcome:
    """Parse one document's bytes (read by :func:`load_bytes`, or standard input); never raises."""
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        try:
            document = read_bytes(data, item.name)
            del data
            report = parse_document(document)
            line = _json_line(report) if as_json else None
        except GovReportError:
            raise
        except RecursionError as exc:  # a pathological file (markup nested too deep for a reader)
            raise ParseFailedError(f"{item.name}: nested too deeply to read ({exc}); simplify or convert the "
                                   "file to .txt") from exc
        except MemoryError as exc:
            raise ParseFailedError(f"{item.name}: ran out of memory while parsing it; parse it alone, or "
                                   "split it into smaller documents") from exc
        except Exception as exc:  # readers and parse() must not raise on content: a bug, one error record
            log.exception("reading or parsing failed on %s", item.name)
            raise ParseFailedError(f"{item.name}: govreport failed on this document ({type(exc).__name__}: "
                                   f"{exc}); this is a bug: please report it with the file") from exc
    except GovReportError as exc:
        return error_outcome(item, exc, as_json, sha256)
    return Outcome(item.name, sha256, True, None if as_json else report, line,
                   figures=len(report.figures), officials=len(report.officials))


def error_outcome(item: WorkItem, exc: GovReportError, as_json: bool, sha256: str | None = None) -> Outcome:
    error = ErrorRecord.of(item.name, exc, sha256)
    return Outcome(item.name, sha256, False, None if as_json else error, _json_line(error) if as_json else None)


def time_budget(item: WorkItem, timeout: float | None) -> float | None:
    """Seconds allowed for ``item``: ``timeout`` plus :data:`SECONDS_PER_MB` per megabyte; ``None``: no limit."""
    if timeout is None or timeout <= 0:
        return None
    return timeout + SECONDS_PER_MB * item.size / 1e6


# --- the local pool ---------------------------------------------------------------------------------------


def _warm_up() -> None:
    """Load the pipeline's lexicons and models once, before workers fork, so each starts warm.

    The readers' libraries (trafilatura, python-docx, pdfminer) are left for the workers to import when a
    document needs them: a folder of .txt files never pays for them, and workers import in parallel.
    """
    from .pipeline import parse

    # the date line makes metadata.py load dateparser here, once, rather than in every worker
    parse("Hội nghị Ban Chấp hành lần thứ Mười\nNgày đăng 21/06/2022 | 13:30\n"
          "Ngày 21/6/2022, Hội nghị lần thứ Mười. Thu ngân sách ước đạt trên 615,3 tỷ đồng, bằng 63% dự toán.")


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when the batch process dies (``kill -9`` included)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # the pipe's EOF still stops the worker


def _worker_main(conn: Connection, inherited: list[Connection], as_json: bool) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's to handle
    for other in inherited:  # the batch's ends of other workers' pipes, copied by fork
        other.close()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        conn.send((index, process_item(item, as_json)))


@dataclass
class _Task:
    index: int
    item: WorkItem
    started: float
    budget: float | None


class _Worker:
    def __init__(self, context: Any, as_json: bool, others: list[Connection]) -> None:
        self.conn, child = context.Pipe(duplex=True)
        inherited = [*others, self.conn]
        self.process = context.Process(target=_worker_main, args=(child, inherited, as_json), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _replace(workers: list[_Worker], worker: _Worker, context: Any, as_json: bool) -> _Worker:
    """Kill ``worker`` and put a fresh one in its place; returns the new worker."""
    worker.kill()
    fresh = _Worker(context, as_json, [w.conn for w in workers if w is not worker])
    workers[workers.index(worker)] = fresh
    return fresh


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _Pool:
    """Worker processes and the documents in flight: ``fill`` hands out work, ``wait`` sleeps until a worker
    answers, dies or runs out of time, ``reap`` turns that into outcomes, ``shut_down`` ends the workers.

    Outcomes are kept by input index until every earlier one is known, so they leave in input order.
    """

    def __init__(self, jobs: int, *, timeout: float | None, as_json: bool, window: int) -> None:
        self.context = _context()
        if self.context.get_start_method() == "fork":
            _warm_up()
        self.timeout, self.as_json, self.window = timeout, as_json, window
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            self.workers.append(_Worker(self.context, as_json, [w.conn for w in self.workers]))
        self.exhausted = False
        self.next_index = self.next_emit = 0
        self.done: dict[int, Outcome] = {}

    def fill(self, source: Iterator[WorkItem]) -> None:
        """Give each idle worker its next document, staying within ``window`` of the oldest unfinished one."""
        for worker in self.workers:
            while worker.task is None and not self.exhausted and self.next_index - self.next_emit < self.window:
                item = next(source, None)
                if item is None:
                    self.exhausted = True
                    break
                index, self.next_index = self.next_index, self.next_index + 1
                if item.problem is not None:  # known before reading: no worker needed
                    self.done[index] = error_outcome(item, item.problem, self.as_json)
                    continue
                if not worker.process.is_alive():  # died while idle (the system killed it): replace it
                    worker = _replace(self.workers, worker, self.context, self.as_json)
                worker.task = _Task(index, item, time.monotonic(), time_budget(item, self.timeout))
                try:
                    worker.conn.send((index, item))
                except OSError:  # it died just now; reap records a crash
                    pass

    def in_order(self) -> Iterator[Outcome]:
        """The outcomes whose turn has come."""
        while self.next_emit in self.done:
            yield self.done.pop(self.next_emit)
            self.next_emit += 1

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

    def finished(self) -> bool:
        return self.exhausted and not self.done and not self.busy()

    def wait(self) -> set[Any]:
        """Sleep until a busy worker answers or dies, or the nearest time budget runs out."""
        busy = self.busy()
        deadlines = [w.task.started + w.task.budget for w in busy if w.task and w.task.budget is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        return set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                        timeout=None if wait_for is None else min(wait_for + 0.01, 5.0)))

    def reap(self, ready: set[Any]) -> None:
        """Collect answers; a worker that died or ran out of time becomes an error outcome and is replaced."""
        now = time.monotonic()
        for worker in list(self.workers):
            task = worker.task
            if task is None:
                continue
            outcome = None
            if worker.conn in ready or worker.process.sentinel in ready:
                outcome = self._answer(worker, task)
            if outcome is None and task.budget is not None and now - task.started > task.budget:
                outcome = error_outcome(task.item, DocumentTimeoutError(
                    f"{task.item.name}: parsing took longer than its time budget of {task.budget:.0f} s and "
                    "was stopped; raise it with --timeout, or split the document"), self.as_json)
                _replace(self.workers, worker, self.context, self.as_json)
            if outcome is not None:
                self.done[task.index] = outcome
                worker.task = None

    def _answer(self, worker: _Worker, task: _Task) -> Outcome | None:
        outcome: Outcome | None = None
        try:
            if worker.conn.poll():
                _, outcome = worker.conn.recv()
        except (EOFError, OSError):
            outcome = None
        if outcome is None and not worker.process.is_alive():
            code = worker.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            outcome = error_outcome(task.item, WorkerCrashedError(
                f"{task.item.name}: the worker process died while parsing it ({how}; out of memory, or "
                "killed by the system); the batch went on; parse this file alone to investigate"), self.as_json)
            _replace(self.workers, worker, self.context, self.as_json)
        return outcome

    def shut_down(self) -> None:
        """Idle workers are asked to stop, busy ones are killed; every pipe is closed."""
        for worker in self.workers:
            if worker.task is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass  # already gone
        for worker in self.workers:
            if worker.task is not None:
                worker.process.kill()
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.conn.close()


def run_local(items: Iterable[WorkItem], jobs: int | None = None, *, timeout: float | None = DEFAULT_TIMEOUT,
              as_json: bool = True, window: int | None = None) -> Iterator[Outcome]:
    """Process ``items`` on ``jobs`` worker processes; yields one outcome per item, in input order.

    Streaming: at most ``window`` documents (default 8 per worker) are in flight or waiting to be yielded,
    so memory stays flat however many items there are.

    Args:
        items: the documents (see :func:`iter_items`).
        jobs: worker processes (default: all cores).
        timeout: seconds per document before its worker is killed (see :func:`time_budget`); None: no limit.
        as_json: outcomes carry JSON lines (True) or models (False).
        window: how far ahead of the oldest unfinished document work may run.
    """
    jobs = max(1, jobs or default_jobs())
    pool = _Pool(jobs, timeout=timeout, as_json=as_json, window=window or max(8, 8 * jobs))
    source = iter(items)
    try:
        while True:
            pool.fill(source)
            yield from pool.in_order()
            if pool.finished():
                return
            if pool.busy():
                pool.reap(pool.wait())
    finally:
        pool.shut_down()


def parse_many(paths: Iterable[str | Path], jobs: int | None = None, *,
               timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[Report | ErrorRecord]:
    """Parse files, folders and zip archives on ``jobs`` processes; yields one record per document, in order.

    Each record is a :class:`~govreport.models.Report`, or an :class:`ErrorRecord` for a document that could not
    be parsed (unreadable, a scanned PDF, past its time budget, its worker crashed). Nothing is skipped.

    Args:
        paths: files, folders (recursed, sorted) and .zip archives (one document per member).
        jobs: worker processes; default all cores.
        timeout: seconds per document (plus 5 s per MB) before it is stopped; None: no limit.

    >>> import govreport, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Thu ngân sách đạt 615,3 tỷ đồng.", encoding="utf-8")
    >>> _ = (folder / "b.pdf").write_bytes(b"not a pdf")
    >>> for record in govreport.parse_many([folder], jobs=1):
    ...     print(type(record).__name__, getattr(record, "error", None) and record.error.type)
    Report None
    ErrorRecord DecodeError
    """
    for outcome in run_local(iter_items(paths), jobs, timeout=timeout, as_json=False):
        yield outcome.as_model()
