"""Score the extractor against hand-made gold files (CONTRACT.md, "Gold annotations").

Matching follows the contract: a figure matches on unit and value (within 0.5%); its metric is
right when the word sets overlap by at least 60% (Jaccard); comparisons match on kind, value and
direction; officials match on name, and their titles compare as sets. Text compares ignoring case,
spacing, punctuation and old/new tone-mark placement. Counts are summed over documents (micro).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from . import lexicon
from .lexicon import AbbreviationEntry
from .models import Figure, Report
from .normalize import normalize_text
from .pipeline import parse

__all__ = ["Score", "evaluate", "evaluate_report", "fold", "load_gold"]

VALUE_TOLERANCE = Decimal("0.005")
METRIC_JACCARD = 0.6
FIGURE_FIELDS = ("metric", "bound", "estimated", "period", "kind", "direction", "base")
MEETING_FIELDS = ("kind", "ordinal", "body", "term", "tenure", "expanded", "date", "part_of_day")
_PUNCT_RE = re.compile(r"[^\w\s%]")


def fold(text: str | None) -> str:
    """Text as compared: one tone placement, lower case, no punctuation, single spaces.

    >>> fold("  Thành uỷ viên, ") == fold("thành ủy viên")
    True
    """
    if text is None:
        return ""
    return " ".join(_PUNCT_RE.sub(" ", normalize_text(text).lower()).split())


@dataclass
class Count:
    """True positives, false positives and false negatives of one kind of item."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Count) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def merge(self, other: Accuracy) -> None:
        self.right, self.total = self.right + other.right, self.total + other.total

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.right / self.total, 4) if self.total else 1.0,
                "right": self.right, "total": self.total}


@dataclass
class Score:
    """Everything ``govreport eval`` reports, for one document or summed over many."""

    figures: Count = field(default_factory=Count)
    comparisons: Count = field(default_factory=Count)
    officials: Count = field(default_factory=Count)
    titles: Count = field(default_factory=Count)
    metric: Accuracy = field(default_factory=Accuracy)
    bound: Accuracy = field(default_factory=Accuracy)
    estimated: Accuracy = field(default_factory=Accuracy)
    period: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    direction: Accuracy = field(default_factory=Accuracy)
    base: Accuracy = field(default_factory=Accuracy)
    meetings: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in MEETING_FIELDS})
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # matched, but a field scored wrong (--verbose)

    def add(self, other: Score) -> None:
        """Add another score (of one more document) to this one."""
        for name in ("figures", "comparisons", "officials", "titles"):
            getattr(self, name).add(getattr(other, name))
        for name in FIGURE_FIELDS:
            getattr(self, name).merge(getattr(other, name))
        for name, acc in other.meetings.items():
            self.meetings[name].merge(acc)
        self.missed += other.missed
        self.spurious += other.spurious
        self.wrong += other.wrong

    def as_dict(self) -> dict[str, Any]:
        """The scores as ``govreport eval --json`` prints them."""
        return {
            "figures": self.figures.as_dict(), "comparisons": self.comparisons.as_dict(),
            "officials": self.officials.as_dict(), "titles": self.titles.as_dict(),
            **{name: getattr(self, name).as_dict() for name in FIGURE_FIELDS},
            "meetings": {name: acc.as_dict() for name, acc in self.meetings.items()},
        }


def _close(a: Any, b: Any) -> bool:
    """Values equal within the contract's 0.5% (exact for zero)."""
    if a is None or b is None:
        return bool(a is None and b is None)
    a, b = Decimal(str(a)), Decimal(str(b))
    if b == 0:
        return bool(a == 0)
    return bool(abs(a - b) <= abs(b) * VALUE_TOLERANCE)


def _figure_matches(gold: dict[str, Any], figure: Figure) -> bool:
    if gold.get("unit") != figure.unit:
        return False
    if gold.get("value") is None and gold.get("low") is not None:
        return _close(figure.low, gold.get("low")) and _close(figure.high, gold.get("high"))
    return _close(figure.value, gold.get("value"))


def _jaccard(a: str | None, b: str | None) -> float:
    left, right = set(fold(a).split()), set(fold(b).split())
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


def _describe(item: dict[str, Any] | Figure) -> str:
    if isinstance(item, Figure):
        return f"{item.raw} = {item.value} {item.unit} ({item.metric.text if item.metric else '-'})"
    return f"{item.get('value', item.get('low'))} {item.get('unit')} ({item.get('metric') or '-'})"


