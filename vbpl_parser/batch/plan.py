"""From inputs to tasks: one task per document, LibreOffice formats in small groups."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..options import Options
from .work import LEGACY_EXTENSIONS, Item, Task

#: .doc/.rtf/.odt files converted per LibreOffice run (its start-up is paid once per group;
#: small enough that two workers share a few dozen legacy files evenly)
GROUP_SIZE = 8
#: default per-document time limit, seconds: generous, a 300-page scan takes minutes
DEFAULT_TIMEOUT = 600.0


@dataclass(slots=True)
class Handling:
    """How each document is handled (the same for every engine)."""

    force: bool = False
    indent: int | None = 1
    return_json: bool = False
    return_document: bool = False
    timeout: float = DEFAULT_TIMEOUT
    group_size: int = GROUP_SIZE
    #: the parsing options every worker applies (limits, OCR settings); ``timeout`` is their time limit
    options: Options = field(default_factory=Options)


def share_cores(options: Options, workers: int, cores: int) -> Options:
    """Give each of ``workers`` worker processes its share of the cores for OCR: a worker
    OCRs several pages at once, and two workers each starting as many Tesseract runs as
    there are cores would only fight over them."""
    if options.ocr.workers is not None:
        return options
    return options.replace(ocr=dataclasses.replace(options.ocr, workers=max(1, cores // max(1, workers))))


def make_tasks(items: Iterable[Item], opts: Handling) -> Iterator[Task]:
    """Tasks in input order, except that legacy files wait until a group is full.

    Grouping is decided from the extension only (cheap, no read); a misnamed file in a
    group is simply parsed on its own by the worker.
    """
    group: list[Item] = []

    def task(batch: list[Item]) -> Task:
        return Task(batch, opts.force, opts.indent, opts.return_json, opts.return_document, opts.timeout,
                    opts.options.with_limits(time_limit=opts.timeout))

    for item in items:
        if opts.group_size > 1 and item.path.lower().endswith(LEGACY_EXTENSIONS):
            group.append(item)
            if len(group) >= opts.group_size:
                yield task(group)
                group = []
        else:
            yield task([item])
    if group:
        yield task(group)
