"""Zones and header fields (stage 4) on real documents of three formats."""
from __future__ import annotations

import pytest

from vbpl_parser.clean import clean
from vbpl_parser.header.fields import document_year, extract_metadata
from vbpl_parser.header.zones import find_zones
from vbpl_parser.lex import lex
from vbpl_parser.read import read_bytes

from .conftest import FIXTURES


def _staged(name: str):
    path = FIXTURES / name
    lexed = lex(clean(read_bytes(path.read_bytes(), path.name)))
    return lexed, find_zones(lexed.lines)


def test_zones_of_a_conclusion_notice():
    lexed, zones = _staged("docx/ld-tb-ketluan-caotoc.docx")
    lines, main = lexed.lines, zones.main
    assert lines[main.type_line].text == "THÔNG BÁO"
    assert [lines[i].text[:20] for i in main.title_lines] == ["Kết luận của đồng ch", "Phó Chủ tịch UBND tỉ"]
    assert lines[main.body.start].text.startswith("Ngày 24/4/2026")
    assert lines[main.closing.start].text == "Nơi nhận:" and main.closing.stop == len(lines) - len(zones.trailer)
    assert not zones.attachments
    searched = zones.searched_ranges(lines)
    assert all(lexed.text[a:b] for a, b in searched) and "Nơi nhận" not in "".join(lexed.text[a:b] for a, b in searched)


def test_metadata_of_a_draft_notice():
    lexed, zones = _staged("docx/ld-tb-ketluan-caotoc.docx")
    meta = extract_metadata(lexed.lines, zones)
    assert (meta.doc_type, meta.symbol, meta.number, meta.issue_date, meta.place) == (
        "Thông báo", "/TB-UBND", None, None, "Lâm Đồng")
    assert meta.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng" and meta.is_draft
    assert meta.signer.authority == "TL. Chủ tịch; KT. Chánh Văn phòng"
    assert meta.recipients[:2] == ["Chủ tịch, các PCT UBND tỉnh", "Thành phần tham dự họp"]
    assert document_year(meta, lexed.lines, zones) == 2026  # from the printed "năm 2026"


@pytest.mark.parametrize("name, expected", [
    ("text/ttg-qd-12-2024.txt", ("Quyết định", "12/2024/QĐ-TTg", "2024-07-31", "Thủ tướng Chính phủ",
                                 "Trần Hồng Hà", "Phó Thủ tướng", "KT. Thủ tướng")),
    ("text/tq-qd-1056-2010.txt", ("Quyết định", "1056/QĐ-CT", "2010-08-16", "Ủy ban nhân dân tỉnh Tuyên Quang",
                                  "Vũ Thị Bích Việt", "Phó Chủ tịch", "KT. Chủ tịch")),
    ("docx/ld-kh-tuyentruyen-cchc-2026.docx", ("Kế hoạch", "/KH-UBND", None, "Ủy ban nhân dân tỉnh Lâm Đồng",
                                               "Nguyễn Ngọc Phúc", "Phó Chủ tịch", "KT. Chủ tịch")),
])
def test_metadata_across_formats(name, expected):
    lexed, zones = _staged(name)
    m = extract_metadata(lexed.lines, zones)
    assert (m.doc_type, m.symbol, m.issue_date, m.issuer, m.signer.name, m.signer.position, m.signer.authority) \
        == expected


def test_appendix_tables_after_the_signature_are_attachments_not_body():
    lexed, zones = _staged("text/tq-qd-1056-2010.txt")
    titles = [lexed.lines[p.header.start].text for p in zones.attachments]
    assert titles == ["Biểu số 1", "Biểu số 2", "Biểu số 4"]  # the scrape lost "Biểu số 3"'s title
    first = zones.attachments[0].header.start
    assert zones.main.body.stop <= first  # the tables are not the decision's body


def test_legal_bases_stop_at_the_first_article():
    lexed, zones = _staged("text/ttg-qd-12-2024.txt")
    bases = extract_metadata(lexed.lines, zones).legal_bases
    assert bases and all(b.startswith("Căn cứ") for b in bases)
    first_article = next(ln for ln in lexed.lines if ln.marker and ln.marker.kind == "dieu")
    assert all(lexed.text.index(b) < first_article.start for b in bases)
