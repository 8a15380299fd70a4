"""Adversarial text for the regex core: 1 MB of each kind against 1 MB of ordinary corpus text.

Target (issue 7): every kind costs at most 5x the ordinary text, i.e. every pattern runs in
linear time. Run: ``.venv/bin/python benchmarks/bench_adversarial.py``.
"""

from __future__ import annotations

import sys

from common import best_of, corpus_paths

import govreport
from govreport.numbers import find_quantities

SIZE = 1_000_000


def fill(piece: str) -> str:
    return (piece * (SIZE // len(piece) + 1))[:SIZE]


KINDS = {
    "digits": fill("1234567890"),
    "dots and commas": fill("1.2,3.4,5.6,7.8,9.0,"),
    "digit runs with separators": fill("18.058.123.456,7 "),
    "tỷ tỷ tỷ": fill("tỷ "),
    "number then scale words": fill("5 tỷ tỷ triệu nghìn "),
    "units and separators": fill("5%/ha-đồng,tấn.kg/"),
    "one megabyte without a space": fill("a1.b2,c3/d4-"),
    "spelled words": fill("hai mươi mốt trăm linh "),
    "qualifiers": fill("ước đạt trên khoảng gần "),
    "slashes": fill("15/24/2022/NQ-"),
}




def main() -> int:
    normal = "\n".join(p.read_text("utf-8") for p in corpus_paths())
    normal = (normal * (SIZE // len(normal) + 1))[:SIZE]
    govreport.parse("khởi động 5 tỷ đồng")
    base_q = best_of(2, lambda: find_quantities(normal))
    base_p = best_of(2, lambda: govreport.parse(normal))
    print(f"normal text: find_quantities {base_q:.2f} s, parse {base_p:.2f} s per MB")
    worst = 0.0
    for name, text in KINDS.items():
        q = best_of(2, lambda text=text: find_quantities(text))
        p = best_of(2, lambda text=text: govreport.parse(text))
        worst = max(worst, q / base_q, p / base_p)
        print(f"{name:28} find_quantities {q:6.2f} s ({q / base_q:5.2f}x)   parse {p:6.2f} s ({p / base_p:5.2f}x)")
    print(f"worst ratio: {worst:.2f}x  (target <= 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
