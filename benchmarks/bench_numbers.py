"""find_quantities throughput over ../shared/corpus, against a bare digit scan of the same text.

Target (issue 12): find_quantities costs at most 2.5x a bare ``\\d+`` scan, measured in the same run.
Run: ``.venv/bin/python benchmarks/bench_numbers.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import re
import sys

from common import best_of, corpus_paths

from govreport.numbers import find_quantities


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = [p.read_text("utf-8") for p in corpus_paths()]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    digits = re.compile(r"\d+")
    find_quantities("khởi động 1 tỷ đồng")  # compile the patterns outside the timing

    baseline = best_of(args.repeat, lambda: [sum(1 for _ in digits.finditer(t)) for t in texts])
    ours = best_of(args.repeat, lambda: [find_quantities(t) for t in texts])
    found = sum(len(find_quantities(t)) for t in texts)
    print(f"corpus: {len(texts)} documents, {megabytes:.2f} MB, {found} quantities")
    print(f"bare \\d+ scan:   {megabytes / baseline:8.1f} MB/s")
    print(f"find_quantities: {megabytes / ours:8.1f} MB/s")
    print(f"ratio (find_quantities time / digit scan time): {ours / baseline:.2f}x  (target <= 2.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
