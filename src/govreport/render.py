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
from pathlib import Path
from typing import Any

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
            given = getattr(t, "span", None)
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


def _row(target: str | None, cells: Sequence[str]) -> str:
    attr = f' data-target="{_attr(target)}" tabindex="0"' if target else ""
    return f"<tr{attr}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _table(caption: str, anchor: str, headers: Sequence[str], rows: Sequence[str]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    empty = f'<tr><td class="none" colspan="{len(headers)}">none extracted</td></tr>'
    body = "".join(rows) if rows else empty
    return (f'<section id="{anchor}"><h2>{html.escape(caption)} <span class="count">{len(rows)}</span></h2>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>')


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _figures_table(report: Report, ids: set[str]) -> str:
    rows = []
    for n, f in enumerate(report.figures, start=1):
        comparisons = "".join(f"<li>{_e(_comparison_text(c))}</li>" for c in f.comparisons)
        qualifiers = " ".join(q for q in (f.bound, "estimated" if f.estimated else None) if q)
        value = f'<span class="num">{_e(_number(f, grouped=True))}</span>'
        if qualifiers:
            value += f' <span class="qual">{_e(qualifiers)}</span>'
        metric = _e(f.metric.text) if f.metric else '<span class="none">no metric</span>'
        if f.period:
            metric += f'<div class="qual">{_e(_period_text(f))}</div>'
        rows.append(_row(f"figure-{n}" if f"figure-{n}" in ids else None, [
            str(n), metric, value, _e(_unit_text(f.unit, f.noun)),
            f"<ul>{comparisons}</ul>" if comparisons else "—"]))
    return _table("Figures", "figures", ["#", "metric (period)", "value", "unit", "comparisons"], rows)


def _officials_table(report: Report, ids: set[str]) -> str:
    rows = []
    for n, o in enumerate(report.officials, start=1):
        titles = "".join(f"<li>{_e(_title_label(t))}</li>" for t in o.titles)
        name = _e(o.name) + (f' <span class="qual">{_e(o.honorific)}</span>' if o.honorific else "")
        rows.append(_row(f"official-{n}" if f"official-{n}" in ids else None, [
            str(n), name, f"<ul>{titles}</ul>" if titles else "—", _e(", ".join(o.roles)) or "—"]))
    return _table("Officials", "officials", ["#", "name", "titles", "roles"], rows)


def _meetings_table(report: Report, ids: set[str]) -> str:
    rows = []
    for n, m in enumerate(report.meetings, start=1):
        fields = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in _meeting_fields(m) if v != "—")
        rows.append(_row(f"meeting-{n}" if f"meeting-{n}" in ids else None, [str(n), f"<dl>{fields}</dl>"]))
    return _table("Meetings", "meetings", ["#", "fields"], rows)


def _dates_table(report: Report, ids: set[str]) -> str:
    rows = [_row(f"date-{n}" if f"date-{n}" in ids else None,
                 [str(n), _e(d.value.isoformat()), _e(_opt(d.part_of_day)), _e(d.span.text)])
            for n, d in enumerate(report.dates, start=1)]
    return _table("Dates", "dates", ["#", "date", "part of day", "as written"], rows)


