"""Curated data files (gazetteers, abbreviation tables) loaded once and cached.

Kept as TSV data rather than code so that domain experts can review and extend them
without touching the parser.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a packaged TSV file, skipping blank lines and '#' comments."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    """Vietnamese family names, upper-cased (for names printed in capitals)."""
    return frozenset(row[0].upper() for row in read_tsv("surnames.txt"))


@lru_cache(maxsize=None)
def doc_type_names() -> dict[str, str]:
    """ký hiệu code -> document type name ("KH" -> "Kế hoạch")."""
    return {row[0]: row[1] for row in read_tsv("doc_types.tsv")}


@lru_cache(maxsize=None)
def _header_phrase_file() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(phrase templates, places) of ``header_phrases.txt``."""
    templates: list[str] = []
    places: list[str] = []
    target = templates
    for row in read_tsv("header_phrases.txt"):
        if row[0] == "[places]":
            target = places
            continue
        target.append(row[0])
    return tuple(templates), tuple(places)


@lru_cache(maxsize=None)
def places() -> tuple[str, ...]:
    """Provinces and centrally-run cities, old and new names ("Lâm Đồng", "Hồ Chí Minh")."""
    return _header_phrase_file()[1]


@lru_cache(maxsize=None)
def header_phrases() -> tuple[str, ...]:
    """Letterhead and signature phrases, "{place}" expanded over :func:`places`."""
    templates, names = _header_phrase_file()
    out: list[str] = []
    for t in templates:
        out.extend(t.replace("{place}", p) for p in names) if "{place}" in t else out.append(t)
    return tuple(out)
