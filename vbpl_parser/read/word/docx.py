"""Reader for Word .docx files: blocks in reading order, with Word's visible numbering.

What comes out, and why:

* body paragraphs and tables interleaved as in the file (``w:body`` children, entering
  block-level content controls); each paragraph's ``list_label`` is the number or bullet
  Word's automatic numbering draws ("1.", "1.1.", "a)", "-", "II."), computed by
  :mod:`.word_numbering`; typed numbers stay in the text;
* tables: one-column tables are frames around ordinary paragraphs and are unwrapped;
  letterhead and signature tables (:func:`.blocks.is_layout_table`) are flattened column by
  column with :func:`.blocks.flatten_layout_table`; the rest are :class:`.blocks.Table`
  blocks whose merged cells (gridSpan, vMerge) appear once;
* text boxes are read once, right after the paragraph that anchors them (after the table,
  for boxes anchored in a cell). Stamps and diagram labels ("DỰ THẢO", "7a") get zone
  "textbox"; a box holding document text (a letterhead or signature drawn in text boxes,
  a long boxed note) keeps zone "body" so the header parser sees it;
* footnotes and endnotes: the reference marks are dropped from the body, and the note
  texts are appended after the body, in reference order, as paragraphs with zone
  "footnote" whose ``list_label`` is the note number. They often hold the references a
  reader needs ("Luật số 67/2020/QH14 ..."), and appending keeps the body text intact;
* headers and footers (page numbers, form codes, running titles) are not read, nor
  comments: they are not the document's content.

Each paragraph carries :class:`.blocks.StyleHints` (bold/italic/caps when most of its
letters have them, alignment, font size, style name, heading level, left indent) for the
header parser, and ``page`` from Word's last layout (``w:lastRenderedPageBreak``), falling
back to hard page breaks.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from ...errors import CorruptDocument
from ...options import Run
from ..document import Align, Block, Cell, Paragraph, RawDocument, StyleHints, Table, Zone
from ..layout import flatten_layout_table, is_layout_table
from .inline import (
    W_STRICT,
    W_TRANSITIONAL,
    InlineWalker,
    NoteRefs,
    Page,
    RunStats,
    Tags,
    alternate_branch,
    sdt_content,
)
from .numbering import NumberingDefinitions, NumberingState
from .package import DocxPackage
from .styles import DirectPPr, ParaProps, RunProps, Styles, is_dark_fill, read_ppr

_ALIGN: dict[str, Align] = {
    "left": "left", "start": "left", "center": "center", "right": "right", "end": "right", "both": "justify",
    "distribute": "justify", "justify": "justify", "lowKashida": "justify", "mediumKashida": "justify",
    "highKashida": "justify", "thaiDistribute": "justify"}
_NESTED_CELL_SEPARATOR = " | "
_NO_PPR = DirectPPr(ParaProps())
_TEXT_ROW_MIN_LINES = 3  # a full-width cell with this many lines and characters is prose
_TEXT_ROW_MIN_CHARS = 300
_TEXTBOX_BODY_CHARS = 300  # a text box this long is document content, not a stamp or label


@dataclass(slots=True)
class _CellData:
    blocks: list[Block]
    col: int
    col_span: int = 1
    row_span: int = 1
    lines: list[tuple[str, StyleHints]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(t for t, _ in self.lines)


class _Reader:
    """One document's walk: shared numbering counters, page counter and note references."""

    def __init__(self, pkg: DocxPackage) -> None:
        self.pkg = pkg
        root = pkg.xml(pkg.main)
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        if ns not in (W_TRANSITIONAL, W_STRICT):
            raise CorruptDocument(f"{pkg.main} is not WordprocessingML (root {root.tag})", path=pkg.name)
        self.root = root
        self.T = Tags(ns)
        styles_part = pkg.related(pkg.main, "/styles")
        self.styles = Styles(pkg.xml(styles_part) if styles_part else None, ns)
        numbering_part = pkg.related(pkg.main, "/numbering")
        self.numbering = NumberingState(NumberingDefinitions(
            pkg.xml(numbering_part) if numbering_part else None, ns, self.styles.numbering_style_numids))
        self.page = Page(rendered=next(root.iter(self.T.lastRenderedPageBreak), None) is not None)
        self.notes = NoteRefs()
        self.inline = InlineWalker(self.T, self.styles, self.page, self.notes)
        self.table_depth = 0
        self.cell_shaded = False
        self.deferred_boxes: list[etree._Element] = []
        self.warnings: list[str] = []
        self.max_page = 1

    # ---- blocks ---------------------------------------------------------------------------

    def body(self) -> list[Block]:
        body = self.root.find(self.T.body)
        if body is None:
            raise CorruptDocument(f"{self.pkg.main} has no w:body", path=self.pkg.name)
        out: list[Block] = []
        self.blocks(body, "body", out)
        self.max_page = max(self.max_page, self.page.number)
        return out

    def blocks(self, container: etree._Element, zone: Zone, out: list[Block]) -> None:
        T = self.T
        for child in container:
            tag = child.tag
            if tag == T.p:
                para, boxes = self.paragraph(child, zone)
                out.append(para)
                if boxes:
                    if self.table_depth:
                        self.deferred_boxes.extend(boxes)
                    else:
                        self.textboxes(boxes, out)
            elif tag == T.tbl:
                out.extend(self.table(child, zone))
            elif tag == T.sdt:
                content = sdt_content(child, T)
                if content is not None:
                    self.blocks(content, zone, out)
            elif tag == T.customXml or tag == T.ins or tag == T.moveTo:
                self.blocks(child, zone, out)
            elif tag == T.alt:
                branch = alternate_branch(child, T)
                if branch is not None:
                    self.blocks(branch, zone, out)
            elif tag == T.altChunk:
                self.warnings.append("an embedded document (w:altChunk) was not read")

    def textboxes(self, boxes: list[etree._Element], out: list[Block]) -> None:
        active = self.page.active
        self.page.active = False
        try:
            for box in boxes:
                inner: list[Block] = []
                self.blocks(box, "textbox", inner)
                inner = [b for b in inner if not isinstance(b, Paragraph) or b.text.strip() or b.list_label]
                if _is_document_text(inner):
                    for b in inner:
                        b.zone = "body"
                out.extend(inner)
        finally:
            self.page.active = active

    def paragraph(self, p: etree._Element, zone: Zone) -> tuple[Paragraph, list[etree._Element]]:
        T = self.T
        ppr = p.find(T.pPr)
        info = read_ppr(ppr, T.ns) if ppr is not None else _NO_PPR
        style_id, direct = info.style_id, info.props
        if info.page_break_before and self.page.active and not self.page.rendered:
            self.page.number += 1
        spara, srun = self.styles.paragraph(style_id)
        start_page = self.page.number
        self.inline.shaded = self.cell_shaded or (info.shd is not None and is_dark_fill(info.shd, T.ns))
        text, stats, boxes = self.inline.paragraph(p, srun)
        # Word marks a page that begins inside this paragraph before its first run's text
        page = self.inline.first_page if self.inline.first_page is not None else (
            self.page.number if self.page.rendered else start_page)
        label, level_indent = self._label(direct, spara, style_id)
        eff = direct.over(spara)
        hints = _hints(stats, eff, srun, self.styles.name(style_id), self.styles.heading_level(style_id, eff),
                       eff.indent if direct.indent is not None or level_indent is None else level_indent)
        if self.page.active and not self.page.rendered:
            sect = info.sect
            if sect is not None:
                stype = sect.find(T.type)
                if stype is None or stype.get(T.val) in (None, "nextPage", "oddPage", "evenPage"):
                    self.page.number += 1
        return Paragraph(text, list_label=label, page=page, style=hints, zone=zone,
                         capitals=tuple(self.inline.capitals)), boxes

    def _label(self, direct: ParaProps, spara: ParaProps, style_id: str | None) -> tuple[str | None, float | None]:
        num_id = direct.num_id if direct.num_id is not None else spara.num_id
        if num_id is None or num_id == "0":
            return None, None
        if direct.ilvl is not None:
            ilvl = direct.ilvl
        elif direct.num_id is None and spara.ilvl is not None:
            ilvl = spara.ilvl
        else:
            ilvl = self.numbering.defs.level_for_style(num_id, style_id) or 0
        label, level = self.numbering.next_label(num_id, ilvl)
        return label, level.indent if level is not None else None

    # ---- tables ---------------------------------------------------------------------------

    def _children(self, el: etree._Element, tag: str) -> list[etree._Element]:
        """Children with ``tag``, looking through content controls and custom XML wrappers."""
        T = self.T
        out = []
        for child in el:
            if child.tag == tag:
                out.append(child)
            elif child.tag == T.sdt:
                content = sdt_content(child, T)
                if content is not None:
                    out.extend(self._children(content, tag))
            elif child.tag == T.customXml:
                out.extend(self._children(child, tag))
            elif child.tag == T.alt:
                branch = alternate_branch(child, T)
                if branch is not None:
                    out.extend(self._children(branch, tag))
        return out

    def table(self, tbl: etree._Element, zone: Zone) -> list[Block]:
        page = self.page.number
        self.table_depth += 1
        try:
            rows = self._table_rows(tbl, zone)
        finally:
            self.table_depth -= 1
        out = self._table_blocks(rows, page, zone)
        if not self.table_depth and self.deferred_boxes:
            boxes, self.deferred_boxes = self.deferred_boxes, []
            self.textboxes(boxes, out)
        return out

    def _table_rows(self, tbl: etree._Element, zone: Zone) -> list[list[_CellData]]:
        T = self.T
        rows: list[list[_CellData]] = []
        open_merges: dict[int, _CellData] = {}
        for tr in self._children(tbl, T.tr):
            col = 0
            trpr = tr.find(T.trPr)
            if trpr is not None:
                gb = trpr.find(T.gridBefore)
                col = _int_attr(gb, T.val, 0) if gb is not None else 0
            row: list[_CellData] = []
            for tc in self._children(tr, T.tc):
                span, vmerge, hmerge = 1, None, None
                tcpr = tc.find(T.tcPr)
                if tcpr is not None:
                    gs = tcpr.find(T.gridSpan)
                    if gs is not None:
                        span = max(1, _int_attr(gs, T.val, 1))
                    vm = tcpr.find(T.vMerge)
                    if vm is not None:
                        vmerge = vm.get(T.val) or "continue"
                    hm = tcpr.find(T.hMerge)
                    if hm is not None:
                        hmerge = hm.get(T.val) or "continue"
                    shd = tcpr.find(T.shd)
                    cell_shaded = shd is not None and is_dark_fill(shd, T.ns)
                else:
                    cell_shaded = False
                blocks: list[Block] = []
                outer, self.cell_shaded = self.cell_shaded, cell_shaded
                try:
                    self.blocks(tc, zone, blocks)
                finally:
                    self.cell_shaded = outer
                cell = _CellData(blocks, col, span)
                cell.lines = _cell_lines(blocks)
                if hmerge == "continue" and row:
                    row[-1].col_span += span
                    row[-1].lines.extend(cell.lines)
                    row[-1].blocks.extend(blocks)
                elif vmerge == "continue" and col in open_merges:
                    top = open_merges[col]
                    top.row_span += 1
                    top.lines.extend(cell.lines)  # Word hides it; keep rather than lose it
                    top.blocks.extend(blocks)
                else:
                    row.append(cell)
                    for c in range(col, col + span):
                        open_merges.pop(c, None)
                    if vmerge == "restart":
                        open_merges[col] = cell
                col += span
            rows.append(row)
        return rows

    def _table_blocks(self, rows: list[list[_CellData]], page: int, zone: Zone) -> list[Block]:
        """Blocks for one table: unwrapped frame, flattened layout, or a data table.

        A row that is one full-width cell holding running text (the "I. NỘI DUNG TRÌNH"
        body of a phiếu trình form) is not tabular: it is emitted as paragraphs and the
        rows around it are classified on their own. Short full-width rows (the section
        rows of a task table, "I | Cải cách thể chế") stay in the table.
        """
        width = max((sum(c.col_span for c in r) for r in rows), default=0)
        out: list[Block] = []
        segment: list[list[_CellData]] = []
        for row in rows:
            if width >= 2 and len(row) == 1 and row[0].col_span >= width and _is_running_text(row[0]):
                out.extend(self._segment_blocks(segment, page, zone))
                segment = []
                out.extend(row[0].blocks)
            else:
                segment.append(row)
        out.extend(self._segment_blocks(segment, page, zone))
        return out

    def _segment_blocks(self, rows: list[list[_CellData]], page: int, zone: Zone) -> Sequence[Block]:
        cells = [c for r in rows for c in r]
        if not cells:
            return []
        if max(len(r) for r in rows) <= 1:
            # one-column table: a frame around ordinary paragraphs (or a whole document)
            return [b for c in cells for b in c.blocks]
        if not any(c.lines for c in cells):
            return []
        table = Table([[Cell(c.text, c.row_span, c.col_span) for c in r] for r in rows if r], page=page, zone=zone)
        if not is_layout_table(table.rows):
            return [table]
        flat = flatten_layout_table(table)
        styles = [hints for col in range(max(len(r) for r in rows)) for r in rows if col < len(r)
                  for text, hints in r[col].lines for line in text.splitlines() if line.strip()]
        if len(styles) == len(flat):
            for para, hints in zip(flat, styles):
                para.style = hints
        return flat

    # ---- notes ----------------------------------------------------------------------------

    def notes_blocks(self) -> list[Block]:
        out: list[Block] = []
        for kind, ids, tag in (("footnotes", self.notes.footnotes, self.T.footnote),
                               ("endnotes", self.notes.endnotes, self.T.endnote)):
            if not ids:
                continue
            part = self.pkg.related(self.pkg.main, "/" + kind)
            if part is None:
                continue
            by_id = {el.get(self.T.id): el for el in self.pkg.xml(part).iterchildren(tag)}
            self.page.active = False
            for number, nid in enumerate(dict.fromkeys(ids), 1):
                el = by_id.get(nid)
                if el is None:
                    continue
                inner: list[Block] = []
                self.blocks(el, "footnote", inner)
                first = True
                for b in inner:
                    if isinstance(b, Paragraph):
                        b.text = b.text.strip() if first else b.text
                        if not b.text and not b.list_label:
                            continue
                        if first and b.list_label is None:
                            b.list_label = str(number) if kind == "footnotes" else _roman_lower(number)
                        first = False
                    out.append(b)
        return out


