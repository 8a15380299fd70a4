"""``govreport parse``: documents in, one record per document out.

One record per input, always: a document that fails, whose worker crashes or that runs past its time budget
becomes an error record ``{"source": {...}, "error": {"type", "message"}}`` and the run goes on.

- Output: JSON Lines (default; stdout or ``-o FILE``), or ``--format csv|parquet -o FOLDER`` with one table
  each for documents, figures, comparisons, officials, meetings and references.
- ``--jobs N`` worker processes (default: all cores), or ``--engine dask`` (see :mod:`govreport.dask_engine`);
  the engine itself lives in :mod:`govreport.engine`.
- ``--resume`` skips documents already in the JSONL output (same path and sha256). Every line is written with
  one ``write`` call, so ``kill -9`` cannot tear a line; a torn last line (a full disk) is dropped on resume.

Exit status: 0 when every input produced a record (error records count), 1 when the output could not be
written or the dask scheduler cannot be reached, 2 for bad usage, 130 when interrupted (the output so far is
valid and resumable).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from .engine import (
    DEFAULT_TIMEOUT,
    ErrorRecord,
    Outcome,
    WorkItem,
    default_jobs,
    iter_items,
    load_bytes,
    parse_many,
    run_local,
)
from .errors import EngineError, GovReportError, OutputError

__all__ = ["TABLES", "error_record", "iter_paths", "parse_many", "register", "run", "table_rows"]

FORMATS = ("jsonl", "csv", "parquet")


def register(commands: Any) -> None:
    cmd = commands.add_parser(
        "parse", help="parse documents into JSON Lines, CSV or Parquet",
        description="Parse files, folders (recursed, sorted) and .zip archives: one record per document.")
    cmd.add_argument("paths", nargs="+", type=Path, help="files, folders (recursed) or .zip archives")
    cmd.add_argument("-o", "--output", default="-",
                     help="JSONL file, or - for stdout (default); a folder for --format csv/parquet")
    cmd.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    cmd.add_argument("--jobs", type=int, default=None,
                     help="worker processes (default: all cores); with --engine dask, LocalCluster workers")
    cmd.add_argument("--resume", action="store_true",
                     help="skip documents already in the JSONL output (same path and sha256) and append the rest")
    cmd.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local process pool (default) or a dask.distributed cluster")
    cmd.add_argument("--scheduler", default=None,
                     help="address of a running dask scheduler (tcp://host:8786); default: start a LocalCluster")
    cmd.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                     help=f"seconds one document may take, plus 5 s per MB (default {DEFAULT_TIMEOUT:.0f}; 0: none)")
    cmd.add_argument("--pretty", action="store_true", help="indented JSON instead of one line per document")
    cmd.set_defaults(func=run)


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given, folders recursed in sorted order (zip archives are not expanded here)."""
    for item in iter_items(paths):
        if item.member is None:
            yield Path(item.path)


def error_record(path: Path | str, exc: GovReportError, sha256: str | None = None) -> dict[str, Any]:
    """The contract's error record as a dict: ``{"source": {...}, "error": {"type", "message"}}``."""
    return ErrorRecord.of(str(path), exc, sha256).model_dump(mode="json")


# --- tables (csv / parquet) ---------------------------------------------------------------------------------

_S, _F, _I, _B = "string", "float64", "int64", "bool"

#: Columns of each table, with their types; every row starts with the document's path and sha256.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [("path", _S), ("sha256", _S), ("format", _S), ("title", _S), ("published", _S), ("chars", _I),
                  ("figures", _I), ("officials", _I), ("meetings", _I), ("references", _I), ("warnings", _S),
                  ("error_type", _S), ("error_message", _S)],
    "figures": [("path", _S), ("sha256", _S), ("figure", _I), ("value", _F), ("low", _F), ("high", _F),
                ("total", _F), ("unit", _S), ("noun", _S), ("raw", _S), ("start", _I), ("end", _I),
                ("estimated", _B), ("bound", _S), ("kind", _S), ("direction", _S), ("base", _S),
                ("metric", _S), ("period", _S), ("period_start", _S),
                ("period_end", _S), ("comparisons", _I), ("rule", _S)],
    "comparisons": [("path", _S), ("sha256", _S), ("figure", _I), ("kind", _S), ("value", _F), ("unit", _S),
                    ("direction", _S), ("base", _S), ("text", _S), ("start", _I), ("end", _I)],
    "officials": [("path", _S), ("sha256", _S), ("official", _I), ("name", _S), ("honorific", _S),
                  ("titles", _S), ("roles", _S), ("mentions", _I)],
    "meetings": [("path", _S), ("sha256", _S), ("kind", _S), ("ordinal", _I), ("body", _S), ("term", _I),
                 ("tenure_start", _I), ("tenure_end", _I), ("expanded", _B), ("date", _S), ("part_of_day", _S),
                 ("location", _S), ("purpose", _S), ("chair", _S), ("text", _S), ("start", _I), ("end", _I)],
    "references": [("path", _S), ("sha256", _S), ("kind", _S), ("number", _S), ("issuer", _S), ("date", _S),
                   ("text", _S), ("start", _I), ("end", _I)],
}


