"""The token layer: tokens index the text, and the tuned token pattern splits as the plain one does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.tokens import LOWER, UPPER, Phrases, tokenize

# The token pattern as first written: one case per line, no reordering, no possessive quantifiers.
_PLAIN_RE = re.compile(
    rf"""(\s*)(
    [đĐ]/[cC](?![^\W_])
  | [{UPPER}]{{1,8}}(?:[.&\-][{UPPER}]{{1,8}})+(?![^\W_])
  | (?:TP|Tp|TX|Tx)\.(?=[ ]?[{UPPER}])
  | [{UPPER}][{LOWER}]{{1,7}}(?=[{UPPER}][{LOWER}])
  | [^\W_]+
  | \S
    )""",
    re.VERBOSE,
)
_PIECES = st.sampled_from([*"aăđĐbBTPXcCÂỦ0912 .&-/\n_%", "TP.", "Tx.", "đ/c", "Văn", "HCM", "km2", "IX12", "ương23"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_tokens_are_the_plain_pattern_s_and_index_the_text(text: str) -> None:
    toks = tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.text and t.low == t.text.lower() and not t.glue.strip()
    plain = [word for _, word in _PLAIN_RE.findall(text)]
    # the only split the plain pattern does not make: a list item's number glued to the word before it
    assert "".join(t.text for t in toks) == "".join(plain)
    if not re.search(r"[^\W\d_]\d", text):
        assert [t.text for t in toks] == plain


@pytest.mark.parametrize(("text", "expected"), [
    ("UBND tỉnh TP.HCM", ["UBND", "tỉnh", "TP.HCM"]),
    ("Sở TN&MT, đ/c Lê", ["Sở", "TN&MT", ",", "đ/c", "Lê"]),
    ("TX.Phú Mỹ", ["TX.", "Phú", "Mỹ"]),
    ("Trần VănHùng", ["Trần", "Văn", "Hùng"]),
    ("đạt 18.058 tỷ", ["đạt", "18", ".", "058", "tỷ"]),
    ("ABCDEFGHIJ.K", ["ABCDEFGHIJ", ".", "K"]),
])
def test_tokens_of_abbreviations_places_and_glued_names(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_phrase_starts_are_the_tokens_a_phrase_may_start_at() -> None:
    phrases = Phrases([("chủ tịch", 1), ("ông", 2)])
    toks = tokenize("Ông Lê, Chủ tịch UBND, và ông Trần")
    assert phrases.starts(toks) == [i for i, t in enumerate(toks) if phrases.match(toks, i) is not None] == [0, 3, 8]
