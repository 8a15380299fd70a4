"""The single normalization stage: raw text -> ``report.text``.

Steps, in order (each covered by tests/test_normalize.py):

1. Unicode NFC, so "ệ" is one code point however it was typed.
2. Unusual spaces (no-break, narrow, figure, ideographic, zero-width, BOM) become a plain space;
   other control characters except tab and newline become a plain space; "\\r\\n" becomes " \\n"
   and a lone "\\r" becomes "\\n".
3. "Ð"/"ð" (U+00D0/U+00F0, Icelandic eth, a common typing slip) become "Đ"/"đ" where they touch letters.
4. One tone-mark placement: the old style used by government documents ("hòa", "khỏe", "thủy", "ủy"),
   so "hoà", "khoẻ", "thuỷ", "uỷ" are written the same way. Only open syllables ending in oa, oe, uy
   differ between the styles; "quý", "hoàn", "khuyến" are left alone.

Steps 2-4 replace one code point by one code point, so for NFC input the output has the
same length as the input and spans index the caller's string too. The stage is idempotent: step 4
leaves a pair alone when a combining mark follows it (moving the tone would let that mark compose
on a second pass), and no step creates a new match for an earlier one.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

_SPACE_LIKE = (
    "\N{NO-BREAK SPACE}\N{OGHAM SPACE MARK}\N{MONGOLIAN VOWEL SEPARATOR}"
    "\N{EN QUAD}\N{EM QUAD}\N{EN SPACE}\N{EM SPACE}\N{THREE-PER-EM SPACE}\N{FOUR-PER-EM SPACE}"
    "\N{SIX-PER-EM SPACE}\N{FIGURE SPACE}\N{PUNCTUATION SPACE}\N{THIN SPACE}\N{HAIR SPACE}"
    "\N{ZERO WIDTH SPACE}\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}\N{LINE SEPARATOR}"
    "\N{PARAGRAPH SEPARATOR}\N{NARROW NO-BREAK SPACE}\N{MEDIUM MATHEMATICAL SPACE}"
    "\N{WORD JOINER}\N{IDEOGRAPHIC SPACE}\N{ZERO WIDTH NO-BREAK SPACE}"
)
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_ODD_CHAR_RE = re.compile("[" + re.escape(_SPACE_LIKE + _CONTROLS) + "]")

_CRLF_RE = re.compile(r"\r(?=\n)")
_ETH_RE = re.compile(r"[\N{LATIN CAPITAL LETTER ETH}\N{LATIN SMALL LETTER ETH}](?=\w)"
                     r"|(?<=\w)[\N{LATIN SMALL LETTER ETH}]")
_ETH_MAP = {"\N{LATIN CAPITAL LETTER ETH}": "Đ", "\N{LATIN SMALL LETTER ETH}": "đ"}

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# An open syllable ending in oa/oe/uy whose tone sits on the second vowel: "hoà", "khoẻ", "thuỷ", "uỷ".
# Not after "q" ("quý" keeps its mark on y) and not followed by another letter ("hoàn", "khuyến") or a
# combining mark (moving the tone off "à" in "hoà" + U+0301 would let a second NFC compose "á").
# The pattern starts on the vowel pair itself, so the scan skips everything else at C speed.
# (Written as one character class first, so that the scan skips to an o or a u at C speed: an alternation
# of two classes would be tried at every position.)
_NEW_STYLE_RE = re.compile(
    r"(?P<pair>[oOuU](?:(?<=[oO])[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ]))(?<![qQ]..)(?![\w\u0300-\u036f])"
)


def _move_tone(match: re.Match[str]) -> str:
    """Move the tone of one matched pair onto its first vowel, unless a combining mark follows.

    A combining mark after the pair ("hoà" + U+0301, which NFC cannot compose) would attach to the
    bare vowel once the tone moved and compose with it on the next pass: the pair is left as typed,
    which keeps the stage idempotent (see the "stacked-mark" regression in tests/test_normalize.py).
    """
    pair = match.group("pair")
    after = match.string[match.end():match.end() + 1]
    if after and (unicodedata.combining(after) or unicodedata.category(after).startswith("M")):
        return pair
    first, second = pair[0], unicodedata.normalize("NFD", pair[1])
    tone = next((c for c in second if c in _TONES), "")
    bare_second = unicodedata.normalize("NFC", second.replace(tone, ""))
    return unicodedata.normalize("NFC", first + tone) + bare_second


def normalize_text(text: str) -> str:
    """Return ``text`` in the one form every span indexes.

    >>> normalize_text("Hoà bình, khoẻ mạnh, Thành uỷ,\\u00a0quý I")
    'Hòa bình, khỏe mạnh, Thành ủy, quý I'
    >>> s = "Ðảng bộ"; len(normalize_text(s)) == len(s)
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = _CRLF_RE.sub(" ", text).replace("\r", "\n")
    text = _ODD_CHAR_RE.sub(" ", text)
    if "\N{LATIN CAPITAL LETTER ETH}" in text or "\N{LATIN SMALL LETTER ETH}" in text:  # rare: skip the scan
        text = _ETH_RE.sub(lambda m: _ETH_MAP[m.group(0)], text)
    return _NEW_STYLE_RE.sub(_move_tone, text)
