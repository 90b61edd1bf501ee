"""Footnotes of a text PDF: out of the page body, appended after the document.

Why: consolidated texts (VBHN) and Word exports put footnotes at the bottom of pages under
a short rule; read in page order they cut sentences that run on to the next page and slip
"Khoản này được sửa đổi ..." between articles. Word's note area is recognised by its
separator — a thin horizontal rule starting at the left margin — with only smaller type
below it. The notes are returned as paragraphs with zone "footnote" and the note number
as ``list_label``, the shape the .docx reader gives Word footnotes, to be appended after
the body; the reference marks in the body are superscripts that :mod:`.pdf_lines` leaves
out of the text.
"""
from __future__ import annotations

import re
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import Paragraph
from .lines import Line, segment_text
from .tables import _visible_path

SMALLER = 0.9  # note type is at most this share of the body type
MIN_RULE_PT = 40.0
_NUMBER = re.compile(r"^\d{1,3}$")


def horizontal_rules(page: pdfium.PdfPage) -> list[tuple[float, float, float]]:
    """Thin visible horizontal paths as (x0, x1, y) in display coordinates (unrotated pages)."""
    if page.get_rotation() != 0:
        return []
    left, bottom, right, top = page.get_mediabox()
    rules: list[tuple[float, float, float]] = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        try:
            x0, b, x1, t = obj.get_bounds()
        except Exception:  # pragma: no cover - malformed path
            continue
        if x1 - x0 >= MIN_RULE_PT and t - b < 2.5 and _visible_path(obj):
            rules.append((x0 - left, x1 - left, top - (t + b) / 2))
    return rules


def split_footnotes(lines: list[Line], rules: list[tuple[float, float, float]],
                    height: float) -> tuple[list[Line], list[Line]]:
    """(body lines, note lines) of one page; every line stays in the body without a note area."""
    if not rules or len(lines) < 2:
        return lines, []
    left = min(ln.x0 for ln in lines)
    for x0, _x1, y in sorted(rules, key=lambda r: r[2]):
        if y < 0.2 * height or x0 > left + 12:
            continue
        above = [ln for ln in lines if ln.bottom <= y + 1]
        below = [ln for ln in lines if ln.top >= y - 1]
        if not above or not below or len(above) + len(below) != len(lines):
            continue
        body_size = median(ln.size for ln in above)
        if all(ln.size <= SMALLER * body_size for ln in below):
            return above, below
    return lines, []


def _label(line: Line) -> tuple[str | None, str]:
    """(note number, text) when the line opens a note: a raised or smaller number first."""
    words = line.words
    first = words[0]
    if _NUMBER.match(first.text) and len(words) > 1 and (first.sup or first.size < 0.95 * line.size):
        rest = [[w for w in seg if w is not first] for seg in line.segments]
        return first.text, " ".join(segment_text(seg) for seg in rest if seg)
    return None, line.text


def footnote_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Note lines of all pages (in page order) as paragraphs: one per note paragraph,
    the first of each note carrying its number. A page's first lines without a number
    continue the note of the previous page.
    """
    from .paragraphs import _SENTENCE_END, _join

    out: list[Paragraph] = []
    left: dict[int, float] = {}
    for ln in lines:
        left[ln.page] = min(left.get(ln.page, ln.x0), ln.x0)
    for ln in lines:
        label, text = _label(ln)
        if not text:
            continue
        if label is None and out:
            # a new paragraph inside a note: first-line indent after the end of a sentence
            indented = ln.x0 > left[ln.page] + 0.9 * ln.size
            if not (indented and _SENTENCE_END.search(out[-1].text)):
                out[-1].text = _join(out[-1].text, text)
                continue
        out.append(Paragraph(text, list_label=label, page=ln.page, zone="footnote"))
    return out
