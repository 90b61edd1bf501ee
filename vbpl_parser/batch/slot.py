"""Worker processes that can be timed and killed, one document (or group) at a time.

Why not ``concurrent.futures.ProcessPoolExecutor``: a document that hangs (a pathological
file, a stuck LibreOffice) must be stopped without losing the pool, and the executor cannot
kill one worker. Each :class:`Slot` owns one child process (``python -m
vbpl_parser.batch.slot``) started with ``subprocess`` — not ``multiprocessing`` — so that it
also works inside a Dask worker, whose daemonic processes may not have multiprocessing
children. Parent and child exchange pickled messages over two pipes; the child reports
``("start", path)`` before each document, so the parent times each document separately.

On a time limit the parent sends SIGTERM (the child unwinds: LibreOffice and Tesseract
runs are killed by their ``finally`` blocks, temp files removed), then SIGKILL to the
child's process group after a grace period, deletes any temp file the child was writing,
and starts a new child for the next task.
"""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType
from typing import NoReturn

from ..errors import ParseTimeout
from .files import remove_temp_files
from .work import ErrorRecord, Item, Outcome, Task, ext_format, failed, process_task

#: seconds a child gets to unwind after SIGTERM before SIGKILL
GRACE_SECONDS = 3.0
#: a child is replaced after this many tasks (bounds the memory a long batch can leak)
RECYCLE_AFTER = 500
#: extra seconds a LibreOffice group run may take per file (start-up, retries) over the limit
GROUP_SECONDS_PER_FILE = 15.0


class _Stopped(BaseException):
    """Raised in the child by SIGTERM: unwinds every ``finally`` (subprocesses, temp files)."""


def _on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:  # pragma: no cover - runs in the child
    raise _Stopped()


def child_main() -> None:  # pragma: no cover - runs in the child
    """The child's loop: receive a task, emit its messages, send ``("end", None)``."""
    proto = os.dup(1)
    os.dup2(2, 1)  # stray prints from libraries must not corrupt the message stream
    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    rx = Connection(0, writable=False)
    tx = Connection(proto, readable=False)
    try:
        while True:
            try:
                task = rx.recv()
            except EOFError:
                return
            process_task(task, lambda kind, value: tx.send((kind, value)))
            tx.send(("end", None))
    except _Stopped:  # every finally has run on the way here; nothing to report
        sys.exit(128 + signal.SIGTERM)


