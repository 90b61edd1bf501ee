"""The .docx reader on real office files (tests/fixtures/docx) and on small built packages.

Real files check what a reader of the printed page sees: Word's automatic numbers, the
letterhead flattened issuer-first, a task table kept as a table, the "DỰ THẢO" text box read
once, no drawing-anchor digits, no footnote mark glued to a word. Built packages pin down
the markup rules one at a time (numbering formats and counters, tracked changes, fields,
merged cells) and the refusals (truncated ZIP, broken XML, ZIP bomb, encrypted package).
"""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from vbpl_parser.clean import clean
from vbpl_parser.errors import CorruptDocument, DocumentTooLarge, EncryptedDocument
from vbpl_parser.read import read_bytes
from vbpl_parser.read.document import Paragraph, Table
from vbpl_parser.read.word import package as docx_package
from vbpl_parser.read.word.docx import read_docx as _read_docx

from .conftest import FIXTURES, run_for


def read_docx(data, name=None):
    return _read_docx(data, name, run_for(name))

DOCX = FIXTURES / "docx"
CAOTOC = DOCX / "ld-tb-ketluan-caotoc.docx"
AUTONUM = DOCX / "ld-dieule-hiephoi-dulich-autonum.docx"
TUYENTRUYEN = DOCX / "ld-kh-tuyentruyen-cchc-2026.docx"
TEXTBOX = DOCX / "bt-qd-dieule-hhdn-duthao-textbox.docx"


def _read(path):
    return read_docx(path.read_bytes(), path.name)


def _paragraphs(raw, zone="body"):
    return [b for b in raw.blocks if isinstance(b, Paragraph) and b.zone == zone]


def _find(raw, start):
    hits = [b for b in raw.blocks if isinstance(b, Paragraph) and b.text.lstrip().startswith(start)]
    assert hits, f"no paragraph starts with {start!r}"
    return hits[0]


def _all_text(raw):
    parts = []
    for b in raw.blocks:
        if isinstance(b, Paragraph):
            parts.append(f"{b.list_label or ''} {b.text}")
        else:
            parts.extend(c.text for row in b.rows for c in row)
    return "\n".join(parts)


# ---- real documents -----------------------------------------------------------------------

def test_every_fixture_reads_through_the_dispatcher():
    for path in sorted(DOCX.glob("*.docx")):
        raw = read_bytes(path.read_bytes(), path.name)
        assert raw.format == "docx" and raw.reader == "docx"
        assert len(raw.blocks) > 20


def test_letterhead_table_flattened_issuer_column_first():
    raw = _read(CAOTOC)
    first = [p.text.strip() for p in _paragraphs(raw)[:7]]
    assert first == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:          /TB-UBND".strip(),
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Lâm Đồng, ngày        tháng 4 năm 2026", "THÔNG BÁO"]
    assert not any(isinstance(b, Table) for b in raw.blocks), "letterhead/signature tables are layout"
    title = _find(raw, "THÔNG BÁO")
    assert title.style.bold and title.style.align == "center" and title.style.font_size == 14.0
    body = _find(raw, "Qua kiểm tra thực tế")
    assert body.style.align == "justify" and not body.style.bold


def test_no_drawing_anchor_digits_leak():
    data = CAOTOC.read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    offsets = re.findall(r"<wp:posOffset>(-?\d+)</wp:posOffset>", xml)
    assert offsets, "the fixture draws its letterhead rules as anchored shapes"
    text = _all_text(read_docx(data))
    assert not re.search(r"\d{7,}", text)
    for value in offsets:
        assert not re.search(rf"(?<!\d){value}(?!\d)", text)


def test_footnote_mark_dropped_and_note_appended():
    raw = _read(CAOTOC)
    text = _all_text(raw)
    assert "Bảo Lộc1" not in text
    assert "tuyến cao tốc Tân Phú – Bảo Lộc. Sau khi nghe" in text
    notes = _paragraphs(raw, "footnote")
    assert len(notes) == 1 and raw.blocks[-1] is notes[0]
    assert notes[0].list_label == "1" and notes[0].text.startswith("Tham dự họp có đại diện lãnh đạo")
    cleaned = clean(raw)
    assert "Bảo Lộc1" not in cleaned.text


