"""Readers: every file kind and encoding gives the same figures as the clean text, or a clear GovReportError.

Every test file is generated here (python-docx writes DOCX, fpdf2 writes PDF); the real raw files of
../shared/corpus/raw are read when present and the tests that need them skip otherwise.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

import govreport
from conftest import DEJAVU, EXPECTED, SHARED, TEXT, make_pdf, to_cp1258, to_legacy
from govreport.api import parse_file
from govreport.errors import (
    ArchiveError,
    DecodeError,
    EmptyDocumentError,
    GovReportError,
    InputError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from govreport.readers import read_document, sniff
from govreport.readers.txt import decode_text, vietnamese_score

RAW = SHARED / "corpus" / "raw"



def figures(report: govreport.Report) -> list[tuple[int, str | None]]:
    return [(int(f.value), f.unit) for f in report.figures if f.value is not None]





# --- plain text and encodings -------------------------------------------------------------------------------

ENCODINGS = {
    "utf-8": (lambda t: t.encode("utf-8"), None),
    "utf-8 bom": (lambda t: t.encode("utf-8-sig"), None),
    "utf-16 bom": (lambda t: t.encode("utf-16"), "UTF-16"),
    "utf-16-be bom": (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "UTF-16"),
    "utf-16-le no bom": (lambda t: t.encode("utf-16-le"), "UTF-16-LE"),
    "windows-1258": (to_cp1258, "Windows-1258"),
    "tcvn3": (lambda t: to_legacy(t, "tcvn3"), "TCVN3"),
    "vni": (lambda t: to_legacy(t, "vni"), "VNI"),
    "nfd": (lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), None),
    "crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), None),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_text_encodings_give_the_clean_figures(tmp_path: Path, encoding: str) -> None:
    encode, warning = ENCODINGS[encoding]
    path = tmp_path / "report.txt"
    path.write_bytes(encode(TEXT))
    report = parse_file(path)
    assert figures(report) == EXPECTED
    assert report.source.format == "txt"
    if warning is None:
        assert not any("decoded" in w or "converted" in w for w in report.warnings)
    else:
        assert any(warning in w for w in report.warnings), report.warnings


def test_legacy_conversion_reads_as_vietnamese() -> None:
    text, warnings = decode_text(to_legacy(TEXT, "vni"), "vni.txt")
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in text
    assert warnings == ["converted from the legacy VNI (VNI-Times fonts) encoding to Unicode (viparse)"]
    good, bad = vietnamese_score(text)
    assert bad == 0
    assert good > 20


def test_legacy_text_saved_as_utf8_is_converted(tmp_path: Path) -> None:
    """A .VnTime document copied into a UTF-8 file: valid UTF-8, still legacy letters."""
    path = tmp_path / "copied.txt"
    path.write_text(to_legacy(TEXT, "tcvn3").decode("latin-1"), encoding="utf-8")
    report = parse_file(path)
    assert figures(report) == EXPECTED
    assert any("TCVN3" in w for w in report.warnings)


def test_damaged_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    data = TEXT.encode()
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:30] + b"\xff\xfe" + data[30:])
    report = parse_file(path)
    assert figures(report) == EXPECTED
    assert any("invalid UTF-8" in w for w in report.warnings)


def test_plain_unicode_is_never_converted() -> None:
    western = "Café, naïve, façade, ½ µ — 12 ha".encode()
    assert decode_text(western)[0] == western.decode()
    assert decode_text(TEXT.encode())[1] == []


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyDocumentError),
    (b"  \n\t \n", EmptyDocumentError),
    (bytes(range(256)) * 20, DecodeError),
    (b"\x00\x01\x02\x03binary\x00\xff" * 100, DecodeError),
])
def test_bad_text_is_a_clear_error(tmp_path: Path, data: bytes, error: type[GovReportError]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error, match="bad.txt"):
        parse_file(path)


def test_missing_and_folder_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="a folder"):
        parse_file(tmp_path)


# --- HTML ----------------------------------------------------------------------------------------------------

PORTAL = """<!DOCTYPE html><html><head><title>Hội nghị lần thứ Mười - Cổng thông tin</title>
<meta property="og:title" content="Hội nghị lần thứ Mười">{meta}</head><body>
<nav><ul><li>Trang chủ</li><li>Tin tức 2024</li><li>Liên hệ: 0243 123 456</li></ul></nav>
<div class="article"><h1>Hội nghị lần thứ Mười</h1>{line}
<p>{p1}</p>
<p>{p2}</p>
<p>Các đại biểu đã sôi nổi phát biểu thảo luận, làm sâu sắc thêm những kết quả đạt được, thẳng thắn chỉ ra
những mặt còn tồn tại, hạn chế và đề xuất các giải pháp toàn diện trên các lĩnh vực để tập trung lãnh đạo.</p>
</div><footer><p>Bản quyền thuộc Cổng thông tin điện tử huyện, 5 tỷ lượt truy cập</p></footer></body></html>"""


def portal(meta: str = "", line: str = "") -> str:
    p1, p2, _rest = TEXT.split("\n")
    return PORTAL.format(meta=meta, line=line, p1=p1, p2=p2)


def test_html_main_text_title_and_metadata_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(portal(meta='<meta property="article:published_time" content="2022-06-21T13:30:00+07:00">'),
                    encoding="utf-8")
    report = parse_file(path)
    assert figures(report) == EXPECTED  # the footer's "5 tỷ lượt truy cập" is boilerplate
    assert "Trang chủ" not in report.text
    assert report.source.format == "html"
    assert report.source.title == "Hội nghị lần thứ Mười"
    assert report.source.published is not None
    assert report.source.published.isoformat().startswith("2022-06-21T13:30")


def test_html_published_line(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(portal(line="<p>Ngày đăng 21/06/2022 | 13:30 | Lượt xem: 217</p>"), encoding="utf-8")
    report = parse_file(path)
    assert report.model_dump(mode="json")["source"]["published"] == "2022-06-21T13:30:00"


def test_html_year_in_text_is_not_a_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(portal(), encoding="utf-8")
    assert parse_file(path).source.published is None


def test_html_in_legacy_charset_and_without_extension(tmp_path: Path) -> None:
    markup = portal().replace("<head>", '<head><meta charset="windows-1258">')
    path = tmp_path / "download"
    path.write_bytes(to_cp1258(markup))
    report = parse_file(path)
    assert report.source.format == "html"
    assert figures(report) == EXPECTED


def test_word_saved_html_keeps_every_paragraph(tmp_path: Path) -> None:
    line = "<p class=MsoNormal>- Đơn vị chủ trì: Đồng chí Phó chủ tịch\nThường trực<o:p></o:p></p>"
    body = "".join(f"<p class=MsoNormal>Mục {i}: kinh phí 1{i} triệu\nđồng.</p>{line}" for i in range(5))
    markup = (f"<html><head><meta name=Generator content=\"Microsoft Word 15\"><style>p {{}}</style></head>"
              f"<body>{body}<table><tr><td>Tổng</td><td>15 triệu đồng</td></tr></table></body></html>")
    path = tmp_path / "saved.htm"
    path.write_bytes(markup.encode("cp1252", errors="xmlcharrefreplace"))
    report = parse_file(path)
    assert report.text.count("Đơn vị chủ trì: Đồng chí Phó chủ tịch Thường trực") == 5
    assert "Tổng | 15 triệu đồng" in report.text
    assert [int(f.value) for f in report.figures] == [*(int(f"1{i}") * 1_000_000 for i in range(5)), 15_000_000]


def test_deeply_nested_html(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "<p>" + TEXT.replace("\n", "</p><p>") + "</p>"
                    + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    report = parse_file(path)
    assert figures(report) == EXPECTED
    assert any("levels deep" in w for w in report.warnings)


# --- DOCX ----------------------------------------------------------------------------------------------------


def make_docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "Báo cáo 6 tháng"
    first, second, third = TEXT.split("\n")
    document.add_paragraph(first)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Giá trị"
    table.cell(0, 2).text = "Ghi chú"
    table.cell(1, 0).text = "Diện tích gieo trồng"
    table.cell(1, 1).text = "1.250 ha"
    merged = table.cell(0, 2).merge(table.cell(1, 2))
    merged.text = "Số liệu ước"
    document.add_paragraph(second)
    document.add_paragraph(third)
    document.save(str(path))


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    make_docx(path)
    report = parse_file(path)
    assert report.source.format == "docx"
    assert report.source.title == "Báo cáo 6 tháng"
    lines = report.text.split("\n")
    assert lines[1] == "Chỉ tiêu | Giá trị | Số liệu ước"
    assert lines[2] == "Diện tích gieo trồng | 1.250 ha"  # the merged cell is written once
    assert report.text.count("Số liệu ước") == 1
    assert figures(report) == [EXPECTED[0], (1250, "ha"), EXPECTED[1]]


def test_docx_table_of_people(tmp_path: Path) -> None:
    """A Word table with a name and a post column gives one official per row (rules/officials.py)."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Danh sách người ứng cử đại biểu HĐND xã")
    rows = [("STT", "Họ và tên", "Năm sinh", "Chức vụ"), ("1", "Bàn Văn Sinh", "1979", "Phó Chủ tịch HĐND xã"),
            ("2", "Lò Thị Mai", "1984", "Nông dân")]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "list.docx"
    document.save(str(path))
    report = parse_file(path)
    assert [(o.name, [t.text for t in o.titles]) for o in report.officials] == [
        ("Bàn Văn Sinh", ["Phó Chủ tịch HĐND xã"])]


