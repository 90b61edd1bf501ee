"""Tasks from task tables: STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian hoàn thành.

Plans often list their tasks as a table instead of numbered paragraphs. A table is a task
table when a header row names a task column and a lead column; each later row with a task
and a lead is one task, keyed by its STT cell (``table_row = {table, key}``).
"""
from __future__ import annotations

from ..lex import CellSpan, LexTable
from ..lexicon.assignment import CELL_LIST_SPLIT, COLUMN_NUMBER, SPACES, TABLE_COLUMNS
from ..lexicon.deadlines import CELL_ONGOING, CELL_PERIOD
from ..tag.agencies import AgencyMatcher
from ..tag.deadlines import DeadlineMention, find_deadlines
from .assign import TaskDraft


def _header_columns(row_texts: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(row_texts):
        low = SPACES.sub(" ", cell.lower()).strip()
        if not low:
            continue
        if "key" not in cols and TABLE_COLUMNS["key"].match(low):
            cols["key"] = i
        elif "support" not in cols and TABLE_COLUMNS["support"].search(low) and "chủ trì" not in low:
            cols["support"] = i
        elif "lead" not in cols and TABLE_COLUMNS["lead"].search(low) and "thời" not in low:
            cols["lead"] = i
        elif "time" not in cols and TABLE_COLUMNS["time"].search(low):
            cols["time"] = i
        elif "task" not in cols and TABLE_COLUMNS["task"].search(low):
            cols["task"] = i
    return cols


def table_tasks(table: LexTable, section_id: str | None, text: str, agencies: AgencyMatcher,
                doc_year: int | None) -> list[TaskDraft]:
    """Tasks of one table (placed in ``section_id``), or [] when it is not a task table."""
    header_row = None
    cols: dict[str, int] = {}
    for r, row in enumerate(table.rows[:3]):
        c = _header_columns([cell.text for cell in row])
        if "task" in c and "lead" in c:
            header_row, cols = r, c
            break
    if header_row is None:
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
        deadline = _cell_deadline(row[cols["time"]], text, doc_year) if "time" in cols else None
        out.append(TaskDraft(section_id, row[0].start, row[-1].end, lead, support, deadline,
                             (table.index + 1, key or str(r - header_row))))
    return out


def _names(cell: CellSpan, text: str, agencies: AgencyMatcher) -> list[str]:
    mentions = agencies.find(text, cell.start, cell.end)
    if mentions:
        return [m.written for m in mentions]
    parts = [p.strip(" -+.") for p in CELL_LIST_SPLIT.split(cell.text) if p.strip(" -+.")]
    return parts


def _cell_deadline(cell: CellSpan, text: str, doc_year: int | None) -> DeadlineMention | None:
    found = find_deadlines(text, cell.start, cell.end, doc_year)
    if found:
        return found[-1]
    raw = cell.text.strip()
    if not raw:
        return None
    # the column itself says it is a time limit: "Quý II", "Tháng 6/2026", "Năm 2026", "Thường xuyên"
    probe = "trong " + raw[0].lower() + raw[1:]
    if CELL_PERIOD.match(raw):
        found = find_deadlines(probe, 0, len(probe), doc_year)
        if found:
            d = found[-1]
            return DeadlineMention(cell.start, cell.end, raw, d.date, d.kind, d.recurrence)
    if raw.lower().startswith(CELL_ONGOING):
        ongoing = "thường" in raw.lower() or "liên" in raw.lower()
        return DeadlineMention(cell.start, cell.end, raw, None, "ongoing" if ongoing else "recurring")
    return None
