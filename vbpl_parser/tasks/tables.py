"""Tasks from task tables: STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian hoàn thành.

Plans often list their tasks as a table instead of numbered paragraphs. A table is a task
table when a header row names a task column and a lead column; each later row with a task
and a lead is one task, keyed by its STT cell (``table_row = {table, key}``).
"""
from __future__ import annotations

from ..lex import CellSpan, LexTable
from ..lexicon.assignment import CELL_LIST_SPLIT, COLUMN_NUMBER
from ..tag.agencies import AgencyMatcher
from ..tag.tables import cell_deadline, header_columns
from .assign import TaskDraft


def table_tasks(table: LexTable, section_id: str | None, text: str, agencies: AgencyMatcher,
                doc_year: int | None) -> list[TaskDraft]:
    """Tasks of one table (placed in ``section_id``), or [] when it is not a task table."""
    header_row, cols = header_columns(table)
    if header_row is None or "task" not in cols or "lead" not in cols:
        return []
    out = []
    for r, row in enumerate(table.rows[header_row + 1:], header_row + 1):
        if max(cols.values()) >= len(row):
            continue
        task_cell, lead_cell = row[cols["task"]], row[cols["lead"]]
        if not task_cell.text.strip() or not lead_cell.text.strip():
            continue
        if COLUMN_NUMBER.fullmatch(task_cell.text.strip()):
            continue  # the "(1) (2) (3)" column-number row under a header
        key = row[cols["key"]].text.strip() if "key" in cols else str(r - header_row)
        lead = _names(lead_cell, text, agencies)
        support = _names(row[cols["support"]], text, agencies) if "support" in cols else []
        deadline = cell_deadline(row[cols["time"]], text, doc_year) if "time" in cols else None
        out.append(TaskDraft(section_id, row[0].start, row[-1].end, lead, support, deadline,
                             (table.index + 1, key or str(r - header_row))))
    return out


def _names(cell: CellSpan, text: str, agencies: AgencyMatcher) -> list[str]:
    mentions = agencies.find(text, cell.start, cell.end)
    if mentions:
        return [m.written for m in mentions]
    parts = [p.strip(" -+.") for p in CELL_LIST_SPLIT.split(cell.text) if p.strip(" -+.")]
    return parts
