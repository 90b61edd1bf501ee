"""The document text as nested HTML: one ``<section>`` per outline unit, tables as tables.

The walk keeps a single cursor into ``Document.text`` that only moves forward: every range is
clamped to start at the cursor, so no character is shown twice and none is skipped, even when
a reader or the outline produced overlapping or out-of-order offsets. Text between units (the
letterhead, the signature block, separators) is shown as it is; whitespace-only gaps are kept
as plain whitespace so the page's text still lines up with ``Document.text``.
"""
from __future__ import annotations

from bisect import bisect_left

from ..model import Attachment, Document, Section, Table
from .escape import esc
from .marks import AnchorIndex, MarkIndex, render_run


def section_dom_id(section_id: str) -> str:
    """The HTML id of a section's element (prefixed so it cannot clash with page ids)."""
    return f"s-{section_id}"


class BodyRenderer:
    """Renders ``doc.text`` with its outline, tables, highlights and anchors."""

    def __init__(self, doc: Document, marks: MarkIndex, anchors: AnchorIndex) -> None:
        self.doc = doc
        self.text = doc.text
        self.marks = marks
        self.anchors = anchors
        self.tables = sorted(doc.tables, key=lambda t: t.start)
        self._table_starts = [t.start for t in self.tables]
        self.pos = 0
        self.out: list[str] = []

    def render(self) -> str:
        top: list[tuple[int, Section | tuple[int, Attachment]]] = []
        if self.doc.preamble is not None:
            top.append((self.doc.preamble.start, self.doc.preamble))
        top += [(s.start, s) for s in self.doc.sections]
        top += [(a.start, (i, a)) for i, a in enumerate(self.doc.attachments, 1)]
        top.sort(key=lambda item: item[0])
        n = len(self.text)
        for _, item in top:
            if isinstance(item, Section):
                self._section(item, n)
            else:
                self._attachment(*item)
        self._gap_to(n)
        # an anchor at the very end of the text (or past it) still needs a target
        self.out.extend(h for _, h in self.anchors.take(n, 1 << 62))
        return "".join(self.out)

    # -- structure -------------------------------------------------------------------------

    def _section(self, sec: Section, hi: int) -> None:
        start = max(sec.start, self.pos)
        end = max(start, min(sec.end, hi))
        self._gap_to(start)
        kids = sorted(sec.children, key=lambda c: c.start)
        own_end = min(max(sec.text_end, start), end)
        if kids:
            own_end = min(own_end, max(kids[0].start, start))
        label_end = min(max(sec.text_start, start), own_end)
        cls = f"sec k-{sec.kind}"
        self.out.append(f'<section class="{esc(cls)}" id="{esc(section_dom_id(sec.id))}" tabindex="-1">')
        self.out.append('<div class="own">')
        if label_end > start:
            self.out.append(f'<span class="lbl">{self._run(start, label_end)}</span>')
        title_end = self._title_end(sec, label_end, own_end)
        if title_end > label_end:
            self.out.append(f'<span class="ttl">{self._run(label_end, title_end)}</span>')
        self.out.append(self._run(title_end, own_end))
        self.out.append("</div>")
        self.pos = own_end
        for kid in kids:
            self._section(kid, end)
        self._gap_to(end)
        self.out.append("</section>")

    def _title_end(self, sec: Section, a: int, b: int) -> int:
        """Where the heading ends in the own text ``[a, b)`` ("Điều 1. Phạm vi điều chỉnh\nLuật này
        quy định ..." has a title and then body text), or ``a`` when the unit has no title."""
        if not sec.title:
            return a
        i = self.text.find(sec.title, a, b)
        if i == a or (i > a and self.text[a:i].isspace()):
            return i + len(sec.title)
        own = self.text[a:b]
        return b if own.split() == sec.title.split() else a

    def _attachment(self, index: int, att: Attachment) -> None:
        start = max(att.start, self.pos)
        end = max(start, min(att.end, len(self.text)))
        self._gap_to(start)
        title = att.title or att.doc_type or "Phụ lục"
        self.out.append(f'<div class="att" id="att-{index}" data-title="{esc(f"Văn bản kèm theo {index}: {title}")}">')
        parts: list[Section] = ([att.preamble] if att.preamble is not None else []) + list(att.sections)
        for sec in sorted(parts, key=lambda s: s.start):
            self._section(sec, end)
        self._gap_to(end)
        self.out.append("</div>")

    def _gap_to(self, x: int) -> None:
        """Show ``text[pos:x]`` (text outside any unit's own text) and move the cursor to ``x``."""
        if x <= self.pos:
            return
        a, self.pos = self.pos, x
        chunk = self.text[a:x]
        if chunk.isspace() and not self.anchors.take(a, x) and not self.marks.overlapping(a, x):
            self.out.append(esc(chunk))
            return
        self.out.append(f'<div class="gap">{self._run(a, x)}</div>')

    # -- text with tables ------------------------------------------------------------------

    def _run(self, a: int, b: int) -> str:
        """``text[a:b]`` with highlights; tables lying wholly inside the range become tables."""
        if b <= a:
            return ""
        parts: list[str] = []
        i = bisect_left(self._table_starts, a)
        cur = a
        while i < len(self.tables) and self.tables[i].start < b:
            table = self.tables[i]
            i += 1
            if table.start < cur or table.end > b or not table.rows:
                continue  # crosses a unit boundary: leave it as text
            parts.append(self._text(cur, table.start))
            parts.append(self._table(table))
            cur = table.end
        parts.append(self._text(cur, b))
        return "".join(parts)

    def _text(self, a: int, b: int) -> str:
        if b <= a:
            return ""
        return render_run(self.text, a, b, self.marks, self.anchors.take(a, b))

    def _table(self, table: Table) -> str:
        out = [f'<div class="tbl"><table id="tbl-{table.index}" data-s="{table.start}" data-e="{table.end}">']
        prev = table.start  # anchors in the separators before a cell go into that cell
        for r, row in enumerate(table.rows):
            cell_tag = "th" if r == 0 and len(table.rows) > 1 else "td"
            out.append("<tr>")
            for cell in row:
                start = max(cell.start, prev)
                end = max(start, min(cell.end, table.end))
                anchors = self.anchors.take(prev, end)
                body = render_run(self.text, start, end, self.marks, anchors) if end > start or anchors else ""
                out.append(f"<{cell_tag}>{body}</{cell_tag}>")
                prev = end
            out.append("</tr>")
        out.append("</table></div>")
        rest = self.anchors.take(prev, table.end)
        out.extend(h for _, h in rest)
        return "".join(out)
