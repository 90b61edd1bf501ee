"""Letterhead phrases whose marks Tesseract misread are put right; nothing else is touched."""
from __future__ import annotations

import pytest

import vbpl_parser
from vbpl_parser.clean.ocr_header import repair_line, repair_ocr_header


@pytest.mark.parametrize("ocr, fixed", [
    # misreadings seen on the corpus scans (hn-nq-12, cat-cv-298, kh-753, ld-ttr-cat-pc04-196)
    ("HỘI ĐÒNG NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"),
    ("THÀNH PHÓ HÀ NỘI", "THÀNH PHỐ HÀ NỘI"),
    ("CÔNG AN TĨNH LAM ĐÓNG", "CÔNG AN TỈNH LÂM ĐỒNG"),
    ("THÀNH PHÓ HÒ CHÍ MINH", "THÀNH PHỐ HỒ CHÍ MINH"),
    ("CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Lâm Đông, ngày tháng 3 năm 2026", "Lâm Đồng, ngày tháng 3 năm 2026"),
    ("NGHỊ QUYÉT", "NGHỊ QUYẾT"),
    ("KT. GIÁM ĐÓC", "KT. GIÁM ĐỐC"),
])
def test_misread_marks_are_repaired(ocr, fixed):
    assert repair_line(ocr) == fixed


@pytest.mark.parametrize("line", [
    "CHỦ TỊCH",                      # already right
    "PHÓ CHỦ TỊCH",                  # "PHÓ" alone is never rewritten ("PHÓ"/"PHỐ")
    "Hà Nội. ngày lé tháng 3",       # letters misread too: not a known phrase
    "Số: 12/2025/NQ-HĐND",
])
def test_other_lines_are_left_alone(line):
    assert repair_line(line) == line


def test_only_first_and_last_lines_of_ocr_pages():
    texts = ["HỘI ĐÒNG NHÂN DÂN"] * 60
    pages = [1] * 20 + [2] * 40
    out = repair_ocr_header(texts, pages, {1})
    assert out[:15] == ["HỘI ĐỒNG NHÂN DÂN"] * 15
    assert out[15:] == texts[15:]  # page 2 had a text layer, and the middle is body


def test_signature_stamp_is_not_the_issuer():
    text = ("SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 18/03/2026; 08:32:14; +07:00\nBỘ CÔNG AN\nCÔNG AN TỈNH LÂM ĐỒNG\n"
            "Số: 12/TTr-CAT-PC04\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Lâm Đồng, ngày 18 tháng 3 năm 2026\nTỜ TRÌNH\nVề việc ban hành kế hoạch\n"
            "Căn cứ Luật Phòng, chống ma túy;\n1. Sự cần thiết ban hành.\n")
    meta = vbpl_parser.parse_text(text).metadata
    assert (meta.issuer_parent, meta.issuer) == ("Bộ Công an", "Công an tỉnh Lâm Đồng")