def _span(item: dict[str, Any] | None) -> dict[str, Any]:
    span = (item or {}).get("span") or {}
    return {"text": span.get("text"), "start": span.get("start"), "end": span.get("end")}


def table_rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One record (a Report or an error record, as JSON) as rows of the six tables.

    Lists inside a cell (titles, roles, chair) are joined with "; ". Counts stand in for nested lists.
    """
    source = record.get("source") or {}
    key = {"path": source.get("path"), "sha256": source.get("sha256")}
    error = record.get("error")
    figures = record.get("figures") or []
    officials = record.get("officials") or []
    meetings = record.get("meetings") or []
    references = record.get("references") or []
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["documents"].append({
        **key, "format": source.get("format"), "title": source.get("title"), "published": source.get("published"),
        "chars": None if error else len(record.get("text") or ""), "figures": len(figures),
        "officials": len(officials), "meetings": len(meetings), "references": len(references),
        "warnings": "; ".join(record.get("warnings") or []) or None,
        "error_type": error and error.get("type"), "error_message": error and error.get("message")})
    for number, figure in enumerate(figures):
        metric, period = figure.get("metric") or {}, figure.get("period") or {}
        span = _span(figure)
        rows["figures"].append({
            **key, "figure": number, **{k: figure.get(k) for k in ("value", "low", "high", "total", "unit", "noun",
                                                                   "raw", "estimated", "bound", "kind",
                                                                   "direction", "base", "rule")},
            "start": span["start"], "end": span["end"], "metric": metric.get("text"), "period": period.get("text"),
            "period_start": period.get("start"), "period_end": period.get("end"),
            "comparisons": len(figure.get("comparisons") or [])})
        for comparison in figure.get("comparisons") or []:
            rows["comparisons"].append({
                **key, "figure": number, **{k: comparison.get(k) for k in ("kind", "value", "unit", "direction",
                                                                           "base")}, **_span(comparison)})
    for number, official in enumerate(officials):
        rows["officials"].append({
            **key, "official": number, "name": official.get("name"), "honorific": official.get("honorific"),
            "titles": "; ".join(t.get("text") or "" for t in official.get("titles") or []) or None,
            "roles": "; ".join(official.get("roles") or []) or None, "mentions": len(official.get("mentions") or [])})
    for meeting in meetings:
        tenure = meeting.get("tenure") or {}
        rows["meetings"].append({
            **key, **{k: meeting.get(k) for k in ("kind", "ordinal", "body", "term", "expanded", "date",
                                                  "part_of_day", "location", "purpose")},
            "tenure_start": tenure.get("start"), "tenure_end": tenure.get("end"),
            "chair": "; ".join(meeting.get("chair") or []) or None, **_span(meeting)})
    for reference in references:
        rows["references"].append({
            **key, **{k: reference.get(k) for k in ("kind", "number", "issuer", "date")}, **_span(reference)})
    return rows


class _TableWriter:
    """Rows of the six tables, streamed to CSV files or buffered into Parquet row groups."""

    ROW_GROUP = 10_000

    def __init__(self, folder: Path, fmt: str) -> None:
        self.folder, self.fmt = folder, fmt
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create the output folder ({exc.strerror}); check the path and "
                              "its permissions") from exc
        self._buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self._files: dict[str, TextIO] = {}
        self._csv: dict[str, Any] = {}
        self._parquet: dict[str, Any] = {}
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._pa, self._pq = pa, pq
            types = {_S: pa.string(), _F: pa.float64(), _I: pa.int64(), _B: pa.bool_()}
            self._schemas = {name: pa.schema([(col, types[kind]) for col, kind in cols])
                             for name, cols in TABLES.items()}
        else:
            for name, cols in TABLES.items():
                handle = open(folder / f"{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
                self._files[name] = handle
                writer = csv.DictWriter(handle, fieldnames=[c for c, _ in cols], extrasaction="ignore")
                writer.writeheader()
                self._csv[name] = writer

    def add(self, record: dict[str, Any]) -> None:
        try:
            for name, rows in table_rows(record).items():
                if self.fmt == "csv":
                    self._csv[name].writerows(rows)
                else:
                    self._buffers[name].extend(rows)
                    if len(self._buffers[name]) >= self.ROW_GROUP:
                        self._flush(name)
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot write the tables ({exc.strerror or exc}); free space or "
                              "check permissions, then run again") from exc

    def _flush(self, name: str) -> None:
        rows, self._buffers[name] = self._buffers[name], []
        schema = self._schemas[name]
        columns = {field.name: [_cell(row.get(field.name), str(field.type)) for row in rows] for field in schema}
        table = self._pa.Table.from_pydict(columns, schema=schema)
        if name not in self._parquet:
            self._parquet[name] = self._pq.ParquetWriter(self.folder / f"{name}.parquet", schema)
        self._parquet[name].write_table(table)

    def close(self) -> None:
        if self.fmt == "parquet":
            for name in TABLES:
                if self._buffers[name] or name not in self._parquet:
                    self._flush(name)
                self._parquet[name].close()
        for handle in self._files.values():
            handle.close()


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "double":
        return float(value)
    if kind == "int64":
        return int(value)
    if kind == "bool":
        return bool(value)
    return value if isinstance(value, str) else str(value)


# --- JSONL output and resume -----------------------------------------------------------------------------


class _JsonlWriter:
    """Whole lines only: each record is one ``os.write`` of one line, so no kill can tear it.

    If a write fails part-way (a full disk), the file is cut back to its last whole line before the error is
    raised, so what was written stays valid JSONL.
    """

    def __init__(self, target: str, append: bool, pretty: bool) -> None:
        self.pretty = pretty
        self.target = target
        self._fd: int | None = None
        if target != "-":
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            try:
                self._fd = os.open(target, flags, 0o644)
            except OSError as exc:
                raise OutputError(f"{target}: cannot open the output ({exc.strerror}); check the path and "
                                  "its permissions") from exc

    def write(self, line: str) -> None:
        if self.pretty:
            line = json.dumps(json.loads(line), ensure_ascii=False, indent=2)
        data = (line + "\n").encode("utf-8")
        if self._fd is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        start = os.lseek(self._fd, 0, os.SEEK_END)
        written = 0
        try:
            while written < len(data):
                written += os.write(self._fd, data[written:])
        except OSError as exc:
            try:
                os.ftruncate(self._fd, start)
            except OSError:
                pass  # the original error is the one to report
            raise OutputError(f"{self.target}: cannot write the output ({exc.strerror}); the records written so "
                              "far are kept: free space, then run again with --resume") from exc

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _read_done(target: Path) -> set[tuple[str | None, str | None]]:
    """(path, sha256) of every record in an existing JSONL output; drops a torn last line first."""
    if not target.exists():
        return set()
    data = target.read_bytes()
    cut = data.rfind(b"\n") + 1
    if cut < len(data):
        with open(target, "r+b") as handle:
            handle.truncate(cut)
        print(f"govreport: {target}: dropped a torn last line ({len(data) - cut} bytes) before resuming",
              file=sys.stderr)
        data = data[:cut]
    done = set()
    lines = data.split(b"\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            source = json.loads(line).get("source") or {}
        except ValueError as exc:
            raise OutputError(f"{target}: line {number} is not a JSON record ({exc}); the file is not a govreport "
                              "JSONL output or was edited: fix or remove that line, or write to a new file") from exc
        done.add((source.get("path"), source.get("sha256")))
    return done


def _skip_done(items: Iterable[WorkItem], done: set[tuple[str | None, str | None]],
               skipped: list[int]) -> Iterator[WorkItem]:
    names = {name for name, _ in done}
    for item in items:
        if item.name in names:
            if (item.name, None) in done:
                skipped[0] += 1
                continue
            try:
                import hashlib

                sha256: str | None = hashlib.sha256(load_bytes(item)).hexdigest()
            except GovReportError:
                sha256 = None
            if (item.name, sha256) in done:
                skipped[0] += 1
                continue
        yield item


# --- the command ------------------------------------------------------------------------------------------


def _usage(message: str) -> int:
    print(f"govreport parse: error: {message}", file=sys.stderr)
    return 2


def _check_usage(args: argparse.Namespace) -> str | None:
    if args.jobs is not None and args.jobs < 1:
        return "--jobs must be at least 1"
    if args.format != "jsonl" and args.output == "-":
        return f"--format {args.format} writes one file per table: give a folder with -o FOLDER"
    if args.format != "jsonl" and (args.resume or args.pretty):
        return f"--resume and --pretty work with JSONL output, not --format {args.format}"
    if args.resume and args.output == "-":
        return "--resume needs the output file it continues: give it with -o FILE"
    if args.resume and args.pretty:
        return "--resume reads one record per line; it cannot continue --pretty output"
    if args.format != "jsonl" and Path(args.output).is_file():
        return f"{args.output} is a file; --format {args.format} writes a folder of tables: give a folder"
    if args.format == "parquet" and importlib.util.find_spec("pyarrow") is None:
        return "--format parquet needs pyarrow: pip install 'govreport[batch]'"
    if args.format == "jsonl" and args.output != "-" and Path(args.output).is_dir():
        return f"{args.output} is a folder; JSONL output goes to a file (or use --format csv/parquet)"
    if args.scheduler and args.engine != "dask":
        return "--scheduler is for --engine dask"
    if args.engine == "dask":
        from .dask_engine import dask_available

        if not dask_available():
            return "--engine dask needs dask.distributed: pip install 'govreport[dask]'"
    return None


def _engine(args: argparse.Namespace) -> Callable[[Iterable[WorkItem]], Iterator[Outcome]]:
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    if args.engine == "dask":
        if not getattr(args, "verbose", False):  # dask logs every worker start at INFO: keep stderr readable
            os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        from .dask_engine import run_dask

        return lambda items: run_dask(items, scheduler=args.scheduler, n_workers=args.jobs or default_jobs())
    return lambda items: run_local(items, args.jobs or default_jobs(), timeout=timeout)


def run(args: argparse.Namespace) -> int:
    problem = _check_usage(args)
    if problem:
        return _usage(problem)
    started = time.monotonic()
    counts = {"documents": 0, "figures": 0, "officials": 0, "errors": 0}
    skipped = [0]
    status = 0
    done: set[tuple[str | None, str | None]] = set()
    writer: _JsonlWriter | _TableWriter | None = None
    progress = None
    try:
        if args.resume:
            done = _read_done(Path(args.output))
        if args.format == "jsonl":
            writer = _JsonlWriter(args.output, append=args.resume, pretty=args.pretty)
        else:
            writer = _TableWriter(Path(args.output), args.format)
        progress = _progress()
        items = iter_items(args.paths)
        if done:
            items = _skip_done(items, done, skipped)
        for outcome in _engine(args)(items):
            assert outcome.line is not None
            if isinstance(writer, _JsonlWriter):
                writer.write(outcome.line)
            else:
                writer.add(json.loads(outcome.line, parse_float=Decimal))
            counts["documents"] += 1
            counts["figures"] += outcome.figures
            counts["officials"] += outcome.officials
            counts["errors"] += not outcome.ok
            if progress is not None:
                progress.update(1)
                progress.set_postfix(errors=counts["errors"], refresh=False)
    except (OutputError, EngineError) as exc:
        print(f"govreport: {exc}", file=sys.stderr)
        status = 1
    except KeyboardInterrupt:
        print("govreport: interrupted; the records written so far are complete: run again with --resume to finish",
              file=sys.stderr)
        status = 130
    finally:
        if progress is not None:
            progress.close()
        if writer is not None:
            try:
                writer.close()
            except OSError as exc:
                print(f"govreport: {args.output}: cannot finish writing the output ({exc.strerror or exc})",
                      file=sys.stderr)
                status = 1
    elapsed = time.monotonic() - started
    resumed = f", {skipped[0]} already in the output" if args.resume else ""
    print(f"govreport: {counts['documents']} documents, {counts['figures']} figures, {counts['officials']} "
          f"officials, {counts['errors']} errors{resumed} in {elapsed:.1f} s", file=sys.stderr)
    return status


def _progress() -> Any:
    """A tqdm bar on stderr when stderr is a terminal (documents/s, errors so far), else None."""
    if not sys.stderr.isatty():
        return None
    try:
        import tqdm
    except ImportError:
        return None  # the bar is cosmetic; the summary line still reports everything
    tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
    return tqdm.tqdm(desc="parse", unit="doc", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
