"""Metrics: the words naming what a figure measures, or nothing.

The clause before the amount, less its verb, qualifiers, lead-ins and period; a coordinated list of
nouns is kept whole ("Giá trị sản xuất nông, lâm nghiệp và thủy sản"), a word pair is never split
("Dân số"), and a fragment (another figure's digits, a dangling "và") is cut: a wrong metric is worse
than none. The measure starts at its measure noun after a holder ("Xã A có | diện tích tự nhiên"); a clause
of a verb only takes the metric of the clause before ("…, lũy kế đạt …"); with nothing before it, an
amount is named by the noun phrase after it ("Trong đó, 120 tỷ đồng vốn ngân sách …"); a count that only
places the action ("cho 17 sở") has none, unless it counts those served ("dạy nghề cho 800 người"). A body
that acts is no part of the metric ("UBND huyện | ban hành quyết định | xử phạt hành chính"), nor an
assessment of the measure ("Lạm phát | ở mức thấp"). Word lists are
data/metrics.yaml, data/metric_bounds.yaml, data/figure_cues.yaml (part, value-verb, count-context) and the
generated data/boundary_verbs.yaml; bodies are read with rules/organizations.py.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from .. import lexicon
from ..models import Metric, Span
from ..numbers import QuantityLike
from ..tokens import tokenize
from .comparisons import cue_re, cue_set, cue_words, span_of
from .organizations import head_at, org_end, unit_end, vocabulary

if TYPE_CHECKING:
    from .figure_periods import PeriodIndex

# Clause breaks: sentence punctuation, semicolons, colons, commas, and list bullets at a line start
# (a spaced hyphen inside a line joins names: "công nghiệp - xây dựng").
CLAUSE_BREAK_RE = re.compile(r"[.!?]\s|[;:\n,]|(?:^|\n)\s{0,3}[-–•+*]\s")


_MAX_METRIC_WORDS = 16


_MAX_AFTER_WORDS = 14  # words read after a counted noun or a share: "CCN đã lấp đầy"


_MAX_MEASURE_WORDS = 4  # before a measure and its material: "kế hoạch xây mới 1,2 triệu m2 sàn nhà"


_MAX_VERB_WORDS = 2  # words before a count kept in its metric: a verb such as "kết nạp", not a whole clause


@cache
def metric_words() -> dict[str, frozenset[str]]:
    """The word sets of data/metrics.yaml and data/metric_bounds.yaml by id, lower-cased."""
    words = {e.id: frozenset(s.lower() for s in e.surfaces)
             for name in ("metrics", "metric_bounds") for e in lexicon.load(name)}
    words["whole"] |= words["whole-verb"] | words["goal"]  # verb and goal pairs too ("tăng thêm", "chỉ tiêu")
    words["tail"] |= words["list-inner"] | words["passive"] | words["copula"]  # no metric ends with "… của", "… là"
    words["start-after"] |= words["agent-by"]  # "do": a cause, unless a body that acts follows it
    words["stop"] |= words["threshold-tail"]  # "… từ 10 tiêu chí trở lên": the end of a class bound
    words["opener"] |= words["about"]  # no metric starts with "về" or "đó"
    words["topic"] |= words["opener"]  # "Về thu ngân sách, …"; "hỏi Sở Xây dựng về …"
    return words


@cache
def trim_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words trimmed from a metric's end, words trimmed from its start)."""
    words = metric_words()
    return words["verb"], words["lead"] | words["verb"] | words["topic-lead"]


@cache
def _assessments() -> frozenset[str]:
    """Comparatives of two words or more (data/figure_cues.yaml "comparative"), alone or before a comparison
    link ("thấp hơn", "cao hơn so với"); a single word ("vượt") may open a measure ("vượt thu") and is left out.
    """
    compared = {c.lower() for c in cue_words()["comparative"] if " " in c}
    links = {s.lower() for e in lexicon.load("comparisons") if e.id == "compared-with" for s in e.surfaces
             if s.count(" ") == 1}  # "so với": data/comparisons.yaml "compared-with"
    return frozenset(compared | {f"{c} {link}" for c in compared for link in links})


