"""Places, letterhead phrases and family names (``header_phrases.txt``, ``surnames.txt``).

Why together: all three describe what a letterhead and a signature block print — the
province in "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", the fixed phrases OCR repair restores, the
family name that starts a signer's name printed in capitals.
"""
from __future__ import annotations

from functools import cache

from .tables import read_tsv


@cache
def surnames() -> frozenset[str]:
    """Vietnamese family names, upper-cased (for names printed in capitals)."""
    return frozenset(row[0].upper() for row in read_tsv("surnames.txt"))


@cache
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


@cache
def places() -> tuple[str, ...]:
    """Provinces and centrally-run cities, old and new names ("Lâm Đồng", "Hồ Chí Minh")."""
    return _header_phrase_file()[1]


@cache
def header_phrases() -> tuple[str, ...]:
    """Letterhead and signature phrases, "{place}" expanded over :func:`places`."""
    templates, names = _header_phrase_file()
    out: list[str] = []
    for t in templates:
        if "{place}" in t:
            out.extend(t.replace("{place}", p) for p in names)
        else:
            out.append(t)
    return tuple(out)
