"""The lex stage: each cleaned line classified once, read-only, with its table cells placed."""
from __future__ import annotations

import pytest

from vbpl_parser.clean import clean
from vbpl_parser.lex import LexLine, PlaceDate, TypeLine, lex
from vbpl_parser.read import read_bytes

from .conftest import FIXTURES


def _lexed(name: str):
    path = FIXTURES / name
    return lex(clean(read_bytes(path.read_bytes(), path.name)))


@pytest.fixture(scope="module")
def caotoc():
    return _lexed("docx/ld-tb-ketluan-caotoc.docx")


def test_letterhead_lines_are_classified(caotoc):
    lines = caotoc.lines
    assert [ln.number for ln in lines] == list(range(len(lines)))
    number = next(ln for ln in lines if ln.number_value is not None)
    assert number.text == "Số: /TB-UBND" and number.number_value == "/TB-UBND"
    date = next(ln for ln in lines if ln.place_date is not None)
    assert date.place_date == PlaceDate("Lâm Đồng", None, "4", "2026")  # a draft: the day left blank
    assert next(ln for ln in lines if ln.type_line).type_line == TypeLine("THÔNG BÁO", None)
    assert sum(ln.is_motto for ln in lines) == 1 and sum(ln.is_independence for ln in lines) == 1


def test_markers_and_closing_roles(caotoc):
    lines = caotoc.lines
    assert next(ln for ln in lines if ln.marker and ln.marker.kind == "roman").text == "I. Đánh giá chung"
    noi_nhan = next(ln for ln in lines if ln.is_noi_nhan)
    authority = next(ln for ln in lines if ln.is_sign_authority)
    assert noi_nhan.text == "Nơi nhận:" and authority.text == "TL. CHỦ TỊCH" and authority.number > noi_nhan.number
    assert authority.is_closing_line and not lines[authority.number - 1].is_noi_nhan


def test_offsets_index_the_text(caotoc):
    for ln in caotoc.lines:
        assert caotoc.text[ln.start:ln.end] == ln.text


def test_records_are_read_only_and_answer_the_same_twice(caotoc):
    ln = caotoc.lines[5]
    with pytest.raises(AttributeError):
        ln.text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        ln[1] = "x"  # type: ignore[index]
    assert ln.place_date is ln.place_date  # computed once, kept
    assert ln.is_caps() == ln.is_caps() and ln.is_caps(1) == ln.is_caps(1)


def test_table_rows_keep_their_cells_and_spans():
    lexed = _lexed("docx/ld-kh-tuyentruyen-cchc-2026.docx")
    assert len(lexed.tables) == 2
    for table in lexed.tables:
        assert table.start < table.end
        for row in table.rows:
            for cell in row:
                assert lexed.text[cell.start:cell.end] == cell.text
    header = [c.text for c in lexed.tables[0].rows[0]]
    assert header[:2] == ["TT", "Nội dung"] and header[2].startswith("Trách nhiệm thực hiện")
    rows = [ln for ln in lexed.lines if ln.is_row]
    assert rows and all(ln.paragraph_marker is None for ln in rows)  # a row's first cell labels no unit


def test_a_line_built_alone():
    ln = LexLine.make(0, "Điều 5. Trách nhiệm thi hành", 100)
    assert ln.end == 100 + len(ln.text) and ln.marker.kind == "dieu" and ln.opens_body and not ln.is_row
