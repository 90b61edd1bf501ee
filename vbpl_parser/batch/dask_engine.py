"""The Dask engine: the same per-document function on a Dask cluster.

Only the client needs the input files and the output folder: it reads each input, skips
those whose output is up to date, and ships the bytes; a worker parses them in a killable
child process (:mod:`.slot`, so the per-document time limit holds there too) and returns the
:class:`~vbpl_parser.model.Document`; the client writes the outputs. The workers need
vbpl_parser (same version) plus LibreOffice and Tesseract for .doc/.rtf and scans, but no
shared file system.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .files import write_atomic
from .slot import SlotPool
from .work import Item, Outcome, Task, _attach_existing, failed, load, skipped_if_current

_POOL: SlotPool | None = None
_POOL_LOCK = threading.Lock()


def worker_run(task: Task) -> list[Outcome]:
    """Runs on a Dask worker: the task in one of this worker process's child slots."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = SlotPool(None)  # grows to the number of task threads of the worker
    return _POOL.run(task)


def connect(scheduler: str | None, workers: int | None) -> Any:
    """A ``distributed.Client`` for ``scheduler`` ("tcp://host:8786"), or a LocalCluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        from ..errors import ToolMissing

        raise ToolMissing("the Dask engine needs Dask", hint="pip install 'vbpl-parser[dask]'") from None
    # distributed leaves Client, LocalCluster and as_completed unannotated: the ignores below are for
    # --disallow-untyped-calls (strict), and unused-ignore keeps them quiet where that is off
    if scheduler:
        return Client(scheduler)  # type: ignore[no-untyped-call, unused-ignore]
    from .local import default_workers

    cluster = LocalCluster(  # type: ignore[no-untyped-call, unused-ignore]
        n_workers=workers or default_workers(), threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster)  # type: ignore[no-untyped-call, unused-ignore]


def run_dask(tasks: Iterable[Task], client: Any) -> Iterator[Outcome]:
    """Run ``tasks`` on the cluster behind ``client``, yielding outcomes as they finish.

    At most twice as many tasks as the cluster has threads are in flight.
    """
    from distributed import as_completed

    limit = max(2, 2 * sum(client.nthreads().values()))
    shipped: dict[str, tuple[Task, list[Item]]] = {}
    ready: Any = as_completed()  # type: ignore[no-untyped-call, unused-ignore]  # unannotated, see connect()
    try:
        for task in tasks:
            local, remote, originals = _prepare(task)
            yield from local
            if remote is None:
                continue
            fut = client.submit(worker_run, remote, pure=False)
            shipped[fut.key] = (task, originals)
            ready.add(fut)
            while ready.count() >= limit:
                yield from _collect(next(ready), shipped)
        for fut in ready:
            yield from _collect(fut, shipped)
    finally:
        for key in list(shipped):
            shipped.pop(key)
        ready.clear()


def _prepare(task: Task) -> tuple[list[Outcome], Task | None, list[Item]]:
    """Read and hash on the client: up-to-date items are skipped here, the rest shipped."""
    local: list[Outcome] = []
    remote: list[Item] = []
    originals: list[Item] = []
    for item in task.items:
        try:
            data = load(item, task.options)
        except Exception as exc:
            local.append(failed(item.path, exc))
            continue
        skip = skipped_if_current(item, hashlib.sha256(data).hexdigest(), task.force)
        if skip is not None:
            if task.return_json or task.return_document:
                _attach_existing(skip, task)
            local.append(skip)
            continue
        remote.append(Item(item.path, None, data))
        originals.append(item)
    if not remote:
        return local, None, []
    sub = task.with_items(remote, return_json=False, return_document=True)
    return local, sub, originals


def _collect(fut: Any, shipped: dict[str, tuple[Task, list[Item]]]) -> list[Outcome]:
    """Outcomes of one finished future, with the outputs written on the client."""
    task, originals = shipped.pop(fut.key)
    try:
        outcomes: list[Outcome] = fut.result()
    except Exception as exc:  # the cluster lost the task (e.g. KilledWorker)
        lost = [failed(item.path, exc) for item in originals]
        if type(exc).__name__ == "KilledWorker":
            for out in lost:
                if out.error is not None:  # failed() always records one
                    out.error.kind, out.error.hint = "worker_crashed", "the file may exhaust memory or crash a library"
        return lost
    finally:
        fut.release()
    outputs = {item.path: item.output for item in originals}
    for out in outcomes:
        doc = out.document
        out.output = outputs.get(out.path)
        if doc is not None:
            if out.output:
                write_atomic(Path(out.output), doc.model_dump_json(indent=task.indent) + "\n")
            if task.return_json:
                out.json = doc.model_dump_json()
            if not task.return_document:
                out.document = None
    return outcomes
