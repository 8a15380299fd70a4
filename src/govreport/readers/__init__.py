"""Turn a file into text and a :class:`~govreport.models.Source`, then parse it.

One module per kind of file: :mod:`.txt` (encodings, legacy fonts), :mod:`.html`, :mod:`.docx`, :mod:`.pdf`
and :mod:`.archive` (zip). The kind is decided by the bytes (:func:`sniff`), not by the name: the extension
only breaks ties, and a file whose content contradicts a binary extension (a ".pdf" that is an HTML error
page) is an error rather than a guess. Every failure is a :class:`~govreport.errors.GovReportError` whose
message says what was wrong and what to do.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArchiveError, DecodeError, EmptyDocumentError, InputError, UnsupportedFormatError
from ..models import Source
from .archive import ARCHIVE_SEPARATOR, read_member, split_member_path
from .base import MAX_DOCUMENT_BYTES, Extracted, json_safe
from .txt import decode_text, repair_legacy

__all__ = ["Document", "is_archive", "read_bytes", "read_document", "read_text_bytes",
           "sniff"]

_HTML_RE = re.compile(rb"^(?:\s|<!--.{0,2000}?-->){0,50}<(?:!doctype\s{1,5}html|html|head|body|meta|title)[\s>]",
                      re.IGNORECASE | re.DOTALL)
_HTML_TAGS_RE = re.compile(rb"<(?:html|body|div|p|table|br)[\s/>]", re.IGNORECASE)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # Word 97-2003 .doc, .xls
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!", "rar"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)
# Zip containers that are one document each, never archives of documents.
_ZIP_DOCUMENT_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp",
                                    ".epub"})
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".csv", ".tsv", ""})
_WHAT_TO_DO = {
    "ole": "a Word 97-2003 (.doc) or other legacy Office file; save it as .docx "
           "(e.g. soffice --headless --convert-to docx FILE) and parse the result",
    "rtf": "an RTF file; save it as .docx or .txt and parse the result",
    "gzip": "gzip-compressed; decompress it (gunzip) or pack the documents into a .zip",
    "7z": "a 7-Zip archive; extract it, or re-pack the documents as a .zip",
    "rar": "a RAR archive; extract it, or re-pack the documents as a .zip",
    "image": "an image; run OCR on it (e.g. tesseract -l vie) and parse the text",
}


def sniff(data: bytes) -> str:
    """The kind of a file from its first bytes.

    Returns one of "pdf", "zip" (DOCX included), "html", "text", or a kind govreport cannot read
    ("ole", "rtf", "gzip", "7z", "rar", "image").

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff("Báo cáo".encode())
    ('pdf', 'html', 'text')
    """
    head = data[:4096]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"%PDF-" in head[:1024]:  # some producers put junk before the header; readers accept it
        return "pdf"
    probe = head
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            probe = head[len(bom):].decode(codec, errors="ignore").encode("utf-8")
            break
    if _HTML_RE.match(probe) or len(_HTML_TAGS_RE.findall(probe)) >= 3:
        return "html"
    return "text"


@dataclass(frozen=True)
class Document:
    """A document read from a file, ready to parse: its text, where it came from, and reader warnings."""

    text: str
    source: Source
    warnings: tuple[str, ...] = ()


def _expected_kind(suffix: str) -> str | None:
    return {".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".zip": "zip", ".html": "html", ".htm": "html",
            ".xhtml": "html"}.get(suffix) or ("text" if suffix in _TEXT_SUFFIXES else None)


def _reader(kind: str) -> Callable[[bytes, str], Extracted]:
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf
    if kind == "docx":
        from .docx import read_docx
        return read_docx
    if kind == "html":
        from .html import read_html
        return read_html

    def read_txt(data: bytes, name: str) -> Extracted:
        text, warnings = decode_text(data, name)
        return Extracted(text=text, format="txt", warnings=warnings)

    return read_txt


def _is_docx(data: bytes) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            return "word/document.xml" in container.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):  # ValueError: a member name that is not UTF-8
        return False


def _zip_problem(data: bytes) -> str | None:
    """Why these zip bytes cannot be opened as an archive, or None when they can."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _choose_kind(data: bytes, name: str) -> str:
    """Which reader reads these bytes: the content decides, the extension must not contradict a binary kind."""
    sniffed = sniff(data)
    suffix = Path(name.rsplit(ARCHIVE_SEPARATOR, 1)[-1]).suffix.lower()
    expected = _expected_kind(suffix)
    if sniffed in _WHAT_TO_DO:
        raise UnsupportedFormatError(f"{name}: {_WHAT_TO_DO[sniffed]}")
    if sniffed == "zip":
        if _is_docx(data):
            return "docx"
        if expected == "docx":
            raise DecodeError(f"{name}: a zip file but not a Word document (no word/document.xml); "
                              "the file is damaged or misnamed: open and re-save it in Word or LibreOffice")
        if suffix in _ZIP_DOCUMENT_SUFFIXES:
            raise UnsupportedFormatError(f"{name}: a {suffix} file, which govreport does not read; save or export "
                                         "it as .docx, .pdf or .txt and parse the result")
        damage = _zip_problem(data)
        if damage is not None:
            raise ArchiveError(f"{name}: a damaged or truncated zip archive ({damage}); re-download or "
                               "re-create it")
        raise ArchiveError(f"{name}: a zip archive; govreport expands the archives it is given (`govreport "
                           "parse archive.zip`, govreport.parse_many()), not archives inside documents or "
                           "other archives: extract this one and parse its files")
    if expected in ("pdf", "docx") and sniffed != expected:
        what = {"html": "HTML (a web page, maybe a download error page)", "text": "text"}.get(sniffed, sniffed)
        start = data[:16]
        raise DecodeError(f"{name}: named {suffix} but not a {expected.upper()} file: it holds {what} "
                          f"(starts with {start!r}); the file is damaged or misnamed: re-download it, or rename "
                          "it to its real type")
    if sniffed == "text" and expected == "html":
        return "html"  # a fragment without <html>: still markup
    if sniffed == "html" and suffix in _TEXT_SUFFIXES and suffix and not _HTML_RE.match(data[:4096]):
        return "text"  # a .txt that quotes a few tags is still text; a whole page saved as .txt is not
    return sniffed


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(data: bytes, name: str) -> Document:
    """Read a document from its bytes; ``name`` (a path or "archive.zip!member") names it in the source.

    Raises:
        GovReportError: a subclass saying what is wrong with the input and what to do.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"{name}: {len(data):,} bytes, over the {MAX_DOCUMENT_BYTES:,}-byte limit per document; "
                         "split it into smaller documents")
    if not data.strip():
        raise EmptyDocumentError(f"{name}: the file is empty; nothing to parse")
    kind = _choose_kind(data, name)
    extracted = _reader(kind)(data, name)
    text, warnings = extracted.text, list(extracted.warnings)
    if kind != "text":  # plain text was checked while decoding
        text, legacy = repair_legacy(text)
        warnings.extend(legacy)
    if not text.strip():
        raise EmptyDocumentError(f"{name}: the {extracted.format.upper()} file holds no text; nothing to parse")
    source = Source(path=name, format=extracted.format, sha256=_sha256(data), title=extracted.title,
                    published=extracted.published)
    return Document(text=text, source=source, warnings=tuple(warnings))


def read_document(path: str | Path, member: str | None = None) -> Document:
    """Read a file, or one ``member`` of a zip archive, into a :class:`Document`.

    Raises:
        GovReportError: a subclass saying what is wrong with the input and what to do.
    """
    if member is not None:
        return read_bytes(read_member(path, member), json_safe(f"{path}{ARCHIVE_SEPARATOR}{member}"))
    path = Path(path)
    name = json_safe(str(path))
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{name}: a folder; parse_file reads one file: use `govreport parse {name}` or "
                             "govreport.parse_many()")
        if size > MAX_DOCUMENT_BYTES:
            raise InputError(f"{name}: {size:,} bytes, over the {MAX_DOCUMENT_BYTES:,}-byte limit per document; "
                             "split it into smaller documents")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        inside = split_member_path(str(path))
        if inside is not None:
            return read_document(*inside)
        raise InputError(f"{name}: no such file; check the path") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}); check the path and its "
                         "permissions") from exc
    return read_bytes(data, name)


def is_archive(path: str | Path) -> bool:
    """Whether ``path`` is a zip archive of documents (a zip file that is not a DOCX)."""
    import zipfile

    path = Path(path)
    if path.suffix.lower() in _ZIP_DOCUMENT_SUFFIXES:
        return False
    try:
        if not path.is_file() or not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" not in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return False
    except ValueError:  # zipfile raises UnicodeDecodeError for a member name flagged UTF-8 that is not
        return path.suffix.lower() == ".zip"  # an archive all the same: list_members says what is wrong


#: Earlier name of :func:`govreport.readers.txt.decode_text`.
read_text_bytes = decode_text
