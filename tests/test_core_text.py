"""The plain-text pipeline end to end on real documents (reference plan and portal texts)."""
from __future__ import annotations

import json

import pytest

import vbpl_parser
from vbpl_parser.verify import item_problems, outline_problems

from .conftest import FIXTURES, TEXT_FIXTURES, walk


def test_reference_plan_metadata(reference_plan):
    m = reference_plan.metadata
    assert (m.doc_type, m.doc_type_code, m.symbol, m.number) == ("Kế hoạch", "KH", "24/KH-UBND", "24")
    assert m.issue_date == "2024-01-19" and m.place == "Thừa Thiên Huế"
    # the letterhead says only "ỦY BAN NHÂN DÂN"; the portal's table names the province
    assert m.issuer == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert m.signer.authority == "TM. Ủy ban nhân dân"
    assert m.signer.name == "Nguyễn Văn Phương"  # from the portal's "Người ký" row
    assert m.title is None


def test_reference_plan_outline_matches_gold(reference_plan):
    gold = json.loads((FIXTURES / "text" / "tthue-kh-24-2024.gold.json").read_text(encoding="utf-8"))
    gold_paths = [tuple(p.rstrip(".)") for p in u["path"]) for u in gold["outline"]]
    ours = [path for path, _ in walk(reference_plan.sections)]
    assert ours == gold_paths


def test_glued_headings_become_units(reference_plan):
    by_path = {path: s for path, s in walk(reference_plan.sections)}
    # "... có lợi thế3. Nhiệm vụ, giải pháp ..." and "... năm 20245. Nhiệm vụ ..."
    assert by_path[("B", "II", "3")].title == "Nhiệm vụ, giải pháp về phát triển đô thị, quản lý tài nguyên"
    assert by_path[("B", "II", "5")].title.startswith("Nhiệm vụ, giải pháp về phát triển toàn diện")
    assert by_path[("B", "II", "6")].title.startswith("Nhiệm vụ về cải cách hành chính")
    prev = by_path[("B", "II", "2", "2.2", "-#2")]
    assert prev.text.endswith("có lợi thế")
    assert any(t.endswith("trọng tâm của ngành năm 2024") for t in [by_path[("B", "II", "4", "4.1", "-#2")].text])


def test_missing_levels_and_restarts(reference_plan):
    paths = [p for p, _ in walk(reference_plan.sections)]
    assert ("B", "II", "9.1") in paths and ("B", "II", "9.3") in paths  # "9." is missing
    assert [p for p in paths if len(p) == 1] == [("-#1",), ("-#2",), ("-#3",), ("B",), ("1",), ("2",), ("3",),
                                                  ("4",), ("5",)]
    assert any(w.code == "outline" and "restarts" in w.message for w in reference_plan.warnings)


def test_real_numbers_are_not_corrupted(reference_plan):
    text = reference_plan.text
    for phrase in ("3,5 - 4 triệu lượt khách", "quy hoạch 1/5.000, 1/2.000", "gắn với đổi mới mô hình tăng trưởng",
                   "năm 2024"):
        assert phrase in text
    assert "v ới" not in text


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.name)
def test_every_text_fixture_is_lossless(path):
    doc = vbpl_parser.parse(path)
    assert doc.sections, "no outline found"
    assert outline_problems(doc) == []
    assert item_problems(doc) == []
    # the body is everything between the header and the closing block: nothing else is lost
    body_chars = sum(len(s.text) + len(s.label) for s in doc.iter_sections())
    assert body_chars > 0.5 * len(doc.text.replace(" ", "")) * 0.5


@pytest.mark.parametrize(
    "name, symbol, issue_date, issuer, authority, position, signer",
    [
        ("tq-qd-1056-2010.txt", "1056/QĐ-CT", "2010-08-16", "Ủy ban nhân dân tỉnh Tuyên Quang", "KT. Chủ tịch",
         "Phó Chủ tịch", "Vũ Thị Bích Việt"),
        ("tn-qd-3745-2021-khsdd.txt", "3745/QĐ-UBND", "2021-12-30", "Ủy ban nhân dân tỉnh Tây Ninh",
         "TM. Ủy ban nhân dân; KT. Chủ tịch", "Phó Chủ tịch", "Trần Văn Chiến"),
        ("ttg-ct-299-1980.txt", "299/TTg", "1980-11-10", "Phủ Thủ tướng", "KT. Thủ tướng Chính phủ", "Phó Thủ tướng",
         "Tố Hữu"),
        ("ttg-qd-12-2024.txt", "12/2024/QĐ-TTg", "2024-07-31", "Thủ tướng Chính phủ", "KT. Thủ tướng",
         "Phó Thủ tướng", "Trần Hồng Hà"),
    ],
)
def test_flattened_portal_headers(name, symbol, issue_date, issuer, authority, position, signer):
    m = vbpl_parser.parse(FIXTURES / "text" / name).metadata
    assert (m.symbol, m.issue_date, m.issuer) == (symbol, issue_date, issuer)
    assert (m.signer.authority, m.signer.position, m.signer.name) == (authority, position, signer)


