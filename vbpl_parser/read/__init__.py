"""Stage 1 — read: bytes of any supported format in, a :class:`RawDocument` out.

The format is sniffed from the bytes; each format has one reader module, imported lazily
so that reading plain text never pays for python-docx, pdfplumber or OCR start-up.
"""
from __future__ import annotations

from importlib import import_module

from ..errors import CorruptDocument, DocumentTooLarge, EmptyDocument, UnsupportedFormat
from ..limits import check_size
from .blocks import RawDocument
from .sniff import sniff_format

# format -> (module, function); every function takes (data: bytes, name: str | None)
READERS: dict[str, tuple[str, str]] = {
    "txt": (".plaintext", "read_text_file"),
    "md": (".plaintext", "read_text_file"),
    "docx": (".docx_reader", "read_docx"),
    "doc": (".legacy_word", "read_doc"),
    "rtf": (".legacy_word", "read_rtf"),
    "odt": (".legacy_word", "read_odt"),
    "pdf": (".pdf_reader", "read_pdf"),
    "image": (".ocr", "read_image"),
    "html": (".html_reader", "read_html"),
}


def read_bytes(data: bytes, name: str | None = None) -> RawDocument:
    """Read a document from its bytes; ``name`` is only used in messages and for .md."""
    if not data or not data.strip():
        raise EmptyDocument("the file is empty", path=name)
    fmt = sniff_format(data, name)
    module_name, func_name = READERS[fmt]
    try:
        module = import_module(module_name, __package__)
    except ModuleNotFoundError as exc:
        raise UnsupportedFormat(f"no reader for {fmt} files in this installation ({exc.name} missing)",
                                path=name, hint="pip install vbpl-parser with its default dependencies") from None
    reader = getattr(module, func_name)
    check_size(len(data), name, "the input")
    try:
        raw = reader(data, name) if func_name != "read_text_file" else reader(data, name, fmt)
    except MemoryError:  # whatever the format, running out of memory means "too large"
        raise DocumentTooLarge(f"reading this {fmt} file ran out of memory", path=name,
                               hint="give the process more memory, or lower the limits "
                                    "(vbpl_parser.limits) to refuse such files before reading") from None
    except RecursionError:  # structure nested deeper than any real document
        raise CorruptDocument(f"this {fmt} file is nested too deeply to read", path=name,
                              hint="the file is damaged or crafted; re-save it from its application") from None
    if not any(getattr(b, "text", None) or getattr(b, "rows", None) for b in raw.blocks):
        raise EmptyDocument(f"no text found in this {fmt} file", path=name,
                            hint="a scan needs OCR (Tesseract with the Vietnamese model)" if fmt in ("pdf", "image") else None)
    return raw
