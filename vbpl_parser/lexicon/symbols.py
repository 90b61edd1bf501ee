"""Số và ký hiệu: "24/KH-UBND", "30/2020/NĐ-CP", "2450/VPCP-KGVX", "26-NQ/TW", "/KH-UBND" (a draft).

A number, the year for legal normative documents, then the type code and the issuer's (and
drafting unit's) codes, joined by "/" and "-" (NĐ 30/2020, Phụ lục III). Text layers and
typists put spaces around the separators ("256 /2004/QĐ-UB", "99/ 1998/TT-BTC").
"""
from __future__ import annotations

import re

from .chars import VI_UPPER
from .doc_types import code_names

#: a symbol in running text (a reference): a number is required
SYMBOL = rf"\d{{1,5}}[a-z]?(?:/\d{{4}})?\s?[/-]\s?[{VI_UPPER}][\w&]*(?:\s?[-/]\s?[\w&]+)*"
#: a line holding only a symbol, as under a blank "Số:" ("/KH-UBND", "24/KH-UBND")
SYMBOL_ONLY = re.compile(r"^(?:\d+[a-z]?)?\s*[/-]\s*[\wĐđ/&.-]+$")
_SYMBOL_HEAD = re.compile(r"^[\d]*[/-]?[\wĐđ][\wĐđ/&.\-]*")
_NUMBER = re.compile(r"^\d+[a-z]?")
_SPACES = re.compile(r"\s+")


def normalize_symbol(sym: str) -> str:
    """The symbol without the spaces a text layer put into it: "256 /2004/QĐ-UB" -> "256/2004/QĐ-UB"."""
    return _SPACES.sub("", sym)


def parse_symbol(value: str) -> tuple[str | None, str | None, str | None]:
    """("24/KH-UBND") -> symbol, number, type code. Blank draft numbers give number None.

    The symbol is the first token, joined with the next ones only across a slash or dash
    ("256 /2004/QĐ-UB", "99/ 1998/TT-BTC"): the rest of the line is not part of it.
    """
    tokens = value.strip().split()
    if not tokens:
        return None, None, None
    parts = [tokens[0]]
    for tok in tokens[1:]:
        if tok[:1] in "/-" or parts[-1][-1:] in "/-":
            parts.append(tok)
        else:
            break
    m = _SYMBOL_HEAD.match("".join(parts).rstrip(".;,"))
    if not m:
        return None, None, None
    symbol = m.group(0).strip("-.")
    if "/" not in symbol and "-" not in symbol:
        return None, None, None
    num = _NUMBER.match(symbol)
    number = num.group(0) if num else None
    return symbol, number, symbol_type_code(symbol)


def symbol_type_code(symbol: str) -> str | None:
    """The document-type abbreviation inside a ký hiệu, if it names a type."""
    codes = code_names()
    for seg in symbol.split("/"):
        for part in seg.split("-"):
            if part in codes and not part.isdigit():
                return part
            up = part.upper()
            if up in ("QYĐ", "CTR", "TTR") and up in codes:
                return part
    return None
