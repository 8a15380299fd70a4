"""What a plain-text article says about itself at its top: its headline and its date line.

Portals put the headline on the first short line (after a menu or breadcrumb) and a date line near it:
"Ngày đăng 21/06/2022 | 13:30", "Cập nhật: 20/07/2021", "Thứ Năm, 08/07/2021 - 10:35",
"20/07/2021 15:35 GMT+7", "Thứ năm, ngày 8 tháng 7 năm 2021". An administrative document dates itself
under its national motto with its place ("Lương Minh, ngày 22 tháng 12 năm 2025"); a corpus file may carry a
comment header ("# date = 20201001"). Only the first lines are read: a date further down is something the
article reports, not when it was written. The date found on such a
line is handed to ``dateparser`` (made for exactly that), never used to search the text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

from . import lexicon
from .lexicon import CalendarEntry, DocumentTypeEntry, alternation
from .numbers import YEAR

__all__ = ["Metadata", "document_metadata", "is_date_line"]

TOP_LINES = 8  # how many non-empty lines may stand before the headline and the date line
HEADER_LINES = 20  # an administrative header (issuer, motto, number) may run longer before its place-date line
_DATE_LINE_CHARS = 80  # a date line is short: a date, a time, a weekday, a label
_TITLE_WORDS = (4, 45)  # a headline has a few words, not a paragraph

# A full date as portals write it: 21/06/2022, 21.07.2021, 21-6-2022, or "8 tháng 7 năm 2021".
_FULL_DATE_RE = re.compile(
    rf"(?<![\d/.\-])(?P<numeric>\d{{1,2}}\s{{0,2}}(?P<sep>[/.\-])\s{{0,2}}\d{{1,2}}\s{{0,2}}(?P=sep)\s{{0,2}}{YEAR})(?![\d/])"
    rf"|(?P<words>\d{{1,2}}\s{{1,3}}tháng\s{{1,3}}\d{{1,2}}\s{{1,3}}năm\s{{1,3}}{YEAR})",
    re.IGNORECASE,
)


@cache
def _date_line_rest_re() -> re.Pattern[str]:
    """What a date line may carry besides its date: its labels and weekday (data/calendar.yaml), "ngày",
    a time, a zone, a view counter's number, separators.
    """
    words = {s.lower(): e.kind for e in lexicon.entries("calendar", CalendarEntry) for s in e.surfaces}
    labels = alternation(w for w, kind in words.items() if kind in ("dateline_label", "weekday"))
    return re.compile(rf"(?i:{labels}|ngày|gmt\s{{0,2}}[+\-]\s{{0,2}}\d{{1,2}}|am|pm)(?!\w)"
                      r"|\d{1,2}:\d{2}(?::\d{2})?|\d[\d.,]*|[\s,|:;()\[\]\-–/]")


# The place-date line of an administrative document: a place name, a comma, the date in words.
_PLACE_DATE_RE = re.compile(
    rf"(?:[A-ZĐÀ-Ỹ][^\d,.;:!?]{{1,40}},\s{{0,3}})?(?i:ngày)\s{{1,3}}(?P<d>\d{{1,2}})\s{{1,3}}(?i:tháng)\s{{1,3}}"
    rf"(?P<m>\d{{1,2}})\s{{1,3}}(?i:năm)\s{{1,3}}(?P<y>{YEAR})\s{{0,2}}\*?")
# A comment header of a corpus file: "# date = 20201001", "# date: 2020-10-01".
_COMMENT_DATE_RE = re.compile(
    r"#\s{0,3}(?i:date)\s{0,3}[=:]\s{0,3}(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?:[T\s].*)?")
_COMMENT_RE = re.compile(r"#\s{0,3}\w+\s{0,3}[=:]")  # "# doc_id = …", not a Markdown heading "# Chính phủ …"
_MARKDOWN_RE = re.compile(r"^#{1,6}\s+|\*{2,}|^\*|\*$")  # heading marks and bold/italic stars around a headline
_MENU_MARKS_RE = re.compile(r"[»›>|]|(?i:trang\s{1,3}chủ)")
# The national motto under which an administrative document names its type and subject.
_MOTTO_RE = re.compile(r"(?i:độc\s{1,3}lập\s{0,3}[-–—]\s{0,3}tự\s{1,3}do\s{0,3}[-–—]\s{0,3}hạnh\s{1,3}phúc)")
_NUMBER_LINE_RE = re.compile(r"(?i:số)\s{0,3}:")  # "Số: 12/BC-UBND", the document's own number
# The motto anywhere in the header, or a line that opens (past table bars and emphasis) with the number.
_ADMINISTRATIVE_RE = re.compile(rf"{_MOTTO_RE.pattern}|^[\s|*]*{_NUMBER_LINE_RE.pattern}", re.MULTILINE)
_DATED_START_RE = re.compile(r"(?i:(?:sáng|chiều|tối|từ)?\s{0,3}ngày\s{1,3}\d)")  # "Chiều ngày 09 tháng 11 …"
ADMIN_LINES = 45  # a table-laid header (Markdown "|" cells, "-----" rules) puts the type line this far down
_SUBJECT_LINES = 6  # a subject wraps over a few lines, never a paragraph


class Metadata(NamedTuple):
    """The headline and the publication date a text gives for itself (either may be None), and the kind
    of an administrative document named by its type line ("kế hoạch"), looked up in document_types.yaml.
    """

    title: str | None
    published: dt.date | None
    kind: str | None = None

    @property
    def prescribes(self) -> bool:
        """A plan, decision or rule: its amounts for later years are targets, not early results."""
        return self.kind is not None and _document_types()[self.kind].prescribes


def _top_lines(text: str, count: int = TOP_LINES) -> list[str]:
    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.strip())
            if len(lines) >= count:
                break
    return lines


def _header_date(line: str) -> dt.date | None:
    """The date of a whole line that is a place-date line or a comment header's date."""
    return _place_date(line) or _matched_date(_COMMENT_DATE_RE.fullmatch(line))


