"""The data files: they load, reject broken entries clearly, and every surface is exercised by a fixture."""

from __future__ import annotations

import functools
import re
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from govreport import lexicon
from govreport.errors import LexiconError

# Files whose words are context for other rules rather than things a fixture can show on their own.
# counted_nouns and boundary_verbs are generated from the corpus; not_counted is the generator's input.
NOT_COVERED = {"metrics", "metric_bounds", "counted_nouns", "boundary_verbs", "not_counted"}
# A surface must stand as a word: no letter right before or after it ("ông" is not in "không"),
# while digits may touch it ("10k", "$10").
_LETTER = r"[^\W\d_]"


@functools.cache
def _fixture_text() -> str:
    """Every text the fixtures hold: table cases and whole documents, lower-cased."""
    parts = []
    for path in FIXTURES.rglob("*"):
        if path.suffix == ".txt":
            parts.append(path.read_text("utf-8"))
        elif path.suffix == ".yaml":
            for case in (yaml.safe_load(path.read_text("utf-8")) or {}).get("cases", []):
                parts.append(str(case.get("text", "")))
    return "\n".join(parts).lower()


@pytest.mark.parametrize("name", sorted(lexicon.SCHEMAS))
def test_data_file_loads(name: str) -> None:
    assert lexicon.load(name)


@pytest.mark.parametrize("name", sorted(set(lexicon.SCHEMAS) - NOT_COVERED))
def test_every_surface_appears_in_a_fixture(name: str) -> None:
    text = _fixture_text()
    missing = [s for e in lexicon.load(name) for s in e.surfaces
               if not re.search(rf"(?<!{_LETTER}){re.escape(s.lower())}(?!{_LETTER})", text)]
    assert not missing, f"data/{name}.yaml surfaces with no fixture: {missing}"


@pytest.fixture
def scales_file(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """Serve a data file of our own in place of the packaged data/scales.yaml."""

    def serve(content: str) -> None:
        class FakeFiles:
            def joinpath(self, name: str):
                path = tmp_path / name
                path.write_text(content, "utf-8")
                return path

        monkeypatch.setattr(resources, "files", lambda package: FakeFiles())
        lexicon.load.cache_clear()

    yield serve
    lexicon.load.cache_clear()


def test_broken_file_is_named_with_its_entry(scales_file) -> None:
    scales_file("entries:\n  - {id: a, factor: '10', surfaces: [x]}\n  - {id: b, factor: '10', surfaces: [x]}\n")
    with pytest.raises(LexiconError, match=r"data/scales.yaml: surface 'x' of 'b' is already a surface of 'a'"):
        lexicon.load("scales")


def test_unknown_field_is_rejected(scales_file) -> None:
    scales_file("entries:\n  - {id: a, surfaces: [x], factr: '10'}\n")
    with pytest.raises(LexiconError, match=r"data/scales.yaml: entry 0 \('a'\) is invalid"):
        lexicon.load("scales")


def test_alternation_prefers_the_longest_surface() -> None:
    pattern = re.compile(lexicon.alternation(["nghìn", "nghìn tỷ", "ngàn"]))
    assert pattern.match("nghìn tỷ đồng").group() == "nghìn tỷ"
    assert pattern.match("nghìn đồng").group() == "nghìn"


_LETTERS = "kK\N{KELVIN SIGN}sSſiIİıđĐôÔủỦbà"  # with the Kelvin sign, long s and dotted/dotless i that IGNORECASE folds
_WORDS = st.text(_LETTERS + " ", min_size=1, max_size=5).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6), st.text(_LETTERS + " .,\n1_", max_size=40))
def test_word_re_finds_what_the_plain_whole_word_pattern_finds(words: list[str], text: str) -> None:
    """``word_re`` reorders the pattern for speed; its matches are those of the obvious one."""
    plain = re.compile(r"(?<!\w)(?:" + lexicon.alternation(words) + r")(?!\w)", re.IGNORECASE)
    fast = lexicon.word_re(words)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for a in range(len(text)):
        assert bool(fast.search(text, a, len(text) - a // 2)) == bool(plain.search(text, a, len(text) - a // 2))


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6), st.text(_LETTERS + " .,\n1_", max_size=40))
def test_any_case_alternation_matches_what_ignorecase_matches(words: list[str], text: str) -> None:
    """``any_case_alternation`` spells every case out for speed; its matches are those of ``(?i:alternation)``."""
    plain = re.compile(f"(?i:{lexicon.alternation(words)})")
    fast = re.compile(lexicon.any_case_alternation(words))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for a in range(len(text)):
        fast_match, plain_match = fast.match(text, a), plain.match(text, a)
        assert (fast_match and fast_match.span()) == (plain_match and plain_match.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6), st.text(_LETTERS + " .,\n1_", max_size=40), st.booleans(),
       st.booleans())
def test_scan_alternation_matches_what_the_plain_pattern_matches(words: list[str], text: str, word_start: bool,
                                                                 ignorecase: bool) -> None:
    """``scan_alternation`` opens with a class for speed; in a pattern of either case its matches are the plain ones."""
    flags = re.IGNORECASE if ignorecase else 0
    plain = re.compile((r"(?<!\w)" if word_start else "") + f"(?i:{lexicon.alternation(words)})b?", flags)
    fast = re.compile(lexicon.scan_alternation(words, word_start) + "b?", flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
