"""Code tables of the legacy Vietnamese 8-bit encodings TCVN3 (ABC) and VNI Windows.

Built here from the encodings' definitions rather than copied from a converter:

* **TCVN3** (TCVN 5712:1993, the "ABC" fonts .VnTime/.VnTimeH): one byte per letter. The
  VN3 subset that those fonts implement has the seven shaped letters in both cases
  (0xA1–0xAE) and every lower-case toned vowel in rows of five, tone order huyền, hỏi,
  ngã, sắc, nặng. Upper-case toned vowels exist only in the full VN1 table, squeezed into
  the C1 range 0x80–0x9F and the gaps of the VN3 rows; they are kept as a separate,
  *weak* table because those positions are also ordinary punctuation in Windows text.
  VN1's C0 positions (0x01–0x17) and its combining tone marks (0xB0–0xB4, which read as
  "°±²³´" in Latin-1) are deliberately not mapped: they collide with control characters
  and real symbols, and VN3 documents never use them.
* **VNI Windows**: an ASCII base letter followed by a diacritic code byte ("Vieät" =
  "Việt": ä = circumflex + dot below), plus nine single-byte letters (ơ ư đ and the toned
  i/y forms).

Text reaches us already decoded, so a legacy byte may appear as its Latin-1 character
(U+0080–U+00FF, C1 controls included), its cp1252 character ("–" for 0x96) or, through
the plain-text reader's cp1258 fallback, its cp1258 character ("Đ" for 0xD0, a combining
acute for 0xEC). :data:`BYTE_OF` folds all three views back to the byte.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping

GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
# Order of the five toned forms in every TCVN3 row.
TCVN3_TONE_ORDER = (GRAVE, HOOK, TILDE, ACUTE, DOT)

# --- TCVN3 -----------------------------------------------------------------------------
_TCVN3_SHAPED = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}
_TCVN3_LOWER_ROWS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# VN1 upper-case toned vowels outside C0 (None = only in C0, not mapped).
_TCVN3_UPPER_ROWS: dict[str, tuple[int | None, ...]] = {
    "A": (0x80, 0x81, 0x82, 0x83, 0x84),
    "Ă": (0xAF, 0xBA, 0xBF, 0xC0, 0x85),
    "Â": (0xC1, 0xC2, 0xC3, 0xC4, 0x86),
    "E": (0x87, 0x88, 0x89, 0x8A, 0x8B),
    "Ê": (0xC5, 0xCD, 0xD9, 0xDA, 0x8C),
    "I": (0x8D, 0x8E, 0x8F, 0x90, 0x91),
    "O": (0x92, 0x93, 0x94, 0x95, 0x96),
    "Ô": (0xDB, 0xE0, 0xF0, 0xFF, 0x97),
    "Ơ": (0x98, 0x99, 0x9A, 0x9B, 0x9C),
    "U": (0x9D, 0x9E, 0x9F, None, None),
}


def _rows(rows: Mapping[str, tuple[int | None, ...]]) -> dict[int, str]:
    table: dict[int, str] = {}
    for base, codes in rows.items():
        for code, tone in zip(codes, TCVN3_TONE_ORDER):
            if code is not None:
                table[code] = unicodedata.normalize("NFC", base + tone)
    return table


#: byte -> Unicode letter for the VN3 subset (what .VnTime/.VnTimeH documents use)
TCVN3: dict[int, str] = {**_TCVN3_SHAPED, **_rows(_TCVN3_LOWER_ROWS)}
#: byte -> Unicode letter for the VN1 upper-case extension (weak evidence)
TCVN3_UPPER: dict[int, str] = _rows(_TCVN3_UPPER_ROWS)

# --- VNI Windows -------------------------------------------------------------------------
#: single-byte letters (lower-case byte; the upper-case letter is the byte - 0x20)
_VNI_LETTERS_LOWER = {0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ",
                      0xF2: "ị", 0xEE: "ỵ"}
#: diacritic code bytes (lower-case byte; the upper-case code is the byte - 0x20, same marks)
_VNI_MARKS_LOWER = {
    0xF9: ACUTE, 0xF8: GRAVE, 0xFB: HOOK, 0xF5: TILDE, 0xEF: DOT,
    0xE2: CIRCUMFLEX, 0xE1: CIRCUMFLEX + ACUTE, 0xE0: CIRCUMFLEX + GRAVE, 0xE5: CIRCUMFLEX + HOOK,
    0xE3: CIRCUMFLEX + TILDE, 0xE4: CIRCUMFLEX + DOT,
    0xEA: BREVE, 0xE9: BREVE + ACUTE, 0xE8: BREVE + GRAVE, 0xFA: BREVE + HOOK, 0xFC: BREVE + TILDE,
    0xEB: BREVE + DOT,
}
VNI_LETTERS: dict[int, str] = {**_VNI_LETTERS_LOWER, **{b - 0x20: s.upper() for b, s in _VNI_LETTERS_LOWER.items()}}
VNI_MARKS: dict[int, str] = {**_VNI_MARKS_LOWER, **{b - 0x20: m for b, m in _VNI_MARKS_LOWER.items()}}

# --- views of a byte as text -------------------------------------------------------------


def _byte_views() -> dict[str, int]:
    """Every character a legacy byte 0x80–0xFF may have been decoded to -> that byte."""
    views: dict[str, int] = {}
    for codec in ("cp1258", "cp1252"):  # cp1252 last: its view wins where both define one
        for b in range(0x80, 0x100):
            try:
                views[bytes([b]).decode(codec)] = b
            except UnicodeDecodeError:
                pass
    for b in range(0x80, 0x100):  # Latin-1 (C1 controls for 0x80–0x9F) is always a view
        views[chr(b)] = b
    return views


#: character (Latin-1, cp1252 or cp1258 view) -> legacy byte
BYTE_OF: dict[str, int] = _byte_views()
