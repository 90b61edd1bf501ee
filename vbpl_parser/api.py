"""Library entry points: ``parse``, ``parse_text``, ``parse_file``, ``parse_bytes``."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import DocumentTooLarge, VbplError
from .model import Document
from .pipeline import build_source, run_pipeline
from .read import read_bytes
from .read.blocks import RawDocument, blocks_from_text_lines

MAX_INPUT_BYTES = 200 * 1024 * 1024
_DOC_EXTENSIONS = (".txt", ".md", ".docx", ".doc", ".rtf", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg",
                   ".tif", ".tiff", ".odt")


class InputNotFound(VbplError):
    """The path given does not exist or is not a regular file."""

    kind = "not_found"


def parse(source: str | os.PathLike | bytes) -> Document:
    """Parse a document given as a path, as bytes, or as a ``str`` of text.

    A ``str`` is treated as a path when it has no line break and names an existing file
    (or ends with a document extension, in which case a missing file is an error);
    otherwise it is the document's text.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return parse_bytes(bytes(source))
    if isinstance(source, os.PathLike):
        return parse_file(source)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096:
            p = Path(source)
            if p.is_file() or source.lower().endswith(_DOC_EXTENSIONS):
                return parse_file(p)
        return parse_text(source)
    raise TypeError(f"parse() takes a path, bytes or str, not {type(source).__name__}")


def parse_text(text: str) -> Document:
    """Parse a document held in a string (the plain-text path, no file involved)."""
    data = text.encode("utf-8")
    raw = RawDocument(blocks_from_text_lines(text), format="txt", reader="plaintext")
    return run_pipeline(raw, build_source(raw, data, None))


def parse_bytes(data: bytes, name: str | None = None) -> Document:
    """Parse a document from its bytes; the format is detected from the content."""
    if len(data) > MAX_INPUT_BYTES:
        raise DocumentTooLarge(f"input is {len(data)} bytes, over the {MAX_INPUT_BYTES}-byte limit", path=name)
    raw = read_bytes(data, name)
    return run_pipeline(raw, build_source(raw, data, name))


def parse_file(path: str | os.PathLike) -> Document:
    """Parse the document at ``path``."""
    p = Path(path)
    if not p.is_file():
        raise InputNotFound("no such file", path=str(path))
    size = p.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise DocumentTooLarge(f"file is {size} bytes, over the {MAX_INPUT_BYTES}-byte limit", path=str(path))
    data = p.read_bytes()
    raw = read_bytes(data, str(path))
    return run_pipeline(raw, build_source(raw, data, str(path)))
