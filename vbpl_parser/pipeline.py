"""The pipeline: read → clean → zones/header → outline → tag → tasks → Document.

Each stage lives in its own package (``read``, ``clean``, ``header``, ``outline``, ``tag``,
``tasks``); this module only wires them together and owns nothing else.
"""
from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .clean import CleanDoc, clean
from .header.fields import extract_metadata
from .header.zones import Part, find_zones
from .model import Attachment, Document, Metadata, Section, Source, Table, Cell, Warning, OcrSummary
from .outline.tree import build_outline
from .limits import check_text_length, check_time
from .read.blocks import Paragraph, RawDocument
from .tag import tag_document
from .version import __version__


def build_source(raw: RawDocument, data: bytes, path: str | None) -> Source:
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
        encodings=list(raw.encodings),
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


def run_pipeline(raw: RawDocument, source: Source) -> Document:
    """Everything after reading: format-agnostic."""
    with gc_paused():
        return _run_pipeline(raw, source)


def _run_pipeline(raw: RawDocument, source: Source) -> Document:
    check_text_length(_text_length(raw), source.path)
    check_time()
    cd = clean(raw, split_prone=raw.format == "pdf")
    check_time()
    if cd.encodings:
        source.encodings = sorted(set(source.encodings) | set(cd.encodings))
    zones = find_zones(cd.lines)
    warnings = [Warning(code="reader", message=w) for w in raw.warnings]
    warnings += [Warning(code="clean", message=n) for n in cd.notes]
    metadata = extract_metadata(cd.lines, zones.main, zones.trailer)
    preamble, sections, outline_warnings = build_outline(cd.text, cd.lines, zones.main.body)
    warnings += [Warning(code="outline", message=w) for w in outline_warnings]
    check_time()
    attachments = []
    for k, part in enumerate(zones.attachments, 1):
        att_pre, att_sections, att_warnings = build_outline(cd.text, cd.lines, part.body, id_prefix=f"att{k}.")
        warnings += [Warning(code="outline", message=f"attachment {k}: {w}") for w in att_warnings]
        attachments.append(_attachment(cd, part, att_pre, att_sections))
    doc = Document(
        source=source,
        text=cd.text,
        metadata=metadata,
        preamble=preamble,
        sections=sections,
        attachments=attachments,
        tables=_tables(cd),
        warnings=warnings,
    )
    tag_document(doc, cd, zones)
    return doc


def _text_length(raw: RawDocument) -> int:
    """Characters the reader produced (paragraphs and table cells): what the limit counts."""
    total = 0
    for b in raw.blocks:
        if isinstance(b, Paragraph):
            total += len(b.text) + len(b.list_label or "")
        else:
            total += sum(len(c.text) for row in b.rows for c in row)
    return total


_NUMERAL = re.compile(r"^(?:[IVXLC]+|\d+[a-zA-Z]?|[A-Z])[.:]?$")


def _type_name(line: str) -> str:
    """"PHỤ LỤC II" -> "Phụ lục II", "QUY ĐỊNH" -> "Quy định"; a line already in normal case
    ("Phụ lục I") stays as printed. Numerals keep their capitals."""
    if any(c.islower() for c in line):
        return line
    words = [w if _NUMERAL.match(w) else w.lower() for w in line.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _attachment(cd: CleanDoc, part: Part, preamble: Section | None, sections: list[Section]) -> Attachment:
    lines = cd.lines
    first = lines[part.header.start] if part.header else None
    title_lines = [lines[i].text for i in part.title_lines]
    doc_type = first.text.split("\n")[0].strip() if first else None
    title = " ".join(title_lines).strip() or None
    meta = Metadata(doc_type=_type_name(doc_type) if doc_type else None, title=title)
    start = lines[part.header.start].start if part.header else (lines[part.body.start].start if part.body else 0)
    last = max([part.closing.stop, part.body.stop, part.header.stop]) - 1
    end = lines[last].end if last >= 0 else start
    return Attachment(title=title, doc_type=meta.doc_type, metadata=meta, start=start, end=end,
                      preamble=preamble, sections=sections)


def _tables(cd: CleanDoc) -> list[Table]:
    out = []
    for t in cd.tables:
        rows = []
        for li in t.lines:
            ln = cd.lines[li]
            rows.append([Cell(text=c, start=a, end=b) for c, (a, b) in zip(ln.cells or [], ln.cell_spans())])
        first, last = cd.lines[t.lines[0]], cd.lines[t.lines[-1]]
        out.append(Table(index=t.index + 1, start=first.start, end=last.end, rows=rows))
    return out
