"""The stages of ``parse``, in their declared order.

read -> normalize -> segment (paragraphs, then sentences by underthesea's rules) -> number core ->
dates and periods -> figures -> officials -> meetings (their chair comes from the officials) ->
references -> Report.

``parse`` is a pure function of its arguments: no module-level mutable state (compiled patterns
and loaded lexicons are cached, never changed), so it can run in any process, in any order.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import cache

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
_SENTENCE_MARK_RE = re.compile(r"[.?!]")


@cache
def _abbreviations() -> frozenset[str]:
    """The words a "." never ends a sentence after ("tp", "ts", single letters): underthesea's own list,
    loaded on first use (importing underthesea costs 0.3 s that ``import govreport`` should not pay).
    """
    from underthesea.pipeline.sent_tokenize import _load_model

    _load_model()
    from underthesea.pipeline.sent_tokenize import sentence_tokenizer

    return frozenset(sentence_tokenizer.abbrev_types)


def _sent_tokenize(text: str) -> list[str]:
    """Underthesea's sentence splitter (``sent_tokenize``, its Punkt-style rules), the same sentences
    found by jumping from one ".", "?" or "!" to the next instead of testing every character in Python:
    it cost about 4% of ``parse``. ``tests/test_pipeline.py`` compares the two.
    """
    if not text.strip():
        return []
    abbreviations = _abbreviations()
    sentences: list[str] = []
    start = i = 0
    n = len(text)
    while (mark := _SENTENCE_MARK_RE.search(text, i)) is not None:
        i = mark.start()
        if text[i] == ".":
            dots_end = i + 1
            while dots_end < n and text[dots_end] == ".":
                dots_end += 1
            if dots_end - i >= 3:  # an ellipsis ends a sentence before a capital or at the end
                after = dots_end
                while after < n and text[after] in " \t":
                    after += 1
                if after >= n or text[after].isupper():
                    if sentence := text[start:dots_end].strip():
                        sentences.append(sentence)
                    while dots_end < n and text[dots_end] in " \t\n\r":
                        dots_end += 1
                    start = dots_end
                i = dots_end
                continue
            if i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit():
                i += 1  # "1.500.000", "15.12.2025"
                continue
            word = i - 1
            while word >= 0 and (text[word].isalnum() or text[word] == "."):
                word -= 1
            if word + 1 < i and text[word + 1:i].lower() in abbreviations:
                i += 1  # "TP. Huế"
                continue
        end = i + 1
        while end < n and text[end] in ".?!":
            end += 1
        if sentence := text[start:end].strip():
            sentences.append(sentence)
        while end < n and text[end] in " \t\n\r":
            end += 1
        start = i = end
    if final := text[start:].strip():
        sentences.append(final)
    return sentences


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
