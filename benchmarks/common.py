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
    """CPU seconds of the fastest of ``repeat`` runs: the one least disturbed by the rest of the machine.

    CPU time, not wall time: on a shared machine a run's wall time grows with the load (measured 3x on a
    loaded 2-core machine, enough to swing a ratio by a third), its CPU time far less.
    """
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)
