"""The number and unit core, table-driven from fixtures/numbers and fixtures/negative."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_cases
from govreport.numbers import find_quantities, parse_number, parse_ordinal

QUANTITY_TABLES = [p for p in ("numbers/*.yaml",)]
FIELDS = ("value", "low", "high", "total", "unit", "noun", "bound", "estimated")
DECIMAL_FIELDS = {"value", "low", "high", "total"}


def _expected(case: dict) -> dict:
    expected = {key: None for key in FIELDS} | {"estimated": False}
    for key, value in case["expected"].items():
        expected[key] = Decimal(str(value)) if key in DECIMAL_FIELDS and value is not None else value
    return expected


POSITIVE = [
    c for c in load_cases("numbers/*.yaml")
    if not c.id.startswith(("parse_number:", "parse_ordinal:"))
]


@pytest.mark.parametrize("case", POSITIVE)
def test_quantity_table(case: dict) -> None:
    """Each case yields exactly one quantity, covering the whole text, with every field as written."""
    found = find_quantities(case["text"])
    assert len(found) == 1, [q.raw for q in found]
    q = found[0]
    assert (q.extent.start, q.extent.end) == (0, len(case["text"])), q.extent.text
    got = {key: getattr(q, key) for key in FIELDS}
    assert got == _expected(case)


@pytest.mark.parametrize("case", load_cases("negative/*.yaml"))
def test_negative_table(case: dict) -> None:
    assert find_quantities(case["text"]) == []


@pytest.mark.parametrize("case", load_cases("numbers/parse_number.yaml"))
def test_parse_number_table(case: dict) -> None:
    expected = case["expected"]
    assert parse_number(case["text"]) == (None if expected is None else Decimal(str(expected)))


@pytest.mark.parametrize("case", load_cases("numbers/parse_ordinal.yaml"))
def test_parse_ordinal_table(case: dict) -> None:
    expected = case["expected"]
    assert parse_ordinal(case["text"]) == (None if expected is None else int(expected))


def test_contract_examples() -> None:
    assert parse_number("18.058") == Decimal("18058")
    assert parse_number("57,3") == Decimal("57.3")
    assert parse_number("hai mươi mốt") == 21
    assert parse_number("một trăm linh năm") == 105
    assert parse_ordinal("lần thứ Mười") == 10
    assert parse_ordinal("khóa XXIV") == 24
    assert parse_ordinal("Kỳ họp thứ 5") == 5
    (q,) = find_quantities("ước đạt trên 18.058 tỷ đồng")
    assert (q.value, q.unit, q.bound, q.estimated, q.raw) == (Decimal("18058000000000"), "VND", "over", True,
                                                              "18.058 tỷ đồng")


def test_english_convention_leaves_a_note() -> None:
    (q,) = find_quantities("1,234.5 tấn")
    assert q.value == Decimal("1234.5") and q.note and "English convention" in q.note
    (q,) = find_quantities("1.234,5 tấn")
    assert q.value == Decimal("1234.5") and q.note is None
    (q,) = find_quantities("12,500,000 USD")
    assert q.value == Decimal("12500000") and q.note and "English convention" in q.note


def test_seed_quantities(seed_text: str) -> None:
    """Issue 2's acceptance list on the seed document."""
    found = find_quantities(seed_text)
    by_raw = {q.raw: q for q in found}
    assert [q.raw for q in found] == ["18.058 tỷ đồng", "57,3%", "15,1%", "615,3 tỷ đồng", "63%", "52%", "109%"]
    big = by_raw["18.058 tỷ đồng"]
    assert (big.value, big.unit, big.bound, big.estimated) == (Decimal("18058000000000"), "VND", "over", True)
    assert by_raw["615,3 tỷ đồng"].value == Decimal("615300000000")


def _vietnamese(value: Decimal) -> str:
    """Write a Decimal the Vietnamese way: dots group thousands, a comma before the decimals."""
    sign, digits, exponent = value.as_tuple()
    text = f"{value:f}"
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + frac if frac else "")


@settings(max_examples=300)
@given(st.decimals(min_value=0, max_value=Decimal("999999999999"), places=3, allow_nan=False))
def test_vietnamese_decimal_round_trips(value: Decimal) -> None:
    written = _vietnamese(value)
    assert parse_number(written) == value
    (q,) = find_quantities(f"đạt {written} tấn")
    assert q.value == value and q.unit == "t"


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,/-–% tỷđồngtriệuhaxãngườimươitrămrưỡiphẩyước")), max_size=60)
       | st.text(max_size=80))
def test_find_quantities_never_raises_and_spans_index(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.span.start:q.span.end] == q.span.text == q.raw
        assert text[q.extent.start:q.extent.end] == q.extent.text
        assert q.extent.start <= q.span.start <= q.span.end <= q.extent.end


@given(st.text(max_size=40))
def test_parsers_never_raise(text: str) -> None:
    parse_number(text)
    parse_ordinal(text)


def test_corpus_spans_and_no_errors(corpus_docs) -> None:
    total = 0
    for path in corpus_docs:
        text = path.read_text("utf-8")
        for q in find_quantities(text):
            assert text[q.span.start:q.span.end] == q.raw
            total += 1
    assert total > 1000


def _vocabulary_pieces() -> list[str]:
    """Surfaces the digit pattern reads after a number, in their case and in upper case, and separators."""
    from govreport import numbers

    vocab = numbers._vocab()
    words = [*vocab.scale_by_surface, *vocab.short_scales, *vocab.unit_by_surface, *vocab.noun_by_surface]
    return sorted({*words, *(w.upper() for w in words), "-", "–", "/", "đến", "tới", "và", "giữa", ",", ".", "x"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_vocabulary_pieces()), st.sampled_from(["1", "5", "20", "1.500", "2,5"]),
                          st.sampled_from([" ", "  ", "\n"])), max_size=14))
def test_digit_pattern_gate_changes_no_match(pieces: list[str]) -> None:
    """The class checked after the digits only fails earlier what would fail anyway: without it, the same matches."""
    import re

    from govreport import numbers

    text = "".join(pieces)
    gate = r"(?=\s{0,2}" + numbers._next_after_digits() + ")"
    for ranges in (True, False):
        fast = numbers._quantity_re(ranges)
        assert gate in fast.pattern
        slow = re.compile(fast.pattern.replace(gate, ""), re.VERBOSE)
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in slow.finditer(text)]
