"""The HTML reader on real pages: a saved vbpl.vn page, a LibreOffice export, a Word-style export.

Fixtures and their provenance: ``tests/fixtures/html/README.md``. Synthetic pages here only
cover what no real fixture shows (generic portals, hostile or broken markup).
"""
from __future__ import annotations

import re
import socket
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vbpl_parser
from vbpl_parser.errors import EmptyDocument
from vbpl_parser.read import read_bytes
from vbpl_parser.read.document import Paragraph, RawDocument, Table
from vbpl_parser.read.html.reader import read_html as _read_html

from .conftest import FIXTURES, run_for


def read_html(data, name=None):
    return _read_html(data, name, run_for(name))

HTML = FIXTURES / "html"
VBPL = HTML / "vbpl-blhs-100-2015-excerpt.html"
LIBREOFFICE = HTML / "ld-tb-ketluan-caotoc-libreoffice.html"
WORD = HTML / "cp-nd-30-2020-word-excerpt.htm"


def _texts(raw: RawDocument) -> list[str]:
    return [b.text for b in raw.blocks if isinstance(b, Paragraph)]


def _para(raw: RawDocument, startswith: str) -> Paragraph:
    return next(b for b in raw.blocks if isinstance(b, Paragraph) and b.text.startswith(startswith))