def _references_table(report: Report, ids: set[str]) -> str:
    rows = [_row(f"reference-{n}" if f"reference-{n}" in ids else None,
                 [str(n), _e(r.kind), _e(r.number), _e(_opt(r.issuer)), _e(_opt(r.date))])
            for n, r in enumerate(report.references, start=1)]
    return _table("References", "references", ["#", "kind", "number", "issuer", "date"], rows)


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
    counts = {t: sum(1 for h in highlights if h.type == t) for t in HIGHLIGHT_TYPES}
    legend = "".join(
        f'<label class="key hl-{t}"><input type="checkbox" checked data-toggle="{t}">'
        f'<span class="swatch"></span>{t} <span class="count">{counts[t]}</span></label>'
        for t in HIGHLIGHT_TYPES)
    source = report.source
    meta = [("file", source.path), ("format", source.format), ("published", _opt(source.published)),
            ("sha256", source.sha256[:12] + "…" if source.sha256 else None)]
    meta_html = " · ".join(f"{_e(k)}: <b>{_e(v)}</b>" for k, v in meta if v and v != "—")
    warnings = [*report.warnings, *problems]
    warnings_html = ""
    if warnings:
        warnings_html = ('<section id="warnings"><h2>Warnings <span class="count">'
                         f'{len(warnings)}</span></h2><ul>'
                         + "".join(f"<li>{_e(w)}</li>" for w in warnings) + "</ul></section>")
    data = {h.id: {"type": h.type, "label": h.label, "fields": [list(f) for f in h.fields]}
            for h in highlights}
    side = "".join((_figures_table(report, ids), _officials_table(report, ids), _meetings_table(report, ids),
                    _dates_table(report, ids), _references_table(report, ids), warnings_html))
    return _PAGE.format(
        title=_e(_page_title(report)), version=_e(__version__), css=_CSS, script=_SCRIPT, meta=meta_html,
        legend=legend, text=highlighted_text(report.text, highlights), side=side, data=_json_for_script(data),
        schema=_e(report.schema_version),
    )


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


# --------------------------------------------------------------------------- page template

_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="govreport {version}">
<title>{title} · govreport</title>
<style>{css}</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <p class="meta">{meta} · schema {schema} · govreport {version}</p>
  <nav class="legend" aria-label="highlight types">{legend}</nav>
  <p class="hint">Hover a highlight for its normalized value; click it for every field.
     Click a table row to find it in the text.</p>
</header>
<main>
  <article class="doc" lang="vi">{text}</article>
  <aside class="side">{side}</aside>
</main>
<div id="popover" role="dialog" aria-live="polite" hidden></div>
<script type="application/json" id="govreport-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

