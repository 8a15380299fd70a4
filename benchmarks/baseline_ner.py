"""Baseline: underthesea's NER (PER entities) as the officials extractor, scored like ours.

Every PER entity underthesea finds in a gold document counts as a predicted official (without titles:
its NER finds none), and is scored with the same matching as ``govreport eval`` (name equality after
folding case, spacing and tone placement). Our rules are scored on the same files in the same run.

Run: ``.venv/bin/python benchmarks/baseline_ner.py [--json]``. fixtures/gold needs ../shared/corpus
(it is skipped without it); fixtures/reports is always scored. underthesea's NER is slow (about
0.016 MB/s), so this takes a minute or so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from underthesea import ner, sent_tokenize  # type: ignore[import-untyped]

from govreport.evaluate import Count, evaluate, fold, load_gold
from govreport.normalize import normalize_text

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "fixtures/gold": (ROOT / "fixtures" / "gold", ROOT.parent / "shared" / "corpus" / "docs"),
    "fixtures/gold-heldout": (ROOT / "fixtures" / "gold-heldout", ROOT.parent / "shared" / "corpus" / "docs"),
    "fixtures/reports": (ROOT / "fixtures" / "reports", ROOT / "fixtures" / "reports"),
}


def person_entities(text: str) -> list[str]:
    """The PER entities underthesea's NER tags in ``text``, sentence by sentence, in order."""
    found: list[str] = []
    for line in text.splitlines():
        for sentence in sent_tokenize(line) if line.strip() else []:
            current: list[str] = []
            for token in ner(sentence):
                word, tag = token[0], token[-1]
                if tag == "B-PER" or (tag == "I-PER" and not current):
                    if current:
                        found.append(" ".join(current))
                    current = [word]
                elif tag == "I-PER":
                    current.append(word)
                else:
                    if current:
                        found.append(" ".join(current))
                    current = []
            if current:
                found.append(" ".join(current))
    return [name.replace("_", " ") for name in found]


def score_names(gold: list[dict[str, Any]], names: list[str]) -> tuple[Count, Count]:
    """(officials, titles) counts for predicted names that carry no titles."""
    officials, titles = Count(), Count()
    predicted = {fold(n) for n in names if fold(n)}
    for g in gold:
        want = len(g.get("titles") or [])
        if fold(g.get("name")) in predicted:
            predicted.discard(fold(g.get("name")))
            officials.tp += 1
        else:
            officials.fn += 1
        titles.fn += want
    officials.fp += len(predicted)
    return officials, titles


def full_names(names: list[str]) -> list[str]:
    """A kinder baseline: only entities of two to four capitalized syllables (what a full name looks like)."""
    return [n for n in names if 2 <= len(n.split()) <= 4 and all(w[:1].isupper() for w in n.split())]


def baseline(gold_dir: Path, docs_dir: Path) -> dict[str, dict[str, Any]]:
    """Score underthesea's PER entities as officials, raw and filtered to full-name shapes."""
    counts = {"underthesea_ner": (Count(), Count()), "underthesea_ner_full": (Count(), Count())}
    started = time.perf_counter()
    for gold in load_gold(gold_dir):
        text = normalize_text((docs_dir / gold["doc"]).read_text("utf-8"))
        names = person_entities(text)
        for key, found in (("underthesea_ner", names), ("underthesea_ner_full", full_names(names))):
            o, t = score_names(gold.get("officials") or [], found)
            counts[key][0].add(o)
            counts[key][1].add(t)
    seconds = round(time.perf_counter() - started, 1)
    return {key: {"officials": o.as_dict(), "titles": t.as_dict(), "seconds": seconds}
            for key, (o, t) in counts.items()}


def ours(gold_dir: Path, docs_dir: Path) -> dict[str, Any]:
    """Our rules on the same gold, as ``govreport eval`` scores them."""
    started = time.perf_counter()
    total, _ = evaluate(gold_dir, docs_dir)
    return {"officials": total.officials.as_dict(), "titles": total.titles.as_dict(),
            "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    """Score both extractors on every gold folder present and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"date": dt.date.today().isoformat()}
    for name, (gold_dir, docs_dir) in SETS.items():
        if not docs_dir.is_dir():
            print(f"{name}: skipped ({docs_dir} is absent)", file=sys.stderr)
            continue
        results[name] = {**baseline(gold_dir, docs_dir), "govreport": ours(gold_dir, docs_dir)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"{'':18} {'extractor':21} {'officials P':>11} {'R':>6} {'F1':>6}   {'titles F1':>9}  seconds")
    for name, by in results.items():
        if name == "date":
            continue
        for extractor, r in by.items():
            o, t = r["officials"], r["titles"]
            print(f"{name:18} {extractor:21} {o['precision']:11.3f} {o['recall']:6.3f} {o['f1']:6.3f}   "
                  f"{t['f1']:9.3f}  {r['seconds']:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
