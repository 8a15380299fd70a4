"""The token layer: words and punctuation marks of ``report.text`` with their offsets.

Every rule that reads phrases (titles, organizations, people, meetings) reads the same tokens, and the
pipeline computes them once per sentence (:class:`SentenceTokens`) and hands them over. Tokens never
change the text: ``text[token.start:token.end] == token.text``. Matching is on ``token.low``, the
lower-cased word, through :class:`Phrases`, a multi-word lexicon looked up token by token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import compress, count
from operator import itemgetter
from typing import Generic, NamedTuple, TypeVar

__all__ = ["LOWER", "UPPER", "Phrases", "SentenceTokens", "Token", "is_cap", "is_lower", "tight", "tokenize"]

# Every upper-case Latin letter with its Vietnamese diacritics, for character classes.
UPPER = "".join(sorted(
    c for c in map(chr, range(0x41, 0x1EFA))
    if c.isalpha() and c.isupper() and unicodedata.name(c, "").startswith("LATIN")
))
LOWER = "".join(sorted(
    c for c in map(chr, range(0x61, 0x1EFA))
    if c.isalpha() and c.islower() and unicodedata.name(c, "").startswith("LATIN")
))
_TOKEN_RE = re.compile(
    rf"""
    [0-9{LOWER.replace("đ", "")}][^\W_]*  # a word that starts no other case below: most words, tried first
  | [đĐ]/[cC](?![^\W_])                                  # đ/c, Đ/c
  | [{UPPER}]{{1,8}}+(?:[.&\-][{UPPER}]{{1,8}})+(?![^\W_])  # TP.HCM, TN&MT, GD-ĐT, LĐ-TB&XH
  | (?:TP|Tp|TX|Tx)\.(?=[ ]?[{UPPER}])                   # TP. Sóc Trăng, TX.Phú Mỹ
  | [{UPPER}][{LOWER}]{{1,7}}+(?=[{UPPER}][{LOWER}])      # Văn in "VănHùng": a missing space
  | [^\W_]+                                              # a word or a number
  | \S                                                   # a punctuation mark
    """,
    re.VERBOSE,
)
# A word glued to the number of the next list item, whose line break was lost: "Du lịch2. Lê Hồng Anh", "khóa
# IX12. Lê …", "Trung ương23 Ngô …" (not "km2", "m3"). Split after the scan: such words are rare, and an
# alternative in the token pattern would be tried at every word.
_GLUED_ITEM_RE = re.compile(rf"([IVX]+|(?![kcdm]m\d)[{UPPER}{LOWER}][{LOWER}]+)(\d{{1,3}})")
_ITEM_AFTER_RE = re.compile(rf"[.)]?[ ][{UPPER}]")
# The same tokens, each with the white space before it: ``findall`` gives (glue, token) pairs and builds no
# match objects. Only white space lies between two tokens, since "\S" takes any other character; the run
# is unbounded on purpose, as a bound would cut a long gap (blank lines) into glue and a dropped remainder.
_GLUED_TOKEN_RE = re.compile(r"(\s*)(" + _TOKEN_RE.pattern + ")", re.VERBOSE)


class Token(NamedTuple):
    """One word or punctuation mark of ``report.text``; ``glue``: the text since the previous token."""

    start: int
    end: int
    text: str
    low: str
    glue: str


_LOW = itemgetter(Token._fields.index("low"))  # Token.low, read faster than through the attribute


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("Đ/c Lê Văn An- Giám đốc Sở TN&MT, TP. Huế")]
    ['Đ/c', 'Lê', 'Văn', 'An', '-', 'Giám', 'đốc', 'Sở', 'TN&MT', ',', 'TP.', 'Huế']
    >>> [t.text for t in tokenize("Trần VănHùng, PTTgCP, TX.Phú Mỹ")]
    ['Trần', 'Văn', 'Hùng', ',', 'PTTgCP', ',', 'TX.', 'Phú', 'Mỹ']
    >>> [t.text for t in tokenize("Bộ Công an4. Lê Bân, Trung ương23 Ngô Dụ, 50 km2. Ông")]
    ['Bộ', 'Công', 'an', '4', '.', 'Lê', 'Bân', ',', 'Trung', 'ương', '23', 'Ngô', 'Dụ', ',', '50', 'km2', '.', 'Ông']
    >>> [t.text for t in tokenize("khóa IX12. Lê Bân")]
    ['khóa', 'IX', '12', '.', 'Lê', 'Bân']
    """
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) through its generated __new__ costs a third of the tokenizer
    at = start
    stop = len(text) if end is None else end
    for glue, word in _GLUED_TOKEN_RE.findall(text, start, stop):
        at += len(glue)
        end = at + len(word)
        if word[-1].isdigit() and not word[0].isdigit() and (glued := _GLUED_ITEM_RE.fullmatch(word)) \
                and _item_follows(text, end, stop):
            head = glued.group(1)
            append(new(Token, (at, at + len(head), head, head.lower(), glue)))
            glue, word, at = "", glued.group(2), at + len(head)
        append(new(Token, (at, end, word, word.lower(), glue)))
        at = end
    return tokens


