"""Page furniture: running headers, footers and page numbers of a paginated document.

Why: a PDF repeats "CÔNG BÁO/Số 1263 + 1264/Ngày 31-12-2015" or the page number on every
page, and left in the body they land in the middle of sentences and paragraphs. A line is
furniture when it is among the first or last two lines of its page and either is a bare
page number ("2", "- 2 -", "Trang 2", "2/13") in the page margin, or repeats (digits
ignored) at the same end of at least half the pages (and of three pages at least, so that
two letterheads of a two-page decision are never taken for a running header).
Removed lines are returned, not dropped, so the reader can keep them out of the body
without losing them.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..document import Paragraph
from .lines import Line
from .paragraphs import PageContent

PAGE_NUMBER = re.compile(r"^[-–—(\s]*(?:Trang|trang|Page)?\s*(\d{1,4})(?:\s*/\s*\d{1,4})?[-–—)\s]*$")
EDGE_LINES = 2
MARGIN_BAND = 0.14  # share of the page height counted as top/bottom margin
_HEADER_HINTS = re.compile(r"CỘNG H[OÒ]A|C[ỘO]NG HO[ÀA]|Độc lập|ỦY BAN|UỶ BAN|Số\s*:|Kính gửi|QUYẾT ĐỊNH")


def _key(text: str) -> str:
    return re.sub(r"[\d\s]+", "", text).casefold()


def _edge_candidates(pl: PageContent) -> list[tuple[int, str]]:
    """(index, 'header'|'footer') of the lines that may be furniture on this page."""
    n = len(pl.lines)
    out: list[tuple[int, str]] = []
    for i in range(min(EDGE_LINES, n)):
        if pl.lines[i].top <= pl.height * MARGIN_BAND or i == 0:
            out.append((i, "header"))
    for i in range(max(0, n - EDGE_LINES), n):
        if all(i != j for j, _ in out) and (pl.lines[i].bottom >= pl.height * (1 - MARGIN_BAND) or i == n - 1):
            out.append((i, "footer"))
    return out


def _is_page_number(line: Line, pl: PageContent, index: int, pages: int) -> bool:
    m = PAGE_NUMBER.match(line.text)
    if not m or int(m.group(1)) == 0:
        return False
    in_band = line.top <= pl.height * MARGIN_BAND or line.bottom >= pl.height * (1 - MARGIN_BAND)
    value = int(m.group(1))
    if value > pages + 20 and (1900 <= value <= 2100 or not in_band):
        return False  # "2024" wrapped onto the first line of a page is a year, not a page number
    if in_band:
        return True
    # outside the band: only when clearly set apart from the neighbouring body line
    neighbours = [pl.lines[j] for j in (index - 1, index + 1) if 0 <= j < len(pl.lines)]
    return all(abs(nb.top - line.top) > 2.2 * max(line.size, nb.size) for nb in neighbours)


def find_furniture(pages: list[PageContent]) -> dict[tuple[int, int], str]:
    """Map (page list index, line index) -> 'header'|'footer' for furniture lines."""
    found: dict[tuple[int, int], str] = {}
    n_pages = len(pages)
    seen: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for pi, pl in enumerate(pages):
        for li, where in _edge_candidates(pl):
            line = pl.lines[li]
            if _is_page_number(line, pl, li, n_pages):
                found[(pi, li)] = where
                continue
            if len(line.segments) > 1 and _HEADER_HINTS.search(line.text):
                continue  # a letterhead, never a running header
            key = _key(line.text)
            if len(key) >= 3:
                seen[(where, key)].append((pi, li))
    need = max(3, (n_pages + 1) // 2)
    for (where, _), hits in seen.items():
        if len({pi for pi, _ in hits}) >= need:
            for hit in hits:
                found[hit] = where
    return found


def split_furniture(pages: list[PageContent]) -> tuple[list[PageContent], list[Paragraph]]:
    """Remove furniture lines from the pages; return them as header/footer paragraphs."""
    found = find_furniture(pages)
    furniture: list[Paragraph] = []
    for pi, pc in enumerate(pages):
        keep: list[Line] = []
        for li, ln in enumerate(pc.lines):
            where = found.get((pi, li))
            if where is None:
                keep.append(ln)
            else:
                furniture.append(Paragraph(ln.text, page=pc.page, zone=where))  # type: ignore[arg-type]
        pc.lines = keep
    return pages, furniture
