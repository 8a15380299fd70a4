"""The library's front door for files: a reader turns bytes into a document, the pipeline parses it.

Readers (``govreport.readers``) know formats and encodings and nothing of extraction; the pipeline knows
text and nothing of files. This module is where the two meet, so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ArchiveError
from .models import Report
from .pipeline import parse
from .readers import Document, is_archive, read_document
from .readers.archive import list_members

__all__ = ["parse_document", "parse_file"]


def parse_document(document: Document) -> Report:
    """Run the pipeline on a read document; the reader's warnings come first in ``report.warnings``."""
    report = parse(document.text, source=document.source)
    if document.warnings:
        report = report.model_copy(update={"warnings": [*document.warnings, *report.warnings]})
    return report


def parse_file(path: str | Path) -> Report:
    """Parse one file into a Report: .txt, .html/.htm, .docx, .pdf, or an unknown extension (sniffed).

    A zip archive holding exactly one document is read as that document; ``"reports.zip!a.txt"`` reads one
    member. For whole folders and archives use :func:`govreport.parse_many`.

    Raises:
        UnsupportedFormatError: the file is of a kind govreport cannot read (.doc, RTF, an image).
        DecodeError: the bytes are not text in a known encoding, or the file is damaged.
        NoTextLayerError: a scanned PDF.
        ArchiveError: an archive of several documents, or an unsafe one.
        EmptyDocumentError: the file holds no text.
        InputError: the file cannot be read at all.
    """
    if is_archive(path):
        members = list_members(path)
        if len(members) != 1:
            raise ArchiveError(f"{path}: a zip archive of {len(members)} documents; parse_file reads one "
                               f"document: use `govreport parse {path}` or govreport.parse_many([...])")
        if members[0].problem is not None:
            raise members[0].problem
        return parse_document(read_document(path, members[0].name))
    return parse_document(read_document(path))
