"""Hostile and broken input: every case gives a typed error or a valid Document, never a crash.

The files are generated here (zipfile for .docx, pypdfium2 for PDF, bytes for the rest): no
binary fixtures. Each case says what it must give — a refusal by a named limit, a typed
error, or a Document whose offsets and outline pass :mod:`vbpl_parser.verify` — as decided
in ``docs/security.md``. The default run uses a cheap version of each case (small input, or
the same input against a lowered limit); ``-m slow`` runs the full-size ones.
``bench/fuzz.py hostile`` runs the full-size cases one per process and reports time and
peak memory; ``bench/fuzz.py run`` uses the generators below as fuzzing seeds.

The lossless check (:func:`letters_lost`) is also here: every letter and digit of a text
input must reach ``Document.text``, in order.
"""
from __future__ import annotations

import atexit
import ctypes
import io
import json
import os
import random
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import vbpl_parser
from vbpl_parser import Limits
from vbpl_parser.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    ParseTimeout,
    UnsupportedFormat,
    VbplError,
)
from vbpl_parser.verify import item_problems, outline_problems

from .conftest import FIXTURES, TEXT_FIXTURES

SHARED_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docs"

# ----------------------------------------------------------------------------- generators

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')


def _rels(targets: list[tuple[str, str, str | None]]) -> str:
    items = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"'
                    + (f' TargetMode="{mode}"' if mode else "") + "/>"
                    for i, (kind, target, mode) in enumerate(targets, 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}'
            '</Relationships>')


def w_para(text: str = "", num_id: int | None = None) -> str:
    """One Word paragraph (``num_id``: auto-numbered, level 0)."""
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def w_document(body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>') -> str:
    return f'{prolog}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def numbering_xml(fmt: str, start: int, template: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">'
            f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{template}"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def docx_package(document: str | bytes, parts: dict[str, str | bytes] | None = None,
                 doc_rels: list[tuple[str, str, str | None]] | None = None) -> bytes:
    """A minimal .docx: content types, package relationships, ``word/document.xml`` and ``parts``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _rels([("officeDocument", "word/document.xml", None)]))
        zf.writestr("word/document.xml", document)
        if doc_rels:
            zf.writestr("word/_rels/document.xml.rels", _rels(doc_rels))
        for name, data in (parts or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


LETTERHEAD = ["ỦY BAN NHÂN DÂN", "TỈNH THỪA THIÊN HUẾ", "Số: 24/KH-UBND", "KẾ HOẠCH",
              "Triển khai nhiệm vụ năm 2024", "1. Mục tiêu", "a) Sở Y tế chủ trì, hoàn thành trước ngày 30/6/2024."]


def small_docx() -> bytes:
    return docx_package(w_document("".join(w_para(t) for t in LETTERHEAD)))


def billion_laughs_dtd(root: str, depth: int = 9, width: int = 10) -> str:
    """The classic entity-expansion DTD: &lol{depth}; expands to width**depth "lol"s."""
    ents = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * width}">' for i in range(1, depth + 1))
    return f"<!DOCTYPE {root} [{ents}]>"


def zip_bomb_docx(zeros: int) -> bytes:
    """A valid .docx plus one entry of ``zeros`` zero bytes (deflates about 1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf, zipfile.ZipFile(io.BytesIO(small_docx())) as src:
        for info in src.infolist():
            zf.writestr(info.filename, src.read(info))
        with zf.open("word/media/bomb.bin", "w", force_zip64=zeros > 2**31) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(zeros >> 20):
                fh.write(chunk)
    return buf.getvalue()


def zip_bomb_odt(zeros: int) -> bytes:
    """An OpenDocument text whose manifest inflates ~1000:1: refused before LibreOffice (or we) inflate it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
        with zf.open("META-INF/manifest.xml", "w", force_zip64=zeros > 2**31) as fh:
            fh.write(b"<m/>")
            for _ in range(zeros >> 20):
                fh.write(b" " * (1 << 20))
    return buf.getvalue()


def lying_sizes_docx() -> bytes:
    """document.xml inflates to 20 MB but the ZIP declares 2 KB: the declared size must bound it."""
    real = w_document(w_para("ỦY BAN NHÂN DÂN") + " " * (20 << 20)).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _rels([("officeDocument", "word/document.xml", None)]))
        zf.writestr("word/document.xml", real)
    data = bytearray(buf.getvalue())
    size = struct.pack("<I", len(real))
    fake = struct.pack("<I", 2048)
    assert data.count(size) >= 2
    return bytes(data.replace(size, fake))  # local header and central directory alike


def many_entries_docx(n: int) -> bytes:
    return docx_package(w_document(w_para("x")), {f"word/media/e{i}.bin": b"" for i in range(n)})


def nested_tables_docx(depth: int) -> bytes:
    body = "<w:tbl><w:tr><w:tc>" * depth + w_para("ỦY BAN NHÂN DÂN") + "</w:tc></w:tr></w:tbl>" * depth
    return docx_package(w_document(body))


def numbering_bomb_docx(paragraphs: int) -> bytes:
    """Labels in letter format grow with the count ("zzzz..."), repeated 2000 times per label."""
    body = "".join(w_para("x", num_id=1) for _ in range(paragraphs))
    return docx_package(w_document(body), {"word/numbering.xml": numbering_xml("lowerLetter", 1, "%1" * 2000)},
                        doc_rels=[("numbering", "numbering.xml", None)])


def xxe_docx(secret: Path) -> bytes:
    prolog = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document '
              f'[<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>')
    return docx_package(w_document(w_para("ỦY BAN NHÂN DÂN") + w_para("&xxe;"), prolog=prolog))


def escaping_rels_docx(secret: Path) -> bytes:
    """Relationships pointing out of the package: never followed outside the ZIP."""
    rels = [("styles", "../../../../../../" + str(secret).lstrip("/"), None),
            ("numbering", secret.as_uri(), "External"), ("footnotes", "/" + str(secret).lstrip("/"), None)]
    return docx_package(w_document("".join(w_para(t) for t in LETTERHEAD)), doc_rels=rels)


def pdf_pages(n: int, size: tuple[float, float] = (595, 842), text: str | None = None) -> bytes:
    """A PDF of ``n`` pages; with ``text``, the first page carries it in Helvetica (ASCII only)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    pdf = pdfium.PdfDocument.new()
    for i in range(n):
        page = pdf.new_page(*size)
        if text and i == 0:
            for k, line in enumerate(text.splitlines()):
                obj = c.FPDFPageObj_NewTextObj(pdf, b"Helvetica", 11.0)
                wide = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
                c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(c.FPDF_WCHAR)))
                c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, size[1] - 72 - 14 * k)
                c.FPDFPage_InsertObject(page, obj)
            c.FPDFPage_GenerateContent(page)
        page.close()
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


