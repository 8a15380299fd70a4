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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govreport", description=__doc__)
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to stderr")
    commands = parser.add_subparsers(dest="command", required=True)
    batch.register(commands)
    commands.add_parser("schema", help="print the JSON Schema of Report").set_defaults(func=_schema)
    evaluate_cli.register(commands)
    render.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad usage)."""
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
