"""Symbol-font glyphs (Symbol, Wingdings) mapped to the character a reader sees.

Word stores bullets and ``w:sym`` characters as codes of a symbol font: the bullet of the
default list is U+F0B7 in "Symbol", the square bullet is U+F0A7 in "Wingdings". Those code
points are private-use: printed as text they are boxes or nothing, so a plain-text pipeline
must translate them. Only the glyphs that occur in office documents are listed; the outline
stage recognises every character produced here as a bullet or a symbol.
"""
from __future__ import annotations

import re
from functools import lru_cache

# low byte of the font code -> character, per font family
_SYMBOL = {
    0x2B: "+", 0x2D: "-", 0xB7: "•", 0xA8: "♣", 0xAE: "→", 0xAC: "←", 0xAD: "↑", 0xAF: "↓",
    0xDE: "⇒", 0xDC: "⇐", 0xDB: "⇔", 0xB3: "≥", 0xA3: "≤", 0xB9: "≠", 0xB1: "±", 0xB4: "×",
    0xB8: "÷", 0xB0: "°", 0xA5: "∞", 0xD6: "√", 0xE0: "◊", 0xF0: "", 0x2A: "*", 0x3D: "=",
    0x3C: "<", 0x3E: ">", 0x25: "%", 0x5B: "[", 0x5D: "]", 0x28: "(", 0x29: ")", 0x2F: "/",
    0x2E: ".", 0x2C: ",", 0x3A: ":", 0x3B: ";", 0x20: " ", 0xD7: "·", 0xBE: "—", 0xBC: "…",
}
_WINGDINGS = {
    0xA7: "▪", 0x6E: "■", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0xD8: "➢", 0xFC: "✓", 0xFB: "✗",
    0xFE: "☑", 0xA8: "◻", 0x6C: "●", 0x9F: "•", 0x77: "◆", 0xE8: "➔", 0xE0: "→", 0xF0: "⇨",
    0x46: "☞", 0x4A: "☺", 0x3E: "✇", 0x2A: "✉", 0xAB: "★", 0xB2: "✧", 0x6F: "□", 0x70: "■",
    0x73: "◆", 0x74: "⧫", 0x20: " ", 0xDF: "←", 0xE1: "↑", 0xE2: "↓", 0xA1: "○", 0xA2: "◉",
}
_DASHES = frozenset("-–—−‐‑‒―")
_BULLET_FONTS = ("symbol", "wingdings", "webdings", "zapf")


@lru_cache(maxsize=256)
def is_symbol_font(font: str | None) -> bool:
    """True for fonts whose character codes are pictures, not letters."""
    if not font:
        return False
    return font.strip().lower().startswith(_BULLET_FONTS)


def symbol_char(code: int, font: str | None) -> str:
    """The visible character of ``code`` (private-use U+F0xx or 8-bit) in a symbol font."""
    low = code & 0xFF if 0xF000 <= code <= 0xF0FF or code < 0x100 else code
    name = (font or "").strip().lower()
    if name.startswith("wingdings"):
        return _WINGDINGS.get(low, "•")
    if name.startswith("symbol") or not name:
        if low in _SYMBOL:
            return _SYMBOL[low]
        return chr(code) if not 0xF000 <= code <= 0xF0FF else "•"
    return "•"


def fix_private_use(text: str, font: str | None = None) -> str:
    """Replace symbol-font private-use characters (U+F020–U+F0FF) inside ordinary text."""
    if not any("\uf020" <= ch <= "\uf0ff" for ch in text):
        return text
    return "".join(symbol_char(ord(ch), font) if "\uf020" <= ch <= "\uf0ff" else ch for ch in text)


def bullet_label(glyph: str, font: str | None) -> str:
    """What a reader sees for a bullet level: "-", "+", "•", "◦", "▪", "➢"...

    "o" in Courier New is the hollow circle of Word's second bullet level; dashes of every
    width are the Vietnamese "-" bullet.
    """
    glyph = glyph.strip()
    if not glyph:
        return "•"
    ch = glyph[0]
    if is_symbol_font(font):
        ch = symbol_char(ord(ch), font)
    elif "\uf020" <= ch <= "\uf0ff":  # private-use code without its font: Symbol is most likely
        ch = symbol_char(ord(ch), "Symbol")
    if ch in _DASHES:
        return "-"
    if ch == "o" or ch == "O":
        return "◦"
    if ch in "·∙":
        return "•"
    return ch


# TCVN3 (ABC) capitals fonts: ".VnTimeH", ".VnArialH", ".VnCentury SchoolbookH"... ("H" = hoa,
# capitals). They draw every code, lower-case ones included, as a capital letter.
_TCVN3_CAPITALS_FONT = re.compile(r"^\.Vn.*H$")


@lru_cache(maxsize=256)
def is_tcvn3_capitals_font(font: str | None) -> bool:
    """True for a TCVN3 font that prints everything in capitals (see :attr:`Paragraph.capitals`)."""
    if not font:
        return False
    return _TCVN3_CAPITALS_FONT.match(font.strip()) is not None


# the characters Windows shows for bytes 0x80-0x9F ("–", "“", "…"): legacy text holds them too
_CP1252_HIGH = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def is_8bit(text: str) -> bool:
    """Text an 8-bit (legacy) font can hold; Unicode Vietnamese typed in such a font is not."""
    return all(ch < "\u0100" or ch in _CP1252_HIGH or ch.isspace() for ch in text)