def _unassessed(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """``words`` less an assessment that opens them ("thấp hơn | mức bình quân chung của vùng"): it compares the
    measure with another, it is no part of it. What follows is kept as written ("mức …" stays).
    """
    return _trim(words, _assessments(), from_end=False) or words


def _after_speech(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words after the last reporting verb or link: "Sở Xây dựng cho biết giá NƠXH" -> "giá NƠXH".
    A purpose right after a measure or money names what that is for and stays ("tổng nhu cầu vốn để | hoàn
    thiện nhà ở", "huy động nguồn vốn để | chi đầu tư"); opening the clause it does not ("Để tăng thu, …").
    """
    speech = metric_words()["start-after"] | metric_words()["purpose"]
    lowered = [w.group().lower() for w in words]
    asked = _asked_about(lowered)
    if asked is not None:
        words, lowered = words[asked:], lowered[asked:]
    ends = _last_words(speech)
    for i in range(len(words) - 1, -1, -1):
        if lowered[i] not in ends:
            continue  # no phrase of the list ends with this word
        if lowered[i] in metric_words()["purpose"] and i and \
                (_headed(words[:i]) or _names_money(words[max(0, i - 3):i])):
            continue  # "tổng nhu cầu vốn để …": the purpose of the measure
        if _agent_by(words, lowered, i):
            continue  # "tổng diện tích đất do UBND xã quản lý": who manages it, no cause
        for size in (3, 2, 1):
            if i - size + 1 >= 0 and " ".join(lowered[i - size + 1:i + 1]) in speech:
                return words[i + 1:]
    return words


_MAX_ADDRESSEE_WORDS = 8  # "hỏi | Giám đốc Sở Giao thông vận tải | về …"


def _asked_about(lowered: list[str]) -> int | None:
    """Where the topic of a question starts: after the "về" that follows a question verb and its addressee
    ("hỏi Sở Xây dựng về | đề án nhà giá rẻ", data/metric_bounds.yaml "ask"), or None.
    """
    bounds = metric_words()
    asks, nouns = bounds["ask"], bounds["ask-noun"]
    for i in range(len(lowered) - 1, 0, -1):
        if lowered[i] not in bounds["about"] or i + 1 >= len(lowered):
            continue
        for j in range(i - 1, max(-1, i - _MAX_ADDRESSEE_WORDS - 4), -1):
            for size in (4, 3, 2, 1):
                first = j - size + 1
                if first >= 0 and " ".join(lowered[first:j + 1]) in asks:
                    return None if first and lowered[first - 1] in nouns else i + 1
    return None


def _agent_by(words: list[re.Match[str]], lowered: list[str], i: int) -> bool:
    """Is the cause word at ``i`` the "do" of a relative clause naming who acts on a measure ("tổng diện tích
    đất công ích do | UBND cấp xã quản lý", data/metric_bounds.yaml "agent-by")? A measure noun stands before
    it with no change between ("doanh thu giảm do …" gives a cause), and a body opens the words after it.
    """
    if lowered[i] not in metric_words()["agent-by"] or i + 1 >= len(words) or \
            any(w in _change_verbs() for w in lowered[:i]) or not any(_headed(words[j:i]) for j in range(i)):
        return False
    return _opens_body(words[i + 1].string, words[i + 1:])


def _opens_body(text: str, words: list[re.Match[str]]) -> bool:
    """Do ``words`` open with a body: an organization word, an abbreviation of one ("UBND") or an
    administrative unit ("tỉnh Lạng Sơn")?
    """
    toks = tokenize(text, words[0].start(), words[-1].end())
    return bool(toks) and bool(head_at(toks, 0) or toks[0].text in vocabulary().abbreviations or unit_end(toks, 0))


@cache
def _heads() -> frozenset[str]:
    """Measure nouns a metric may open with ("diện tích", "tổng số", "tỷ lệ", "mức")."""
    bounds = metric_words()
    return bounds["head"] | (bounds["list-breaker"] - bounds["lead"]) | bounds["whole"] | bounds["keep-start"]


def _headed(words: list[re.Match[str]]) -> bool:
    """Do ``words`` open with a measure noun ("tỷ lệ xã đạt chuẩn …")?"""
    lowered = [w.group().lower() for w in words[:2]]
    return bool(lowered) and (lowered[0] in _heads() or " ".join(lowered) in _heads())


_HEAD_SLACK = 4  # words a long phrase may run over the limit when it opens with a measure noun


def _shortened(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """At most about _MAX_METRIC_WORDS words, cut where a phrase can start: at a measure noun ("Tổng mức bán
    lẻ …"), else never inside a word pair ("tỷ | lệ") or right after a measure word ("Tổng | mức").
    """
    if len(words) <= _MAX_METRIC_WORDS:
        return words
    window = len(words) - _MAX_METRIC_WORDS - _HEAD_SLACK
    for i in range(max(0, window), len(words) - 1):
        if _headed(words[i:]):
            return words[i:]
    lowered = [w.group().lower() for w in words]
    cut = len(words) - _MAX_METRIC_WORDS
    while cut > 0 and (f"{lowered[cut - 1]} {lowered[cut]}" in _heads() or lowered[cut - 1] in _heads()):
        cut -= 1
    return words[cut:]


@cache
def _money_words() -> frozenset[str]:
    """Words that make a phrase name an amount of money (data/figure_cues.yaml "money")."""
    return cue_set("money")


def _names_money(words: list[re.Match[str]]) -> bool:
    """Does the phrase name money itself ("chi không đúng nhiệm vụ …", "vốn đối ứng")?"""
    lowered = [w.group().lower() for w in words]
    agents = metric_words()["agent"]  # "chủ đầu tư", "người nộp thuế": who acts, not money
    i = 0
    while i < len(lowered):
        size = 2 if " ".join(lowered[i:i + 2]) in _money_words() else int(lowered[i] in _money_words())
        if size and (i == 0 or lowered[i - 1] not in agents):
            return True
        while size and i + size < len(lowered) and lowered[i + size] in _money_words():
            size += 1  # "người nộp thuế": the run of money words after the agent word is its name
        i += max(size, 1)
    return False


def _purpose_after(text: str, q: QuantityLike, clause_end: int) -> list[re.Match[str]]:
    """The words after "để" right after an amount of money ("… 1.999 tỷ đồng để đầu tư xây dựng phòng học")."""
    if q.unit is None or q.unit.split("/")[0] not in lexicon.currency_units():
        return []
    first = _WORD_RE.search(text, q.extent.end, clause_end)
    if first is None or first.group().lower() not in metric_words()["purpose"] or \
            text[q.extent.end:first.start()].strip():
        return []
    q_after = q.model_copy(update={"extent": span_of(text, q.extent.start, first.end())})
    return _words_after(text, q_after, clause_end)


def _head_only(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """A measure noun alone, when trimming took everything ("(tổng số tiền ước tính 400 tỷ đồng)"): the
    verbs are trimmed, the measure noun that the verb list also holds ("số tiền") is kept.
    """
    verbs = trim_words()[0] - _heads()
    kept = _trim(_trim(_from_head(words), verbs, from_end=True), metric_words()["lead"], from_end=False)
    return _clean(kept) if _headed(kept) and len(kept) > 1 else []  # "số" alone is no measure


def _from_head(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words from a measure noun that follows a link word: "Phường An Nhơn có | diện tích tự nhiên",
    "30 dự án còn hiệu lực với | tổng số vốn". What stands before the link names who holds the measure.
    A comparison ("so với tổng …") or a topic ("đối với …") is no such link.
    """
    bounds = metric_words()
    links, not_links = bounds["link"] | bounds["link-stop"], bounds["stop"] | bounds["topic"]
    heads = _heads()
    lowered = [w.group().lower() for w in words]
    for i in range(len(words) - 1, 0, -1):
        if lowered[i - 1] not in links or (i > 1 and f"{lowered[i - 2]} {lowered[i - 1]}" in not_links) or \
                f"{lowered[i - 1]} {lowered[i]}" in bounds["whole"]:
            continue  # "so với tổng …", "doanh nghiệp có vốn đầu tư nước ngoài"
        if lowered[i] in heads or " ".join(lowered[i:i + 2]) in heads:
            return words[i:]
    return _after_name(words, lowered)


def _after_name(words: list[re.Match[str]], lowered: list[str]) -> list[re.Match[str]]:
    """The words from a measure noun right after a place or body name of two capitalized words or more ("TP. Hà
    Nội | tổng lượng khách du lịch …", "Khu công nghiệp Phú Bài | tổng diện tích …"): the name holds the measure.
    """
    heads, whole = _heads(), metric_words()["whole"]
    for i in range(2, len(words)):
        word = words[i].group()
        if not word[:1].islower() or not (lowered[i] in heads or " ".join(lowered[i:i + 2]) in heads):
            continue
        pair = f"{lowered[i - 1]} {lowered[i]}"
        if all(w.group()[:1].isupper() for w in words[i - 2:i]) and lowered[i - 1] not in heads and \
                pair not in whole and pair not in heads and not _titles_document(words, i):
            return words[i:]
    return words


def _titles_document(words: list[re.Match[str]], end: int) -> bool:
    """Does the capitalized run ending before ``end`` open with a document type ("Luật Thuế | giá trị gia tăng")?
    The title of a law runs on in lower case: what follows is no measure of a holder.
    """
    start = end
    while start > 0 and words[start - 1].group()[:1].isupper():
        start -= 1
    lowered, kinds = [w.group().lower() for w in words], _document_kinds()
    return any(" ".join(lowered[at:at + size]) in kinds for at in range(start, end) for size in (1, 2))


@cache
def _document_kinds() -> frozenset[str]:
    """The document types of data/document_types.yaml ("luật", "nghị quyết"), lower-cased."""
    return frozenset(s.lower() for s in lexicon.surfaces("document_types"))


@cache
def _stops_after() -> frozenset[str]:
    return metric_words()["stop"] | metric_words()["start-after"] | metric_words()["link-stop"]


@cache
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """The first word of each phrase: where a phrase can start."""
    return frozenset(p.split()[0] for p in phrases if p)


@cache
def _last_words(phrases: frozenset[str]) -> frozenset[str]:
    """The last word of each phrase: where a phrase can end."""
    return frozenset(p.split()[-1] for p in phrases if p)


_DASH_RE = re.compile(r"[-–—]{1,2}")


def _until_stop(words: list[re.Match[str]], counted: bool = False) -> list[re.Match[str]]:
    """The words after an amount up to the first that starts something else ("với tổng vốn …"), a number or
    a symbol ("4.210 ha | /4.150 ha kế hoạch").
    After a count, a purpose ("để …") is the clause's, not the counted thing's ("giao cho 14 tỉnh | để …").
    """
    stops = _stops_after() | (metric_words()["purpose"] if counted else frozenset())
    lowered = [w.group().lower() for w in words]
    for i, word in enumerate(lowered):
        if _DASH_RE.fullmatch(word):
            continue  # "ngành Dệt – May": a dash joins names
        if word in _change_verbs() and i + 1 < len(lowered) and lowered[i + 1][0].isalpha() and \
                lowered[i + 1] not in trim_words()[1] | stops:
            continue  # "76 lượt dự án tăng vốn đầu tư": a verb and its object; "tăng 5%", "tăng mạnh" stop
        if not word[0].isalpha() or any(" ".join(lowered[i:i + size]) in stops for size in (1, 2, 3)):
            return words[:i]
    return words


def clause_start(text: str, floor: int, position: int) -> int:
    """The start of the clause that ends at ``position``: after the last break, not before ``floor``.

    A comma inside a coordinated list of nouns does not break the clause: "Giá trị sản xuất nông, lâm
    nghiệp và thủy sản", "thu gom rác thải, chất thải rắn" (see :func:`_joins_list`).
    """
    breaks = [floor, *(m.end() for m in CLAUSE_BREAK_RE.finditer(text, floor, position))]
    at = len(breaks) - 1
    while at > 0 and text[breaks[at] - 1] == "," and _joins_list(
            text, breaks[at - 1], breaks[at], breaks[at + 1] - 1 if at + 1 < len(breaks) else position,
            last=at + 1 == len(breaks)):
        at -= 1  # each item runs to the next comma: "công nghiệp, | tiểu thủ công nghiệp, | xây dựng cơ bản"
    return breaks[at]


_MAX_LIST_ITEM_WORDS = 6


_MAX_LIST_HEAD_WORDS = 14


def _joins_list(text: str, before: int, comma_end: int, position: int, last: bool = False) -> bool:
    """Is the comma ending at ``comma_end`` inside a list of nouns ("nông, lâm nghiệp và thủy sản",
    "công nghiệp, TTCN")? Both sides are noun phrases: no number, no verb or link word on either side,
    no topic or lead word opening the part before ("Về thu ngân sách, …", "Cùng với đó, …"), no name
    ending it ("huyện Tân Thành, tổng vốn …") and no new subject opening the short item after it
    ("…, số doanh nghiệp", "…, bình quân"). The ``last`` item runs up to the amount, so the verb that
    links the whole list to it is no part of the item ("thương mại, dịch vụ của huyện | đạt").
    """
    head = _measured_tail(text[before:comma_end - 1].split())
    item = text[comma_end:position].split()
    if last:  # the figure's own period is no part of the item ("…, lưu trú | năm 2018 | ước đạt")
        found = _trim(list(_WORD_RE.finditer(text, comma_end, position)), trim_words()[0], from_end=True)
        shared = _share_with(list(_WORD_RE.finditer(text, comma_end, position)))
        item = [w.group() for w in _without_time(found[:shared] if shared is not None else found)]
        item = _before_predicate_words(item) if shared is not None else item
    named = [w for w in head if not w.startswith("(")]  # "(FDI)" names the phrase again: no word of its own
    if not head or not item or len(item) > _MAX_LIST_ITEM_WORDS + 2 * last or len(named) > _MAX_LIST_HEAD_WORDS:
        return False
    read = text[before:comma_end] + (" ".join(item) if last else text[comma_end:position])
    if any(c.isdigit() for c in read) or not (item[0].islower() or item[0].isupper()):
        return False
    if not head[0][0].isalnum() and head[0][0] not in "-–•+*(" or \
            _mark_before(text, before, spaces_only=True) in _FIGURE_END:
        return False  # "/thùng, …", "… 50% | GDP, …": the end of the figure before, not the first item of a list
    if not (head[-1].islower() or (head[-1].isupper() and len(head[-1]) <= _MAX_ABBREVIATION)):
        return False  # "làng Vành, diện tích": a name ends the part before
    bounds = metric_words()
    lowered_head, lowered_item = [w.lower() for w in head], [w.lower() for w in item]
    leads = bounds["lead"]
    while lowered_head and (" ".join(lowered_head[:2]) in leads or lowered_head[0] in leads):
        lowered_head = lowered_head[2:] if " ".join(lowered_head[:2]) in leads else lowered_head[1:]
    opening = bounds["topic"] | bounds["start-after"] | bounds["purpose"] | bounds["verb"] | bounds["stop"]
    if not lowered_head or lowered_head[0] in opening - bounds["keep-start"] or \
            " ".join(lowered_head[:2]) in opening or \
            lowered_head[0][0] in "-–•+*(":
        return False  # "Trong năm, …", "Về thu ngân sách, …": a topic, not the first item of a list
    if lowered_head[0] in bounds["time-unit"] or lowered_head[-1] in bounds["tail"] - bounds["list-inner"] or \
            _predicate_at(lowered_head) is not None or _named_subject(head):
        return False  # "Năm thứ hai liên tiếp, …": a time; "dịch vụ phục hồi mạnh, …": a clause of its own
    if lowered_item[0] in opening or " ".join(lowered_item[:2]) in opening:
        return False  # "…, do 1.000 diễn viên": a cause or a report opens a new clause
    if _has_clause_word(lowered_head) or _has_clause_word(lowered_item) or \
            lowered_head[-1] in bounds["verb"] | bounds["stop"] and not _ends_pair(lowered_head):
        return False  # "Giải ngân vốn đầu tư công còn chậm, nửa năm": a clause, not a list
    subject = bounds["list-breaker"] | bounds["keep-start"] | (bounds["whole"] - bounds["whole-verb"])
    return lowered_item[0] not in subject and " ".join(lowered_item[:2]) not in subject


def _measured_tail(head: list[str]) -> list[str]:
    """The part of ``head`` after its last verb or link word when that word is a linking "với" and a measure noun
    follows it ("Đây là tín hiệu tốt với | mục tiêu giá trị sản xuất ngành chế biến, chế tạo"): the metric starts
    there anyway, so the list is judged on that noun phrase, not on the clause before it. Otherwise the head stays
    whole ("bổ sung có mục tiêu cho ngân sách địa phương, …": an object of the verb, no list).
    """
    lowered = [w.lower() for w in head]
    at = _clause_word_at(lowered)
    if at is None:
        return head
    while (following := _clause_word_at(lowered[at + 1:])) is not None:
        at += following + 1
    tail = lowered[at + 1:]
    opens = bool(tail) and lowered[at] in metric_words()["link-stop"] and \
        (tail[0] in _heads() or " ".join(tail[:2]) in _heads())
    return head[at + 1:] if opens else head


_FIGURE_END = frozenset("%0123456789")  # the figure before ends here ("35,1% | GDP, …")


_MAX_ABBREVIATION = 5  # "TTCN", "XDCB": an abbreviation may end a list item


def _named_subject(head: list[str]) -> bool:
    """Does a name of two capitalized words or more stand inside ``head`` with words after it ("đại biểu Lê Văn
    A nêu vấn đề, …")? A person or a place, then what it does: a clause, not an item of a list.
    """
    titled = [w[:1].isupper() and not w.isupper() for w in head]
    return any(titled[i] and titled[i + 1] and not any(titled[i + 2:]) and len(head) - i >= 4
               for i in range(1, len(head) - 1))


def _ends_pair(lowered: list[str]) -> bool:
    """Do ``lowered`` end with a word pair ("tổng vốn đăng ký mới"), not with a change ("dịch vụ gia tăng")?"""
    return lowered[-1] not in _change_verbs() and \
        any(" ".join(lowered[-size:]) in metric_words()["whole"] for size in (2, 3) if len(lowered) >= size)


def _has_clause_word(lowered: list[str]) -> bool:
    """A verb or link word outside a word pair ("còn", "được"; not the "mức" of "Tổng mức", the "mới" of "đăng
    ký mới") and other than a preposition inside a noun phrase ("dịch vụ của huyện", "bán lẻ trên địa bàn").
    """
    return _clause_word_at(lowered) is not None


def _clause_word_at(lowered: list[str]) -> int | None:
    """Where the first verb or link word of :func:`_has_clause_word` stands, or None."""
    bounds = metric_words()
    clause_words, whole = (bounds["verb"] | bounds["stop"]) - bounds["list-inner"], bounds["whole"]
    for i, word in enumerate(lowered):
        if not i and word in bounds["keep-start"]:
            continue  # "Số khách tham quan, lưu trú": the measure noun opening the phrase, no verb
        if word in clause_words and not (i and f"{lowered[i - 1]} {word}" in whole) and \
                not (i > 1 and " ".join(lowered[i - 2:i + 1]) in whole) and " ".join(lowered[i:i + 2]) not in whole:
            return i
    return None


def _wrapped(text: str, position: int) -> bool:
    """Is the break at ``position`` a hard-wrapped line going on in lower case ("100% các⏎khu vực …")?"""
    return text[position:position + 1] == "\n" and text[position - 1:position].isalpha() and \
        text[position + 1:position + 2].islower()


def _break_after(text: str, position: int) -> int:
    """Where the clause going on at ``position`` ends: the next break that is no hard-wrapped line."""
    brk = CLAUSE_BREAK_RE.search(text, position)
    while brk is not None and _wrapped(text, brk.start()):
        brk = CLAUSE_BREAK_RE.search(text, brk.end())
    return brk.start() if brk else len(text)


_MAX_SHARE_ITEMS = 4  # list items read over commas after a percentage: "100% cán bộ cấp sở, ngành, đảng bộ …"


def _share_list(text: str, after: list[re.Match[str]], clause_end: int) -> list[re.Match[str]]:
    """A share of a list of nouns runs over their commas up to what is said of them: "100% cán bộ lãnh đạo, |
    quản lý được bồi dưỡng …", "95% rác thải sinh hoạt, | rác thải công nghiệp được thu gom": the whole list
    and its predicate name who or what the percentage counts; short items up to the clause's end are the list
    alone. A long item with no predicate, a number, or a first part that already says something ("100% xã có
    …, …") keeps ``after`` as it is.
    """
    if not after or text[clause_end:clause_end + 1] != "," or text[after[-1].end():clause_end].strip() or \
            _has_clause_word([w.group().lower() for w in after]):
        return after
    bounds = metric_words()
    predicates = bounds["share-predicate"] | bounds["passive"] | bounds["link"] | bounds["aspect"]
    words, position = list(after), clause_end + 1
    for _ in range(_MAX_SHARE_ITEMS):
        segment_end = _break_after(text, position)
        segment = list(_WORD_RE.finditer(text, position, segment_end))
        if not segment or not segment[0].group()[0].islower() or any(c.isdigit() for c in text[position:segment_end]):
            return after
        lowered = [w.group().lower() for w in segment]
        said = [i for i in range(len(lowered)) if lowered[i] in predicates or " ".join(lowered[i:i + 2]) in predicates]
        clause = _clause_word_at(lowered)
        at = min([*said[:1], *([] if clause is None else [clause])], default=None)
        if at is None:
            if len(segment) > _MAX_LIST_ITEM_WORDS:
                return after
            words, position = words + segment, segment_end + 1
            if text[segment_end:segment_end + 1] != ",":  # "90% hộ dân, cơ sở sản xuất, kinh doanh sử dụng …"
                return _clean(words)[:_MAX_METRIC_WORDS]
            continue
        if at == 0 or at > _MAX_LIST_ITEM_WORDS or at not in said:
            return after
        return _clean(_trim(words + _until_stop(segment), trim_words()[0], from_end=True))[:_MAX_METRIC_WORDS]
    return after


# TP.HCM, not "quả."; the emphasis marks of Markdown text ("**Tổng vốn** là") are no part of a word
_WORD_RE = re.compile(r"[^\s,;:()\"“”'‘’.!?…*]+(?:[.][^\s,;:()\"“”'‘’.!?…*]+){0,3}")


def _trim(words: list[re.Match[str]], phrases: frozenset[str], from_end: bool) -> list[re.Match[str]]:
    """Drop phrases of up to four words from one end of ``words`` while they are in ``phrases``,
    never splitting a word pair ("Dân số", "Chỉ số") nor dropping the head of "Số xã …".
    """
    bounds = metric_words()
    lowered = [w.group().lower() for w in words]
    lo, hi = 0, len(words)  # the words kept: lowered[lo:hi]

    def joined(a: int, b: int) -> str:
        return " ".join(lowered[a:b])

    edge_words = _last_words(phrases) if from_end else _first_words(phrases)
    while hi > lo:
        if lowered[hi - 1 if from_end else lo] not in edge_words:
            break  # no phrase of the list can end (start) with this word
        if not from_end and any(hi - lo > size and joined(lo, lo + size) in bounds["head"] for size in (2, 3)):
            break  # "trị giá hợp đồng", "số tiền hỗ trợ": a measure noun that is a link elsewhere opens it
        edge = (joined(hi - 3, hi) if from_end else joined(lo, lo + 3)) if hi - lo >= 3 else ""
        if edge in phrases:  # "chiếm tỉ trọng": a verb phrase ending in a word pair still goes
            hi, lo = (hi - 3, lo) if from_end else (hi, lo + 3)
            continue
        if hi - lo >= 2 and (joined(hi - 2, hi) if from_end else joined(lo, lo + 2)) in \
                bounds["whole"] | bounds["kept-verb"]:  # "diện tích rừng bị mất": a passive that names the measure
            break
        if hi - lo >= 3 and (joined(hi - 3, hi) if from_end else joined(lo, lo + 3)) in bounds["whole"]:
            break
        if not from_end and hi - lo > 1 and \
                (lowered[lo] in bounds["keep-start"] or joined(lo, lo + 2) in bounds["decision"]):
            break  # "Số xã …"; "chỉ đạo": a decision verb, not the lead word "chỉ" and a fragment
        for size in (4, 3, 2, 1):
            if hi - lo >= size and (joined(hi - size, hi) if from_end else joined(lo, lo + size)) in phrases:
                hi, lo = (hi - size, lo) if from_end else (hi, lo + size)
                break
        else:
            break
    return words[lo:hi]


_FIGURE_NUMBER_RE = re.compile(r"\d[.,%/]|\d{4}")
_FIGURE_TOKEN_RE = re.compile(r"(?:(?<=\d[.,])|\d{1,3}[.,])\d|\d{1,3}\s?%")  # "8,5" is read as two words "8" "5"
_ALNUM_RE = re.compile(r"[^\W_]")


@cache
def _tails() -> frozenset[str]:
    return metric_words()["tail"] | metric_words()["stop"] | metric_words()["aspect"]


def _clean(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Never a fragment: nothing up to a word with digits (another figure's), no symbol-only words
    ("./."), no dangling link word at the end ("… tăng từ", "… và").
    """
    for i in range(len(words) - 1, -1, -1):  # "12,5%", "1.200": a figure's number; "dưới 5 tuổi" stays
        if _FIGURE_NUMBER_RE.search(words[i].group()) or _FIGURE_TOKEN_RE.match(words[i].string, words[i].start()):
            words = words[i + 1:]
            break
    words = [w for w in words if _ALNUM_RE.search(w.group())]
    tails = _tails()
    while words and words[-1].group().lower() in tails:
        words = words[:-1]
    if all(w.group().isdigit() for w in words):  # "đại biểu nữ: 20 (21,28%)": a bare number is an amount, no name
        return []
    return words


def _metric_of(text: str, words: list[re.Match[str]], extra: str | None = None) -> Metric | None:
    """The metric over ``words``: the text as written when they are contiguous ("Chỉ số giá tiêu dùng
    (CPI)"), else the words joined; ``extra`` (a counted noun) is appended when not already there.
    """
    openers = metric_words()["opener"]
    while words and words[0].group().lower() in openers:
        words = words[1:]  # "Về | chi, …", "Trong khi đó | tăng trưởng GDP …": the topic's or link's word names nothing
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    if text.startswith(")", end) and "(" in text[start:end]:
        end += 1
    gaps = all(_GAP_RE.fullmatch(text, a.end(), b.start()) for a, b in zip(words, words[1:], strict=False))
    body = " ".join(text[start:end].split()) if gaps else " ".join(w.group() for w in words)
    if extra and extra.lower() not in body.lower():
        body = f"{body} {extra}"
    return Metric(text=body, span=span_of(text, start, end))


_GAP_RE = re.compile(r"[\s,()\-–]{1,6}")


def metric_for(text: str, start: int, end: int, q: QuantityLike, periods: PeriodIndex,
               clause_end: int, carry: bool = True) -> Metric | None:
    """The words naming what is measured (see :func:`_metric_for`); a count whose metric would be its
    counted noun alone ("Tỉnh có 57 tàu cá") names nothing more than its noun field: null; so does a count
    of office-holders or agenda items ("21 ủy viên dự khuyết", "8 nghị quyết") unless a measure noun opens it.
    """
    metric = _metric_for(text, start, end, q, periods, clause_end, carry)
    if metric is not None and q.noun and (_bare_noun(metric.text, q.noun) or _unmeasured(metric.text, q.noun)):
        return None
    return metric


def _unmeasured(metric: str, noun: str) -> bool:
    """Is ``noun`` one whose count names no metric (data/metric_bounds.yaml "unmeasured"), the metric not
    being opened by a measure noun ("Số ủy viên nữ": a metric)?
    """
    if " ".join(noun.lower().split()) not in metric_words()["unmeasured"]:
        return False
    lowered = metric.lower().split()[:2]
    return lowered[0] not in _heads() and " ".join(lowered) not in _heads()


def _bare_noun(metric: str, noun: str) -> bool:
    """Is ``metric`` the counted noun alone (case and spacing aside)?"""
    return " ".join(metric.lower().split()) == " ".join(noun.lower().split())


def _metric_for(text: str, start: int, end: int, q: QuantityLike, periods: PeriodIndex,
                clause_end: int, carry: bool = True) -> Metric | None:
    """The words naming what is measured.

    For an amount: the clause before it, less the verb ("ước đạt") and qualifiers at its end, the
    connectors ("và", "trong đó") at its start and a period written inside ("trong 6 tháng đầu
    năm"). For a count, the noun and what follows it when something does ("24 công trình chuyển
    tiếp", "10 CCN đã lấp đầy"), else the clause before and the noun ("kết nạp 125 đảng viên"); null
    after a preposition that only places the action ("tại 18 huyện"). For a percentage, the noun phrase
    after it unless a value verb links it to the phrase before ("Dịp Tết, 100% công nhân …" against
    "Tỷ lệ hộ nghèo còn 2,1%"). A physical measure adds the material after its unit ("… ha lúa đông
    xuân"). ``carry`` is False when reading an earlier clause for a verb-only clause ("…, lũy kế đạt …").
    """
    verbs, leads = trim_words()
    if _wrapped(text, clause_end):  # "Có 30% diện tích⏎nuôi thủy sản …": the words after go on past the line
        clause_end = _break_after(text, clause_end)
    if q.noun and (served := _served(text, q.extent.start)) is not None:  # "dạy nghề cho 800 người"
        return Metric(text=" ".join([*(w.group() for w in served), q.noun]),
                      span=Span(start=served[0].start(), end=q.span.end, text=text[served[0].start():q.span.end]))
    if q.noun and _in_context(text, q.extent.start):
        return None  # "giao nhiệm vụ cho 17 sở", "tại 18 huyện": a count that places the action measures nothing
    if (bounded := _bounded_subject(text, start, end)) is not None:
        return _metric_of(text, bounded)  # "số xã đạt từ 10 tiêu chí trở lên | là 37 xã": the bound is the subject's
    measured = q.unit is not None and q.unit not in ("%", "count") and \
        q.unit.split("/")[0] not in lexicon.currency_units()  # "gieo cấy 1.824 ha lúa đông xuân"
    if q.noun or q.unit == "%" or measured:
        after = _words_after(text, q, clause_end)
        if q.unit == "%":  # "87,07% đại biểu tán thành": a share of people, named after it
            raw_before = list(_WORD_RE.finditer(text, start, end))
            before = _trim(_trim(raw_before, verbs, from_end=True), leads, from_end=False) \
                if _after_speech(raw_before) else []  # "…, do 1.000 diễn viên …": a cause word, no action
            qualifier = text[q.extent.start:q.span.start].lower().split()  # "vượt 16% chỉ tiêu"
            valued = bool(text[end:q.extent.start].strip()) or bool(qualifier) and qualifier[-1] in _value_verbs() or (
                " ".join(w.group() for w in raw_before[-2:]).lower() in _value_verbs() or
                bool(raw_before) and raw_before[-1].group().lower() in _value_verbs()) or _headed(before)
            if (share := _share_with(raw_before)) is not None:  # "… chiếm tỷ trọng lớn với | 66% tổng …"
                subject = _before_predicate(_trimmed(raw_before[:share]))
                if subject:
                    return _metric_of(text, subject)
            after = _trim(after, metric_words()["topic"], from_end=False)  # "45% | đối với dự án …"
            after = after if after and (not before or not valued) and _opens_noun(after[0].group()) and \
                not (valued and _names_base(after)) else []  # "đạt 46,5% dự toán": the base, not the metric
        if after and q.unit == "%":
            listed = _share_list(text, after, clause_end)
            if listed is not after:
                return _metric_of(text, listed)
            return Metric(text=" ".join(w.group() for w in after),
                          span=Span(start=after[0].start(), end=after[-1].end(),
                                    text=text[after[0].start():after[-1].end()]))
        if after and (q.noun or (_opens_noun(after[0].group()) and after[0].group().lower() not in leads and
                                 not _names_base(after))) and \
                not cue_re().search(text, after[0].start(), after[-1].end()):
            raw_before = list(_WORD_RE.finditer(text, start, end))
            before = _trim(_trim(raw_before, verbs, from_end=True), leads, from_end=False) \
                if _after_speech(raw_before) else []  # "…, do 1.000 diễn viên …": a cause word, no action
            linked = bool(raw_before) and raw_before[-1].group().lower() in metric_words()["link"]
            # "kết nạp 125 đảng viên mới": an action; "Hiện huyện có 450 hộ …": a subject, left out
            before = before if 0 < len(before) <= (_MAX_VERB_WORDS if q.noun else _MAX_MEASURE_WORDS) and \
                not linked else []
            begin, end_at = (before[0].start() if before else q.span.start), after[-1].end()
            named = [q.noun] if q.noun else []  # a measure names its material after the unit: "ha lúa"
            return Metric(text=" ".join([*(w.group() for w in before), *named, *(w.group() for w in after)]),
                          span=Span(start=begin, end=end_at, text=text[begin:end_at]))
    for _ in range(_MAX_WRAPPED_LINES):  # "tỷ lệ phụ\nthuộc chung đạt 51%": a hard-wrapped line goes on
        goes_on = text[start:start + 1].islower() or text[start:start + 1].isdigit()
        if not (start > 1 and text[start - 1] == "\n" and goes_on and text[start - 2].isalpha()):
            break
        start = clause_start(text, max(0, start - _MAX_SENTENCE_BACK), start - 1)
    inside = [p.period.span for p in periods.between(start, end)
              if p.period.span is not None and p.period.span.end <= end]
    opened = text.rfind("(", start, end)
    if opened >= 0 and ")" not in text[opened:end] and text[opened + 1:end].strip():
        start = opened + 1  # "Làng Tân (diện tích 12 km2": the bracket names what its amount measures
    marker = _LIST_MARKER_RE.match(text, start, end)
    if marker is not None:
        start = marker.end()  # "b) Tỷ suất sinh lợi …", "(i) Vốn ngân sách: …": the list marker is no word
    quoted = text.rfind("“", start, end)
    if quoted >= 0 and "”" not in text[quoted:end] and text[quoted + 1:end].strip():
        start = quoted + 1  # "… tăng trưởng kinh tế (NLĐ)- “Giá trị sản xuất …": a quotation opens the clause
    raw_words = _without_time(_after_speech(_words_past_asides(text, start, end)))
    if inside:
        raw_words = [w for w in raw_words if not any(span.start <= w.start() < span.end for span in inside)]
    raw_words = _next_share_subject(text, start, raw_words, q)
    if not q.noun and (share := _share_with(raw_words)) is not None:
        raw_words = raw_words[:share]  # "lĩnh vực chế biến | chiếm tỷ trọng cao nhất với 179 tỷ USD": the subject
    words = _trimmed(_from_head(raw_words)) or _trimmed(raw_words)  # "với số tiền …": a link, not a measure
    if len(words) == 1 and (after_link := _from_head(raw_words)) is not raw_words:
        words = _head_only(after_link) or words  # "(người) có công với | tổng số tiền 431 tỷ đồng": one word left
    words = _past_actions(text, _before_change(words) or _head_only(raw_words))
    if q.unit == "count" and q.noun and q.noun.lower() not in " ".join(w.group() for w in words).lower():
        # "Huyện có 21 thôn": what is counted; "Đoàn đã kiểm tra 9 sở": the action and what is counted
        headed_words = _from_head(raw_words)
        related = _after_relation(headed_words)  # a long subject stays, unless it is a body that acts
        words = _trimmed(_after_actor(_after_body(text, related), named=True) if related == headed_words else related)
    if not words and not q.noun and (growth := _growth_cue(text, end, q.extent.start)) is not None:
        return growth  # "… phải tăng trưởng 7,4%": the growth word is what is measured
    mark = _last_mark(text, start)
    sign = text[mark] if mark >= 0 else ""
    if not words and carry and _equivalent(text, end, q):
        # "… là 2.659 tỷ đồng (tương đương 115 triệu USD)", "… 4,87 tỷ USD tương đương 113.229 tỷ đồng": the same
        # amount in another unit measures what the amount before it does
        carried = _carried(text, mark, q, periods, clause_end)
        if carried is not None:
            return carried
    if not words and carry and (sign in ":(" or (sign == "," and not q.noun)) and sign and \
            not _opens_part(raw_words):
        # "Tổng kinh phí: 1,2 tỷ đồng"; "Thu ngân sách đạt 3,2 tỷ đồng, lũy kế 10 tháng đạt 131 tỷ đồng":
        # a clause of a verb only measures what the clause before it names
        carried = _carried(text, mark, q, periods, clause_end)
        if carried is not None:
            return carried
    if not words and carry and not q.noun and _after_figure(text, start, q) and not _opens_part(raw_words):
        # "Lạm phát tăng 0,3% so tháng trước và tăng 1,9% so cùng kỳ", "Tỷ lệ … tăng từ 19% lên 36%": a
        # second amount of the same clause, with only verbs before it, measures what the first one does
        carried = _carried(text, start, q, periods, clause_end)
        if carried is not None:
            return carried
    words = _shortened(words if q.noun else _after_actor(_after_body(text, _before_predicate(words)))
                       if q.unit != "%" else _before_predicate(words))
    if words and not q.noun and not _headed(words) and not _names_money(words) and \
            (purpose := _purpose_after(text, q, clause_end)):
        return _metric_of(text, purpose)  # "Tỉnh bố trí 50 tỷ đồng để | xây dựng trường học": what it is for
    if not words and q.noun:
        return Metric(text=q.noun, span=q.span)
    if not words:  # "Trong đó, 210 tỷ đồng vốn trái phiếu …", "Riêng 21 tỷ đồng là kinh phí tiết kiệm …"
        after = _trim(_words_after(text, q, clause_end), leads, from_end=False) if carry else []
        after = [] if q.unit == "%" and _names_base(after) else after
        return _metric_of(text, after) if after and _opens_noun(after[0].group()) else None
    if not q.noun and (goal := _goal_growth(text, words, end, q)) is not None:
        return goal
    headed = _headed(words)  # "Số đoàn viên … là 25 đồng chí", "quy mô dân số là 560 người": no noun added
    last = text[start:end].lower().split()[-1:]  # "Đảng viên tái cử là 87 người": the subject names what is counted
    headed = headed or bool(q.noun) and bool(last) and last[0] in metric_words()["copula"]
    metric = _metric_of(text, words, None if headed else q.noun)
    if metric is not None and q.noun:
        metric = Metric(text=metric.text, span=span_of(text, words[0].start(), q.span.end))
    return metric


_ASIDE_RE = re.compile(r"\(([^()]*\d[^()]*)\)")  # "(chiếm tỷ trọng 6,33%)": a bracket holding a figure of its own
_ASIDE_WORD_RE = re.compile(r"[^\W\d_]{2,}")  # a word of the aside: "(107.000 x 100.000)" is a formula, no aside


def _words_past_asides(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The words of the window ``start``-``end`` less a bracketed aside that holds a figure of its own and stands
    between the subject and its verb: "thị trường châu Âu (chiếm tỷ trọng 6,33%) | tăng …" names "thị trường châu
    Âu". A window that opens inside such an aside (right after the figure in it: "khu vực FDI (chiếm 98% giá trị
    xuất khẩu) | đạt 10,56 tỷ USD") reads the clause before the bracket instead. Words other than the verb after
    the bracket ("(…) nhưng vẫn thấp hơn …") make it a clause of its own, read as it stands.
    """
    closing = text.rfind(")", start, end)
    if closing >= 0 and "(" not in text[start:closing] and _verb_only(text, closing + 1, end):
        opening = text.rfind("(", _sentence_start(text, start), start)
        aside = _ASIDE_RE.match(text, opening) if opening >= 0 else None
        if aside is not None and aside.end() == closing + 1 and _ASIDE_WORD_RE.search(aside.group(1)):
            start = clause_start(text, _sentence_start(text, opening), opening)
            return [*_WORD_RE.finditer(text, start, opening), *_WORD_RE.finditer(text, closing + 1, end)]
    words = list(_WORD_RE.finditer(text, start, end))
    asides = [m.span() for m in _ASIDE_RE.finditer(text, start, end)
              if _ASIDE_WORD_RE.search(m.group(1)) and _verb_only(text, m.end(), end)]
    return [w for w in words if not any(a <= w.start() < b for a, b in asides)] if asides else words


def _verb_only(text: str, start: int, end: int) -> bool:
    """Are the words from ``start`` to ``end`` a verb and its qualifiers alone ("đạt trên", "tăng")?"""
    words = list(_WORD_RE.finditer(text, start, end))
    return not _trim(words, trim_words()[0] | _change_verbs(), from_end=True)


_MAX_TAIL_CHARS = 12  # characters read back for a class bound's end before the window ("… trở xuống")


def _bounded_subject(text: str, start: int, end: int) -> list[re.Match[str]] | None:
    """The subject of a clause that holds a class bound before its count ("số xã đạt từ 10 tiêu chí trở lên | là
    37 xã", metric_bounds.yaml "threshold-tail"): read from its measure noun with the bound's amount, less the
    copula and the bound's end (written as the annotators do: "Tỷ lệ người từ 60 tuổi").
    When the bound's own amount was taken as a figure the window opens at the bound's end and the clause is read
    from its start. None unless a measure noun opens the words.
    """
    tails = metric_words()["threshold-tail"]
    before = text[max(0, start - _MAX_TAIL_CHARS):start].lower().split()
    gap = text[start:end].lower().split()
    opened = " ".join(gap[:2]) in tails or " ".join(before[-2:]) in tails
    begin = clause_start(text, _sentence_start(text, start), start) if opened else start
    verbs, leads = trim_words()
    words = _from_head(list(_WORD_RE.finditer(text, begin, end)))
    kept = len(_trim(words, verbs, from_end=True))
    if not opened and " ".join(w.group().lower() for w in words[kept:kept + 2]) not in tails:
        return None  # the bound's end goes as "tuổi trở lên" does (s5-metric-scoring-rules): "từ 15 tiêu chí"
    words = _trim(words[:kept], leads, from_end=False)
    return words if _headed(words) else None


_TIME_NUMBER_RE = re.compile(r"\d{1,4}(?:[/-]\d{1,4}){0,2}|[IVX]{1,4}(?:/\d{4})?")  # "9", "10/2023", "II/2024"


def _without_time(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """``words`` less the time phrases in them ("tháng 9", "9 tháng đầu năm", "quý II/2024"): the time is
    the period of the figure, never part of what it measures, even where no year lets it become a period.
    """
    bounds = metric_words()
    units, tails = bounds["time-unit"], bounds["time-tail"]
    lowered = [w.group().lower() for w in words]
    drop: set[int] = set()
    for i, word in enumerate(lowered):
        if word not in units:
            continue
        following = lowered[i + 1:i + 3]
        if following and (" ".join(following) in tails or following[0] in tails):
            drop |= {i, i + 1} | ({i + 2} if len(following) == 2 and " ".join(following) in tails else set())
            continue  # "năm vừa qua", "năm nay"
        if i and lowered[i - 1] in bounds["time-lead"]:
            drop |= {i - 1, i}  # "cả năm", "nửa năm"
            continue
        if i + 1 < len(words) and _TIME_NUMBER_RE.fullmatch(words[i + 1].group()):
            drop |= {i, i + 1}  # "tháng 9", "quý II", "năm 2023"
            if i > 1 and lowered[i - 1].isdigit():  # "trong 2 | năm 2002-2003": the length of the period too
                drop |= {i - 1} | ({i - 2} if lowered[i - 2] in bounds["time-lead"] | bounds["tail"] else set())
        elif i and _TIME_NUMBER_RE.fullmatch(words[i - 1].group()) and words[i - 1].group()[0].isdigit():
            drop |= {i - 1, i}  # "9 tháng"
        else:
            continue
        after = max(drop) + 1
        if " ".join(lowered[after:after + 2]) in tails:
            drop |= {after, after + 1}  # "9 tháng đầu năm"
        first = min(k for k in drop if k >= i - 2)
        if first and lowered[first - 1] in bounds["tail"]:  # "cấp xã | trong tháng 8/2021 | đã tiếp nhận …"
            drop.add(first - 1)  # a preposition left dangling goes with its time phrase
    return [w for i, w in enumerate(words) if i not in drop]


@cache
def _change_verbs() -> frozenset[str]:
    """The single words of data/comparisons.yaml that state a change ("tăng", "giảm", "vượt")."""
    return frozenset(s.lower() for e in lexicon.load("comparisons") if e.id in ("up", "down")
                     for s in e.surfaces if " " not in s)


def _before_change(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The subject before a change verb inside the phrase: "nhóm giao thông | tăng cao nhất với 3,21%",
    "tín dụng | tăng hơn so với các năm trước ở mức 7,98%": the change is the relation, not the metric.
    A word pair stays whole ("giá trị gia tăng", "tăng trưởng").
    """
    lowered = [w.group().lower() for w in words]
    verbs, whole = _change_verbs(), metric_words()["whole"]
    for i in range(1, len(words)):
        if lowered[i] in verbs and " ".join(lowered[i:i + 2]) not in whole and \
                f"{lowered[i - 1]} {lowered[i]}" not in whole and " ".join(lowered[max(0, i - 2):i + 1]) not in whole:
            return _trimmed(words[:i]) or words
    return words


def _past_actions(text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words from a measure noun after a list of actions done to it ("Chăm sóc, bảo vệ tốt | diện tích cao su,
    hiện có là 2.106 ha", "Trồng mới, chăm sóc | diện tích chè"): the actions are what was done, the measure
    noun names what the amount measures. Only a comma list before the noun, with no measure noun of its own, is
    read so: "giải ngân vốn …" (no comma) keeps its verb.
    """
    for i in range(1, len(words)):
        if not _headed(words[i:]) or not words[i].group()[:1].islower():
            continue
        before = words[:i]
        listed = any("," in text[a.end():b.start()] for a, b in zip(before, words[1:i + 1], strict=False))
        clause = {w.group().lower() for w in before} & (metric_words()["aspect"] | metric_words()["lead"])
        if listed and not clause and not any(_headed(before[j:]) for j in range(len(before))) and \
                "," not in text[before[-1].end():words[i].start()]:
            return words[i:]  # no "đã", no lead word: "Đặc biệt, tỉnh đã thu hút vốn …" is a clause, not a list
        return words
    return words


_BRACKET_RE = re.compile(r"[()]")


_LIST_MARKER_RE = re.compile(r"[\s*]{0,4}(?:\(?(?:[a-zđ]|[ivx]{1,4}|\d{1,2})\)|\d{1,2}\.)\s")  # "b) ", "(ii) ", "1. "


def _words_after(text: str, q: QuantityLike, clause_end: int) -> list[re.Match[str]]:
    """The words after an amount that may name what it counts: up to a stop word, a number, a bracket
    ("243 người) thuộc xã …") or the clause end, less a verb at their end.
    """
    window = min(clause_end, q.extent.end + 120)
    bracket = _BRACKET_RE.search(text, q.extent.end, window)
    words = list(_WORD_RE.finditer(text, q.extent.end, bracket.start() if bracket else window))
    stopped = _until_stop(words, counted=q.noun is not None)
    if stopped and len(stopped) < len(words) and stopped[-1].group().lower() in metric_words()["time-unit"] and \
            _TIME_NUMBER_RE.fullmatch(words[len(stopped)].group()):
        stopped = stopped[:-1]  # "45% | năm 2016 đối với …" stops at "2016": its "năm" is the period
    after = _without_time(stopped)
    return _clean(_trim(after, trim_words()[0], from_end=True)[:_MAX_AFTER_WORDS])


@cache
def _value_verbs() -> frozenset[str]:
    """Words after which a percentage is the value of the phrase before it ("đạt", "chiếm", "còn")."""
    keys = ("value-verb", "share-verb", "level-word", "to-level", "comparative", "equivalent")
    return cue_set(*keys) | metric_words()["value-link"]


def _next_share_subject(text: str, start: int, words: list[re.Match[str]],
                        q: QuantityLike) -> list[re.Match[str]]:
    """After a share ("Chi trung ương chiếm 56,2% | tổng chi ngân sách và chi địa phương chiếm 43,8%"), the words up
    to "và" are the whole of that share; the subject of the next share verb starts after the last "và".
    """
    lowered = [w.group().lower() for w in words]
    shares = cue_set("share-verb")
    verb = text[words[-1].end():q.span.start].lower().split() if words else []
    joined = len(lowered) - 1 - lowered[::-1].index("và") if "và" in lowered else 0
    if _mark_before(text, start) != "%" or not verb or verb[0] not in shares or \
            not 0 < joined < len(lowered) - 1:
        return words
    return words[joined + 1:]


def _mark_before(text: str, position: int, spaces_only: bool = False) -> str:
    """The last character before ``position`` past white space (or spaces only), "" at the start of the text. Read
    in place: a copy of the text before it, per figure, makes a long document's parse quadratic.
    """
    i = position
    while i > 0 and (text[i - 1] == " " if spaces_only else text[i - 1].isspace()):
        i -= 1
    return text[i - 1] if i > 0 else ""


def _share_with(words: list[re.Match[str]]) -> int | None:
    """Where the share verb stands when the clause ends "chiếm tỷ trọng lớn với" ("Ngành dịch vụ | chiếm tỷ trọng
    cao nhất với 45% GRDP"): the percentage is the value of the subject before the verb; what follows it is the
    whole it is a share of. None for any other clause.
    """
    lowered = [w.group().lower() for w in words]
    shares = cue_set("share-verb")
    if not lowered or lowered[-1] not in metric_words()["link-stop"]:
        return None
    return next((i for i in range(len(lowered) - 2, 0, -1) if lowered[i] in shares), None)


@cache
def _base_words() -> frozenset[str]:
    """The comparison bases of data/comparisons.yaml ("kế hoạch", "dự toán", "cùng kỳ"), lower-cased."""
    return frozenset(s.lower() for e in lexicon.load("comparisons") if e.id == "base" for s in e.surfaces)


def _names_base(words: list[re.Match[str]]) -> bool:
    """Do ``words`` open with a comparison base ("dự toán", "kế hoạch năm")?"""
    lowered = [w.group().lower() for w in words[:3]]
    return any(" ".join(lowered[:size]) in _base_words() for size in range(1, len(lowered) + 1))


def _opens_noun(word: str) -> bool:
    """Can ``word`` open the noun phrase after a percentage: lower case, or an abbreviation ("CNVCLĐ")?"""
    return word[0].islower() or (word.isupper() and len(word) > 1)


# A count listed right after another: "41 xã; 17 phường", "74 xã, 11 phường và 12 thị trấn".
_LISTED_COUNT_RE = re.compile(r"(?<![\w.,])\d[\d.,]{0,12}[ ]+[^\W\d]+(?:[ ][^\W\d]+){0,3}[ ]*(?:[;,]|[ ]và)[ ]+\Z")


@cache
def _count_context() -> frozenset[str]:
    """The ``count-context`` words of data/figure_cues.yaml and the ``reach`` phrases of data/metric_bounds.yaml
    ("kết nối đến", "thuộc"), lower-cased.
    """
    return cue_set("count-context") | metric_words()["reach"]


def _served(text: str, position: int) -> list[re.Match[str]] | None:
    """The service phrase right before "cho" and the amount at ``position`` ("giải quyết việc làm | cho 12.000
    lao động", data/metric_bounds.yaml "served"), longest first, or None.
    """
    words = list(_WORD_RE.finditer(text, max(0, position - 60), position))
    if not words or words[-1].group().lower() != "cho":
        return None
    served = metric_words()["served"]
    for size in (5, 4, 3, 2, 1):
        phrase = words[-size - 1:-1]
        if len(words) > size and " ".join(w.group() for w in phrase).lower() in served:
            return phrase
    return None


def _in_context(text: str, position: int) -> bool:
    """Is the amount at ``position`` the object of a preposition that only places or addresses the action
    ("cho 17 sở", "tại 18 huyện", "ý kiến của 4 đồng chí", "ở 659 quận, huyện")?
    """
    before = [w.group().lower() for w in _WORD_RE.finditer(text, max(0, position - 30), position)]
    if len(before) >= 2 and " ".join(before[-2:]) in _boundary_verbs():
        return False  # "Quốc hội đã thông qua 7 luật": a verb that ends in a preposition's word
    context = _count_context()
    if before and any(" ".join(before[-size:]) in context for size in (1, 2, 3) if len(before) >= size):
        return True
    listed = _LISTED_COUNT_RE.search(text, max(0, position - 60), position)  # "gồm 41 xã; | 17 phường"
    return listed is not None and _in_context(text, listed.start())


def _trimmed(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """``words`` less the verb and qualifiers at the end, the connectors and an assessment at the start
    ("và | cao hơn | mức bình quân chung"), never a fragment.
    """
    verbs, leads = trim_words()
    return _clean(_unassessed(_trim(_trim(words, verbs, from_end=True), leads, from_end=False)))


_NUMBER_RE = re.compile(r"(?<![\w.,/])\d[\d.,]*")  # "185,088": where the amount of the clause before starts


_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")


_MAX_WRAPPED_LINES = 2  # lines a clause is followed back over when the text is hard-wrapped


_MAX_SENTENCE_BACK = 600  # characters read back for the start of a sentence


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (after the last sentence end before it)."""
    floor = max(0, position - _MAX_SENTENCE_BACK)
    return max((m.end() for m in _SENTENCE_END_RE.finditer(text, floor, position)), default=floor)


_MAX_CARRY_CLAUSES = 3  # clauses read back for a metric: "X đạt 891 tỷ đồng, tăng 1,9%, lũy kế đạt …"


_MAX_MARK_BACK = 200  # characters read back for the sign that ends the clause before


def _last_mark(text: str, position: int) -> int:
    """The index of the last non-space character before ``position`` (-1 if none close by); reads a
    bounded window, never the whole text before it (a 30 MB document has many figures).
    """
    floor = max(0, position - _MAX_MARK_BACK)
    stripped = text[floor:position].rstrip()
    return floor + len(stripped) - 1 if stripped else -1


def _carried(text: str, mark: int, q: QuantityLike, periods: PeriodIndex, clause_end: int) -> Metric | None:
    """The metric of the nearest clause before the break at ``mark`` (in its sentence) that names one,
    read up to its own amount; comparisons in between ("tăng 1,9% so cùng kỳ") name nothing.
    """
    floor = _sentence_start(text, mark)
    for _ in range(_MAX_CARRY_CLAUSES):
        if mark <= floor:
            return None
        previous = _clause_before(text, floor, mark)
        numbers = [m.start() for m in _NUMBER_RE.finditer(text, previous, mark)  # not "năm 2025": a time
                   if not set(text[previous:m.start()].lower().split()[-1:]) & metric_words()["time-unit"]]
        carried = _metric_for(text, previous, numbers[-1] if numbers else mark, q, periods, clause_end, carry=False)
        if carried is not None:
            return carried
        mark = _last_mark(text, previous)
    return None


_UNIT_TEXT_RE = re.compile(r"[\d.,\s]*(.*)", re.DOTALL)  # "12.374 tỷ đồng" -> "tỷ đồng"


def _before_predicate(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words before what is said of the measure ("Kinh tế dân doanh | đang có xu hướng", "GDP | tiếp tục
    tăng trưởng cao"; metric_bounds.yaml "predicate"), when a phrase of two words or more stands before it.
    """
    at = _predicate_at([w.group().lower() for w in words])
    return words if at is None else _trimmed(words[:at]) or words


def _before_predicate_words(words: list[str]) -> list[str]:
    """``words`` up to what is said of them ("chế tạo | tiếp tục"), as :func:`_before_predicate` reads a phrase."""
    at = _predicate_at([w.lower() for w in words])
    return words if at is None else words[:at]


def _predicate_at(lowered: list[str]) -> int | None:
    """Where what is said of the measure starts, after a phrase of two words or more (see _before_predicate)."""
    predicates = metric_words()["predicate"]
    for i in range(2, len(lowered)):
        if any(" ".join(lowered[i:i + size]) in predicates for size in (1, 2, 3, 4)):
            return i
    return None


def _after_actor(words: list[re.Match[str]], named: bool = False) -> list[re.Match[str]]:
    """The action after an actor and an aspect word ("các địa phương đã | trích ngân sách"), unless the
    actor is the measure ("tổng số vốn … đã giao"), names money, or the action is passive ("đã được …").
    An aspect word that opens a word pair is none ("đã | chỉ đạo": not "chỉ | đạo"). With ``named`` (before a
    count) the actor must be a body, an office or a named person (see _names_actor): a field of work before the
    aspect word is the topic the count belongs to ("Xây dựng cơ bản đã triển khai …"); and a copula after it
    ("những người đã quá tuổi … là mở chợ") makes it part of a relative clause, not the actor's action.
    """
    bounds = metric_words()
    aspects = bounds["aspect"]
    pairs = _boundary_verbs() | bounds["whole"] | bounds["body-action"] | bounds["decision"]
    lowered = [w.group().lower() for w in words]
    for i in range(len(words) - 2, 0, -1):
        if lowered[i] not in aspects or lowered[i + 1] in ("được", "bị") or lowered[i + 1] in aspects or \
                f"{lowered[i]} {lowered[i + 1]}" in pairs:
            continue
        actor = words[:i]
        if len(actor) < 2 or _headed(actor) or _names_money(actor) or \
                (named and (not _names_actor(actor) or set(lowered[i + 1:]) & bounds["copula"])):
            return words
        return _trimmed(words[i + 1:]) or words
    return words


def _names_actor(words: list[re.Match[str]]) -> bool:
    """Do ``words`` name who acts: a body ("UBND TP", "Các cấp ủy"), an office ("Chủ tịch UBND tỉnh …",
    data/titles.yaml) or a person or place by a name of two capitalized words ("Thanh Hóa", "Mai Ái Trực")?
    """
    words = _trim(words, metric_words()["lead"], from_end=False) or words  # "Các | cấp ủy"
    text = words[0].string
    toks = tokenize(text, words[0].start(), words[-1].end())
    if _opens_body(text, words) or (toks and vocabulary().titles.match(toks, 0) is not None):
        return True
    titled = [w.group()[:1].isupper() and not w.group().isupper() for w in words]
    return any(titled[i] and titled[i + 1] for i in range(len(words) - 1))


def _after_body(text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The action after a body that opens the phrase ("UBND TP Sóc Trăng | ban hành quyết định | xử phạt hành
    chính", "Đảng bộ thị xã đã | kết nạp mới"): who acts is no part of what is measured, nor is the decision
    that orders the action (metric_bounds.yaml "decision"). The body starts with an organization word, an
    abbreviation of one ("UBND") or an administrative unit ("tỉnh Lạng Sơn"); an action verb (data/
    boundary_verbs.yaml, metric_bounds.yaml "body-action") or an aspect word ("đã") must follow it.
    """
    if len(words) < 2:
        return words
    if not _opens_body(text, words):
        return words
    toks = tokenize(text, words[0].start(), words[-1].end())
    end = org_end(toks, 0)
    if end == 0 or end >= len(toks):
        return words
    rest = [w for w in words if w.start() >= toks[end].start]
    if not rest or text[toks[end - 1].end:rest[0].start()].strip():
        return words  # "thị xã, thành phố": a list of bodies, not a body and its action
    lowered = [w.group().lower() for w in rest]
    bounds = metric_words()
    at = 0
    while at < len(lowered) and lowered[at] in bounds["aspect"]:
        at += 1  # "Bộ Tài chính cũng vừa | bổ sung"
    acted = at > 0
    for size in (4, 3, 2, 1):
        if " ".join(lowered[at:at + size]) in bounds["decision"] and len(lowered) > at + size:
            at += size
            break
    actions = _boundary_verbs() | bounds["body-action"]
    if not (acted or at or " ".join(lowered[at:at + 2]) in actions or lowered[at:at + 1] and lowered[at] in actions):
        return words  # "Công ty CP | khoáng sản Minh Long": no action after the name
    return _trimmed(rest[at:]) or words


def _after_figure(text: str, start: int, q: QuantityLike) -> bool:
    """Does the clause window at ``start`` follow another amount of the same clause and unit ("tăng từ
    19% | lên 36%"), with no break nor bracket between? A count or another unit in between ("cấp phép 8 dự
    án | 10.000 tỷ đồng", "dài 4m | 30m2") measures something else.
    """
    begin = _clause_before(text, _sentence_start(text, start), start)
    unit = _UNIT_TEXT_RE.match(text, q.extent.start, q.extent.end)
    if begin >= start or unit is None or not unit.group(1) or "(" in text[begin:q.extent.start]:
        return False
    numbers = [m for m in _NUMBER_RE.finditer(text, begin, start)
               if not set(text[begin:m.start()].lower().split()[-1:]) & metric_words()["time-unit"]]
    if not numbers:
        return False
    last = _UNIT_TEXT_RE.match(text, numbers[-1].start(), start)
    return last is not None and last.group(1).startswith(unit.group(1))


def _growth_cue(text: str, start: int, end: int) -> Metric | None:
    """The growth word written as the comparison word before an amount ("phải tăng trưởng 7,4%"), as a metric."""
    gap = text[start:end]
    words = gap.split()
    if not words or " ".join(words).lower() not in cue_set("growth"):
        return None
    begin = start + len(gap) - len(gap.lstrip())
    return Metric(text=" ".join(words), span=span_of(text, begin, begin + len(gap.strip())))


def _goal_growth(text: str, words: list[re.Match[str]], end: int, q: QuantityLike) -> Metric | None:
    """A target and its growth word ("giữ mục tiêu tăng trưởng GDP 7%", "Chỉ tiêu tăng trưởng 8%"): the metric
    starts at the goal noun, since the verb before it only sets the target, and keeps the growth word the
    comparison reads right before the amount ("mục tiêu | tăng trưởng 6,5%"); else None.
    """
    lowered = [w.group().lower() for w in words]
    goals, growth = metric_words()["goal"], cue_set("growth")
    for i in range(len(words) - 1):
        if " ".join(lowered[i:i + 2]) not in goals:
            continue
        cue = _growth_cue(text, end, q.extent.start) if i + 2 == len(words) else None
        if cue is None and " ".join(lowered[i + 2:i + 4]) not in growth:
            continue
        metric = _metric_of(text, words[i:])
        if metric is None or cue is None:
            return metric
        return Metric(text=f"{metric.text} {cue.text}", span=span_of(text, words[i].start(), cue.span.end))
    return None


def _equivalent(text: str, end: int, q: QuantityLike) -> bool:
    """Is the amount ``q`` stated as the equal of the one before it, an equivalence word (data/figure_cues.yaml
    "equivalent") alone between its clause window (ending at ``end``) and it? A share is left alone.
    """
    gap = " ".join(text[end:q.extent.start].lower().split())
    return q.unit != "%" and any(gap == word or gap.startswith(f"{word} ") for word in cue_words()["equivalent"])


def _clause_before(text: str, floor: int, mark: int) -> int:
    """The start of the clause ending at the break ``mark``, reading past decimal commas ("3,2 tỷ đồng")."""
    begin = clause_start(text, floor, mark)
    while begin > floor + 1 and text[begin - 1] == "," and text[begin - 2].isdigit() and \
            text[begin:begin + 1].isdigit():
        begin = clause_start(text, floor, begin - 1)
    return begin


def _opens_part(words: list[re.Match[str]]) -> bool:
    """ "…, trong đó 561 tỷ đồng từ …": the clause names a part of the amount before, not the same measure."""
    lowered = [w.group().lower() for w in words[:3]]
    parts = cue_set("part", "count-context")
    return any(" ".join(lowered[:size]) in parts for size in range(1, len(lowered) + 1))


@cache
def _boundary_verbs() -> frozenset[str]:
    """Verbs seen right before numbers (generated): the relation, not part of the metric."""
    return frozenset(s.lower() for s in lexicon.surfaces("boundary_verbs"))


_MAX_SUBJECT_WORDS = 2  # "Huyện có", "Toàn tỉnh đã cấp": a short subject, not a metric of its own


def _after_relation(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Before a count, a short subject is not the metric: cut after a linking verb ("Huyện có | 21
    thôn") or at the run of action verbs before the count ("Đoàn đã | kiểm tra 9 sở, ngành"). A long
    phrase before the verb names what is counted and stays ("Tổng số lao động … có trên 59.020 người").
    """
    lowered = [w.group().lower() for w in words]
    links, actions, whole = metric_words()["verb"], _boundary_verbs(), metric_words()["whole"]
    leads = metric_words()["lead"]
    decisions = metric_words()["decision"]  # "đã | chỉ đạo": "chỉ" opens the verb, it links or leads nothing
    cut = next((i + 1 for i in range(len(words) - 1, -1, -1)
                if lowered[i] in links and not (i and f"{lowered[i - 1]} {lowered[i]}" in whole) and
                " ".join(lowered[i:i + 2]) not in decisions), None)
    if cut is None:
        pairs = [f"{a} {b}" for a, b in zip(lowered, lowered[1:], strict=False)]
        last = max((i for i in range(len(words)) if lowered[i] in actions or (i < len(pairs) and pairs[i] in actions)),
                   default=-1)
        if last <= 0:  # no known action verb: "Đoàn đã | kiểm tra 9 sở" cuts after the aspect word
            last = next((i + 1 for i in range(len(words) - 2, 0, -1)
                         if lowered[i] in leads and f"{lowered[i]} {lowered[i + 1]}" not in decisions), -1)
        if last <= 0:
            return words
        cut = last
        while cut > 0 and (lowered[cut - 1] in actions or (cut >= 2 and pairs[cut - 2] in actions)):
            cut -= 1 if lowered[cut - 1] in actions else 2
    subject = [w for w in lowered[:cut] if w not in leads and w not in links]
    return words[cut:] if len(subject) <= _MAX_SUBJECT_WORDS else words
