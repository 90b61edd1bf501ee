"""Characters of a PDF text layer (pdfium) grouped into words and lines by position.

Why not the extractors' own text: pdfplumber's line clustering pulls space characters of a
neighbouring line into the current one ("Số: /B C-UBND"), and both it and pdfium decide
word breaks from the content stream, which Word's per-glyph positioning makes unreliable
("THÀNH PH Ố", "0 7 /202 4"). Here a line is a band of characters sharing a baseline, and
a word break is decided from the characters' own positions: a visible gap wider than a
fraction of the font size, or a space character that really sits on this baseline in
empty space. pdfium's per-character API is also ~15x faster than pdfplumber's (pdfminer)
on the corpus (0.35 s vs 5.9 s for a 35-page report), which is why it is used for text.

Text painted white is kept: vbpl.vn fills the number and date of a signed original into
the draft's blanks in white ("Số: 0␣␣␣␣␣7/2024"), and a run of white spaces between white
digits is the padding of that blank, not a word break.
"""
from __future__ import annotations

import ctypes
import math
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .lines import Line, Word, make_line

SPACE_GAP_EM = 0.09  # measured: letter gaps <= 0.06 em, word gaps >= 0.12 em (corpus histogram)
LINE_TOLERANCE_EM = 0.3  # baselines closer than this (in ems) are one line
SPACE_BASELINE_EM = 0.12  # a space character counts only if it sits this close to the baseline
# Fonts from some Vietnamese Word templates map the glyph "ư" to U+01A3 (the Latin letter
# "oi", "ƣ"), which no Vietnamese word contains: "biểu tƣợng", "CHƢƠNG".
_FONT_MAP_FIXES = {0x01A2: "Ư", 0x01A3: "ư"}
_SPACES = {" ", "\u00a0", "\t", "\u2002", "\u2003", "\u2009", "\u3000"}


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    bold: bool
    white: bool
    sup: bool = False

    @property
    def is_space(self) -> bool:
        return self.text in _SPACES


@dataclass(slots=True)
class PageGlyphs:
    glyphs: list[Glyph]
    map_errors: int  # characters whose font has no usable Unicode map
    off_angle: int  # characters dropped because they run at another angle (vertical stamps)


def _transform(rotation: int,
               box: tuple[float, float, float, float]) -> Callable[[float, float], tuple[float, float]]:
    """Return a function mapping PDF user space (x, y) to displayed top-left coordinates."""
    left, bottom, right, top = box
    w, h = right - left, top - bottom
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return lambda x, y: (w - (x - left), y - bottom)
    if rotation == 270:
        return lambda x, y: (h - (y - bottom), w - (x - left))
    return lambda x, y: (x - left, top - y)


def extract_glyphs(page: pdfium.PdfPage) -> PageGlyphs:
    """All non-generated characters of ``page`` in display coordinates (points, top-left)."""
    textpage = page.get_textpage()
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    rotation = page.get_rotation()
    to_display = _transform(rotation, page.get_mediabox())
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    glyphs: list[Glyph] = []
    map_errors = 0
    off_angle = 0
    want_angle = rotation  # text that reads left-to-right once the page is rotated (angles are CCW)
    try:
        for i in range(n):
            if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code in (0x0D, 0x0A, 0xFFFE, 0xFEFF):
                continue
            # pdfium reports a hyphen it finds at a line end as U+0002; in these documents
            # that hyphen belongs to a symbol ("10/2022/TT-" + "BNNPTNT") and stays
            ch = "-" if code == 0x02 else _FONT_MAP_FIXES.get(code) or chr(code)
            if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1:
                map_errors += 1
            angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
            if angle >= 0:
                deg = round(math.degrees(angle)) % 360
                if min(abs(deg - want_angle), 360 - abs(deg - want_angle)) > 10:
                    off_angle += 1
                    continue
            if unicodedata.combining(ch) and glyphs:
                glyphs[-1].text += ch  # NFD mark: belongs to the glyph drawn just before
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
            pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
            (ax, ay), (bx, by) = to_display(rect.left, rect.top), to_display(rect.right, rect.bottom)
            base = to_display(ox.value, oy.value)[1]
            x0, x1 = min(ax, bx), max(ax, bx)
            top, bottom = min(ay, by), max(ay, by)
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            if size <= 1.0:
                size = max(1.0, bottom - top)
            weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
            white = False
            if pdfium_c.FPDFText_GetFillColor(raw, i, r, g, b, a):
                white = r.value >= 245 and g.value >= 245 and b.value >= 245 and a.value > 0
            glyphs.append(Glyph(ch, x0, x1, top, bottom, base, size, weight >= 600, white))
    finally:
        textpage.close()
    return PageGlyphs(glyphs, map_errors, off_angle)


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop glyphs painted twice at (almost) the same place: Word's fake bold and shadows."""
    out: list[Glyph] = []
    for g in glyphs:
        dup = False
        for prev in out[-4:]:
            if prev.text == g.text and abs(prev.x0 - g.x0) < 0.15 * g.size and abs(prev.base - g.base) < 0.15 * g.size:
                dup = True
                break
        if not dup:
            out.append(g)
    return out


