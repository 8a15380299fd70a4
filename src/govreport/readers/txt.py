"""Plain text: find the encoding, decode, and say in ``warnings`` what was applied.

Order of evidence, strongest first:

1. a byte-order mark: UTF-8, UTF-16 or UTF-32;
2. valid UTF-8 (the common case; checked further for legacy-font text that was saved as UTF-8);
3. NUL bytes in a regular pattern: UTF-16 without a BOM;
4. otherwise one byte per character, and every candidate is decoded and scored: Windows-1258, and the
   legacy font encodings TCVN3 and VNI (converted with viparse, see :mod:`govreport.readers.legacy`).

Scoring (:func:`vietnamese_score`) counts the words that are well-formed Vietnamese syllables against those
that cannot be: a letter outside the Vietnamese alphabet ("ß", "µ", "ø") or two tone marks in one syllable.
A wrong decoding of Vietnamese always produces many of the latter; the right one almost none.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

from ..errors import DecodeError, MissingDependencyError
from .legacy import LEGACY_ENCODINGS, convert_legacy, legacy_available

__all__ = ["decode_text", "repair_legacy", "vietnamese_score"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_VOWELS = "aăâeêioôơuưy"


def _alphabet() -> frozenset[str]:
    letters = set("abcdefghijklmnopqrstuvwxyzđ" + _VOWELS)
    for vowel in _VOWELS:
        for tone in _TONES:
            letters.add(unicodedata.normalize("NFC", vowel + tone))
    return frozenset(letters | {c.upper() for c in letters})


#: Every letter of Vietnamese (with f, j, w, z for loan words), lower and upper case, NFC.
VIETNAMESE_LETTERS = _alphabet()
# Letters that only Vietnamese text has: evidence that a decoded text is already right.
_VIETNAMESE_ONLY = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) > 0xFF)
# Latin-1 characters that are not Vietnamese letters ("µ", "ß", "ø"): what legacy-font text is full of.
_ODD_LATIN1_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0xA1, 0x100)
                                          if chr(c) not in VIETNAMESE_LETTERS) + "]")
_VIETNAMESE_ONLY_RE = re.compile("[" + "".join(sorted(_VIETNAMESE_ONLY)) + "]")
_WORD_RE = re.compile(r"[^\W\d_]{1,40}")  # a run of letters ("Việt"); long runs are cut, never skipped
_TONE_SET = frozenset(_TONES)
_UTF8_SEQUENCE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE_RE = re.compile(rb"[\x80-\xff]")
_TAG_RE = re.compile(r"<[^<>]{0,2000}>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls other than tab, newlines, form feed


def vietnamese_score(text: str) -> tuple[int, int]:
    """Count (well-formed, malformed) non-ASCII words: how Vietnamese a decoding looks.

    >>> vietnamese_score("Cộng hòa xã hội chủ nghĩa Việt Nam")
    (7, 0)
    >>> vietnamese_score("Céng hßa x· héi chñ nghÜa ViÖt Nam")  # TCVN3 bytes read as Windows-1258
    (2, 4)
    """
    good = bad = 0
    for word in _WORD_RE.findall(text):
        if word.isascii():
            continue
        if any(c not in VIETNAMESE_LETTERS for c in word):
            bad += 1
        elif sum(c in _TONE_SET for c in unicodedata.normalize("NFD", word)) > 1:
            bad += 1
        else:
            good += 1
    return good, bad


def _rank(good: int, bad: int) -> int:
    return good - 3 * bad


def _legacy_candidates(latin: str) -> list[tuple[str, str, str]]:
    """(name, text, warning) for each legacy table, when the converter is installed."""
    if not legacy_available():
        return []
    return [(name, convert_legacy(latin, name),
             f"converted from the legacy {label} encoding to Unicode (viparse)")
            for name, label in LEGACY_ENCODINGS.items()]


def _looks_legacy(text: str) -> bool:
    """Cheap test: many Latin-1 symbols or letters foreign to Vietnamese and few Vietnamese-only letters."""
    sample = text[:200_000]
    odd = len(_ODD_LATIN1_RE.findall(sample))
    if odd < 5:
        return False
    return odd > len(_VIETNAMESE_ONLY_RE.findall(sample)) / 4


def repair_legacy(text: str) -> tuple[str, list[str]]:
    """Convert text that is valid Unicode but was typed in a legacy font (a .VnTime DOCX, TCVN3 saved as UTF-8).

    Text that already reads as Vietnamese comes back unchanged, quickly (one pass over at most 200,000
    characters). A conversion is applied only when it scores clearly better than the text as it is.
    """
    if not _looks_legacy(text):
        return text, []
    best_text, best_warnings = text, []
    best = _rank(*vietnamese_score(text))
    for _name, converted, warning in _legacy_candidates(text):
        rank = _rank(*vietnamese_score(converted))
        if rank > best + 2:
            best_text, best_warnings, best = converted, [warning], rank
    return best_text, best_warnings


def _check_not_binary(text: str, name: str, how: str) -> None:
    sample = text[:100_000]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise DecodeError(f"{name}: holds binary data, not text ({controls} control characters when read as "
                          f"{how}); if it is a document of another kind, give it its real extension "
                          "(.pdf, .docx, .html)")


def _utf16_without_bom(data: bytes) -> str | None:
    """The byte order when NUL bytes sit at every other position, as in UTF-16 text of Latin letters."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode_text(data: bytes, name: str = "<bytes>", *, markup: bool = False) -> tuple[str, list[str]]:
    """Decode a text file's bytes; returns the text and the warnings saying which decoding was applied.

    Args:
        data: the file's bytes.
        name: the file's name, for error messages.
        markup: HTML without a declared charset: Windows-1252 (the web's default, with Vietnamese letters as
            character references) is a candidate too, and candidates are scored on their text, not their tags.

    Raises:
        DecodeError: binary data, or bytes that no known encoding turns into Vietnamese.
        MissingDependencyError: legacy-font text, and viparse is not installed.

    >>> decode_text("Thu ngân sách".encode("cp1258"))
    ('Thu ngân sách', ['decoded from Windows-1258'])
    >>> decode_text("Hà Nội".encode("utf-16"))
    ('Hà Nội', ['decoded from UTF-16 (byte-order mark)'])
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: starts with a {label} byte-order mark but is not valid {label} "
                                  f"({exc.reason} at byte {exc.start}); re-save it as UTF-8") from exc
            text = text.lstrip("\ufeff")
            _check_not_binary(text, name, label)
            warnings = [] if label == "UTF-8" else [f"decoded from {label} (byte-order mark)"]
            text, legacy = repair_legacy(text)
            return text, warnings + legacy
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text, name, "UTF-8")
        return repair_legacy(text)
    if b"\x00" in data[:4096]:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise DecodeError(f"{name}: holds binary data, not text (NUL bytes); if it is a document of another "
                              "kind, give it its real extension (.pdf, .docx, .html)")
        try:
            text = data.decode(guess)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{name}: looks like UTF-16 without a byte-order mark but does not decode "
                              f"({exc.reason} at byte {exc.start}); re-save it as UTF-8") from exc
        _check_not_binary(text, name, guess)
        return text, [f"decoded as {guess.upper()} (no byte-order mark)"]
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if damaged <= max(16, len(lenient) // 200) and _looks_utf8(data):
        _check_not_binary(lenient, name, "UTF-8")
        return lenient, [f"{damaged} invalid UTF-8 byte sequence(s) replaced with U+FFFD (the file is damaged "
                         "or was cut mid-character)"]
    return _decode_single_byte(data, name, markup)


def _looks_utf8(data: bytes) -> bool:
    """Most non-ASCII bytes form valid UTF-8 sequences: UTF-8 with a few damaged bytes, not another encoding."""
    valid = sum(map(len, _UTF8_SEQUENCE_RE.findall(data)))
    high = len(_HIGH_BYTE_RE.findall(data))
    return high > 0 and valid >= 0.9 * high


def _decode_single_byte(data: bytes, name: str, markup: bool = False) -> tuple[str, list[str]]:
    """Windows-1258 or a legacy font encoding, whichever reads best as Vietnamese."""
    latin = data.decode("latin-1")
    _check_not_binary(latin, name, "one byte per character")
    candidates: list[tuple[str, str, str]] = []
    if markup:
        try:
            candidates.append(("cp1252", data.decode("cp1252"), "decoded from Windows-1252"))
        except UnicodeDecodeError:
            pass  # bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined there: not Windows-1252
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        pass
    else:
        candidates.append(("cp1258", cp1258, "decoded from Windows-1258"))
    candidates.extend(_legacy_candidates(latin))
    visible = (lambda t: html.unescape(_TAG_RE.sub(" ", t))) if markup else (lambda t: t)
    scores = [vietnamese_score(visible(text)) for _codec, text, _warning in candidates]
    scored = [(_rank(*score), -i, text, warning, score)
              for i, ((_codec, text, warning), score) in enumerate(zip(candidates, scores, strict=True))]
    if not scored:
        raise DecodeError(f"{name}: not UTF-8 and not Windows-1258 text; legacy TCVN3/VNI text needs "
                          "pip install 'govreport[readers]'; otherwise re-save the file as UTF-8")
    _rank_value, _order, text, warning, (good, bad) = max(scored)
    if bad > max(3, good // 4):
        if not legacy_available():
            raise MissingDependencyError(
                f"{name}: not UTF-8, and not Windows-1258 either; it may be legacy TCVN3/VNI text, which needs "
                "viparse: pip install 'govreport[readers]' (Python 3.11 or later); or re-save the file as UTF-8")
        tried = ", ".join(["Windows-1258", *(LEGACY_ENCODINGS[n] for n in LEGACY_ENCODINGS)])
        raise DecodeError(f"{name}: not UTF-8, and no known encoding reads it as Vietnamese (tried {tried}); "
                          "re-save the file as UTF-8")
    return text, [warning]
