""".doc / .rtf / .odt through LibreOffice, then the .docx reader, then the cleaning stage.

Fixtures (tests/fixtures/legacy/, see README.md there) are real corpus files, except the
TCVN3 RTF excerpt (verbatim header paragraphs of a real file in a minimal RTF shell) and
the small .odt made with LibreOffice. Conversions of all fixtures share one batch run, so
the default test run pays LibreOffice's start-up once; one-by-one conversions, the timeout
and the batch fallback are marked slow.
"""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

import vbpl_parser
from vbpl_parser.clean import assemble, clean
from vbpl_parser.clean.legacy import convert_legacy_lines
from vbpl_parser.errors import CorruptDocument, EncryptedDocument, ParseTimeout, ToolMissing, UnsupportedFormat
from vbpl_parser.options import Options
from vbpl_parser.read import read_bytes
from vbpl_parser.read.word.docx import read_docx as _read_docx
from vbpl_parser.read.word.legacy import read_many as _read_many
from vbpl_parser.read.word.libreoffice import check_convertible, convert_many, convert_to_docx, find_soffice
from vbpl_parser.read.word.ole import inspect_ole

from .conftest import run_for


def read_docx(data, name=None):
    return _read_docx(data, name, run_for(name))


def read_many(sources):
    return _read_many(sources, Options.from_env())

LEGACY = Path(__file__).parent / "fixtures" / "legacy"
VNI_DOC = LEGACY / "vni-bp-qd-991-2008.doc"
TCVN3_DOC = LEGACY / "tcvn3-ct-qd-256-2004.doc"
CP1258_RTF = LEGACY / "ld-phieutrinh-rtf.rtf"
TCVN3_RTF = LEGACY / "tcvn3-btc-tt-99-1998-excerpt.rtf"
ODT = LEGACY / "ubnd-ke-hoach-mau.odt"
ALL = [VNI_DOC, TCVN3_DOC, CP1258_RTF, TCVN3_RTF, ODT]

needs_soffice = pytest.mark.skipif(find_soffice() is None,
                                   reason="LibreOffice (Debian: libreoffice-writer-nogui) is not installed")


@pytest.fixture(scope="module")
def converted():
    """Every fixture read in one LibreOffice run, then cleaned: name -> CleanDoc."""
    raws = read_many([str(p) for p in ALL])
    out = {}
    for key, raw in raws.items():
        assert not isinstance(raw, Exception), raw
        out[Path(key).name] = (raw, clean(raw))
    return out


def _lines(raw) -> list[str]:
    """Paragraphs after the legacy conversion, before reflow and header splitting."""
    flat: list[str] = []
    for ln in assemble(raw):
        flat.extend(ln.cells if ln.cells is not None else [ln.text])
    return [" ".join(t.replace("\u2006", " ").split()) for t in convert_legacy_lines(flat)[0]]


@needs_soffice
def test_vni_doc(converted):
    raw, cd = converted[VNI_DOC.name]
    assert (raw.format, raw.reader) == ("doc", "libreoffice+docx")
    assert raw.converted_with.startswith("libreoffice 7") or raw.converted_with.startswith("libreoffice ")
    assert cd.encodings == ["vni"]
    lines = _lines(raw)
    assert "QUYẾT ĐỊNH" in lines
    assert any(ln.startswith("Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng") for ln in lines)
    assert "Độc lập - Tự do - Hạnh phúc" in cd.text


@needs_soffice
def test_tcvn3_doc(converted):
    raw, cd = converted[TCVN3_DOC.name]
    assert raw.format == "doc" and cd.encodings == ["tcvn3"]
    # .VnTimeH heading typed "QUYÕT §ÞNH ... THµNH PHè": capitals restored where the bytes show them
    assert "QUYẾT ĐỊNH của ủY BAN NHÂN DÂN THÀNH PHỐ cần thơ" in _lines(raw)
    assert "V/v ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010" in cd.text
    # the typist switched to .VnTimeH for the one capital TCVN3 lacks: "ñy" prints "Ủy"
    assert "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003;" in cd.text
    # lower-case bytes in the capitals font print in capitals (the reader passes the ranges on)
    assert "QUYẾT ĐỊNH\nCỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\nV/v ban hành" in cd.text
    assert "\nTM . UBND THÀNH PHỐ CẦN THƠ\nCHỦ TỊCH\n" in cd.text
    assert "\xad" not in cd.text  # every soft hyphen (TCVN3 "ư") came back as a letter


@needs_soffice
def test_cp1258_rtf(converted):
    """\\ansicpg1258 RTF: LibreOffice decodes it; nothing is left for the legacy converter."""
    raw, cd = converted[CP1258_RTF.name]
    assert raw.format == "rtf" and cd.encodings == []
    assert "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC" in _lines(raw)
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cd.text
    assert "3. Ý kiến các sở, ngành trình:" in cd.text
    assert "Phan Thiết, ngày" in cd.text


