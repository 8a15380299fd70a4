"""The Dask engine gives the same records as the local pool, in the same order (skipped without dask)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

from conftest import FIXTURES  # noqa: E402
from govreport.cli import main  # noqa: E402
from govreport.dask_engine import bag_from_paths, batches, run_dask  # noqa: E402
from govreport.engine import iter_items, run_local  # noqa: E402

SEED = (FIXTURES / "seed" / "thach-that-conference-2022-06-21.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One small in-process cluster for the module: fast to start, one worker with two threads."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    for i in range(12):
        (root / f"doc-{i:02d}.txt").write_text(SEED.replace("18.058", str(1000 + i)), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    with zipfile.ZipFile(root / "pack.zip", "w") as z:
        z.writestr("inner.txt", SEED)
    return root


def test_same_records_as_the_local_engine(client: Any, folder: Path) -> None:
    local = [o.line for o in run_local(iter_items([folder]), jobs=1)]
    on_dask = [o.line for o in run_dask(iter_items([folder]), scheduler=client, batch_bytes=20_000)]
    assert on_dask == local
    assert len(local) == 14
    assert json.loads(local[-2] or "")["error"]["type"] == "EmptyDocumentError"


def test_batches_are_consecutive_and_bounded(folder: Path) -> None:
    items = list(iter_items([folder]))
    groups = list(batches(items, batch_bytes=15_000))
    assert [item for group in groups for item in group] == items
    assert len(groups) > 2
    assert all(len(g) <= 3 for g in groups)


def test_cli_engine_dask_with_a_scheduler(client: Any, folder: Path, tmp_path: Path) -> None:
    local_out, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["parse", str(folder), "-o", str(local_out), "--jobs", "1"]) == 1
    assert main(["parse", str(folder), "-o", str(dask_out), "--engine", "dask",
                 "--scheduler", client.scheduler.address]) == 1
    assert dask_out.read_text("utf-8") == local_out.read_text("utf-8")


def test_bag_of_records(client: Any, folder: Path) -> None:
    bag = bag_from_paths([folder], batch_bytes=20_000)
    records = bag.compute()
    assert [r["source"]["path"] for r in records] == [item.name for item in iter_items([folder])]
    assert bag.filter(lambda r: "error" not in r).count().compute() == 13
    assert bag.pluck("figures", []).flatten().count().compute() > 13


def test_a_failed_batch_is_retried_per_document(client: Any, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document whose task always fails becomes one error record; its batch-mates still get reports."""
    from govreport import dask_engine

    real = dask_engine.parse_batch

    def flaky(items: list[Any], as_json: bool = True) -> list[Any]:
        if any(item.name.endswith("doc-03.txt") for item in items):
            raise RuntimeError("worker lost")
        return real(items, as_json)

    monkeypatch.setattr(dask_engine, "parse_batch", flaky)
    outcomes = list(run_dask(iter_items([folder]), scheduler=client, batch_bytes=20_000))
    assert len(outcomes) == 14
    failed = [o for o in outcomes if not o.ok]
    assert [Path(o.name).name for o in failed] == ["doc-03.txt", "empty.txt"]
    assert json.loads(failed[0].line or "")["error"]["type"] == "WorkerCrashedError"
