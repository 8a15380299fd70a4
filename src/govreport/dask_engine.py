"""Run the batch on a dask.distributed cluster: the same per-document function, tasks of many paths.

A task is a batch of :class:`~govreport.engine.WorkItem` (paths, plus a member name for zip archives), about
:data:`BATCH_BYTES` of input: dask costs a few milliseconds per task, so one task per small document would
spend more time scheduling than parsing. Workers read the files themselves, so every worker must see the
input paths (a shared file system, or the same layout on every machine) and have govreport installed.

Exactly one record per document still holds: when a batch fails as a whole (its worker died, dask gave up
on it), each of its documents is retried as a task of its own, and only a document that fails alone becomes
an error record. The per-document time budget of the local engine is not enforced here: dask cannot stop
one running task; use the cluster's own limits.

Two entry points:

- :func:`run_dask`, used by ``govreport parse --engine dask [--scheduler ADDRESS]``: outcomes in input order;
- :func:`bag_from_paths`, for dask users: a ``dask.bag`` of records (Report dicts and error dicts).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .engine import Outcome, WorkItem, error_outcome, iter_items, process_item
from .errors import EngineError, WorkerCrashedError

__all__ = ["BATCH_BYTES", "bag_from_paths", "batches", "dask_available", "parse_batch", "records_from_batch",
           "run_dask"]

#: Input bytes per task. Small enough to spread a corpus over the workers, large enough to amortize dask's
#: per-task cost (~2 ms).
BATCH_BYTES = 4 * 1024 * 1024
#: At most this many documents per task, however small.
BATCH_DOCUMENTS = 256


def dask_available() -> bool:
    """Whether dask.distributed is installed (``pip install 'govreport[dask]'``)."""
    return importlib.util.find_spec("dask") is not None and importlib.util.find_spec("distributed") is not None


def batches(items: Iterable[WorkItem], batch_bytes: int = BATCH_BYTES,
            batch_documents: int = BATCH_DOCUMENTS) -> Iterator[list[WorkItem]]:
    """Consecutive items grouped into tasks of about ``batch_bytes`` of input each, in input order."""
    batch: list[WorkItem] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size
        if size >= batch_bytes or len(batch) >= batch_documents:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def parse_batch(items: list[WorkItem], as_json: bool = True) -> list[Outcome]:
    """The task a dask worker runs: each document through the same function as the local engine."""
    return [error_outcome(item, item.problem, as_json) if item.problem is not None else process_item(item, as_json)
            for item in items]


def records_from_batch(items: list[WorkItem]) -> list[dict[str, Any]]:
    """A batch as plain records (the contract's JSON shape as dicts), for :func:`bag_from_paths`."""
    return [outcome.as_model().model_dump(mode="json") for outcome in parse_batch(items, as_json=False)]


def _distributed() -> Any:
    """dask.distributed, typed as Any: it ships no type information."""
    return importlib.import_module("distributed")


def _client(scheduler: str | None, n_workers: int | None) -> tuple[Any, Any]:
    distributed = _distributed()
    if scheduler:
        try:
            return distributed.Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the dask scheduler at {scheduler} ({exc}); check the address and "
                              "that the scheduler is running (dask scheduler --port 8786)") from exc
    # ":0": the cluster's HTTP server takes a free port, so several batches can run side by side
    cluster = distributed.LocalCluster(n_workers=n_workers or 1, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
    return distributed.Client(cluster), cluster


def run_dask(items: Iterable[WorkItem], *, scheduler: str | Any | None = None, n_workers: int | None = None,
             batch_bytes: int = BATCH_BYTES, batch_documents: int = BATCH_DOCUMENTS, as_json: bool = True,
             window: int | None = None) -> Iterator[Outcome]:
    """Process ``items`` on a dask cluster; yields one outcome per item, in input order.

    Args:
        items: the documents (see :func:`govreport.engine.iter_items`).
        scheduler: a scheduler address ("tcp://host:8786"), a ``distributed.Client``, or None to start a
            LocalCluster of ``n_workers`` single-threaded worker processes for the duration of the run.
        n_workers: workers of the LocalCluster started when ``scheduler`` is None.
        batch_bytes: input bytes per task.
        batch_documents: documents per task at most.
        as_json: outcomes carry JSON lines (True) or models (False).
        window: tasks in flight at once (default: 2 per worker thread), which bounds memory.
    """
    if isinstance(scheduler, _distributed().Client):
        client, cluster, own = scheduler, None, False
    else:
        client, cluster = _client(scheduler, n_workers)
        own = True
    try:
        threads = sum(client.nthreads().values()) or 1
        window = window or 2 * threads
        queue: list[tuple[list[WorkItem], Any]] = []
        for batch in batches(items, batch_bytes, batch_documents):
            queue.append((batch, client.submit(parse_batch, batch, as_json, pure=False)))
            if len(queue) >= window:
                yield from _collect(client, *queue.pop(0), as_json)
        while queue:
            yield from _collect(client, *queue.pop(0), as_json)
    finally:
        if own and cluster is not None:
            cluster.close()  # workers first, then the scheduler: no worker is left heartbeating a closed one
            client.close()
        elif own:
            client.close()


def _collect(client: Any, batch: list[WorkItem], future: Any, as_json: bool) -> Iterator[Outcome]:
    """A batch's outcomes; a batch that failed as a whole is retried one document per task."""
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as exc:  # KilledWorker, CommClosedError...: the batch is lost, not its documents
        if len(batch) > 1:
            retries = [(item, client.submit(parse_batch, [item], as_json, pure=False)) for item in batch]
            for item, single in retries:
                yield from _collect(client, [item], single, as_json)
            return
        item = batch[0]
        yield error_outcome(item, WorkerCrashedError(
            f"{item.name}: the dask task parsing it failed ({type(exc).__name__}: {exc}); the batch went on; "
            "parse this file alone to investigate"), as_json)
        return
    yield from outcomes


def bag_from_paths(paths: Iterable[str | Path], *, batch_bytes: int = BATCH_BYTES,
                   batch_documents: int = BATCH_DOCUMENTS) -> Any:
    """A ``dask.bag.Bag`` of records, one per document under ``paths``, in input order.

    Each record is a dict in the contract's JSON shape: a Report, or ``{"source", "error"}`` for a document
    that could not be parsed. Partitions are batches of paths (about ``batch_bytes`` of input each); the
    documents are read by the workers when the bag is computed.

    >>> import govreport.dask_engine as gd                    # doctest: +SKIP
    >>> bag = gd.bag_from_paths(["reports/"])                 # doctest: +SKIP
    >>> bag.filter(lambda r: "error" not in r).pluck("figures").flatten().count().compute()  # doctest: +SKIP
    """
    delayed: Any = importlib.import_module("dask.delayed").delayed
    bag: Any = importlib.import_module("dask.bag")
    parts = [delayed(records_from_batch, pure=True)(batch)
             for batch in batches(iter_items(paths), batch_bytes, batch_documents)]
    if not parts:
        return bag.from_sequence([], npartitions=1)
    return bag.from_delayed(parts)