def _roman_lower(n: int) -> str:
    from .numbering import to_roman

    return to_roman(n).lower()


def _is_document_text(blocks: list[Block]) -> bool:
    """Text-box content that belongs to the document, not a stamp or a diagram label.

    Some offices draw the letterhead ("ỦY BAN NHÂN DÂN ... Số: 12/KH-UBND") or the
    signature block in text boxes; those carry the same markers as layout tables. Long
    text (a boxed note, a whole body typed in a frame) is content too. "DỰ THẢO" stamps
    and org-chart labels are short and marker-free: they keep the "textbox" zone.
    """
    lines = [line for line, _ in _cell_lines(blocks)]
    text = "\n".join(lines)
    if not text.strip():
        return False
    return len(text) >= _TEXTBOX_BODY_CHARS or is_layout_table([[Cell(text)]])


def _is_running_text(cell: _CellData) -> bool:
    """Several lines of prose, not a table heading or a short group row."""
    return len(cell.lines) >= _TEXT_ROW_MIN_LINES and sum(len(t) for t, _ in cell.lines) >= _TEXT_ROW_MIN_CHARS


def _int_attr(el: etree._Element, attr: str, default: int) -> int:
    try:
        return int(el.get(attr) or "")
    except ValueError:
        return default


def _cell_lines(blocks: list[Block]) -> list[tuple[str, StyleHints]]:
    """A cell's visible lines: paragraphs with their label; nested tables row by row."""
    lines: list[tuple[str, StyleHints]] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            text = f"{b.list_label} {b.text}" if b.list_label else b.text
            if text.strip():
                lines.append((text, b.style))
        else:
            for row in b.rows:
                line = _NESTED_CELL_SEPARATOR.join(c.text.replace("\n", " ").strip() for c in row if c.text.strip())
                if line:
                    lines.append((line, StyleHints()))
    return lines