@needs_soffice
def test_tcvn3_rtf(converted):
    raw, cd = converted[TCVN3_RTF.name]
    assert raw.format == "rtf" and cd.encodings == ["tcvn3"]
    lines = _lines(raw)
    assert "Hướng dẫn thi hành Nghị định số 30/1998/NĐ-CP" in lines
    assert "Bộ Tài chính hướng dẫn thực hiện như sau:" in lines
    assert any("Độc lập - Tự do - Hạnh phúc" in ln for ln in lines)
    # typed "Bé tµi chÝnh", "th«ng t" + soft hyphen in .VnTimeH: printed in capitals
    assert cd.text.startswith("BỘ TÀI CHÍNH\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    assert "\nTHÔNG TƯ\nHướng dẫn thi hành" in cd.text


@needs_soffice
def test_header_of_a_legacy_document_typed_in_lower_case():
    """The letterhead and type line of an old .VnTimeH document are found once its capitals show;
    the "CỦA <issuer>" line under the type name is not the trích yếu."""
    rtf = vbpl_parser.parse(TCVN3_RTF)
    assert (rtf.metadata.issuer, rtf.metadata.doc_type, rtf.metadata.symbol) == ("Bộ Tài chính", "Thông tư",
                                                                                 "99/1998/TT-BTC")
    assert rtf.metadata.title.startswith("Hướng dẫn thi hành Nghị định số 30/1998/NĐ-CP")
    doc = vbpl_parser.parse(TCVN3_DOC)
    assert doc.metadata.issuer == "Ủy ban nhân dân thành phố Cần Thơ"
    assert doc.metadata.title == ("ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ "
                                  "giai đoạn 2004 - 2010")


@needs_soffice
def test_odt(converted):
    raw, cd = converted[ODT.name]
    assert raw.format == "odt" and cd.encodings == []
    assert "1. Sở Khoa học và Công nghệ chủ trì, hoàn thành trước ngày 30/6/2026." in _lines(raw)


def test_encrypted_doc_detected_without_libreoffice():
    data = bytearray(VNI_DOC.read_bytes())
    info = inspect_ole(bytes(data))
    assert info.is_word and info.word_encrypted is False
    # set fEncrypted in the FIB, as Word does for a password-protected file
    fib = _word_stream_offset(bytes(data))
    flags = struct.unpack_from("<H", data, fib + 0x0A)[0] | 0x0100
    struct.pack_into("<H", data, fib + 0x0A, flags)
    with pytest.raises(EncryptedDocument, match="password"):
        check_convertible(bytes(data), "secret.doc")


def test_encrypted_office_file_detected():
    """A password-protected .docx is an OLE file: sniffed as .doc, refused before LibreOffice."""
    with pytest.raises(EncryptedDocument, match="password"):
        read_bytes((LEGACY / "encrypted-password-secret.docx").read_bytes(), "encrypted-password-secret.docx")


def test_damaged_and_foreign_ole_files():
    data = VNI_DOC.read_bytes()
    with pytest.raises(CorruptDocument):
        check_convertible(data[:3000], "truncated.doc")
    with pytest.raises(CorruptDocument):
        check_convertible(data[:8] + bytes(4000), "zeros.doc")
    renamed = data.replace("WordDocument".encode("utf-16-le"), "Workbook\0\0\0\0".encode("utf-16-le"))
    with pytest.raises((UnsupportedFormat, CorruptDocument)):
        check_convertible(renamed, "sheet.doc")


def test_encrypted_odt_detected():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
        zf.writestr("META-INF/manifest.xml", '<manifest:file-entry><manifest:encryption-data/></manifest:file-entry>')
    with pytest.raises(EncryptedDocument):
        check_convertible(buf.getvalue(), "secret.odt")


def test_missing_libreoffice_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setenv("VBPL_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(ToolMissing, match="libreoffice-writer-nogui"):
        read_bytes(VNI_DOC.read_bytes(), VNI_DOC.name)
    results = convert_many([str(VNI_DOC)])
    assert isinstance(results[str(VNI_DOC)], ToolMissing)


def test_soft_hyphen_is_kept_for_the_legacy_converter():
    """<w:softHyphen/> is U+00AD, the TCVN3 byte for "ư": the .docx reader keeps it as text."""
    import docx as python_docx

    d = python_docx.Document()
    run = d.add_paragraph().add_run("ng")
    run._r.append(run._r.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}softHyphen", {}))
    d.paragraphs[0].add_run("êi ®­îc")
    buf = io.BytesIO()
    d.save(buf)
    raw = read_docx(buf.getvalue(), "soft.docx")
    assert raw.blocks[0].text == "ng\u00adêi ®\u00adîc"
    assert convert_legacy_lines([raw.blocks[0].text])[0] == ["người được"]


@needs_soffice
@pytest.mark.slow
def test_read_doc_standalone_through_dispatcher():
    raw = read_bytes(VNI_DOC.read_bytes(), VNI_DOC.name)
    assert raw.format == "doc" and raw.reader == "libreoffice+docx"
    assert "QUYẾT ĐỊNH" in clean(raw).text


@needs_soffice
@pytest.mark.slow
def test_batch_falls_back_to_one_by_one():
    """A file LibreOffice refuses does not cost the others their conversion."""
    bad_rtf = b"{\\rtf1 not really"
    results = convert_many([str(VNI_DOC), ("broken.rtf", bad_rtf), str(TCVN3_RTF)])
    assert isinstance(results[str(VNI_DOC)], bytes) and isinstance(results[str(TCVN3_RTF)], bytes)
    assert isinstance(results["broken.rtf"], CorruptDocument)
    assert "could not be loaded" in str(results["broken.rtf"])


@needs_soffice
@pytest.mark.slow
def test_timeout_kills_libreoffice(tmp_path):
    with pytest.raises(ParseTimeout):
        convert_to_docx(VNI_DOC.read_bytes(), VNI_DOC.name, timeout=0.05)


def _word_stream_offset(data: bytes) -> int:
    """File offset of the WordDocument stream (its FIB) in a small .doc."""
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    size = 1 << shift
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    base = (first_dir + 1) * size
    for off in range(base, base + size, 128):
        name_len = struct.unpack_from("<H", data, off + 0x40)[0]
        if data[off:off + name_len - 2].decode("utf-16-le", "replace") == "WordDocument":
            start = struct.unpack_from("<I", data, off + 0x74)[0]
            return (start + 1) * size
    raise AssertionError("no WordDocument stream in the first directory sector")
