"""Library entry points: ``parse``, ``parse_text``, ``parse_file``, ``parse_bytes``.

Each takes an optional :class:`~vbpl_parser.limits.Limits` (default: the environment's, see
:mod:`vbpl_parser.limits`) and runs the whole document inside its time limit. Only
:class:`~vbpl_parser.errors.VbplError` subclasses leave these functions on bad input.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import VbplError
from .limits import Limits, check_size, check_text_length, current, document_scope
from .model import Document
from .pipeline import build_source, run_pipeline
from .read import read_bytes
from .read.blocks import RawDocument, blocks_from_text_lines

_DOC_EXTENSIONS = (".txt", ".md", ".docx", ".doc", ".rtf", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg",
                   ".tif", ".tiff", ".odt")


class InputNotFound(VbplError):
    """The path given does not exist or is not a regular file."""

    kind = "not_found"


class InputUnreadable(VbplError):
    """The file exists but cannot be read (permissions, I/O error)."""

    kind = "unreadable"


def parse(source: str | os.PathLike | bytes, *, limits: Limits | None = None) -> Document:
    """Parse a document given as a path, as bytes, or as a ``str`` of text.

    A ``str`` is treated as a path when it has no line break and names an existing file
    (or ends with a document extension, in which case a missing file is an error);
    otherwise it is the document's text.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return parse_bytes(bytes(source), limits=limits)
    if isinstance(source, os.PathLike):
        return parse_file(source, limits=limits)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and _names_a_file(source):
            return parse_file(Path(source), limits=limits)
        return parse_text(source, limits=limits)
    raise TypeError(f"parse() takes a path, bytes or str, not {type(source).__name__}")


def _names_a_file(source: str) -> bool:
    """True when a one-line string should be read as a path (an OS refusing the name —
    too long, a NUL byte — means it is text, not a path)."""
    try:
        return Path(source).is_file() or source.lower().endswith(_DOC_EXTENSIONS)
    except (OSError, ValueError):
        return False


def parse_text(text: str, *, limits: Limits | None = None) -> Document:
    """Parse a document held in a string (the plain-text path, no file involved)."""
    with document_scope(limits, None):
        check_text_length(len(text), None)
        data = text.encode("utf-8", errors="surrogatepass")
        raw = RawDocument(blocks_from_text_lines(text), format="txt", reader="plaintext")
        return run_pipeline(raw, build_source(raw, data, None))


def parse_bytes(data: bytes, name: str | None = None, *, limits: Limits | None = None) -> Document:
    """Parse a document from its bytes; the format is detected from the content."""
    with document_scope(limits, name):
        check_size(len(data), name, "the input")
        raw = read_bytes(data, name)
        return run_pipeline(raw, build_source(raw, data, name))


def parse_file(path: str | os.PathLike, *, limits: Limits | None = None) -> Document:
    """Parse the document at ``path``."""
    with document_scope(limits, str(path)):
        data = read_input(path)
        raw = read_bytes(data, str(path))
        return run_pipeline(raw, build_source(raw, data, str(path)))


def read_input(path: str | os.PathLike, limits: Limits | None = None) -> bytes:
    """The bytes of a regular file, refused before reading when over ``max_input_bytes``.

    Reads at most one byte past the limit, so a file that grows while being read (or
    lies about its size) is still bounded.
    """
    limit = (limits or current()).max_input_bytes
    name = os.fspath(path)
    try:
        p = Path(path)
        if not p.is_file():
            raise InputNotFound("no such file", path=name,
                                hint="give the path of a regular file" if p.exists() else None)
        check_size(p.stat().st_size, name)
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputUnreadable(f"cannot read the file ({reason})", path=name,
                              hint="check that the file exists and that this user may read it") from None
    check_size(len(data), name)
    return data
