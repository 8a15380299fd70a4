"""Generate data/counted_nouns.yaml and data/boundary_verbs.yaml from the corpus, offline.

Counted nouns are an open class ("9 sở, ngành", "140 thửa ruộng", "57 tàu cá"): no hand list names them
all. underthesea's ``pos_tag`` knows they are nouns, but costs about 200x a ``parse``, so it runs here,
once, over the corpus documents that are not held out, and the runtime reads the lexicon it leaves:
- a counted noun is a lower-case noun (tag N or Nc, with the noun after a classifier) written right
  after a whole number at least ``MIN_COUNT`` times, or counted in at least ``MIN_DOCS`` documents: a
  noun the tagger saw after a number once ("140 thửa ruộng") is kept when another document counts it
  too, with a number or a plural word ("các thửa ruộng", data/grammar_words.yaml kind plural). A
  one-syllable noun needs the tagger in both documents: a plural word before the first syllable of a
  longer word ("các doanh nghiệp") is no evidence for the syllable. The list is ordered by documents,
  so that one document repeating a noun ("35 quốc tịch") does not head it;
  words the tagger takes for nouns but that count nothing ("tuổi", "lần") are listed by hand in
  data/not_counted.yaml;
- a boundary verb is a verb (tag V) written right before a number, seen at least ``MIN_COUNT`` times: it is the relation
  between a metric and its amount ("kiểm tra 9 sở"), not part of the metric.
Words the other data files already read (units, scales, nouns, time and context words) are left out.

Usage: python scripts/generate_counted_nouns.py [--docs DIR] [--limit N] [--check]
(``--check`` compares with the committed files instead of writing them; tests use :func:`collect`.)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "govreport" / "data"
DEFAULT_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
MIN_COUNT = 2
MIN_DOCS = 2
# Documents kept out of every rule (see the project's held-out list): never read here.
HELD_OUT = frozenset("""
binhdinh-002 luongminh-008 luongminh-013 tnt-010 tnt-023 tnt-032 unc-006 unc-007 vntc-042 vntc-044 vntc-045
vntc-046 vntc-050 vntc-063 vntc-068 vntc-076 baomoi-038 baomoi-047 binhdinh-005 tnt-037 vntc-030 vntc-067 baomoi-030
baomoi-044 vntc-007 vntc-041 baomoi-023 vntc-011 vntc-034 portal-003 portal-007 portal-011 portal-019 portal-027
portal-032 portal-044 portal-049 portal-052 portal-058 baomoi-039 unc-010 vntc-053
""".split())
_NUMBER_RE = re.compile(r"\d{1,3}(?:\.\d{3}){0,4}|\d{1,9}")
_WORD_RE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,3}")
# Only sentences where a whole number stands before a lower-case word are tagged: the rest cannot add.
_CANDIDATE_RE = re.compile(r"(?<![\w.,/])\d{1,9}(?:\.\d{3}){0,4}\s[a-zà-ỹđ]")


@dataclass
class Counts:
    """How often each noun follows a number and each verb precedes one, and in how many documents."""

    nouns: Counter[str] = field(default_factory=Counter)
    verbs: Counter[str] = field(default_factory=Counter)
    noun_docs: dict[str, set[str]] = field(default_factory=dict)
    verb_docs: dict[str, set[str]] = field(default_factory=dict)


def _known_words() -> frozenset[str]:
    """Surfaces other data files already handle: never repeated here."""
    from govreport import lexicon

    names = ("units", "scales", "nouns", "time_words", "per", "qualifiers", "number_words")
    words = {s.lower() for name in names for s in lexicon.surfaces(name)}
    words |= {s.lower() for e in lexicon.load("not_counted") for s in e.surfaces}
    words |= {s.lower() for e in lexicon.load("contexts") if e.id != "address" for s in e.surfaces}  # "5 năm"
    return frozenset(words)


def _after_context(tagged: list[tuple[str, str]], i: int, contexts: frozenset[str]) -> bool:
    """Is the number at ``i`` a year, an ordinal, an article or an address ("Điều 5", "năm 2022")?"""
    return i > 0 and tagged[i - 1][0].lower() in contexts


def _sentences(text: str) -> Iterable[str]:
    from govreport.normalize import normalize_text
    from govreport.pipeline import segment

    text = normalize_text(text)
    for start, end in segment(text):
        if _CANDIDATE_RE.search(text, start, end):
            yield text[start:end]


def collect(paths: Iterable[Path]) -> Counts:
    """Tag the candidate sentences of ``paths`` and count nouns after numbers and verbs before them."""
    from underthesea import pos_tag

    from govreport import lexicon

    known = _known_words()
    contexts = frozenset(s.lower() for s in lexicon.surfaces("contexts"))
    heads = frozenset(s.lower() for s in lexicon.surfaces("not_counted") if " " not in s)
    counts = Counts()
    for path in paths:
        doc = path.stem
        for sentence in _sentences(path.read_text("utf-8")):
            tagged = pos_tag(sentence)
            for i, (token, _tag) in enumerate(tagged):
                if not _NUMBER_RE.fullmatch(token) or _after_context(tagged, i, contexts):
                    continue
                noun = _noun_after(tagged, i + 1, heads)
                if noun and noun not in known:
                    counts.nouns[noun] += 1
                    counts.noun_docs.setdefault(noun, set()).add(doc)
                if i > 0 and tagged[i - 1][1] == "V" and _WORD_RE.fullmatch(tagged[i - 1][0]):
                    verb = tagged[i - 1][0].lower()
                    if verb not in known:
                        counts.verbs[verb] += 1
                        counts.verb_docs.setdefault(verb, set()).add(doc)
    return counts


def _noun_after(tagged: list[tuple[str, str]], j: int, heads: frozenset[str] = frozenset()) -> str | None:
    """The lower-case noun right after a number: "thửa ruộng" (classifier + noun), "giấy phép"; a noun of
    data/not_counted.yaml that heads a compound with the noun after it ("nền kinh tế", "đầu việc") is read
    with it: alone it counts nothing, the compound may."""
    if j >= len(tagged) or tagged[j][1] not in ("N", "Nc") or not _WORD_RE.fullmatch(tagged[j][0]):
        return None
    word = tagged[j][0]
    if word != word.lower() or len(word) < 2:
        return None  # "5 Ban", "2 Nghị quyết": a name, not a counted noun
    if (tagged[j][1] == "Nc" or word in heads) and j + 1 < len(tagged) and tagged[j + 1][1] == "N" and \
            _WORD_RE.fullmatch(tagged[j + 1][0]) and tagged[j + 1][0] == tagged[j + 1][0].lower() and \
            tagged[j + 1][0] not in heads:  # "3 bước sau:": "sau" counts nothing either
        return f"{word} {tagged[j + 1][0]}"
    return word


def kept(counter: Counter[str], docs: dict[str, set[str]]) -> list[str]:
    """Words seen at least MIN_COUNT times, most frequent first (the boundary verbs)."""
    return sorted((w for w, n in counter.items() if n >= MIN_COUNT),
                  key=lambda w: (-counter[w], w))


def counted_docs(counts: Counts, texts: dict[str, str]) -> dict[str, set[str]]:
    """For each noun the tagger saw after a number, the documents that count it: the tagger's, and for
    a noun of several syllables those that write it after a number or a plural word ("các thửa ruộng")."""
    from govreport import lexicon

    plural = sorted(lexicon.grammar_words("plural"))
    docs: dict[str, set[str]] = {}
    for noun, seen in counts.noun_docs.items():
        docs[noun] = set(seen)
        if " " not in noun:
            continue
        written = re.compile(rf"(?<![\w.,])(?:\d+|(?i:{'|'.join(plural)}))\s{re.escape(noun)}(?!\w)")
        docs[noun] |= {doc for doc, text in texts.items() if doc not in seen and written.search(text)}
    return docs


def kept_nouns(counts: Counts, docs: dict[str, set[str]]) -> list[str]:
    """Nouns counted in at least MIN_DOCS documents, or tagged after a number at least MIN_COUNT times;
    most documents first."""
    return sorted((w for w, d in docs.items() if len(d) >= MIN_DOCS or counts.nouns[w] >= MIN_COUNT),
                  key=lambda w: (-len(docs[w]), -counts.nouns[w], w))


def render(words: list[str], notes: dict[str, str], what: str, n_docs: int, kept_when: str) -> str:
    """The YAML text of one generated file, with the header that says how it was made."""
    lines = [
        "# GENERATED by scripts/generate_counted_nouns.py: do not edit by hand; run the script again.",
        f"# {what}, read by underthesea pos_tag from {n_docs} documents of ../shared/corpus/docs",
        f"# (held-out documents excluded); kept when {kept_when}.",
        "# tests/test_figures.py regenerates it from the corpus and compares.",
        "entries:",
    ]
    lines += [f'  - {{id: "{w}", note: "{notes[w]}"}}' for w in words]
    return "\n".join(lines) + "\n"


def corpus_paths(docs: Path, limit: int | None = None) -> list[Path]:
    paths = [p for p in sorted(docs.glob("*.txt")) if p.stem not in HELD_OUT]
    return paths[:limit] if limit else paths


def outputs(paths: list[Path]) -> dict[Path, str]:
    """The generated files and their text, from the documents ``paths``."""
    from govreport.normalize import normalize_text

    counts = collect(paths)
    docs = counted_docs(counts, {p.stem: normalize_text(p.read_text("utf-8")) for p in paths})
    noun_notes = {w: f"counted in {len(d)} documents; tagged after a number {counts.nouns[w]} times"
                  for w, d in docs.items()}
    verb_notes = {w: f"seen {n} times" for w, n in counts.verbs.items()}
    return {
        DATA / "counted_nouns.yaml": render(
            kept_nouns(counts, docs), noun_notes, "Nouns written right after a whole number", len(paths),
            f"counted (after a number or a plural word) in at least {MIN_DOCS} documents,\n# or tagged after"
            f" a number at least {MIN_COUNT} times"),
        DATA / "boundary_verbs.yaml": render(kept(counts.verbs, counts.verb_docs), verb_notes,
                                             "Verbs written right before a number", len(paths),
                                             f"seen at least {MIN_COUNT} times"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    paths = corpus_paths(args.docs, args.limit)
    generated = outputs(paths)
    stale = [p.name for p, text in generated.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for path, text in generated.items():
        path.write_text(text, "utf-8")
    print(f"wrote {', '.join(p.name for p in generated)} from {len(paths)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
