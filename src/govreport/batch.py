"""``govreport parse``: documents in, one JSON record per document out.

One record per input, always: a document that fails becomes an error record and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import GovReportError
from .readers import parse_file

__all__ = ["error_record", "iter_paths", "register"]


def register(commands: Any) -> None:
    cmd = commands.add_parser("parse", help="parse documents into JSON Lines")
    cmd.add_argument("paths", nargs="+", type=Path, help="files or folders (recursed)")
    cmd.add_argument("-o", "--output", default="-", help="output file, or - for stdout (default)")
    cmd.add_argument("--pretty", action="store_true", help="indented JSON instead of one line per document")
    cmd.set_defaults(func=run)


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given, folders recursed in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def error_record(path: Path, exc: GovReportError) -> dict[str, Any]:
    return {"source": {"path": str(path), "format": None, "sha256": None, "title": None, "published": None},
            "error": {"type": type(exc).__name__, "message": str(exc)}}


def run(args: argparse.Namespace) -> int:
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for path in iter_paths(args.paths):
            try:
                record: dict[str, Any] = parse_file(path).model_dump(mode="json")
            except GovReportError as exc:
                record = error_record(path, exc)
            out.write(json.dumps(record, ensure_ascii=False, indent=2 if args.pretty else None) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
