"""``govreport eval``: score the extractor against a folder of gold files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .evaluate import evaluate, format_table

__all__ = ["register"]


def register(commands: Any) -> None:
    """Add the ``eval`` command to the command line."""
    cmd = commands.add_parser(
        "eval", help="precision / recall / F1 against gold annotations",
        description="Parse the document of every gold file (CONTRACT.md, 'Gold annotations') and score the "
                    "extraction: figures, comparisons, officials and titles (precision, recall, F1), and the "
                    "accuracy of each figure and meeting field.",
        epilog="examples:\n  govreport eval --gold fixtures/gold --docs ../shared/corpus/docs\n"
               "  govreport eval --gold fixtures/gold --docs ../shared/corpus/docs --verbose   (per document, "
               "with what was missed)",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("--gold", required=True, type=Path, help="folder of gold *.json files")
    cmd.add_argument("--docs", required=True, type=Path, help="folder the gold files' 'doc' paths are relative to")
    cmd.add_argument("--json", action="store_true", help="print the scores as JSON")
    cmd.add_argument("--verbose", dest="per_doc", action="store_true",
                     help="a line per document with tp/fp/fn, every missed or spurious item, "
                          "and every matched figure with a field scored wrong")
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.gold.is_dir() or not args.docs.is_dir():
        print(f"govreport eval: --gold and --docs must be folders ({args.gold}, {args.docs})", file=sys.stderr)
        return 2
    total, per_doc = evaluate(args.gold, args.docs)
    if args.json:
        result: dict[str, Any] = total.as_dict()
        if args.per_doc:
            result["documents"] = {doc: s.as_dict() for doc, s in per_doc.items()}
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(format_table(total, per_doc if args.per_doc else None))
    if args.per_doc:
        for title, items in (("missed:", total.missed), ("spurious:", total.spurious),
                             ("matched, with a field wrong:", total.wrong)):
            if items:
                print("\n" + title)
                print("\n".join("  " + item for item in items))
    return 0
