"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) to Unicode, through the pinned ``viparse`` converter.

Before Unicode, Vietnamese documents were typed in 8-bit fonts: TCVN3 (ABC, the ".VnTime" fonts) and VNI
("VNI-Times"). Their bytes read as Latin-1 look like "Céng hßa" or "Coäng hoøa". ``viparse`` (MIT) ships
conversion tables validated on real government documents; it is young, so the version is pinned in
pyproject.toml and everything goes through the two functions here. Which table applies is decided by
:mod:`govreport.readers.txt`, which scores every candidate decoding; this module only converts.

Known limit (of the encoding, not the converter): TCVN3 has no upper-case accented letters, so headings
typed in the ".VnTimeH" font come back in lower case ("ĐảNG Bộ").
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from ..errors import MissingDependencyError

__all__ = ["LEGACY_ENCODINGS", "convert_legacy", "legacy_available"]

#: The legacy encodings govreport converts, with the wording used in ``report.warnings``.
LEGACY_ENCODINGS = {
    "tcvn3": "TCVN3 (ABC, .VnTime fonts)",
    "vni": "VNI (VNI-Times fonts)",
}


@functools.cache
def _viparse() -> ModuleType | None:
    try:
        return importlib.import_module("viparse")
    except ImportError:
        return None


def legacy_available() -> bool:
    """Whether the converter is installed (``pip install 'govreport[readers]'``, Python 3.11+)."""
    return _viparse() is not None


def convert_legacy(text: str, encoding: str) -> str:
    """Convert text typed in a legacy font encoding, read as Latin-1, to Unicode NFC.

    Args:
        text: the bytes of the document decoded as Latin-1 (one character per byte).
        encoding: ``"tcvn3"`` or ``"vni"``.

    Returns:
        The Unicode text. viparse also tidies whitespace (runs of spaces inside a line become one).

    Raises:
        MissingDependencyError: viparse is not installed.

    >>> convert_legacy("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    """
    if encoding not in LEGACY_ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {sorted(LEGACY_ENCODINGS)}")
    viparse = _viparse()
    if viparse is None:
        raise MissingDependencyError(
            f"this text is in the legacy {LEGACY_ENCODINGS[encoding]} encoding and converting it needs viparse; "
            "install it with: pip install 'govreport[readers]' (Python 3.11 or later)")
    return str(viparse.fix(text, encoding=encoding))
