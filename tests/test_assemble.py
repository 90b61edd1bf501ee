"""The assemble stage: the output model built once, every item placed and pointing into the text."""
from __future__ import annotations

import pytest

import vbpl_parser
from vbpl_parser.verify import item_problems, outline_problems

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def plan():
    return vbpl_parser.parse(FIXTURES / "docx" / "ld-kh-tuyentruyen-cchc-2026.docx")


def test_every_item_points_into_the_text_and_its_section(plan):
    for item in [*plan.references, *plan.agencies, *plan.deadlines, *plan.tasks]:
        assert plan.text[item.start:item.end] == item.text
        if item.section_id is not None:
            section = next(s for s in plan.iter_sections() if s.id == item.section_id)
            assert section.start <= item.start < section.end
    assert outline_problems(plan) == [] and item_problems(plan) == []


def test_task_ids_run_in_order_and_table_rows_keep_their_table(plan):
    assert [t.id for t in plan.tasks] == [f"T{k}" for k in range(1, len(plan.tasks) + 1)]
    rows = [t for t in plan.tasks if t.table_row]
    assert rows and {t.table_row.table for t in rows} == {1, 2}
    for t in rows:
        table = plan.tables[t.table_row.table - 1]
        assert t.section_id == table.section_id and table.start <= t.start < table.end


def test_deadlines_sorted_and_tables_placed(plan):
    starts = [d.start for d in plan.deadlines]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for table in plan.tables:
        assert table.section_id is not None and plan.text[table.start:table.end].startswith(table.rows[0][0].text)


def test_warnings_keep_their_stage_codes():
    doc = vbpl_parser.parse_text("KẾ HOẠCH\nI. MỤC TIÊU\n1. Một việc\n2. Hai việc\n1. Lại một việc")
    assert {w.code for w in doc.warnings} <= {"reader", "clean", "outline"}
    assert any(w.code == "outline" and "restarts" in w.message for w in doc.warnings)