def _score_figures(gold: list[dict[str, Any]], figures: list[Figure], score: Score, doc: str) -> None:
    unused = list(range(len(figures)))
    for g in gold:
        match = next((i for i in unused if _figure_matches(g, figures[i])), None)
        gold_comparisons = g.get("comparisons") or []
        if match is None:
            score.figures.fn += 1
            score.comparisons.fn += len(gold_comparisons)
            score.missed.append(f"{doc}: figure {_describe(g)}")
            continue
        unused.remove(match)
        f = figures[match]
        score.figures.tp += 1
        what = f"{doc}: figure {f.raw} ="
        if "metric" in g:  # a null metric is scored too: the text names nothing, so should we
            ok = (f.metric is None if not g["metric"] else
                  f.metric is not None and _jaccard(g["metric"], f.metric.text) >= METRIC_JACCARD)
            score.metric.add(ok)
            if not ok:
                got_metric = f.metric.text if f.metric else None
                score.wrong.append(f"{what} metric {got_metric!r}, gold {g['metric']!r}")
        score.bound.add(g.get("bound") == f.bound)
        if g.get("bound") != f.bound:
            score.wrong.append(f"{what} bound {f.bound}, gold {g.get('bound')}")
        score.estimated.add(bool(g.get("estimated")) == f.estimated)
        if bool(g.get("estimated")) != f.estimated:
            score.wrong.append(f"{what} estimated {f.estimated}, gold {bool(g.get('estimated'))}")
        if "period_start" in g or "period_end" in g:  # null means "no period", and is scored
            got = (f.period.start if f.period else None, f.period.end if f.period else None)
            want = tuple(dt.date.fromisoformat(d) if d else None for d in (g.get("period_start"), g.get("period_end")))
            score.period.add(got == want)
            if got != want:
                score.wrong.append(f"{what} period {_dates(got)}, gold {_dates(want)}")
        _score_statement(g, f, score, what)
        left = list(f.comparisons)
        for gc in gold_comparisons:
            hit = next((c for c in left if c.kind == gc.get("kind") and _close(c.value, gc.get("value"))
                        and c.direction == gc.get("direction")), None)
            if hit is None:
                score.comparisons.fn += 1
                score.missed.append(f"{doc}: comparison {gc.get('kind')} {gc.get('value')} "
                                    f"{gc.get('direction') or ''} of figure {f.raw}")
            else:
                left.remove(hit)
                score.comparisons.tp += 1
        score.comparisons.fp += len(left)
        score.spurious += [f"{doc}: comparison {c.span.text!r} of figure {f.raw}" for c in left]
    for i in unused:
        score.figures.fp += 1
        score.comparisons.fp += len(figures[i].comparisons)
        score.spurious.append(f"{doc}: figure {_describe(figures[i])}")


def _score_statement(gold: dict[str, Any], figure: Figure, score: Score, what: str) -> None:
    """Kind, direction and base, each scored only where the gold file states it."""
    if "kind" in gold:
        score.kind.add(gold["kind"] == figure.kind)
        if gold["kind"] != figure.kind:
            score.wrong.append(f"{what} kind {figure.kind}, gold {gold['kind']}")
    if "direction" in gold:
        score.direction.add(gold["direction"] == figure.direction)
        if gold["direction"] != figure.direction:
            score.wrong.append(f"{what} direction {figure.direction}, gold {gold['direction']}")
    if "base" in gold:
        ok = (figure.base is None if not gold["base"] else
              figure.base is not None and _jaccard(gold["base"], figure.base) >= METRIC_JACCARD)
        score.base.add(ok)
        if not ok:
            score.wrong.append(f"{what} base {figure.base!r}, gold {gold['base']!r}")


def _dates(pair: tuple[dt.date | None, ...]) -> str:
    return " … ".join(d.isoformat() if d else "None" for d in pair)


def _score_officials(gold: list[dict[str, Any]], report: Report, score: Score, doc: str = "") -> None:
    predicted = {fold(o.name): o for o in report.officials}
    for g in gold:
        official = predicted.pop(fold(g.get("name")), None)
        want = {fold(t) for t in g.get("titles") or []}
        if official is None:
            score.officials.fn += 1
            score.titles.fn += len(want)
            score.missed.append(f"{doc}: official {g.get('name')} ({'; '.join(g.get('titles') or [])})")
            continue
        score.officials.tp += 1
        got = {fold(t.text) for t in official.titles}
        score.titles.tp += len(want & got)
        score.titles.fn += len(want - got)
        score.titles.fp += len(got - want)
        score.missed += [f"{doc}: title {t!r} of {official.name}" for t in sorted(want - got)]
        score.spurious += [f"{doc}: title {t!r} of {official.name}" for t in sorted(got - want)]
    for official in predicted.values():
        score.officials.fp += 1
        score.titles.fp += len(official.titles)
        titles = "; ".join(t.text for t in official.titles)
        score.spurious.append(f"{doc}: official {official.name} ({titles})")


