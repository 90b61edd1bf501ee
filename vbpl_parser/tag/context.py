"""Where time phrases and named bodies are context, not assignments.

Reports and conclusion notices first look back ("I. Đánh giá chung", "I. KẾT QUẢ THỰC
HIỆN NĂM 2025"): dates and actors there describe what happened, not work to track. Purpose
clauses ("Để đẩy nhanh tiến độ ... trong tháng 4/2026, UBND tỉnh yêu cầu ...") state aims.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..lexicon.assignment import FORWARD, PURPOSE_MAIN_CLAUSE, PURPOSE_START, REVIEW_TITLE
from ..model import Section


def is_review_section(s: Section) -> bool:
    """A top-level looking-back section: "Đánh giá chung", "KẾT QUẢ THỰC HIỆN"."""
    if s.kind not in ("roman", "upper_letter", "phan", "chuong", "arabic"):
        return False
    heading = (s.title or s.text.split("\n", 1)[0]).strip()
    return bool(REVIEW_TITLE.match(heading)) and not FORWARD.search(heading)


def review_ranges(trees: Iterable[list[Section]]) -> list[tuple[int, int]]:
    """Spans of the looking-back sections of the given section trees."""
    out = []

    def walk(nodes: list[Section]) -> None:
        for n in nodes:
            if is_review_section(n):
                out.append((n.start, n.end))
            else:
                walk(n.children)

    for tree in trees:
        walk(tree)
    return out


#: look-back bound: no sentence is this long, and scanning to the start of a line of
#: megabytes for each of thousands of candidates made tagging quadratic
MAX_SENTENCE_CHARS = 5000


def in_purpose_clause(text: str, pos: int) -> bool:
    """Is ``pos`` inside a sentence that opens with "Để"/"Nhằm" and has not reached its main clause?"""
    lo = max(0, pos - MAX_SENTENCE_CHARS)
    newline = text.rfind("\n", lo, pos)
    line_start = newline + 1 if newline != -1 else lo
    dot = text.rfind(". ", line_start, pos)
    sentence_start = dot + 2 if dot != -1 else line_start
    if sentence_start == lo and lo > 0:
        return False  # its start is out of reach: not a purpose clause
    if not PURPOSE_START.match(text, sentence_start):
        return False
    # the main clause starts after the subject: "..., UBND tỉnh yêu cầu"; a date after it is real
    main = PURPOSE_MAIN_CLAUSE.search(text[sentence_start:pos])
    return main is None


def in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)
