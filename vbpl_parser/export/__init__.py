"""Tasks as rows for tracking systems (``vbpl-parser tasks``): CSV, XLSX, JSON Lines.

>>> from vbpl_parser.export import task_rows, rows_to_csv
>>> rows = task_rows(vbpl_parser.parse("kh.txt"))      # one flat dict per task
>>> open("tasks.csv", "w", encoding="utf-8").write(rows_to_csv(rows))
"""
from __future__ import annotations

from .files import load_document, write_bytes_atomic
from .rows import COLUMNS, DATE_COLUMNS, NAME_SEPARATOR, SectionPlace, section_places, task_rows
from .tabular import rows_to_csv, rows_to_jsonl
from .xlsx import rows_to_xlsx

FORMATS = ("csv", "xlsx", "jsonl")

__all__ = [
    "COLUMNS", "DATE_COLUMNS", "NAME_SEPARATOR", "FORMATS", "SectionPlace", "section_places", "task_rows",
    "rows_to_csv", "rows_to_jsonl", "rows_to_xlsx", "load_document", "write_bytes_atomic",
]
