"""Officials: not extracted yet (issue 4); the stage returns no officials until then."""

from __future__ import annotations

from ..models import Official


def extract_officials(text: str, sentences: list[tuple[int, int]]) -> list[Official]:
    return []