def test_typed_numbers_stay_in_text_and_pages_follow_word_layout():
    raw = _read(CAOTOC)
    heading = _find(raw, "II. Nhiệm vụ, giải pháp")
    assert heading.list_label is None and heading.style.bold
    assert _find(raw, "đ) Ban Quản lý dự án").list_label is None
    assert raw.pages == 5
    assert _paragraphs(raw)[0].page == 1 and _find(raw, "Nguyễn Ngọc Nam").page == 5


def test_word_auto_numbers_rendered_like_word():
    """Labels checked against LibreOffice's PDF rendering of the same file."""
    raw = _read(AUTONUM)
    expected = [
        ("Hiệp hội hoạt động trên phạm vi tỉnh Lâm Đồng", "1."),
        ("Hiệp hội chịu sự quản lý nhà nước", "2."),
        ("Tổ chức, hoạt động theo Điều lệ Hiệp hội đã được phê duyệt", "1."),
        ("Thủ tục kết nạp hội viên", "1."),
        ("Thẩm quyền kết nạp hội viên", "2."),
        ("Thủ tục ra Hiệp hội", "3."),
        ("Tổng Thư ký là người giúp việc", "1."),
    ]
    for start, label in expected:
        assert _find(raw, start).list_label == label, start
    typed = _find(raw, "4. Hội viên cá nhân không đóng hội phí")
    assert typed.list_label is None
    assert sum(1 for p in _paragraphs(raw) if p.list_label) == 7
    lines = clean(raw).text.splitlines()
    assert "2. Thẩm quyền kết nạp hội viên" in "\n".join(lines)


def test_task_table_kept_with_cells():
    raw = _read(TUYENTRUYEN)
    tables = [b for b in raw.blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [12, 11]
    first = tables[0]
    assert [c.text for c in first.rows[0]] == ["TT", "Nội dung", "Trách nhiệm\nthực hiện", "Thời gian\n(Năm 2026)"]
    assert [c.text for c in first.rows[1]][0] == "1"
    assert first.rows[1][2].text == "Lãnh đạo Sở Công Thương"
    assert first.rows[1][1].text.startswith("Giải đáp những vướng mắc, kiến nghị")
    assert all(len(r) == 4 for r in first.rows)
    i = raw.blocks.index(first)
    before = [b for b in raw.blocks[:i] if isinstance(b, Paragraph) and b.text.strip()][-1]
    assert before.text.startswith("Báo và Phát thanh, Truyền hình tỉnh chủ trì")
    assert first.page == 4


def test_textbox_read_once_with_its_own_zone():
    raw = _read(TEXTBOX)
    stamps = [b for b in raw.blocks if isinstance(b, Paragraph) and "DỰ THẢO" in b.text]
    assert len(stamps) == 1, "mc:Choice and mc:Fallback hold the same box: read one"
    assert stamps[0].zone == "textbox"
    order = [b.text.strip() for b in raw.blocks if isinstance(b, Paragraph)]
    assert order.index("DỰ THẢO") < order.index("QUYẾT ĐỊNH")
    assert order[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH THUẬN"]


# ---- built packages -----------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def build_docx(body: str, numbering: str | None = None, styles: str | None = None, footnotes: str | None = None) -> bytes:
    """A minimal but valid .docx around ``body`` (the inside of w:body)."""
    parts = {"word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>'}
    rels = []
    for name, xml, kind, root in (("numbering.xml", numbering, "numbering", "numbering"),
                                  ("styles.xml", styles, "styles", "styles"),
                                  ("footnotes.xml", footnotes, "footnotes", "footnotes")):
        if xml is not None:
            parts[f"word/{name}"] = f'<?xml version="1.0" encoding="UTF-8"?><w:{root} {NS}>{xml}</w:{root}>'
            rels.append(f'<Relationship Id="rId{len(rels) + 1}" Type="{REL}{kind}" Target="{name}"/>')
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/></Relationships>')
    parts["[Content_Types].xml"] = CT
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return buf.getvalue()


def p(text: str = "", num: tuple[int, int] | None = None, style: str | None = None, extra: str = "") -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}{extra}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, font: str | None = None, extra: str = "") -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/>{rpr}</w:lvl>')


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2.") + lvl(2, "lowerLetter", "%3)")
    + lvl(3, "bullet", "\uf0b7", font="Symbol") + lvl(4, "bullet", "\uf02d", font="Symbol")
    + lvl(5, "bullet", "o", font="Courier New") + lvl(6, "bullet", "\uf0a7", font="Wingdings")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "upperRoman", "%1.") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">' + lvl(0, "decimal", "Điều %1.")
    + lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>') + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
)


