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

from underthesea import sent_tokenize

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
_PUBLISHED_RE = re.compile(r"Ngày\s{1,3}(?:đăng|xuất\s{1,3}bản|cập\s{1,3}nhật)\s{0,3}:?\s{0,3}"
                           r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.IGNORECASE)


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
        for sentence in sent_tokenize(paragraph.group()):
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


def published_in_text(text: str) -> dt.date | None:
    """The portal's own "Ngày đăng 21/06/2022 | 13:30" line, when the text carries one."""
    m = _PUBLISHED_RE.search(text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


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
    text = normalize_text(text)
    source = source or Source()
    day = published.date() if isinstance(published, dt.datetime) else published
    day = day or (source.published.date() if isinstance(source.published, dt.datetime) else source.published)
    day = day or published_in_text(text)
    if source.published is None and (published or day) is not None:
        # the caller's date, else the portal's own "Ngày đăng" line: a date the text gives for itself
        source = source.model_copy(update={"published": published or day})
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
    warnings = sorted({q.note for q in quantities if q.note}) + figure_warnings(figures, day)
    return Report(source=source, text=text, meetings=meetings, officials=officials, figures=figures,
                  dates=dates, references=references, warnings=warnings)