def test_fake_and_misnamed_docx(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"this is not a word document")
    with pytest.raises(DecodeError, match="not a DOCX"):
        parse_file(fake)
    archive = tmp_path / "archive.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(DecodeError, match="not a Word document"):
        parse_file(archive)


# --- PDF -----------------------------------------------------------------------------------------------------





def test_pdf_text_layer_ascii(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path, "Dien tich gieo trong dat 1.250 ha.", title="Bao cao")
    report = parse_file(path)
    assert report.source.format == "pdf"
    assert report.source.title == "Bao cao"
    assert figures(report) == [(1250, "ha")]


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Sans font for Vietnamese glyphs")
def test_pdf_text_layer_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path, TEXT.replace("\n", " "))
    assert figures(parse_file(path)) == EXPECTED


def test_scanned_pdf_says_run_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    make_pdf(path, None)
    with pytest.raises(NoTextLayerError, match="no text layer.*OCR"):
        parse_file(path)


def test_truncated_and_fake_pdf(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    make_pdf(good, "Dien tich 1.250 ha.")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[:200])
    with pytest.raises(DecodeError, match="damaged or truncated"):
        parse_file(truncated)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html><body>404 Not Found</body></html>")
    with pytest.raises(DecodeError, match="not a PDF.*HTML"):
        parse_file(fake)


