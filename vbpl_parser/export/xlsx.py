"""Task rows as an XLSX workbook (openpyxl).

openpyxl because it both writes and reads XLSX (the tests and users re-importing a sheet use the
same library), is pure Python, and is the long-maintained standard; XlsxWriter writes only.
The sheet has a bold header row, frozen panes below it, an autofilter, fixed column widths,
wrapped long text, and real dates in the date columns. Every text cell is typed as a string, so
a task text beginning with ``=`` stays text instead of becoming a formula.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date

from .rows import COLUMNS, DATE_COLUMNS
from .tabular import Row

#: column widths in characters (Excel's unit); unlisted columns get DEFAULT_WIDTH
WIDTHS = {
    "doc_symbol": 16, "doc_type": 12, "doc_issue_date": 12, "doc_issuer": 28,
    "task_id": 8, "section_id": 16, "section_path": 22, "section_label": 9, "section_title": 36,
    "task_text": 80, "lead": 32, "support": 40,
    "deadline_text": 28, "deadline_date": 12, "deadline_kind": 11, "deadline_recurrence": 12,
    "source_file": 30, "start": 8, "end": 8,
}
DEFAULT_WIDTH = 14
WRAPPED = frozenset({"doc_issuer", "section_title", "task_text", "lead", "support", "deadline_text"})
SHEET_TITLE = "Nhiệm vụ"
MAX_CELL = 32767  # Excel's limit on characters in a cell
# XML 1.0 cannot carry these; openpyxl refuses them
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    value = _ILLEGAL.sub("\ufffd", value)
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def _date(value: object) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def rows_to_xlsx(rows: Iterable[Row]) -> bytes:
    """The workbook as bytes (one sheet, header row first)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE3EA")
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for c, name in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=c, value=name)
        cell.font, cell.fill = head_font, head_fill
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(name, DEFAULT_WIDTH)
    r = 1
    for r, row in enumerate(rows, 2):
        for c, name in enumerate(COLUMNS, 1):
            value = row.get(name)
            cell = ws.cell(row=r, column=c)
            if value is None:
                continue
            when = _date(value) if name in DATE_COLUMNS else None
            if when is not None:
                cell.value = when
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = value
            else:
                cell.value = _text(str(value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = wrap if name in WRAPPED else top
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(r, 1)}"
    wb.properties.creator = "vbpl-parser"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
