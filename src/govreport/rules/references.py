"""References to other documents: "Nghị quyết số 15/NQ-HĐND ngày 10/12/2021", "Chỉ thị 05-CT/TW".

A reference is a document type from ``data/document_types.yaml`` followed (after an optional "số")
by a number that carries a code: State documents write the type code after the slash
("15/NQ-HĐND", "100/2019/NĐ-CP"), Party documents before it ("05-CT/TW"). A bare number ("Nghị
định 71") is not taken: without its code it cannot be told from a count or an article. The issuer
is the code that follows the type code (HĐND, CP for NĐ-CP, TW); when the code holds no type code
("Luật số 47/2019/QH14", "Công văn 456/UBND-KT") it is the first code (QH14, UBND).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .. import lexicon
from ..lexicon import DocumentTypeEntry, alternation
from ..models import Reference, Span
from .dates import YearContext

__all__ = ["extract_references", "parse_document_number"]

# A code: capital letters, maybe digits and lower-case letters after the first (TTg, TTr, QH14).
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]{0,14}"


@cache
def _kinds() -> dict[str, DocumentTypeEntry]:
    """Each surface (lower-case) -> its document type."""
    types = lexicon.entries("document_types", DocumentTypeEntry)
    return {s.lower(): e for e in types for s in e.surfaces}


@cache
def _type_codes() -> frozenset[str]:
    return frozenset(c for e in lexicon.entries("document_types", DocumentTypeEntry) for c in e.codes)


_NUMBER = rf"""
    (?P<number>
        \d{{1,5}}[a-zđ]?(?:[/-]\d{{4}})?/{_CODE}                        # 15/NQ / 100/2019/NĐ / 47/2019/QH14
            (?:\s?[-/]\s?{_CODE}){{0,4}}                                # -HĐND / -CP / - UBTVQH13 / /UBTVQH15
      | \d{{1,5}}[a-zđ]?-{_CODE}/{_CODE}(?:-{_CODE}){{0,2}}                # 05-CT/TW, 06-NQ/TU
    )
    (?![\w/])
    (?:\s{{1,3}}(?i:ngày)\s{{1,3}}                                     #  ngày
        (?:(?P<d>\d{{1,2}})\s{{0,2}}[/.\-]\s{{0,2}}(?P<m>\d{{1,2}})              # 10/12
              \s{{0,2}}[/.\-]\s{{0,2}}(?P<y>\d{{4}})                                  # /2021
          | (?P<d2>\d{{1,2}})\s{{1,3}}tháng\s{{1,3}}(?P<m2>\d{{1,2}})                  # 10 tháng 12
              \s{{1,3}}năm\s{{1,3}}(?P<y2>\d{{4}}))                                    # năm 2021
    )?"""


@cache
def _reference_re() -> re.Pattern[str]:
    return re.compile(
        rf"""
        (?<![\w])(?P<kind>(?i:{alternation(_kinds())}))                  # Nghị quyết
        (?:
            (?:\s{{1,3}}[a-zà-ỹđ]{{1,7}}){{1,2}}\s{{1,3}}(?i:số)           #  thẩm tra số (a qualified kind)
          | (?:\s{{1,3}}(?i:số))?                                          #  số
        )
        \s{{0,3}}:?\s{{0,3}}{_NUMBER}
        """,
        re.VERBOSE,
    )


@cache
def _continuation_re() -> re.Pattern[str]:
    """Another number of the same kind right after one: "Nghị định số 37/2019/NĐ-CP và số 22/2025/NĐ-CP"."""
    return re.compile(rf"\s{{0,2}}(?:,|;|\s(?i:và))\s{{1,3}}(?P<lead>(?i:số))\s{{1,3}}{_NUMBER}", re.VERBOSE)


_FIRST_CODE_RE = re.compile(r"([^/-]*)[/-]?(.*)")


def parse_document_number(number: str) -> tuple[str, str | None]:
    """A document number -> (the number without spaces, its issuer), or the issuer None.

    >>> parse_document_number("15/NQ-HĐND"), parse_document_number("100/2019/NĐ-CP")
    (('15/NQ-HĐND', 'HĐND'), ('100/2019/NĐ-CP', 'CP'))
    >>> parse_document_number("05-CT/TW"), parse_document_number("47/2019/QH14")
    (('05-CT/TW', 'TW'), ('47/2019/QH14', 'QH14'))
    >>> parse_document_number("1096/NQ- UBTVQH13")
    ('1096/NQ-UBTVQH13', 'UBTVQH13')
    """
    compact = re.sub(r"\s+", "", number)
    codes = re.sub(r"^\d{1,5}[a-zđ]?(?:[/-]\d{4})?[/-]", "", compact)
    first, rest = _FIRST_CODE_RE.match(codes).groups()  # type: ignore[union-attr]  # matches any string
    if first in _type_codes() and rest:
        return compact, rest
    return compact, first or None


def _date(m: re.Match[str]) -> dt.date | None:
    day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    if year is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def extract_references(text: str, years: YearContext) -> list[Reference]:
    """Every reference to a numbered document, with its kind, number, issuer and date.

    ``years`` is unused: a reference's date is always written in full; the argument keeps the stage
    signature uniform.

    >>> ctx = YearContext("", None)
    >>> [(r.kind, r.number, r.issuer, str(r.date)) for r in extract_references(
    ...     "theo Nghị quyết số 15/NQ-HĐND ngày 10/12/2021 và Chỉ thị 05-CT/TW", ctx)]
    [('nghị quyết', '15/NQ-HĐND', 'HĐND', '2021-12-10'), ('chỉ thị', '05-CT/TW', 'TW', 'None')]
    """
    found: list[Reference] = []
    covered = 0
    for anchor in _NUMBER_ANCHOR_RE.finditer(text):
        if anchor.start() < covered:
            continue
        m = _reference_re().search(text, max(covered, anchor.start() - _KIND_REACH), anchor.end() + _NUMBER_REACH)
        if m is None or m.start("number") > anchor.start():
            continue
        covered = m.end()
        kind = _kinds()[re.sub(r"\s+", " ", m.group("kind").lower())].id
        found.append(_reference(kind, m))
        end = m.end()
        while (more := _continuation_re().match(text, end)) is not None:
            found.append(_reference(kind, more, start=more.start("lead")))
            end = more.end()
        covered = end
    return found


# Every reference number has a digit then a slash or dash and a code ("15/NQ", "05-CT", "100/2019/NĐ"):
# the scan looks for that first, then reads the type and number around it, instead of trying the
# case-insensitive list of document types at every letter.
_NUMBER_ANCHOR_RE = re.compile(r"\d[a-zđ]?(?:[/-]\d{4})?[/-]\s?[A-ZĐ]")
_KIND_REACH = 60    # how far before its number a document type may stand ("Nghị quyết thẩm tra số 15/…")
_NUMBER_REACH = 120  # how far the number, its codes and its date run on


def _reference(kind: str, m: re.Match[str], start: int | None = None) -> Reference:
    number, issuer = parse_document_number(m.group("number"))
    begin = m.start() if start is None else start
    return Reference(kind=kind, number=number, issuer=issuer, date=_date(m),
                     span=Span(start=begin, end=m.end(), text=m.string[begin:m.end()]),
                     rule="reference: document type and number" if start is None else "reference: listed after another")
