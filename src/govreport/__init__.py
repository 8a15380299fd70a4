"""govreport: structured, checkable records from Vietnamese government reports.

>>> import govreport
>>> report = govreport.parse("Thu ngân sách nhà nước ước đạt trên 615,3 tỷ đồng, bằng 63% dự toán.")
>>> figure = report.figures[0]
>>> figure.value, figure.unit, figure.bound, figure.estimated
(Decimal('615300000000'), 'VND', 'over', True)
"""

from __future__ import annotations

from .api import parse_file
from .batch import tables
from .engine import parse_many
from .errors import GovReportError
from .models import (
    Comparison,
    DateMention,
    Figure,
    Meeting,
    Metric,
    Official,
    Period,
    Quantity,
    Reference,
    Report,
    Source,
    Span,
    Title,
)
from .pipeline import parse

__version__ = "0.1.0"

__all__ = [
    "Comparison",
    "DateMention",
    "Figure",
    "GovReportError",
    "Meeting",
    "Metric",
    "Official",
    "Period",
    "Quantity",
    "Reference",
    "Report",
    "Source",
    "Span",
    "Title",
    "__version__",
    "parse",
    "parse_file",
    "parse_many",
    "tables",
]