def _hints(stats: RunStats, para: ParaProps, base_run: RunProps, style_name: str | None, heading: int | None,
           indent: float | None) -> StyleHints:
    if stats.chars:
        half = stats.chars / 2
        bold, italic, caps = stats.bold > half, stats.italic > half, stats.caps > half
        size = stats.sizes.most_common(1)[0][0] if stats.sizes else None
    else:
        bold, italic, caps, size = bool(base_run.bold), bool(base_run.italic), bool(base_run.caps), base_run.size
    return StyleHints(bold=bold, italic=italic, all_caps=caps, align=_ALIGN.get(para.align or "", None),
                      font_size=size, style_name=style_name, heading_level=heading, indent=indent)


def read_docx(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for .docx bytes (see the module docstring for what is read)."""
    pkg = DocxPackage(data, name, run.limits)
    reader = _Reader(pkg)
    try:
        blocks = reader.body()
        blocks.extend(reader.notes_blocks())
    except RecursionError:  # tables/content controls nested beyond any real document
        raise CorruptDocument("the document nests tables or controls too deeply to read", path=name) from None
    pages = reader.max_page if reader.page.rendered else (pkg.app_pages() or reader.max_page)
    raw = RawDocument(blocks, format="docx", reader="docx", pages=pages)
    raw.warnings.extend(dict.fromkeys(reader.warnings))
    return raw
