"""The pipeline: read → clean → lex → zones/header → outline → tag → tasks → assemble.

Each stage lives in its own package (``read``, ``clean``, ``header``, ``outline``, ``tag``,
``tasks``); this module only wires them together and owns nothing else.
"""
from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .assemble import assemble
from .clean import clean
from .header.fields import document_year, extract_metadata
from .header.zones import find_zones
from .lex import lex
from .limits import check_text_length
from .model import Document, OcrSummary, Source
from .options import Run
from .outline import outline_document
from .read.document import Paragraph, RawDocument
from .tag import tag_document
from .tasks import find_tasks
from .version import __version__


def build_source(raw: RawDocument, data: bytes, path: str | None,
                 cleaned_encodings: Sequence[str] = ()) -> Source:
    """Where the document came from and how it was read (``cleaned_encodings``: the legacy
    encodings the cleaning stage converted, added to the reader's)."""
    ocr = None
    if raw.ocr is not None:
        ocr = OcrSummary(engine=raw.ocr.engine, language=raw.ocr.language, dpi=raw.ocr.dpi,
                         pages=raw.ocr.pages, mean_confidence=raw.ocr.mean_confidence)
    path = _json_safe(path) if path else path
    return Source(
        path=path,
        file_name=Path(path).name if path else None,
        format=raw.format,
        sha256=hashlib.sha256(data).hexdigest(),
        parser_version=__version__,
        size=len(data),
        pages=raw.pages,
        reader=raw.reader,
        fallbacks=list(raw.fallbacks),
        ocr=ocr,
        encodings=sorted(set(raw.encodings) | set(cleaned_encodings)) if cleaned_encodings else list(raw.encodings),
        converted_with=raw.converted_with,
        furniture=[p.text for p in getattr(raw, "furniture", [])],
    )


def _json_safe(path: str) -> str:
    """A path as text JSON can hold. A file name that is not valid UTF-8 reaches Python with
    surrogate escapes, which no UTF-8 output accepts: its odd bytes are shown as ``\\xff``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that no file system gave
            raw = path.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "backslashreplace")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the duration (and back on after, if it was).

    Why: the pipeline allocates hundreds of thousands of small objects (lines, mentions,
    sections, pydantic models) and frees almost all of them by reference counting. Each
    full collection walks every live object, so on a long document the collections grew
    with size × objects: the 100× plan spent a tenth of its time there and scaled 118×.
    Garbage with cycles is still collected, when the next collection runs after parsing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_raw(raw: RawDocument, data: bytes, run: Run) -> Document:
    """Everything after reading (format-agnostic): the one path every entry point takes —
    the library calls, the CLI, batch workers and the LibreOffice groups of the batch."""
    with gc_paused():
        return _run_stages(raw, data, run)


def _run_stages(raw: RawDocument, data: bytes, run: Run) -> Document:
    check_text_length(_text_length(raw), run.name, run.limits)
    run.check_time()
    cleaned = clean(raw, split_prone=raw.format == "pdf")
    run.check_time()
    source = build_source(raw, data, run.name, cleaned.encodings)
    lexed = lex(cleaned)
    zones = find_zones(lexed.lines)
    metadata = extract_metadata(lexed.lines, zones)
    outline = outline_document(lexed.text, lexed.lines, zones)
    run.check_time()
    tags = tag_document(lexed, zones, metadata, outline, document_year(metadata, lexed.lines, zones))
    drafts = find_tasks(lexed, zones, outline, tags, metadata)
    return assemble(raw, cleaned, lexed, source, zones, metadata, outline, tags, drafts)


def _text_length(raw: RawDocument) -> int:
    """Characters the reader produced (paragraphs and table cells): what the limit counts."""
    total = 0
    for b in raw.blocks:
        if isinstance(b, Paragraph):
            total += len(b.text) + len(b.list_label or "")
        else:
            total += sum(len(c.text) for row in b.rows for c in row)
    return total
