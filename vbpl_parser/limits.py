"""Resource limits: every bound on what one input may cost, in one place.

Why: the parser runs on archives from many offices and on web uploads, so any input may be
hostile (a ZIP bomb, a PDF of 100,000 pages, a 50 MB line) or just absurd. Each reader checks
the limit that concerns it *before* the expensive step (the ZIP central directory before
inflating, the PDF page count before loading pages, the image header before decoding), and
refuses with :class:`~vbpl_parser.errors.DocumentTooLarge` whose hint names the limit to raise.

Limits travel inside :class:`vbpl_parser.options.Options`, passed explicitly from the CLI,
the library calls and the batch to every stage. Where a value comes from, first match wins:

1. a :class:`Limits` (or :class:`~vbpl_parser.options.Options`) given to ``parse*(...)`` or
   ``parse_many(...)``; the CLI builds one from ``--max-size``/``--limit``/``--timeout``;
2. environment variables ``VBPL_<FIELD>`` (``VBPL_MAX_INPUT_BYTES=50M``, ``VBPL_TIME_LIMIT=60``),
   read once, where no options are given (:meth:`Limits.from_env`): how an operator sets
   limits for a service without touching code;
3. the defaults below.

The per-document time limit (:attr:`Limits.time_limit`) is a :class:`Budget`: checked between
stages and pages and, in the main thread, by a ``SIGALRM`` timer; external programs
(LibreOffice, Tesseract) get the remaining time as their own timeout. It cannot stop a single
long call inside a C library: for untrusted files run the batch mode, whose supervisor kills
a worker process that overruns (see ``docs/security.md``).
"""
from __future__ import annotations

import dataclasses
import os
import re
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

from .errors import DocumentTooLarge, ParseTimeout

MiB = 1024 * 1024
ENV_PREFIX = "VBPL_"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one document. Sizes in bytes, times in seconds; ``time_limit=None`` disables it."""

    #: bytes of the input file (checked before reading it)
    max_input_bytes: int = 200 * MiB
    #: characters the text pipeline accepts (after reading; ~1 s and up to ~85 bytes of memory
    #: per character: 10 M characters is over 5,000 pages, the largest real codes are ~1 M)
    max_text_chars: int = 10_000_000
    #: .docx: all ZIP entries together, as declared in the central directory
    zip_max_uncompressed_bytes: int = 200 * MiB
    #: .docx: per-entry inflation ratio (real parts stay under ~25x) ...
    zip_max_ratio: float = 200.0
    #: ... checked only for entries larger than this (small ones may compress well)
    zip_ratio_min_bytes: int = 1 * MiB
    #: .docx: number of ZIP entries
    zip_max_entries: int = 20_000
    #: .docx: one inflated XML part
    xml_max_part_bytes: int = 100 * MiB
    #: PDF: pages
    pdf_max_pages: int = 3000
    #: PDF: longest page side in points (14,400 pt = 200 in, the largest the format allows)
    pdf_max_page_side_pt: float = 14400.0
    #: PDF: pages that may go to OCR
    ocr_max_pages: int = 1000
    #: PDF: pixels of one page rendered for OCR (A0 at 300 dpi is ~139 M)
    ocr_max_render_pixels: int = 140_000_000
    #: image files: pixels per image/frame, read from the header before decoding
    image_max_pixels: int = 120_000_000
    #: image files: frames of a multi-page TIFF
    image_max_frames: int = 300
    #: one Tesseract run on one page
    ocr_page_timeout: float = 180.0
    #: one LibreOffice conversion (start-up included)
    libreoffice_timeout: float = 120.0
    #: wall-clock seconds for one document through the whole pipeline (None: no limit)
    time_limit: float | None = 600.0

    def replace(self, **changes: Any) -> Limits:
        """A copy with some fields changed (``limits.replace(max_input_bytes=10 * MiB)``)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """Defaults overridden by ``VBPL_<FIELD>`` variables; a bad value raises ValueError."""
        env = os.environ if env is None else env
        changes: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw.strip():
                changes[f.name] = parse_value(f.name, raw)
        return cls(**changes) if changes else cls()

    def to_env(self) -> dict[str, str]:
        """The ``VBPL_<FIELD>`` variables that reproduce these limits in another process."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[ENV_PREFIX + f.name.upper()] = "none" if value is None else repr(value)
        return out


FIELD_NAMES = tuple(f.name for f in fields(Limits))
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)i?b?\s*$", re.I)
_UNITS = {"": 1, "k": 1024, "m": MiB, "g": 1024 * MiB, "t": 1024 * 1024 * MiB}


def parse_value(name: str, raw: str) -> object:
    """Convert a textual setting ("50M", "1.5G", "120", "none") to the field's type."""
    if name not in FIELD_NAMES:
        raise ValueError(f"unknown limit {name!r}; known: {', '.join(FIELD_NAMES)}")
    text = raw.strip().lower()
    if name == "time_limit" and text in ("none", "off", "0", "0.0", ""):
        return None
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"limit {name}: {raw!r} is not a number (sizes may end in K, M or G)")
    value = float(m.group(1)) * _UNITS[m.group(2).lower()]
    if value <= 0:
        raise ValueError(f"limit {name} must be positive, not {raw!r}")
    kind = {f.name: f.type for f in fields(Limits)}[name]
    return int(value) if kind == "int" else value


