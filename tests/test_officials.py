"""Officials and titles, table-driven from fixtures/officials."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from conftest import load_cases
from govreport.normalize import normalize_text
from govreport.rules.titles import parse_title

OFFICIAL_TABLES = ("officials/forms.yaml", "officials/cues.yaml", "officials/negative.yaml",
                   "officials/names.yaml", "officials/stops.yaml", "officials/issue11.yaml",
                   "officials/s4-*.yaml", "officials/s4b-*.yaml", "officials/s5-*.yaml",
                   "officials/s5b-*.yaml", "officials/s5c-*.yaml", "officials/s5d-*.yaml",
                   "officials/s6-*.yaml")


@pytest.mark.parametrize("case", load_cases(*OFFICIAL_TABLES))
def test_officials(case: dict[str, Any]) -> None:
    """A text yields exactly the officials of its case, with their titles, roles and mentions."""
    report = govreport.parse(case["text"])
    expected = case["expected"]
    assert [o.name for o in report.officials] == [e["name"] for e in expected]
    for official, want in zip(report.officials, expected, strict=True):
        assert [t.text for t in official.titles] == want["titles"]
        if "honorific" in want:
            assert official.honorific == want["honorific"]
        if "roles" in want:
            assert official.roles == want["roles"]
        if "organizations" in want:
            got = [[t.organization, t.organization_expanded] for t in official.titles]
            assert got == want["organizations"]
        if "mentions" in want:
            assert len(official.mentions) == want["mentions"]
        for span in official.mentions:
            assert report.text[span.start:span.end] == span.text


@pytest.mark.parametrize("case", load_cases("officials/titles.yaml"))
def test_parse_title(case: dict[str, Any]) -> None:
    """One title parses into its role and organization, or is not a title."""
    title = parse_title(case["text"])
    if case["expected"] is None:
        assert title is None
        return
    assert title is not None
    assert title.text == normalize_text(case["text"])
    expected = {key: normalize_text(value) if value else value for key, value in case["expected"].items()}
    assert {"role": title.role, "organization": title.organization,
            "organization_expanded": title.organization_expanded} == expected


_PIECES = ["đồng chí", "Đ/c", "ông", "bà", "các", "Nguyễn", "Văn", "Minh", "Hồng", "Trần", "Thị", "Lan", "Bí thư",
           "Phó Chủ tịch", "Chủ tịch", "UBND", "HĐND", "tỉnh", "huyện", "Hà Nội", "Huyện ủy", "Thành ủy viên",
           "Ủy viên", "Ban", "Chấp hành", "khóa", "XXIV", "nhiệm kỳ", "2020", "-", "–", ",", ";", ":", "(", ")", ".",
           "\n", "Hội nghị", "lần thứ", "Mười", "Kỳ họp", "thứ", "5", "tổ chức", "chủ trì", "dự", "giữ chức",
           "đối với", "Sáng", "ngày", "21/6/2022", "nhằm", "tại", "Nghị quyết", "số", "15/NQ-HĐND", "CHỦ TỊCH"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_nothing_raises_and_spans_hold(pieces: list[str]) -> None:
    """Any mix of the words the rules look for parses without raising, and every span indexes the text."""
    report = govreport.parse(" ".join(pieces))
    spans = [s for o in report.officials for s in o.mentions]
    spans += [m.span for m in report.meetings] + [r.span for r in report.references]
    for span in spans:
        assert report.text[span.start:span.end] == span.text


def test_generated_gazetteer_is_up_to_date() -> None:
    """data/places_generated.tsv is what the generator writes from the installed vietnamadminunits."""
    pytest.importorskip("vietnamadminunits")
    from govreport.data import generate_places

    assert generate_places.OUTPUT.read_text("utf-8") == generate_places.generate(), \
        "regenerate: python -m govreport.data.generate_places"


@pytest.mark.parametrize(("text", "place"), [
    ("Chủ tịch UBND thành phố Phan Rang - Tháp Chàm", "Phan Rang - Tháp Chàm"),
    ("Chủ tịch UBND huyện Trần Văn Thời", "Trần Văn Thời"),
    ("Chủ tịch UBND huyện Tiên Yên", "Tiên Yên"),
    ("Chủ tịch UBND phường Lê Hồng Phong", "Lê Hồng Phong"),
])
def test_place_read_whole_from_the_gazetteer(text: str, place: str) -> None:
    """A title's organization ends with the whole place name, old district names included."""
    title = parse_title(text)
    assert title is not None and title.organization is not None and title.organization.endswith(place)
