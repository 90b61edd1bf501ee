"""Files a batch writes: atomic replacement, the up-to-date test, leftovers of killed workers.

Why atomic: a batch over thousands of files gets interrupted (Ctrl-C, a killed worker, a
full disk). Every output is written to a temp file in the destination folder and renamed
into place, so a reader of ``OUT_DIR`` sees either the old file, the new one, or nothing —
never half a JSON document — and a re-run can trust whatever it finds there.
"""
from __future__ import annotations

import glob
import os
import re
import tempfile
from pathlib import Path

from ..model import SCHEMA_VERSION
from ..version import __version__

#: how much of an existing output is read to find ``source.sha256`` (it is near the top)
_HEAD_BYTES = 65536
_SCHEMA_RE = re.compile(r'"schema_version"\s*:\s*"([^"]*)"')
_SHA_RE = re.compile(r'"sha256"\s*:\s*"([0-9a-f]{64})"')
_FORMAT_RE = re.compile(r'"format"\s*:\s*"([^"]*)"')
_VERSION_RE = re.compile(r'"parser_version"\s*:\s*"([^"]*)"')
# mkstemp creates 0600 files; outputs get the usual permissions (0666 less the umask)
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def temp_prefix(path: Path) -> str:
    """Prefix of the temp files :func:`write_atomic` creates for ``path`` (hidden: leading dot)."""
    return f".{path.name}."


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_temp_files(path: Path) -> int:
    """Delete temp files left for ``path`` by a writer that was killed; returns how many.

    A worker killed with SIGKILL cannot clean up after itself, so the parent that killed
    it (or saw it die) calls this for the output the worker was writing.
    """
    path = Path(path)
    pattern = os.path.join(glob.escape(str(path.parent)), glob.escape(temp_prefix(path)) + "*.tmp")
    removed = 0
    for leftover in glob.glob(pattern):
        try:
            os.unlink(leftover)
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def output_state(path: Path) -> tuple[str | None, str | None]:
    """``(source.sha256, source.format)`` recorded in an existing output, or ``(None, None)``.

    Only the head of the file is read: ``source`` is the second field of every output,
    so a 50 MB JSON costs the same as a small one. An output written with another schema
    version, or by another version of the parser (an upgrade may extract more), counts as
    missing (it must be redone).
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return None, None
    schema = _SCHEMA_RE.search(head)
    sha = _SHA_RE.search(head)
    if not schema or schema.group(1) != SCHEMA_VERSION or not sha:
        return None, None
    version = _VERSION_RE.search(head)
    if not version or version.group(1) != __version__:
        return None, None
    fmt = _FORMAT_RE.search(head)
    return sha.group(1), fmt.group(1) if fmt else None
