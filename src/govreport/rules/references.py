"""References to other documents: not extracted yet (issue 4); the stage returns none until then."""

from __future__ import annotations

from ..models import Reference
from .dates import YearContext


def extract_references(text: str, years: YearContext) -> list[Reference]:
    return []