def _labels(body: str, **parts) -> list[str | None]:
    raw = read_docx(build_docx(body, **parts))
    return [b.list_label for b in raw.blocks if isinstance(b, Paragraph)]


def test_numbering_formats_levels_and_counters():
    seq = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 2), (1, 2), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6),
           (1, 0), (1, 1), (3, 0), (3, 0), (3, 0), (3, 0), (4, 0), (2, 0), (2, 1), (1, 0)]
    body = "".join(p(f"mục {i}", num=n) for i, n in enumerate(seq))
    assert _labels(body, numbering=NUMBERING) == [
        "1.", "1.1.", "1.2.", "a)", "b)", "c)", "d)", "e)",  # Word's letters: no "đ"
        "•", "-", "◦", "▪",  # Symbol U+F0B7, Symbol U+F02D, Courier "o", Wingdings U+F0A7
        "2.", "2.1.",  # a level restarts when a higher one is used
        "I.", "II.", "III.", "IV.",
        "3.",  # another w:num of the same abstract list continues it
        "5.", "5.1.",  # startOverride: the shared count restarts at 5 on the instance's first use
        "6.",  # ... and the first instance continues from there (the count is the abstract list's)
    ]


def test_lvl_restart_zero_never_restarts_and_text_around_number():
    body = "".join(p("x", num=n) for n in [(5, 0), (5, 1), (5, 1), (5, 0), (5, 1)])
    assert _labels(body, numbering=NUMBERING) == ["Điều 1.", "1.", "2.", "Điều 2.", "3."]


def test_style_linked_numbering_and_num_id_zero():
    styles = ('<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc La Ma"/>'
              '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="heading 2"/><w:basedOn w:val="Muc"/></w:style>')
    body = (p("MỤC TIÊU", style="Muc") + p("NHIỆM VỤ", style="Muc2") + p("không số", style="Muc", num=(0, 0))
            + p("TỔ CHỨC", style="Muc"))
    raw = read_docx(build_docx(body, numbering=NUMBERING, styles=styles))
    paras = [b for b in raw.blocks if isinstance(b, Paragraph)]
    assert [x.list_label for x in paras] == ["I.", "II.", None, "III."]
    assert paras[1].style.style_name == "heading 2" and paras[1].style.heading_level == 2
    assert paras[1].style.bold and paras[1].style.align == "center"


def test_runs_fields_tracked_changes_and_containers():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Căn cứ </w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t>Nghị định</w:t></w:r></w:hyperlink>'
        '<w:smartTag w:uri="x" w:element="place"><w:r><w:t xml:space="preserve"> số 30</w:t></w:r></w:smartTag>'
        '<w:sdt><w:sdtContent><w:r><w:t>/2020/NĐ-CP</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText> ngày cũ</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve"> ngày 05/3/2020</w:t></w:r></w:ins>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>;</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
        '<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t>1</w:t></w:r></w:p>'
    )
    footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Ghi chú.</w:t></w:r></w:p></w:footnote>')
    raw = read_docx(build_docx(body, footnotes=footnotes))
    assert raw.blocks[0].text == "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020;\ta\nb≥1"
    assert raw.blocks[-1].zone == "footnote" and raw.blocks[-1].text == "Ghi chú." and raw.blocks[-1].list_label == "1"


