"""Fuzzing parse with Vietnamese-like text: it never raises, spans index the text, results repeat.

A short run is part of ``make test``; ``make fuzz`` sets GOVREPORT_FUZZ_EXAMPLES=100000.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from conftest import all_spans
from govreport.normalize import normalize_text

EXAMPLES = int(os.environ.get("GOVREPORT_FUZZ_EXAMPLES", "200"))

PIECES = [
    # digits, separators, scale and unit words, qualifiers, comparisons
    "0", "1", "5", "18", "058", "2022", "57", ".", ",", "/", "-", "–", "%", ":", ";", "(", ")", " ", " ", "\n",
    "tỷ", "tỉ", "triệu", "nghìn", "ngàn", "đồng", "USD", "ha", "tấn", "tạ", "m2", "km", "hộ", "người", "lượt",
    "ước đạt", "trên", "hơn", "gần", "khoảng", "từ", "đến", "trở lên", "bằng", "tăng", "giảm", "so với",
    "cùng kỳ", "kế hoạch", "dự toán", "6 tháng đầu năm", "quý I", "năm", "tháng", "Sáng ngày", "Chiều",
    # spelled numbers, diacritics in both placements, titles and honorifics
    "hai", "mươi", "mốt", "lăm", "trăm", "linh", "rưỡi", "phẩy", "Mười", "hoà", "hòa", "uỷ", "ủy", "Ð",
    "đồng chí", "ông", "bà", "Bí thư", "Huyện ủy", "Chủ tịch", "UBND", "HĐND", "Phó", "khóa XXIV",
    "Hội nghị", "lần thứ", "Kỳ họp thứ", "nhiệm kỳ", "Nghị quyết số", "/NQ-HĐND", "Trần Đình Cảnh",
    "\u00a0", "\u200b", "\u0301", "\ufeff",
]
vietnamese_like = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(vietnamese_like | st.text(max_size=200))
def test_parse_never_raises_spans_index_and_repeats(text: str) -> None:
    report = govreport.parse(text)
    for span in all_spans(report):
        assert 0 <= span.start <= span.end <= len(report.text)
        assert report.text[span.start:span.end] == span.text
    assert govreport.parse(text) == report


@FUZZ
@given(vietnamese_like)
def test_normalization_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
