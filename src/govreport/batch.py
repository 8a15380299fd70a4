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
import datetime as dt
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
    process_bytes,
    run_local,
)
from .errors import EngineError, GovReportError, OutputError
from .models import Report

__all__ = ["TABLES", "arrow_schemas", "error_record", "iter_paths", "parse_many", "register", "run", "table_rows",
           "tables"]

FORMATS = ("jsonl", "csv", "parquet")


PARSE_EPILOG = """examples:
  govreport parse report.txt --pretty              one document, indented JSON on standard output
  govreport parse archive/ -o reports.jsonl        a folder (recursed) or .zip, one JSON line per document
  govreport parse archive/ --format parquet -o out/   typed tables: documents, figures, comparisons, ...
  cat report.txt | govreport parse -                standard input as one document

exit status:
  0  every document was parsed
  1  some documents became error records (every record is still written), or the output failed
  2  usage error: unknown option, missing argument, output that cannot be opened
"""


def register(commands: Any) -> None:
    """Add the ``parse`` command to the command line."""
    cmd = commands.add_parser(
        "parse", help="parse documents into JSON Lines, CSV or Parquet",
        description="Parse files, folders (recursed, sorted), .zip archives or standard input (-) into one "
                    "record per document: meetings, officials, figures, dates and references, each with its "
                    "span in the normalized text. A document that cannot be read becomes an error record; the "
                    "run goes on.",
        epilog=PARSE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("paths", nargs="+", type=Path,
                     help="files, folders (recursed), .zip archives, or - for one document on standard input")
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
    cmd.add_argument("--explain", action="store_true",
                     help="instead of JSON, one line per extracted item: where it is, what it is, the rule that made "
                          "it and the text (path, start-end, item, rule, text; tab-separated)")
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

_S, _D, _I, _B, _T = "string", "decimal", "int64", "bool", "date"
#: Amounts are exact: decimal128(38, 6) holds 32 digits before the point (10^32 đồng) and 6 after it.
DECIMAL_PRECISION, DECIMAL_SCALE = 38, 6
_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)

#: Columns of each table, with their types; every row starts with the document's path and sha256.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [("path", _S), ("sha256", _S), ("format", _S), ("title", _S), ("published", _T), ("chars", _I),
                  ("figures", _I), ("officials", _I), ("meetings", _I), ("references", _I), ("warnings", _S),
                  ("error_type", _S), ("error_message", _S)],
    "figures": [("path", _S), ("sha256", _S), ("figure", _I), ("value", _D), ("low", _D), ("high", _D),
                ("total", _D), ("unit", _S), ("noun", _S), ("raw", _S), ("start", _I), ("end", _I),
                ("estimated", _B), ("bound", _S), ("kind", _S), ("direction", _S), ("base", _S),
                ("metric", _S), ("period", _S), ("period_start", _T),
                ("period_end", _T), ("comparisons", _I), ("rule", _S)],
    "comparisons": [("path", _S), ("sha256", _S), ("figure", _I), ("kind", _S), ("value", _D), ("unit", _S),
                    ("direction", _S), ("base", _S), ("bound", _S), ("text", _S), ("start", _I), ("end", _I),
                    ("rule", _S)],
    "officials": [("path", _S), ("sha256", _S), ("official", _I), ("name", _S), ("honorific", _S),
                  ("titles", _S), ("roles", _S), ("mentions", _I)],
    "meetings": [("path", _S), ("sha256", _S), ("kind", _S), ("ordinal", _I), ("body", _S), ("term", _I),
                 ("tenure_start", _I), ("tenure_end", _I), ("expanded", _B), ("date", _T), ("part_of_day", _S),
                 ("location", _S), ("purpose", _S), ("chair", _S), ("text", _S), ("start", _I), ("end", _I)],
    "references": [("path", _S), ("sha256", _S), ("kind", _S), ("number", _S), ("issuer", _S), ("date", _T),
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
                                                                           "base", "bound", "rule")},
                **_span(comparison)})
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
            self._schemas = arrow_schemas()
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
                    self._csv[name].writerows([_csv_row(row, TABLES[name]) for row in rows])
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
        table = _arrow_table(rows, name, schema)
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


def arrow_schemas() -> dict[str, Any]:
    """The pyarrow schema of each table: exact decimals, dates as date32, booleans as booleans."""
    import pyarrow as pa

    types = {_S: pa.string(), _D: pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE), _I: pa.int64(),
             _B: pa.bool_(), _T: pa.date32()}
    return {name: pa.schema([(col, types[kind]) for col, kind in cols]) for name, cols in TABLES.items()}


def _decimal(value: Any) -> Decimal | None:
    """An amount as the table stores it: exact to 6 decimal places; None if it does not fit (over 10^32)."""
    amount = Decimal(str(value)).quantize(_QUANTUM)
    return amount if abs(amount) < _DECIMAL_LIMIT else None


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == _D:
        return _decimal(value)
    if kind == _T:
        return dt.date.fromisoformat(str(value)[:10])  # a published datetime keeps its day
    if kind == _I:
        return int(value)
    if kind == _B:
        return bool(value)
    return value if isinstance(value, str) else str(value)


