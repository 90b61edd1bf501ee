"""Loading the lexicon's data files: each vocabulary module reads its own file through here.

Why data files and not code: domain experts review and extend the word lists (agencies,
document types, places) without touching the parser, and each list lives next to the one
module that compiles it.
"""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a packaged TSV file of this folder, skipping blank lines and '#' comments."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)
