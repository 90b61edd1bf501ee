"""Vietnamese letter classes for regular expressions.

Why: a range such as ``[À-Ỹ]`` looks like "accented capitals" but spans U+00C0..U+1EF8,
where Vietnamese upper- and lower-case letters alternate, so it matches "ả" too. These
strings enumerate the real upper- and lower-case letters of the Vietnamese alphabet
(all tone marks composed, NFC) for use inside ``[...]`` classes.
"""
from __future__ import annotations

import unicodedata

_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _letters() -> tuple[str, str]:
    lower = set("abcdefghijklmnopqrstuvwxyzđ")
    for base in _BASES:
        for tone in _TONES:
            lower.add(unicodedata.normalize("NFC", base + tone))
    lower_s = "".join(sorted(lower))
    upper_s = "".join(sorted(c.upper() for c in lower))
    return lower_s, upper_s


VI_LOWER, VI_UPPER = _letters()
VI_VOWELS_LOWER = "".join(sorted(c for c in VI_LOWER if unicodedata.normalize("NFD", c)[0] in "aeiouy"))
VI_LETTERS = VI_LOWER + VI_UPPER


def is_title_word(word: str) -> bool:
    """'Trần', 'Chiến' (capital then lower case); not 'TỊCH', not 'và'."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and all(c.islower() for c in letters[1:]) and len(letters) > 1
