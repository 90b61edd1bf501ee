"""The PDF reader on real files (tests/fixtures/pdf, cut from the corpus; see README there).

What is checked is what a reader of the printed page sees: the letterhead read issuer column
first, words whole ("THÀNH PHỐ", "07/2024/QĐ-UBND", "/BC-UBND") where the text layer's own
spacing splits them, paragraphs joined across line wraps, page numbers and running headers
out of the body, a ruled task table kept as a table across a page break; legacy TCVN3 text
passed on untouched; a garbage text layer replaced by OCR; and the refusals (encrypted,
truncated, too large, Tesseract missing) as typed errors. Tests that run Tesseract on whole
pages are marked slow; here OCR is replaced by a stub where only the reader's decisions are
under test.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import struct

import pytest

from vbpl_parser.errors import CorruptDocument, DocumentTooLarge, EncryptedDocument, ToolMissing
from vbpl_parser.options import OcrOptions
from vbpl_parser.read import read_bytes
from vbpl_parser.read.document import Paragraph, Table
from vbpl_parser.read.pdf import ocr
from vbpl_parser.read.pdf.lines import Line, Word
from vbpl_parser.read.pdf.reader import read_pdf as _read_pdf
from vbpl_parser.read.pdf.textcheck import judge_layer

from .conftest import FIXTURES, run_for


def read_pdf(data, name=None):
    return _read_pdf(data, name, run_for(name))

PDF = FIXTURES / "pdf"
HN70 = PDF / "hn-qd-70-2024-p1.pdf"  # Hà Nội QĐ 07/2024: white-filled number, letterhead, Căn cứ
LDBC = PDF / "ld-bc-cchc-2025-p1-25-26.pdf"  # report p.1 + statistics table over pp. 25-26
VBPL = PDF / "vbpl-blhs-100-2015-p1-3.pdf"  # Công báo print: running header + page numbers
TCVN3 = PDF / "tcvn3-mpi-bc-kh2005-p1.pdf"  # TCVN3 glyphs in the text layer
OCRLAYER = PDF / "ld-cv-ocrlayer-btv-ptth.pdf"  # scan under a diacritic-less OCR layer
SCAN = PDF / "vpcp-cv-2450-kgvx-scan.pdf"  # scanned letter, no text layer
VBHN = PDF / "tt-09-2016-vbhn-p3.pdf"  # consolidated text: footnote mark in the body, note area
DIEULE = PDF / "bt-dieule-hhdn-p1.pdf"  # charter whose font maps "ư" to U+01A3

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
)


def _read(path):
    return read_pdf(path.read_bytes(), path.name)


def _texts(raw) -> list[str]:
    return [b.text for b in raw.blocks if isinstance(b, Paragraph)]


def _index(texts: list[str], pattern: str) -> int:
    for i, t in enumerate(texts):
        if re.search(pattern, t):
            return i
    raise AssertionError(f"no paragraph matches {pattern!r}")


@pytest.fixture(scope="module")
def hn70():
    return _read(HN70)


@pytest.fixture(scope="module")
def ldbc():
    return _read(LDBC)


# --------------------------------------------------------------------------- text layers

def test_letterhead_issuer_column_first_and_number_whole(hn70):
    texts = _texts(hn70)
    assert texts[:6] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HÀ NỘI",
        "Số: 07/2024/QĐ-UBND",  # "0␣␣␣␣␣7" in the text layer: digits and padding painted white
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 30 tháng năm 2024",
    ]
    assert hn70.format == "pdf" and hn70.pages == 1 and hn70.fallbacks == [] and hn70.ocr is None


def test_no_split_syllables_and_wrapped_lines_joined(hn70):
    text = "\n".join(_texts(hn70))
    assert "THÀNH PH Ố" not in text and "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" in text
    assert "Ban hành Quy định một số nội dung quản lý nhà nước về giá hàng hóa, dịch vụ trên địa bàn thành phố Hà Nội" in text
    texts = _texts(hn70)
    # one paragraph per legal basis, wrapped lines joined, the indented next one apart
    i = _index(texts, r"^Căn cứ Nghị định số 85/2024")
    assert texts[i] == ("Căn cứ Nghị định số 85/2024/NĐ-CP ngày 10 tháng 7 năm 2024 của Chính phủ quy định "
                        "chi tiết một số điều của Luật Giá;")
    assert texts[i + 1].startswith("Căn cứ Thông tư số 28/2024/TT-BTC")
    assert texts[_index(texts, r"^QUYẾT ĐỊNH:")] == "QUYẾT ĐỊNH:"
    assert texts[-1].startswith("Điều 1. Ban hành kèm theo Quyết định này")
    assert all(t == t.strip() and "  " not in t for t in texts)


def test_style_hints(hn70):
    first = hn70.blocks[_index(_texts(hn70), r"^QUYẾT ĐỊNH$")]
    assert first.style.bold and first.style.align == "center" and first.style.all_caps
    body = hn70.blocks[_index(_texts(hn70), r"^Căn cứ Luật Giá")]
    assert not body.style.bold and body.style.indent > 20 and 13 < body.style.font_size < 15


def test_stray_space_of_the_next_line_does_not_split_a_symbol(ldbc):
    texts = _texts(ldbc)
    assert "Số: /BC-UBND" in texts and not any("B C-UBND" in t for t in texts)


def test_page_numbers_and_running_header_kept_out_of_the_body():
    raw = _read(VBPL)
    body = "\n".join(_texts(raw))
    assert "CÔNG BÁO/Số 1263" not in body
    assert not any(re.fullmatch(r"\d{1,3}", t) for t in _texts(raw))
    furniture = [(p.page, p.zone, p.text) for p in raw.furniture]
    assert (1, "header", "40 CÔNG BÁO/Số 1263 + 1264/Ngày 31-12-2015") in furniture
    assert (2, "header", "CÔNG BÁO/Số 1263 + 1264/Ngày 31-12-2015 41") in furniture
    # the body still reads on across the page breaks
    assert "Quốc hội ban hành Bộ luật hình sự." in _texts(raw)


def test_bare_page_number_removed_but_real_numbers_kept(ldbc):
    raw = ldbc
    assert [(p.page, p.text) for p in raw.furniture if p.text.isdigit()] == [(3, "26")]
    assert any("năm 2025" in t for t in _texts(raw))


def test_ruled_table_kept_with_spans_and_merged_across_the_page_break(ldbc):
    raw = ldbc
    tables = [b for b in raw.blocks if isinstance(b, Table)]
    assert len(tables) == 1  # pages 25 and 26 hold one table
    t = tables[0]
    assert t.page == 2
    head = [(c.text, c.row_span, c.col_span) for c in t.rows[0]]
    assert head[0] == ("STT", 2, 1)
    assert head[2] == ("Kết quả thống kê", 1, 2)
    assert [c.text for c in t.rows[1]] == ["Đơn vị tính", "Số liệu"]
    first_col = [r[0].text for r in t.rows[2:]]
    assert first_col[:2] == ["1.", "2."] and "6." in first_col  # row "6." is printed on page 26
    assert len({tuple(c.text for c in r) for r in t.rows}) == len(t.rows)  # no repeated header row
    assert raw.reader == "pdfium+pdfplumber"


def test_footnotes_leave_the_body_and_follow_it_with_their_number():
    raw = _read(VBHN)
    body = [b for b in raw.blocks if isinstance(b, Paragraph) and b.zone == "body"]
    notes = [b for b in raw.blocks if isinstance(b, Paragraph) and b.zone == "footnote"]
    assert raw.blocks[-len(notes):] == notes  # appended after the body, like Word footnotes
    assert [(n.list_label, n.text[:40]) for n in notes] == [("2", "Khoản này được sửa đổi, bổ sung theo quy")]
    assert "10/2022/TT-BNNPTNT ngày 14/9/2022" in notes[0].text  # pdfium's line-end hyphen kept
    text = "\n".join(b.text for b in body)
    assert "Khoản này được sửa đổi" not in text
    # the superscript mark "kiểm dịch²" is not glued into the body text
    assert "Giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh" in text
    # a sentence continued from the previous page, and "Phụ lục I" wrapped to a line start
    assert body[0].text == "sản phẩm động vật không bảo đảm yêu cầu vệ sinh thú y."
    assert any(t.endswith("theo quy định tại mục 3 của Phụ lục I ban hành kèm theo Thông tư này.") for t in text.split("\n"))


def test_broken_u_horn_font_map_and_wrapped_capitals():
    texts = _texts(_read(DIEULE))
    assert "CHƯƠNG I" in texts and "Điều 1. Tên gọi, biểu tượng" in texts
    assert not any("ƣ" in t or "Ƣ" in t for t in texts)
    assert "2. Tên tiếng nước ngoài: BINH THUAN UNION OF BUSINESS ASSOCIAION." in texts  # sic
    assert "1. Tên tiếng Việt: HIỆP HỘI DOANH NGHIỆP TỈNH BÌNH THUẬN." in texts


def test_superscripts_marks_dropped_exponents_kept():
    from vbpl_parser.read.pdf.glyphs import Glyph, lines_from_glyphs

    def run(text, x, base=100.0, size=14.0, sup=False):
        out = []
        for ch in text:
            w = 0.5 * size if ch != " " else 0.25 * size
            out.append(Glyph(ch, x, x + w, base - 0.8 * size, base + 0.2 * size, base, size, False, False))
            x += w
        return out, x

    line, x = run("diện tích 120 m", 72)
    exp, x = run("2", x, base=95.0, size=8.0)
    rest, x = run(" và thú y", x)
    mark, _ = run("1", x, base=95.0, size=8.0)
    (ln,) = lines_from_glyphs(line + exp + rest + mark, 1)
    assert ln.text == "diện tích 120 m2 và thú y"


def test_tcvn3_text_layer_is_legacy_text_not_garbage():
    raw = _read(TCVN3)
    assert raw.fallbacks == [] and raw.ocr is None
    texts = _texts(raw)
    assert texts[0] == "B¸o c¸o"  # converted later by the cleaning stage, not here
    assert any(t.startswith("T×nh h×nh thùc hiÖn nhiÖm vô kÕ ho¹ch n¨m 2004") for t in texts)


def test_garbage_verdicts_on_real_layers():
    import pypdfium2 as pdfium

    def layer(path):
        pdf = pdfium.PdfDocument(path.read_bytes())
        try:
            return pdf[0].get_textpage().get_text_range()
        finally:
            pdf.close()

    bad = judge_layer(layer(OCRLAYER))  # 'TINH trY LAM DONG ... s6'
    assert not bad.usable and bad.reason == "garbage-text-layer"
    assert judge_layer(layer(HN70)).usable
    tcvn3 = judge_layer(layer(TCVN3))
    assert tcvn3.usable and tcvn3.legacy
    assert not judge_layer("?? N?? ?? ??? " * 10).usable  # a font without a Unicode map
    assert not judge_layer("\ue001\ue002 \ue003\ue004 " * 20).usable


def _stub_ocr(monkeypatch, lines_by_page):
    """Replace Tesseract by canned lines (the reader's decisions are under test, not OCR)."""
    calls = []

    def fake_many(jobs, run=None, **_):
        out = {}
        for page, render in jobs:
            image, dpi = render()
            calls.append((page, dpi, image.size))
            lines = []
            for k, text in enumerate(lines_by_page[page]):
                words = [Word(w, 80 + 40 * j, 110 + 40 * j, 100 + 20 * k, 112 + 20 * k, 12.0, conf=90.0)
                         for j, w in enumerate(text.split())]
                lines.append(Line([words], page))
            out[page] = ocr.OcrPage(lines, 595.0, 842.0, [90.0] * 5, dpi=dpi)
        return out

    monkeypatch.setattr(ocr, "ensure_tesseract", lambda *a, **k: "tesseract")
    monkeypatch.setattr(ocr, "ocr_many", fake_many)
    monkeypatch.setattr(ocr, "tesseract_version", lambda: "stub")
    return calls


def test_garbage_layer_triggers_ocr_fallback(monkeypatch):
    calls = _stub_ocr(monkeypatch, {1: ["Kính gửi: Sở Nội vụ tỉnh Lâm Đồng.",
                                        "Ban Biên tập Báo và Phát thanh, Truyền hình thống nhất cử đồng chí có tên sau:"]})
    raw = _read(OCRLAYER)
    assert raw.fallbacks == ["ocr:garbage-text-layer"]
    assert calls == [(1, 300, calls[0][2])]  # rendered at the scan's own 300 dpi
    assert raw.ocr is not None and raw.ocr.pages == [1] and raw.ocr.dpi == 300 and raw.ocr.language == "vie"
    text = "\n".join(_texts(raw))
    assert "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng." in text and "TINH trY" not in text


def test_scanned_page_goes_to_ocr_at_its_native_resolution(monkeypatch):
    calls = _stub_ocr(monkeypatch, {1: ["Kính gửi: Bộ trưởng Bộ Lao động - Thương binh và Xã hội."]})
    raw = _read(SCAN)
    assert raw.fallbacks == ["ocr:no-text-layer"]
    (page, dpi, size), = calls
    assert page == 1 and dpi == 200 and size[0] == pytest.approx(603 * 200 / 72, abs=2)
    assert raw.reader == "pdfium+tesseract"


def _outlined_text_pdf() -> bytes:
    """A page that draws 320 small glyph-like shapes and has no characters: text printed
    "as curves", which only OCR can read.
    """
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument.new()
    page = doc.new_page(595, 842)
    for k in range(320):
        x, y = 72 + (k % 40) * 11, 700 - (k // 40) * 20
        path = pdfium_c.FPDFPageObj_CreateNewPath(x, y)
        pdfium_c.FPDFPath_LineTo(path, x + 4, y + 10)
        pdfium_c.FPDFPath_LineTo(path, x + 8, y)
        pdfium_c.FPDFPath_Close(path)
        pdfium_c.FPDFPath_SetDrawMode(path, 1, 0)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_text_drawn_as_outlines_goes_to_ocr(monkeypatch):
    calls = _stub_ocr(monkeypatch, {1: ["Kính gửi: Sở Nội vụ tỉnh Lâm Đồng."]})
    raw = read_pdf(_outlined_text_pdf(), "curves.pdf")
    assert raw.fallbacks == ["ocr:no-text-layer"] and calls[0][1] == OcrOptions().render_dpi == 300  # no scan


def test_usable_layer_kept_when_ocr_reads_worse(monkeypatch):
    _stub_ocr(monkeypatch, {1: ["xx yy zz"]})
    raw = _read(OCRLAYER)
    assert raw.fallbacks == [] and raw.ocr is None
    assert any("OCR did not read them better" in w for w in raw.warnings)


# --------------------------------------------------------------------------- refusals

_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_pw: bytes = b"secret", owner_pw: bytes = b"owner") -> bytes:
    """A one-page PDF under the standard security handler (RC4 40-bit, revision 2).

    Built by hand (PDF 1.7, 7.6.3, algorithms 1-4) so the test needs no PDF writer;
    pdfium opens it with the password and decrypts the text.
    """
    def pad(pw: bytes) -> bytes:
        return (pw + _PAD)[:32]

    doc_id = hashlib.md5(b"vbpl-parser test").digest()
    perms = -44
    o_entry = _rc4(hashlib.md5(pad(owner_pw)).digest()[:5], pad(user_pw))
    key = hashlib.md5(pad(user_pw) + o_entry + struct.pack("<i", perms) + doc_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    stream = _rc4(hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10],
                  b"BT /F1 24 Tf 72 720 Td (Bao cao mat) Tj ET")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o_entry.hex().encode(), u_entry.hex().encode(), perms),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, doc_id.hex().encode(), doc_id.hex().encode(), xref))
    return bytes(out)


