"""The per-document function: what every engine (local worker processes, Dask) runs.

One :class:`Task` holds one document, or a few .doc/.rtf/.odt files converted together in
one LibreOffice run (starting LibreOffice costs about a second per run; converting a group
of eight costs little more than converting one). The function reads the input, checks
whether the output is already up to date (``source.sha256`` in the existing JSON equals the
input's hash), parses, writes the output atomically, and reports one :class:`Outcome` per
document through ``emit`` as soon as that document is finished.

Errors never escape: each becomes an :class:`ErrorRecord` with the error's ``kind``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..api import parse_bytes, read_input
from ..errors import EmptyDocument, VbplError
from ..model import Document
from ..options import Options
from ..pipeline import parse_raw
from .files import output_state, write_atomic

#: file extensions whose documents are grouped for one LibreOffice run
LEGACY_EXTENSIONS = (".doc", ".rtf", ".odt")
#: environment variable of the test hook (see :func:`_test_hook`)
TEST_HOOK_ENV = "VBPL_BATCH_TEST_HOOK"


@dataclass(slots=True)
class ErrorRecord:
    """Why one document failed: one line of ``errors.jsonl``."""

    file: str
    kind: str  # VbplError.kind, or "internal_error", "timeout", "worker_crashed"
    type: str  # the exception class name
    message: str
    hint: str | None = None

    def to_json(self) -> str:
        line = json.dumps(asdict(self), ensure_ascii=False)
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: \udcff escapes keep its bytes
            line = json.dumps(asdict(self))
        return line

    @classmethod
    def from_exception(cls, path: str, exc: BaseException) -> ErrorRecord:
        if isinstance(exc, VbplError):
            return cls(path, exc.kind, type(exc).__name__, exc.detail, exc.hint)
        return cls(path, "internal_error", type(exc).__name__, str(exc) or repr(exc),
                   "a bug in vbpl_parser: please report it with the file")

    def line(self) -> str:
        """The one-line message the CLI prints (same shape as ``str(VbplError)``)."""
        hint = f" ({self.hint})" if self.hint else ""
        prefix = "internal error " + self.type + ": " if self.kind == "internal_error" else ""
        return f"{self.file}: {prefix}{self.message}{hint}"


@dataclass(slots=True)
class Item:
    """One input document of a task."""

    path: str  # as given by the user; recorded as ``source.path``
    output: str | None = None  # the worker writes the JSON here (None: nothing written)
    data: bytes | None = None  # the input's bytes when shipped to a remote worker; None: read ``path``


@dataclass(slots=True)
class Task:
    """Work for one worker call; several items only for a LibreOffice group."""

    items: list[Item]
    force: bool = False  # redo even when the output is up to date
    indent: int | None = 1  # of the JSON written to ``Item.output``
    return_json: bool = False  # put the compact JSON in the outcome (for --jsonl)
    return_document: bool = False  # put the Document in the outcome (library, Dask)
    timeout: float = 600.0  # per document; also handed to LibreOffice
    options: Options = field(default_factory=Options)  # what the parser applies (limits, OCR)

    def with_items(self, items: list[Item], **changes: object) -> Task:
        """The same handling for other items (a remainder after a lost worker, a Dask shipment)."""
        return dataclasses.replace(self, items=items, **changes)  # type: ignore[arg-type]


@dataclass(slots=True)
class Outcome:
    """What happened to one document."""

    path: str
    status: str  # "done" | "skipped" | "failed"
    format: str | None = None  # detected format (for failures: the file extension)
    pages: int | None = None
    size: int = 0
    seconds: float = 0.0
    sha256: str | None = None
    output: str | None = None
    error: ErrorRecord | None = None
    json: str | None = None  # compact JSON, when asked for
    document: Document | None = None  # when asked for

    @property
    def ok(self) -> bool:
        return self.status != "failed"


Emit = Callable[[str, Any], None]  # ("start", path | None) and ("outcome", Outcome) messages


def ext_format(path: str) -> str | None:
    """The extension standing in for the format when a file failed before sniffing."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix or None


def failed(path: str, exc: BaseException, seconds: float = 0.0) -> Outcome:
    return Outcome(path, "failed", format=ext_format(path), seconds=seconds,
                   error=ErrorRecord.from_exception(path, exc))


def load(item: Item, options: Options) -> bytes:
    """The item's bytes, with the same checks as :func:`vbpl_parser.parse_file`."""
    if item.data is not None:
        return item.data
    return read_input(item.path, options.limits)


def skipped_if_current(item: Item, sha: str, force: bool) -> Outcome | None:
    """A "skipped" outcome when ``item.output`` already holds the result for these bytes."""
    if force or not item.output:
        return None
    recorded, fmt = output_state(Path(item.output))
    if recorded != sha:
        return None
    return Outcome(item.path, "skipped", format=fmt, sha256=sha, output=item.output)


def finish(item: Item, task: Task, doc: Document, started: float, data: bytes) -> Outcome:
    """Write the output and build the outcome of a parsed document."""
    if item.output:
        _test_hook("write", item.path, item.output)
        write_atomic(Path(item.output), doc.model_dump_json(indent=task.indent) + "\n")
    return Outcome(item.path, "done", format=doc.source.format, pages=doc.source.pages, size=len(data),
                   seconds=time.perf_counter() - started, sha256=doc.source.sha256, output=item.output,
                   json=doc.model_dump_json() if task.return_json else None,
                   document=doc if task.return_document else None)


