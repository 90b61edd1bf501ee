"""Positioned words and lines: the geometry shared by the text-PDF and the OCR paths.

Why a common model: a text layer gives characters with boxes, Tesseract gives words with
boxes; after that, everything (two-column letterheads, page headers, paragraphs) is a
question of where words sit on the page. All coordinates are PDF points with the origin at
the top-left corner of the displayed page (OCR pixels are scaled to points), so every
threshold below is expressed in ems of the line's font size and works for both.

A line is split into *segments* where a wide horizontal gap separates its words: the
letterhead puts "ỦY BAN NHÂN DÂN" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one visual
line, and the reading order needs them apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

SEGMENT_GAP_EM = 1.0  # a gap wider than this between words starts a new segment (word gaps < 0.6 em)


@dataclass(slots=True)
class Word:
    """A run of characters without a space, with its box on the page (points)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size in points (OCR: estimated from the line height)
    bold: bool = False
    conf: float | None = None  # OCR confidence 0-100
    sup: bool = False  # raised and smaller than its line: a footnote mark or an exponent


@dataclass(slots=True)
class Line:
    """Words on one visual line of one page, left to right, grouped into segments."""

    segments: list[list[Word]]
    page: int  # 1-based

    @property
    def words(self) -> list[Word]:
        return [w for seg in self.segments for w in seg]

    @property
    def x0(self) -> float:
        return self.segments[0][0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1][-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        ws = self.words
        return sum(len(w.text) for w in ws if w.bold) * 2 > sum(len(w.text) for w in ws)

    @property
    def text(self) -> str:
        return " ".join(t for t in (segment_text(s) for s in self.segments) if t)


_UNIT = re.compile(r"(?:^|[^\w])(?:k|c|d|m)?m$")


def segment_text(segment: list[Word]) -> str:
    """Words joined by spaces; superscript footnote marks ("thú y¹") are left out, and an
    exponent after a unit is kept on it ("m²" -> "m2"), as the reader would read it.
    """
    out: list[str] = []
    for w in segment:
        if w.sup:
            if out and w.text.isdigit() and _UNIT.search(out[-1]):
                out[-1] += w.text
            continue
        out.append(w.text)
    return " ".join(out)


def split_segments(words: list[Word], gap_em: float = SEGMENT_GAP_EM) -> list[list[Word]]:
    """Group words (already left to right) into segments at gaps wider than ``gap_em``."""
    segments: list[list[Word]] = []
    for w in words:
        if segments:
            prev = segments[-1][-1]
            size = max(1.0, min(prev.size, w.size))
            if w.x0 - prev.x1 <= gap_em * size:
                segments[-1].append(w)
                continue
        segments.append([w])
    return segments


def make_line(words: list[Word], page: int) -> Line | None:
    words = sorted((w for w in words if w.text), key=lambda w: w.x0)
    if not words:
        return None
    return Line(split_segments(words), page)


def rows_from_words(words: list[Word], page: int, tolerance_em: float = 0.45) -> list[Line]:
    """Cluster words into visual lines by vertical position (used for OCR word lists).

    Two words share a line when their vertical centres differ by less than
    ``tolerance_em`` of the smaller word height: both columns of a letterhead end up on
    one line, which the segment split then separates again.
    """
    items = sorted(words, key=lambda w: (w.top + w.bottom) / 2)
    rows: list[list[Word]] = []
    centres: list[float] = []
    for w in items:
        c = (w.top + w.bottom) / 2
        h = max(1.0, w.bottom - w.top)
        if rows and abs(c - centres[-1]) <= tolerance_em * min(h, _row_height(rows[-1])):
            rows[-1].append(w)
            centres[-1] = median((x.top + x.bottom) / 2 for x in rows[-1])
            continue
        rows.append([w])
        centres.append(c)
    lines = [make_line(r, page) for r in rows]
    return [ln for ln in lines if ln is not None]


def _row_height(row: list[Word]) -> float:
    return max(1.0, median(w.bottom - w.top for w in row))
