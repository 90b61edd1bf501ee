"""Token-level conversion from TCVN3 or VNI (as decoded text) to Unicode.

Pure mapping, no judgement: :mod:`.legacy` decides which lines and tokens to convert.
Results are cached because a document repeats a few thousand distinct tokens.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicon.syllable_shape import TONE_MARKS
from .legacy_tables import BYTE_OF, TCVN3, TCVN3_UPPER, VNI_LETTERS, VNI_MARKS

ENCODINGS = ("tcvn3", "vni")
_SOFT_HYPHENS = re.compile("\xad{2,}")


@lru_cache(maxsize=65536)
def convert_token(token: str, encoding: str, extended: bool = True) -> str:
    """Convert one token from ``encoding`` (viewed as Latin-1/cp1252/cp1258 text) to Unicode."""
    if encoding == "tcvn3":
        return _tcvn3_token(token, extended)
    if encoding == "vni":
        return _vni_token(token)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def _tcvn3_token(token: str, extended: bool) -> str:
    """Byte by byte; ``extended`` adds the VN1 capitals that double as Windows punctuation."""
    out = []
    if "\xad\xad" in token:  # "ưư" never occurs: Word doubled an optional hyphen (0xAD = ư)
        token = _SOFT_HYPHENS.sub("\xad", token)
    for ch in token:
        b = BYTE_OF.get(ch)
        new = TCVN3.get(b) if b is not None else None
        if new is None and extended and b is not None:
            new = TCVN3_UPPER.get(b)
        out.append(new if new is not None else ch)
    return "".join(out)


def _vni_token(token: str) -> str:
    """Letters as they come; each diacritic code is composed onto the letter before it."""
    out: list[str] = []
    for ch in token:
        b = BYTE_OF.get(ch)
        if b is not None and b in VNI_LETTERS:
            out.append(VNI_LETTERS[b])
            continue
        if b is not None and b in VNI_MARKS and out:
            composed = _add_marks(out[-1], VNI_MARKS[b])
            if composed is not None:
                out[-1] = composed
                continue
        out.append(ch)
    return "".join(out)


# vowels a VNI code may follow -> the shape marks (circumflex, breve) each may take
_BASES = {"a": "\u0302\u0306", "e": "\u0302", "o": "\u0302", "i": "", "u": "", "y": ""}


@lru_cache(maxsize=1024)
def _add_marks(letter: str, marks: str) -> str | None:
    """``letter`` with VNI diacritic ``marks`` added, or None when Vietnamese has no such letter."""
    parts = unicodedata.normalize("NFD", letter)
    base, existing = parts[0], parts[1:]
    lower = base.lower()
    if lower not in _BASES:
        return None
    shape = [m for m in marks if m not in TONE_MARKS]
    tone = [m for m in marks if m in TONE_MARKS]
    has_shape = any(m not in TONE_MARKS for m in existing)
    has_tone = any(m in TONE_MARKS for m in existing)
    if shape and (has_shape or shape[0] not in _BASES[lower]):
        return None
    if tone and has_tone:
        return None
    return unicodedata.normalize("NFC", base + "".join(m for m in existing if m not in TONE_MARKS)
                                 + "".join(shape) + "".join(m for m in existing if m in TONE_MARKS)
                                 + "".join(tone))