def _place_date(line: str) -> dt.date | None:
    """The date of a whole line that is a place-date line, also set in italics ("*Hà Nội, ngày 22 tháng 11 năm
    2025*", Markdown from a converted document).
    """
    return _matched_date(_PLACE_DATE_RE.fullmatch(line.strip("* ")))


def _matched_date(m: re.Match[str] | None) -> dt.date | None:
    """The date of a match with groups ``d``, ``m`` and ``y``, or None."""
    if m is None:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def _date_line(line: str) -> dt.date | None:
    """The date of a short line that is only a date line ("Ngày đăng 21/06/2022 | 13:30")."""
    if len(line) > _DATE_LINE_CHARS:
        return None
    m = _FULL_DATE_RE.search(line)
    if m is None:
        return None
    rest = _date_line_rest_re().sub("", line[:m.start()] + " " + line[m.end():])
    if rest.strip():
        return None  # other words on the line: a sentence that mentions a date, not a date line
    return _read_date(m.group())


@cache
def _dateparser_settings() -> dict[str, object]:
    return {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}


def _read_date(found: str) -> dt.date | None:
    """A date string already found on a date line, read by dateparser (day before month)."""
    import dateparser  # imported on first use: it takes a moment and most callers never need it

    value = dateparser.parse(" ".join(found.split()), languages=["vi"], settings=_dateparser_settings())
    return value.date() if value is not None else None


def _plain(line: str) -> str:
    """A header line without Markdown emphasis, table bars and rules: "**QUYẾT ĐỊNH**" -> "QUYẾT ĐỊNH"."""
    text = " ".join(line.replace("*", " ").replace("|", " ").split())
    return "" if not text.strip("-–—_=. ") else text


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@cache
def _body_start_re() -> re.Pattern[str]:
    """Where the body of an administrative document starts under its subject lines: its legal grounds
    (grammar_words.yaml legal_grounds and source: "Căn cứ", "Thực hiện", "Xét", "Theo") or a sentence that
    opens with its date.
    """
    grounds = alternation(lexicon.grammar_words("legal_grounds", "source"))
    return re.compile(rf"(?i:{grounds})(?!\w)|{_DATED_START_RE.pattern}")


@cache
def _document_types() -> dict[str, DocumentTypeEntry]:
    return {e.id: e for e in lexicon.entries("document_types", DocumentTypeEntry)}


def _type_words(text: str) -> int:
    """How many words of ``text`` an upper-case document type ("KẾ HOẠCH", "THÔNG BÁO") opens it with."""
    if not _is_capitals(text):
        return 0
    words = text.lower().split()
    return max((n for n in range(1, min(4, len(words)) + 1) if " ".join(words[:n]) in _document_types()), default=0)