def process_task(task: Task, emit: Emit) -> None:
    """Run every item of ``task``; ``emit`` receives one ``("outcome", Outcome)`` per item.

    Before the work on a document starts, ``("start", path)`` is emitted (``("start", None)``
    before a group's LibreOffice run) so that a supervisor can time each document.
    """
    pending: list[tuple[Item, bytes, str, float]] = []
    for item in task.items:
        started = time.perf_counter()
        try:
            data = load(item, task.options)
            sha = hashlib.sha256(data).hexdigest()
            skip = skipped_if_current(item, sha, task.force)
            if skip is not None:
                if task.return_json or task.return_document:
                    _attach_existing(skip, task)
                emit("outcome", skip)
                continue
        except Exception as exc:
            emit("outcome", failed(item.path, exc, time.perf_counter() - started))
            continue
        pending.append((item, data, sha, started))
    if len(pending) > 1:
        pending = _convert_group(pending, task, emit)
    for item, data, _sha, started in pending:
        emit("start", item.path)
        started = time.perf_counter()
        try:
            _test_hook("parse", item.path)
            doc = parse_bytes(data, item.path, options=task.options)
            emit("outcome", finish(item, task, doc, started, data))
        except Exception as exc:
            emit("outcome", failed(item.path, exc, time.perf_counter() - started))


def _convert_group(pending: list[tuple[Item, bytes, str, float]], task: Task,
                   emit: Emit) -> list[tuple[Item, bytes, str, float]]:
    """Convert the LibreOffice formats of a group in one run; returns the items left to do.

    Items whose bytes are not a LibreOffice format (a misnamed file) are left for the
    ordinary path, and so is everything when the batch converter is not available.
    """
    try:
        from ..read.sniff import sniff_format
        from ..read.word.legacy import read_many
        from ..read.word.libreoffice import CONVERTIBLE
    except ImportError:
        return pending
    group: list[tuple[Item, bytes, str, float]] = []
    rest: list[tuple[Item, bytes, str, float]] = []
    for entry in pending:
        try:
            fmt = sniff_format(entry[1], entry[0].path)
        except Exception:
            fmt = None
        (group if fmt in CONVERTIBLE else rest).append(entry)
    if len(group) < 2:
        return pending
    emit("start", None)
    started = time.perf_counter()
    try:
        raws = read_many([(item.path, data) for item, data, _, _ in group], task.options, timeout=task.timeout)
    except Exception:  # the batch converter itself failed: fall back to one run per file
        return pending
    share = (time.perf_counter() - started) / len(group)
    for item, data, _sha, _ in group:
        emit("start", item.path)
        t0 = time.perf_counter()
        raw = raws.get(item.path)
        try:
            if raw is None:
                raise RuntimeError("the LibreOffice batch returned nothing for this file")
            if isinstance(raw, BaseException):
                raise raw
            _test_hook("parse", item.path)
            if not raw.has_text():
                raise EmptyDocument(f"no text found in this {raw.format} file", path=item.path)
            run = task.options.start(item.path)
            with run.budget.alarm():
                doc = parse_raw(raw, data, run)
            out = finish(item, task, doc, t0, data)
            out.seconds += share
            emit("outcome", out)
        except Exception as exc:
            emit("outcome", failed(item.path, exc, time.perf_counter() - t0 + share))
    return rest


def _attach_existing(outcome: Outcome, task: Task) -> None:
    """Fill the JSON/Document of a skipped outcome from its up-to-date output file."""
    if outcome.output is None:  # skipped_if_current always names the output it found current
        raise ValueError(f"{outcome.path}: a skipped outcome without its output file")
    text = Path(outcome.output).read_text(encoding="utf-8")
    if task.return_document:
        outcome.document = Document.model_validate_json(text)
        if task.return_json:
            outcome.json = outcome.document.model_dump_json()
    elif task.return_json:
        outcome.json = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def _test_hook(point: str, path: str, output: str | None = None) -> None:
    """Test-only fault injection, off unless ``$VBPL_BATCH_TEST_HOOK`` is set.

    The value is ``ACTION:POINT:NAME``: when the worker reaches ``POINT`` ("parse": before
    parsing, "write": between parsing and writing the output) for a file whose name
    contains ``NAME``, it performs ``ACTION``: ``hang`` (sleep for an hour, to test the time
    limit), ``die`` (the worker process kills itself with SIGKILL, half-way through writing
    when the point is "write", to test crash recovery). The batch tests use it; it costs
    one environment lookup per document otherwise.
    """
    spec = os.environ.get(TEST_HOOK_ENV)
    if not spec:
        return
    action, _, rest = spec.partition(":")
    where, _, name = rest.partition(":")
    if where != point or name not in os.path.basename(path):
        return
    if action == "hang":
        time.sleep(3600)
    elif action == "die":
        import signal
        import tempfile

        if output:  # a kill during the write leaves a temp file, as this one does
            from .files import temp_prefix

            Path(output).parent.mkdir(parents=True, exist_ok=True)
            fd, _ = tempfile.mkstemp(prefix=temp_prefix(Path(output)), suffix=".tmp", dir=Path(output).parent)
            os.write(fd, b'{"schema_version": "1.0", "source": {')
        os.kill(os.getpid(), signal.SIGKILL)
