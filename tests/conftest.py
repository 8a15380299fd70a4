"""Shared helpers: fixture tables, the corpus folder (skipped cleanly when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS_DOCS = SHARED / "corpus" / "docs"


def load_cases(*patterns: str) -> list[Any]:
    """Every case of the YAML tables matching ``patterns``, as pytest params with the label as id.

    A case with ``expect: xfail`` becomes a strict xfail carrying its ``reason``.
    """
    params = []
    for pattern in patterns:
        for path in sorted(FIXTURES.glob(pattern)):
            for case in yaml.safe_load(path.read_text("utf-8"))["cases"]:
                marks = []
                if case.get("expect") == "xfail":
                    marks.append(pytest.mark.xfail(strict=True, reason=case.get("reason", "known failure")))
                params.append(pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks))
    return params


@pytest.fixture(scope="session")
def corpus_docs() -> list[Path]:
    """The real documents of ../shared/corpus; the test is skipped where ../shared is absent."""
    if not CORPUS_DOCS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return sorted(CORPUS_DOCS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt").read_text("utf-8")
