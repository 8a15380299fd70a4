"""The ``govreport`` command: argument handling only; each subcommand lives with its feature.

Each feature module offers ``register(subparsers)``, which adds its subcommand and sets
``func`` to the function that runs it and returns the exit status.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from . import __version__, batch, evaluate_cli, render
from .models import Report

__all__ = ["main"]


def _schema(args: argparse.Namespace) -> int:
    json.dump(Report.model_json_schema(mode="serialization"), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


DESCRIPTION = """\
Turn Vietnamese government reports and portal news into structured, checkable records: meetings,
officials with their titles, figures with their metric, period and comparisons, dates and references.
Every item carries its span in the normalized text."""

EPILOG = """\
examples:
  govreport parse report.txt --pretty                 one document as indented JSON
  govreport parse archive.zip -o reports.jsonl        every document of a folder or zip, one line each
  govreport parse archive/ --format parquet -o out/   typed tables for DuckDB, pandas or polars
  govreport render report.txt -o report.html          a page that highlights every extracted item
  govreport eval --gold gold/ --docs docs/            precision, recall and F1 against hand-made gold
  govreport schema > report.schema.json               the JSON Schema of one record

Run 'govreport COMMAND --help' for the options of one command."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govreport", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to stderr")
    commands = parser.add_subparsers(dest="command", required=True)
    batch.register(commands)
    commands.add_parser(
        "schema", help="print the JSON Schema of one record",
        description="Print the JSON Schema of a Report (one parsed document) on standard output, for tools "
                    "that validate or generate code from govreport's JSON.",
        epilog="example:\n  govreport schema > report.schema.json",
        formatter_class=argparse.RawDescriptionHelpFormatter).set_defaults(func=_schema)
    evaluate_cli.register(commands)
    render.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 some error records, 2 bad usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return int(args.func(args))
    except BrokenPipeError:  # "govreport parse ... | head": the reader left, which is not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
