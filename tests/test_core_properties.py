"""Properties of the number core (issue 12 §3): text built from the lexicon itself never makes it raise,
every value it returns is finite and exact, and digit strings agree with a slow reference reader.

``make fuzz`` raises both counts (GOVREPORT_FUZZ_EXAMPLES, GOVREPORT_REFERENCE_CASES).
"""

from __future__ import annotations

import os
import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport import lexicon
from govreport.models import Quantity, Span
from govreport.numbers import find_quantities, parse_number, parse_ordinal

EXAMPLES = int(os.environ.get("GOVREPORT_FUZZ_EXAMPLES", "2000"))
REFERENCE_CASES = int(os.environ.get("GOVREPORT_REFERENCE_CASES", "100000"))


def _lexicon_pieces() -> list[str]:
    """Every surface of every data file, plus digits, separators and the characters a report uses."""
    pieces = {s for name in lexicon.SCHEMAS for e in lexicon.load(name) for s in e.surfaces}
    pieces |= set("0123456789.,/-–%:;()$€£¥+−") | {" ", "  ", "\n", "\u00a0", "âm", "lẻ", "linh", "rưỡi"}
    return sorted(pieces)


PIECES = _lexicon_pieces()
glued_or_spaced = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", " ", ", "])),
                           max_size=25).map(lambda parts: "".join(p + sep for p, sep in parts))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _finite(value: Decimal | None) -> bool:
    return value is None or value.is_finite()


@FUZZ
@given(glued_or_spaced)
def test_core_never_raises_on_lexicon_text(text: str) -> None:
    for q in find_quantities(text):
        assert all(_finite(v) for v in (q.value, q.low, q.high, q.total))
        assert text[q.span.start:q.span.end] == q.span.text
        # Each model is what validating its own dump gives, with exact types.
        assert Quantity.model_validate(q.model_dump()) == q
        assert all(v is None or type(v) is Decimal for v in (q.value, q.low, q.high, q.total))
        assert type(q.span) is type(q.extent) is Span
    assert _finite(parse_number(text))
    parse_ordinal(text)
    govreport.parse(text)


def _reference(digits: str, groups: list[str], decimals: str) -> Decimal:
    """The Vietnamese convention, the slow way: "." groups thousands, "," marks the decimals."""
    whole = int(digits + "".join(groups))
    return Decimal(f"{whole}.{decimals}") if decimals else Decimal(whole)


def test_digit_strings_agree_with_the_reference() -> None:
    rng = random.Random(20261205)
    for _ in range(REFERENCE_CASES):
        lead = str(rng.randint(1, 999))
        groups = [f"{rng.randint(0, 999):03d}" for _ in range(rng.randint(0, 4))]
        decimals = "".join(rng.choice("0123456789") for _ in range(rng.choice([0, 0, 1, 2, 3])))
        text = ".".join([lead, *groups]) + (f",{decimals}" if decimals else "")
        got = parse_number(text)
        assert got == _reference(lead, groups, decimals), text


@FUZZ
@given(glued_or_spaced)
def test_anchor_tail_scan_finds_what_the_anchor_pattern_finds(text: str) -> None:
    """The word-tail shortcut for spelled-number anchors (a speed measure) finds exactly the anchor matches."""
    from govreport.numbers import _anchors, _spelled_anchor_re

    assert [m.span() for m in _anchors(text)] == [m.span() for m in _spelled_anchor_re().finditer(text)]
