r"""Zip archives: each member is a document, named ``archive.zip!member.txt``.

Members are read into memory one at a time, never extracted to disk, so nothing is ever written outside
the output. Guards, each an :class:`~govreport.errors.ArchiveError` naming the member and the fix:

- a member that declares more than :data:`~govreport.readers.base.MAX_DOCUMENT_BYTES` uncompressed (a zip
  bomb); ``zipfile`` never returns more than the declared size, and a lie fails its CRC check;
- a member whose name escapes the archive's folder ("../../x", "/tmp/x", "C:\\x"): path traversal;
- symbolic links, encrypted members and archives nested in archives.

Folders inside the archive and macOS metadata (``__MACOSX/``) are not documents and are not listed.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ArchiveError
from .base import MAX_DOCUMENT_BYTES

__all__ = ["ARCHIVE_SEPARATOR", "Member", "check_container", "list_members", "read_member", "split_member_path"]

#: Between an archive's path and a member's name in ``source.path``: "reports.zip!2022/bao-cao.txt".
ARCHIVE_SEPARATOR = "!"


@dataclass(frozen=True)
class Member:
    """One member of an archive, and why it cannot be read (``None`` when it can)."""

    name: str
    size: int = 0
    problem: ArchiveError | None = None


def _size_problem(info: zipfile.ZipInfo, label: str) -> ArchiveError | None:
    if info.file_size > MAX_DOCUMENT_BYTES:
        ratio = info.file_size / max(info.compress_size, 1)
        return ArchiveError(
            f"{label}: declares {info.file_size:,} bytes uncompressed ({ratio:,.0f}x its compressed size), over "
            f"the {MAX_DOCUMENT_BYTES:,}-byte limit per document: a zip bomb, or a file too large to parse; "
            "extract it and split it into smaller documents")
    return None


def _name_problem(name: str, label: str) -> ArchiveError | None:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
        return ArchiveError(f"{label}: the member name escapes the archive's folder (path traversal); "
                            "govreport does not read such members: re-create the archive with relative names")
    return None


def check_container(container: zipfile.ZipFile, name: str) -> None:
    """Refuse a container (a DOCX) whose members add up to more than the size limit."""
    total = sum(info.file_size for info in container.infolist())
    if total > MAX_DOCUMENT_BYTES:
        raise ArchiveError(f"{name}: its parts declare {total:,} bytes uncompressed, over the "
                           f"{MAX_DOCUMENT_BYTES:,}-byte limit: a zip bomb, or a document too large to parse")


def list_members(path: Path | str) -> list[Member]:
    """The documents of an archive, sorted by name; unsafe members come with their problem.

    Raises:
        ArchiveError: the archive itself cannot be read.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except UnicodeDecodeError as exc:  # a name flagged as UTF-8 that is not: zipfile refuses the archive
        raise ArchiveError(f"{path}: not a readable zip archive (a member name is flagged as UTF-8 but is "
                           f"not: {exc}); re-create the archive with a tool that writes UTF-8 names") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveError(f"{path}: not a readable zip archive ({exc}); re-download or re-create it") from exc
    members = []
    for info in sorted(infos, key=lambda i: i.filename):
        name = info.filename
        if info.is_dir() or name.startswith("__MACOSX/"):
            continue
        label = f"{path}{ARCHIVE_SEPARATOR}{name}"
        problem = _name_problem(name, label) or _size_problem(info, label)
        if problem is None and stat.S_ISLNK(info.external_attr >> 16):
            problem = ArchiveError(f"{label}: a symbolic link, not a document; govreport does not follow links "
                                   "inside archives")
        if problem is None and info.flag_bits & 0x1:
            problem = ArchiveError(f"{label}: the member is encrypted; unzip it with its password and "
                                   "parse the files")
        members.append(Member(name, info.file_size, problem))
    return members


def read_member(path: Path | str, name: str) -> bytes:
    """The bytes of one member, within the size limit.

    Raises:
        ArchiveError: the archive or member cannot be read, or the member is unsafe.
    """
    label = f"{path}{ARCHIVE_SEPARATOR}{name}"
    problem = _name_problem(name, label)
    if problem is not None:
        raise problem
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(name)
            problem = _size_problem(info, label)
            if problem is not None:
                raise problem
            with archive.open(info) as member:
                data = member.read(MAX_DOCUMENT_BYTES + 1)
    except KeyError as exc:
        raise ArchiveError(f"{label}: no such member in the archive; list it with: unzip -l {path}") from exc
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise ArchiveError(f"{label}: cannot be read ({exc}); unzip it with its password first") from exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError) as exc:
        raise ArchiveError(f"{label}: a damaged member ({exc}); re-download or re-create the archive") from exc
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ArchiveError(f"{label}: more than {MAX_DOCUMENT_BYTES:,} bytes uncompressed: a zip bomb, or a file "
                           "too large to parse; extract it and split it")
    return data


def split_member_path(path: str) -> tuple[str, str] | None:
    """("reports.zip", "a/b.txt") for "reports.zip!a/b.txt" when the archive exists, else ``None``."""
    at = path.find(ARCHIVE_SEPARATOR)
    while at > 0:
        head, tail = path[:at], path[at + 1:]
        if tail and Path(head).is_file() and zipfile.is_zipfile(head):
            return head, tail
        at = path.find(ARCHIVE_SEPARATOR, at + 1)
    return None
