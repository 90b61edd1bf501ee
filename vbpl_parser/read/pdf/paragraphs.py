"""Turn positioned lines into paragraphs, in reading order, across pages.

Why here and not in the cleaning stage's reflow: the page geometry says far more than the
characters do. A new paragraph starts at a first-line indent, a numbering marker ("1.",
"a)", "-", "Điều 5."), a heading in capitals, a centred line, a change of weight or size,
after a line that ends a sentence well short of the right margin, or after a blank wider
than the page's usual line pitch that follows the end of a sentence. Everything else is a
hard wrap and is joined (also across a page break). Word wraps at spaces, so lines join
with a space, except after a hyphen glued to a symbol ("NĐ-" + "CP").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ..document import Block, Paragraph, StyleHints, Table
from .columns import column_paragraphs, find_column_blocks, split_columns
from .lines import Line

# "Chương II", "Mục 1", "Phụ lục I" open a part only as a short line of their own: in running
# text they are references that a wrap may put at a line start ("... tại mục 3 của" / "Phụ lục I
# ban hành kèm theo ...").
_PART_HEADING = re.compile(r"^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Phụ lục|PHỤ LỤC)\s+(?:[IVXLC]+|\d+|thứ)\b")
_MARKER = re.compile(
    r"^(?:(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]"
    r"|[IVXLC]{1,6}\.\s"
    r"|[A-Z]\.\s"
    r"|\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}(?:\.\d{1,2})+\s|\d{1,2}\)\s|\(\d{1,2}\)\s"
    r"|[a-zđ]\)\s"
    r"|Căn cứ\s|Nơi nhận|Kính gửi)"
)
_BULLET = re.compile(r"^[-–—+•▪➢❖✓*]\s*\S")
_SENTENCE_END = re.compile(r"[.;:!?…]['\"”’)\]]*$")
_GLUED_HYPHEN = re.compile(r"[\wĐđ]-$")


@dataclass(slots=True)
class TableItem:
    """Blocks produced from a ruled table (a data Table, or paragraphs of a layout table)."""

    top: float
    blocks: list[Block]
    columns: list[float] = field(default_factory=list)  # x of column edges, for page-break merging
    bottom: float = 0.0


#: lines of a two-column stretch of a page, and the x of its left and right column
_ColumnBlock = tuple[list[Line], float, float]


@dataclass(slots=True)
class PageContent:
    page: int  # 1-based
    width: float
    height: float
    lines: list[Line]  # body lines (furniture removed), top to bottom
    tables: list[TableItem] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)  # lines of the page's note area


@dataclass(slots=True)
class _Margins:
    left: float
    right: float
    pitch: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def _margins(lines: list[Line], width: float) -> _Margins:
    long = [ln for ln in lines if ln.x1 - ln.x0 > 0.45 * width] or lines
    if not long:
        return _Margins(0.1 * width, 0.9 * width, 18.0)
    starts = Counter(round(ln.x0) for ln in long)
    left: float = min(x for x, c in starts.items() if c == max(starts.values()))
    left = min([ln.x0 for ln in long if ln.x0 < left - 0.5 and left - ln.x0 < 8] + [left])
    ends = sorted(ln.x1 for ln in long)
    right = ends[int(0.8 * (len(ends) - 1))]
    # line pitch inside paragraphs: consecutive full lines only (letterhead columns sit
    # on rows 1-3 pt apart and would make every ordinary gap look like a blank line)
    pitches = [b.top - a.top for a, b in zip(long, long[1:])
               if 0.8 * a.size < b.top - a.top < 3 * a.size and abs(a.size - b.size) < 1]
    pitch = median(pitches) if pitches else 1.4 * median(ln.size for ln in lines)
    return _Margins(left, right, pitch)


def is_caps_line(text: str) -> bool:
    """A heading in capitals: two words or more, every letter upper case.

    One token ("126/2024/NĐ-CP).", "CCHC") is a wrapped symbol or abbreviation, not a heading.
    """
    letters = [c for c in text if c.isalpha()]
    words = [t for t in text.split() if sum(c.isalpha() for c in t) >= 2]
    return len(words) >= 2 and len(letters) >= 4 and all(c.isupper() for c in letters)


def _centred(ln: Line, m: _Margins) -> bool:
    """Equal room on both sides (an indented first line that ends early is not centred)."""
    em = ln.size
    return (abs((ln.x0 - m.left) - (m.right - ln.x1)) < max(3.0, 0.6 * em) and ln.x0 > m.left + 1.5 * em
            and ln.x1 < m.right - 1.5 * em)


def starts_paragraph(prev: Line, line: Line, pm: _Margins, m: _Margins, same_page: bool) -> bool:
    """True when ``line`` opens a new paragraph after ``prev`` (the previous body line)."""
    text, ptext = line.text, prev.text
    lower_start = text[:1].islower()
    em = max(1.0, line.size)
    ends_sentence = bool(_SENTENCE_END.search(ptext))
    if _MARKER.match(text):
        return True
    if _PART_HEADING.match(text) and (len(text) <= 40 or ends_sentence or is_caps_line(text)):
        return True
    if _BULLET.match(text) and (ends_sentence or ptext.endswith(",") or line.x0 > m.left + 0.4 * em
                                or prev.x1 < pm.right - 2.5 * em):
        return True
    if is_caps_line(text) or is_caps_line(ptext):
        return True
    if _centred(prev, pm) != _centred(line, m) and not lower_start:
        return True
    if _centred(line, m) and not lower_start:
        return True
    ocr = line.words[0].conf is not None  # OCR knows neither weight nor size
    if not ocr and not lower_start and (prev.bold != line.bold or abs(prev.size - line.size) > 0.15 * prev.size):
        return True
    indent_now = line.x0 - m.left
    if indent_now > 0.9 * em and (not same_page or line.x0 > prev.x0 + 0.9 * em or prev.x1 < pm.right - 2.5 * em):
        return not lower_start or ends_sentence
    if indent_now > 0.9 * em and ends_sentence and abs(line.x0 - prev.x0) < 0.5 * em:
        return True  # two one-line paragraphs with the same first-line indent
    if ends_sentence and prev.x1 < pm.right - 2.5 * em:
        return True
    if same_page and ends_sentence and line.top - prev.top > 1.3 * m.pitch + 1:
        return True
    if same_page and not lower_start and line.top - prev.top > 2.2 * m.pitch:
        return True
    return False


def _join(a: str, b: str) -> str:
    if _GLUED_HYPHEN.search(a) and b[:1].isalnum():
        return a + b
    return a + " " + b


def _style(lines: list[Line], m: _Margins) -> StyleHints:
    first = lines[0]
    text = " ".join(ln.text for ln in lines)
    return StyleHints(
        bold=sum(ln.bold for ln in lines) * 2 > len(lines),
        all_caps=is_caps_line(text),
        align="center" if _centred(first, m) else None,
        font_size=round(median(ln.size for ln in lines), 1),
        indent=round(first.x0 - m.left, 1),
    )


def assemble(pages: list[PageContent]) -> list[Block]:
    """All pages' lines and tables as blocks in reading order."""
    blocks: list[Block] = []
    cur: list[Line] = []
    cur_m: _Margins | None = None
    last_table: TableItem | None = None

    def flush() -> None:
        nonlocal cur
        if cur:
            assert cur_m is not None  # set with every line put in cur
            text = cur[0].text
            for ln in cur[1:]:
                text = _join(text, ln.text)
            blocks.append(Paragraph(text, page=cur[0].page, style=_style(cur, cur_m)))
            cur = []

    for pc in pages:
        m = _margins(pc.lines, pc.width)
        # (top, kind, what): kind orders what starts at the same height (line, column block, table)
        items: list[tuple[float, int, Line | _ColumnBlock | TableItem]] = []
        col_blocks = find_column_blocks(pc.lines, pc.width)
        in_block: set[int] = set()
        for start, stop, lc, rc in col_blocks:
            in_block.update(range(start, stop))
            items.append((pc.lines[start].top, 1, (pc.lines[start:stop], lc, rc)))
        for i, ln in enumerate(pc.lines):
            if i not in in_block:
                items.append((ln.top, 0, ln))
        for t in pc.tables:
            items.append((t.top, 2, t))
        items.sort(key=lambda it: (it[0], it[1]))
        for _, _kind, obj in items:
            if isinstance(obj, Line):
                line = obj
                if cur and not starts_paragraph(cur[-1], line, cur_m or m, m, cur[-1].page == line.page):
                    cur.append(line)
                    cur_m = m
                    continue
                flush()
                cur, cur_m = [line], m
                last_table = None
            elif isinstance(obj, tuple):
                flush()
                lines, lc, rc = obj
                left, right = split_columns(lines, lc, rc)
                for col in (left, right):
                    for text, first in column_paragraphs(col):
                        blocks.append(Paragraph(text, page=first.page, style=_style([first], m)))
                last_table = None
            else:
                flush()
                item = obj
                if last_table is not None and _continues(last_table, item, blocks):
                    last_table = item
                    continue
                blocks.extend(item.blocks)
                last_table = item if len(item.blocks) == 1 and isinstance(item.blocks[0], Table) else None
    flush()
    return blocks


def _continues(prev: TableItem, item: TableItem, blocks: list[Block]) -> bool:
    """Append ``item``'s rows to the previous table when it continues it on the next page."""
    if not (len(item.blocks) == 1 and isinstance(item.blocks[0], Table)):
        return False
    if not blocks or not isinstance(blocks[-1], Table):
        return False
    a, b = blocks[-1], item.blocks[0]
    if b.page is None or prev.blocks[0].page is None or b.page != prev.blocks[0].page + 1:
        return False
    if len(prev.columns) != len(item.columns) or any(abs(x - y) > 4 for x, y in zip(prev.columns, item.columns)):
        return False
    rows = list(b.rows)
    head = [[c.text for c in r] for r in a.rows[:3]]
    while rows and [c.text for c in rows[0]] in head:
        rows.pop(0)  # the header rows Word repeats on every page
    a.rows.extend(rows)
    return True
