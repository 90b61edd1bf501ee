"""Task rows as CSV and JSON Lines text.

CSV starts with a UTF-8 byte order mark when written to a file: without it Excel reads a
UTF-8 CSV as the local ANSI code page and mangles Vietnamese. Document text is untrusted, and a
spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula; CSV has no
way to mark a cell as text, so such cells get a leading apostrophe (the usual defence against
CSV injection). JSON Lines and XLSX carry the values unchanged (XLSX types the cells as text).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

from .rows import COLUMNS

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = Mapping[str, object]


def csv_cell(value: object) -> str:
    """A value as a CSV cell: None is empty, text that a spreadsheet would evaluate is defused."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START) and not _inert(text):
        return "'" + text
    return text


def _inert(text: str) -> bool:
    """A bullet label ("-", "+") or a plain number: nothing a spreadsheet could run."""
    if text.strip(" -+") == "":
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True


def rows_to_csv(rows: Iterable[Row], *, bom: bool = True) -> str:
    """CSV with a header row of :data:`COLUMNS` (RFC 4180: CRLF line ends, quoted as needed)."""
    buf = io.StringIO()
    if bom:
        buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row.get(col)) for col in COLUMNS])
    return buf.getvalue()


def rows_to_jsonl(rows: Iterable[Row]) -> str:
    """One JSON object per line, keys in :data:`COLUMNS` order, UTF-8 text unescaped."""
    return "".join(json.dumps({col: row.get(col) for col in COLUMNS}, ensure_ascii=False) + "\n" for row in rows)
