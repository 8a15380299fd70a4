"""Shared helpers: fixture tables, the corpus folder (skipped cleanly when ../shared is absent)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from govreport.models import Report, Span

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS_DOCS = SHARED / "corpus" / "docs"


def load_cases(*patterns: str) -> list[Any]:
    """Every case of the YAML tables matching ``patterns``, as pytest params with the label as id.

    A case with ``expect: xfail`` becomes a strict xfail carrying its ``reason``.
    """
    params = []
    for pattern in patterns:
        for path in sorted(FIXTURES.glob(pattern)):
            for case in yaml.safe_load(path.read_text("utf-8"))["cases"]:
                marks = []
                if case.get("expect") == "xfail":
                    marks.append(pytest.mark.xfail(strict=True, reason=case.get("reason", "known failure")))
                params.append(pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks))
    return params


@pytest.fixture(scope="session")
def corpus_docs() -> list[Path]:
    """The real documents of ../shared/corpus; the test is skipped where ../shared is absent."""
    if not CORPUS_DOCS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return sorted(CORPUS_DOCS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt").read_text("utf-8")


def all_spans(report: Report) -> list[Span]:
    """Every span anywhere in the report, found by walking the model."""
    found: list[Span] = []

    def walk(value: object) -> None:
        if isinstance(value, Span):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(report)
    return found


# --- documents the reader, batch and reliability tests write -----------------------------------------------

TEXT = ("Thu ngân sách nhà nước ước đạt trên 615,3 tỷ đồng, bằng 63% dự toán.\n"
        "Tổng giá trị sản xuất trên địa bàn ước đạt trên 18.058 tỷ đồng, tăng 15,1% so với cùng kỳ.\n"
        "Cộng hòa xã hội chủ nghĩa Việt Nam; Độc lập - Tự do - Hạnh phúc.")
EXPECTED = [(615_300_000_000, "VND"), (18_058_000_000_000, "VND")]
TONES = "\u0300\u0301\u0303\u0309\u0323"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 writes the tone as a combining mark after a precomposed base letter (ơ, â, ư...)."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tone)
    return "".join(out).encode("cp1258")


def to_legacy(text: str, encoding: str) -> bytes:
    """Text typed in a legacy font, from the converter's own table read backwards."""
    viparse_tables = pytest.importorskip("viparse.normalize.encodings")
    reverse: dict[str, str] = {}
    for legacy, unicode in viparse_tables.CHARMAPS[encoding].pairs:
        reverse.setdefault(unicode, legacy)
    return "".join(reverse.get(c, reverse.get(c.lower(), c)) for c in text).encode("latin-1")


def make_pdf(path: Path, text: str | None, title: str | None = None) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    if title:
        pdf.set_title(title)
    if text is None:  # a "scan": a page with only a picture
        pdf.rect(10, 10, 80, 120, style="F")
    elif text.isascii():
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text)
    else:
        pdf.add_font("DejaVu", fname=str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, text)
    path.write_bytes(bytes(pdf.output()))
