"""Stage 6 — tag: referenced documents, agencies and deadlines.

Only the title block, the body and the attachments are searched: the signature block,
"Nơi nhận" and a portal's trailer are not the document's content (their mentions would be
noise for a tracking system). Word footnotes are searched for references only (they cite
sources). The result is a :class:`Tags` value; the tasks stage reads it, and the assemble
step turns it into the output model.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..header.zones import Zones
from ..lex import Lexed
from ..lexicon.citations import PORTAL_NOTE
from ..model import Metadata
from ..outline import Outline
from .agencies import AgencyMatcher, AgencyMention, province_of
from .context import in_purpose_clause, in_ranges, review_ranges
from .deadlines import DeadlineMention, find_deadlines
from .references import ReferenceFinder, RefMention
from .tables import schedule_deadlines

__all__ = ["Tags", "tag_document", "AgencyMatcher", "AgencyMention", "DeadlineMention", "RefMention"]


@dataclass(frozen=True, slots=True)
class Tags:
    """What the taggers found, in text order within each list."""

    references: list[RefMention]
    agencies: list[AgencyMention]
    #: deadlines outside looking-back sections and purpose clauses
    deadlines: list[DeadlineMention]
    #: spans of the looking-back sections (no tasks there)
    review: list[tuple[int, int]]
    #: the matcher, set up for the issuing province (task tables name bodies in their cells)
    matcher: AgencyMatcher
    #: the year a date printed without one refers to
    year: int | None


def tag_document(lexed: Lexed, zones: Zones, metadata: Metadata, outline: Outline, year: int | None) -> Tags:
    """Run every tagger over the searched ranges of the document."""
    text, lines = lexed.text, lexed.lines
    matcher = AgencyMatcher(province_of(metadata.issuer, metadata.issuer_parent))
    ranges = zones.searched_ranges(lines)
    notes = [(m.start(), m.end()) for lo, hi in ranges for m in PORTAL_NOTE.finditer(text, lo, hi)]
    if notes:  # a portal's notes are not the document's: search around them
        ranges = _without(ranges, notes)
    agencies = [a for lo, hi in ranges for a in matcher.find(text, lo, hi)]
    finder = ReferenceFinder(metadata.symbol, matcher, known=agencies)
    footnotes = [(ln.start, ln.end) for ln in lines if ln.zone == "footnote"]
    references = [r for lo, hi in ranges + footnotes for r in finder.find(text, lo, hi)]
    review = review_ranges(p.sections for p in outline.parts)
    deadlines = [d for lo, hi in ranges for d in find_deadlines(text, lo, hi, year)
                 if not in_ranges(d.start, review) and not in_purpose_clause(text, d.start)]
    # a schedule table's time column ("Tháng 3/2026" for each unit inspected): deadlines of no task
    scheduled = [d for t in lexed.tables if any(lo <= t.start < hi for lo, hi in ranges)
                 for d in schedule_deadlines(t, text, year) if not in_ranges(d.start, review)]
    if scheduled:
        taken = {d.start for d in deadlines}
        deadlines = sorted(deadlines + [d for d in scheduled if d.start not in taken], key=lambda d: d.start)
    return Tags(references, agencies, deadlines, review, matcher, year)


def _without(ranges: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` with the ``holes`` cut out (both sorted, holes inside ranges)."""
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        pos = lo
        for a, b in holes:
            if lo <= a < hi:
                if a > pos:
                    out.append((pos, a))
                pos = max(pos, b)
        if pos < hi:
            out.append((pos, hi))
    return out