def _item_follows(text: str, at: int, stop: int) -> bool:
    """Whether the next list item starts at ``at``: ". Lê …", " Ngô …", or "." ending the range read."""
    return _ITEM_AFTER_RE.match(text, at, stop) is not None or (at + 1 == stop and text[at] in ".)")


class SentenceTokens:
    """The tokens of each sentence of one document, computed once, on first use, and shared by the rules.

    Rules read only the sentences their cheap test lets through, so a sentence no rule reads is never
    tokenized; one that two rules read is tokenized once. One object per ``parse`` call: nothing global.

    >>> t = "Hội nghị lần thứ 5. Ông Lê Văn An dự."
    >>> tokens = SentenceTokens(t, [(0, 19), (20, 37)])
    >>> [x.text for x in tokens[1]][:2], tokens[1] is tokens[1]
    (['Ông', 'Lê'], True)
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        """Remember the text and its sentence spans; nothing is tokenized yet."""
        self.text = text
        self.sentences = sentences
        self._cache: dict[int, list[Token]] = {}

    def __getitem__(self, index: int) -> list[Token]:
        """The tokens of sentence ``index``."""
        toks = self._cache.get(index)
        if toks is None:
            a, b = self.sentences[index]
            toks = self._cache[index] = tokenize(self.text, a, b)
        return toks

    def __len__(self) -> int:
        """The number of sentences."""
        return len(self.sentences)


_TIGHT_GLUE = frozenset({" ", "  ", "   "})  # one to three plain spaces


def tight(token: Token) -> bool:
    """Whether a token follows the previous one after a plain space (same line, same phrase)."""
    return token.glue in _TIGHT_GLUE


def is_cap(token: Token) -> bool:
    """A capitalized syllable: "Thạch", "Y" (not "UBND", not "thạch")."""
    w = token.text
    return w[0].isupper() and w.isalpha() and (len(w) == 1 or w[1:].islower())


def is_lower(token: Token) -> bool:
    """A lower-case word: "chính" (not "Chính", not "5")."""
    return token.text.isalpha() and token.text.islower()


V = TypeVar("V")


class Phrases(Generic[V]):
    """A multi-word lexicon looked up on tokens: lower-cased, words joined by plain spaces, longest first.

    ``joiners``: tokens that may stand in a phrase with no space around them ("-" in "Phan Rang-Tháp
    Chàm", indexed as "Phan Rang - Tháp Chàm").
    """

    def __init__(self, items: Iterable[tuple[str, V]], joiners: frozenset[str] = frozenset()) -> None:
        """Index ``(surface, value)`` pairs; the first value of a surface wins."""
        self.joiners = joiners
        self.table: dict[tuple[str, ...], V] = {}
        for surface, value in items:
            self.table.setdefault(tuple(surface.lower().split()), value)
        # Phrase sizes by first word, longest first: most tokens start no phrase and cost one lookup.
        self.sizes: dict[str, list[int]] = {}
        for key in self.table:
            self.sizes.setdefault(key[0], []).append(len(key))
        for sizes in self.sizes.values():
            sizes.sort(reverse=True)
        self.longest = max((len(k) for k in self.table), default=0)
        # Every beginning of a phrase: ``match`` walks word by word and stops where no phrase goes on.
        self.prefixes = frozenset(key[:size] for key in self.table for size in range(1, len(key) + 1))

    def longest_size(self) -> int:
        """The number of words of the longest phrase."""
        return self.longest

    def starts(self, toks: list[Token]) -> list[int]:
        """The tokens a phrase may start at, in order: ``match`` is None at every other token."""
        return list(compress(count(), map(self.sizes.__contains__, map(_LOW, toks))))  # a loop in C

    def _joined(self, toks: list[Token], i: int, end: int) -> bool:
        """Whether tokens ``(i, end)`` follow each other as one phrase: plain spaces, or a joiner glued."""
        joiners = self.joiners
        for k in range(i + 1, end):
            glue = toks[k].glue
            if glue in _TIGHT_GLUE:
                continue
            if glue == "" and joiners and (toks[k].text in joiners or toks[k - 1].text in joiners):
                continue
            return False
        return True

    def match(self, toks: list[Token], i: int) -> tuple[V, int] | None:
        """The value of the longest phrase starting at token ``i``, and the index after it.

        A walk along the words while they still begin some phrase: one or two lookups for most tokens.
        """
        n = len(toks)
        if i >= n or toks[i].low not in self.sizes:
            return None
        table, prefixes = self.table, self.prefixes
        key: tuple[str, ...] = (toks[i].low,)
        found = (table[key], i + 1) if key in table else None
        end = i + 1
        while end < n:
            key = (*key, toks[end].low)
            if key not in prefixes:
                break
            end += 1
            if key in table and self._joined(toks, i, end):
                found = (table[key], end)
        return found
