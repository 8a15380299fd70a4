"""Typed tables (issue 13 §1): exact decimals, dates, booleans; CSV written exactly; the analyst's first
three queries run in DuckDB on Parquet written from the corpus; docs/data-format.md names every column."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from conftest import CORPUS_DOCS, ROOT
from govreport.batch import TABLES
from govreport.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
QUERIES = Path(__file__).parent / "queries"
# 2^53 + 1 đồng and a fraction: a float64 column would lose both
TEXT = ("Ngày đăng 05/01/2024 | 08:00\nSáng ngày 5/1/2024, UBND tỉnh họp. Năm 2023 thu ngân sách ước đạt "
        "9.007.199.254.740.993 đồng, bằng 104,25% dự toán; giá trị sản xuất đạt 0,123456 tỷ đồng.")


def test_types_of_the_figures_table() -> None:
    figures = govreport.tables([govreport.parse(TEXT)])["figures"]
    assert figures.schema.field("value").type == pa.decimal128(38, 6)
    assert figures.schema.field("period_start").type == pa.date32()
    assert figures.schema.field("estimated").type == pa.bool_()
    assert {"kind", "direction", "base"} <= set(figures.column_names)
    rows = figures.to_pylist()
    assert rows[0]["value"] == Decimal(2**53 + 1)
    assert rows[0]["period_start"] == dt.date(2023, 1, 1) and rows[0]["estimated"] is True
    assert rows[1]["value"] == Decimal("123456000")


def test_documents_and_dates_are_typed() -> None:
    t = govreport.tables([govreport.parse(TEXT)])
    assert t["documents"].column("published").to_pylist() == [dt.date(2024, 1, 5)]
    assert t["meetings"].schema.field("date").type == pa.date32()
    assert t["comparisons"].schema.field("value").type == pa.decimal128(38, 6)


def test_csv_numbers_are_exact(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    assert main(["parse", str(tmp_path / "a.txt"), "--format", "csv", "-o", str(tmp_path / "csv")]) == 0
    with open(tmp_path / "csv" / "figures.csv", encoding="utf-8") as handle:
        values = [row["value"] for row in csv.DictReader(handle)]
    assert values == ["9007199254740993", "123456000"]


def test_parquet_from_the_command_has_the_same_schema(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    assert main(["parse", str(tmp_path / "a.txt"), "--format", "parquet", "-o", str(tmp_path / "pq")]) == 0
    written = pq.read_table(tmp_path / "pq" / "figures.parquet")
    assert written.schema == govreport.tables([])["figures"].schema
    assert written.column("value").to_pylist()[0] == Decimal(2**53 + 1)


@pytest.fixture(scope="module")
def corpus_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS_DOCS.is_dir():
        pytest.skip("../shared/corpus is not here")
    out = tmp_path_factory.mktemp("corpus") / "pq"
    assert main(["parse", str(CORPUS_DOCS), "--format", "parquet", "-o", str(out), "--jobs", "2"]) in (0, 1)
    return out


@pytest.mark.parametrize("query", sorted(p.name for p in QUERIES.glob("*.sql")))
def test_analyst_queries_run_on_the_corpus(query: str, corpus_parquet: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    sql = (QUERIES / query).read_text("utf-8").replace("{out}", str(corpus_parquet))
    rows = duckdb.sql(sql).fetchall()
    assert len(rows) >= 3, query
    assert all(row[0] is not None for row in rows), query  # what the query groups or orders by


def test_the_guide_shows_the_queries_it_tests() -> None:
    guide = (ROOT / "docs" / "batch.md").read_text("utf-8")
    for query in QUERIES.glob("*.sql"):
        body = "\n".join(line for line in query.read_text("utf-8").splitlines() if not line.startswith("--"))
        assert body.replace("{out}", "out").strip() in guide, query.name


def test_every_column_is_documented() -> None:
    doc = (ROOT / "docs" / "data-format.md").read_text("utf-8")
    for table, columns in TABLES.items():
        section = doc.split(f"### `{table}`", 1)[1].split("###", 1)[0]
        for column, _ in columns:
            assert f"`{column}`" in section, (table, column)