def hint(field: str) -> str:
    """The hint of a DocumentTooLarge: which limit to raise, and how."""
    return (f"if the file is genuine, raise the limit {field} "
            f"(Limits.{field}, env {ENV_PREFIX}{field.upper()}, CLI --limit {field}=...)")


def check_size(size: int, name: str | None, limits: Limits, what: str = "the file") -> None:
    """DocumentTooLarge when ``size`` bytes exceed :attr:`Limits.max_input_bytes`."""
    limit = limits.max_input_bytes
    if size > limit:
        raise DocumentTooLarge(f"{what} is {size:,} bytes, over the {limit:,}-byte limit", path=name,
                               hint=hint("max_input_bytes"))


def check_text_length(chars: int, name: str | None, limits: Limits) -> None:
    """DocumentTooLarge when a document's text exceeds :attr:`Limits.max_text_chars`."""
    limit = limits.max_text_chars
    if chars > limit:
        raise DocumentTooLarge(f"the text is {chars:,} characters, over the {limit:,}-character limit",
                               path=name, hint=hint("max_text_chars") + "; or split the document")


# --------------------------------------------------------------------------- time limit

class Budget:
    """The wall-clock time one document may still take.

    Why an object passed along, not a global: a worker thread (OCR pages run in a pool) or a
    batch worker sees exactly the budget of the document it works on. Stages call
    :meth:`check` between steps and pages; external programs get :meth:`tool_timeout`. It
    cannot stop a single long call inside a C library: :meth:`alarm` adds a ``SIGALRM``
    timer in the main thread, and the batch supervisor kills a worker that overruns.
    """

    __slots__ = ("seconds", "name", "at")

    def __init__(self, seconds: float | None, name: str | None = None) -> None:
        self.seconds = seconds
        self.name = name
        self.at = time.monotonic() + seconds if seconds else None

    def error(self) -> ParseTimeout:
        return ParseTimeout(f"parsing took longer than the {self.seconds:g} s time limit", path=self.name,
                            hint="raise the limit time_limit (Limits.time_limit, env VBPL_TIME_LIMIT, "
                                 "CLI --timeout) or split the document")

    def check(self) -> None:
        """Raise ParseTimeout when the document is past its time limit (cheap; call often)."""
        if self.at is not None and time.monotonic() > self.at:
            raise self.error()

    def remaining(self) -> float | None:
        """Seconds left (None: no time limit)."""
        return None if self.at is None else self.at - time.monotonic()

    def tool_timeout(self, default: float) -> float:
        """Timeout for an external program: its own limit, cut to the document's remaining time."""
        left = self.remaining()
        if left is None:
            return default
        if left <= 0:
            self.check()
        return min(default, max(1.0, left))  # at least a second: a tool cannot start in less

    @contextmanager
    def alarm(self) -> Iterator[None]:
        """A ``SIGALRM`` timer that raises ParseTimeout in the main thread at the deadline.

        Used only in the main thread and only when nobody else uses the signal (no handler
        installed, no timer running); removed on the way out.
        """
        started = self.at is not None and _start_alarm(self)
        try:
            yield
        finally:
            if started:
                _stop_alarm()


def _start_alarm(budget: Budget) -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        if signal.getsignal(signal.SIGALRM) != signal.SIG_DFL:  # None: a handler set outside Python
            return False
        if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return False

        def on_alarm(signum: int, frame: object) -> None:
            raise budget.error()

        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, max(0.001, (budget.at or 0) - time.monotonic()))
    except (ValueError, OSError):  # not the main interpreter, or signals unavailable
        return False
    return True


def _stop_alarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
