"""Map a character offset to the section it sits in (for ``section_id`` of extracted items)."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from ..model import Section


class SectionIndex:
    """Deepest section whose label or own text contains an offset; None in the preamble or outside the body.

    Items in the preamble (the body before the first numbered unit) are document-level:
    their ``section_id`` is null, which is also how the scorer reads them.
    """

    def __init__(self, trees: Iterable[list[Section]]) -> None:
        """``trees``: the numbered sections of the main document and of each attachment."""
        spans: list[tuple[int, int, str]] = []

        def add(nodes: list[Section]) -> None:
            for n in nodes:
                spans.append((n.start, n.text_end if n.text_end > n.text_start else n.start + len(n.label), n.id))
                add(n.children)

        for tree in trees:
            add(tree)
        spans.sort()
        self._starts = [s for s, _, _ in spans]
        self._spans = spans

    def section_at(self, offset: int) -> str | None:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        start, end, sid = self._spans[i]
        return sid if start <= offset < max(end, start + 1) or offset == end else None
