"""The local engine: worker processes on this machine, results streamed as they finish.

At most ``2 × workers`` tasks are in flight (queued or running), so memory stays flat
however many inputs there are: inputs are pulled from the iterator only as results leave.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from .slot import SlotPool
from .work import Outcome, Task


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run_local(tasks: Iterable[Task], workers: int | None = None) -> Iterator[Outcome]:
    """Run ``tasks`` on ``workers`` child processes, yielding outcomes as they finish.

    Closing the generator early (or an exception such as KeyboardInterrupt in the consumer)
    stops the children and reports nothing more; no temp file is left behind.
    """
    workers = workers or default_workers()
    pool = SlotPool(workers)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vbpl-batch")
    pending: set[Future] = set()
    finished = False
    try:
        for task in tasks:
            pending.add(executor.submit(pool.run, task))
            while len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield from fut.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()
        finished = True
    finally:
        if not finished:
            pool.close(kill=True)
            for fut in pending:
                fut.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
        pool.close()
