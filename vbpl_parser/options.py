"""Options: every setting of a run, passed explicitly from the CLI, the library and the batch
to every stage that needs one.

Why explicit: settings that travel through globals or environment variables reach some
code paths and not others (a worker process, a thread of the OCR pool, the LibreOffice group
path of the batch). One frozen value, handed down, reaches all of them the same way; the
environment (``VBPL_*``) is read once, at the boundary, when the caller gives no options.

* :class:`Options` — limits (:class:`~vbpl_parser.limits.Limits`), OCR settings, tools;
* :class:`Run` — one document's options with its time :class:`~vbpl_parser.limits.Budget`
  and its name (for messages): what a reader or a stage receives.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .limits import Budget, Limits


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How scans are read (Tesseract)."""

    #: Tesseract language(s), e.g. "vie" or "vie+Vietnamese"
    language: str = "vie"
    #: scans are rendered at their own resolution, clamped to this range
    min_dpi: int = 200
    max_dpi: int = 400
    #: render resolution for pages without a scan image (vector text with a broken font)
    render_dpi: int = 300
    #: Tesseract page segmentation mode (3: fully automatic)
    psm: int = 3
    #: pages read at once in one document (None: min(4, CPU count)); the batch gives each
    #: worker its share of the cores so that workers do not start more runs than there are cores
    workers: int | None = None

    def worker_count(self) -> int:
        if self.workers is not None:
            return max(1, self.workers)
        return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class Options:
    """Settings of a run (one document or a batch)."""

    limits: Limits = field(default_factory=Limits)
    ocr: OcrOptions = field(default_factory=OcrOptions)
    #: the LibreOffice program for .doc/.rtf/.odt (None: ``soffice``/``libreoffice`` on PATH)
    soffice: str | None = None

    def replace(self, **changes: Any) -> Options:
        return dataclasses.replace(self, **changes)

    def with_limits(self, **changes: Any) -> Options:
        """A copy with some limits changed (``opts.with_limits(time_limit=60)``)."""
        return dataclasses.replace(self, limits=self.limits.replace(**changes))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Options:
        """Defaults overridden by ``VBPL_<LIMIT>``, ``VBPL_OCR_LANGUAGE`` and ``VBPL_SOFFICE``."""
        env = os.environ if env is None else env
        ocr = OcrOptions()
        if env.get("VBPL_OCR_LANGUAGE", "").strip():
            ocr = dataclasses.replace(ocr, language=env["VBPL_OCR_LANGUAGE"].strip())
        return cls(limits=Limits.from_env(env), ocr=ocr, soffice=env.get("VBPL_SOFFICE") or None)

    def start(self, name: str | None = None) -> Run:
        """The run of one document under these options: its time budget starts now."""
        return Run(self, Budget(self.limits.time_limit, name), name)


@dataclass(frozen=True, slots=True)
class Run:
    """One document's run: the options in force, its time budget and its name."""

    options: Options
    budget: Budget
    name: str | None = None

    @property
    def limits(self) -> Limits:
        return self.options.limits

    def check_time(self) -> None:
        self.budget.check()

    def named(self, name: str | None) -> Run:
        """The same options and budget under another name (one file of a converted group)."""
        return Run(self.options, self.budget, name)


def resolve(options: Options | None = None, limits: Limits | None = None) -> Options:
    """The options of a library call: those given (``limits`` replacing theirs), else the
    environment's."""
    opts = options if options is not None else Options.from_env()
    return opts if limits is None else opts.replace(limits=limits)
