"""Ruled tables of a text PDF (task tables: STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian).

Why this split of work: pdfplumber's table finder (from the drawn rules) is reliable but
pdfminer parses a page ~15x slower than pdfium, so a page is handed to pdfplumber only when
pdfium shows it draws enough rule-like paths to hold a grid. pdfplumber gives the cell
boxes; the cell text is built from our own glyphs (same word breaks as the body text).
Merged cells appear once, with their row and column spans. Tables of one row or one column
(a framed note, a stamp box) are not data: their glyphs go back to the page text.
"""
from __future__ import annotations

import ctypes
import logging
import re
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import Block, Cell, Table
from ..layout import flatten_layout_table, is_layout_table
from .glyphs import Glyph, lines_from_glyphs
from .paragraphs import TableItem

log = logging.getLogger(__name__)

MIN_RULES = 4  # path objects that look like rules or cell boxes before pdfplumber is asked
_ITEM_START = re.compile(r"^(?:[-–+•]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s)")


def _visible_path(obj: pdfium.PdfObject) -> bool:
    """A path that paints something other than white (Word shades text with white boxes)."""
    raw = obj.raw
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(raw, fill_mode, stroke):
        return True
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if stroke.value and pdfium_c.FPDFPageObj_GetStrokeColor(raw, r, g, b, a):
        if a.value and min(r.value, g.value, b.value) < 240:
            return True
    if fill_mode.value and pdfium_c.FPDFPageObj_GetFillColor(raw, r, g, b, a):
        if a.value and min(r.value, g.value, b.value) < 240:
            return True
    return False


def page_may_have_table(page: pdfium.PdfPage) -> bool:
    """Cheap test on pdfium's page objects: enough visible thin lines or boxes to form a grid."""
    horizontal = vertical = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # pragma: no cover - malformed path
            continue
        w, h = right - left, top - bottom
        if not (w > 8 or h > 8) or not _visible_path(obj):
            continue
        if w > 8 and h < 3:
            horizontal += 1
        elif h > 8 and w < 3:
            vertical += 1
        elif w > 8 and h > 8:
            horizontal += 2
            vertical += 2
        if horizontal >= MIN_RULES // 2 + 1 and vertical >= MIN_RULES // 2:
            return True
    return False


def _is_white(color: Any) -> bool:
    if color is None:
        return False  # unset colour paints black
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(vals) == 1 or len(vals) == 3:
        return all(v >= 0.94 for v in vals)
    if len(vals) == 4:  # CMYK
        return all(v <= 0.06 for v in vals)
    return False


def _ink(obj: dict[str, Any]) -> bool:
    """pdfplumber filter: keep text, and only graphics that paint something visible."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
        return True
    if obj.get("fill") and not _is_white(obj.get("non_stroking_color")):
        return True
    return False


def _boundaries(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def _cell_text(glyphs: list[Glyph], page: int) -> str:
    lines = sorted(lines_from_glyphs(glyphs, page), key=lambda ln: ln.top)
    parts: list[str] = []
    for ln in lines:
        t = ln.text
        if parts and not _ITEM_START.match(t):
            hyphenated = parts[-1].endswith("-") and t[:1].isalnum() and parts[-1][-2:-1].isalnum()
            parts[-1] = parts[-1] + ("" if hyphenated else " ") + t
        else:
            parts.append(t)
    return "\n".join(parts)


def extract_tables(plumber_page: Any, glyphs: list[Glyph], page: int) -> tuple[list[TableItem], list[Glyph]]:
    """Tables found on the page and the glyphs left for the running text."""
    try:
        found = plumber_page.filter(_ink).find_tables()
    except Exception as exc:  # pdfplumber chokes on odd graphics; the text still reads
        log.debug("table finder failed on page %s: %s", page, exc)
        return [], glyphs
    items: list[TableItem] = []
    taken: set[int] = set()
    for tb in found:
        cells = [c for row in tb.rows for c in row.cells if c is not None]
        if not cells:
            continue
        xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells])
        ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
        if len(xs) < 3 or len(ys) < 3:
            continue  # one row or one column: a frame, not a table
        x0, top, x1, bottom = tb.bbox
        inside = [i for i, g in enumerate(glyphs) if i not in taken
                  and x0 - 1 <= (g.x0 + g.x1) / 2 <= x1 + 1 and top - 1 <= (g.top + g.bottom) / 2 <= bottom + 1]
        rows: list[list[Cell]] = []
        for row in tb.rows:
            out_row: list[Cell] = []
            for c in row.cells:
                if c is None:
                    continue
                cx0, ctop, cx1, cbottom = c
                mine = [glyphs[i] for i in inside
                        if cx0 <= (glyphs[i].x0 + glyphs[i].x1) / 2 <= cx1
                        and ctop <= (glyphs[i].top + glyphs[i].bottom) / 2 <= cbottom]
                col_span = max(1, _index(xs, cx1) - _index(xs, cx0))
                row_span = max(1, _index(ys, cbottom) - _index(ys, ctop))
                out_row.append(Cell(_cell_text(mine, page), row_span=row_span, col_span=col_span))
            if out_row:
                rows.append(out_row)
        if not any(c.text for r in rows for c in r):
            continue
        taken.update(inside)
        table = Table(rows, page=page)
        blocks: list[Block] = list(flatten_layout_table(table)) if is_layout_table(rows) else [table]
        items.append(TableItem(top=top, blocks=blocks, columns=xs, bottom=bottom))
    rest = [g for i, g in enumerate(glyphs) if i not in taken]
    return items, rest