ASCII_LETTER = "UY BAN NHAN DAN\nTINH THUA THIEN HUE\nSo: 24/KH-UBND\nKE HOACH\n1. Muc tieu\na) So Y te chu tri."


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` grey pixels (the data is a stub)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def text_bytes(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8")


def bullets(n: int, nested: bool) -> bytes:
    """``n`` bullet lines: all siblings, or cycling through marker kinds so each nests deeper."""
    kinds = ["-", "+", "•", "*", "a)", "(1)", "1.", "1.1.", "1.1.1.", "I.", "A."]
    lines = ["KẾ HOẠCH", "Triển khai nhiệm vụ năm 2024"]
    for i in range(n):
        marker = kinds[i % len(kinds)] if nested else "-"
        lines.append(f"{marker} Nhiệm vụ {i}: Sở Y tế chủ trì thực hiện")
    return text_bytes(lines)


def long_line(chars: int) -> bytes:
    unit = "Sở Y tế chủ trì, phối hợp thực hiện nhiệm vụ trước ngày 30/6/2024 "
    return ("KẾ HOẠCH\n" + unit * (chars // len(unit) + 1))[:chars].encode("utf-8")


def big_text(megabytes: int) -> bytes:
    src = (FIXTURES / "text" / "tthue-kh-24-2024.txt").read_bytes()
    return (src + b"\n") * (megabytes * 2**20 // (len(src) + 1) + 1)


def mixed_encodings() -> bytes:
    cp1258 = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh\n").encode("cp1258", "replace")
    return ("ỦY BAN NHÂN DÂN\n".encode() + cp1258 + "Số: 24/KH-UBND\n".encode()
            + b"\xc3\x28 invalid utf-8 \xe2\x82\n" + "1. Nhiệm vụ\n".encode())


RTL_EMOJI = ("ỦY BAN NHÂN DÂN\nשלום עולם 🙂🇻🇳 مرحبا بالعالم\n1. Nhiệm vụ 👩‍👩‍👧‍👦 trước ngày 30/6/2024\n"
             "\u202eRTL override\u202c ﬁ ǅ İ ß x\u0301\u0302\u0303\n- Ghi chú ✓ ➢ ❖")


def random_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def deep_html(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>ỦY BAN NHÂN DÂN</p><p>1. Nhiệm vụ</p>" + "</div>" * depth
            + "</body></html>").encode()


def laughs_html() -> bytes:
    return (billion_laughs_dtd("html") + "<html><body><p>ỦY BAN NHÂN DÂN</p><p>&lol9;</p>"
            "<p>1. Nhiệm vụ</p></body></html>").encode()


def xxe_html(secret: Path) -> bytes:
    return (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><html><body><p>ỦY BAN NHÂN DÂN</p>'
            f'<p>&xxe;</p><iframe src="{secret.as_uri()}"></iframe></body></html>').encode()


def wide_html_table(colspan: int, rows: int) -> bytes:
    cells = "".join(f'<tr><td colspan="{colspan}" rowspan="{colspan}">ô {i}</td><td>b</td></tr>' for i in range(rows))
    return f"<html><body><p>KẾ HOẠCH</p><table>{cells}</table></body></html>".encode()


# ----------------------------------------------------------------------------- the cases

Outcome = type  # Document or a VbplError subclass


@dataclass(frozen=True)
class Case:
    """One hostile input: ``make(full)`` gives its bytes (``full``: the size of the issue's case),
    ``expect`` the outcomes allowed, ``limits(full)`` the limits to parse it with."""

    name: str
    file_name: str
    make: Callable[[bool], bytes]
    expect: tuple[Outcome, ...]
    limits: Callable[[bool], Limits | None] = field(default=lambda full: None)
    full_differs: bool = False  # the full version is a different (larger) input or limit


def _secret() -> Path:
    path = Path(tempfile.gettempdir()) / f"vbpl-hostile-secret-{os.getpid()}.txt"
    if not path.exists():
        path.write_text("TOPSECRET-7f3a9 root:x:0:0\n", encoding="utf-8")
        atexit.register(path.unlink, missing_ok=True)
    return path


SECRET_MARK = "TOPSECRET-7f3a9"
D = vbpl_parser.Document

CASES: list[Case] = [
    Case("empty", "empty.txt", lambda full: b"", (EmptyDocument,)),
    Case("whitespace", "blank.txt", lambda full: b" \r\n\t \n" * 100, (EmptyDocument,)),
    Case("zero-byte-docx", "empty.docx", lambda full: b"", (EmptyDocument,)),
    Case("docx-truncated-half", "cut.docx", lambda full: small_docx()[: len(small_docx()) // 2], (CorruptDocument,)),
    Case("docx-truncated-eocd", "cut.docx", lambda full: small_docx()[:-1], (CorruptDocument,)),
    Case("docx-header-only", "cut.docx", lambda full: small_docx()[:30], (CorruptDocument,)),
    Case("docx-malformed-xml", "bad.docx",
         lambda full: docx_package(w_document(w_para("x")).replace("</w:body>", "<w:p>")), (CorruptDocument,)),
    Case("docx-xml-nul", "nul.docx", lambda full: docx_package(w_document(w_para("a\x00b"))), (CorruptDocument,)),
    Case("docx-empty-part", "nopart.docx", lambda full: docx_package(""), (CorruptDocument,)),
    Case("docx-not-wordml", "html.docx", lambda full: docx_package("<html><body>x</body></html>"),
         (CorruptDocument,)),
    Case("docx-no-body", "nobody.docx", lambda full: docx_package(f'<w:document xmlns:w="{W}"/>'),
         (CorruptDocument,)),
    Case("docx-binary-part", "binpart.docx", lambda full: docx_package(random_bytes(5000)), (CorruptDocument,)),
    Case("zip-bomb-ratio", "bomb.docx", lambda full: zip_bomb_docx((1024 if full else 32) << 20),
         (DocumentTooLarge,), full_differs=True),
    Case("zip-bomb-total", "big.docx", lambda full: zip_bomb_docx(4 << 20),
         (DocumentTooLarge,), limits=lambda full: Limits(zip_max_ratio=1e9, zip_max_uncompressed_bytes=2 << 20)),
    Case("zip-bomb-odt", "bomb.odt", lambda full: zip_bomb_odt((1024 if full else 32) << 20), (DocumentTooLarge,),
         full_differs=True),
    Case("zip-lying-sizes", "liar.docx", lambda full: lying_sizes_docx(), (CorruptDocument,)),
    Case("zip-many-entries", "many.docx", lambda full: many_entries_docx(25_000 if full else 50),
         (DocumentTooLarge,), limits=lambda full: None if full else Limits(zip_max_entries=20), full_differs=True),
    Case("zip-not-docx", "sheet.docx", lambda full: _zip({"xl/workbook.xml": "<workbook/>", "a.txt": "x"}),
         (UnsupportedFormat,)),
    Case("billion-laughs-docx", "laughs.docx",
         lambda full: docx_package(w_document(w_para("&lol9;"), prolog='<?xml version="1.0"?>'
                                              + billion_laughs_dtd("w:document"))), (CorruptDocument,)),
    Case("billion-laughs-html", "laughs.html", lambda full: laughs_html(), (D,)),
    Case("xxe-docx", "xxe.docx", lambda full: xxe_docx(_secret()), (CorruptDocument,)),
    Case("xxe-html", "xxe.html", lambda full: xxe_html(_secret()), (D,)),
    Case("docx-rels-escape", "rels.docx", lambda full: escaping_rels_docx(_secret()), (D,)),
    Case("docx-nested-tables-60", "nest.docx", lambda full: nested_tables_docx(60), (D,)),
    Case("docx-nested-tables-200", "nest.docx", lambda full: nested_tables_docx(200), (CorruptDocument,)),
    Case("docx-numbering-bomb", "num.docx", lambda full: numbering_bomb_docx(20_000 if full else 500),
         (D, DocumentTooLarge), full_differs=True),  # full size: refused by the ZIP ratio
    Case("pdf-truncated", "cut.pdf", lambda full: pdf_pages(2, text=ASCII_LETTER)[:-200],
         (D, CorruptDocument, EmptyDocument)),
    Case("pdf-header-only", "cut.pdf", lambda full: pdf_pages(1, text=ASCII_LETTER)[:40], (CorruptDocument,)),
    Case("pdf-encrypted", "secret.pdf", lambda full: _encrypted_pdf(), (EncryptedDocument,)),
    Case("pdf-5000-blank-pages", "blank.pdf", lambda full: pdf_pages(5000), (DocumentTooLarge,)),
    Case("pdf-2000-blank-pages", "blank.pdf", lambda full: pdf_pages(2000), (EmptyDocument,)),
    Case("pdf-huge-page", "huge.pdf", lambda full: pdf_pages(1, (20000, 20000)), (DocumentTooLarge,)),
    Case("pdf-text", "text.pdf", lambda full: pdf_pages(3, text=ASCII_LETTER), (D,)),
    Case("pdf-junk", "junk.pdf", lambda full: b"%PDF-1.7\n" + random_bytes(20000), (CorruptDocument,)),
    Case("junk-named-docx", "junk.docx", lambda full: random_bytes(200_000 if full else 20_000), (UnsupportedFormat,)),
    Case("junk-zip-header", "junk.docx", lambda full: b"PK\x03\x04" + random_bytes(5000), (CorruptDocument,)),
    Case("junk-ole-header", "junk.doc", lambda full: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random_bytes(5000),
         (CorruptDocument,)),
    Case("image-pixel-bomb", "bomb.png", lambda full: png_header(100_000, 100_000), (DocumentTooLarge,)),
    Case("image-bad-bmp", "bad.bmp", lambda full: b"BM" + struct.pack("<IHHI", 100, 0, 0, 54) + b"\x36" * 60,
         (CorruptDocument,)),
    Case("image-junk-png", "junk.png", lambda full: b"\x89PNG\r\n\x1a\n" + random_bytes(500), (CorruptDocument,)),
    Case("text-50mb", "big.txt", lambda full: big_text(50 if full else 2), (DocumentTooLarge,),
         limits=lambda full: None if full else Limits(max_text_chars=1_000_000), full_differs=True),
    Case("bullets-siblings", "bullets.txt", lambda full: bullets(10_000, nested=False), (D,)),
    Case("bullets-nested", "nested.txt", lambda full: bullets(10_000, nested=True), (D,)),
    Case("line-1mb", "line.txt", lambda full: long_line((8 if full else 1) << 20), (D,), full_differs=True),
    Case("mixed-encodings", "mixed.txt", lambda full: mixed_encodings(), (D,)),
    Case("utf16-bom", "u16.txt", lambda full: "\ufeffỦY BAN NHÂN DÂN\n1. Nhiệm vụ".encode("utf-16-le"), (D,)),
    Case("utf16-no-bom", "u16.txt", lambda full: "ỦY BAN NHÂN DÂN\n1. Nhiệm vụ".encode("utf-16-le"),
         (UnsupportedFormat,)),
    Case("rtl-emoji", "rtl.txt", lambda full: RTL_EMOJI.encode(), (D,)),
    Case("nul-stray", "nul.txt", lambda full: "ỦY BAN\x00 NHÂN DÂN\n1. Nhiệm\x00 vụ".encode(), (D,)),
    Case("nul-only", "nul.txt", lambda full: b"\x00" * 4096, (UnsupportedFormat,)),
    Case("nul-html", "nul.html", lambda full: b"<html><body><p>\x00\x00 ZERO</p><p>1. a\x00b</p></body></html>", (D,)),
    Case("html-deep", "deep.html", lambda full: deep_html(100_000 if full else 5_000), (D,), full_differs=True),
    Case("html-colspan", "wide.html", lambda full: wide_html_table(10**9, 200), (D,)),
    Case("html-junk", "junk.html", lambda full: b"<html><body>" + random_bytes(50_000).replace(b"\x00", b" "),
         (D, EmptyDocument)),
]


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from .test_read_pdf import encrypted_pdf

    return encrypted_pdf()


def parse_case(case: Case, full: bool = False, data: bytes | None = None) -> D | VbplError:
    """The Document or the typed error for a case; any other exception propagates."""
    data = case.make(full) if data is None else data
    try:
        return vbpl_parser.parse_bytes(data, case.file_name, limits=case.limits(full))
    except VbplError as exc:
        return exc


def check_outcome(case: Case, result: D | VbplError) -> None:
    assert isinstance(result, case.expect), f"{case.name}: got {type(result).__name__}: {result}"
    if isinstance(result, VbplError):
        message = str(result)
        assert case.file_name in message, f"the message names the file: {message}"
        assert "\n" not in message, "one line"
        return
    assert outline_problems(result) == []
    assert item_problems(result) == []
    dumped = result.model_dump_json()
    assert SECRET_MARK not in dumped, "content from outside the input leaked into the output"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_gives_a_typed_error_or_a_valid_document(case):
    check_outcome(case, parse_case(case))


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.full_differs], ids=[c.name for c in CASES if c.full_differs])
def test_hostile_input_full_size(case):
    check_outcome(case, parse_case(case, full=True))


def test_expansions_stay_small():
    """Entity and numbering expansions are not performed: the output stays the input's size."""
    laughs = parse_case(next(c for c in CASES if c.name == "billion-laughs-html"))
    assert len(laughs.text) < 1000 and laughs.text.count("lol") < 10
    numbered = parse_case(next(c for c in CASES if c.name == "docx-numbering-bomb"))
    assert len(numbered.text) < 500 * 300


def test_rels_outside_the_package_are_never_read():
    doc = parse_case(next(c for c in CASES if c.name == "docx-rels-escape"))
    assert "ỦY BAN NHÂN DÂN" in doc.text and SECRET_MARK not in doc.model_dump_json()


def test_text_refused_before_the_pipeline_reads_it():
    """The text limit is checked right after decoding: a refused file costs little memory."""
    import tracemalloc

    data = big_text(4)
    tracemalloc.start()
    try:
        with pytest.raises(DocumentTooLarge, match="max_text_chars"):
            vbpl_parser.parse_bytes(data, "big.txt", limits=Limits(max_text_chars=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * len(data), f"peak {peak / 2**20:.0f} MB for a {len(data) / 2**20:.0f} MB input"


@pytest.mark.slow
def test_50mb_text_is_refused_in_bounded_memory(tmp_path):
    """The issue's 50 MB text file, in its own process: refused by max_text_chars, peak RSS measured."""
    path = tmp_path / "big.txt"
    path.write_bytes(big_text(50))
    code = ("import resource, vbpl_parser, sys\n"
            "try:\n    vbpl_parser.parse_file(sys.argv[1])\nexcept vbpl_parser.DocumentTooLarge as e:\n    print('refused')\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    lines = out.stdout.split()
    assert lines[0] == "refused", out.stderr
    assert int(lines[1]) < 1_000_000, f"peak RSS {int(lines[1]) // 1024} MB"  # KB


FUZZ_FIXTURES = sorted(p for p in (FIXTURES / "fuzz").glob("*") if p.suffix != ".md")


@pytest.mark.parametrize("path", FUZZ_FIXTURES, ids=lambda p: p.name)
def test_fuzz_regressions(path):
    """Inputs bench/fuzz.py found (the README beside them says what each broke)."""
    try:
        doc = vbpl_parser.parse_bytes(path.read_bytes(), path.name)
    except VbplError as exc:
        assert "\n" not in str(exc)
        return
    assert outline_problems(doc) == [] and item_problems(doc) == []
    doc.model_dump_json()


# ----------------------------------------------------------------------------- str inputs

def test_lone_surrogates_and_controls_in_a_str():
    doc = vbpl_parser.parse_text("ỦY BAN\ud800 NHÂN DÂN\n1. Nhiệm vụ\udfff\x00\x1b[31m\x7f\n2. Việc")
    assert "\ufffd" in doc.text and outline_problems(doc) == []
    json.loads(doc.model_dump_json())


def test_a_one_line_str_too_long_for_a_file_name_is_text():
    doc = vbpl_parser.parse("Sở Y tế chủ trì " * 300)
    assert doc.text.startswith("Sở Y tế")


def test_unreadable_path_is_a_typed_error(tmp_path):
    with pytest.raises(vbpl_parser.InputNotFound):
        vbpl_parser.parse_file(tmp_path / "missing.docx")
    with pytest.raises(vbpl_parser.InputNotFound):
        vbpl_parser.parse_file(tmp_path)  # a folder
    with pytest.raises(VbplError):
        vbpl_parser.parse_file(tmp_path / ("x" * 5000 + ".txt"))  # name too long for the OS


def test_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"qd-\xff\xfe.txt")
    path = tmp_path / name
    path.write_bytes("ỦY BAN NHÂN DÂN\n1. Nhiệm vụ".encode())
    doc = vbpl_parser.parse_file(path)
    assert "\\xff" in json.loads(doc.model_dump_json())["source"]["file_name"]


# ----------------------------------------------------------------------------- limits and the time limit

def test_limits_from_environment(monkeypatch):
    monkeypatch.setenv("VBPL_MAX_INPUT_BYTES", "1K")
    with pytest.raises(DocumentTooLarge, match="1,024-byte limit") as exc:
        vbpl_parser.parse_bytes(b"x" * 2000, "a.txt")
    assert "VBPL_MAX_INPUT_BYTES" in str(exc.value)
    monkeypatch.setenv("VBPL_MAX_INPUT_BYTES", "lots")
    with pytest.raises(ValueError, match="max_input_bytes"):
        Limits.from_env()


def test_explicit_limits_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("VBPL_MAX_INPUT_BYTES", "10")
    doc = vbpl_parser.parse_bytes("ỦY BAN NHÂN DÂN".encode(), limits=Limits())
    assert doc.text == "ỦY BAN NHÂN DÂN"


def test_limits_round_trip_through_the_environment():
    lim = Limits(max_input_bytes=12345, zip_max_ratio=50.5, time_limit=None)
    assert Limits.from_env(lim.to_env()) == lim


def _slow_text() -> str:
    return "KẾ HOẠCH\n" + "".join(f"- Nhiệm vụ số {i} giao Sở Y tế chủ trì thực hiện\n" for i in range(40_000))


def test_time_limit_in_the_main_thread_and_handler_restored():
    with pytest.raises(ParseTimeout, match="time limit"):
        vbpl_parser.parse_text(_slow_text(), limits=Limits(time_limit=0.2))
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert vbpl_parser.parse_text("1. a\n2. b").sections


def test_time_limit_in_a_thread_uses_checkpoints():
    errors: list[BaseException] = []

    def run():
        try:
            vbpl_parser.parse_text(_slow_text(), limits=Limits(time_limit=0.2))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    th = threading.Thread(target=run)
    th.start()
    th.join(120)
    assert len(errors) == 1 and isinstance(errors[0], ParseTimeout)


def test_someone_elses_alarm_is_left_alone():
    fired = []
    mine = lambda *a: fired.append(1)  # noqa: E731
    old = signal.signal(signal.SIGALRM, mine)
    try:
        vbpl_parser.parse_text("1. a\n2. b", limits=Limits(time_limit=30))
        assert signal.getsignal(signal.SIGALRM) is mine  # not replaced, not reset
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer started for it
    finally:
        signal.signal(signal.SIGALRM, old)
    assert fired == []


def test_cli_limits(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("ỦY BAN NHÂN DÂN\n1. Nhiệm vụ\n", encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, "-m", "vbpl_parser.cli", "parse", *args],  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    out = run(str(src), "--max-size", "10")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "a.txt" in out.stderr and "max_input_bytes" in out.stderr
    out = run(str(src), "--limit", "max_text_chars=5", "-o", str(tmp_path / "out"), "-q")
    assert out.returncode == 1
    record = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert record["kind"] == "document_too_large" and "max_text_chars" in record["hint"]
    assert run(str(src), "--limit", "no_such_limit=1").returncode == 2
    assert run(str(src), "--limit", "pdf_max_pages=many").returncode == 2


# ----------------------------------------------------------------------------- batch

def test_batch_records_every_hostile_file_as_done_or_typed_error(tmp_path):
    """The CLI batch over the cheap cases: each input has an output or an errors.jsonl line,
    none is an internal error or a crashed worker."""
    from vbpl_parser.batch.discover import is_document_name

    src = tmp_path / "in"
    src.mkdir()
    names = []
    for case in CASES:
        if case.limits(False) is not None or not is_document_name(case.file_name):
            continue  # needs a lowered limit, or not picked from a folder (.bmp): covered directly
        name = f"{case.name}-{case.file_name}"
        (src / name).write_bytes(case.make(False))
        names.append(name)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "vbpl_parser.cli", "parse", str(src), "-o", str(out), "-q", "-j", "2"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 1, proc.stderr
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = {Path(r["file"]).name: r["kind"] for r in records}
    assert not {n: k for n, k in failed.items() if k in ("internal_error", "worker_crashed", "timeout")}
    done = {p.name[: -len(".json")] for p in out.glob("*.json")}
    assert set(names) == set(failed) | done


# ----------------------------------------------------------------------------- no writes outside the job

def _snapshot(folder: Path) -> dict[str, tuple[int, float]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime) for p in folder.rglob("*")}


def test_reading_writes_nothing_next_to_the_input_or_in_the_cwd(tmp_path, monkeypatch):
    """Every reader (text, .docx, HTML, PDF, OCR, LibreOffice, and their failures) from a
    read-only folder that is also the working directory: nothing appears there, and the
    private temporary folder is empty afterwards (LibreOffice and Tesseract clean up)."""
    ro = tmp_path / "inputs"
    ro.mkdir()
    files = [FIXTURES / "text" / "ttg-qd-12-2024.txt", FIXTURES / "docx" / "ld-tb-ketluan-caotoc.docx",
             FIXTURES / "html" / "cp-nd-30-2020-word-excerpt.htm", FIXTURES / "pdf" / "tt-09-2016-vbhn-p3.pdf",
             FIXTURES / "pdf" / "vpcp-cv-2450-crop-200dpi.png", FIXTURES / "legacy" / "tcvn3-btc-tt-99-1998-excerpt.rtf"]
    for f in files:
        (ro / f.name).write_bytes(f.read_bytes())
    (ro / "broken.rtf").write_bytes(b"{\\rtf1 " + b"x" * 10)  # LibreOffice: "could not be loaded"
    (ro / "broken.docx").write_bytes(small_docx()[:500])
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.chdir(ro)
    ro.chmod(0o555)
    try:
        before = _snapshot(ro)
        results = {}
        for path in sorted(ro.iterdir()):
            try:
                results[path.name] = vbpl_parser.parse_file(path)
            except VbplError as exc:
                results[path.name] = exc
        after = _snapshot(ro)
    finally:
        ro.chmod(0o755)
    assert before == after
    assert list(private.iterdir()) == []
    assert isinstance(results["broken.docx"], CorruptDocument)
    assert isinstance(results["broken.rtf"], VbplError)
    assert all(isinstance(results[f.name], vbpl_parser.Document) for f in files)


def test_libreoffice_killed_on_timeout_leaves_no_temporary_file(tmp_path, monkeypatch):
    """An RTF that makes LibreOffice hang ("\\bin" with a huge length): killed at the limit, and
    its own files ("lu*.tmp" in its TMPDIR) go with our private folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with pytest.raises(ParseTimeout, match="LibreOffice"):
        vbpl_parser.parse_bytes(b"{\\rtf1 \\bin999999999 " + random_bytes(300), "hang.rtf",
                                limits=Limits(libreoffice_timeout=3))
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------- nothing lost

# Deliberate removals, documented in docs/security.md: letters/digits are compared after NFC
# and the Ð/ð -> Đ/đ repair; the portal's empty "<jsontable ...></jsontable>" stubs are
# dropped by the text reader. Everything else that cleaning removes (zero-width and control
# characters, table pipes, Markdown rules, repeated spaces) holds no letter or digit.
_DELIBERATE = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text).translate(_DELIBERATE) if c.isalnum())


def letters_lost(source: str, output: str) -> str | None:
    """Where letters/digits of ``source`` are missing from ``output`` (None: nothing lost).

    Order is kept line by line; a run of pipe-table lines is one unit whose cells may come
    out in any order inside it, because letterhead and signature tables are read column by
    column (the issuer before the motto), as the reader documents.
    """
    out = _letters(output)
    pos = 0
    units: list[list[str]] = []
    table: list[str] = []
    for line in source.splitlines():
        if line.strip().startswith("<jsontable") and line.strip().endswith("</jsontable>"):
            continue
        if "|" in line:
            table.extend(_letters(cell) for cell in line.split("|"))
            continue
        if table:
            units.append(table)
            table = []
        units.append([_letters(line)])
    if table:
        units.append(table)
    for unit in units:
        end = pos
        for piece in unit:
            if not piece:
                continue
            at = out.find(piece, pos)
            if at < 0:
                return f"{piece[:60]!r} not found after output letter {pos}: {out[pos:pos + 60]!r}"
            end = max(end, at + len(piece))
        pos = end
    return None


def _corpus_texts() -> list[Path]:
    shared = sorted(SHARED_DOCS.glob("*.txt")) + sorted(SHARED_DOCS.glob("*.md")) if SHARED_DOCS.is_dir() else []
    return TEXT_FIXTURES + shared


@pytest.mark.parametrize("path", _corpus_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_letter_of_a_text_file_reaches_the_output(path):
    from vbpl_parser.read.plaintext import decode_text

    source, _ = decode_text(path.read_bytes())
    doc = vbpl_parser.parse_file(path)
    assert letters_lost(source, doc.text) is None, letters_lost(source, doc.text)


def test_letters_lost_sees_a_dropped_or_moved_line():
    assert letters_lost("a b\nc d", "a b\nc d") is None
    assert letters_lost("a | b\nc", "b\na\nc") is None  # a table's cells in another order
    assert letters_lost("a b\nc d", "a b") is not None
    assert letters_lost("a b\nc d", "c d\na b") is not None
