"""Meetings: not extracted yet (issue 4); the stage returns no meetings until then."""

from __future__ import annotations

from ..models import DateMention, Meeting
from .dates import YearContext


def extract_meetings(text: str, sentences: list[tuple[int, int]], dates: list[DateMention],
                     years: YearContext) -> list[Meeting]:
    return []
