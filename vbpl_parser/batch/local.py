"""The local engine: worker processes on this machine, results streamed as they finish.

At most ``2 × workers`` tasks are in flight (queued or running), so memory stays flat
however many inputs there are: inputs are pulled from the iterator only as results leave.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from .slot import SlotPool
from .work import Outcome, Task

_Running = Future[list[Outcome]]  # a task in the thread pool: its outcomes once done


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run_local(tasks: Iterable[Task], workers: int | None = None,
              stop_requested: threading.Event | None = None) -> Iterator[Outcome]:
    """Run ``tasks`` on ``workers`` child processes, yielding outcomes as they finish.

    Closing the generator early (or an exception such as KeyboardInterrupt in the consumer)
    stops the children and reports nothing more; no temp file is left behind.

    ``stop_requested``: the CLI's signal handlers set it instead of raising
    KeyboardInterrupt wherever the main thread happens to be. An exception raised inside
    ``concurrent.futures.wait`` can leave a future's lock held, and the shutdown then waits
    forever for the worker thread that needs it; so the loop polls the event and raises
    KeyboardInterrupt itself, between waits, where no lock is held.
    """
    workers = workers or default_workers()
    pool = SlotPool(workers)
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vbpl-batch")
    pending: set[_Running] = set()
    finished = False
    poll = None if stop_requested is None else 0.2

    def next_done(pending: set[_Running]) -> tuple[set[_Running], set[_Running]]:
        done, pending = wait(pending, timeout=poll, return_when=FIRST_COMPLETED)
        if stop_requested is not None and stop_requested.is_set():
            raise KeyboardInterrupt
        return done, pending

    try:
        for task in tasks:
            pending.add(executor.submit(pool.run, task))
            while len(pending) >= 2 * workers:
                done, pending = next_done(pending)
                for fut in done:
                    yield from fut.result()
        while pending:
            done, pending = next_done(pending)
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
