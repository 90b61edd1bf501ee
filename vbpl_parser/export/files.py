"""Reading inputs and writing outputs for the ``render`` and ``tasks`` commands.

An input is either a document (parsed with :func:`vbpl_parser.parse_file`) or the JSON that
``vbpl-parser parse`` wrote, so a reviewed or hand-corrected JSON can be rendered and exported
without parsing again. Outputs are written atomically (temp file in the same folder, then a
rename), so an interrupted run never leaves a half-written file for an importer to pick up.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from ..api import InputNotFound, parse_file
from ..errors import CorruptDocument
from ..model import Document


def load_document(path: str | os.PathLike[str]) -> Document:
    """The document at ``path``: a ``.json`` output of ``vbpl-parser parse``, or any input document."""
    p = Path(path)
    if p.suffix.lower() != ".json":
        return parse_file(p)
    if not p.is_file():
        raise InputNotFound("no such file", path=str(p))
    try:
        return Document.model_validate_json(p.read_bytes())
    except ValidationError as exc:
        errors = exc.errors()
        loc, msg = (errors[0]["loc"], errors[0]["msg"]) if errors else ((), "invalid")
        where = ".".join(str(x) for x in loc) or "document"
        raise CorruptDocument(f"not a vbpl-parser JSON document ({where}: {msg})",
                              path=str(p), hint="give the original file or the output of 'vbpl-parser parse'") from None


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)  # mkstemp makes 0600; an export is meant to be shared like any new file
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """The permissions the file would get from a plain ``open()``: the old file's, else umask's."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
