"""Repair words broken by stray spaces ("gắn v ới" -> "gắn với", "đ ượ c" -> "được").

Why: text scraped from portals and extracted from PDFs with per-glyph positioning splits
syllables. Two conservative rules, both checked against the document itself so that real
two-word phrases are never glued:

1. An onset fragment ("v", "đ", "th", "PH") has no vowel, so it cannot be a Vietnamese
   word; it joins the next token when that token starts with a vowel (same case) and, for
   upper case, the joined word is attested elsewhere in the document. Not after a number,
   where "5 m ở" is a unit.
2. Only in documents that show many splits (PDF text layers): two tokens join when their
   concatenation occurs at least twice in the document and one of the fragments occurs
   nowhere else ("đượ c" -> "được", "Ủ Y" -> "ỦY").

Rule 1 is a single C-level regex scan; rule 2 runs only on split-prone documents, so clean
text pays almost nothing.
"""
from __future__ import annotations

import re
from collections import Counter

_VOWELS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])"
_ONSET_SPLIT = re.compile(
    rf"(?<![^\s(\"“])(?<!\d )({_ONSET}) ([{_VOWELS}][^\W\d_]*)", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]+")
_PAIR = re.compile(r"(?<![^\s(\"“])([^\W\d_]{1,4}) ([^\W\d_]{1,5})(?=[\s,.;:)\"”]|$)")
SPLIT_PRONE_MIN = 5


def token_counts(lines: list[str]) -> Counter[str]:
    """Case-folded word counts of the whole document: the evidence for joining."""
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(w.casefold() for w in _WORD.findall(line))
    return counts


def repair_split_words(lines: list[str], *, split_prone: bool = False) -> tuple[list[str], int]:
    """Return the repaired lines and how many joins were made.

    ``split_prone`` forces rule 2 (the PDF reader sets it); otherwise rule 2 runs when
    rule 1 alone found at least ``SPLIT_PRONE_MIN`` splits.
    """
    # one scan of the joined text (a line start follows "\n", which the look-behind accepts)
    if not split_prone and not _ONSET_SPLIT.search("\n".join(lines)):
        return lines, 0
    whole = "\n".join(lines)
    attested: dict[str, bool] = {}
    fixes = 0

    def is_attested(word: str) -> bool:
        """Does ``word`` occur unsplit elsewhere in the document? (checked lazily, few calls)"""
        key = word.casefold()
        if key not in attested:
            attested[key] = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", whole, re.IGNORECASE) is not None
        return attested[key]

    def onset_join(m: re.Match[str]) -> str:
        nonlocal fixes
        a, b = m.group(1), m.group(2)
        if a.islower() and b.islower():
            if len(b) >= 2 or is_attested(a + b):
                fixes += 1
                return a + b
        elif a.isupper() and b.isupper() and is_attested(a + b):
            fixes += 1
            return a + b
        return m.group(0)

    out = [_ONSET_SPLIT.sub(onset_join, line) if " " in line else line for line in lines]
    # rule 2 only where splitting is systematic (PDF layers), not for a few typos in clean text
    if split_prone or fixes >= max(SPLIT_PRONE_MIN, len(whole) // 20000):
        counts = token_counts(out)

        def pair_join(m: re.Match[str]) -> str:
            nonlocal fixes
            a, b = m.group(1), m.group(2)
            if not ((a.islower() and b.islower()) or (a.isupper() and b.isupper())):
                return m.group(0)
            fa, fb = a.casefold(), b.casefold()
            if counts.get(fa + fb, 0) >= 2 and min(counts.get(fa, 0), counts.get(fb, 0)) <= 1:
                fixes += 1
                return a + b
            return m.group(0)

        for i, line in enumerate(out):
            prev = None
            while prev != line:
                prev = line
                line = _PAIR.sub(pair_join, line)
            out[i] = line
    return out, fixes
