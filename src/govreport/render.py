"""``govreport render``: a self-contained HTML review page for one document.

The page shows ``report.text`` with every extracted item highlighted by type (meeting, official,
title, metric, figure, comparison, period, date, reference); hovering a highlight shows its
normalized value, clicking it opens a panel with every field. Side tables list the figures,
officials, meetings, dates and references; a table row jumps to its highlight.

The page needs no network: CSS, script and data are inline, and a Content-Security-Policy forbids
any fetch. Everything from the document is HTML-escaped; the item data travels as JSON in a
``<script type="application/json">`` block and is put on screen with ``textContent`` only.

Overlapping spans: highlights are nested, the longer (earlier-starting) span outside. Spans that
cross (neither holds the other) are cut into fragments that share the item's ``data-id``, so the
markup is always well nested and selecting an item lights up all of its fragments. Each fragment
knows how many highlight levels it holds (``--inner``) and draws its underline below theirs.

Titles carry no span in the contract: a title is placed at the nearest occurrence of its text
around one of its official's mentions (or the first occurrence anywhere), and its panel says so.
If a ``span`` field is ever added to ``Title``, it is used as is.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import ValidationError

from . import __version__
from .api import parse_file
from .errors import GovReportError, InputError
from .models import Comparison, Figure, Meeting, Official, Report, Span, Title

__all__ = [
    "HIGHLIGHT_TYPES",
    "Highlight",
    "collect_highlights",
    "format_number",
    "load_report",
    "register",
    "render_html",
    "run",
]

log = logging.getLogger(__name__)

# Outer to inner when two highlights cover exactly the same characters.
HIGHLIGHT_TYPES = (
    "meeting", "official", "title", "metric", "figure", "comparison", "period", "date", "reference",
)
_TYPE_ORDER = {name: i for i, name in enumerate(HIGHLIGHT_TYPES)}
# How far around an official's mention a title is looked for (characters).
_TITLE_WINDOW = 240


@dataclass(frozen=True)
class Highlight:
    """One extracted item as the page shows it.

    Attributes:
        id: unique in the page ("figure-1", "comparison-1-2", "official-3"); every fragment of
            every span of the item carries it as ``data-id``.
        type: one of :data:`HIGHLIGHT_TYPES`.
        spans: ``(start, end)`` stretches of ``report.text``; an official has one per mention.
        label: the normalized value in one line, shown on hover ("18 058 000 000 000 VND", digits
            grouped by no-break spaces; the ``value`` field has the plain digits of the JSON).
        fields: every field as ``(name, value)`` text pairs, shown on click.
    """

    id: str
    type: str
    spans: tuple[tuple[int, int], ...]
    label: str
    fields: tuple[tuple[str, str], ...]


# --------------------------------------------------------------------------- values as text


def format_number(value: Decimal | None) -> str:
    """A Decimal as plain digits, no exponent and no trailing zeros (the JSON reading).

    >>> format_number(Decimal("1.8058E+13")), format_number(Decimal("57.30")), format_number(None)
    ('18058000000000', '57.3', '')
    """
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def group_digits(value: Decimal | None) -> str:
    r"""Digits grouped by three with no-break spaces, for reading ("18 058 000 000 000").

    The space is neither the Vietnamese "." nor the English ",", so no reader misreads it.

    >>> group_digits(Decimal("18058000000000")).replace("\u00a0", " "), group_digits(Decimal("615.3"))
    ('18 058 000 000 000', '615.3')
    """
    text = format_number(value)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + "\u00a0".join(groups) + dot + fraction


def _unit_text(unit: str | None, noun: str | None) -> str:
    if unit == "count":
        return noun or "count"
    return unit or ""


def _number(figure: Figure | Comparison, grouped: bool = False) -> str:
    """"18058000000000", "5000000000–7000000000" (a range), "15/24" (a part of a whole)."""
    show = group_digits if grouped else format_number
    low, high, total = (getattr(figure, name, None) for name in ("low", "high", "total"))
    if figure.value is None and (low is not None or high is not None):
        return f"{show(low)}–{show(high)}"
    number = show(figure.value)
    return number + f"/{show(total)}" if total is not None else number


def _amount(figure: Figure | Comparison) -> str:
    """"18 058 000 000 000 VND", "5 000 000 000–7 000 000 000 VND", "15/24 chỉ tiêu", "57.3%"."""
    number = _number(figure, grouped=True)
    unit = _unit_text(figure.unit, getattr(figure, "noun", None))
    if not unit:
        return number
    return number + unit if unit == "%" else f"{number} {unit}"


def _comparison_text(c: Comparison) -> str:
    """"share 57.3% (kế hoạch năm)", "change ↑ 15.1% (cùng kỳ 2021)"."""
    arrow = {"up": "↑ ", "down": "↓ "}.get(c.direction or "", "")
    base = f" ({c.base})" if c.base else ""
    return f"{c.kind} {arrow}{_amount(c)}{base}"


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _opt(value: Any) -> str:
    """A field value as text; absent values show as "—"."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, bool):
        return _yes_no(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _period_text(f: Figure) -> str:
    """"6 tháng đầu năm (2022-01-01 … 2022-06-30)", or "—"."""
    if f.period is None:
        return "—"
    return f"{f.period.text} ({_opt(f.period.start)} … {_opt(f.period.end)})"


def _meeting_label(m: Meeting) -> str:
    parts = [m.kind]
    if m.ordinal is not None:
        parts.append(f"lần thứ {m.ordinal}")
    if m.body:
        parts.append(m.body)
    if m.term is not None:
        parts.append(f"khóa {m.term}")
    if m.tenure is not None:
        parts.append(f"nhiệm kỳ {m.tenure.start}–{m.tenure.end}")
    if m.expanded:
        parts.append("mở rộng")
    if m.date is not None:
        parts.append(m.date.isoformat() + (f" ({m.part_of_day})" if m.part_of_day else ""))
    return " · ".join(parts)


def _title_label(t: Title) -> str:
    """"Chủ tịch HĐND huyện (Hội đồng nhân dân huyện)": the title, and its organization spelled out."""
    expanded = t.organization_expanded
    return t.text + (f" ({expanded})" if expanded and expanded != t.organization else "")


def _official_label(o: Official) -> str:
    titles = "; ".join(t.text for t in o.titles)
    return o.name + (f" — {titles}" if titles else "")


# --------------------------------------------------------------------------- items from a report


def _valid(text: str, span: Span | None, where: str, problems: list[str]) -> tuple[int, int] | None:
    """The span as ``(start, end)`` when it lies inside the text; else None and a note."""
    if span is None:
        return None
    if not 0 <= span.start < span.end <= len(text):
        problems.append(f"{where}: span {span.start}–{span.end} is outside the text; not highlighted")
        return None
    if text[span.start:span.end] != span.text:
        problems.append(f"{where}: span {span.start}–{span.end} does not hold its text {span.text!r}")
    return span.start, span.end


def _locate_title(text: str, title: Title, mentions: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Where a title is written: the occurrence nearest to one of the mentions, else the first."""
    needle = title.text
    if not needle:
        return None
    best: tuple[int, int] | None = None
    for start, end in mentions:
        lo, hi = max(0, start - _TITLE_WINDOW), min(len(text), end + _TITLE_WINDOW)
        at = text.find(needle, lo, hi)
        while at >= 0:
            distance = at - end if at >= end else start - (at + len(needle))
            if distance >= 0 and (best is None or distance < best[0]):
                best = (distance, at)
            at = text.find(needle, at + 1, hi)
    if best is not None:
        return best[1], best[1] + len(needle)
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def _figure_items(report: Report, problems: list[str]) -> list[Highlight]:
    text = report.text
    items: list[Highlight] = []
    periods: dict[tuple[Any, ...], tuple[tuple[int, int], list[int]]] = {}
    for n, f in enumerate(report.figures, start=1):
        where = f"figure {n} ({f.raw})"
        span = _valid(text, f.span, where, problems)
        fields = [
            ("value", format_number(f.value) or "—"),
            *((name, format_number(v)) for name, v in (("low", f.low), ("high", f.high), ("total", f.total))
              if v is not None),
            ("unit", _opt(f.unit)), *((("noun", f.noun),) if f.noun else ()), ("raw", f.raw),
            ("bound", _opt(f.bound)), ("estimated", _yes_no(f.estimated)),
            ("kind", f.kind), ("direction", _opt(f.direction)), ("base", _opt(f.base)),
            ("metric", f.metric.text if f.metric else "—"),
            ("period", _period_text(f)),
            *((f"comparison {j}", _comparison_text(c)) for j, c in enumerate(f.comparisons, start=1)),
            ("rule", f.rule),
        ]
        if span:
            items.append(Highlight(f"figure-{n}", "figure", (span,), _amount(f), tuple(fields)))
        for j, c in enumerate(f.comparisons, start=1):
            cspan = _valid(text, c.span, f"{where} comparison {j}", problems)
            if cspan:
                items.append(Highlight(
                    f"comparison-{n}-{j}", "comparison", (cspan,), _comparison_text(c),
                    (("kind", c.kind), ("value", _opt(c.value)), ("unit", _opt(c.unit)),
                     ("direction", _opt(c.direction)), ("base", _opt(c.base)),
                     ("of figure", f"{n}: {f.raw}"))))
        if f.metric is not None:
            mspan = _valid(text, f.metric.span, f"{where} metric", problems)
            if mspan:
                items.append(Highlight(f"metric-{n}", "metric", (mspan,), f.metric.text,
                                       (("metric", f.metric.text), ("of figure", f"{n}: {f.raw}"))))
        if f.period is not None and f.period.span is not None:
            pspan = _valid(text, f.period.span, f"{where} period", problems)
            if pspan:
                key = (pspan, f.period.text, f.period.start, f.period.end)
                periods.setdefault(key, (pspan, []))[1].append(n)
    for k, ((pspan, text_, start, end), (_, figures)) in enumerate(periods.items(), start=1):
        items.append(Highlight(
            f"period-{k}", "period", (pspan,), f"{_opt(start)} … {_opt(end)}",
            (("period", text_), ("start", _opt(start)), ("end", _opt(end)),
             ("of figures", ", ".join(str(n) for n in figures)))))
    return items


def _official_items(report: Report, problems: list[str]) -> list[Highlight]:
    text = report.text
    items: list[Highlight] = []
    for n, o in enumerate(report.officials, start=1):
        mentions = [s for i, m in enumerate(o.mentions, start=1)
                    if (s := _valid(text, m, f"official {n} ({o.name}) mention {i}", problems))]
        fields = [("name", o.name), ("honorific", _opt(o.honorific)),
                  *((f"title {j}", _title_label(t)) for j, t in enumerate(o.titles, start=1)),
                  ("roles", ", ".join(o.roles) or "—"), ("mentions", str(len(o.mentions)))]
        if mentions:
            items.append(Highlight(f"official-{n}", "official", tuple(mentions), _official_label(o),
                                   tuple(fields)))
        for j, t in enumerate(o.titles, start=1):
            given = t.span
            if isinstance(given, Span):
                tspan, how = _valid(text, given, f"official {n} title {j}", problems), "from the report"
            else:
                tspan, how = _locate_title(text, t, mentions), "located by its text (titles carry no span)"
            if tspan:
                items.append(Highlight(
                    f"title-{n}-{j}", "title", (tspan,), _title_label(t),
                    (("title", t.text), ("role", _opt(t.role)), ("organization", _opt(t.organization)),
                     ("organization expanded", _opt(t.organization_expanded)), ("of official", o.name),
                     ("position", how))))
    return items


def _meeting_items(report: Report, problems: list[str]) -> list[Highlight]:
    items = []
    for n, m in enumerate(report.meetings, start=1):
        span = _valid(report.text, m.span, f"meeting {n} ({m.kind})", problems)
        if span:
            items.append(Highlight(f"meeting-{n}", "meeting", (span,), _meeting_label(m), _meeting_fields(m)))
    return items


def _meeting_fields(m: Meeting) -> tuple[tuple[str, str], ...]:
    tenure = f"{m.tenure.start}–{m.tenure.end}" if m.tenure else "—"
    return (("kind", m.kind), ("ordinal", _opt(m.ordinal)), ("body", _opt(m.body)), ("term", _opt(m.term)),
            ("tenure", tenure), ("expanded", _yes_no(m.expanded)), ("date", _opt(m.date)),
            ("part of day", _opt(m.part_of_day)), ("location", _opt(m.location)),
            ("purpose", _opt(m.purpose)),
            ("chair", ", ".join(m.chair) or "—"))


def _other_items(report: Report, problems: list[str]) -> list[Highlight]:
    items = []
    for n, d in enumerate(report.dates, start=1):
        span = _valid(report.text, d.span, f"date {n}", problems)
        label = d.value.isoformat() + (f" ({d.part_of_day})" if d.part_of_day else "")
        if span:
            items.append(Highlight(f"date-{n}", "date", (span,), label,
                                   (("date", d.value.isoformat()), ("part of day", _opt(d.part_of_day)))))
    for n, r in enumerate(report.references, start=1):
        span = _valid(report.text, r.span, f"reference {n}", problems)
        if span:
            items.append(Highlight(f"reference-{n}", "reference", (span,), f"{r.kind} {r.number}",
                                   (("kind", r.kind), ("number", r.number), ("issuer", _opt(r.issuer)),
                                    ("date", _opt(r.date)))))
    return items


def collect_highlights(report: Report, problems: list[str] | None = None) -> list[Highlight]:
    r"""Every item of the report that has a place in its text, as highlights.

    Args:
        report: the report to show.
        problems: if given, receives a note for each span that could not be used as it is.

    Returns:
        Meetings, officials and their titles, figures with their metrics, comparisons and
        periods (a period shared by several figures once), dates and references.

    >>> import govreport
    >>> r = govreport.parse("Thu ngân sách ước đạt 615,3 tỷ đồng, bằng 63% dự toán.")
    >>> [(h.type, h.label.replace("\u00a0", " ")) for h in collect_highlights(r)]
    [('figure', '615 300 000 000 VND'), ('comparison', 'share 63% (dự toán)'), ('metric', 'Thu ngân sách')]
    """
    problems = [] if problems is None else problems
    return [*_meeting_items(report, problems), *_official_items(report, problems),
            *_figure_items(report, problems), *_other_items(report, problems)]


# --------------------------------------------------------------------------- the highlighted text


@dataclass
class _Open:
    """An opening tag being written; its depth is known only once its contents are."""

    highlight: Highlight
    span_index: int
    start: int
    end: int = 0
    inner: int = 0

    def tag(self) -> str:
        h = self.highlight
        return (f'<span class="hl hl-{h.type}" data-id="{_attr(h.id)}" data-type="{h.type}" '
                f'data-span="{self.span_index}" data-start="{self.start}" data-end="{self.end}" '
                f'style="--inner:{self.inner}" tabindex="0" title="{_attr(h.type + ": " + h.label)}">')


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def highlighted_text(text: str, highlights: Iterable[Highlight]) -> str:
    """The text as HTML, each highlight span wrapped in ``<span class="hl hl-TYPE">``.

    Spans nest by length (the longer outside); a span that crosses another is split into
    fragments, each carrying the same ``data-id`` and ``data-span``.

    >>> h = [Highlight("a", "metric", ((0, 9),), "x", ()), Highlight("b", "figure", ((5, 12),), "y", ())]
    >>> out = highlighted_text("ab <c> d e f g", h)
    >>> out.count('data-id="a"'), out.count('data-id="b"'), "<c" in out, out.count("&lt;c")
    (1, 2, False, 1)
    """
    occurrences = sorted(
        ((start, end, _TYPE_ORDER[h.type], h.id, k, h)
         for h in highlights for k, (start, end) in enumerate(h.spans)),
        key=lambda o: (o[0], -o[1], o[2], o[3], o[4]),
    )
    points = sorted({0, len(text), *(o[0] for o in occurrences), *(o[1] for o in occurrences)})
    starting: dict[int, list[tuple[Any, ...]]] = {}
    for o in occurrences:
        starting.setdefault(o[0], []).append(o)
    out: list[str | _Open] = []
    stack: list[tuple[tuple[Any, ...], _Open]] = []
    active: list[tuple[Any, ...]] = []
    order = {id(o): i for i, o in enumerate(occurrences)}

    def close_to(depth: int, at: int) -> None:
        while len(stack) > depth:
            _, fragment = stack.pop()
            fragment.end = at
            out.append("</span>")
            if stack:
                stack[-1][1].inner = max(stack[-1][1].inner, fragment.inner + 1)

    for a, b in zip(points, points[1:], strict=False):
        active = [o for o in active if o[1] > a] + starting.get(a, [])
        active.sort(key=lambda o: order[id(o)])
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep][0] is active[keep]:
            keep += 1
        close_to(keep, a)
        for o in active[keep:]:
            fragment = _Open(o[5], o[4], a)
            out.append(fragment)
            stack.append((o, fragment))
        out.append(html.escape(text[a:b], quote=True))
    close_to(0, len(text))
    return "".join(piece.tag() if isinstance(piece, _Open) else piece for piece in out)


# --------------------------------------------------------------------------- side tables


def _target(prefix: str, n: int, ids: set[str]) -> str | None:
    """The highlight a table row points at, when that item is highlighted in the text."""
    return f"{prefix}-{n}" if f"{prefix}-{n}" in ids else None


def _statement(f: Figure) -> str | None:
    """What the figure's own number states, when it is not a plain level: "change ↑ vs năm 2022"."""
    if f.kind == "level" and f.base is None:
        return None
    arrow = {"up": " ↑", "down": " ↓"}.get(f.direction or "", "")
    return f"{f.kind}{arrow}" + (f" vs {f.base}" if f.base else "")


def _figure_rows(report: Report, ids: set[str]) -> list[dict[str, Any]]:
    return [{"target": _target("figure", n, ids), "n": n, "metric": f.metric.text if f.metric else None,
             "period": _period_text(f) if f.period else None, "statement": _statement(f),
             "value": _number(f, grouped=True),
             "qualifiers": " ".join(q for q in (f.bound, "estimated" if f.estimated else None) if q),
             "unit": _unit_text(f.unit, f.noun), "comparisons": [_comparison_text(c) for c in f.comparisons]}
            for n, f in enumerate(report.figures, start=1)]


def _official_rows(report: Report, ids: set[str]) -> list[dict[str, Any]]:
    return [{"target": _target("official", n, ids), "n": n, "name": o.name, "honorific": o.honorific,
             "titles": [_title_label(t) for t in o.titles], "roles": ", ".join(o.roles)}
            for n, o in enumerate(report.officials, start=1)]


def _meeting_rows(report: Report, ids: set[str]) -> list[dict[str, Any]]:
    return [{"target": _target("meeting", n, ids), "n": n,
             "fields": [(k, v) for k, v in _meeting_fields(m) if v != "—"]}
            for n, m in enumerate(report.meetings, start=1)]


def _date_rows(report: Report, ids: set[str]) -> list[dict[str, Any]]:
    return [{"target": _target("date", n, ids), "cells": [n, d.value.isoformat(), _opt(d.part_of_day), d.span.text]}
            for n, d in enumerate(report.dates, start=1)]


def _reference_rows(report: Report, ids: set[str]) -> list[dict[str, Any]]:
    return [{"target": _target("reference", n, ids), "cells": [n, r.kind, r.number, _opt(r.issuer), _opt(r.date)]}
            for n, r in enumerate(report.references, start=1)]


# --------------------------------------------------------------------------- the page


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element early or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _page_title(report: Report) -> str:
    if report.source.title:
        return report.source.title
    if report.source.path:
        return Path(report.source.path).name
    first = next((line.strip() for line in report.text.splitlines() if line.strip()), "")
    return first[:80] or "govreport"


def render_html(report: Report) -> str:
    """The review page of one report, as a complete HTML document (UTF-8, no external resources).

    Args:
        report: a parsed report (``govreport.parse`` / ``parse_file``, or a saved JSON record).

    Returns:
        The page. It works offline; its Content-Security-Policy blocks every network request.

    >>> import govreport
    >>> page = render_html(govreport.parse("Kết nạp 125 đảng viên <mới>."))
    >>> page.startswith("<!DOCTYPE html>"), 'data-type="figure"' in page, "<mới>" in page
    (True, True, False)
    """
    problems: list[str] = []
    highlights = collect_highlights(report, problems)
    ids = {h.id for h in highlights}
    source = report.source
    meta = [("file", source.path), ("format", source.format), ("published", _opt(source.published)),
            ("sha256", source.sha256[:12] + "…" if source.sha256 else None)]
    data = {h.id: {"type": h.type, "label": h.label, "fields": [list(f) for f in h.fields]}
            for h in highlights}
    page: str = _template().render(
        title=_page_title(report), version=__version__, schema=report.schema_version,
        meta=[(k, v) for k, v in meta if v and v != "—"],
        legend=[(t, sum(1 for h in highlights if h.type == t)) for t in HIGHLIGHT_TYPES],
        text=Markup(highlighted_text(report.text, highlights)),  # escaped piece by piece in highlighted_text
        figures=_figure_rows(report, ids), officials=_official_rows(report, ids), meetings=_meeting_rows(report, ids),
        dates=_date_rows(report, ids), references=_reference_rows(report, ids),
        warnings=[*report.warnings, *problems],
        css=Markup(_asset("review.css")), script=Markup(_asset("review.js")),
        data=Markup(_json_for_script(data)),
    )
    return page


@cache
def _template() -> Any:
    """The page template (package data, templates/review.html.j2), autoescaping every value."""
    import jinja2

    environment = jinja2.Environment(loader=jinja2.PackageLoader("govreport", "templates"), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.get_template("review.html.j2")


@cache
def _asset(name: str) -> str:
    """The stylesheet or script of the page, inlined so the page needs no other file."""
    return resources.files("govreport").joinpath("templates", name).read_text("utf-8")


def load_report(path: Path) -> Report:
    """A report from a document (parsed) or from a JSON record written by ``govreport parse``.

    A ``.json`` file holds one record; of a ``.jsonl`` file the first record is used.

    Raises:
        InputError: the JSON is not a report (an error record included); and whatever
            :func:`govreport.parse_file` raises for a document.
    """
    if path.suffix.lower() not in (".json", ".jsonl"):
        return parse_file(path)
    try:
        raw = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 JSON ({exc}); check the path") from exc
    if path.suffix.lower() == ".jsonl":
        raw = next((line for line in raw.splitlines() if line.strip()), "")
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: is not JSON ({exc}); "
                         "give a document or the output of govreport parse") from exc
    if isinstance(record, dict) and "error" in record and "text" not in record:
        error = record.get("error") or {}
        raise InputError(f"{path}: is an error record ({error.get('type')}: {error.get('message')}); "
                         "there is no text to show")
    try:
        return Report.model_validate_json(raw)
    except ValidationError as exc:
        raise InputError(f"{path}: is not a govreport Report ({exc.error_count()} problems, first: "
                         f"{exc.errors()[0]['msg']} at {'.'.join(map(str, exc.errors()[0]['loc']))}); "
                         "give a document or the output of govreport parse") from exc


# --------------------------------------------------------------------------- command line


def register(commands: Any) -> None:
    """Add ``govreport render PATH -o OUT.html`` to the CLI's subcommands."""
    cmd = commands.add_parser(
        "render", help="a self-contained HTML review page of one document",
        description="Write one HTML page that shows the document's text with every extracted item highlighted "
                    "and listed (figures, officials, meetings, dates, references), so a person can check them.",
        epilog="examples:\n  govreport render report.txt -o report.html\n"
               "  govreport parse report.txt -o r.jsonl && govreport render r.jsonl -o report.html",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    cmd.add_argument("path", type=Path,
                     help="a document (.txt, ...) or a JSON report written by govreport parse")
    cmd.add_argument("-o", "--output", default="-", help="the HTML file to write, or - for stdout (default)")
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render one document; 0 on success, 1 when the input cannot be read, 2 when it does not exist."""
    path: Path = args.path
    if not path.is_file():
        print(f"govreport render: {path} is not a file; give one document or one JSON report",
              file=sys.stderr)
        return 2
    try:
        report = load_report(path)
    except GovReportError as exc:
        print(f"govreport render: {exc}", file=sys.stderr)
        return 1
    page = render_html(report)
    if args.output == "-":
        sys.stdout.write(page)
    else:
        Path(args.output).write_text(page, encoding="utf-8")
        log.info("wrote %s (%d figures, %d officials, %d meetings)", args.output, len(report.figures),
                 len(report.officials), len(report.meetings))
    return 0