_CSS = """
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --paper: #fbfaf7; --panel: #ffffff;
  --figure: #1d4ed8; --figure-bg: rgba(59, 130, 246, .20);
  --comparison: #15803d; --comparison-bg: rgba(34, 197, 94, .20);
  --metric: #b45309; --metric-bg: rgba(245, 158, 11, .13);
  --period: #7e22ce; --period-bg: rgba(168, 85, 247, .14);
  --official: #be123c; --official-bg: rgba(244, 63, 94, .16);
  --title: #0f766e; --title-bg: rgba(20, 184, 166, .16);
  --meeting: #475569; --meeting-bg: rgba(100, 116, 139, .10);
  --date: #a16207; --date-bg: rgba(234, 179, 8, .22);
  --reference: #9a3412; --reference-bg: rgba(249, 115, 22, .16);
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: var(--paper);
  font-family: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans",
    sans-serif;
  font-size: 15px; line-height: 1.5;
}
header { padding: 16px 28px 10px; border-bottom: 1px solid var(--line); background: var(--panel); }
h1 { font-size: 21px; margin: 0 0 4px; line-height: 1.35; }
h2 { font-size: 15px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.meta, .hint { margin: 2px 0; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 10px; margin: 8px 0 2px; }
.key { display: inline-flex; align-items: center; gap: 5px; font-size: 13px; cursor: pointer;
  user-select: none; }
.key input { margin: 0; }
.swatch { width: 14px; height: 14px; border-radius: 3px; background: var(--bg);
  border-bottom: 3px solid var(--c); }
.count { color: var(--muted); font-weight: normal; font-size: 12px; }
main { display: grid; grid-template-columns: minmax(0, 44rem) minmax(24rem, 1fr); gap: 24px;
  padding: 20px 28px 60px; }
/* The tables stay in view while the text scrolls; on a narrow screen they follow the text. */
.side { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
  padding: 0 4px 20px 0; }
@media (max-width: 980px) {
  main { grid-template-columns: minmax(0, 1fr); }
  .side { position: static; max-height: none; }
}
.doc {
  font-family: "Noto Serif", "Source Serif 4", Georgia, "Times New Roman", "Liberation Serif", "DejaVu Serif",
    serif;
  font-size: 17.5px; line-height: 2.15; white-space: pre-wrap; overflow-wrap: break-word;
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 18px 26px;
  font-variant-ligatures: none; text-rendering: optimizeLegibility; -webkit-font-smoothing: antialiased;
}
.side { min-width: 0; }
.side h2:first-child, .side section:first-child h2 { margin-top: 0; }
.side section { margin-bottom: 8px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); font-size: 13.5px;
  line-height: 1.45; }
th, td { text-align: left; vertical-align: top; padding: 5px 7px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); background: #f3f4f6; }
td ul { margin: 0; padding-left: 16px; }
td dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; }
td dt { color: var(--muted); } td dd { margin: 0; }
tr[data-target] { cursor: pointer; }
tr[data-target]:hover, tr[data-target]:focus { background: #eef4ff; outline: none; }
tr.selected { background: #dbeafe !important; }
td.none, .none { color: var(--muted); font-style: italic; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; font-weight: 600; }
.qual { font-size: 12px; color: var(--muted); }
#warnings li { color: #9a3412; font-size: 13px; }

.hl, .key { --c: #888; --bg: rgba(0, 0, 0, .06); }
.hl-figure { --c: var(--figure); --bg: var(--figure-bg); }
.hl-comparison { --c: var(--comparison); --bg: var(--comparison-bg); }
.hl-metric { --c: var(--metric); --bg: var(--metric-bg); }
.hl-period { --c: var(--period); --bg: var(--period-bg); }
.hl-official { --c: var(--official); --bg: var(--official-bg); }
.hl-title { --c: var(--title); --bg: var(--title-bg); }
.hl-meeting { --c: var(--meeting); --bg: var(--meeting-bg); }
.hl-date { --c: var(--date); --bg: var(--date-bg); }
.hl-reference { --c: var(--reference); --bg: var(--reference-bg); }
/* An outer highlight draws its underline below those it holds: 4px lower per level inside it. */
.doc .hl {
  background: var(--bg); border-bottom: 2px solid var(--c); cursor: pointer; border-radius: 2px;
  padding-bottom: calc(1px + var(--inner, 0) * 4px);
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
.doc .hl-figure, .doc .hl-comparison { font-weight: 600; }
.doc .hl-meeting { border-bottom-style: double; border-bottom-width: 3px; }
.doc .hl-period, .doc .hl-date { border-bottom-style: dashed; }
.doc .hl:hover { background: color-mix(in srgb, var(--c) 26%, transparent); }
.doc .hl:focus { outline: none; }
.doc .hl.selected { outline: 2px solid var(--c); outline-offset: 1px;
  background: color-mix(in srgb, var(--c) 30%, transparent); }
body.off-figure .doc .hl-figure, body.off-comparison .doc .hl-comparison, body.off-metric .doc .hl-metric,
body.off-period .doc .hl-period, body.off-official .doc .hl-official, body.off-title .doc .hl-title,
body.off-meeting .doc .hl-meeting, body.off-date .doc .hl-date, body.off-reference .doc .hl-reference {
  background: none; border-bottom-color: transparent; font-weight: inherit;
}

#popover {
  position: absolute; z-index: 10; max-width: min(30rem, calc(100vw - 24px)); min-width: 16rem;
  background: var(--panel); border: 1px solid var(--line); border-top: 4px solid var(--c, #888);
  border-radius: 8px; box-shadow: 0 8px 28px rgba(0, 0, 0, .18); padding: 10px 12px; font-size: 13.5px;
}
#popover .type { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .06em;
  color: #fff; background: var(--c, #888); border-radius: 3px; padding: 1px 6px; }
#popover .value { font-size: 16px; font-weight: 700; margin: 6px 0 8px; overflow-wrap: anywhere; }
#popover table { font-size: 13px; }
#popover th { width: 9rem; background: none; font-weight: normal; }
#popover .within { margin-top: 8px; color: var(--muted); }
#popover .within button { font: inherit; font-size: 12px; margin: 2px 4px 0 0; cursor: pointer;
  border: 1px solid var(--c); border-radius: 10px; background: var(--bg); padding: 0 7px; color: var(--ink); }
#popover .close { float: right; border: none; background: none; font-size: 18px; line-height: 1;
  cursor: pointer;
  color: var(--muted); }
"""

