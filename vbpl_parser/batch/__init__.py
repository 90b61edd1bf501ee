"""Batch conversion: many documents in parallel, streamed, resumable, on one machine or Dask.

``parse_many`` is the library entry point; ``vbpl-parser parse DIR -o OUT`` uses the same
machinery through :func:`.runner.run_batch`. See ``docs/batch.md``.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..limits import Limits
from ..options import Options, resolve
from .discover import name_outputs
from .plan import DEFAULT_TIMEOUT, GROUP_SIZE, Handling, make_tasks, share_cores
from .work import ErrorRecord, Item, Outcome

__all__ = ["parse_many", "Outcome", "ErrorRecord", "DEFAULT_TIMEOUT", "iter_outcomes"]


def parse_many(paths: Iterable[str | os.PathLike[str]], *, workers: int | None = None,
               timeout: float = DEFAULT_TIMEOUT, client: Any = None,
               output_dir: str | os.PathLike[str] | None = None, force: bool = False,
               documents: bool = True, group_size: int = GROUP_SIZE, options: Options | None = None,
               limits: Limits | None = None) -> Iterator[Outcome]:
    """Parse many files in parallel; yield one :class:`Outcome` per file as each finishes.

    ``outcome.ok`` tells success; ``outcome.document`` holds the parsed Document (when
    ``documents``), ``outcome.error`` the :class:`ErrorRecord` of a failure (``kind``,
    ``type``, ``message``, ``file``). Results come in completion order, not input order.

    Memory stays flat: ``paths`` is consumed lazily and at most twice as many documents as
    there are workers are in flight. A document over ``timeout`` seconds fails with kind
    ``timeout`` (its worker is killed and replaced). ``workers`` defaults to one per core;
    ``client`` (a ``dask.distributed.Client``) runs the work on a Dask cluster instead.

    With ``output_dir``, each JSON is also written there as ``<file name>.json`` and files
    whose output is up to date are skipped (status ``"skipped"``) unless ``force``; the
    paths are then collected first, to give inputs that share a name distinct outputs.
    """
    opts = Handling(force=force, return_document=documents, timeout=timeout, group_size=group_size,
                    options=resolve(options, limits))
    if output_dir is None:
        items: Iterable[Item] = (Item(os.fspath(p)) for p in paths)
    else:
        entries, _ = name_outputs([os.fspath(p) for p in paths])
        out = Path(output_dir)
        items = [Item(e.path, str(out / e.output_name)) for e in entries]
    return iter_outcomes(items, opts, workers=workers, client=client)


def iter_outcomes(items: Iterable[Item], opts: Handling, *, workers: int | None = None,
                  client: Any = None, stop_requested: threading.Event | None = None) -> Iterator[Outcome]:
    """Outcomes of ``items`` from the local engine, or from Dask when ``client`` is given.
    ``stop_requested`` (local engine): set by a signal handler, ends the run like Ctrl-C."""
    if client is None:
        from .local import default_workers

        cores = default_workers()
        opts.options = share_cores(opts.options, workers or cores, cores)
    tasks = make_tasks(items, opts)
    if client is not None:
        from .dask_engine import run_dask

        return run_dask(tasks, client)
    from .local import run_local

    return run_local(tasks, workers, stop_requested)
