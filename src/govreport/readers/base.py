"""What every reader returns, and the limits every reader keeps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["MAX_DOCUMENT_BYTES", "Extracted", "json_safe"]

#: The largest document govreport reads, in bytes (a file, a zip member, or everything inside a DOCX).
#: Above this a file is refused with a clear error rather than exhausting memory: a zip bomb declares
#: gigabytes, a real report is a few megabytes.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Extracted:
    """A reader's output: the document's text and what the file says about itself."""

    text: str
    format: str
    title: str | None = None
    published: dt.date | dt.datetime | None = None
    warnings: list[str] = field(default_factory=list)


def json_safe(name: str) -> str:
    r"""``name`` as JSON can carry it: bytes that are not UTF-8 written as ``\xNN``.

    Linux allows any bytes in a file name; Python keeps those that are not UTF-8 as lone surrogates
    ("t\udce0i.txt" for a name saved in Windows-1258), which no JSON encoder accepts. Such a name becomes
    "t\\xe0i.txt": readable, and the same on every run, so ``--resume`` recognizes the document.

    >>> json_safe("báo-cáo.txt"), json_safe("t\udce0i.txt")
    ('báo-cáo.txt', 't\\xe0i.txt')
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that is not an escaped byte
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name