def _cp1258(text: str) -> bytes:
    """Encode like Windows does: precomposed base letter + combining tone mark."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258"))
    return b"".join(out)


@pytest.fixture(scope="module")
def vbpl() -> RawDocument:
    return read_bytes(VBPL.read_bytes(), VBPL.name)


@pytest.fixture(scope="module")
def word() -> RawDocument:
    return read_bytes(WORD.read_bytes(), WORD.name)


# -- a saved vbpl.vn page -------------------------------------------------------------------


def test_vbpl_site_chrome_is_gone(vbpl):
    text = "\n".join(_texts(vbpl))
    for chrome in ("Trang chủ", "Đăng nhập", "Tìm kiếm", "Văn bản hợp nhất", "1945 đến 1950", "Thuộc tính",
                   "Lược đồ", "Bản in", "Hiệu lực:", "Ngày có hiệu lực", "Tải file đính kèm", "Xem nhanh",
                   "Gửi phản hồi", ".pdf", "CƠ SỞ DỮ LIỆU VĂN BẢN PHÁP LUẬT", "This div, which you should delete",
                   "jQuery", "function(", "CDATA", "ShowDialogDownload"):
        assert chrome not in text, chrome
    assert vbpl.format == "html" and vbpl.reader == "html" and not vbpl.warnings


def test_vbpl_letterhead_then_title_then_body_then_signature(vbpl):
    texts = _texts(vbpl)
    assert texts[:8] == ["QUỐC HỘI", "Số: 100/2015/QH13", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 27 tháng 11 năm 2015", "BỘ LUẬT", "HÌNH SỰ", "__"]
    # the signer's title is lower case in the markup and upper-cased by a page style rule
    assert [t for t in texts if t][-3:] == ["CHỦ TỊCH QUỐC HỘI", "(Đã ký)", "Nguyễn Sinh Hùng"]
    title = _para(vbpl, "BỘ LUẬT")
    assert title.style.bold and title.style.align == "center"


def test_vbpl_number_is_recoverable(vbpl):
    text = "\n".join(_texts(vbpl))
    assert re.search(r"^Số: (\d+/\d{4}/QH\d+)$", text, re.M).group(1) == "100/2015/QH13"


def test_vbpl_first_articles_are_separate_paragraphs_in_order(vbpl):
    texts = _texts(vbpl)
    i = texts.index("Điều 1. Nhiệm vụ của Bộ luật hình sự")
    assert texts[i + 1].startswith("Bộ luật hình sự có nhiệm vụ bảo vệ chủ quyền quốc gia")
    # the source wraps sentences over several indented lines: one paragraph, single spaces
    assert "bảo vệ chế độ xã hội chủ nghĩa, quyền con người" in texts[i + 1] and "  " not in texts[i + 1]
    assert texts[i + 2] == "Bộ luật này quy định về tội phạm và hình phạt."
    assert texts[i + 3] == "Điều 2. Cơ sở của trách nhiệm hình sự"
    assert texts[i + 4].startswith("1. Chỉ người nào phạm một tội")
    assert texts[i + 5].startswith("2. Chỉ pháp nhân thương mại nào phạm một tội")
    j = texts.index("Điều 3. Nguyên tắc xử lý")
    assert texts[j + 1] == "1. Đối với người phạm tội:"  # &#58; is a colon
    assert [t[:2] for t in texts[j + 2:j + 6]] == ["a)", "b)", "c)", "d)"]
    articles = [int(m.group(1)) for t in texts if (m := re.match(r"Điều (\d+)\. ", t))]
    assert articles == [1, 2, 3, 4, 5, 6, 7, 8, 9, 426]


def test_vbpl_generic_fallback_finds_the_same_document(vbpl):
    # without the portal's container id, the Vietnamese-text scoring must land on the same
    # element (and climb to the letterhead tables beside it)
    data = VBPL.read_bytes().replace(b"toanvancontent", b"khongbiet")
    raw = read_bytes(data, VBPL.name)
    assert _texts(raw) == _texts(vbpl)
    assert raw.fallbacks and not vbpl.fallbacks


def test_vbpl_page_through_the_pipeline():
    doc = vbpl_parser.parse(VBPL)
    assert doc.metadata.symbol == "100/2015/QH13"
    assert doc.metadata.issue_date == "2015-11-27"
    labels = []

    def walk(sections):
        for s in sections:
            labels.append(s.label)
            walk(s.children)

    walk(doc.sections)
    assert [lab for lab in labels if lab.startswith("Điều")][:3] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert "Trang chủ" not in doc.text


# -- office exports ---------------------------------------------------------------------------


def test_libreoffice_export_of_a_real_draft():
    raw = read_bytes(LIBREOFFICE.read_bytes(), LIBREOFFICE.name)
    texts = _texts(raw)
    # letterhead table flattened, issuer column first; LibreOffice breaks its output right
    # after the letterhead rule images ("S<img>\nố:"), which must not split the word
    assert texts[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: /TB-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Lâm Đồng, ngày tháng 4 năm 2026"]
    assert _para(raw, "THÔNG BÁO").style.bold and _para(raw, "THÔNG BÁO").style.align == "center"
    # footnote reference kept apart from the word it follows, footnote body in its zone
    assert "Tân Phú – Bảo Lộc[1]. Sau khi nghe" in _para(raw, "Ngày 24/4/2026").text
    note = _para(raw, "[1] Tham dự họp")
    assert note.zone == "footnote"
    i = texts.index("1. Nhà đầu tư của 02 dự án đường bộ cao tốc Tân Phú – Bảo Lộc và Bảo Lộc – Liên Khương:")
    assert [t[:2] for t in texts[i + 1:i + 5]] == ["a)", "b)", "c)", "e)"]
    assert texts[texts.index("Nơi nhận:") + 1] == "- Chủ tịch, các PCT UBND tỉnh;"


def test_word_export_windows_1258_lists_and_hidden_parts(word):
    assert word.encodings == ["cp1258"]
    texts = _texts(word)
    assert texts[:6] == ["CHÍNH PHỦ", "_______", "Số: 30/2020/NĐ-CP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 05 tháng 3 năm 2020"]
    title = _para(word, "NGHỊ ĐỊNH")
    assert (title.style.bold, title.style.align, title.style.style_name) == (True, "center", "MsoTitle")
    assert _para(word, "Về công tác văn thư").style.heading_level == 3
    # Word list numbers live in <span style="mso-list:Ignore">: they become list labels
    khoan = [b for b in word.blocks if isinstance(b, Paragraph) and b.list_label in ("1.", "2.")]
    assert [(b.list_label, b.text[:20]) for b in khoan] == [("1.", "Nghị định này áp dụn"),
                                                            ("2.", "Tổ chức chính trị, t")]
    assert _para(word, "Văn bản phải được theo dõi").list_label == "d)"
    # the mso-tab-count run after the heading is not text
    assert "Điều 1. Phạm vi điều chỉnh" in texts
    joined = "\n".join(texts)
    for hidden in ("GHI CHÚ ẨN", "[VT1]", "Ý KIẾN RÀ SOÁT", "ĐƯỜNG KẺ VML", "supportLists", "DocumentProperties"):
        assert hidden not in joined, hidden
    assert "công tác văn thư[1]." in _para(word, "Nghị định này quy định").text
    assert _para(word, "[1] Bản kiểm thử").zone == "footnote"
    # signature table flattened column by column: recipients, then the signer
    i = texts.index("Nơi nhận:")
    assert texts[i:i + 8] == ["Nơi nhận:", "- Ban Bí thư Trung ương Đảng;", "- Thủ tướng, các Phó Thủ tướng Chính phủ;",
                              "- Lưu: VT, HC (2).", "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "(Đã ký)", "Nguyễn Xuân Phúc"]


def test_word_export_through_the_pipeline():
    doc = vbpl_parser.parse(WORD)
    assert doc.metadata.symbol == "30/2020/NĐ-CP"
    assert doc.source.encodings == ["cp1258"]
    assert doc.metadata.signer.name == "Nguyễn Xuân Phúc"


# -- charsets -----------------------------------------------------------------------------------

_PAGE = ("<html><head><title>t</title></head><body><p>Điều 1. Phạm vi điều chỉnh</p>"
         "<p>Nghị định này quy định về công tác văn thư và quản lý nhà nước về công tác văn thư.</p></body></html>")


def test_windows_1258_page_without_declaration():
    raw = read_bytes(_cp1258(_PAGE), "old.htm")
    assert _texts(raw)[0] == "Điều 1. Phạm vi điều chỉnh"
    assert raw.encodings == ["cp1258"]


def test_declared_windows_1258():
    page = _PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    raw = read_bytes(_cp1258(page))
    assert _texts(raw)[1].startswith("Nghị định này quy định về công tác văn thư")


def test_mislabelled_latin1_page_holding_utf8():
    page = _PAGE.replace("<head>", '<head><meta charset="iso-8859-1">')
    raw = read_bytes(page.encode("utf-8"))
    assert _texts(raw)[0] == "Điều 1. Phạm vi điều chỉnh"
    assert any("UTF-8" in w for w in raw.warnings)


def test_utf8_bom_and_utf16_bom():
    assert _texts(read_bytes(b"\xef\xbb\xbf" + _PAGE.encode()))[0] == "Điều 1. Phạm vi điều chỉnh"
    assert _texts(read_html(("\ufeff" + _PAGE).encode("utf-16-le"), None))[0] == "Điều 1. Phạm vi điều chỉnh"


def test_bad_bytes_never_crash():
    raw = read_bytes(b"<html><body><p>\xc4\x90i\xe1\xbb\x81u 1. \xff\xfe\x80 ok</p></body></html>")
    assert _texts(raw)[0].startswith("Điều 1.")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash(data):
    raw = read_html(b"<html><body>" + data, None)
    assert isinstance(raw, RawDocument)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<table>", "<tr>", "<td>",
                                 "</td>", "</table>", "<br>", "<li>", "<ol>", "</ol>", "<pre>", "Điều 1.",
                                 " khoản ", "&nbsp;", "&#58;", "<span style='mso-list:Ignore'>", "</span>",
                                 "<style>.x{display:none}</style>", "<x class=x>", "<![if !vml]>", "<!--"]),
                max_size=60))
def test_arbitrary_tag_soup_never_crashes(parts):
    raw = read_html(("<html><body>" + "".join(parts)).encode(), None)
    assert all(isinstance(b, (Paragraph, Table)) for b in raw.blocks)


# -- hostile and broken markup ------------------------------------------------------------


def test_billion_laughs_does_not_expand():
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    page = f'<!DOCTYPE html [<!ENTITY l0 "lol">{lol}]><html><body><p>Điều 1. &l9;</p></body></html>'
    raw = read_bytes(page.encode())
    text = "".join(_texts(raw))
    assert "lollol" not in text and len(text) < 100
    assert "]>" not in text and "ENTITY" not in text


def test_external_entities_and_resources_are_never_fetched():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.3)
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    page = (f'<?xml version="1.0"?><!DOCTYPE html SYSTEM "{url}/x.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            f'<!ENTITY net SYSTEM "{url}/e">]><html><head><link rel="stylesheet" href="{url}/a.css">'
            f'<script src="{url}/a.js"></script></head><body><p>Điều 1. &xxe; &net;</p>'
            f'<img src="{url}/i.png"><iframe src="{url}/f"></iframe><xi:include href="{url}/x"/></body></html>')
    try:
        raw = read_bytes(page.encode())
        with pytest.raises(socket.timeout):
            server.accept()
    finally:
        server.close()
    text = "".join(_texts(raw))
    assert "root:" not in text and text.startswith("Điều 1.")


def test_unclosed_tags_deeper_than_the_parser_limit_keep_the_rest_of_the_page():
    page = ("<html><body><p>Điều 1. Mở đầu</p><p>" + "<font size=2>chữ " * 3000
            + "</p><p>Điều 2. Điều khoản cuối</p></body></html>")
    raw = read_bytes(page.encode())
    assert _texts(raw)[-1] == "Điều 2. Điều khoản cuối"
    assert raw.fallbacks


@pytest.mark.parametrize("page", [
    b"<html><body></body></html>",
    "<html><head><script>document.write('x')</script></head><body><noscript>Hãy bật JavaScript</noscript>"
    "<template><p>Mẫu</p></template><input value='Tìm kiếm'><select><option>Bộ luật</option></select></body></html>"
    .encode(),
    b"<html><body><p>&nbsp;</p><p> </p></body></html>",
])
def test_empty_pages_raise_empty_document(page):
    with pytest.raises(EmptyDocument):
        read_bytes(page, "empty.html")


def test_hidden_parts_go_but_a_script_revealed_page_stays():
    body = "".join(f"<p>Điều {i}. Nội dung của điều luật số {i} trong văn bản.</p>" for i in range(1, 8))
    page = (f"<html><body><div id='page' style='display:none'>{body}</div>"
            "<div class='popup' style='visibility:hidden'>Đăng ký nhận bản tin</div></body></html>")
    texts = _texts(read_bytes(page.encode()))
    assert texts[0] == "Điều 1. Nội dung của điều luật số 1 trong văn bản." and len(texts) == 7


# -- pages of portals we hold no saved copy of ----------------------------------------------

_PORTAL = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Quyết định 12/QĐ-UBND</title>
<style>.an{display:none} .hoa{text-transform:uppercase}</style><script>var m = "Trang chủ";</script></head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li>
<li><a href="/vb">Văn bản chỉ đạo điều hành</a></li></ul></nav></header>
<div class="wrap"><div class="col-left"><h3>Tin mới</h3><ul><li><a href="/1">Hội nghị tổng kết công tác năm</a></li>
<li><a href="/2">Đoàn công tác làm việc với tỉnh</a></li><li><a href="/3">Khai mạc lễ hội văn hóa</a></li></ul></div>
<div class="col-main"><h1>Quyết định số 12/QĐ-UBND ban hành kế hoạch</h1><div class="meta">Ngày đăng: 01/02/2024</div>
<div class="doc-head"><table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH LÂM ĐỒNG</b><br>Số: 12/QĐ-UBND</td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br>
<i>Lâm Đồng, ngày 01 tháng 02 năm 2024</i></td></tr></table></div>
<div class="doc-body"><p style="text-align:center"><strong>QUYẾT ĐỊNH</strong></p>
<p><em>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;</em></p>
<p class="an">Nội dung ẩn</p><p hidden>Cũng ẩn</p>
<p><b>Điều 1.</b> Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2024.</p>
<p><b>Điều 2.</b> Quyết định này có hiệu lực kể từ ngày ký.<br>Chánh Văn phòng chịu trách nhiệm thi hành.</p>
<ol start="3"><li>Sở Nội vụ;</li><li>Sở Tài chính;</li></ol><ol type="a"><li>điểm một</li></ol>
<table border="1"><tr><th>STT</th><th>Nhiệm vụ</th><th>Thời hạn</th></tr>
<tr><td>1</td><td>Rà soát thủ tục</td><td rowspan="2">Quý I/2024</td></tr>
<tr><td>2</td><td>Số hóa hồ sơ</td></tr></table>
<p><span class="hoa">tm. ủy ban nhân dân</span></p></div>
<div class="share-box"><a href="#fb">Chia sẻ Facebook</a> <a href="#zl">Zalo</a></div>
<div class="box-lienquan"><h4>Văn bản liên quan</h4><ul><li><a href="/a">Quyết định 11/QĐ-UBND</a></li>
<li><a href="/b">Kế hoạch 10/KH-UBND</a></li><li><a href="/c">Công văn 9/UBND</a></li></ul></div>
<div id="comments"><form><textarea>Ý kiến</textarea><button>Gửi ý kiến</button></form></div></div></div>
<footer><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh.</p></footer></body></html>"""


