"""Stage 7 — tasks: from outline units (:mod:`.assign`) and from task tables (:mod:`.tables`).

Reads the outline and the tags; returns :class:`TaskDraft` values in document order (the
units of the main document and of each attachment, then the rows of task tables).
"""
from __future__ import annotations

from ..lex import Lexed
from ..outline import Outline
from ..tag import Tags
from .assign import TaskDraft, TaskFinder
from .tables import table_tasks

__all__ = ["TaskDraft", "find_tasks"]


def find_tasks(lexed: Lexed, outline: Outline, tags: Tags, issuer: str | None) -> list[TaskDraft]:
    finder = TaskFinder(lexed.text, tags.agencies, tags.deadlines, issuer, skip=tags.review)
    drafts: list[TaskDraft] = []
    for part in outline.parts:
        drafts.extend(finder.from_tree(part.sections, part.preamble))
    for table in lexed.tables:
        section_id = outline.index.section_at(table.start)
        drafts.extend(table_tasks(table, section_id, lexed.text, tags.matcher, tags.year))
    return drafts
