"""Document metadata from plain text (issue 13 §3) and the argument errors of ``govreport.parse``."""

from __future__ import annotations

import datetime as dt

import pytest

import govreport
from conftest import load_cases


@pytest.mark.parametrize("case", load_cases("metadata/*.yaml"))
def test_metadata_table(case: dict) -> None:
    source = govreport.parse(case["text"]).source
    want = case["expected"]
    assert source.title == want["title"]
    assert (source.published.isoformat() if source.published else None) == want["published"]


def test_the_callers_date_wins_over_the_date_line() -> None:
    text = "Huyện Phú Lương sơ kết công tác 6 tháng\n20/07/2021 15:35 GMT+7\n"
    assert govreport.parse(text, published=dt.date(2021, 7, 22)).source.published == dt.date(2021, 7, 22)


@pytest.mark.parametrize(("value", "hint"), [(b"Thu ng\xc3\xa2n s\xc3\xa1ch", "decode"), (bytearray(b"x"), "decode"),
                                             (None, "parse_file"), (12, "parse_file")])
def test_parse_refuses_what_is_not_text(value: object, hint: str) -> None:
    with pytest.raises(TypeError, match=hint):
        govreport.parse(value)  # type: ignore[arg-type]


_ADMIN_HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH HÒA PHONG\nSố: 9/{code}-UBND\nĐộc lập - Tự do - Hạnh phúc\n"
                 "Hòa Phong, ngày 3 tháng 4 năm 2024\n")


@pytest.mark.parametrize(("type_lines", "code", "kind", "warned"), [
    ("KẾ HOẠCH\nPhát triển du lịch giai đoạn 2026 - 2030", "KH", "kế hoạch", False),
    ("THÔNG BÁO\nKẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH TẠI BUỔI LÀM VIỆC", "TB", "thông báo kết luận", False),
    ("BÁO CÁO\nKết quả quý I năm 2024", "BC", "báo cáo", True),
])
def test_a_plans_targets_raise_no_late_warning(type_lines: str, code: str, kind: str, warned: bool) -> None:
    """A plan's or a decision's amounts for later years are targets; a report's are results, and one dated after
    the document is suspect (issue 10 §4)."""
    body = "\nCăn cứ Luật Du lịch;\nNăm 2026, doanh thu du lịch đạt 900 tỷ đồng.\n"
    text = _ADMIN_HEADER.format(code=code) + type_lines + body
    assert govreport.metadata.document_metadata(text).kind == kind
    late = [w for w in govreport.parse(text).warnings if "900 tỷ đồng" in w]
    assert bool(late) is warned, late
