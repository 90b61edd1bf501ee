"""The outline stage: one tree per part, ids, own-text spans and the offset -> section index."""
from __future__ import annotations

from vbpl_parser.clean import clean
from vbpl_parser.header.zones import find_zones
from vbpl_parser.lex import LexLine, lex
from vbpl_parser.outline import outline_document
from vbpl_parser.outline.tree import build_outline
from vbpl_parser.read import read_bytes

from .conftest import FIXTURES, walk


def _outlined(name: str):
    path = FIXTURES / name
    lexed = lex(clean(read_bytes(path.read_bytes(), path.name)))
    zones = find_zones(lexed.lines)
    return lexed, zones, outline_document(lexed.text, lexed.lines, zones)


def test_decision_articles_and_their_clauses():
    lexed, _, outline = _outlined("text/ttg-qd-12-2024.txt")
    ids = [s.id for s in outline.main.sections]
    assert ids == [f"dieu-{k}" for k in range(1, len(ids) + 1)] and len(ids) >= 10
    kinds = {s.kind for _, s in walk(outline.main.sections)}
    assert {"dieu", "khoan"} <= kinds
    dieu1 = outline.main.sections[0]
    assert dieu1.label == "Điều 1." and dieu1.title and lexed.text[dieu1.start:dieu1.start + 7] == "Điều 1."


def test_plan_levels_nest_and_spans_do_not_overlap():
    lexed, zones, outline = _outlined("docx/ld-kh-tuyentruyen-cchc-2026.docx")
    assert [s.label for s in outline.main.sections] == ["I.", "II.", "III.", "IV."]
    units = [s for _, s in walk(outline.main.sections)]
    for parent in units:
        for child in parent.children:
            assert parent.start < child.start and child.end <= parent.end
    own = sorted((s.start, s.text_end) for s in units)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(own, own[1:]))
    body = range(lexed.lines[zones.main.body.start].start, lexed.lines[zones.main.body.stop - 1].end + 1)
    assert all(s.start in body and s.end in body for s in units)


def test_section_index_maps_offsets_to_the_deepest_unit():
    lexed, _, outline = _outlined("docx/ld-tb-ketluan-caotoc.docx")
    for _, s in walk(outline.main.sections):
        if s.text_end > s.text_start:
            assert outline.index.section_at(s.text_start) == s.id
    first = outline.main.sections[0]
    assert outline.index.section_at(max(0, first.start - 1)) is None  # the preamble is document-level


def test_quoted_articles_of_an_amendment_are_content():
    text = "Điều 1. Sửa đổi Điều 5 như sau:\n“Điều 5. Phạm vi\n1. Nội dung mới.”\nĐiều 2. Hiệu lực"
    lines, pos = [], 0
    for i, t in enumerate(text.split("\n")):
        lines.append(LexLine.make(i, t, pos))
        pos += len(t) + 1
    _, sections, _ = build_outline(text, lines, range(len(lines)))
    assert [s.label for s in sections] == ["Điều 1.", "Điều 2."] and not sections[0].children


def _build(text: str):
    lines, pos = [], 0
    for i, t in enumerate(text.split("\n")):
        lines.append(LexLine.make(i, t, pos))
        pos += len(t) + 1
    return build_outline(text, lines, range(len(lines)))[1]


def test_dash_separated_numbers_label_the_number_and_keep_the_dash_in_the_unit():
    sections = _build("I- ĐÁNH GIÁ CHUNG\n1 - Mức trợ cấp hàng tháng\n2- Mức trợ cấp đột xuất")
    first = sections[0]
    assert (first.label, first.title) == ("I", "ĐÁNH GIÁ CHUNG")
    assert [c.label for c in first.children] == ["1", "2"] and first.children[0].text == "Mức trợ cấp hàng tháng"


def test_capital_letters_opening_under_a_roman_heading_nest_under_it():
    sections = _build("III- NHIỆM VỤ\nA- Nhiệm vụ chung\n1. Một\nB- Nhiệm vụ cụ thể\n1. Hai\nIV- TỔ CHỨC THỰC HIỆN")
    assert [s.label for s in sections] == ["III", "IV"]
    assert [c.label for c in sections[0].children] == ["A", "B"]
    # the usual order stays: letters above Roman numerals
    plan = _build("A. MỤC TIÊU\nI. Chung\nII. Riêng\nB. NHIỆM VỤ\nI. Chung")
    assert [s.label for s in plan] == ["A.", "B."] and [c.label for c in plan[0].children] == ["I.", "II."]
