"""parse() end to end: the seed document, spans, purity, and that it never raises."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from conftest import FIXTURES, all_spans

SEED_EXPECTED = FIXTURES / "seed" / "thach-that-conference-2022-06-21.expected.json"





def test_seed_figures_as_a_reader_writes_them(seed_text: str) -> None:
    expected = json.loads(SEED_EXPECTED.read_text("utf-8"))
    report = govreport.parse(seed_text)
    got = [
        {"raw": f.raw, "value": str(f.value), "unit": f.unit, "estimated": f.estimated, "bound": f.bound,
         "metric": f.metric.text if f.metric else None,
         "period": ({"text": f.period.text, "start": str(f.period.start), "end": str(f.period.end)}
                    if f.period else None),
         "comparisons": [{"kind": c.kind, "value": str(c.value), "unit": c.unit, "direction": c.direction,
                          "base": c.base} for c in f.comparisons]}
        for f in report.figures
    ]
    assert got == expected["figures"]
    dates = [{"value": d.value.isoformat(), "part_of_day": d.part_of_day, "text": d.span.text} for d in report.dates]
    assert dates == expected["dates"]


def test_seed_has_no_false_figures(seed_text: str) -> None:
    """21/6/2022, 2020- 2025, 13:30 and the 217 views are not figures."""
    raws = {f.raw for f in govreport.parse(seed_text).figures}
    assert not raws & {"21/6/2022", "2020- 2025", "13:30", "217"}


def test_every_span_indexes_the_text_in_every_fixture_report() -> None:
    paths = sorted((FIXTURES / "reports").glob("*.txt")) + sorted((FIXTURES / "seed").glob("*.txt"))
    assert paths
    for path in paths:
        report = govreport.parse(path.read_text("utf-8"))
        for span in all_spans(report):
            assert report.text[span.start:span.end] == span.text, (path.name, span)


def test_nfc_input_keeps_its_length_and_spans_index_the_input(seed_text: str) -> None:
    report = govreport.parse(seed_text)
    assert len(report.text) == len(seed_text)
    for f in report.figures:
        assert seed_text[f.span.start:f.span.end] == f.raw


def test_published_fills_missing_years() -> None:
    import datetime as dt
    report = govreport.parse("Chiều 12/1, UBND tỉnh họp.", published=dt.date(2024, 1, 13))
    assert [(d.value.isoformat(), d.part_of_day) for d in report.dates] == [("2024-01-12", "afternoon")]


def test_amounts_above_2_pow_53_stay_exact_in_json() -> None:
    report = govreport.parse("Tổng vốn đạt 9.513.274.861.234.567 đồng.")
    assert report.figures[0].value == Decimal("9513274861234567")
    assert json.loads(report.model_dump_json())["figures"][0]["value"] == 9513274861234567


def test_reports_pickle_and_parse_is_deterministic(seed_text: str) -> None:
    first, second = govreport.parse(seed_text), govreport.parse(seed_text)
    assert first == second
    assert pickle.loads(pickle.dumps(first)) == first


def test_json_has_every_contract_key(seed_text: str) -> None:
    data = json.loads(govreport.parse(seed_text).model_dump_json())
    assert {"schema_version", "source", "text", "meetings", "officials", "figures", "dates", "references",
            "warnings"} <= set(data)
    figure = data["figures"][0]
    assert {"value", "unit", "noun", "raw", "span", "estimated", "bound", "metric", "period",
            "comparisons"} <= set(figure)
    assert data["schema_version"] == "1.0"


_VIETNAMESE = st.lists(st.sampled_from(
    list("0123456789.,;:/-% \n") + ["tỷ", "đồng", "triệu", "ha", "hộ", "ước đạt", "trên", "bằng", "tăng", "so với",
                                    "cùng kỳ", "kế hoạch", "năm 2022", "6 tháng đầu năm", "Sáng ngày", "đồng chí",
                                    "Bí thư", "Huyện ủy", "hai mươi", "mốt", "khóa XXIV", "Hội nghị"]),
    max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(_VIETNAMESE | st.text(max_size=120))
def test_parse_never_raises_and_spans_index(text: str) -> None:
    report = govreport.parse(text)
    for span in all_spans(report):
        assert report.text[span.start:span.end] == span.text


def test_a_result_dated_after_the_document_gets_a_warning() -> None:
    """Issue 10 §4: a reported result whose period starts after the document's own date is suspect."""
    import datetime as dt
    text = "Trong quý IV/2023, thu ngân sách trên địa bàn đạt 120 tỷ đồng."
    late = govreport.parse(text, published=dt.date(2023, 8, 1))
    assert [f.period.start.isoformat() for f in late.figures if f.period] == ["2023-10-01"]
    assert any("120 tỷ đồng" in w and "after the document's date 2023-08-01" in w for w in late.warnings)
    assert not [w for w in govreport.parse(text, published=dt.date(2024, 1, 20)).warnings if "120 tỷ" in w]
    assert not [w for w in govreport.parse(text).warnings if "120 tỷ" in w]  # no anchor, no warning


def test_kind_direction_base_survive_the_json_record() -> None:
    record = govreport.parse("GRDP tăng 8,5% so với năm 2022.").model_dump(mode="json")
    figure = record["figures"][0]
    assert (figure["kind"], figure["direction"], figure["base"]) == ("change", "up", "năm 2022")


def test_the_figures_table_and_the_review_page_carry_kind_direction_and_base() -> None:
    """Issue 10 §1: the CSV/Parquet figures table has the three columns; ``render`` shows them."""
    from govreport.batch import TABLES
    from govreport.render import render_html

    columns = [name for name, _ in TABLES["figures"]]
    assert {"kind", "direction", "base"} <= set(columns)
    page = render_html(govreport.parse("GRDP tăng 8,5% so với năm 2022."))
    assert '["kind","change"],["direction","up"],["base","năm 2022"]' in page


_SPLIT_PIECES = st.sampled_from([*"aAbĐđỦ 1.?!…\t\r", "TP.", "Tp. ", "e.g", "...", "Ông ", "5.000", "15.12.2025", ". "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPLIT_PIECES, max_size=30).map("".join))
def test_the_sentence_splitter_finds_underthesea_s_sentences(text: str) -> None:
    """``segment`` splits a paragraph with its own copy of underthesea's rules (it is 5x faster)."""
    from underthesea import sent_tokenize

    from govreport.pipeline import _sent_tokenize

    assert _sent_tokenize(text) == sent_tokenize(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Thu ngân sách đạt 5 tỷ đồng. Chi đạt 3 tỷ đồng.", ["Thu ngân sách đạt 5 tỷ đồng.", "Chi đạt 3 tỷ đồng."]),
    ("Tại TP. Huế có 1.500.000 dân. Hết!", ["Tại TP. Huế có 1.500.000 dân.", "Hết!"]),
    ("Còn nữa... Và hết?! Thật", ["Còn nữa...", "Và hết?!", "Thật"]),
    ("chờ... rồi tiếp", ["chờ... rồi tiếp"]),
    ("   ", []),
])
def test_the_sentence_splitter_keeps_abbreviations_numbers_and_ellipses(text: str, expected: list[str]) -> None:
    from govreport.pipeline import _sent_tokenize

    assert _sent_tokenize(text) == expected
