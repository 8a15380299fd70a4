"""PDF: the text layer, one line per text block (pdfminer.six).

pdfminer's layout analysis groups lines into text boxes; a box's lines are joined with spaces, so a
sentence wrapped across lines of the page stays one sentence (and one paragraph for the pipeline). A box
that starts in lower case after one that does not end a sentence continues it.
A PDF whose pages carry no text at all is a scan: :class:`~govreport.errors.NoTextLayerError` says to
run OCR. Pages without text in an otherwise textual PDF are reported in ``warnings``.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from ..errors import DecodeError, InputError, MissingDependencyError, NoTextLayerError
from .base import Extracted

__all__ = ["read_pdf"]

log = logging.getLogger(__name__)

_SENTENCE_END = frozenset(".:;!?")


def _text_boxes(layout: Any, out: list[str]) -> None:
    from pdfminer.layout import LTFigure, LTTextBox

    for item in layout:
        if isinstance(item, LTTextBox):
            lines = [line.get_text().strip() for line in item]
            paragraph = " ".join(line for line in lines if line)
            if not paragraph:
                continue
            if out and out[-1][-1] not in _SENTENCE_END and paragraph[0].islower():
                out[-1] = f"{out[-1]} {paragraph}"  # a sentence that layout analysis split into two boxes
            else:
                out.append(paragraph)
        elif isinstance(item, LTFigure):
            _text_boxes(item, out)


def _info_title(document: Any) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    for info in document.info:
        raw = resolve1(info.get("Title"))
        if isinstance(raw, bytes):
            title = decode_text(raw).strip()
        elif isinstance(raw, str):
            title = raw.strip()
        else:
            continue
        if title:
            return title
    return None


def read_pdf(data: bytes, name: str) -> Extracted:
    """Text layer and title of a PDF.

    Raises:
        NoTextLayerError: no page has text (a scanned PDF).
        DecodeError: not a PDF, or a damaged or truncated one.
        InputError: an encrypted PDF.
        MissingDependencyError: pdfminer.six is not installed.
    """
    try:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
    except ImportError as exc:
        raise MissingDependencyError(f"{name}: reading PDF needs pdfminer.six; "
                                     "install it with: pip install 'govreport[readers]'") from exc
    paragraphs: list[str] = []
    pages = empty_pages = 0
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        title = _info_title(document)
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.create_pages(document):
            pages += 1
            interpreter.process_page(page)
            before = len(paragraphs)
            _text_boxes(device.get_result(), paragraphs)
            if len(paragraphs) == before:
                empty_pages += 1
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"{name}: an encrypted PDF ({exc}); remove the password (e.g. qpdf --decrypt) "
                         "and parse the result") from exc
    except Exception as exc:  # pdfminer raises PSEOF, PDFSyntaxError, KeyError, ... on damaged files
        raise DecodeError(f"{name}: a damaged or truncated PDF ({type(exc).__name__}: {exc}); "
                          "re-download or re-export it") from exc
    if pages == 0:
        raise DecodeError(f"{name}: a PDF with no pages (damaged or truncated); re-download or re-export it")
    if not any(p.strip() for p in paragraphs):
        raise NoTextLayerError(f"{name}: a scanned PDF with no text layer ({pages} page(s) of images); "
                               "run OCR first (e.g. ocrmypdf -l vie in.pdf out.pdf) and parse the result")
    warnings = []
    if empty_pages:
        warnings.append(f"{empty_pages} of {pages} PDF pages have no text layer (scanned?); "
                        "their text is missing: run OCR to include them")
    return Extracted(text="\n".join(paragraphs), format="pdf", title=title, warnings=warnings)
