"""Progress bar and end-of-run summary of a batch, on stderr.

The bar is drawn only on a terminal (redrawn at most ten times a second); messages
(error lines) are printed above it so the two never mix.
"""
from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from typing import TextIO

from .work import Outcome


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Tally:
    """Counts of a run: done/skipped/failed overall, by format, and failures by kind."""

    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.by_format: dict[str, Counter[str]] = defaultdict(Counter)
        self.failures: Counter[str] = Counter()
        self.started = time.monotonic()

    def add(self, outcome: Outcome) -> None:
        self.status[outcome.status] += 1
        self.by_format[outcome.format or "?"][outcome.status] += 1
        if outcome.error is not None:
            self.failures[outcome.error.kind] += 1

    @property
    def count(self) -> int:
        return sum(self.status.values())

    def summary(self, interrupted: bool = False, notes: list[str] | None = None) -> str:
        """A few lines: totals, failures by kind, then one line per format."""
        elapsed = time.monotonic() - self.started
        worked = self.status["done"] + self.status["failed"]
        rate = f", {worked / elapsed:.1f} docs/s" if elapsed > 0 and worked else ""
        head = (f"{'interrupted: ' if interrupted else ''}{self.status['done']} done, "
                f"{self.status['skipped']} skipped, {self.status['failed']} failed "
                f"in {_duration(elapsed)}{rate}")
        if self.failures:
            head += " (" + ", ".join(f"{n} {k}" for k, n in self.failures.most_common()) + ")"
        lines = [head]
        for fmt in sorted(self.by_format):
            c = self.by_format[fmt]
            lines.append(f"  {fmt:<6} {c['done']:>6} done {c['skipped']:>6} skipped {c['failed']:>6} failed")
        lines += [f"  note: {n}" for n in notes or []]
        return "\n".join(lines)


class Progress:
    """``[#####.....] 120/1000  12%  3.4 docs/s  ETA 4m12s  3 failed`` on a terminal."""

    WIDTH = 24

    def __init__(self, total: int, tally: Tally, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.total = total
        self.tally = tally
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0
        self._shown = False

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        done = self.tally.count
        elapsed = now - self.tally.started
        rate = done / elapsed if elapsed > 0 else 0.0
        frac = done / self.total if self.total else 1.0
        filled = int(frac * self.WIDTH)
        eta = _duration((self.total - done) / rate) if rate > 0 else "?"
        failed = self.tally.status["failed"]
        line = (f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{self.total} {frac:4.0%} "
                f"{rate:.1f} docs/s ETA {eta}" + (f" {failed} failed" if failed else ""))
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def message(self, text: str) -> None:
        """Print a line (an error) above the bar."""
        self.clear()
        print(text, file=self.stream, flush=True)
        self.update(force=True)
