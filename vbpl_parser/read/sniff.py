"""Detect a file's format from its bytes (never from its name).

Offices rename files freely ("report.doc" that is really RTF, ".docx" that is a PDF), so
the extension is at most a tie-breaker between plain text and Markdown.
"""
from __future__ import annotations

import codecs
import io
import zipfile

from ..errors import CorruptDocument, UnsupportedFormat

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, name: str | None = None) -> str:
    """Return one of: txt, md, docx, doc, rtf, pdf, html, image, odt."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(data, name)
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if head.startswith((b"GIF87a", b"GIF89a", b"BM")) and not _looks_textual(head):
        return "image"
    if _looks_html(data):
        return "html"
    if not _looks_textual(head):
        raise UnsupportedFormat("not a document format vbpl_parser reads (binary data of unknown type)",
                                path=name, hint="supported: .docx .doc .rtf .pdf .html .txt .md and images")
    if name and name.lower().endswith((".md", ".markdown")):
        return "md"
    return "txt"


def _zip_format(data: bytes, name: str | None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        # a damaged central directory: bad name encoding, unknown ZIP version, bad offsets
        raise CorruptDocument(f"damaged ZIP container ({exc})", path=name,
                              hint="the file is truncated or damaged; save it again from Word or LibreOffice") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    raise UnsupportedFormat("ZIP archive that is not a Word document", path=name,
                            hint="unpack it and convert the documents inside")


def _looks_html(data: bytes) -> bool:
    """HTML markers in the first 16 KB (pages may start with a long comment or script),
    also for UTF-16 text with a byte-order mark (Word's "Unicode" web page save)."""
    head = data[:16384]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    low = head.lower()
    return b"<html" in low or b"<!doctype html" in low or (b"<body" in low and b"</" in low)


def _looks_textual(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head and not _stray_nuls(head):
        return False
    control = sum(1 for b in head if 0 < b < 9 or 13 < b < 32)
    return control <= len(head) * 0.05


def _stray_nuls(head: bytes) -> bool:
    """A few NUL bytes in otherwise valid UTF-8 (text pasted from a damaged .doc) leave a text
    file a text file — cleaning drops them, as it does past the sniffed head. Many NULs
    (UTF-16 without a byte-order mark, binary formats) or invalid UTF-8 around them do not."""
    if head.count(b"\x00") > max(4, len(head) // 200):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True
