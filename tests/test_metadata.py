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
