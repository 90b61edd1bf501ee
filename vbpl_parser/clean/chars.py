"""Character-level normalization of one line of text.

Why: documents reach us as NFD (some PDFs), with non-breaking spaces, zero-width marks,
soft hyphens and control characters from Word. Everything downstream (regexes, offsets,
gazetteer matching) assumes NFC text with plain spaces, so this runs on every line before
any other cleaning. Dash variants stay as printed ("Tân Phú – Bảo Lộc"); the outline
recognises them as bullet markers instead.
"""
from __future__ import annotations

import re
import unicodedata

# Spaces of every width become a plain space; invisible marks are dropped.
_SPACE_CHARS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_TRANSLATE: dict[int, str | None] = {ord(c): " " for c in _SPACE_CHARS}
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
# C0/C1 controls except tab; NUL bytes from broken .doc text become nothing.
_TRANSLATE.update({i: None for i in range(0x20) if i not in (0x09,)})
_TRANSLATE.update({i: None for i in range(0x7F, 0xA0)})
_TRANSLATE[0x0B] = " "  # Word's vertical tab = manual line break inside a paragraph
_TRANSLATE[0x0C] = " "
# Private-use bullets from Word's Symbol/Wingdings fonts render as a bullet dot.
_TRANSLATE.update({0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF076: "❖", 0xF0FC: "✓", 0xF02D: "-"})
# Legacy fonts and portals type the Icelandic eth (Ð U+00D0, ð U+00F0) for Vietnamese đ:
# "Ðiều 317." must read as "Điều 317." or the article is lost from the outline.
_TRANSLATE.update({0x00D0: "Đ", 0x00F0: "đ"})

# Lone surrogates cannot be written as UTF-8 (JSON output fails on them). Decoders never make
# them; only a str handed to parse_text() can hold one. They become U+FFFD, like bytes that
# could not be decoded, so the position of the damage stays visible.
_SURROGATE = re.compile("[\ud800-\udfff]")
# most lines hold none of the characters above: a C-level search spares them str.translate,
# which looks every character up in a dict (a fifth of the cleaning time on .docx files)
_NEEDS_TRANSLATE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATE)) + "]")
_MULTI_SPACE = re.compile(r" {2,}")
_TABS = re.compile(r"[ \t]*\t[ \t]*")


def normalize_chars(line: str) -> str:
    """NFC, plain spaces, no invisible or control characters, single spaces, trimmed."""
    if not line.isascii():
        if _SURROGATE.search(line):
            line = _SURROGATE.sub("\ufffd", line)
        line = unicodedata.normalize("NFC", line)
    if _NEEDS_TRANSLATE.search(line):
        line = line.translate(_TRANSLATE)
    if "\t" in line:
        line = _TABS.sub("\t", line)
    if "  " in line:
        line = _MULTI_SPACE.sub(" ", line)
    return line.strip(" \t")