def test_password_protected_pdf_raises_encrypted():
    with pytest.raises(EncryptedDocument) as exc:
        read_pdf(encrypted_pdf(), "secret.pdf")
    assert "password" in str(exc.value) and exc.value.path == "secret.pdf"


def test_pdf_encrypted_with_an_empty_user_password_reads():
    raw = read_pdf(encrypted_pdf(user_pw=b""), "restricted.pdf")  # owner restrictions only
    assert _texts(raw) == ["Bao cao mat"]


def test_truncated_pdf_raises_corrupt():
    data = HN70.read_bytes()
    with pytest.raises(CorruptDocument):
        read_pdf(data[: len(data) // 2], "half.pdf")
    with pytest.raises(CorruptDocument):
        read_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "stub.pdf")


def _damaged(data: bytes, seed: int, count: int):
    import random

    rnd = random.Random(seed)
    for _ in range(count):
        buf = bytearray(data)
        if rnd.random() < 0.3:
            buf = buf[: rnd.randrange(len(buf))]
        else:
            for _ in range(rnd.randint(1, 100)):
                buf[rnd.randrange(len(buf))] = rnd.randrange(256)
        yield bytes(buf)


@pytest.mark.parametrize("path, count", [(TCVN3, 25), pytest.param(LDBC, 60, marks=pytest.mark.slow)])
def test_damaged_files_give_text_or_a_typed_error(path, count, monkeypatch):
    from vbpl_parser.errors import VbplError

    monkeypatch.setattr(ocr, "TESSERACT_CMD", "no-such-tesseract-binary")
    for data in _damaged(path.read_bytes(), 7, count):
        try:
            read_pdf(data, "damaged.pdf")
        except VbplError:
            pass


def test_limits_checked_before_reading(monkeypatch):
    monkeypatch.setenv("VBPL_PDF_MAX_PAGES", "2")
    with pytest.raises(DocumentTooLarge, match="3 pages"):
        _read(VBPL)
    monkeypatch.delenv("VBPL_PDF_MAX_PAGES")
    monkeypatch.setenv("VBPL_PDF_MAX_PAGE_SIDE_PT", "500")
    with pytest.raises(DocumentTooLarge, match="pt"):
        _read(HN70)


def test_render_limit_checked_before_ocr(monkeypatch):
    monkeypatch.setenv("VBPL_OCR_MAX_RENDER_PIXELS", "1000000")
    monkeypatch.setattr(ocr, "ocr_many", lambda *a, **k: pytest.fail("rendered despite the limit"))
    with pytest.raises(DocumentTooLarge, match="pixels"):
        _read(SCAN)


def test_missing_tesseract_names_the_debian_packages(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT_CMD", "no-such-tesseract-binary")
    with pytest.raises(ToolMissing) as exc:
        _read(SCAN)
    assert "tesseract-ocr tesseract-ocr-vie" in str(exc.value)


def test_missing_tesseract_keeps_the_usable_pages(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT_CMD", "no-such-tesseract-binary")
    raw = _read(HN70)  # nothing to OCR: Tesseract is never asked for
    assert raw.fallbacks == [] and _texts(raw)


def test_dispatcher_routes_pdf_bytes():
    raw = read_bytes(HN70.read_bytes(), "renamed.docx")
    assert raw.format == "pdf" and raw.reader.startswith("pdfium")


def test_whole_pipeline_on_a_text_pdf():
    import vbpl_parser

    doc = vbpl_parser.parse(HN70)
    assert "Số: 07/2024/QĐ-UBND" in doc.text and "THÀNH PHỐ HÀ NỘI" in doc.text
    assert doc.source.format == "pdf" and doc.source.pages == 1


# --------------------------------------------------------------------------- real OCR

@pytest.mark.slow
@needs_tesseract
def test_real_ocr_replaces_a_garbage_layer():
    raw = _read(OCRLAYER)
    assert raw.fallbacks == ["ocr:garbage-text-layer"]
    text = "\n".join(_texts(raw))
    assert "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng" in text
    assert "Phát thanh, Truyền hình" in text
    assert raw.ocr.mean_confidence > 80


@pytest.mark.slow
@needs_tesseract
def test_real_ocr_of_a_scanned_letter():
    raw = _read(SCAN)
    texts = _texts(raw)
    assert raw.fallbacks == ["ocr:no-text-layer"] and raw.ocr.dpi == 200 and raw.ocr.pages == [1]
    # letterhead: issuer column (number, subject) before the motto and the date
    issuer, number, motto = _index(texts, "^VĂN PHÒNG CHÍNH PHỦ$"), _index(texts, r"^Số: 2450/VPCP-KGVX$"), _index(texts, "^CỘNG HOÀ XÃ HỘI")
    assert issuer < number < motto < _index(texts, r"^Hà Nội, ngày 12 tháng 4 năm 2024$")
    assert texts[_index(texts, r"^V/v ")].endswith("30/4 và ngày Quốc tế lao động 01/5 năm 2024")
    assert any(t.startswith("1. Đồng ý với đề nghị tại văn bản nêu trên") for t in texts)
