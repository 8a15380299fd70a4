"""``govreport render``: the HTML review page, checked as markup and in a real headless Chromium.

The browser tests need Debian's ``chromium`` and ``chromium-driver``; ``make test`` installs them
(its ``browser`` step, with apt-get when run as root) and the tests skip, saying so, where they are
missing. Set ``GOVREPORT_SCREENSHOTS=DIR`` to keep the screenshots somewhere you can look at
them; otherwise they go to pytest's temporary folder (the path is printed with ``-s``).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import govreport
from conftest import FIXTURES
from govreport.cli import main
from govreport.errors import InputError
from govreport.models import (
    Comparison,
    Figure,
    Meeting,
    Metric,
    Official,
    Period,
    Reference,
    Report,
    Span,
    Title,
)
from govreport.render import (
    HIGHLIGHT_TYPES,
    Highlight,
    collect_highlights,
    highlighted_text,
    load_report,
    render_html,
)

SEED = FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt"
REPORT_DOCS = sorted((FIXTURES / "reports").glob("*.txt"))


# --------------------------------------------------------------------------- reading the page back


class _Page(HTMLParser):
    """Reads the document column back: its text, and every highlight fragment with its position.

    Checks well-formedness on the way: every end tag closes the innermost open element.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.in_doc = 0  # depth of the <article class="doc"> element on the stack, 0 outside
        self.text: list[str] = []
        self.position = 0
        self.open: list[dict[str, Any]] = []
        self.fragments: list[dict[str, Any]] = []
        self.data_json = ""
        self._in_data = False
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("meta", "input", "br"):
            return
        self.stack.append(tag)
        if tag == "article" and "doc" in (a.get("class") or ""):
            self.in_doc = len(self.stack)
        if tag == "script" and a.get("id") == "govreport-data":
            self._in_data = True
        if self.in_doc and tag == "span" and "hl" in (a.get("class") or "").split():
            fragment = {"id": a["data-id"], "type": a["data-type"], "span": int(a["data-span"] or 0),
                        "start": int(a["data-start"] or 0), "end": int(a["data-end"] or 0),
                        "at": self.position, "title": a.get("title"),
                        "ancestors": [f["id"] for f in self.open]}
            self.open.append(fragment)
            self.fragments.append(fragment)

    def handle_endtag(self, tag: str) -> None:
        innermost = self.stack[-1] if self.stack else None
        assert innermost == tag, f"</{tag}> closes <{innermost}>"
        if self.in_doc and tag == "span" and self.open:
            self.open.pop()["closed_at"] = self.position
        if len(self.stack) == self.in_doc:
            self.in_doc = 0
        self.stack.pop()
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self.in_doc:
            self.text.append(data)
            self.position += len(data)
        if self._in_data:
            self.data_json += data


