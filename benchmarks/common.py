"""What the benchmark scripts share: where the corpus is, and how a run is timed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
FALLBACK = ROOT / "fixtures" / "reports"


def corpus_paths() -> list[Path]:
    """The real documents of ../shared/corpus, or the project's own report fixtures when it is absent."""
    return sorted((CORPUS if CORPUS.is_dir() else FALLBACK).glob("*.txt"))


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """Seconds of the fastest of ``repeat`` runs: the one least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)
