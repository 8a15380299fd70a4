"""The error hierarchy: every failure the library raises on purpose is a GovReportError.

Text content never raises (it yields empty lists or warnings); these errors are for
unreadable or unsupported *input*, and for broken data files shipped with the package.
"""

from __future__ import annotations

__all__ = [
    "GovReportError",
    "LexiconError",
    "InputError",
    "UnsupportedFormatError",
    "DecodeError",
    "EmptyDocumentError",
    "NoTextLayerError",
    "ArchiveError",
    "DocumentTimeoutError",
    "WorkerCrashedError",
    "ParseFailedError",
    "MissingDependencyError",
    "OutputError",
    "EngineError",
]


class GovReportError(Exception):
    """Base class: catch this to handle every govreport failure."""


class LexiconError(GovReportError):
    """A data file under ``govreport/data`` is malformed; the message names file, entry and fix."""


class InputError(GovReportError):
    """A document could not be read; the message says what was wrong and what to do."""


class UnsupportedFormatError(InputError):
    """The file is of a kind govreport cannot read."""


class DecodeError(InputError):
    """The bytes are not text in any encoding govreport knows."""


class EmptyDocumentError(InputError):
    """The document holds no text."""


class NoTextLayerError(InputError):
    """A PDF with no text layer (a scan): it needs OCR first."""


class ArchiveError(InputError):
    """A zip archive is broken or unsafe (a bomb, members escaping the folder)."""


class DocumentTimeoutError(GovReportError):
    """Parsing one document took longer than its time budget."""


class WorkerCrashedError(GovReportError):
    """The process parsing one document died (killed by the operating system, out of memory, a crash)."""


class ParseFailedError(GovReportError):
    """The pipeline raised on a document's text: a bug in govreport, reported as an error record."""


class MissingDependencyError(InputError):
    """Reading this kind of file needs an optional package that is not installed (an extra)."""


class OutputError(GovReportError):
    """The batch output cannot be written (disk full, permissions) or resumed from."""


class EngineError(GovReportError):
    """The batch engine cannot run (a dask scheduler that cannot be reached)."""
