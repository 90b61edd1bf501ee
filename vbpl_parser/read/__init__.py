"""Stage 1 — read: bytes of any supported format in, a :class:`RawDocument` out.

The format is sniffed from the bytes (:mod:`.sniff`), then the reader registered for it runs
(:mod:`.registry`): ``plaintext`` for .txt/.md, ``word/`` for .docx and, through LibreOffice,
.doc/.rtf/.odt, ``pdf/`` for text and scanned PDFs and images (OCR), ``html/`` for saved
pages of legal portals. Readers are imported on first use, so that reading plain text never
pays for lxml, pdfium or OCR start-up.
"""
from __future__ import annotations

from ..errors import CorruptDocument, DocumentTooLarge, EmptyDocument
from ..limits import check_size
from ..options import Options, Run
from .document import RawDocument
from .registry import Reader, reader_for, register_reader
from .sniff import sniff_format

__all__ = ["RawDocument", "Reader", "read_bytes", "reader_for", "register_reader", "sniff_format"]


def read_bytes(data: bytes, name: str | None = None, run: Run | None = None) -> RawDocument:
    """Read a document from its bytes; ``name`` is only used in messages and for .md.
    ``run``: the document's options and time budget (default: the environment's options)."""
    if run is None:
        run = Options.from_env().start(name)
    if not data or not data.strip():
        raise EmptyDocument("the file is empty", path=name)
    fmt = sniff_format(data, name)
    reader = reader_for(fmt, name)
    check_size(len(data), name, run.limits, "the input")
    try:
        raw = reader(data, name, run)
    except MemoryError:  # whatever the format, running out of memory means "too large"
        raise DocumentTooLarge(f"reading this {fmt} file ran out of memory", path=name,
                               hint="give the process more memory, or lower the limits "
                                    "(vbpl_parser.limits) to refuse such files before reading") from None
    except RecursionError:  # structure nested deeper than any real document
        raise CorruptDocument(f"this {fmt} file is nested too deeply to read", path=name,
                              hint="the file is damaged or crafted; re-save it from its application") from None
    if not raw.has_text():
        scan_hint = "a scan needs OCR (Tesseract with the Vietnamese model)"
        raise EmptyDocument(f"no text found in this {fmt} file", path=name,
                            hint=scan_hint if fmt in ("pdf", "image") else None)
    return raw
