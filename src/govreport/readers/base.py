"""What every reader returns, and the limits every reader keeps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["MAX_DOCUMENT_BYTES", "Extracted"]

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
