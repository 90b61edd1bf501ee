"""The tasks stage (7) on its own: drafts from outline units and task tables, given the tags."""
from __future__ import annotations

import pytest

from vbpl_parser.clean import clean
from vbpl_parser.header.fields import document_year, extract_metadata
from vbpl_parser.header.zones import find_zones
from vbpl_parser.lex import lex
from vbpl_parser.outline import outline_document
from vbpl_parser.read import read_bytes
from vbpl_parser.tag import tag_document
from vbpl_parser.tasks import find_tasks

from .conftest import FIXTURES


def _stages(name: str):
    path = FIXTURES / name
    lexed = lex(clean(read_bytes(path.read_bytes(), path.name)))
    zones = find_zones(lexed.lines)
    meta = extract_metadata(lexed.lines, zones)
    outline = outline_document(lexed.text, lexed.lines, zones)
    tags = tag_document(lexed, zones, meta, outline, document_year(meta, lexed.lines, zones))
    return lexed, outline, tags, find_tasks(lexed, zones, outline, tags, meta)


@pytest.fixture(scope="module")
def caotoc():
    return _stages("docx/ld-tb-ketluan-caotoc.docx")


def test_a_heading_naming_the_investor_assigns_its_points(caotoc):
    _, _, _, drafts = caotoc
    under = [d for d in drafts if d.section_id and d.section_id.startswith("II.1.")]
    assert [d.section_id for d in under][:3] == ["II.1.a", "II.1.b", "II.1.c"]
    assert all(d.lead and d.lead[0].startswith("Nhà đầu tư") for d in under)
    b = under[1]
    assert b.support[:2] == ["Ban Quản lý dự án đầu tư xây dựng số 1", "Trung tâm Phát triển quỹ đất tỉnh"]
    assert b.deadline is not None and (b.deadline.text, b.deadline.date) == ("trong tháng 4/2026", "2026-04-30")


def test_nothing_is_tasked_in_the_look_back(caotoc):
    lexed, outline, tags, drafts = caotoc
    (lo, hi), = tags.review
    assert lexed.text[lo:].startswith("I. Đánh giá chung")
    assert not any(lo <= d.start < hi for d in drafts)
    assert not any(lo <= d.start < hi for d in tags.deadlines)


def test_every_draft_points_into_the_text_in_order(caotoc):
    lexed, outline, _, drafts = caotoc
    for d in drafts:
        assert 0 <= d.start < d.end <= len(lexed.text) and lexed.text[d.start:d.end].strip()
        assert d.section_id is None or outline.index.section_at(d.start) is not None


def test_task_table_rows_become_drafts_with_their_key():
    lexed, outline, _, drafts = _stages("docx/ld-kh-tuyentruyen-cchc-2026.docx")
    rows = [d for d in drafts if d.table_row]
    assert [d.table_row for d in rows[:3]] == [(1, "1"), (1, "2"), (1, "3")]
    assert rows[0].lead == ["Sở Công Thương"] and rows[2].lead == ["Công an tỉnh"]
    assert {d.table_row[0] for d in rows} == {1, 2}
    first_cell = lexed.tables[0].rows[1][0]
    assert rows[0].start == first_cell.start  # the row's span starts at its first cell
    assert drafts.index(rows[0]) > max(i for i, d in enumerate(drafts) if not d.table_row)  # units first
