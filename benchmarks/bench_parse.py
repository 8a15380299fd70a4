"""parse() throughput over ../shared/corpus against underthesea word_tokenize of the same documents.

Target (issue 10, was 0.1x in issue 3): parse costs at most 0.12x of word-tokenizing the same text, measured
in the same run; the script exits 1 above it.
Run: ``.venv/bin/python benchmarks/bench_parse.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import sys

from common import best_of, corpus_paths
from underthesea import word_tokenize

import govreport

TARGET_RATIO = 0.12





def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts")
    args = parser.parse_args()
    paths = corpus_paths()[: args.limit or None]
    texts = [p.read_text("utf-8") for p in paths]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    # Load lexicons, patterns and dateparser's locale (a date line) first: one-time costs, not throughput.
    govreport.parse("Khởi động\nNgày đăng 21/06/2022\nThu ngân sách đạt 5 tỷ đồng.")
    word_tokenize("Khởi động")

    reports: list[govreport.Report] = []

    def run_parse() -> None:
        reports[:] = [govreport.parse(t) for t in texts]

    def run_tokenize() -> None:
        for t in texts:
            word_tokenize(t, use_token_normalize=False)

    ours = best_of(args.repeat, run_parse)
    baseline = best_of(args.repeat, run_tokenize)

    figures = sum(len(r.figures) for r in reports)
    print(f"corpus: {len(texts)} documents, {megabytes:.2f} MB, {figures} figures")
    print(f"underthesea word_tokenize: {megabytes / baseline:7.2f} MB/s ({baseline:.1f} s)")
    print(f"govreport.parse:           {megabytes / ours:7.2f} MB/s ({ours:.1f} s)")
    print(f"ratio (parse time / word_tokenize time): {ours / baseline:.3f}x  (target <= {TARGET_RATIO}x)")
    return 0 if ours / baseline <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
