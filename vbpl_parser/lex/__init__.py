"""Stage 3 — lex: every cleaned line classified once into a :class:`LexLine`.

Why a stage of its own: the zone finder, the header fields, the outline and the tagger
all ask the same questions of the same lines ("is this the number line?", "which marker
starts it?", "is it in capitals?"). Asked separately, each question was answered again in
up to seven places; here each is answered once per line and the answer is kept.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..clean import CleanDoc
from .line import LexLine, PlaceDate, TypeLine

__all__ = ["CellSpan", "LexLine", "LexTable", "Lexed", "PlaceDate", "TypeLine", "lex"]


@dataclass(frozen=True, slots=True)
class CellSpan:
    """One table cell: its text and where it sits in the document's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LexTable:
    """A data table: its 0-based number and its rows of cells."""

    index: int
    start: int
    end: int
    rows: tuple[tuple[CellSpan, ...], ...]


@dataclass(frozen=True, slots=True)
class Lexed:
    """The output of the lex stage: the document's text, its lines and its data tables."""

    text: str
    lines: tuple[LexLine, ...]
    tables: tuple[LexTable, ...]


def lex(cleaned: CleanDoc) -> Lexed:
    """The lines of ``cleaned`` as :class:`LexLine` records, in order (number = position)."""
    lines = tuple(LexLine.of(i, ln) for i, ln in enumerate(cleaned.lines))
    tables = []
    for t in cleaned.tables:
        rows = tuple(tuple(CellSpan(c, a, b) for c, (a, b) in zip(lines[li].cells or (), lines[li].cell_spans))
                     for li in t.lines)
        tables.append(LexTable(t.index, lines[t.lines[0]].start, lines[t.lines[-1]].end, rows))
    return Lexed(cleaned.text, lines, tuple(tables))