def test_decision_articles_and_legal_bases():
    doc = vbpl_parser.parse(FIXTURES / "text" / "ttg-qd-12-2024.txt")
    assert doc.metadata.doc_type == "Quyết định"
    assert doc.metadata.title.startswith("VỀ CƠ CHẾ, CHÍNH SÁCH GIẢI QUYẾT VIỆC LÀM")
    assert doc.metadata.legal_bases[1] == "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;"
    dieu = [s for s in doc.sections if s.kind == "dieu"]
    assert [s.label for s in dieu[:3]] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert dieu[1].title == "Đối tượng áp dụng"
    khoan = dieu[1].children
    assert [k.kind for k in khoan] == ["khoan", "khoan"] and [d.kind for d in khoan[0].children] == ["diem", "diem"]
    assert doc.metadata.recipients[0] == "Ban Bí thư Trung ương Đảng"


def test_markdown_without_letterhead_takes_issuer_from_authority_line():
    doc = vbpl_parser.parse(FIXTURES / "text" / "hg-nq-hdnd-chatvan-2017.md")
    assert doc.metadata.doc_type == "Nghị quyết"
    assert doc.metadata.issuer == "Hội đồng nhân dân tỉnh Hà Giang"
    assert doc.metadata.title.startswith("VỀ CHẤT VẤN VÀ TRẢ LỜI CHẤT VẤN")
    # hard-wrapped lines are joined back: "Căn cứ Luật Tổ chức chính\nquyền địa phương"
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" in doc.text


def test_parse_text_and_bytes_agree_with_file():
    path = FIXTURES / "text" / "ttg-qd-12-2024.txt"
    from_file = vbpl_parser.parse(path)
    from_text = vbpl_parser.parse_text(path.read_text(encoding="utf-8"))
    from_bytes = vbpl_parser.parse(path.read_bytes())
    assert from_file.text == from_text.text == from_bytes.text
    assert from_file.metadata == from_text.metadata
    assert from_file.source.sha256 == from_bytes.source.sha256
    assert from_file.source.file_name == "ttg-qd-12-2024.txt" and from_text.source.path is None


def test_draft_blank_number_and_date():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố:        /KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày      tháng 01 năm 2026\nKẾ HOẠCH\n"
        "Tuyên truyền Cải cách hành chính năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
        "a) Tăng cường công tác thông tin.\n"
    )
    m = vbpl_parser.parse_text(text).metadata
    assert (m.symbol, m.number, m.issue_date, m.place) == ("/KH-UBND", None, None, "Lâm Đồng")
    assert m.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng" and m.issuer_parent is None
    assert m.is_draft and m.title == "Tuyên truyền Cải cách hành chính năm 2026"


def test_verifier_catches_broken_offsets(reference_plan):
    """The lossless checks themselves must be able to fail."""
    broken = reference_plan.model_copy(deep=True)
    unit = broken.sections[3].children[0]  # B.II
    unit.text_end -= 5
    assert any("text differs" in p for p in outline_problems(broken))
    broken = reference_plan.model_copy(deep=True)
    broken.sections[3].children[0].children[1].text_start -= 40  # overlaps its previous sibling
    assert outline_problems(broken)
    broken = reference_plan.model_copy(deep=True)
    broken.references[0].start += 1
    assert item_problems(broken)


def test_eth_typed_for_d_is_read_as_d():
    doc = vbpl_parser.parse_text("QUYẾT ĐỊNH\nCăn cứ Luật A;\nÐiều 1. Phạm vi\nNội dung.\nÐiều 2. Hiệu lực\n1. Từ ngày ký.\n")
    assert [s.label for s in doc.sections] == ["Điều 1.", "Điều 2."]


def test_issuer_line_under_the_type_name_fills_the_header_and_is_not_the_title():
    """Old documents: "THÔNG TƯ / CỦA BỘ TÀI CHÍNH SỐ 13/2001/TT-BTC NGÀY 8 THÁNG 3 NĂM 2001 / HƯỚNG DẪN ..."."""
    text = ("THÔNG TƯ\nCỦA BỘ TÀI CHÍNH SỐ 13/2001/TT-BTC NGÀY 8 THÁNG 3 NĂM 2001\n"
            "HƯỚNG DẪN THỰC HIỆN QUY ĐỊNH VỀ THUẾ\nĐỐI VỚI CÁC HÌNH THỨC ĐẦU TƯ\n"
            "- Căn cứ Luật đầu tư nước ngoài tại Việt Nam;\nBộ Tài chính hướng dẫn như sau:\n"
            "I. PHẠM VI ÁP DỤNG\n1. Thông tư này áp dụng cho các hình thức đầu tư.\n")
    meta = vbpl_parser.parse_text(text).metadata
    assert (meta.doc_type, meta.symbol, meta.issue_date, meta.issuer) == (
        "Thông tư", "13/2001/TT-BTC", "2001-03-08", "Bộ Tài chính")
    assert meta.title == "HƯỚNG DẪN THỰC HIỆN QUY ĐỊNH VỀ THUẾ ĐỐI VỚI CÁC HÌNH THỨC ĐẦU TƯ"


