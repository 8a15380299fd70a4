"""HTML pages: the article's main text (trafilatura), its title and its publication date.

trafilatura keeps the article and drops menus, sidebars and footers. Two of its habits are worked around:

- Pages saved from Word wrap lines inside paragraphs; HTML treats those newlines as spaces, trafilatura
  keeps them. Whitespace inside text is collapsed before extraction (not inside ``<pre>``).
- Its date guess reads any year in the page ("năm 2024" -> 2024-01-01). Only explicit metadata
  (``article:published_time``, ``datePublished``, ...) or the portal's own "Ngày đăng 21/06/2022 | 13:30"
  line set ``source.published``.

A page saved by a word processor (Word's "Save as Web Page") has no menus: all its text is kept, since
trafilatura would merge repeated paragraphs. When trafilatura finds no main text (a page that is one big
table, a tree nested thousands deep), the page's
whole visible text is used and a warning says so.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import DecodeError, MissingDependencyError
from .base import Extracted
from .txt import decode_text

__all__ = ["find_published", "read_html"]

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s{0,3}=\s{0,3}["']?(?P<cs>[A-Za-z0-9_:.-]{1,40})""",
                         re.IGNORECASE)
# WHATWG: a page labelled Latin-1 or ASCII is read as Windows-1252.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "windows-1252": "cp1252"}
#: Deeper than this, a page is read as a stream of tags (trafilatura is slow on such trees, libxml2 cuts them).
MAX_TREE_DEPTH = 400
_WS_RE = re.compile(r"\s{1,100000}")
_CELLS_RE = re.compile(r"(?:\s{0,100}\|){2,100}\s{0,100}")  # empty cells: " |  | " -> " | "
_RAW_TEXT_TAGS = frozenset({"pre", "textarea", "script", "style"})
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
                         "article", "header", "footer", "blockquote", "ul", "ol", "dd", "dt"})

# The portal's own publication line: "Ngày đăng 21/06/2022 | 13:30", "Ngày cập nhật: 21/06/2022".
_PUBLISHED_LINE_RE = re.compile(
    r"Ngày\s{1,3}(?:đăng|xuất\s{1,3}bản|cập\s{1,3}nhật|ban\s{1,3}hành)\s{0,3}:?\s{0,3}"  # "Ngày đăng:"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"  # "21/06/2022"
    r"(?:\s{0,3}[|,-]?\s{0,3}(?P<H>\d{1,2})[:h](?P<M>\d{2}))?",  # optional " | 13:30"
    re.IGNORECASE)
_META_DATE_KEYS = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish_date",
    "publish-date", "dc.date.issued", "dcterms.issued", "dcterms.created", "citation_publication_date",
    "parsely-pub-date", "sailthru.date", "date"})
_DMY_RE = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?:\D{1,3}(?P<H>\d{1,2}):(?P<M>\d{2}))?")


def _decode_html(data: bytes, name: str) -> tuple[str, list[str]]:
    """The declared charset when there is one, else the same detection as plain text."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _CHARSET_RE.search(data[:8192])
        if declared:
            label = declared.group("cs").decode("ascii").lower()
            codec = _CHARSET_ALIASES.get(label, label)
            try:
                return data.decode(codec), []
            except LookupError:
                pass  # an unknown label: fall through to detection
            except UnicodeDecodeError:
                if codec == "cp1252":
                    return data.decode("latin-1"), []
    return decode_text(data, name, markup=True)


def _parse_value(value: str) -> dt.date | dt.datetime | None:
    """An ISO or day/month/year date, with a time when one is given."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return parsed.date()
        return parsed
    m = _DMY_RE.search(value)
    if m is None:
        return None
    return _from_groups(m)


def _from_groups(m: re.Match[str]) -> dt.date | dt.datetime | None:
    try:
        day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("H") is None:
            return day
        return dt.datetime(day.year, day.month, day.day, int(m.group("H")), int(m.group("M")))
    except ValueError:
        return None


def find_published(text: str) -> dt.date | dt.datetime | None:
    r"""The portal's "Ngày đăng" line as a date, or a datetime when it gives the time.

    >>> find_published("Hội nghị lần thứ Mười\\nNgày đăng 21/06/2022 | 13:30  | Lượt xem: 217")
    datetime.datetime(2022, 6, 21, 13, 30)
    >>> find_published("Ngày cập nhật: 05/01/2024") , find_published("ngày 18 tháng 11 năm 2025")
    (datetime.date(2024, 1, 5), None)
    """
    m = _PUBLISHED_LINE_RE.search(text)
    return _from_groups(m) if m else None


