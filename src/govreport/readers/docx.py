"""Word documents (.docx): paragraphs and tables in document order (python-docx).

A table row becomes one line, its cells joined by " | " so that no number pattern runs from one cell into
the next. A cell merged across columns or rows is written once, where it starts. Content controls
(``w:sdt``) are read through; headers, footers, footnotes and text boxes are not part of the text.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import DecodeError, MissingDependencyError
from .archive import check_container
from .base import Extracted

__all__ = ["read_docx"]

CELL_SEPARATOR = " | "


def _lines(container: Any, parent: Any, seen_cells: set[Any], out: list[str]) -> None:
    """Append the text of ``container``'s paragraphs and tables, in order, one line per paragraph or row."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, parent).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, parent)
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    if cell._tc in seen_cells:  # a merged cell, already written where it starts
                        continue
                    seen_cells.add(cell._tc)  # the element itself: keeping it alive keeps its identity
                    inner: list[str] = []
                    _lines(cell._tc, cell, seen_cells, inner)
                    cells.append(" ".join(s.strip() for s in inner if s.strip()))
                if any(cells):
                    out.append(CELL_SEPARATOR.join(cells))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _lines(content, parent, seen_cells, out)


def read_docx(data: bytes, name: str) -> Extracted:
    """Text and title of a .docx file.

    Raises:
        DecodeError: not a Word document, or a damaged one.
        ArchiveError: the container declares more than the size limit (a zip bomb).
        MissingDependencyError: python-docx is not installed.
    """
    try:
        import docx
    except ImportError as exc:
        raise MissingDependencyError(f"{name}: reading .docx needs python-docx; "
                                     "install it with: pip install 'govreport[readers]'") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            check_container(container, name)
            if "word/document.xml" not in container.namelist():
                raise DecodeError(f"{name}: a zip file but not a Word document (no word/document.xml); "
                                  "if it is an archive of documents, name it .zip")
    except zipfile.BadZipFile as exc:
        raise DecodeError(f"{name}: not a Word .docx file (not a valid zip container: {exc}); "
                          "the file is damaged or misnamed: open and re-save it in Word or LibreOffice") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        seen: set[Any] = set()
        _lines(document.element.body, document, seen, lines)
        title = (document.core_properties.title or "").strip() or None
    except Exception as exc:  # python-docx raises KeyError, lxml errors, ValueError... on damaged files
        raise DecodeError(f"{name}: a damaged Word document ({type(exc).__name__}: {exc}); "
                          "open and re-save it in Word or LibreOffice") from exc
    text = "\n".join(line for line in lines if line.strip())
    return Extracted(text=text, format="docx", title=title)