def test_drawing_text_box_alternate_content_read_once_without_geometry():
    shape = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionH relativeFrom="column">'
        '<wp:posOffset>59261620764500</wp:posOffset></wp:positionH><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        '<w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>'
    )
    raw = read_docx(build_docx(p("QUYẾT ĐỊNH", extra=shape) + p("Điều 1.")))
    texts = [(b.text, b.zone) for b in raw.blocks]
    assert texts == [("QUYẾT ĐỊNH", "body"), ("DỰ THẢO", "textbox"), ("Điều 1.", "body")]


def test_letterhead_drawn_in_text_box_is_document_text():
    def box(*lines: str) -> str:
        paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
        return (f'<w:r><w:drawing><wp:anchor><wp:positionV relativeFrom="page"><wp:posOffset>914400</wp:posOffset>'
                f'</wp:positionV><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{paras}</w:txbxContent>'
                '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')
    anchor = box("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/KH-UBND") + box("DỰ THẢO")
    raw = read_docx(build_docx(p("", extra=anchor) + p("KẾ HOẠCH")))
    assert [(b.text, b.zone) for b in raw.blocks] == [
        ("", "body"), ("ỦY BAN NHÂN DÂN", "body"), ("TỈNH LÂM ĐỒNG", "body"), ("Số: 12/KH-UBND", "body"),
        ("DỰ THẢO", "textbox"), ("KẾ HOẠCH", "body")]


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def test_merged_cells_appear_once_and_one_column_tables_unwrap():
    rows = [
        _cell("STT", '<w:vMerge w:val="restart"/>') + _cell("Nhiệm vụ", '<w:vMerge w:val="restart"/>') + _cell("Thời gian", '<w:gridSpan w:val="2"/>'),
        _cell("", "<w:vMerge/>") + _cell("", "<w:vMerge/>") + _cell("Bắt đầu") + _cell("Kết thúc"),
        _cell("1") + _cell("Rà soát thủ tục") + _cell("Quý I") + _cell("Quý II"),
    ]
    table = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    frame = "<w:tbl><w:tr>" + f"<w:tc>{p('Ghi chú khung', num=(3, 0))}{p('dòng hai')}</w:tc>" + "</w:tr></w:tbl>"
    raw = read_docx(build_docx(p("Trước") + table + frame + p("Sau"), numbering=NUMBERING))
    t = raw.blocks[1]
    assert isinstance(t, Table)
    assert [[(c.text, c.row_span, c.col_span) for c in r] for r in t.rows] == [
        [("STT", 2, 1), ("Nhiệm vụ", 2, 1), ("Thời gian", 1, 2)],
        [("Bắt đầu", 1, 1), ("Kết thúc", 1, 1)],
        [("1", 1, 1), ("Rà soát thủ tục", 1, 1), ("Quý I", 1, 1), ("Quý II", 1, 1)],
    ]
    framed = raw.blocks[2:4]
    assert [(b.list_label, b.text) for b in framed] == [("I.", "Ghi chú khung"), (None, "dòng hai")]
    assert raw.blocks[-1].text == "Sau"