# --- archives and sniffing -----------------------------------------------------------------------------------


def test_zip_single_member_and_member_path(tmp_path: Path) -> None:
    archive = tmp_path / "one.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("bao-cao.txt", TEXT)
    report = parse_file(archive)
    assert report.source.path == f"{archive}!bao-cao.txt"
    assert figures(report) == EXPECTED
    assert figures(parse_file(f"{archive}!bao-cao.txt")) == EXPECTED


def test_zip_guards(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", TEXT)
        z.writestr("b.txt", TEXT)
    with pytest.raises(ArchiveError, match="2 documents"):
        parse_file(archive)
    traversal = tmp_path / "traversal.zip"
    with zipfile.ZipFile(traversal, "w") as z:
        z.writestr("../../x.txt", TEXT)
    with pytest.raises(ArchiveError, match="path traversal"):
        parse_file(traversal)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z, z.open("big.txt", "w", force_zip64=True) as f:
        for _ in range(260):
            f.write(b"0" * (1 << 20))
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(ArchiveError, match="zip bomb"):
        parse_file(bomb)


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.4\n", "pdf"), (b"PK\x03\x04rest", "zip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"<!-- saved -->\n<html><body>", "html"), ("<p>Báo cáo</p><p>x</p><br>".encode(), "html"),
    ("Báo cáo số 12/BC-UBND".encode(), "text"), ("<html>".encode("utf-16"), "html"),
])
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    pdf = tmp_path / "download.bin"
    make_pdf(pdf, "Dien tich 1.250 ha.")
    assert read_document(pdf).source.format == "pdf"
    text = tmp_path / "README"
    text.write_text(TEXT, encoding="utf-8")
    assert figures(parse_file(text)) == EXPECTED


def test_legacy_word_file_is_unsupported_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(UnsupportedFormatError, match="save it as .docx"):
        parse_file(path)


# --- the real raw files of ../shared/corpus -----------------------------------------------------------------


@pytest.fixture(scope="module")
def raw() -> Path:
    if not RAW.is_dir():
        pytest.skip("../shared/corpus/raw is not present")
    return RAW


def test_real_utf16_text(raw: Path) -> None:
    report = parse_file(raw / "vntc-003.utf16le.txt")
    assert report.warnings[0] == "decoded from UTF-16 (byte-order mark)"
    assert "Bình Thuận" in report.text


def test_real_docx_and_its_html_export_agree(raw: Path) -> None:
    from_docx = parse_file(raw / "luongminh-002.docx")
    from_html = parse_file(raw / "luongminh-002.htm")
    assert from_docx.source.format == "docx"
    assert from_html.source.format == "html"
    assert from_html.text.count("Đơn vị chủ trì") == from_docx.text.count("Đơn vị chủ trì") == 15
    assert sorted(str(r.number) for r in from_html.references) == sorted(str(r.number) for r in from_docx.references)


def test_real_legacy_doc_is_unsupported(raw: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=".docx"):
        parse_file(raw / "luongminh-014.doc")


def test_every_real_raw_file_reads_or_fails_clearly(raw: Path) -> None:
    for path in sorted(raw.iterdir()):
        if path.suffix == ".doc":
            with pytest.raises(GovReportError, match=re.escape(str(path))):
                read_document(path)
        else:
            document = read_document(path)
            assert document.text.strip()
            assert document.source.sha256
