"""Task exports (``vbpl_parser.export``, ``vbpl-parser tasks``) on real documents.

The reference plan (tthue-kh-24-2024, 69 tasks) and a Lâm Đồng plan with task tables are
exported to CSV, XLSX and JSON Lines and read back; the values are checked against the parsed
document and against what the plan says.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import openpyxl
import pytest

import vbpl_parser
from vbpl_parser.cli import main
from vbpl_parser.export import (
    COLUMNS,
    load_document,
    rows_to_csv,
    rows_to_jsonl,
    rows_to_xlsx,
    section_places,
    task_rows,
)
from vbpl_parser.export.tabular import csv_cell

from .conftest import FIXTURES

PLAN = FIXTURES / "text" / "tthue-kh-24-2024.txt"
TABLE_PLAN = FIXTURES / "docx" / "ld-kh-tuyentruyen-cchc-2026.docx"


def _by_id(rows: list[dict], task_id: str) -> dict:
    return next(r for r in rows if r["task_id"] == task_id)


def _read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def _read_xlsx(data: bytes) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[dict]]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(ws.iter_rows(values_only=True))
    return ws, [dict(zip(values[0], row)) for row in values[1:]]


# -- rows --------------------------------------------------------------------------------------

def test_one_row_per_task_in_document_order(reference_plan):
    rows = task_rows(reference_plan)
    assert len(rows) == len(reference_plan.tasks) == 69
    assert [r["task_id"] for r in rows] == [t.id for t in reference_plan.tasks]
    assert all(list(r) == list(COLUMNS) for r in rows)
    assert {r["doc_symbol"] for r in rows} == {"24/KH-UBND"}
    assert {r["doc_issue_date"] for r in rows} == {"2024-01-19"}


def test_known_task_row(reference_plan):
    """T2: the second bullet under '2.1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với ...:'."""
    row = _by_id(task_rows(reference_plan, source_file="kh.txt"), "T2")
    assert row["section_path"] == "B > II > 2 > 2.1 > -#2"  # the gold files' path notation
    assert row["section_label"] == "-"
    assert row["section_title"].startswith("Sở Kế hoạch và Đầu tư chủ trì")
    assert row["task_text"].startswith("Theo dõi, đôn đốc, đánh giá tình hình phát triển kinh tế")
    assert row["lead"] == "Sở Kế hoạch và Đầu tư"
    assert row["support"] == "các sở, ban, ngành; địa phương"
    assert row["deadline_text"] == "hàng tháng, quý, 6 tháng và năm 2024"
    assert row["deadline_date"] is None and row["deadline_kind"] == "recurring"
    assert row["source_file"] == "kh.txt"
    assert reference_plan.text[row["start"]:row["end"]] == row["task_text"]


def test_section_paths_cover_every_unit(reference_plan):
    places = section_places(reference_plan)
    assert set(places) == {s.id for s in reference_plan.iter_sections()}
    assert places["B.II.2.1"].path == "B > II > 2 > 2.1"


def test_task_without_deadline_has_empty_deadline_columns(reference_plan):
    row = _by_id(task_rows(reference_plan), "T1")
    assert row["deadline_text"] is row["deadline_date"] is row["deadline_kind"] is None


# -- CSV ---------------------------------------------------------------------------------------

def test_csv_header_bom_and_values(reference_plan):
    text = rows_to_csv(task_rows(reference_plan))
    assert text.startswith("\ufeff" + ",".join(COLUMNS) + "\r\n")
    rows = _read_csv(text)
    assert len(rows) == len(reference_plan.tasks)
    t2 = _by_id(rows, "T2")
    assert (t2["lead"], t2["support"]) == ("Sở Kế hoạch và Đầu tư", "các sở, ban, ngành; địa phương")
    assert t2["deadline_text"] == "hàng tháng, quý, 6 tháng và năm 2024" and t2["deadline_date"] == ""
    assert t2["section_label"] == "-"  # a bare bullet label is not defused
    t64 = _by_id(rows, "T64")  # "1. Các Sở, ban, ngành, đơn vị và địa phương căn cứ Kế hoạch này ..."
    assert (t64["lead"], t64["support"]) == ("các Sở, ban, ngành, đơn vị; địa phương", "các cấp, ngành, địa phương liên quan")
    assert (t64["deadline_text"], t64["deadline_date"]) == ("trước ngày 30/01/2024", "2024-01-30")
    assert t64["section_path"] == "1"


def test_csv_defuses_formulas():
    assert csv_cell("=HYPERLINK(\"http://x\",\"y\")") == "'=HYPERLINK(\"http://x\",\"y\")"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("- Giao Sở Nội vụ") == "'- Giao Sở Nội vụ"
    assert csv_cell("-") == "-" and csv_cell("-5") == "-5" and csv_cell(None) == "" and csv_cell(7) == "7"


def test_dated_deadline_in_csv():
    doc = vbpl_parser.parse(TABLE_PLAN)
    dated = [t for t in doc.tasks if t.deadline and t.deadline.date]
    assert dated, "the table plan has dated deadlines"
    rows = _read_csv(rows_to_csv(task_rows(doc)))
    for task in dated:
        assert _by_id(rows, task.id)["deadline_date"] == task.deadline.date


# -- XLSX --------------------------------------------------------------------------------------

def test_xlsx_header_frozen_widths_and_values(reference_plan):
    ws, rows = _read_xlsx(rows_to_xlsx(task_rows(reference_plan)))
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:S{len(rows) + 1}"
    assert ws.column_dimensions["J"].width == 80  # task_text
    assert len(rows) == len(reference_plan.tasks)
    t2 = _by_id(rows, "T2")
    assert (t2["lead"], t2["support"]) == ("Sở Kế hoạch và Đầu tư", "các sở, ban, ngành; địa phương")
    assert t2["deadline_text"] == "hàng tháng, quý, 6 tháng và năm 2024" and t2["deadline_date"] is None
    assert t2["doc_issue_date"] == datetime(2024, 1, 19)  # a real date cell
    assert ws["C2"].number_format == "yyyy-mm-dd"
    assert t2["start"] == reference_plan.tasks[1].start  # offsets stay numbers
    t64 = _by_id(rows, "T64")
    assert t64["lead"] == "các Sở, ban, ngành, đơn vị; địa phương"
    assert (t64["deadline_text"], t64["deadline_date"]) == ("trước ngày 30/01/2024", datetime(2024, 1, 30))


def test_xlsx_deadline_dates_are_dates():
    doc = vbpl_parser.parse(TABLE_PLAN)
    _, rows = _read_xlsx(rows_to_xlsx(task_rows(doc)))
    for task in doc.tasks:
        got = _by_id(rows, task.id)["deadline_date"]
        want = task.deadline.date if task.deadline else None
        assert (got.date().isoformat() if got else None) == want


def test_xlsx_keeps_hostile_text_as_text(reference_plan):
    row = dict(task_rows(reference_plan)[0], task_text="=HYPERLINK(\"http://x\")\x01", lead="@cmd")
    ws, rows = _read_xlsx(rows_to_xlsx([row]))
    assert rows[0]["task_text"] == "=HYPERLINK(\"http://x\")\ufffd"  # unchanged but for the control char
    assert ws["J2"].data_type == "s" and ws["K2"].data_type == "s"


# -- JSON Lines --------------------------------------------------------------------------------

def test_jsonl(reference_plan):
    lines = rows_to_jsonl(task_rows(reference_plan)).splitlines()
    assert len(lines) == len(reference_plan.tasks)
    first = json.loads(lines[0])
    assert list(first) == list(COLUMNS)
    assert "Kế hoạch" in lines[0]  # UTF-8, not \u escapes
    assert json.loads(lines[1])["lead"] == "Sở Kế hoạch và Đầu tư"


# -- command line ------------------------------------------------------------------------------

def test_cli_several_inputs_one_bad(tmp_path, capsys):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "tasks.csv"
    status = main(["tasks", str(PLAN), str(broken), str(TABLE_PLAN), "-o", str(out)])
    assert status == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "broken.docx" in err[0]
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = _read_csv(data.decode("utf-8"))
    n_plan, n_table = len(vbpl_parser.parse(PLAN).tasks), len(vbpl_parser.parse(TABLE_PLAN).tasks)
    assert len(rows) == n_plan + n_table
    assert {r["source_file"] for r in rows} == {str(PLAN), str(TABLE_PLAN)}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


@pytest.mark.parametrize("fmt", ["xlsx", "jsonl"])
def test_cli_format_from_extension(tmp_path, fmt):
    out = tmp_path / f"t.{fmt}"
    assert main(["tasks", str(PLAN), "-o", str(out)]) == 0
    if fmt == "xlsx":
        ws, rows = _read_xlsx(out.read_bytes())
        assert ws.freeze_panes == "A2" and len(rows) == 69
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == 69


def test_cli_reads_parse_json_and_keeps_file_when_nothing_read(tmp_path, capsys):
    js = tmp_path / "kh.json"
    assert main(["parse", str(PLAN), "-o", str(tmp_path)]) == 0
    (tmp_path / "tthue-kh-24-2024.txt.json").rename(js)
    assert load_document(js).tasks == vbpl_parser.parse(PLAN).tasks
    out = tmp_path / "t.jsonl"
    assert main(["tasks", str(js), "-f", "jsonl", "-o", str(out)]) == 0
    before = out.read_bytes()
    assert json.loads(before.splitlines()[0])["source_file"] == str(PLAN)  # the document, not the JSON
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": 1}', encoding="utf-8")
    assert main(["tasks", str(bad), "-f", "jsonl", "-o", str(out)]) == 1
    assert "not a vbpl-parser JSON document" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_cli_stdout_and_xlsx_needs_file(capsys):
    assert main(["tasks", str(PLAN)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(",".join(COLUMNS))  # no BOM on a terminal or pipe
    assert main(["tasks", str(PLAN), "-f", "xlsx"]) == 2