def test_full_width_prose_row_is_text_not_a_table():
    """A phiếu trình form: its body sits in one merged full-width cell of a form table."""
    prose = "".join(p(t) for t in ("I. NỘI DUNG TRÌNH", "1. Văn bản: Tờ trình số 270/TTr-SNV ngày 04/9/2025 của Sở Nội vụ "
                                   "đề nghị cho phép sáp nhập hội, kèm hồ sơ và ý kiến thẩm định của các sở.",
                                   "2. Trích yếu: V/v cho phép sáp nhập Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh "
                                   "tỉnh Bình Thuận vào Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh tỉnh Lâm Đồng."))
    rows = [f'<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{prose}</w:tc>',
            _cell("STT") + _cell("Nội dung"), _cell("1") + _cell("Rà soát"),
            _cell("I") + '<w:tc><w:tcPr></w:tcPr><w:p><w:r><w:t>Nhóm</w:t></w:r></w:p></w:tc>']
    table = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    raw = read_docx(build_docx(table))
    assert all(isinstance(b, Paragraph) for b in raw.blocks[:3]) and raw.blocks[0].text == "I. NỘI DUNG TRÌNH"
    assert raw.blocks[1].text.startswith("1. Văn bản") and raw.blocks[2].text.startswith("2. Trích yếu")
    assert isinstance(raw.blocks[3], Table) and [c.text for c in raw.blocks[3].rows[0]] == ["STT", "Nội dung"]


def test_num_style_link_uses_the_numbering_style_list():
    numbering = (
        '<w:abstractNum w:abstractNumId="7"><w:numStyleLink w:val="DanhSachDieu"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="8"><w:styleLink w:val="DanhSachDieu"/>'
        + lvl(0, "decimal", "Điều %1.") + lvl(1, "lowerLetter", "%2)") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="8"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>')
    styles = ('<w:style w:type="numbering" w:styleId="DanhSachDieu"><w:name w:val="Danh sach dieu"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    body = "".join(p("x", num=n) for n in [(2, 0), (2, 1), (2, 1), (1, 0), (2, 1)])
    assert _labels(body, numbering=numbering, styles=styles) == ["Điều 1.", "a)", "b)", "Điều 2.", "a)"]


def test_white_filler_text_is_invisible():
    body = '<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>[</w:t></w:r><w:r><w:t>(Đã ký)</w:t></w:r></w:p>'
    assert read_docx(build_docx(body)).blocks[0].text == "(Đã ký)"


# ---- refusals -----------------------------------------------------------------------------

def test_truncated_docx_is_corrupt():
    data = CAOTOC.read_bytes()
    with pytest.raises(CorruptDocument):
        read_docx(data[: len(data) // 2], "cut.docx")
    with pytest.raises(CorruptDocument):
        read_bytes(data[: len(data) // 2], "cut.docx")


def test_malformed_xml_and_dtd_are_corrupt():
    good = build_docx(p("x"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b"")
            dst.writestr(item, body)
    with pytest.raises(CorruptDocument, match="malformed XML"):
        read_docx(buf.getvalue())
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              f'<w:document {NS}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, laughs if item.filename == "word/document.xml" else src.read(item))
    with pytest.raises(CorruptDocument, match="DTD"):
        read_docx(buf.getvalue())


def test_zip_bomb_is_refused_before_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zipfile.ZipFile(io.BytesIO(build_docx(p("x")))) as src:
        for item in src.infolist():
            zf.writestr(item.filename, src.read(item))
        zf.writestr("word/media/bomb.bin", b"\0" * (32 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 200_000
    with pytest.raises(DocumentTooLarge, match="ZIP bomb"):
        read_docx(data, "bomb.docx")
    with pytest.raises(DocumentTooLarge):
        read_bytes(data, "bomb.docx")


def test_total_uncompressed_size_limit(monkeypatch):
    monkeypatch.setenv("VBPL_ZIP_MAX_UNCOMPRESSED_BYTES", "100000")
    with pytest.raises(DocumentTooLarge, match="inflate"):
        read_docx(CAOTOC.read_bytes(), CAOTOC.name)


def test_password_protected_package_is_encrypted():
    ole = bytearray(docx_package.OLE_MAGIC + b"\0" * 1024)
    ole += "EncryptionInfo".encode("utf-16-le") + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le")
    assert docx_package.is_encrypted_ooxml(bytes(ole))
    with pytest.raises(EncryptedDocument):
        read_docx(bytes(ole), "secret.docx")