def _styled_document(lines: list[tuple[str, str | None]]) -> vbpl_parser.Document:
    """A document as a Word reader would hand it over: paragraphs with their alignment."""
    from vbpl_parser.options import Options
    from vbpl_parser.pipeline import parse_raw
    from vbpl_parser.read.document import Paragraph, RawDocument, StyleHints

    blocks = [Paragraph(text, style=StyleHints(align=align)) for text, align in lines]
    raw = RawDocument(blocks, format="docx", reader="test")
    return parse_raw(raw, b"", Options().start())


def test_centred_title_opening_like_a_body_sentence_is_the_title():
    """"DỰ THẢO / KẾ HOẠCH / Triển khai thực hiện ..." (centred): the trích yếu, not the body."""
    head = [("ỦY BAN NHÂN DÂN", "center"), ("TỈNH LÂM ĐỒNG", "center"), ("Số: /KH-UBND", "left"),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "center"), ("Độc lập - Tự do - Hạnh phúc", "center"),
            ("Lâm Đồng, ngày tháng 9 năm 2025", "center"), ("DỰ THẢO", "center"), ("KẾ HOẠCH", "center")]
    body = [("Thực hiện Quyết định số 7619/QĐ-BCA ngày 08/9/2025 của Bộ Công an, Ủy ban nhân dân tỉnh "
             "xây dựng kế hoạch như sau:", "justify"), ("I. MỤC ĐÍCH, YÊU CẦU", "justify"),
            ("1. Phát huy sức mạnh tổng hợp của cả hệ thống chính trị.", "justify")]
    title = ("Triển khai thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030", "center")
    doc = _styled_document(head + [title] + body)
    assert doc.metadata.title == title[0]
    assert doc.sections[0].label == "I."
    # the same opening words, justified and ending like a sentence, start the body
    no_title = _styled_document(head + body)
    assert no_title.metadata.title is None
    assert no_title.preamble is not None and no_title.preamble.text.startswith("Thực hiện Quyết định số 7619/QĐ-BCA")


def test_telegram_recipients_are_header_not_outline():
    """A Công điện lists its recipients under "<SENDER> điện:", as "Kính gửi:" does: not body units."""
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 15/CĐ-VPCP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 06 tháng 10 năm 2025\nCÔNG ĐIỆN\nmời dự Hội nghị trực tuyến\n__________________\n"
            "VĂN PHÒNG CHÍNH PHỦ điện:\n- Các Bộ: Công an, Quốc phòng;\n"
            "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
            "Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ, Văn phòng Chính phủ kính mời dự Hội nghị.\n"
            "I. Thời gian: 08 giờ, ngày 09 tháng 10 năm 2025.\n"
            "II. Bộ Công an chuẩn bị tài liệu phát tại điểm cầu.\n")
    doc = vbpl_parser.parse_text(text)
    assert doc.metadata.doc_type == "Công điện" and doc.metadata.title == "mời dự Hội nghị trực tuyến"
    assert [s.label for s in doc.sections] == ["I.", "II."]
    assert all(not t.text.startswith(("Các Bộ", "Chủ tịch")) for t in doc.tasks)


def test_appendix_label_above_a_capitals_title_opens_the_attachment():
    """"Phụ lục I" (normal case) above "DANH MỤC ..." and the "(Ban hành kèm theo ...)" note."""
    text = ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN\nSố: 09/2016/TT-BNNPTNT\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 01 tháng 6 năm 2016\n"
            "THÔNG TƯ\nQuy định về kiểm soát giết mổ\nĐiều 1. Phạm vi điều chỉnh\nThông tư này quy định danh mục.\n"
            "Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực từ ngày 16 tháng 7 năm 2016.\n"
            "Phụ lục I\nDANH MỤC ĐỘNG VẬT THUỘC DIỆN PHẢI KIỂM SOÁT GIẾT MỔ\n"
            "(Ban hành kèm theo Thông tư số 09/2016/TT-BNNPTNT ngày 01/6/2016)\n"
            "1. Các loại gia súc nuôi: trâu, bò, dê, cừu, lợn.\n2. Các loại gia cầm nuôi.\n")
    doc = vbpl_parser.parse_text(text)
    assert [a.doc_type for a in doc.attachments] == ["Phụ lục I"]
    assert doc.attachments[0].title.startswith("DANH MỤC ĐỘNG VẬT")
    assert doc.text[doc.attachments[0].start:].startswith("Phụ lục I\n")
    assert [s.label for s in doc.attachments[0].sections] == ["1.", "2."]


@pytest.mark.parametrize("closing, name, position", [
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Ngọc Phúc", "Nguyễn Ngọc Phúc", "Phó Chủ tịch"),
    ("TM. BAN CHẤP HÀNH\nPhó Chứ Tịch Thường Trực", None, None),       # a typo'd position, not a name
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nLâm Đồng", None, None),             # the wrapped province
])
def test_signer_name_is_a_person(closing, name, position):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nTuyên truyền năm 2026\n"
            "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n" + closing + "\n")
    signer = vbpl_parser.parse_text(text).metadata.signer
    assert signer.name == name
    if position:
        assert signer.position == position