class Slot:
    """One child process, used by one thread at a time."""

    def __init__(self, recycle_after: int = RECYCLE_AFTER) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.tx: Connection | None = None
        self.rx: Connection | None = None
        self.tasks = 0
        self.recycle_after = recycle_after

    def _start(self) -> tuple[Connection, Connection]:
        """A fresh child; returns its pipes (to it, from it)."""
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", "vbpl_parser.batch.slot"], stdin=to_child_r,
                                         stdout=from_child_w, start_new_session=True)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.tx = tx = Connection(to_child_w, readable=False)
        self.rx = rx = Connection(from_child_r, writable=False)
        self.tasks = 0
        return tx, rx

    def close(self, kill: bool = False) -> None:
        """Stop the child: EOF on its input (it exits), or SIGTERM/SIGKILL when ``kill``."""
        proc, self.proc = self.proc, None
        for conn in (self.tx, self.rx):
            if conn is not None:
                try:
                    conn.close()
                except OSError:
                    pass
        self.tx = self.rx = None
        if proc is None:
            return
        if kill:
            _signal(proc, signal.SIGTERM)
        try:
            proc.wait(GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            _signal(proc, signal.SIGKILL, group=True)
            proc.wait()
        if kill:  # anything the child started in its group (e.g. tesseract) goes too
            _signal(proc, signal.SIGKILL, group=True)

    def run(self, task: Task, stop: threading.Event | None = None) -> list[Outcome]:
        """Run ``task`` in the child; one outcome per item, whatever happens to the child."""
        outcomes: list[Outcome] = []
        remaining = list(task.items)
        while remaining:
            if stop is not None and stop.is_set():
                return outcomes + [_lost(i, "interrupted", "the batch was interrupted") for i in remaining]
            sub = task.with_items(remaining)
            got, remaining = self._run_once(sub, stop)
            outcomes += got
        return outcomes

    def _run_once(self, task: Task, stop: threading.Event | None) -> tuple[list[Outcome], list[Item]]:
        """One attempt; returns the outcomes and the items to retry in a fresh child."""
        tx, rx = self.tx, self.rx
        if (self.proc is None or self.proc.poll() is not None or self.tasks >= self.recycle_after
                or tx is None or rx is None):  # (the pipes exist whenever the child does)
            self.close()
            tx, rx = self._start()
        self.tasks += 1
        by_path = {item.path: item for item in task.items}
        outcomes: list[Outcome] = []
        current: str | None = None  # the document being worked on (None: a group conversion)
        deadline = time.monotonic() + task.timeout
        group_budget = (task.timeout + GROUP_SECONDS_PER_FILE) * len(task.items) + task.timeout
        try:
            tx.send(task)
            while True:
                if stop is not None and stop.is_set():
                    self.close(kill=True)
                    return outcomes + self._lost_all(by_path, "interrupted", "the batch was interrupted"), []
                left = deadline - time.monotonic()
                if left <= 0:
                    lost, retry = self._give_up(by_path, current, "timeout", task.timeout)
                    return outcomes + lost, retry
                if not rx.poll(min(left, 0.2)):
                    continue
                kind, value = rx.recv()
                if kind == "end":
                    return outcomes, []
                if kind == "start":
                    current = value
                    deadline = time.monotonic() + (task.timeout if value is not None else group_budget)
                elif kind == "outcome":
                    by_path.pop(value.path, None)
                    outcomes.append(value)
        except (EOFError, OSError):
            lost, retry = self._give_up(by_path, current, "worker_crashed", task.timeout)
            return outcomes + lost, retry

    def _give_up(self, by_path: dict[str, Item], current: str | None, why: str,
                 timeout: float) -> tuple[list[Outcome], list[Item]]:
        """Kill the child; the document at fault fails, the others are retried in a new child."""
        status = None
        if why != "timeout" and self.proc is not None:
            try:
                status = self.proc.wait(1.0)
            except subprocess.TimeoutExpired:
                pass
        self.close(kill=True)
        if current is not None and current in by_path:
            blamed = [by_path.pop(current)]
        else:  # a group's LibreOffice run (or the reading before it): the whole rest is at fault
            blamed, by_path = list(by_path.values()), {}
        if why == "timeout":
            outs = [_lost(i, "timeout", f"stopped after {timeout:g} s (the per-document time limit)",
                          "raise it with --timeout if the file is just large") for i in blamed]
        else:
            detail = "the worker process died" + (
                f" (killed by signal {-status})" if status is not None and status < 0
                else f" (exit status {status})" if status is not None else "")
            outs = [_lost(i, "worker_crashed", detail, "the file may exhaust memory or crash a library")
                    for i in blamed]
        for item in blamed:
            if item.output:
                remove_temp_files(Path(item.output))
        return outs, list(by_path.values())

    def _lost_all(self, by_path: dict[str, Item], kind: str, message: str) -> list[Outcome]:
        items = list(by_path.values())
        for item in items:
            if item.output:
                remove_temp_files(Path(item.output))
        return [_lost(i, kind, message) for i in items]


def _lost(item: Item, kind: str, message: str, hint: str | None = None) -> Outcome:
    err_type = {"timeout": ParseTimeout.__name__, "worker_crashed": "WorkerCrashed"}.get(kind, "Interrupted")
    return Outcome(item.path, "failed", format=ext_format(item.path),
                   error=ErrorRecord(item.path, kind, err_type, message, hint))


def _signal(proc: subprocess.Popen[bytes], sig: int, group: bool = False) -> None:
    try:
        if group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
    except (ProcessLookupError, PermissionError):
        pass


class SlotPool:
    """Up to ``size`` slots shared by threads; a thread borrows one per task.

    ``size=None`` grows on demand (inside a Dask worker, where the number of task
    threads decides how many run at once).
    """

    def __init__(self, size: int | None = None, recycle_after: int = RECYCLE_AFTER) -> None:
        self._idle: queue.LifoQueue[Slot] = queue.LifoQueue()
        self._all: list[Slot] = []
        self._lock = threading.Lock()
        self.size = size
        self.recycle_after = recycle_after
        self.stop = threading.Event()

    def _borrow(self) -> Slot:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self.size is None or len(self._all) < self.size:
                slot = Slot(self.recycle_after)
                self._all.append(slot)
                return slot
        return self._idle.get()

    def run(self, task: Task) -> list[Outcome]:
        if self.stop.is_set():
            return [_lost(i, "interrupted", "the batch was interrupted") for i in task.items]
        slot = self._borrow()
        try:
            return slot.run(task, self.stop)
        except Exception as exc:  # a bug in the supervision itself: fail these documents, not the batch
            slot.close(kill=True)
            return [failed(i.path, exc) for i in task.items]
        finally:
            self._idle.put(slot)

    def close(self, kill: bool = False) -> None:
        """Stop every child. ``kill`` first tells running tasks to give up (their threads
        kill their own children within 0.2 s); call it again once those threads are done."""
        if kill:
            self.stop.set()
            return
        with self._lock:
            slots = list(self._all)
        for slot in slots:
            slot.close()


if __name__ == "__main__":  # pragma: no cover
    child_main()
