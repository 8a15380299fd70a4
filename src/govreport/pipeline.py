"""The stages of ``parse``, in their declared order.

read -> normalize -> segment (paragraphs, then underthesea sentences) -> number core ->
dates and periods -> figures -> officials -> meetings (their chair comes from the officials) ->
references -> Report.

``parse`` is a pure function of its arguments: no module-level mutable state (compiled patterns
and loaded lexicons are cached, never changed), so it can run in any process, in any order.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from .metadata import document_metadata
from .models import Report, Source
from .normalize import normalize_text
from .numbers import scan_quantities
from .rules.dates import YearContext, extract_dates, find_periods
from .rules.figures import extract_figures, figure_warnings
from .rules.meetings import extract_meetings
from .rules.officials import extract_officials
from .rules.references import extract_references
from .tokens import SentenceTokens

__all__ = ["STAGES", "parse", "segment"]

log = logging.getLogger(__name__)

STAGES = ("normalize", "segment", "quantities", "dates", "periods", "figures", "officials", "meetings",
          "references")

_PARAGRAPH_RE = re.compile(r"[^\n]+")
_INNER_STOP_RE = re.compile(r"[.!?…]\s+\S")  # a sentence end followed by more text


def _sent_tokenize(paragraph: str) -> list[str]:
    """Underthesea's sentence splitter, imported on first use: importing it costs 0.3 s that
    ``import govreport`` (and a batch worker that only reads files) should not pay.
    """
    from underthesea import sent_tokenize

    return list(sent_tokenize(paragraph))


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans: each line is a paragraph, split further by underthesea's sentence tokenizer.

    >>> t = "Thu ngân sách đạt 5 tỷ đồng. Chi ngân sách đạt 3 tỷ đồng.\\nHết."
    >>> [t[a:b] for a, b in segment(t)]
    ['Thu ngân sách đạt 5 tỷ đồng.', 'Chi ngân sách đạt 3 tỷ đồng.', 'Hết.']
    """
    spans = []
    for paragraph in _PARAGRAPH_RE.finditer(text):
        cursor = paragraph.start()
        if not _INNER_STOP_RE.search(paragraph.group()):  # one sentence at most: no need to ask
            if paragraph.group().strip():
                spans.append((paragraph.start(), paragraph.end()))
            continue
        for sentence in _sent_tokenize(paragraph.group()):
            at = text.find(sentence, cursor, paragraph.end())
            if at < 0:  # the tokenizer changed the text: keep the rest of the paragraph whole
                break
            if at > cursor and text[cursor:at].strip():
                spans.append((cursor, at))
            spans.append((at, at + len(sentence)))
            cursor = at + len(sentence)
        if text[cursor:paragraph.end()].strip():
            spans.append((cursor, paragraph.end()))
    return spans


def parse(text: str, published: dt.date | dt.datetime | None = None, source: Source | None = None) -> Report:
    """Read one document's text into a :class:`~govreport.models.Report`.

    Args:
        text: the document as a string (any normalization form; it is normalized once here).
        published: when the document was published; fills in years that dates leave out.
        source: where the text came from (set by ``parse_file`` and the batch).

    Returns:
        The report; every span indexes ``report.text``. Never raises on a string.

    >>> r = parse("Thu ngân sách ước đạt trên 615,3 tỷ đồng, bằng 63% dự toán.")
    >>> [(f.value, f.unit, f.metric.text, [c.value for c in f.comparisons]) for f in r.figures]
    [(Decimal('615300000000'), 'VND', 'Thu ngân sách', [Decimal('63')])]
    """
    if not isinstance(text, str):
        raise TypeError(f"govreport.parse takes the document as str, not {type(text).__name__}: "
                        + ("decode the bytes first, or call govreport.parse_file(path) to read a file in any "
                           "encoding or format" if isinstance(text, (bytes, bytearray)) else
                           "call govreport.parse_file(path) for a file on disk"))
    text = normalize_text(text)
    source = source or Source()
    day = published.date() if isinstance(published, dt.datetime) else published
    day = day or (source.published.date() if isinstance(source.published, dt.datetime) else source.published)
    header = document_metadata(text)  # the headline and date line the text gives for itself
    day = day or header.published
    if source.published is None and (published or day) is not None:
        source = source.model_copy(update={"published": published or day})
    if source.title is None and header.title is not None:
        source = source.model_copy(update={"title": header.title})
    sentences = segment(text)
    quantities = scan_quantities(text)
    years = YearContext(text, day)
    dates = extract_dates(text, years)
    periods = find_periods(text, years)
    figures = extract_figures(text, sentences, quantities, periods)
    tokens = SentenceTokens(text, sentences)  # each sentence tokenized once, for every rule that reads tokens
    officials = extract_officials(text, sentences, tokens)
    meetings = extract_meetings(text, sentences, dates, years, officials, tokens)
    references = extract_references(text, years)
    # a plan's or decision's amounts for later years are its targets: no "after the document's date" warning
    late = figure_warnings(figures, None if header.prescribes else day)
    warnings = sorted({q.note for q in quantities if q.note}) + late
    return Report(source=source, text=text, meetings=meetings, officials=officials, figures=figures,
                  dates=dates, references=references, warnings=warnings)
