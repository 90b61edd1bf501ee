"""Shared helpers of the benchmark scripts: corpus listing, medians, load, tree memory.

The machine is shared (other jobs run on it), so every script records the load average
before and after each measurement and reports medians of several runs.
"""
from __future__ import annotations

import json
import os
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("VBPL_CORPUS", ROOT.parent / "shared" / "corpus"))
RESULTS = ROOT / "bench" / "results"
FORMATS = {".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".pdf": "pdf", ".txt": "txt", ".md": "md",
           ".html": "html", ".htm": "html"}


def corpus_files(name: str) -> dict[str, list[Path]]:
    """Files of ``shared/corpus/<name>`` by format (from the extension), sorted."""
    out: dict[str, list[Path]] = defaultdict(list)
    for p in sorted((CORPUS / name).iterdir()):
        fmt = FORMATS.get(p.suffix.lower())
        if fmt:
            out[fmt].append(p)
    return dict(out)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def timed(fn: Callable[[], object], repeat: int) -> dict:
    """Median wall time of ``repeat`` calls, with the load average around them."""
    times, loads = [], [load()]
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        loads.append(load())
    return {"median_s": median(times), "runs_s": [round(t, 3) for t in times], "load": loads}


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = defaultdict(list)
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children[ppid].append(pid)
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


class PeakMemory:
    """Samples the memory of this process and its descendants (workers, LibreOffice, Tesseract)."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_tree_kb = 0
        self.peak_self_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        pid = os.getpid()
        while not self._stop.is_set():
            self.peak_tree_kb = max(self.peak_tree_kb, _tree_rss_kb(pid))
            with open(f"/proc/{pid}/statm") as fh:
                self.peak_self_kb = max(self.peak_self_kb, int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = {"host_cores": os.cpu_count(), "when": time.strftime("%Y-%m-%d %H:%M:%S"), **data}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