def lines_from_glyphs(glyphs: list[Glyph], page: int) -> list[Line]:
    """Group glyphs into lines (shared baseline) and words (position-based breaks)."""
    if not glyphs:
        return []
    ordered = sorted(glyphs, key=lambda g: g.base)
    clusters: list[list[Glyph]] = []
    ref = 0.0
    for g in ordered:
        if clusters and abs(g.base - ref) <= LINE_TOLERANCE_EM * max(g.size, clusters[-1][0].size):
            clusters[-1].append(g)
            continue
        clusters.append([g])
        ref = g.base
    clusters = _attach_superscripts(clusters)
    lines: list[Line] = []
    for cluster in clusters:
        line = _line_from_cluster(cluster, page)
        if line is not None:
            lines.append(line)
    return lines


def _stats(cluster: list[Glyph]) -> tuple[float, float, float, float, int] | None:
    solid = [g for g in cluster if not g.is_space]
    if not solid:
        return None
    bases = sorted(g.base for g in solid)
    sizes = sorted(g.size for g in solid)
    return (bases[len(bases) // 2], sizes[len(sizes) // 2], min(g.x0 for g in solid),
            max(g.x1 for g in solid), len(solid))


def _attach_superscripts(clusters: list[list[Glyph]]) -> list[list[Glyph]]:
    """Put a raised, smaller run of a few glyphs back on the line it belongs to.

    A footnote mark ("thú y¹") or an exponent ("m²") sits 0.3-0.5 em above its line, far
    enough to be clustered as a line of its own; left there it would be read as a line
    "1" between two lines of text. Its glyphs are flagged ``sup`` so that the line can
    leave footnote marks out of the text.
    """
    stats = [_stats(c) for c in clusters]
    merged: set[int] = set()
    for i, st in enumerate(stats):
        if st is None or st[4] > 6:
            continue
        base, size, x0, x1, _ = st
        for j in (i + 1, i + 2, i - 1):
            if not 0 <= j < len(clusters) or j in merged or j == i:
                continue
            other = stats[j]
            if other is None:
                continue
            b_base, b_size, b_x0, b_x1, b_n = other
            if b_n <= st[4] or size > 0.88 * b_size:
                continue
            rise = b_base - base
            if 0.08 * b_size < rise < 0.75 * b_size and b_x0 - 2 * b_size <= x0 and x1 <= b_x1 + 2 * b_size:
                for g in clusters[i]:
                    g.sup = True
                clusters[j].extend(clusters[i])
                merged.add(i)
                break
    return [c for k, c in enumerate(clusters) if k not in merged]


def _line_from_cluster(cluster: list[Glyph], page: int) -> Line | None:
    solid = [g for g in cluster if not g.is_space and g.text.strip()]
    if not solid:
        return None
    normal = [g for g in solid if not g.sup] or solid
    base = sorted(g.base for g in normal)[len(normal) // 2]
    size = sorted(g.size for g in normal)[len(normal) // 2]
    solid = _dedupe(sorted(solid, key=lambda g: g.x0))
    spaces = [g for g in cluster if g.is_space and abs(g.base - base) <= SPACE_BASELINE_EM * size]
    # a real space sits in empty room; a stray one overlaps the glyphs it is wedged between
    starts = [g.x0 for g in solid]
    widest = max(g.x1 - g.x0 for g in solid)

    def stray(sp: Glyph) -> bool:
        k = bisect_right(starts, sp.x1)  # glyphs starting left of the space's end
        while k > 0 and solid[k - 1].x0 >= sp.x0 - widest:
            k -= 1
            g = solid[k]
            if min(sp.x1, g.x1) - max(sp.x0, g.x0) > 0.5 * max(0.1, sp.x1 - sp.x0):
                return True
        return False

    spaces = sorted((sp for sp in spaces if not stray(sp)), key=lambda sp: sp.x0)
    words: list[Word] = []
    cur: list[Glyph] = []
    si = 0
    for g in solid:
        between: list[Glyph] = []
        while si < len(spaces) and (spaces[si].x0 + spaces[si].x1) / 2 < (g.x0 + g.x1) / 2:
            between.append(spaces[si])
            si += 1
        if cur:
            prev = cur[-1]
            gap = g.x0 - prev.x1
            em = max(1.0, min(prev.size, g.size))
            padding = (prev.white and g.white and prev.text.isdigit() and g.text.isdigit()
                       and all(s.white for s in between))
            if prev.sup != g.sup or (not padding and (between or gap > SPACE_GAP_EM * em)):
                words.append(_word(cur))
                cur = []
        cur.append(g)
    if cur:
        words.append(_word(cur))
    return make_line(words, page)


def _word(glyphs: list[Glyph]) -> Word:
    text = unicodedata.normalize("NFC", "".join(g.text for g in glyphs))
    bold = sum(1 for g in glyphs if g.bold) * 2 > len(glyphs)
    size = sorted(g.size for g in glyphs)[len(glyphs) // 2]
    return Word(text, glyphs[0].x0, max(g.x1 for g in glyphs), min(g.top for g in glyphs),
                max(g.bottom for g in glyphs), size, bold, sup=glyphs[0].sup)
