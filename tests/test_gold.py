"""The extractor scored against our hand-made gold: the corpus set and the written report fixtures."""

from __future__ import annotations

import pytest

from conftest import CORPUS_DOCS, FIXTURES
from govreport.evaluate import evaluate

FIGURES_F1_CORPUS = 0.90   # issue 3: fail below 0.90 on the real-document gold
FIGURES_F1_FIXTURES = 0.93


def test_figures_on_the_corpus_gold(corpus_docs) -> None:
    total, _ = evaluate(FIXTURES / "gold", CORPUS_DOCS)
    scores = total.as_dict()
    assert total.figures.tp >= 250, "the gold set must be scored, not skipped"
    assert scores["figures"]["f1"] >= FIGURES_F1_CORPUS, scores["figures"]


def test_figures_on_the_written_reports() -> None:
    total, per_doc = evaluate(FIXTURES / "reports", FIXTURES / "reports")
    scores = total.as_dict()
    assert len(per_doc) >= 20
    assert scores["figures"]["f1"] >= FIGURES_F1_FIXTURES, scores["figures"]
    assert scores["comparisons"]["f1"] >= 0.85, scores["comparisons"]


def test_held_out_gold_does_not_regress(corpus_docs) -> None:
    """Documents annotated after the rules were written (never used to tune them): the floor is a little
    under what was measured (42 documents, 2026-12-05, sixth session: figures P 0.914 F1 0.873, officials
    F1 0.956, titles F1 0.860, metric 0.584, period 0.770, kind 0.950, comparisons 0.861), so a change that
    loses ground on unseen text fails here even when the tuned gold still passes."""
    total, _ = evaluate(FIXTURES / "gold-heldout", CORPUS_DOCS)
    scores = total.as_dict()
    assert scores["figures"]["precision"] >= 0.90, scores["figures"]
    assert scores["figures"]["f1"] >= 0.86, scores["figures"]
    assert scores["comparisons"]["f1"] >= 0.84, scores["comparisons"]
    assert scores["officials"]["f1"] >= 0.94, scores["officials"]
    assert scores["titles"]["f1"] >= 0.84, scores["titles"]
    assert scores["kind"]["accuracy"] >= 0.93, scores["kind"]
    assert scores["metric"]["accuracy"] >= 0.57, scores["metric"]
    assert scores["period"]["accuracy"] >= 0.76, scores["period"]


@pytest.mark.parametrize("name", ["bao-cao-khong-so-lieu"])
def test_a_document_without_figures_yields_none(name: str) -> None:
    import govreport
    text = "Sáng ngày 3/4/2023, Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 4 nhiệm kỳ 2020 - 2025."
    assert govreport.parse(text).figures == []