_SCRIPT = """
(function () {
  "use strict";
  var items = JSON.parse(document.getElementById("govreport-data").textContent);
  var pop = document.getElementById("popover");
  var current = null;

  function fragments(id) {
    return document.querySelectorAll('.doc .hl[data-id="' + CSS.escape(id) + '"]');
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function clear() {
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
  }
  function hide() { pop.hidden = true; current = null; clear(); }

  function show(id, anchor) {
    var item = items[id];
    if (!item) { return; }
    clear();
    current = id;
    fragments(id).forEach(function (n) { n.classList.add("selected"); });
    document.querySelectorAll('tr[data-target="' + CSS.escape(id) + '"]').forEach(function (n) {
      n.classList.add("selected");
    });
    pop.replaceChildren();
    pop.className = "hl-" + item.type;
    pop.dataset.id = id;
    var close = el("button", "close", "\\u00d7");
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function (e) { e.stopPropagation(); hide(); });
    pop.appendChild(close);
    pop.appendChild(el("span", "type", item.type));
    pop.appendChild(el("div", "value", item.label));
    var table = el("table");
    item.fields.forEach(function (pair) {
      var tr = el("tr");
      tr.appendChild(el("th", "", pair[0]));
      tr.appendChild(el("td", "", pair[1]));
      table.appendChild(tr);
    });
    pop.appendChild(table);
    var outer = [];
    for (var n = anchor && anchor.parentElement; n && n.classList; n = n.parentElement) {
      if (n.classList.contains("hl") && n.dataset.id !== id && outer.indexOf(n.dataset.id) < 0) {
        outer.push(n.dataset.id);
      }
    }
    if (outer.length) {
      var within = el("div", "within", "inside: ");
      outer.forEach(function (oid) {
        var b = el("button", "hl-" + items[oid].type, items[oid].type + ": " + items[oid].label);
        b.dataset.goto = oid;
        within.appendChild(b);
      });
      pop.appendChild(within);
    }
    pop.hidden = false;
    var box = (anchor || fragments(id)[0]).getBoundingClientRect();
    var right = window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 12;
    var left = Math.max(8, Math.min(box.left + window.scrollX, right));
    pop.style.left = left + "px";
    pop.style.top = (box.bottom + window.scrollY + 8) + "px";
    pop.scrollIntoView({block: "nearest"});
  }

  document.addEventListener("click", function (e) {
    var go = e.target.closest("[data-goto]");
    if (go) { e.stopPropagation(); var f = fragments(go.dataset.goto)[0]; show(go.dataset.goto, f); return; }
    var hl = e.target.closest(".doc .hl");
    if (hl) { show(hl.dataset.id, hl); return; }
    var row = e.target.closest("tr[data-target]");
    if (row) {
      var first = fragments(row.dataset.target)[0];
      if (first) {
        first.scrollIntoView({block: "center"});
        show(row.dataset.target, first);
      }
      return;
    }
    if (!e.target.closest("#popover")) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    if (e.key === "Enter" || e.key === " ") {
      var t = document.activeElement;
      if (t && (t.matches(".doc .hl") || t.matches("tr[data-target]"))) { e.preventDefault(); t.click(); }
    }
  });
  document.querySelectorAll("[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("off-" + box.dataset.toggle, !box.checked);
    });
  });
})();
"""
