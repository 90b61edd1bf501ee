"""Library entry points: ``parse``, ``parse_text``, ``parse_file``, ``parse_bytes``.

Each takes optional :class:`~vbpl_parser.options.Options` (or just
:class:`~vbpl_parser.limits.Limits`; default: the environment's ``VBPL_*`` settings, see
:mod:`vbpl_parser.limits`) and runs the whole document inside its time limit. Only
:class:`~vbpl_parser.errors.VbplError` subclasses leave these functions on bad input.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import VbplError
from .limits import Limits, check_size
from .model import Document
from .options import Options, resolve
from .pipeline import parse_raw
from .read import read_bytes
from .read.document import RawDocument
from .read.plaintext import blocks_from_text

_DOC_EXTENSIONS = (".txt", ".md", ".docx", ".doc", ".rtf", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg",
                   ".tif", ".tiff", ".odt")


class InputNotFound(VbplError):
    """The path given does not exist or is not a regular file."""

    kind = "not_found"


class InputUnreadable(VbplError):
    """The file exists but cannot be read (permissions, I/O error)."""

    kind = "unreadable"


def parse(source: str | os.PathLike[str] | bytes, *, options: Options | None = None,
          limits: Limits | None = None) -> Document:
    """Parse a document given as a path, as bytes, or as a ``str`` of text.

    A ``str`` is treated as a path when it has no line break and names an existing file
    (or ends with a document extension, in which case a missing file is an error);
    otherwise it is the document's text.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return parse_bytes(bytes(source), options=options, limits=limits)
    if isinstance(source, os.PathLike):
        return parse_file(source, options=options, limits=limits)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and _names_a_file(source):
            return parse_file(Path(source), options=options, limits=limits)
        return parse_text(source, options=options, limits=limits)
    raise TypeError(f"parse() takes a path, bytes or str, not {type(source).__name__}")


def _names_a_file(source: str) -> bool:
    """True when a one-line string should be read as a path (an OS refusing the name —
    too long, a NUL byte — means it is text, not a path)."""
    try:
        return Path(source).is_file() or source.lower().endswith(_DOC_EXTENSIONS)
    except (OSError, ValueError):
        return False


def parse_text(text: str, *, options: Options | None = None, limits: Limits | None = None) -> Document:
    """Parse a document held in a string (the plain-text path, no file involved)."""
    run = resolve(options, limits).start(None)
    with run.budget.alarm():
        data = text.encode("utf-8", errors="surrogatepass")
        raw = RawDocument(blocks_from_text(text), format="txt", reader="plaintext")
        return parse_raw(raw, data, run)


def parse_bytes(data: bytes, name: str | None = None, *, options: Options | None = None,
                limits: Limits | None = None) -> Document:
    """Parse a document from its bytes; the format is detected from the content."""
    run = resolve(options, limits).start(name)
    with run.budget.alarm():
        check_size(len(data), name, run.limits, "the input")
        return parse_raw(read_bytes(data, name, run), data, run)


def parse_file(path: str | os.PathLike[str], *, options: Options | None = None,
               limits: Limits | None = None) -> Document:
    """Parse the document at ``path``."""
    run = resolve(options, limits).start(str(path))
    with run.budget.alarm():
        data = read_input(path, run.limits)
        return parse_raw(read_bytes(data, str(path), run), data, run)


def read_input(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """The bytes of a regular file, refused before reading when over ``max_input_bytes``.

    Reads at most one byte past the limit, so a file that grows while being read (or
    lies about its size) is still bounded.
    """
    limit = limits.max_input_bytes
    name = os.fspath(path)
    try:
        p = Path(path)
        if not p.is_file():
            raise InputNotFound("no such file", path=name,
                                hint="give the path of a regular file" if p.exists() else None)
        check_size(p.stat().st_size, name, limits)
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputUnreadable(f"cannot read the file ({reason})", path=name,
                              hint="check that the file exists and that this user may read it") from None
    check_size(len(data), name, limits)
    return data
