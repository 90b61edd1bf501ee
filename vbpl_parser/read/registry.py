"""The readers, one per format, behind one protocol.

A reader is any callable ``(data, name, run) -> RawDocument``: ``data`` the file's bytes,
``name`` its path or name (messages only), ``run`` the document's options and time budget.
The built-in ones are named here by module and function and imported on first use (their
libraries are heavy); :func:`register_reader` adds or replaces one (a new format, another
OCR engine) without touching this file.
"""
from __future__ import annotations

from importlib import import_module
from typing import Protocol

from ..errors import UnsupportedFormat
from ..options import Run
from .document import RawDocument


class Reader(Protocol):
    def __call__(self, data: bytes, name: str | None, run: Run, /) -> RawDocument: ...


#: format -> "module:function" of the built-in readers (relative to this package)
BUILT_IN: dict[str, str] = {
    "txt": ".plaintext:read_txt",
    "md": ".plaintext:read_md",
    "docx": ".word.docx:read_docx",
    "doc": ".word.legacy:read_doc",
    "rtf": ".word.legacy:read_rtf",
    "odt": ".word.legacy:read_odt",
    "pdf": ".pdf.reader:read_pdf",
    "image": ".pdf.ocr:read_image",
    "html": ".html.reader:read_html",
}
_registered: dict[str, Reader] = {}


def register_reader(fmt: str, reader: Reader) -> None:
    """Use ``reader`` for files sniffed as ``fmt``."""
    _registered[fmt] = reader


def reader_for(fmt: str, name: str | None = None) -> Reader:
    """The reader of a format (UnsupportedFormat when its library is not installed)."""
    reader = _registered.get(fmt)
    if reader is not None:
        return reader
    module_name, _, func_name = BUILT_IN[fmt].partition(":")
    try:
        module = import_module(module_name, __package__)
    except ModuleNotFoundError as exc:
        raise UnsupportedFormat(f"no reader for {fmt} files in this installation ({exc.name} missing)",
                                path=name, hint="pip install vbpl-parser with its default dependencies") from None
    found: Reader = getattr(module, func_name)
    _registered[fmt] = found
    return found
