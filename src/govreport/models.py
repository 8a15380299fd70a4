"""The pydantic models of the public record (see CONTRACT.md, "Report (JSON)").

Every model is frozen and forbids unknown fields, so a typo in a producer fails loudly.
Values are ``Decimal`` in Python and plain JSON numbers in JSON: integers stay exact however
large (18 058 000 000 000 đồng), fractions are written with the shortest float that round-trips.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, PlainSerializer

SCHEMA_VERSION: Literal["1.0"] = "1.0"


def _decimal_to_json(value: Decimal) -> int | float:
    """Integers exactly, fractions as the nearest float (JSON has no decimal type)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


Number = Annotated[Decimal, PlainSerializer(_decimal_to_json, return_type=int | float, when_used="json")]
Bound = Literal["over", "under", "about"]
PartOfDay = Literal["morning", "afternoon", "evening"]
Role = Literal["attended", "chaired", "spoke", "concluded", "directed"]
FigureKind = Literal["level", "change", "share"]
Direction = Literal["up", "down"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """A stretch of ``report.text``: ``text == report.text[start:end]``."""

    start: int
    end: int
    text: str


class Quantity(_Model):
    """A number with its unit as found by :func:`govreport.numbers.find_quantities`.

    ``span``/``raw`` cover the amount as written ("18.058 tỷ đồng"); ``extent`` also covers
    the qualifier words around it ("ước đạt trên 18.058 tỷ đồng").
    """

    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    total: Number | None = None
    unit: str | None = None
    noun: str | None = None
    raw: str
    span: Span
    extent: Span
    bound: Bound | None = None
    estimated: bool = False
    rule: str
    note: str | None = None


class Metric(_Model):
    """What a figure measures, as written, and where."""

    text: str
    span: Span


class Period(_Model):
    """The period a figure covers: its text and dates (either may be unknown)."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    span: Span | None = None


class Comparison(_Model):
    """A share of a plan, a change against a base, or the earlier level ("previous") of a figure."""

    kind: Literal["share", "change", "previous"]
    value: Number | None
    unit: str | None
    direction: Direction | None = None
    base: str | None = None
    bound: Bound | None = None
    span: Span
    rule: str | None = None


class Figure(_Model):
    """A quantity that measures something, with what it states and what it is compared with."""

    value: Number | None
    low: Number | None = None
    high: Number | None = None
    total: Number | None = None
    unit: str | None
    noun: str | None = None
    raw: str
    span: Span
    estimated: bool = False
    bound: Bound | None = None
    kind: FigureKind = "level"
    direction: Direction | None = None
    base: str | None = None
    metric: Metric | None = None
    period: Period | None = None
    comparisons: list[Comparison] = []
    rule: str


class DateMention(_Model):
    """An absolute date written in the text, with its part of day."""

    value: dt.date
    part_of_day: PartOfDay | None = None
    span: Span
    rule: str | None = None


class Reference(_Model):
    """Another document referred to: "Nghị quyết số 15/NQ-HĐND"."""

    kind: str
    number: str
    issuer: str | None = None
    date: dt.date | None = None
    span: Span
    rule: str | None = None


class Tenure(_Model):
    """The years of a term: "nhiệm kỳ 2020- 2025"."""

    start: int
    end: int


class Meeting(_Model):
    """A meeting the document reports on."""

    kind: str
    ordinal: int | None = None
    body: str | None = None
    term: int | None = None
    tenure: Tenure | None = None
    expanded: bool = False
    date: dt.date | None = None
    part_of_day: PartOfDay | None = None
    location: str | None = None
    purpose: str | None = None
    chair: list[str] = []
    span: Span
    rule: str | None = None


class Title(_Model):
    """One title of an official: the role and the organization it belongs to."""

    text: str
    role: str | None = None
    organization: str | None = None
    organization_expanded: str | None = None
    span: Span | None = None
    rule: str | None = None


class Official(_Model):
    """One person holding a public or Party office, however often named."""

    name: str
    honorific: Literal["đồng chí", "ông", "bà"] | None = None
    titles: list[Title] = []
    roles: list[Role] = []
    mentions: list[Span] = []
    rule: str | None = None


class Source(_Model):
    """Where the text came from, and what it says about itself."""

    path: str | None = None
    format: str | None = None
    sha256: str | None = None
    title: str | None = None
    published: dt.date | dt.datetime | None = None


class Report(_Model):
    """Everything govreport extracts from one document; every span indexes ``text``."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source = Source()
    text: str
    meetings: list[Meeting] = []
    officials: list[Official] = []
    figures: list[Figure] = []
    dates: list[DateMention] = []
    references: list[Reference] = []
    warnings: list[str] = []
