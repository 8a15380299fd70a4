"""The one normalization stage: each documented step, idempotence, and length on NFC input."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.normalize import normalize_text

CASES = [
    ("nfc", unicodedata.normalize("NFD", "Thành ủy viên"), "Thành ủy viên"),
    ("nbsp", "18.058\u00a0tỷ đồng", "18.058 tỷ đồng"),
    ("narrow-nbsp", "57,3\u202f%", "57,3 %"),
    ("zero-width", "Huyện\u200bủy", "Huyện ủy"),
    ("bom", "\ufeffBáo cáo", " Báo cáo"),
    ("crlf", "dòng một\r\ndòng hai", "dòng một \ndòng hai"),
    ("lone-cr", "dòng một\rdòng hai", "dòng một\ndòng hai"),
    ("eth-capital", "\u00d0ảng bộ", "Đảng bộ"),
    ("eth-small", "\u00f0ồng chí", "đồng chí"),
    ("tone-oa", "hoà bình", "hòa bình"),
    ("tone-oe", "khoẻ mạnh", "khỏe mạnh"),
    ("tone-uy", "Thành uỷ", "Thành ủy"),
    ("tone-uy-capital", "Uỷ ban", "Ủy ban"),
    ("tone-kept-quy", "quý I", "quý I"),
    ("tone-kept-closed", "hoàn thành khuyến khích", "hoàn thành khuyến khích"),
    ("tone-upper", "HOÀ", "HÒA"),
]


@pytest.mark.parametrize(("label", "raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_steps(label: str, raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text(max_size=200))
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text(max_size=200))
def test_length_kept_for_nfc_input(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert len(normalize_text(nfc)) == len(nfc)