def _csv_row(row: dict[str, Any], columns: list[tuple[str, str]]) -> dict[str, Any]:
    """Amounts written exactly, as plain digits (no exponent, no float rounding)."""
    return {col: format(Decimal(str(row[col])).normalize(), "f") if kind == _D and row.get(col) is not None
            else row.get(col) for col, kind in columns}


def _arrow_table(rows: list[dict[str, Any]], name: str, schema: Any) -> Any:
    import pyarrow as pa

    kinds = dict(TABLES[name])
    columns = {col: [_cell(row.get(col), kinds[col]) for row in rows] for col in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def tables(reports: Iterable[Report | dict[str, Any]]) -> dict[str, Any]:
    """The six tables of the batch output as ``pyarrow.Table`` objects, for a notebook.

    >>> import govreport
    >>> t = govreport.tables([govreport.parse("Thu ngân sách đạt 615,3 tỷ đồng, bằng 63% dự toán.")])
    >>> t["figures"].column("value").type, t["figures"].column("value")[0].as_py()
    (Decimal128Type(decimal128(38, 6)), Decimal('615300000000.000000'))
    """
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for report in reports:
        record = report.model_dump() if isinstance(report, Report) else report  # Decimals stay exact
        for name, table_rows_ in table_rows(record).items():
            rows[name].extend(table_rows_)
    schemas = arrow_schemas()
    return {name: _arrow_table(rows[name], name, schemas[name]) for name in TABLES}


# --- JSONL output and resume -----------------------------------------------------------------------------


def explain_lines(record: dict[str, Any]) -> list[str]:
    """Each extracted item of a record as "path, start-end, item, rule, text" (tab-separated), in text order."""
    path = (record.get("source") or {}).get("path")
    if record.get("error"):
        return [f"{path}\t-\terror\t{record['error'].get('type')}\t{record['error'].get('message')}"]
    items: list[tuple[int, int, str, str | None, str]] = []

    def add(kind: str, item: dict[str, Any], span: dict[str, Any] | None = None) -> None:
        span = span or item.get("span") or {}
        if span:
            items.append((span["start"], span["end"], kind, item.get("rule"), span["text"]))

    for figure in record.get("figures") or []:
        add("figure", figure)
        for comparison in figure.get("comparisons") or []:
            add("comparison", comparison)
    for official in record.get("officials") or []:
        for title in official.get("titles") or []:
            add("title", title)
        for mention in official.get("mentions") or []:
            add("official", official, mention)
    for kind in ("meetings", "dates", "references"):
        for item in record.get(kind) or []:
            add(kind[:-1], item)
    return [f"{path}\t{start}-{end}\t{kind}\t{rule or '-'}\t{' '.join(text.split())}"
            for start, end, kind, rule, text in sorted(items, key=lambda i: (i[0], i[1]))]


class _JsonlWriter:
    """Whole lines only: each record is one ``os.write`` of one line, so no kill can tear it.

    If a write fails part-way (a full disk), the file is cut back to its last whole line before the error is
    raised, so what was written stays valid JSONL.
    """

    def __init__(self, target: str, append: bool, pretty: bool, explain: bool = False) -> None:
        self.pretty, self.explain = pretty, explain
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
        if self.explain:
            line = "\n".join(explain_lines(json.loads(line)))
            if not line:
                return
        elif self.pretty:
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


STDIN = Path("-")


def _stdin_outcomes() -> Iterator[Outcome]:
    """Standard input as one document, parsed in this process (workers cannot read our stdin)."""
    yield process_bytes(WorkItem("-"), sys.stdin.buffer.read())


def _usage(message: str) -> int:
    print(f"govreport parse: error: {message}", file=sys.stderr)
    return 2


def _check_usage(args: argparse.Namespace) -> str | None:
    if STDIN in args.paths and len(args.paths) > 1:
        return "- (standard input) is one document: give it alone"
    if STDIN in args.paths and args.resume:
        return "--resume skips documents by path and content: it cannot continue standard input"
    if args.jobs is not None and args.jobs < 1:
        return "--jobs must be at least 1"
    if args.format != "jsonl" and args.output == "-":
        return f"--format {args.format} writes one file per table: give a folder with -o FOLDER"
    if args.format != "jsonl" and (args.resume or args.pretty or args.explain):
        return f"--resume, --pretty and --explain work with JSONL output, not --format {args.format}"
    if args.explain and (args.resume or args.pretty):
        return "--explain writes lines of text: it does not go with --resume or --pretty"
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
    """Run ``govreport parse``; returns the exit status (0, 1 with error records, 2 bad usage, 130 Ctrl-C)."""
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
            writer = _JsonlWriter(args.output, append=args.resume, pretty=args.pretty, explain=args.explain)
        else:
            writer = _TableWriter(Path(args.output), args.format)
    except OutputError as exc:  # nothing was written: the output given cannot be used
        return _usage(str(exc))
    try:
        progress = _progress()
        if args.paths == [STDIN]:
            outcomes = _stdin_outcomes()
        else:
            items = iter_items(args.paths)
            if done:
                items = _skip_done(items, done, skipped)
            outcomes = _engine(args)(items)
        for outcome in outcomes:
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
    if status == 0 and counts["errors"]:
        status = 1  # every record was written, but some are error records
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
