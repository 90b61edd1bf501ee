"""Highlights (agencies, deadlines, references) and point anchors laid over a range of text.

Items may nest (an agency inside a reference) or cross (two deadlines sharing words), and a
range being rendered may cut an item (a section boundary, a table cell). HTML needs properly
nested elements, so :func:`render_run` sweeps the range, keeps a stack of open ``<mark>``
elements ordered outermost first, and closes and reopens an element only where nesting
forces it. Every piece carries the item's own ``data-s``/``data-e`` offsets and its normalized
value in ``data-v``; a piece that is not the whole item also gets the class ``cut``, so a reader
(or a test) can still join them.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Document
from .escape import esc

#: kind code -> (CSS class, Vietnamese label shown in the legend and tooltips)
KINDS = {"a": ("m-a", "Cơ quan"), "d": ("m-d", "Thời hạn"), "r": ("m-r", "Văn bản dẫn chiếu")}
_KIND_RANK = {"r": 0, "a": 1, "d": 2}  # at the same span, a reference wraps an agency


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted item: its offsets, kind code and the normalized value shown on hover."""

    start: int
    end: int
    kind: str
    value: str

    @property
    def key(self) -> tuple[int, int, int]:
        """Nesting order: earlier start first, then the longer item (the outer one)."""
        return (self.start, -self.end, _KIND_RANK[self.kind])

    def open_tag(self, cut: bool) -> str:
        cls = KINDS[self.kind][0] + (" cut" if cut else "")
        return f'<mark class="{cls}" data-s="{self.start}" data-e="{self.end}" data-v="{esc(self.value)}">'


def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def document_marks(doc: Document) -> list[Mark]:
    """The highlights of ``doc``; ``value`` is the normalized value the output holds for the item.

    The kind's label ("Cơ quan → ") is added by the stylesheet, not repeated in every element.
    """
    marks: list[Mark] = []
    for a in doc.agencies:
        marks.append(Mark(a.start, a.end, "a", a.name + (" (nhóm)" if a.is_group else "")))
    for d in doc.deadlines:
        value = d.date or "không có ngày cụ thể"
        marks.append(Mark(d.start, d.end, "d", f"{value} ({_join(d.kind, d.recurrence)})"))
    for r in doc.references:
        marks.append(Mark(r.start, r.end, "r", _join(r.symbol, r.issuer, r.issue_date, r.doc_type) or r.text))
    n = len(doc.text)
    return sorted((m for m in marks if 0 <= m.start < m.end <= n), key=lambda m: m.key)


class MarkIndex:
    """Marks sorted by start, with a lookup of those overlapping a range."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: m.key)
        self._starts = [m.start for m in self.marks]
        self._longest = max((m.end - m.start for m in self.marks), default=0)

    def overlapping(self, a: int, b: int) -> list[Mark]:
        """Marks with ``start < b`` and ``end > a``, in nesting order."""
        lo = bisect_left(self._starts, a - self._longest)
        hi = bisect_left(self._starts, b)
        return [m for m in self.marks[lo:hi] if m.end > a]


@dataclass
class AnchorIndex:
    """Zero-width elements (task and warning anchors) to insert at text positions."""

    items: list[tuple[int, int, str]] = field(default_factory=list)  # (pos, seq, html)
    _sorted: bool = False

    def add(self, pos: int, html: str) -> None:
        self.items.append((pos, len(self.items), html))
        self._sorted = False

    def take(self, a: int, b: int) -> list[tuple[int, str]]:
        """Anchors with ``a <= pos < b`` in position order."""
        if not self._sorted:
            self.items.sort()
            self._sorted = True
        lo = bisect_left(self.items, (a, -1, ""))
        hi = bisect_left(self.items, (b, -1, ""))
        return [(p, h) for p, _, h in self.items[lo:hi]]


@dataclass
class _Piece:
    mark: Mark
    at: int          # where this piece opened
    token: int       # index of its opening tag in the output list


def render_run(text: str, a: int, b: int, marks: MarkIndex, anchors: Sequence[tuple[int, str]] = ()) -> str:
    """HTML for ``text[a:b]`` with the marks overlapping it and the given anchors.

    Anchors are ``(pos, html)`` with ``pos`` in ``[a, b)``; one placed before ``a`` is put at ``a``.
    """
    relevant = marks.overlapping(a, b)
    if not relevant and not anchors:
        return esc(text[a:b])
    points = {a, b}
    for m in relevant:
        points.add(max(a, m.start))
        points.add(min(b, m.end))
    anchor_at: dict[int, list[str]] = {}
    for pos, h in anchors:
        pos = min(max(pos, a), b)
        points.add(pos)
        anchor_at.setdefault(pos, []).append(h)
    out: list[str] = []
    stack: list[_Piece] = []
    bounds = sorted(points)
    active: list[Mark] = []
    nxt = 0  # relevant[nxt:] have not started yet; they start in key order, so appending keeps it
    for i, x in enumerate(bounds):
        active = [m for m in active if m.end > x]
        while nxt < len(relevant) and relevant[nxt].start <= x:
            if relevant[nxt].end > x:
                active.append(relevant[nxt])
            nxt += 1
        if x >= b:
            active = []
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep].mark is active[keep]:
            keep += 1
        for piece in reversed(stack[keep:]):
            _close(out, piece, x)
        del stack[keep:]
        out.extend(anchor_at.get(x, ()))
        for m in active[keep:]:
            stack.append(_Piece(m, x, len(out)))
            out.append("")  # filled in when the piece closes and we know whether it was cut
        if i + 1 < len(bounds):
            out.append(esc(text[x:bounds[i + 1]]))
    return "".join(out)


def _close(out: list[str], piece: _Piece, at: int) -> None:
    cut = piece.at > piece.mark.start or at < piece.mark.end
    out[piece.token] = piece.mark.open_tag(cut)
    out.append("</mark>")
