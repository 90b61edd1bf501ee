"""Stage 7 — tasks: from outline units (:mod:`.assign`) and from task tables (:mod:`.tables`).

Reads the outline and the tags; returns :class:`TaskDraft` values in document order (the
units of the main document and of each attachment, then the rows of task tables).
"""
from __future__ import annotations

from ..header.zones import Part, Zones
from ..lex import Lexed
from ..lexicon.assignment import IMPLEMENTS_DOCUMENT
from ..lexicon.doc_types import charter_type_names, reporting_type_names
from ..lexicon.names import normal_case_phrase
from ..model import Metadata
from ..outline import Outline
from ..tag import Tags
from .assign import TaskDraft, TaskFinder
from .tables import table_tasks

__all__ = ["TaskDraft", "find_tasks"]


def find_tasks(lexed: Lexed, zones: Zones, outline: Outline, tags: Tags, metadata: Metadata) -> list[TaskDraft]:
    """The tasks of the document. A document that reports or proposes to its recipient (a Báo
    cáo, a Tờ trình: ``doc_types.tsv``, role ``report``) assigns no work of its own; a plan it
    carries as an attachment still does."""
    finder = TaskFinder(lexed.text, tags.agencies, tags.deadlines, metadata.issuer, skip=tags.review)
    drafts: list[TaskDraft] = []
    reporting = metadata.doc_type in reporting_type_names()
    types = [metadata.doc_type] + [_part_type(lexed, part) for part in zones.attachments]
    for part, doc_type in zip(outline.parts, types):
        if doc_type is None or doc_type not in reporting_type_names():
            found = finder.from_tree(part.sections, part.preamble)
            if doc_type in charter_type_names():
                # a charter's articles are the body's standing mandate: only the clause that
                # assigns carrying the charter out is work to track
                found = [d for d in found if IMPLEMENTS_DOCUMENT.search(lexed.text, d.start, d.end)]
            drafts.extend(found)
    attached_from = lexed.lines[zones.attachments[0].header.start].start if zones.attachments else len(lexed.text)
    for table in lexed.tables:
        if reporting and table.start < attached_from:
            continue  # a report's tables account for work done
        section_id = outline.index.section_at(table.start)
        drafts.extend(table_tasks(table, section_id, lexed.text, tags.matcher, tags.year))
    return drafts


def _part_type(lexed: Lexed, part: Part) -> str | None:
    """The type an attachment's title block opens with ("ĐIỀU LỆ ..." -> "Điều lệ")."""
    if not part.header:
        return None
    tl = lexed.lines[part.header.start].type_line
    return normal_case_phrase(tl.type).capitalize() if tl is not None else None