def _administrative_header(lines: list[str]) -> Metadata:
    """The title and date of an administrative document: its type line and the subject lines under it,
    joined ("KẾ HOẠCH" + "Thực hiện công tác bầu cử …"; the national motto above them is not a title),
    and the place-date line above the type line, even when a table layout wraps it over several lines
    ("*Hà Nội, ngày 22" / "tháng 11 năm 2025*").
    """
    first = next((text for text in map(_plain, lines) if text), "")
    opens_with_type = bool(first) and _type_words(first) == len(first.split())  # "**THÔNG TƯ**" first
    if not opens_with_type and not _ADMINISTRATIVE_RE.search("\n".join(lines)):
        return Metadata(None, None)  # most texts: news, with no motto and no number line (a cheap test first)
    header = [(_plain(raw), raw.strip().startswith("**") and raw.strip().endswith("**")) for raw in lines]
    header = [(text, bold) for text, bold in header if text]
    plain = [text for text, _ in header]
    for i, text in enumerate(plain):
        n = _type_words(text)
        used = 1
        if n == 0 and len(text.split()) == 1 and i + 1 < len(plain):  # "THÔNG" / "TƯ": a wrapped type line
            n, used = _type_words(f"{text} {plain[i + 1]}"), 2
        if n == 0 or _MOTTO_RE.search(text):
            continue
        title = " ".join(plain[i:i + used]).split()
        capitals = None
        for line, bold in header[i + used:i + used + _SUBJECT_LINES]:
            has_letters = any(c.isalpha() for c in line)
            capitals = _is_capitals(line) if capitals is None and has_letters else capitals
            if (bold or (has_letters and _is_capitals(line) != capitals)
                    or (len(title) > n and _body_start_re().match(line))):
                break
            title.extend(line.split())
        longer = _type_words(" ".join(title[:4]))  # "THÔNG BÁO" + "KẾT LUẬN …": a notice of conclusions
        kind = " ".join(title[:max(n, longer)]).lower()
        return Metadata(" ".join(title).rstrip(" ."), _first_place_date(" ".join(plain[:i])), kind)
    return Metadata(None, _first_place_date(" ".join(plain)))


def _first_place_date(header: str) -> dt.date | None:
    """The first "ngày … tháng … năm …" date of an administrative header's joined lines (its place-date line,
    however a table layout wrapped it or set its numbers in bold).
    """
    return next((day for m in _PLACE_DATE_RE.finditer(header) if (day := _header_date(m.group())) is not None), None)


def is_date_line(line: str) -> bool:
    """Whether a line is a portal's date line ("Cập nhật: 28/09/2022") or a place-date line: when the text was
    written, not a date it reports.
    """
    line = line.strip()
    return _date_line(line) is not None or _header_date(line) is not None


def _is_title(line: str) -> bool:
    if _MOTTO_RE.search(line):
        return False
    words = line.split()
    if not _TITLE_WORDS[0] <= len(words) <= _TITLE_WORDS[1]:
        return False
    if line.endswith((".", ":", ";", ",")) or _MENU_MARKS_RE.search(line):
        return False
    letters = [c for c in line if c.isalpha()]
    return not letters or not all(c.isupper() for c in letters)  # an all-capitals line is a menu or a section


def document_metadata(text: str) -> Metadata:
    """The headline and date line among the first lines of ``text``.

    >>> document_metadata("TIN TỨC - SỰ KIỆN\\nHội nghị lần thứ Mười Ban Chấp hành Đảng bộ huyện\\n"
    ...                   "Ngày đăng 21/06/2022 | 13:30  | Lượt xem: 217\\nSáng ngày 21/6/2022, ...")
    Metadata(title='Hội nghị lần thứ Mười Ban Chấp hành Đảng bộ huyện', published=datetime.date(2022, 6, 21), kind=None)
    """
    title = published = None
    top = _top_lines(text, ADMIN_LINES)  # the text is split into lines once
    lines = top[:HEADER_LINES]
    # A converted document may break its place-date line in two ("*Hà Nội, ngày 22" / "tháng 11 năm 2025*").
    joined = [f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False)]
    broken = {k + step for k, line in enumerate(joined) if _place_date(line) is not None for step in (0, 1)}
    for k, line in enumerate(lines[:TOP_LINES]):
        if _COMMENT_RE.match(line) or _header_date(line) is not None or k in broken:
            continue  # a comment header or a place-date line: neither a headline nor a portal's date line
        day = _date_line(line)
        if day is not None:
            published = published or day
            continue
        if title is None and published is None and _is_title(line):
            title = _MARKDOWN_RE.sub("", line).strip() or None  # "## Headline", "**Headline**": the words only
    if published is None:
        published = next((day for day in [*map(_header_date, lines), *map(_place_date, joined)] if day is not None),
                         None)
    admin = _administrative_header(top)
    return Metadata(admin.title or title, published or admin.published, admin.kind)
