"""Decode the bytes of an HTML page to text before lxml sees them.

Why we decode ourselves instead of letting libxml2 do it: saved Vietnamese pages lie about
their charset often enough (a "charset=iso-8859-1" page holding UTF-8, a Word export in
Windows-1258 with no declaration at all), libxml2 knows no Windows-1258 fallback, and a
wrong guess there is silent mojibake. Order of evidence, strongest first:

1. a byte-order mark;
2. the page's own declaration (``<meta charset>``, ``http-equiv="Content-Type"``, or the
   XML declaration of an XHTML file) found before ``<body``;
3. UTF-8, else Windows-1258 (the legacy Vietnamese code page), as for plain text.

Decoding never raises: undecodable bytes become U+FFFD.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from ..plaintext import decode_text

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Declarations live in <head>; never look past <body, where an article may quote HTML.
_PRESCAN = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Labels browsers treat specially (WHATWG Encoding): Latin-1 and ASCII mean Windows-1252;
# Word's "Unicode" export is UTF-16; a UTF-16 label in an ASCII-readable file is a lie.
_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "unicode": "utf-16",
            "x-user-defined": "cp1252"}
_SINGLE_BYTE_LATIN = {"cp1252", "cp1258", "iso8859-15", "cp1250"}


@dataclass(slots=True)
class DecodedHtml:
    text: str
    encoding: str  # Python codec name actually used
    declared: str | None = None  # what the page said, if anything
    notes: list[str] = field(default_factory=list)


def declared_charset(data: bytes) -> str | None:
    """The charset label the page declares before ``<body``, or None."""
    head = data[:_PRESCAN]
    body_at = head.lower().find(b"<body")
    if body_at >= 0:
        head = head[:body_at]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _codec(label: str) -> str | None:
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _has_utf8_sequences(data: bytes) -> bool:
    """Valid UTF-8 with multi-byte sequences: legacy single-byte text almost never is."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes) -> DecodedHtml:
    """Decode page bytes; see the module docstring for the order of evidence."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom):].decode(enc, errors="replace"), enc, None, [])
    label = declared_charset(data)
    codec = _codec(label) if label else None
    notes: list[str] = []
    if label and codec is None:
        notes.append(f"unknown charset {label!r} declared; guessed from the bytes")
    if codec and codec.startswith("utf-16"):
        codec = None  # an ASCII-readable page cannot be UTF-16 (no BOM): ignore the label
    if codec == "utf-8":
        try:
            return _finish(data.decode("utf-8"), "utf-8", label, notes)
        except UnicodeDecodeError:
            notes.append("declared UTF-8 but holds invalid bytes")
            codec = None
    elif codec in _SINGLE_BYTE_LATIN and _has_utf8_sequences(data):
        notes.append(f"declared {label} but the bytes are UTF-8; read as UTF-8")
        return _finish(data.decode("utf-8"), "utf-8", label, notes)
    if codec:
        return _finish(data.decode(codec, errors="replace"), codec, label, notes)
    text, enc = decode_text(data)  # UTF-8, tolerant UTF-8, else Windows-1258
    return _finish(text, "utf-8" if enc == "utf-8-sig" else enc, label, notes)


def _finish(text: str, encoding: str, declared: str | None, notes: list[str]) -> DecodedHtml:
    # Windows-1258 spells tones as combining marks ("e" + U+0301): compose them here so
    # every later decision (body detection, hints) sees the letters a reader sees.
    if encoding == "cp1258" and not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return DecodedHtml(text.lstrip("\ufeff"), encoding, declared, notes)
