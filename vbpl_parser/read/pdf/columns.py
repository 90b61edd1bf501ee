"""Two-column blocks of a page: the letterhead and the signature block.

Why: NĐ 30/2020 puts the issuer on the left and the national motto on the right, the number
under the issuer and the place and date under the motto; the signature block puts "Nơi
nhận" on the left and "TM. ỦY BAN NHÂN DÂN" on the right. A page read line by line
interleaves them ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."), while the header parser expects
the issuer lines before the motto — the order Word readers give when they flatten the
layout table column by column. So such a block is re-read left column first.

A block starts at a line split into two segments by a wide gap, one of which begins like a
letterhead or signature line, and grows downward while lines fall on either side; it stops
at a line that spans both columns, a centred line (the document type, "Kính gửi"), or a
large vertical gap. Each segment goes to the column whose centre is nearer.
"""
from __future__ import annotations

import re

from .lines import Line, Word, segment_text

_HINT = re.compile(
    r"^(?:C[ỘO]NG H[OÒ]À|CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|ĐỘC LẬP|Số\s*:|Số\s+\d|Nơi nhận|NƠI NHẬN|"
    r"TM\.|KT\.|TL\.|TUQ\.|Q\.\s|CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|"
    r"(?:ỦY|UỶ) BAN|UBND|BỘ |SỞ |VĂN PHÒNG|HỘI ĐỒNG|CÔNG AN|V/v|"
    r"(?:TP\.\s*)?[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][^\s,]*(?:\s+[^\s,]+){0,4},\s*ngày)"
)
_STOP = re.compile(r"^(?:Kính gửi|KÍNH GỬI|Căn cứ|Thực hiện|Xét)")
_COLUMN_BREAK = re.compile(r"^(?:[-–+•]|Số\s*:|V/v|Nơi nhận|Kính gửi|TM\.|KT\.|TL\.|TUQ\.|Q\.\s|Độc lập|\d+\.)")
_SENTENCE_END = re.compile(r"[.;:!?]['\"”’)\]]*$")
MIN_GUTTER_EM = 1.2  # VPCP's letterhead leaves only ~1.3 em between the issuer and the motto
MAX_BLOCK_GAP_EM = 7.0


def _gutter(line: Line) -> tuple[int, float] | None:
    """Index of the segment after the widest inter-segment gap, if wide enough."""
    best: tuple[int, float] | None = None
    for k in range(1, len(line.segments)):
        gap = line.segments[k][0].x0 - line.segments[k - 1][-1].x1
        if gap >= MIN_GUTTER_EM * line.size and (best is None or gap > best[1]):
            best = (k, gap)
    return best


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def find_column_blocks(lines: list[Line], width: float) -> list[tuple[int, int, float, float]]:
    """(start, stop, left centre, right centre) of each two-column block of a page."""
    blocks: list[tuple[int, int, float, float]] = []
    page_centre = width / 2
    i = 0
    while i < len(lines):
        ln = lines[i]
        g = _gutter(ln)
        if g is None:
            i += 1
            continue
        k, _ = g
        left_segs, right_segs = ln.segments[:k], ln.segments[k:]
        if not any(_HINT.match(segment_text(s)) for s in ln.segments):
            i += 1
            continue
        lc = (left_segs[0][0].x0 + left_segs[-1][-1].x1) / 2
        rc = (right_segs[0][0].x0 + right_segs[-1][-1].x1) / 2
        if not lc < page_centre < rc + 0.15 * width:
            i += 1
            continue
        start = i
        # a right-hand line just above ("KT. GIÁM ĐỐC" over "Nơi nhận:") belongs to the block
        while start > 0 and i - start < 2:
            up = lines[start - 1]
            if (len(up.segments) == 1 and up.x0 > page_centre - 0.02 * width and _HINT.match(up.text)
                    and lines[start].top - up.bottom < 2.5 * up.size):
                start -= 1
            else:
                break
        stop = i + 1
        while stop < len(lines):
            nxt, prev = lines[stop], lines[stop - 1]
            if nxt.top - prev.bottom > MAX_BLOCK_GAP_EM * max(nxt.size, prev.size):
                break
            if _STOP.match(nxt.text) or any(s[0].x0 < lc and s[-1].x1 > rc for s in nxt.segments):
                break
            if len(nxt.segments) == 1:
                c = (nxt.x0 + nxt.x1) / 2
                centred = abs(c - page_centre) < 2.0 * nxt.size and nxt.x0 < page_centre - 3 * nxt.size
                if centred and not _HINT.match(nxt.text):
                    break
            stop += 1
        if stop - start >= 2 or len(ln.segments) >= 2:
            blocks.append((start, stop, lc, rc))
        i = stop
    return blocks


def split_columns(lines: list[Line], lc: float, rc: float) -> tuple[list[Line], list[Line]]:
    """The block's lines cut into a left column and a right column (each top to bottom)."""
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines:
        lsegs: list[list[Word]] = []
        rsegs: list[list[Word]] = []
        for s in ln.segments:
            c = (s[0].x0 + s[-1].x1) / 2
            (lsegs if abs(c - lc) <= abs(c - rc) else rsegs).append(s)
        if lsegs:
            left.append(Line(lsegs, ln.page))
        if rsegs:
            right.append(Line(rsegs, ln.page))
    return left, right


def column_paragraphs(lines: list[Line]) -> list[tuple[str, Line]]:
    """Join the wrapped lines of one column ("V/v ..." over three lines, a long "- ..." item).

    Upper-case lines (issuer names, titles of the signer) and lines that open a new item stay
    apart. Returns (text, first line) pairs.
    """
    out: list[tuple[str, Line]] = []
    for ln in lines:
        text = ln.text
        if out:
            prev_text, first = out[-1]
            joinable = (
                not _is_caps(prev_text) and not _is_caps(text)
                and not _COLUMN_BREAK.match(text) and not _SENTENCE_END.search(prev_text)
                and (prev_text.startswith(("V/v", "Về việc", "-", "+", "–")) or text[:1].islower())
            )
            if joinable:
                glued = prev_text.endswith("-") and prev_text[-2:-1].isalnum() and text[:1].isalnum()
                out[-1] = (prev_text + ("" if glued else " ") + text, first)
                continue
        out.append((text, ln))
    return out
