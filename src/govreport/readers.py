"""Turn a file into text and a :class:`~govreport.models.Source`, then parse it.

Plain text is read here; other formats (HTML, DOCX, PDF, archives) plug in by file kind.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import DecodeError, EmptyDocumentError, InputError, UnsupportedFormatError
from .models import Report, Source
from .pipeline import parse

__all__ = ["parse_file", "read_text_bytes"]


def read_text_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, list[str]]:
    """Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM.

    Returns the text and the warnings to attach to the report (which decoding was applied).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ["decoded from UTF-16"]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                          "save it as UTF-8 or install govreport[readers] for other encodings") from exc


def parse_file(path: str | Path) -> Report:
    """Parse one file into a Report.

    Raises:
        UnsupportedFormatError: the file is of a kind govreport cannot read.
        DecodeError: the bytes are not text in a known encoding.
        EmptyDocumentError: the file holds no text.
        InputError: the file cannot be read at all.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check the path and its permissions") from exc
    suffix = path.suffix.lower()
    if suffix not in ("", ".txt", ".text", ".md"):
        raise UnsupportedFormatError(f"{path}: {suffix} files are not supported yet; convert it to .txt")
    text, warnings = read_text_bytes(data, str(path))
    if not text.strip():
        raise EmptyDocumentError(f"{path}: the file is empty; nothing to parse")
    source = Source(path=str(path), format="txt", sha256=hashlib.sha256(data).hexdigest())
    report = parse(text, source=source)
    return report.model_copy(update={"warnings": [*warnings, *report.warnings]}) if warnings else report
