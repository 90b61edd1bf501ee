"""Reading tables: which column holds what, and a time-limit cell as a deadline.

Shared by the deadline tagger (a schedule table's time column: "Tháng 3/2026" per unit inspected)
and the tasks stage (a task table: STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian).
"""
from __future__ import annotations

from ..lex import CellSpan, LexTable
from ..lexicon.assignment import SPACES, TABLE_COLUMNS
from ..lexicon.deadlines import CELL_ONGOING, CELL_PERIOD
from .deadlines import DeadlineMention, find_deadlines


def _row_columns(row_texts: list[str]) -> dict[str, int]:
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


def header_columns(table: LexTable) -> tuple[int | None, dict[str, int]]:
    """(header row, column of each role: key, task, lead, support, time) of a table whose
    header (in its first three rows) names a task column and a lead column, or a time column;
    (None, {}) otherwise."""
    found = [(r, _row_columns([cell.text for cell in row])) for r, row in enumerate(table.rows[:3])]
    for r, cols in found:
        if "task" in cols and "lead" in cols:
            return r, cols
    for r, cols in found:
        if "time" in cols:
            return r, cols
    return None, {}


def schedule_deadlines(table: LexTable, text: str, doc_year: int | None) -> list[DeadlineMention]:
    """The time-column cells of a table that is not a task table (a schedule of inspections,
    a plan of activities without a lead column): deadlines attached to no task."""
    header_row, cols = header_columns(table)
    if header_row is None or "time" not in cols or ("task" in cols and "lead" in cols):
        return []
    out = []
    for row in table.rows[header_row + 1:]:
        if cols["time"] < len(row):
            found = cell_deadline(row[cols["time"]], text, doc_year)
            if found is not None:
                out.append(found)
    return out


def cell_deadline(cell: CellSpan, text: str, doc_year: int | None) -> DeadlineMention | None:
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
