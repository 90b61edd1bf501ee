"""``vbpl-parser parse ... -o OUT_DIR`` / ``--jsonl FILE``: the command-line batch.

Owns what only the command line has: discovering inputs, ``OUT_DIR/errors.jsonl``, the
``--jsonl`` file, the progress bar, the summary and the exit status (0 all good, 1 some
failed, 130 interrupted). The documents themselves go through :func:`iter_outcomes`, the
same path as the library's ``parse_many``.
"""
from __future__ import annotations

import math
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from ..api import InputNotFound
from ..options import Options
from . import iter_outcomes
from .discover import discover
from .local import default_workers
from .plan import DEFAULT_TIMEOUT, GROUP_SIZE, Handling, share_cores
from .progress import Progress, Tally
from .work import LEGACY_EXTENSIONS, ErrorRecord, Item, Outcome

ERRORS_FILE = "errors.jsonl"
#: a signal handler as ``signal.signal`` takes and returns it
_Handler = Callable[[int, FrameType | None], Any] | int | None


@dataclass(slots=True)
class BatchConfig:
    inputs: list[str]
    out_dir: str | None = None
    jsonl: str | None = None
    workers: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    force: bool = False
    indent: int | None = 1
    engine: str = "local"
    scheduler: str | None = None
    quiet: bool = False
    options: Options | None = None  # limits and OCR settings (None: the environment's)


class LineFile:
    """A JSON Lines file written to a temp file and renamed into place by :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines = 0
        self._file: tuple[TextIO, str] | None = None  # the open temp file and its path

    def write(self, line: str) -> None:
        fh, _ = self._open()
        fh.write(line + "\n")
        self.lines += 1

    def _open(self) -> tuple[TextIO, str]:
        """The temp file, created on first use."""
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            self._file = (os.fdopen(fd, "w", encoding="utf-8"), tmp)
        return self._file

    def commit(self) -> None:
        fh, tmp = self._open()
        fh.close()
        os.replace(tmp, self.path)
        self._file = None

    def discard(self) -> None:
        if self._file is not None:
            fh, tmp = self._file
            fh.close()
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        self._file = None


def count_tasks(paths: list[str], group_size: int = GROUP_SIZE) -> int:
    """How many tasks ``make_tasks`` will make (workers beyond that would idle)."""
    legacy = sum(1 for p in paths if p.lower().endswith(LEGACY_EXTENSIONS))
    return len(paths) - legacy + math.ceil(legacy / group_size)


def run_batch(cfg: BatchConfig, stderr: TextIO | None = None) -> int:
    """Convert everything ``cfg.inputs`` names; returns the exit status."""
    stderr = stderr or sys.stderr
    found = discover(cfg.inputs, skip_under=cfg.out_dir)
    out_dir = Path(cfg.out_dir) if cfg.out_dir else None
    tally = Tally()
    progress = Progress(len(found.entries) + len(found.missing), tally, stderr,
                        enabled=False if cfg.quiet else None)
    errors = LineFile(out_dir / ERRORS_FILE) if out_dir else None
    jsonl = LineFile(Path(cfg.jsonl)) if cfg.jsonl else None

    def record(outcome: Outcome) -> None:
        tally.add(outcome)
        if outcome.error is not None:
            progress.message(f"error: {outcome.error.line()}")
            if errors is not None:
                errors.write(outcome.error.to_json())
        if jsonl is not None and outcome.json is not None:
            jsonl.write(outcome.json)
        progress.update()

    for arg in found.missing:
        exc = InputNotFound("no such file, folder or matching pattern", path=arg)
        record(Outcome(arg, "failed", error=ErrorRecord.from_exception(arg, exc)))
    items = [Item(e.path, str(out_dir / e.output_name) if out_dir else None) for e in found.entries]
    options = cfg.options if cfg.options is not None else Options.from_env()
    opts = Handling(force=cfg.force, indent=cfg.indent, return_json=jsonl is not None, timeout=cfg.timeout,
                    options=options)
    client = None
    interrupted = False
    stop_requested = threading.Event()
    old_handlers = _signals_request_stop(stop_requested, raise_at_once=cfg.engine == "dask")
    try:
        if cfg.engine == "dask" and items:
            from .dask_engine import connect

            client = connect(cfg.scheduler, cfg.workers)
        workers = max(1, min(cfg.workers or default_workers(), count_tasks([i.path for i in items])))
        if client is None:
            opts.options = share_cores(opts.options, workers, default_workers())
        for outcome in iter_outcomes(items, opts, workers=workers, client=client, stop_requested=stop_requested):
            record(outcome)
            if stop_requested.is_set():
                raise KeyboardInterrupt
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.clear()
        _finish(errors, jsonl, interrupted)
        if client is not None:
            _close_client(client, own_cluster=cfg.scheduler is None)
        for signum, handler in old_handlers.items():
            signal.signal(signum, handler)
    notes = []
    if found.renamed:
        notes.append(f"{found.renamed} inputs share a file name with another input: their outputs are "
                     "named <name>.<8 hex digits>.json (source.path inside names the input)")
    if found.ignored:
        notes.append(f"{found.ignored} files in the folders given are not documents and were left out")
    if not cfg.quiet and (found.expanded or progress.enabled or interrupted):
        print(tally.summary(interrupted, notes), file=stderr, flush=True)
    if interrupted:
        return 130
    return 1 if tally.status["failed"] else 0


def _signals_request_stop(stop_requested: threading.Event, raise_at_once: bool) -> dict[signal.Signals, _Handler]:
    """Ctrl-C (SIGINT) and SIGTERM (a job scheduler stopping the batch) stop the run: workers
    stopped, no temp file left, exit status 130. The handlers only set ``stop_requested``;
    the local engine raises KeyboardInterrupt at a safe point (see ``run_local``). The Dask
    engine waits in Dask's own calls, so there the handler raises at once. Returns the
    previous handlers (none off the main thread, where signals cannot be handled)."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()
        if raise_at_once:
            raise KeyboardInterrupt

    return {signum: signal.signal(signum, request_stop) for signum in (signal.SIGINT, signal.SIGTERM)}


def _finish(errors: LineFile | None, jsonl: LineFile | None, interrupted: bool) -> None:
    """Put the run's files in place. An interrupted run keeps its error records (they are
    true) but not a partial ``--jsonl`` file (it would pass for a complete export)."""
    if jsonl is not None:
        jsonl.discard() if interrupted else jsonl.commit()
    if errors is None:
        return
    if errors.lines:
        errors.commit()
    else:
        errors.discard()
        stale = errors.path  # a previous run's OUT_DIR/errors.jsonl
        if not interrupted and stale.exists():
            stale.unlink()  # every input was retried and none failed: old records are wrong now


def _close_client(client: Any, own_cluster: bool) -> None:
    cluster = getattr(client, "cluster", None) if own_cluster else None
    client.close()
    if cluster is not None:
        cluster.close()