def read_page(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    assert parsed.stack == [], f"unclosed elements: {parsed.stack}"
    return parsed


def check_page(report: Report, page: str) -> _Page:
    """The page shows report.text exactly, and every highlight span is there, whole, where it belongs."""
    parsed = read_page(page)
    assert "".join(parsed.text) == report.text
    for f in parsed.fragments:
        assert (f["at"], f["closed_at"]) == (f["start"], f["end"]), f
    highlights = collect_highlights(report)
    by_span: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for f in parsed.fragments:
        by_span.setdefault((f["id"], f["span"]), []).append(f)
    for h in highlights:
        for k, (start, end) in enumerate(h.spans):
            pieces = sorted(by_span.pop((h.id, k)), key=lambda f: f["start"])
            assert pieces[0]["start"] == start and pieces[-1]["end"] == end, (h.id, k)
            touching = all(a["end"] == b["start"] for a, b in zip(pieces, pieces[1:], strict=False))
            assert touching, (h.id, k, pieces)
            assert all(p["type"] == h.type for p in pieces)
    assert by_span == {}, f"fragments of no item: {sorted(by_span)}"
    assert set(json.loads(parsed.data_json)) == {h.id for h in highlights}
    return parsed


# --------------------------------------------------------------------------- reports to render


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return govreport.parse_file(SEED)


def _span(text: str, needle: str, after: int = 0) -> Span:
    at = text.index(needle, after)
    return Span(start=at, end=at + len(needle), text=needle)


def layered_report(report: Report) -> Report:
    """The seed report plus hand-made officials, titles and a meeting whose spans nest and cross.

    Meetings and officials are extracted elsewhere (and may be empty for a while); these give the
    page every kind of overlap to draw: a meeting span holding a date and a mention, titles right
    after mentions, and a reference that crosses the meeting's end.
    """
    text = report.text
    lead = text.index("Sáng ngày 21/6/2022")
    meeting_text = text[lead:text.index(" nhằm", lead)]
    meeting = Meeting(kind="hội nghị", ordinal=10, body="Ban Chấp hành Đảng bộ huyện Thạch Thất", term=24,
                      tenure={"start": 2020, "end": 2025}, expanded=True, date="2022-06-21",
                      part_of_day="morning", span=_span(text, meeting_text))
    name = "Trần Đình Cảnh"
    mentions_canh = []
    at = 0
    while (found := text.find(name, at)) >= 0:
        mentions_canh.append(Span(start=found, end=found + len(name), text=name))
        at = found + 1
    canh = Official(name="Trần Đình Cảnh", honorific="đồng chí",
                    titles=[Title(text="Thành ủy viên"),
                            Title(text="Bí thư Huyện ủy", role="Bí thư", organization="Huyện ủy")],
                    roles=["attended", "concluded"], mentions=mentions_canh)
    hong = Official(name="Nguyễn Minh Hồng", honorific="đồng chí",
                    titles=[Title(text="Phó Bí thư Thường trực Huyện ủy"),
                            Title(text="Chủ tịch HĐND huyện", role="Chủ tịch", organization="HĐND huyện",
                                  organization_expanded="Hội đồng nhân dân huyện")],
                    roles=["attended"], mentions=[_span(text, "đồng chí Nguyễn Minh Hồng")])
    # crosses the meeting's end: starts inside it ("Hội nghị lần thứ Mười") and runs past it
    crossing = _span(text, "lần thứ Mười mở rộng nhằm", lead)
    reference = Reference(kind="test reference", number="<10>", span=crossing)
    return report.model_copy(update={"meetings": [meeting], "officials": [canh, hong],
                                     "references": [reference]})


def tricky_report() -> Report:
    """Text and values that must be escaped, and spans that nest, cross and coincide."""
    text = 'Ghi chú <script>alert("x")</script> & thu ngân sách đạt 5 tỷ đồng, tăng 10% </b>.'
    amount = _span(text, "5 tỷ đồng")
    return Report(
        text=text,
        figures=[Figure(value=5_000_000_000, unit="VND", raw="5 tỷ đồng", span=amount, rule="test",
                        metric=Metric(text="thu ngân sách", span=_span(text, "thu ngân sách")),
                        period=Period(text="<b>bold</b>", start="2022-01-01", end="2022-12-31",
                                      span=_span(text, "5 tỷ")),  # coincides with part of the figure
                        comparisons=[Comparison(kind="change", value=10, unit="%", direction="up",
                                                base='"</script><img src=x onerror=alert(1)>',
                                                span=_span(text, "tăng 10%"))])],
        meetings=[Meeting(kind="ghi chú", span=_span(text, 'Ghi chú <script>alert("x")</script>'))],
        # crosses the meeting's end and coincides with nothing
        references=[Reference(kind="x", number="</script>", span=_span(text, '</script> & thu'))],
        warnings=["<warning> & more"],
    )


# --------------------------------------------------------------------------- markup tests


def test_seed_page_shows_text_and_every_span(seed_report: Report) -> None:
    page = render_html(seed_report)
    parsed = check_page(seed_report, page)
    types = {f["type"] for f in parsed.fragments}
    assert {"figure", "comparison", "metric", "period", "date"} <= types
    assert len({f["id"] for f in parsed.fragments if f["type"] == "figure"}) == len(seed_report.figures) >= 2
    if seed_report.officials:  # officials are extracted in another issue; once they are, they show
        assert "official" in types


def test_layered_page_nests_and_crosses_correctly(seed_report: Report) -> None:
    report = layered_report(seed_report)
    parsed = check_page(report, render_html(report))
    fragments = parsed.fragments
    # the meeting holds the date "Sáng ngày 21/6/2022": the date is drawn inside it
    date = next(f for f in fragments if f["type"] == "date" and f["start"] >= report.meetings[0].span.start)
    assert "meeting-1" in date["ancestors"]
    # the reference crosses the meeting's end: two fragments, the first inside the meeting, the second not
    pieces = [f for f in fragments if f["id"] == "reference-1"]
    assert len(pieces) == 2
    assert "meeting-1" in pieces[0]["ancestors"] and "meeting-1" not in pieces[1]["ancestors"]
    # each of the three mentions of Trần Đình Cảnh is highlighted, and titles sit right after them
    assert len({f["span"] for f in fragments if f["id"] == "official-1"}) == 3
    title = next(f for f in fragments if f["id"] == "title-1-2")
    assert report.text[title["start"]:title["end"]] == "Bí thư Huyện ủy"
    assert title["start"] - report.officials[0].mentions[0].end < 40
    # an outer fragment knows how many levels it holds, to draw its underline below theirs
    assert 'data-id="meeting-1" data-type="meeting" data-span="0"' in render_html(report)
    assert next(f for f in fragments if f["id"] == "meeting-1")["ancestors"] == []


def test_tricky_page_escapes_everything() -> None:
    report = tricky_report()
    page = render_html(report)
    parsed = check_page(report, page)
    # the only script elements are the page's own two; no element came from the document or the values
    assert [t for t, _ in parsed.tags].count("script") == 2
    assert not any(t == "img" for t, _ in parsed.tags)
    assert not any(t == "b" for t, _ in parsed.tags)
    assert "<warning>" not in page and "&lt;warning&gt; &amp; more" in page
    assert 'alert("x")' not in page and "alert(&quot;x&quot;)" in page
    # the item data survives the trip through its <script> block unchanged
    data = json.loads(parsed.data_json)
    assert dict(data["comparison-1-1"]["fields"])["base"] == '"</script><img src=x onerror=alert(1)>'
    assert dict(data["reference-1"]["fields"])["number"] == "</script>"
    assert parsed.data_json.count("</") == 0
    # the period coincides with the start of the figure: both are there, nested
    period = next(f for f in parsed.fragments if f["type"] == "period")
    assert "figure-1" in period["ancestors"]


def test_page_is_self_contained(seed_report: Report) -> None:
    page = render_html(layered_report(seed_report))
    parsed = read_page(page)
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page


def test_hover_text_and_values(seed_report: Report) -> None:
    parsed = read_page(render_html(seed_report))
    titles = {f["id"]: f["title"] for f in parsed.fragments}
    assert titles["figure-1"] == "figure: 18\u00a0058\u00a0000\u00a0000\u00a0000 VND"
    assert titles["comparison-1-1"] == "comparison: share 57.3% (kế hoạch năm)"
    assert titles["comparison-1-2"] == "comparison: change ↑ 15.1% (cùng kỳ 2021)"
    # each figure's period is highlighted where it is written: the lead's "6 tháng đầu năm 2022" and
    # the clause's "6 tháng đầu năm"; both mean the first half of 2022
    periods = sorted({f["id"] for f in parsed.fragments if f["type"] == "period"})
    assert periods == ["period-1", "period-2"]
    assert {titles[p] for p in periods} == {"period: 2022-01-01 … 2022-06-30"}


def test_crossing_spans_split_into_fragments() -> None:
    text = "một hai ba bốn năm sáu"
    highlights = [Highlight("a", "meeting", ((0, 10),), "a", ()), Highlight("b", "date", ((4, 14),), "b", ()),
                  Highlight("c", "figure", ((4, 10),), "c", ()),
                  Highlight("d", "reference", ((4, 10),), "d", ())]
    out = highlighted_text(text, highlights)
    parsed = read_page(f'<article class="doc">{out}</article>')
    assert "".join(parsed.text) == text
    spans = [(f["id"], f["start"], f["end"], f["ancestors"]) for f in parsed.fragments]
    assert spans == [("a", 0, 10, []), ("b", 4, 10, ["a"]), ("c", 4, 10, ["a", "b"]),
                     ("d", 4, 10, ["a", "b", "c"]), ("b", 10, 14, [])]


@pytest.mark.parametrize("path", REPORT_DOCS, ids=[p.stem for p in REPORT_DOCS])
def test_fixture_reports_render(path: Path) -> None:
    report = govreport.parse_file(path)
    check_page(report, render_html(report))


def test_every_type_has_a_style() -> None:
    page = render_html(tricky_report())
    for name in HIGHLIGHT_TYPES:
        assert f".hl-{name} {{" in page and f'data-toggle="{name}"' in page


# --------------------------------------------------------------------------- command line and JSON input


def test_cli_renders_a_document(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert main(["render", str(SEED), "-o", str(out)]) == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'data-id="figure-1"' in page


def test_cli_renders_a_json_report(tmp_path: Path, seed_report: Report) -> None:
    report = layered_report(seed_report)
    saved = tmp_path / "seed.json"
    saved.write_text(report.model_dump_json(), "utf-8")
    assert load_report(saved) == report
    out = tmp_path / "page.html"
    assert main(["render", str(saved), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == render_html(report)


def test_cli_reads_the_first_record_of_jsonl(tmp_path: Path, seed_report: Report) -> None:
    saved = tmp_path / "out.jsonl"
    assert main(["parse", str(SEED), "-o", str(saved)]) == 0
    assert load_report(saved).figures == seed_report.figures


def test_cli_bad_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "missing.txt")]) == 2
    error = tmp_path / "error.json"
    error.write_text(json.dumps({"source": {"path": "x.pdf"}, "error": {"type": "NoTextLayerError",
                                                                         "message": "scanned"}}), "utf-8")
    assert main(["render", str(error)]) == 1
    assert "error record" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": 5}', "utf-8")
    with pytest.raises(InputError, match="not a govreport Report"):
        load_report(bad)


# --------------------------------------------------------------------------- in a real browser


def _chromium() -> tuple[str, str]:
    """Paths of chromium and chromedriver; the tests skip where ``make browser`` could not install them."""
    found = {exe: shutil.which(exe) for exe in ("chromium", "chromedriver")}
    missing = [exe for exe, path in found.items() if path is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing: 'make browser' installs Debian's chromium and chromium-driver")
    return found["chromium"] or "", found["chromedriver"] or ""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium, chromedriver = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1440,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("GOVREPORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def _open(driver: Any, report: Report, folder: Path, name: str) -> None:
    page = folder / f"{name}.html"
    page.write_text(render_html(report), "utf-8")
    driver.get(page.as_uri())
    driver.get_log("browser")  # drop what came before this page


def _severe(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_browser_seed_page(browser: Any, seed_report: Report, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    _open(browser, seed_report, screenshots, "seed")
    assert _severe(browser) == []
    figures = browser.find_elements(By.CSS_SELECTOR, ".doc .hl-figure")
    expected = {f"figure-{n}" for n in range(1, len(seed_report.figures) + 1)}
    assert {f.get_attribute("data-id") for f in figures} == expected
    assert all(f.is_displayed() for f in figures)
    assert browser.find_elements(By.CSS_SELECTOR, ".doc .hl-comparison")
    if seed_report.officials:
        assert browser.find_elements(By.CSS_SELECTOR, ".doc .hl-official")
    # the highlight is drawn: its background is not transparent
    colour = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", figures[0])
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")

    popover = browser.find_element(By.ID, "popover")
    assert not popover.is_displayed()
    browser.save_screenshot(str(screenshots / "seed-top.png"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", figures[0])
    figures[0].click()
    WebDriverWait(browser, 5).until(ec.visibility_of(popover))
    shown = popover.text
    assert "18058000000000" in shown and "tổng giá trị sản xuất trên địa bàn" in shown
    assert "18 058 000 000 000 VND" in shown.replace("\u00a0", " ")
    assert "selected" in figures[0].get_attribute("class")
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-target="figure-1"]')
    assert "selected" in row.get_attribute("class")
    # the popover sits just below the figure
    assert popover.rect["y"] >= figures[0].rect["y"] + figures[0].rect["height"] - 1
    # and is in view
    assert browser.execute_script("var r = arguments[0].getBoundingClientRect();"
                                  "return r.top >= 0 && r.bottom <= window.innerHeight;", popover)
    browser.save_screenshot(str(screenshots / "seed-figure-clicked.png"))

    # a row of the figures table finds its highlight
    browser.find_element(By.CSS_SELECTOR, 'tr[data-target="figure-2"]').click()
    WebDriverWait(browser, 5).until(lambda d: "615300000000" in popover.text)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(ec.invisibility_of_element(popover))
    # turning a type off removes its colour
    browser.find_element(By.CSS_SELECTOR, 'input[data-toggle="figure"]').click()
    colour = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", figures[0])
    assert colour in ("rgba(0, 0, 0, 0)", "transparent")
    assert _severe(browser) == []
    print(f"\nscreenshots in {screenshots}")


def test_browser_layered_page(browser: Any, seed_report: Report, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    report = layered_report(seed_report)
    _open(browser, report, screenshots, "layered")
    officials = browser.find_elements(By.CSS_SELECTOR, ".doc .hl-official")
    assert len(officials) == 4 and all(o.is_displayed() for o in officials)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".doc .hl-title")) == 4
    # the meeting's double underline sits below the date it holds: nested boxes, outer one lower
    meeting = browser.find_element(By.CSS_SELECTOR, '.doc .hl[data-id="meeting-1"]')
    date = meeting.find_element(By.CSS_SELECTOR, ".hl-date")
    bottom = "var r = arguments[0].getClientRects()[0]; return r.bottom;"
    assert browser.execute_script(bottom, meeting) > browser.execute_script(bottom, date)
    # clicking the inner date shows it, and offers the meeting around it
    date.click()
    popover = browser.find_element(By.ID, "popover")
    WebDriverWait(browser, 5).until(ec.visibility_of(popover))
    assert "2022-06-21 (morning)" in popover.text and "meeting: hội nghị" in popover.text
    popover.find_element(By.CSS_SELECTOR, '[data-goto="meeting-1"]').click()
    WebDriverWait(browser, 5).until(lambda d: "Ban Chấp hành Đảng bộ huyện Thạch Thất" in popover.text)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.find_element(By.CSS_SELECTOR, '.doc .hl[data-id="official-2"]').click()
    WebDriverWait(browser, 5).until(lambda d: "Hội đồng nhân dân huyện" in popover.text)
    browser.save_screenshot(str(screenshots / "layered-official-clicked.png"))
    assert _severe(browser) == []
