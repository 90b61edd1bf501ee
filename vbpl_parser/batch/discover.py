"""Which files a batch converts and what each output is called.

Arguments are files, folders (recursed) or glob patterns (``"in/**/*.doc"``, for shells
that do not expand them). A file named explicitly is always converted, whatever its
extension (today's behaviour of ``parse FILE``); inside folders and patterns only known
document extensions count, and hidden files and Word's lock files (``~$name.docx``) are
left out.

Output names are ``<input file name>.json``. When two inputs in different folders share a
name (compared case-insensitively, as on Windows and macOS disks), *each* of them gets
``<input file name>.<8 hex digits>.json`` instead, the digits taken from a hash of the input's
absolute path: no output is overwritten, and the name of each output does not depend on
which other files are in the batch or on their order. ``source.path`` inside the JSON names
the input.
"""
from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..api import _DOC_EXTENSIONS

DOC_EXTENSIONS = tuple(sorted(set(_DOC_EXTENSIONS) | {".markdown"}))


@dataclass(slots=True)
class Entry:
    """One input and the file name of its output."""

    path: str
    output_name: str


@dataclass(slots=True)
class Discovery:
    entries: list[Entry] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # explicit arguments that name nothing
    ignored: int = 0  # files in folders/patterns that are not documents
    renamed: int = 0  # inputs whose output name carries a hash (shared names)
    expanded: bool = False  # a folder or pattern was given (batch mode, not plain files)


def is_document_name(name: str) -> bool:
    return not name.startswith((".", "~$")) and name.lower().endswith(DOC_EXTENSIONS)


def walk(folder: Path) -> Iterator[tuple[str, bool]]:
    """``(path, is_document)`` for every file under ``folder``, sorted, hidden folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            yield os.path.join(root, name), is_document_name(name)


def discover(args: list[str], skip_under: str | None = None) -> Discovery:
    """Expand the command-line arguments; ``skip_under`` (the output folder) is never read."""
    found = Discovery()
    seen: set[str] = set()
    skip = os.path.realpath(skip_under) + os.sep if skip_under else None
    paths: list[str] = []

    def add(path: str) -> None:
        real = os.path.realpath(path)
        if real in seen or (skip and real.startswith(skip)):
            return
        seen.add(real)
        paths.append(path)

    def add_tree(folder: str) -> None:
        for path, is_doc in walk(Path(folder)):
            if is_doc:
                add(path)
            else:
                found.ignored += 1

    for arg in args:
        if os.path.isdir(arg):
            found.expanded = True
            add_tree(arg)
        elif os.path.isfile(arg):
            add(arg)
        elif glob.has_magic(arg):
            found.expanded = True
            for match in sorted(glob.glob(arg, recursive=True)):
                if os.path.isdir(match):
                    add_tree(match)
                elif is_document_name(os.path.basename(match)):
                    add(match)
                else:
                    found.ignored += 1
        else:
            found.missing.append(arg)
    found.entries, found.renamed = name_outputs(paths)
    return found


def name_outputs(paths: list[str]) -> tuple[list[Entry], int]:
    """Output file names for ``paths`` (see the module docstring for shared names)."""
    counts: dict[str, int] = {}
    for path in paths:
        key = os.path.basename(path).casefold()
        counts[key] = counts.get(key, 0) + 1
    entries, renamed = [], 0
    for path in paths:
        name = os.path.basename(path)
        if counts[name.casefold()] > 1:
            digest = hashlib.sha1(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]
            entries.append(Entry(path, f"{name}.{digest}.json"))
            renamed += 1
        else:
            entries.append(Entry(path, f"{name}.json"))
    return entries, renamed
