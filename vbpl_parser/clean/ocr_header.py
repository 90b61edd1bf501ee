"""Repair the letterhead and signature lines of OCR'd pages with known phrases.

Why: Tesseract reads the stacked marks of Vietnamese capitals badly ("HỘI ĐỒNG" -> "HỘI
ĐÒNG", "THÀNH PHỐ HÀ NỘI" -> "THÀNH PHÓ HÀ NỘI", "TỈNH LÂM ĐỒNG" -> "TĨNH LAM ĐÓNG"), and
exactly those lines give the issuer, the place and the signer. The letters are nearly
always right; the marks are not. So a run of words whose letters, with every mark removed,
equal those of a known phrase (``lexicon/header_phrases.txt``: bodies, type names, provinces)
is replaced by that phrase in the case the page printed. Phrases of one word are not in the
list (an unmarked "PHO" is "PHÓ" or "PHỐ"), and only the first and last lines of OCR'd
pages are touched: body text is left as Tesseract read it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicon.places import header_phrases

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = ".,;:!?()\"“”"
HEAD_LINES = 15
TAIL_LINES = 30


def fold(word: str) -> str:
    """Letters only, no marks, upper case: "Đồng" -> "DONG"."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """Folded word tuple -> the phrase's words; and the longest phrase's length."""
    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    longest = 0
    for phrase in header_phrases():
        words = tuple(phrase.split())
        if len(words) < 2:
            continue
        index.setdefault(tuple(fold(w) for w in words), words)
        longest = max(longest, len(words))
    return index, longest


def _cased(printed: str, known: str) -> str:
    """``known`` in the case the page printed ``printed`` in."""
    if printed.isupper():
        return known.upper()
    if known[:1].isupper() or not printed[:1].isupper():
        return known
    return known[:1].upper() + known[1:]


def repair_line(line: str) -> str:
    """``line`` with every known phrase whose marks were misread put right."""
    index, longest = _phrase_index()
    tokens = list(_TOKEN.finditer(line))
    cores = [t.group().strip(_EDGE_PUNCT) for t in tokens]
    folded = [fold(c) for c in cores]
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 1, -1):
            words = index.get(tuple(folded[i:i + n]))
            # inner tokens must be bare words: a phrase never spans "HÀ NỘI, ngày"
            if words is None or any(cores[k] != tokens[k].group() for k in range(i, i + n - 1)):
                continue
            if any(cores[i + k] and cores[i + k] != _cased(cores[i + k], words[k]) for k in range(n)):
                for k in range(n):
                    tok = tokens[i + k]
                    core = cores[i + k]
                    at = tok.start() + tok.group().find(core)
                    out.append(line[pos:at])
                    out.append(_cased(core, words[k]))
                    pos = at + len(core)
            i += n
            break
        else:
            i += 1
    out.append(line[pos:])
    return "".join(out)


def repair_ocr_header(texts: list[str], pages: list[int | None], ocr_pages: set[int]) -> list[str]:
    """Repair the first and last lines of the document where their page was OCR'd."""
    n = len(texts)
    out = list(texts)
    for k in list(range(min(HEAD_LINES, n))) + list(range(max(HEAD_LINES, n - TAIL_LINES), n)):
        if pages[k] in ocr_pages and texts[k]:
            out[k] = repair_line(texts[k])
    return out