def _json_ld_dates(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datePublished" and isinstance(value, str):
                yield value
            else:
                yield from _json_ld_dates(value)
    elif isinstance(node, list):
        for item in node:
            yield from _json_ld_dates(item)


def _metadata_published(tree: Any) -> dt.date | dt.datetime | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _META_DATE_KEYS:
            found = _parse_value(meta.get("content") or "")
            if found is not None:
                return found
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        found = _parse_value(element.get("datetime") or element.get("content") or element.text_content())
        if found is not None:
            return found
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue  # malformed JSON-LD is common; the other sources still apply
        for value in _json_ld_dates(data):
            found = _parse_value(value)
            if found is not None:
                return found
    return None


def _title(tree: Any) -> str | None:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            content = _WS_RE.sub(" ", meta.get("content") or "").strip()
            if content:
                return content
    for tag in ("title", "h1"):
        for element in tree.iter(tag):
            text = _WS_RE.sub(" ", element.text_content()).strip()
            if text:
                return text
    return None


def _collapse_whitespace(tree: Any) -> None:
    """HTML semantics: a newline inside text is a space (pages saved from Word wrap every line)."""
    skip = set()
    for element in tree.iter(*_RAW_TEXT_TAGS):
        skip.update(element.iter())
    for element in tree.iter():
        if element not in skip and isinstance(element.text, str):
            element.text = _WS_RE.sub(" ", element.text)
        if isinstance(element.tail, str) and element.getparent() not in skip:
            element.tail = _WS_RE.sub(" ", element.tail)


class _TextCollector(HTMLParser):
    """Visible text from a stream of tags: no tree is built, so no nesting depth can break it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # inside script/style/head...
        self._raw = 0  # inside pre/textarea: whitespace kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._hidden = 0  # a <head> left open ends here
        if tag in _DROP_TAGS:
            self._hidden += 1
        elif tag in ("pre", "textarea"):
            self._raw += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in ("pre", "textarea"):
            self._raw = max(0, self._raw - 1)
        if tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data if self._raw else _WS_RE.sub(" ", data))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![if !supportLists]>`` as usual; a stray ``<![`` with no name after it is skipped, not fatal.

        The standard library raises AssertionError ("expected name token") on the latter.
        """
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return i + 3


def _all_text(markup: str) -> str:
    """Every visible text of the page, one line per block element, table cells joined by " | "."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (_CELLS_RE.sub(" | ", line).strip(" |") for line in "".join(collector.parts).splitlines())
    return "\n".join(line.strip() for line in lines if line.strip())


def _depth(tree: Any) -> int:
    """How deep the parsed tree nests (libxml2 stops building below a limit, so deep pages lose text)."""
    import lxml.etree

    depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _saved_document(tree: Any) -> bool:
    """A document saved as HTML by a word processor: no menus to remove, every line is content."""
    for meta in tree.iter("meta"):
        key = (meta.get("name") or "").lower()
        content = (meta.get("content") or "").lower()
        if (key == "generator" and any(w in content for w in ("microsoft word", "libreoffice", "openoffice"))) \
                or (key == "progid" and content.startswith("word.")):
            return True
    return False


def _parse(markup: str, name: str) -> Any:
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except Exception as exc:  # lxml raises several kinds on broken markup; all mean the same to a user
        raise DecodeError(f"{name}: not readable as HTML ({type(exc).__name__}: {exc}); "
                          "check the file, or save the page's text as .txt") from exc


def read_html(data: bytes, name: str) -> Extracted:
    """Main text, title and publication date of an HTML page.

    Raises:
        DecodeError: the bytes are not HTML in a known encoding.
        MissingDependencyError: trafilatura is not installed.
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingDependencyError(f"{name}: reading HTML needs trafilatura; "
                                     "install it with: pip install 'govreport[readers]'") from exc
    # trafilatura logs every element it discards at WARNING ("discarding data: None"): noise for our users.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    markup, warnings = _decode_html(data, name)
    markup = re.sub(r"^\s{0,100}<\?xml[^>]{0,200}\?>", "", markup)  # lxml refuses a str with a declaration
    tree = _parse(markup, name)
    title = _title(tree)
    published = _metadata_published(tree)
    if _saved_document(tree):
        everything = _all_text(markup)
        return Extracted(text=everything, format="html", title=title,
                         published=published or find_published(everything), warnings=warnings)
    depth = _depth(tree)
    if depth > MAX_TREE_DEPTH:
        everything = _all_text(markup)
        warnings.append(f"the page nests {depth}+ levels deep; all of its text was kept, without removing menus")
        return Extracted(text=everything, format="html", title=title,
                         published=published or find_published(everything), warnings=warnings)
    _collapse_whitespace(tree)
    text: str | None = None
    try:
        text = trafilatura.extract(tree, output_format="txt", include_tables=True, include_comments=False,
                                   include_images=False, include_links=False, with_metadata=False,
                                   deduplicate=False, favor_recall=True)
    except RecursionError:
        text = None  # a tree nested thousands deep: the plain-text fallback below handles it
    full_text: str | None = None
    if not text or not text.strip():
        full_text = _all_text(markup)
        text = full_text
        if text.strip():
            warnings.append("trafilatura found no main text; used all of the page's text")
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if published is None:
        published = find_published(text)
    if published is None:
        full_text = full_text if full_text is not None else _all_text(markup)
        published = find_published(full_text)
    return Extracted(text=text, format="html", title=title, published=published, warnings=warnings)