def test_generic_portal_page_keeps_the_document_and_its_letterhead():
    raw = read_bytes(_PORTAL.encode(), "portal.html")
    texts = _texts(raw)
    assert texts[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 12/QĐ-UBND"]
    joined = "\n".join(texts)
    for chrome in ("Trang chủ", "Tin mới", "Hội nghị tổng kết", "Ngày đăng", "Chia sẻ", "Văn bản liên quan",
                   "Gửi ý kiến", "Bản quyền", "Nội dung ẩn", "Cũng ẩn", "Quyết định số 12/QĐ-UBND ban hành"):
        assert chrome not in joined, chrome
    i = texts.index("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    assert texts[i + 1] == "Chánh Văn phòng chịu trách nhiệm thi hành."  # <br> ends a paragraph
    labelled = [(b.list_label, b.text) for b in raw.blocks if isinstance(b, Paragraph) and b.list_label]
    assert labelled == [("3.", "Sở Nội vụ;"), ("4.", "Sở Tài chính;"), ("a.", "điểm một")]
    table = next(b for b in raw.blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[1]] == ["1", "Rà soát thủ tục", "Quý I/2024"] and table.rows[1][2].row_span == 2
    sign = _para(raw, "TM.")
    assert sign.text == "TM. ỦY BAN NHÂN DÂN" and sign.style.all_caps


def test_thuvienphapluat_style_container_is_preferred():
    page = ("<html><body><div id='menu'><a href='/'>Trang chủ</a></div><div id='divContentDoc'>"
            "<div class='content1'><div><div><p>Điều 1. Phạm vi điều chỉnh</p>"
            + "<p>Nội dung điều khoản của văn bản pháp luật được giữ nguyên.</p>" * 5
            + "</div></div></div><div class='content2'>Bản dịch tiếng Anh không thuộc văn bản</div></div>"
            "<div class='sidebar'>" + "<p>Tin tức pháp luật mới nhất trong tuần qua rất nhiều chữ.</p>" * 10
            + "</div></body></html>")
    texts = _texts(read_bytes(page.encode()))
    assert texts[0] == "Điều 1. Phạm vi điều chỉnh" and len(texts) == 6
