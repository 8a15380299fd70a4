"""Comparisons of a figure: the words that introduce them, their base and the earlier level.

"bằng 57,3% kế hoạch năm" (share), "tăng 15,1% so với cùng kỳ 2021" (change), "giảm từ 2,4% xuống còn
1,85%" (the 2,4% is the "previous" level), "vượt dự toán tỉnh giao 21,3 tỷ đồng" (a base written before
its amount). Words come from data/comparisons.yaml and data/figure_cues.yaml; rules/figures.py decides
which figure a comparison belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .. import lexicon
from ..lexicon import QualifierEntry, alternation
from ..models import Bound, Direction, Quantity, Span
from ..numbers import QuantityLike, parse_number

CHAIN_GAP_RE = re.compile(r"[\s,(]{0,6}(?:(?:và|cùng|đồng thời)\s{1,3})?\Z", re.IGNORECASE)


# Between a figure and a comparison that names its base, a few words may stand ("kết nạp 125 đảng
# viên mới, đạt 62,5% chỉ tiêu năm"), but not a clause break.
LOOSE_GAP_RE = re.compile(r"[^;.!?\n]{0,60}\Z")


_MAX_GAP_WORDS = 5


@cache
def _base_end_re() -> re.Pattern[str]:
    """Where a base ends: a punctuation mark, a quote or a footnote mark ("*[2]*"), a line break (not a wrap before
    a lower-case word or a year: "đạt 100% kế⏎hoạch"), a dash between words ("so với cùng kỳ - mức tăng cao
    nhất"), the next comparison word, or a word that opens a new clause before a lower-case word ("do nguồn thu
    tăng", "nhờ lượng khách tăng": figure_cues.yaml base-end), not before a name ("dự toán do UBND tỉnh giao").
    """
    clause = alternation(cue_words()["base-end"])
    amount = alternation([*amount_lead_words(), *cue_words()["share-count"]])
    return re.compile(rf"[,;.:()…\"“”*\[]|\n(?![^\S\n]{{0,3}}(?-i:[a-zà-ỹđ]|\d{{4}}\s))|(?<!\d)\s[-–—]\s(?!\d)"
                      rf"|\s(?:và|nhưng|trong đó|tăng|giảm|bằng|đạt|chiếm)\s"
                      rf"|\s(?:{amount})\s(?=(?:[^\W\d]+\s){{0,5}}\d)"  # "… cùng kỳ| với trên 3.000 lượt"
                      rf"|\s(?:{clause})\s(?-i:(?=[a-zà-ỹđ]))", re.IGNORECASE)


@cache
def amount_lead_words() -> tuple[str, ...]:
    """Words that lead the amount a change or share written before it is of ("tăng 17,7% so với cùng kỳ, |đạt
    |114,47 triệu USD"): figure_cues.yaml amount-after-change and to-level, and the link words of qualifiers.yaml
    that are value verbs too ("đạt", "là"; not "có": "giảm 10% so với cùng kỳ, có 5 người chết" is another count).
    """
    cues = cue_words()
    links = [s for e in lexicon.entries("qualifiers", QualifierEntry) if e.sets == "link" for s in e.surfaces
             if s in cues["value-verb"]]
    return (*cues["amount-after-change"], *cues["to-level"], *links)


@cache
def cue_words() -> dict[str, tuple[str, ...]]:
    """The surfaces of data/figure_cues.yaml by id."""
    return {e.id: e.surfaces for e in lexicon.load("figure_cues")}


@cache
def cue_set(*ids: str) -> frozenset[str]:
    """The lower-cased surfaces of the data/figure_cues.yaml entries ``ids``, as one set built once (rules test
    words against them once per figure).
    """
    words = cue_words()
    return frozenset(w.lower() for i in ids for w in words[i])


@cache
def comparison_words() -> dict[str, str]:
    """Each entry of data/comparisons.yaml as a regex alternation, by id."""
    return {e_id: alternation(surfaces) for e_id, surfaces in comparison_surfaces().items()}


@cache
def comparison_surfaces() -> dict[str, tuple[str, ...]]:
    """The surfaces of data/comparisons.yaml by id, for patterns that take some of an entry's words."""
    return {e.id: e.surfaces for e in lexicon.load("comparisons")}


def _compile(*parts: str) -> re.Pattern[str]:
    """One case-insensitive pattern from its commented parts."""
    return re.compile("".join(parts), re.IGNORECASE)


def _kind_groups() -> str:
    """The comparison words by kind, as named groups: share, up, down."""
    words = comparison_words()
    return rf"(?P<share>{words['share']})|(?P<up>{words['up']})|(?P<down>{words['down']})"


@cache
def cue_re() -> re.Pattern[str]:
    """A comparison word ending right before a quantity; "lên", "xuống còn" make it a new level instead."""
    return _compile(rf"(?<!\w)(?:(?P<level>{alternation(cue_words()['to-level'])})|{_kind_groups()})\s{{1,3}}\Z")


@cache
def _base_first_re() -> re.Pattern[str]:
    """A change that names its base before its amount: "vượt dự toán tỉnh giao 21,3 tỷ đồng". Not a share:
    "đạt chỉ tiêu 14%" names a target of 14%, not 14% of one.
    """
    words = comparison_words()
    return _compile(
        rf"(?<!\w)(?:(?P<up>{words['up']})|(?P<down>{words['down']}))\s{{1,3}}",  # vượt / tăng
        rf"(?:(?:{words['compared-with']})\s{{1,3}}"  # so với (optional) ...
        rf"|(?!(?:{alternation(cue_words()['total-lead'])})(?!\w)))",  # ... else not "tăng tổng kim ngạch 10,4%"
        rf"(?P<base>(?:{words['base']})(?!\w)(?:\s{{1,3}}[^\W\d]{{1,12}}){{0,5}}?)\s{{1,3}}\Z",  # dự toán tỉnh giao
    )


@cache
def _previous_re() -> re.Pattern[str]:
    """The earlier level before a new one: "(giảm) từ 2,4% xuống còn |", "tăng từ 12 lên |"."""
    cues = cue_words()
    return _compile(
        rf"(?<!\w)(?:{alternation(cues['from'])})\s{{1,3}}",  # từ
        rf"(?:(?:{alternation(list(bound_words()))})\s{{1,3}})?(?P<prev>\d[\d.,]{{0,20}})",  # gần 2,4
        r"(?P<rest>[^\d;.!?\n]{0,30}?)",  # % / tỷ đồng
        rf"(?:\s{{1,3}}(?:{alternation(cues['from-period'])})\s{{1,3}}[\dIVX]{{1,4}}(?:/\d{{4}})?)?",  # năm 2015
        rf"\s{{1,3}}(?:{alternation(cues['to-level'])})\s{{1,3}}\Z",  # xuống còn
    )


@cache
def plan_pair_re() -> re.Pattern[str]:
    """ "4.210 ha/4.150 ha kế hoạch, | đạt 101,4%": the plan written after a slash names the base; "6.859
    ha/6.830ha, | đạt 100,42% KH", "1.234,5 tỷ đồng/1.300 tỷ đồng, | đạt 94,96% kế hoạch": a plan written with its
    unit alone (up to three words) leaves the base to the comparison.
    """
    return _compile(
        r"\s{0,2}/\s{0,2}\d[\d.,]{0,20}(?:[^;.!?\n/\d]{0,30}?",  # /4.150 ha
        rf"(?<!\w)(?P<base>(?:{comparison_words()['base']})(?!\w)[^,;.!?\n]{{0,30}}?)",  # kế hoạch
        r"|(?:\s{0,2}[^\W\d]{1,8}){0,3})",  # or its unit alone: ha, tỷ đồng
        r"\s{0,3}[,(]\s{0,3}\Z",  # ,
    )


@cache
def bound_words() -> dict[str, Bound]:
    """Bound words written before an amount ("gần", "hơn", "khoảng"), lower-cased."""
    found: dict[str, Bound] = {}
    for e in lexicon.entries("qualifiers", QualifierEntry):
        if e.position == "before" and e.sets in ("over", "under", "about"):
            found.update({s.lower(): e.sets for s in e.surfaces})
    return found


def _cue_bound(cue_text: str) -> Bound | None:
    """ "tăng gần" -> "under": the bound word a comparison word carries at its end; the "hơn" of a
    comparative ("thấp hơn 0,5%", "cao hơn") is no bound.
    """
    words = cue_text.lower().split()
    if " ".join(words) in cue_words()["comparative"]:
        return None
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in bound_words():
            return bound_words()[" ".join(words[-size:])]
    return None


@cache
def _base_re() -> re.Pattern[str]:
    words = comparison_words()
    # "so cùng kỳ năm trước": the base is "cùng kỳ năm trước", so "so cùng kỳ" is not read as the word "so"
    head = re.compile(rf"(?<!\w)(?:{words['base']})(?!\w)", re.IGNORECASE)
    so = alternation([w for w in comparison_surfaces()["compared-with"] if not head.search(w)])
    return re.compile(
        rf"\s{{0,3}}(?:(?P<so>{so})\s{{1,3}}(?P<after_so>\S)|"
        rf"(?:(?:{words['with']})\s{{1,3}})?(?P<head>{words['base']})(?!\w))",  # "tăng 2,1% với KH"
        re.IGNORECASE,
    )


@dataclass(frozen=True)
class Cue:
    """The comparison word of a quantity: its kind, direction, where it starts, and a base read before
    the amount ("vượt dự toán tỉnh giao 21,3 tỷ đồng").
    """

    kind: str  # "share" | "change" | "previous" | "level"
    direction: Direction | None
    start: int
    bound: Bound | None = None
    base: str | None = None
    text: str = ""


def _cue_of(m: re.Match[str], base: str | None = None) -> Cue:
    groups = m.groupdict()
    kind = "level" if groups.get("level") else "share" if groups.get("share") else "change"
    direction: Direction | None = None
    if kind == "change":
        direction = "up" if m.group("up") else "down"
    bound = _cue_bound(m.group().strip()) if kind != "level" else None
    return Cue(kind, direction, m.start(), bound, base, " ".join(m.group().lower().split()))


def find_cue(text: str, q: QuantityLike, floor: int) -> Cue | None:
    """The comparison word right before a quantity, or a comparison word and base before it."""
    m = cue_re().search(text, max(0, floor, q.extent.start - 24), q.extent.start)
    if m is not None:
        lead = _base_lead_re().search(text, max(0, floor, m.start() - 60), m.start())
        if lead is not None and _cue_of(m).kind != "level":  # "…, so với dự toán tăng 5%": the base leads
            cue = _cue_of(m, " ".join(lead.group("base").split()))
            return Cue(cue.kind, cue.direction, lead.start(), cue.bound, cue.base, cue.text)
        return _cue_of(m)
    m = _base_first_re().search(text, max(0, floor, q.extent.start - 90), q.extent.start)
    if m is None:
        return None
    base = " ".join(m.group("base").split())
    if base.lower() in cue_words()["level-word"]:  # "cao hơn mức 5,52%": the amount is the earlier level
        return Cue("previous", None, m.start())
    return _cue_of(m, base)


@cache
def _base_lead_re() -> re.Pattern[str]:
    """A base written before the comparison word, after "so với": "…, so với dự toán |tăng 5%", "so với cùng kỳ năm
    trước |giảm 8,5%". The base names a plan or a period (a base word opens it) and holds no number or clause mark.
    """
    words = comparison_words()
    stop = rf"(?:{words['compared-with']}|{alternation(cue_words()['list-join'])})(?!\w)"  # no second "so với", "và"
    return _compile(
        rf"(?<!\w)(?:{words['compared-with']})\s{{1,3}}",  # so với
        rf"(?P<base>(?:{words['base']})(?!\w)(?:\s{{1,3}}(?!{stop})[^\W\d]{{1,12}}){{0,5}}?)\s{{1,3}}\Z",  # dự toán
    )


def second_base(text: str, start: int, end: int) -> tuple[str, int] | None:
    """ "…thấp hơn so với kế hoạch điều chỉnh 3,8%|, so với kế hoạch cũ |0,9%": a second base written right after a
    comparison, before an amount with no comparison word of its own; (the base, where "so với" starts).
    """
    m = _base_lead_re().search(text, start, end)
    if m is None or _LIST_GAP_RE.fullmatch(text, start, m.start()) is None:
        return None
    return " ".join(m.group("base").split()), m.start()


# Between a comparison and a second base of it: a comma, nothing more
_LIST_GAP_RE = re.compile(r"\s{0,3},\s{0,3}")


def qualifier_cue(text: str, q: QuantityLike) -> Cue | None:
    """ "vượt 1,2% mục tiêu", "vượt 20 tỷ đồng so với dự toán": the number core read "vượt" as a bound;
    before a base it is a change, whatever the unit. "ước đạt 92,4% dự toán": the comparison word after
    an estimate word the number core read as the amount's own; the comparison starts where the amount's
    words do.
    """
    if q.extent.start == q.span.start:
        return None
    m = cue_re().search(text, q.extent.start, q.span.start)
    if m is None or base_after(text, q.extent.end, q.extent.end + 80)[0] is None:
        return None
    cue = _cue_of(m)
    return None if cue.kind == "level" else Cue(cue.kind, cue.direction, q.extent.start, text=cue.text)


def base_after(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """What a comparison compares with ("kế hoạch năm", "cùng kỳ 2021"), and where it ends."""
    m = _base_re().match(text, end, limit)
    if m is None:
        return None, end
    start = m.start("after_so") if m.group("so") else m.start("head")
    stop = _base_end_re().search(text, start, min(limit, start + 80))
    base_end = stop.start() if stop else min(limit, start + 80)
    base = " ".join(text[start:base_end].split()[:8])  # "kế⏎hoạch" wrapped: one space
    return (base or None), start + len(text[start:base_end].rstrip())


# "chiếm 12% |dân số cả nước| và 18% lao động": the words a share names as its whole, when no base word
# opens them; they end before "và", a comma or any other mark, and hold no number.
_SHARE_WHOLE_RE = re.compile(r"(?:\s{1,3}(?!(?:và|so|với|trong|từ|đến|do|nhờ|vì|để|nên|nhưng)(?!\w))[^\W\d]+){1,6}"
                             r"(?=\s{1,3}và\s|\s{0,3}[,;.)\n]|\Z)", re.IGNORECASE)


def share_whole_end(text: str, end: int, limit: int) -> int:
    """Where the whole a share names right after its amount ends ("chiếm 12% dân số cả nước"), or ``end``."""
    m = _SHARE_WHOLE_RE.match(text, end, limit)
    return m.end() if m else end


# "…, chiếm 12% dân số cả nước |và| 18% lao động": a second percentage listed after a share is a share too
LISTED_SHARE_GAP_RE = re.compile(r"\s{1,3}và\s{1,3}\Z")


def belongs_to(text: str, last_end: int, lead: int, has_base: bool) -> bool:
    """Does a comparison starting at ``lead`` belong to the figure (or comparison) ending at ``last_end``?"""
    if CHAIN_GAP_RE.fullmatch(text, last_end, lead):
        return True
    return has_base and LOOSE_GAP_RE.fullmatch(text, last_end, lead) is not None and \
        sum(1 for w in text[last_end:lead].split() if any(c.isalpha() for c in w)) <= _MAX_GAP_WORDS and \
        _cause_gap_re().match(text, last_end, lead) is None


@cache
def _cause_gap_re() -> re.Pattern[str]:
    """A gap that opens a clause of its own ("giảm 1,68% | do diện tích gieo trồng| giảm 5,5% so với năm trước"):
    the change after it is of that clause's subject, not a comparison of the figure before (figure_cues.yaml
    base-end, before a lower-case word).
    """
    return re.compile(rf"\s{{0,3}},?\s{{0,3}}(?:{alternation(cue_words()['base-end'])})\s{{1,3}}(?-i:[a-zà-ỹđ])",
                      re.IGNORECASE)


# "937 tỷ đồng (gồm vay 787 tỷ đồng, …) | bằng 62,4% …": a bracketed breakdown right after a figure, or a few
# words after it
_ASIDE_OPEN_RE = re.compile(r"(?:\s{1,3}[^\W\d]+){0,4}\s{0,2}\(")  # "12 người thuộc quân đội| (…)|, chiếm 5,9%"


ASIDE_AFTER_RE = re.compile(r"\s{0,3},?\s{0,3}")


_MAX_ASIDE = 240


def aside_close(text: str, end: int, limit: int) -> int | None:
    """Where a bracket opened right after ``end`` closes (after the ")"), within the sentence."""
    m = _ASIDE_OPEN_RE.match(text, end, limit)
    if m is None:
        return None
    close = text.find(")", m.end(), min(limit, m.end() + _MAX_ASIDE))
    return close + 1 if close >= 0 and "(" not in text[m.end():close] else None


def previous_level(text: str, q: QuantityLike, before: QuantityLike | None, floor: int) -> tuple[Decimal, int] | None:
    """The earlier level of "giảm từ 2,4% xuống còn 1,85%" / "tăng từ 12 lên 15 xã": (its value, where
    its phrase starts, change word included). ``before`` is the quantity just before ``q``, if any.
    """
    m = _previous_re().search(text, max(floor, q.extent.start - 80), q.extent.start)
    if m is None:
        return None
    if before is not None and before.span.start == m.start("prev"):
        value = before.value
    else:
        value = parse_number(m.group("prev"))
        leading = parse_number(re.split(r"\s", q.raw.strip(), maxsplit=1)[0])
        if value is not None and leading and q.value is not None and q.unit != "%":
            value = value * q.value / leading  # "từ 2,4 lên 3 tỷ đồng": the scale word holds for both
    if value is None:
        return None
    change = cue_re().search(text, max(floor, m.start() - 24), m.start())
    return value, (change.start() if change and not change.group("level") else m.start())


@cache
def earlier_level_gap_re() -> re.Pattern[str]:
    """Between a figure and the change of an earlier period that gives its earlier level: "7,37% |(cùng kỳ
    năm trước |tăng 7,34%)", "mức 5,73% |trong khi cùng kỳ năm ngoái chỉ |tăng 5,65%".
    """
    cues = cue_words()
    return _compile(
        rf"\s{{0,2}}(?:\(\s{{0,2}}|[,;]?\s{{0,2}}(?:{alternation(cues['contrast'])})\s{{1,3}})",  # ( / trong khi
        rf"(?:{alternation(cues['earlier-period'])})(?!\w)[^()%;!?\n]{{0,30}}?",  # cùng kỳ quý I/2024
        rf"\s{{1,3}}(?:(?:{alternation(cues['only'])})\s{{1,3}})?\Z",  # chỉ
    )


@cache
def versus_gap_re() -> re.Pattern[str]:
    """ "(6,13% |so với |5,15%)": an amount compared with another of its unit, the second the earlier level;
    "đạt 5,1%|, thấp hơn cùng kỳ năm trước (|5,48%)": the earlier period's level in brackets.
    """
    words = comparison_words()
    return _compile(
        rf"\s{{0,3}}(?:{words['compared-with']})\s{{1,3}}\Z|",  # so với
        rf"\s{{0,2}}[,;]?\s{{0,2}}(?:{words['up']}|{words['down']})\s{{1,3}}(?:(?:{words['compared-with']})\s{{1,3}})?",
        rf"(?:{alternation(cue_words()['earlier-period'])})(?!\w)[^()%;!?\n]{{0,30}}?\s{{0,2}}\(\s{{0,2}}\Z",
    )


@cache
def _aspect_re() -> re.Pattern[str]:
    """ "tăng 8,1% |về số doanh nghiệp| và …": the words that name which figure a change is of."""
    return _compile(
        rf"\s{{1,3}}(?:{alternation(cue_words()['aspect'])})\s{{1,3}}",  # về số
        r"(?P<aspect>[^\W\d]+(?:\s{1,3}(?!(?:và|so|với)(?!\w))[^\W\d]+){0,6})",  # doanh nghiệp
    )


def aspect_after(text: str, end: int) -> tuple[str, int] | None:
    """The aspect a change names right after its amount, and where it ends ("về số vốn đăng ký")."""
    m = _aspect_re().match(text, end)
    return (m.group("aspect").lower(), m.end()) if m else None


@cache
def share_count_gap_re() -> re.Pattern[str]:
    """ "chiếm 23,8% |(với |918 người)": a count in brackets after a share is what the share is of."""
    words = [*cue_words()["share-count"], *cue_words()["equivalent"]]
    return _compile(rf"\s{{0,2}}\(\s{{0,2}}(?:(?:{alternation(words)})\s{{1,3}})?\Z")


@cache
def _price_basis_gap_re() -> re.Pattern[str]:
    """ "tăng 9,9% so cùng kỳ năm trước|, nếu loại trừ yếu tố giá |tăng 6,7%": the same change at constant prices."""
    return _compile(rf"\s{{0,3}},?\s{{0,3}}(?:{alternation(cue_words()['price-basis'])})\s{{0,3}},?\s{{1,3}}\Z")


@cache
def bracket_share_gap_re() -> re.Pattern[str]:
    """ "23 cán bộ nữ| (|11,16%)": a few words after a figure, then a bracket that holds only a percentage, or a share
    word and a few words before it ("564 người có trình độ trên đại học (|chiếm tỷ lệ vượt trội là |64,98%)").
    """
    return _compile(
        r"(?:\s{1,3}[^\W\d]+){0,6}\s{0,2}\(\s{0,2}",  # có trình độ trên đại học (
        rf"(?:(?:{comparison_words()['share']})(?!\w)(?:\s{{1,3}}[^\W\d]+){{0,4}}\s{{1,3}})?",  # chiếm tỷ lệ … là
    )


def comma_led(text: str, last_end: int, lead: int) -> bool:
    """ "5.564 doanh nghiệp quay trở lại hoạt động|, |tăng 14,2%": a comparison word right after a comma
    (or an opening bracket: "2,7 triệu lượt du khách đã đến (tăng 51% …)"), a few words after the figure
    and within its clause, still speaks of that figure.
    """
    gap = text[last_end:lead]
    if _price_basis_gap_re().fullmatch(gap):
        return True
    return _COMMA_GAP_RE.fullmatch(gap) is not None and len(gap.split()) <= _MAX_COMMA_GAP_WORDS


_COMMA_GAP_RE = re.compile(r"[^;:!?\n…()\d%]{0,120}[,(]\s{0,3}")
_MAX_COMMA_GAP_WORDS = 20


def span_of(text: str, start: int, end: int) -> Span:
    """The span ``[start, end)`` of ``text``."""
    return Span(start=start, end=end, text=text[start:end])


@dataclass(frozen=True)
class Multiple:
    """A multiple written with "gấp" ("cao gấp 1,7 lần so với số được bầu", "tăng gấp đôi"): its amount as a
    quantity of unit "lần", the comparison it states (a change after a change word, else a share), and its base.
    """

    quantity: Quantity
    cue: Cue
    base: str | None
    end: int  # where its base ends


@cache
def _multiple_re() -> re.Pattern[str]:
    words = comparison_words()
    spelled = alternation([s for e in lexicon.load("comparisons") if e.id.startswith("multiple=") for s in e.surfaces])
    return _compile(
        rf"(?<!\w)(?:(?:(?:{words['multiple-share']})(?:\s{{1,3}}(?:{words['multiple-more']}))?",  # cao hơn
        rf"|{words['share']}|(?P<up>{words['up']}))\s{{1,3}})?",  # bằng / tăng
        # gần gấp; "gấp" may go unwritten after a change word: "tăng 1,95 lần"
        rf"(?:(?P<bound>{alternation(list(bound_words()))})\s{{1,3}})?(?:(?P<times>{words['multiple']})\s{{1,3}}",
        rf"(?:(?P<bound_after>{alternation(list(bound_words()))})\s{{1,3}}(?=\d))?)?",  # gấp hơn 2,8 lần
        r"(?:(?P<amount>(?P<low>\d[\d.,]{0,12})(?:(?:\s{0,2}[-–]\s{0,2}|",  # 1,5 - 3 / 1,5 đến 3
        rf"\s{{1,3}}(?:{alternation(cue_words()['range-to'])})\s{{1,3}})(?P<high>\d[\d.,]{{0,12}}))?",
        rf"|(?P<words>[^\W\d]{{1,6}}(?:\s{{1,2}}[^\W\d]{{1,6}})?))\s{{1,3}}lần(?!\w)|(?P<spelled>{spelled})(?!\w))",
    )


@cache
def _spelled_multiples() -> dict[str, Decimal]:
    """ "đôi" -> 2: the spelled multiples of data/comparisons.yaml, whose value their id carries."""
    return {s.lower(): Decimal(e.id.partition("=")[2]) for e in lexicon.load("comparisons")
            if e.id.startswith("multiple=") for s in e.surfaces}


@cache
def _multiple_base_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words that open a multiple's base ("so với", "của") and those that end it ("là")."""
    words = comparison_words()
    of = "|".join((words["compared-with"], words["with"], words["multiple-of"]))
    return (_compile(rf"\s{{1,3}}(?:(?:{of})\s{{1,3}})?(?!(?:{words['multiple-no-base']})(?!\w))(?=[^\W\d])"),
            _compile(rf"(?<!\S)(?:{words['multiple-base-end']})\s"))


def _multiple_base(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """What a multiple is of: the words after it up to the end of the clause ("số được bầu", "cùng kỳ")."""
    opening, closing = _multiple_base_res()
    m = opening.match(text, end, limit)
    if m is None:
        return None, end
    stop = _base_end_re().search(text, m.end(), min(limit, m.end() + 80))
    base_end = stop.start() if stop else min(limit, m.end() + 80)
    stops = [found.start() for found in (closing.search(text, m.end(), base_end),
                                         _other_measure_re().search(text, m.end(), base_end)) if found]
    base_end = min(stops, default=base_end)
    words = text[m.end():base_end].split()
    if not words:
        return None, end
    return " ".join(words[:8]), m.end() + len(text[m.end():base_end].rstrip())


# Every multiple holds "gấp" or "lần" ("tăng 1,95 lần", "gấp đôi"); its words before them ("cao hơn nhiều gần
# gấp 1.234,5") and its number word after "gấp" fit in these reaches, in characters.
_MULTIPLE_REACH = (100, 30)


@cache
def _multiple_anchor_re() -> re.Pattern[str]:
    """The words every multiple holds: its "gấp" (comparisons.yaml multiple) or the "lần" of its pattern."""
    multiple = comparison_surfaces()["multiple"]
    return _compile(rf"{lexicon.scan_alternation([*multiple, 'lần'])}(?!\w)")  # a class first: skipped at C speed


def _multiple_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the multiple pattern, as its ``finditer`` over the whole text gives them, tried only in a
    window around each "gấp"/"lần": the pattern opens with optional words, so a scan of the whole text tries it
    at every word (it cost a fifth of ``parse``).
    """
    pattern, done = _multiple_re(), 0
    for anchor in _multiple_anchor_re().finditer(text):
        if anchor.end() <= done:
            continue
        window_end = min(len(text), anchor.end() + _MULTIPLE_REACH[1])
        for m in pattern.finditer(text, max(done, anchor.start() - _MULTIPLE_REACH[0]), window_end):
            if m.end() > anchor.start():
                done = m.end()
                yield m
                break


def find_multiples(text: str) -> list[Multiple]:
    """Every multiple of ``text``: "gấp 1,7 lần", "gấp đôi", and "tăng 1,95 lần" after a change word; "gấp nhiều
    lần" (no number), "gấp rút" and "họp 3 lần" (occasions) are none.
    """
    found: list[Multiple] = []
    for m in _multiple_matches(text):
        if not m.group("times") and (not m.group("up") or m.group("spelled")):
            continue  # "họp 3 lần" counts occasions; "tăng 1,95 lần so với …" is a multiple
        low = high = value = None
        if m.group("spelled"):
            value = _spelled_multiples()[m.group("spelled").lower()]
            number = m.span("spelled")
        else:
            number = (m.start("amount"), m.end())
            if m.group("high"):
                low, high = parse_number(m.group("low")), parse_number(m.group("high"))
            else:
                value = parse_number(m.group("amount"))
            if value is None and (low is None or high is None):
                continue
        raw = text[number[0]:number[1]]
        written = m.group("bound") or m.group("bound_after")
        bound = bound_words()[written.lower()] if written else \
            _cue_bound(m.group("up")) if m.group("up") else None  # "tăng gần 4 lần"
        quantity = Quantity(value=value, low=low, high=high, unit="lần", raw=raw, span=span_of(text, *number),
                            extent=span_of(text, m.start(), number[1]), bound=bound, rule="quantity: multiple")
        direction: Direction | None = "up" if m.group("up") else None
        cue = Cue("change" if direction else "share", direction, m.start(),
                  text=" ".join(m.group().lower().split()))
        base, end = _multiple_base(text, number[1], len(text))
        found.append(Multiple(quantity, cue, base, max(end, number[1])))
    return found


# Between an amount and the multiple that compares it: a comma or a bracket ("6.900 người (tức số ứng cử viên
# gấp 1,78 lần …)") and a few words naming the same measure, within the clause, not past a closed bracket;
# not "trong khi" nor "trong đó" (figure_cues.yaml contrast, part), which open another measure.
_MULTIPLE_GAP_RE = re.compile(r"[^;:.!?\n…\d%)]{0,90}\Z")
_MAX_MULTIPLE_GAP_WORDS = (6, 5)  # before the last comma or bracket, after it


def _alpha_words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


@cache
def _other_measure_re() -> re.Pattern[str]:
    return _compile(rf"(?<!\w)(?:{alternation([*cue_words()['contrast'], *cue_words()['part']])})(?!\w)")


def multiple_follows(text: str, last_end: int, lead: int) -> bool:
    """Does a multiple starting at ``lead`` compare the amount ending at ``last_end``?"""
    gap = text[last_end:lead]
    if _MULTIPLE_GAP_RE.fullmatch(gap) is None or _other_measure_re().search(gap):
        return False
    cut = max(gap.rfind(","), gap.rfind("("))
    return _alpha_words(gap[:max(cut, 0)]) <= _MAX_MULTIPLE_GAP_WORDS[0] and \
        _alpha_words(gap[cut + 1:]) <= _MAX_MULTIPLE_GAP_WORDS[1]