@cache
def _spelled_out() -> dict[str, str]:
    return {s: e.expanded for e in lexicon.entries("abbreviations", AbbreviationEntry) for s in e.surfaces}


def _body(text: str | None) -> str | None:
    """A body as compared: abbreviations spelled out ("HĐND huyện X" is "Hội đồng nhân dân huyện X")."""
    return fold(" ".join(_spelled_out().get(word, word) for word in (text or "").split())) or None


def _meeting_value(meeting: Any, name: str) -> Any:
    value = getattr(meeting, name)
    if name == "tenure" and value is not None:
        return {"start": value.start, "end": value.end}
    if name == "date" and value is not None:
        return value.isoformat()
    if name == "kind":
        return fold(value) or None
    if name == "body":
        return _body(value)
    return value


def _gold_value(gold: dict[str, Any], name: str) -> Any:
    if name == "kind":
        return fold(gold[name]) or None
    return _body(gold[name]) if name == "body" else gold[name]


def _score_meetings(gold: list[dict[str, Any]], report: Report, score: Score, doc: str = "") -> None:
    """Each gold meeting is compared with the predicted meeting of its kind that agrees on the most
    fields (a document may report two sessions of the same kind).
    """
    for g in gold:
        fields = [name for name in MEETING_FIELDS if name in g]
        same_kind = [m for m in report.meetings if fold(m.kind) == fold(g.get("kind"))]
        candidates = same_kind or report.meetings
        meeting = max(candidates, default=None,
                      key=lambda m: sum(_meeting_value(m, n) == _gold_value(g, n) for n in fields))
        for name in fields:
            got = _meeting_value(meeting, name) if meeting is not None else None
            ok = meeting is not None and got == _gold_value(g, name)
            score.meetings[name].add(ok)
            if not ok:
                score.wrong.append(f"{doc}: meeting {g.get('kind')} {name} {got!r}, gold {g[name]!r}")


def evaluate_report(gold: dict[str, Any], report: Report) -> Score:
    """Score one report against one gold file."""
    score = Score()
    doc = str(gold.get("doc"))
    _score_figures(gold.get("figures") or [], report.figures, score, doc)
    _score_officials(gold.get("officials") or [], report, score, doc)
    _score_meetings(gold.get("meetings") or [], report, score, doc)
    return score


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """Every ``*.json`` gold file of ``folder``, sorted by name."""
    return [json.loads(p.read_text("utf-8")) for p in sorted(Path(folder).glob("*.json"))]


def evaluate(gold_dir: Path, docs_dir: Path) -> tuple[Score, dict[str, Score]]:
    """Parse each gold file's document and score it; returns the total and each document's score."""
    total, per_doc = Score(), {}
    for gold in load_gold(gold_dir):
        text = (Path(docs_dir) / gold["doc"]).read_text("utf-8")
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        score = evaluate_report(gold, parse(text, published=published))
        per_doc[gold["doc"]] = score
        total.add(score)
    return total, per_doc


def format_table(total: Score, per_doc: dict[str, Score] | None = None) -> str:
    """A plain-text table of the scores, one line per document when ``per_doc`` is given."""
    lines = [f"{'':24} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for name in ("figures", "comparisons", "officials", "titles"):
        d = getattr(total, name).as_dict()
        lines.append(f"{name:24} {d['precision']:6.3f} {d['recall']:6.3f} {d['f1']:6.3f}  "
                     f"{d['tp']:3} {d['fp']:3} {d['fn']:3}")
    for name in FIGURE_FIELDS:
        d = getattr(total, name).as_dict()
        lines.append(f"{name + ' accuracy':24} {d['accuracy']:6.3f}  ({d['right']}/{d['total']})")
    for name, acc in total.meetings.items():
        d = acc.as_dict()
        lines.append(f"{'meeting ' + name:24} {d['accuracy']:6.3f}  ({d['right']}/{d['total']})")
    if per_doc:
        lines.append("")
        lines.append(f"{'document':24} {'fig F1':>7} {'cmp F1':>7} {'off F1':>7}   "
                     "figures   compar.  officials  titles   (tp/fp/fn)")
        for doc, s in per_doc.items():
            counts = "  ".join(f"{c.tp:>3}/{c.fp}/{c.fn:<3}"
                               for c in (s.figures, s.comparisons, s.officials, s.titles))
            lines.append(f"{doc:24} {s.figures.as_dict()['f1']:7.3f} {s.comparisons.as_dict()['f1']:7.3f} "
                         f"{s.officials.as_dict()['f1']:7.3f}   {counts}".rstrip())
    return "\n".join(lines)
