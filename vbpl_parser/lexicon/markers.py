"""Recognise the numbering marker at the start of a line.

Vietnamese documents use two numbering families (NĐ 30/2020 and the law on legal
documents): Phần / Chương / Mục / Tiểu mục / Điều / khoản "1." / điểm "a)" for legal
normative documents, and A. / I. / 1. / 1.1. / 1.1.1. / a) / - / + for administrative
ones. This module only says *what kind of marker* starts a line; deciding where the unit
sits in the tree is :mod:`vbpl_parser.outline.tree`'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import VI_UPPER

# Vietnamese điểm alphabet has đ and no f/j/w/z, but documents print f) anyway: accept it.
_LETTERS = "abcdđefghiklmnopqrstuvxy"
_UPPER_LETTERS = "ABCDĐEFGHKLMNOPQRSTUVXY"  # "I" is always Roman
_UPPER_VI = VI_UPPER

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10,
}


def roman_to_int(s: str) -> int | None:
    """Value of a Roman numeral, or None when ``s`` is not a well-formed one (≤ 3999)."""
    s = s.upper()
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return None
    total = 0
    prev = 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if int_to_roman(total) == s else None


def int_to_roman(n: int) -> str:
    out = []
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker found at the start of a line.

    ``label`` is the marker exactly as printed (what the user sees: "II.", "Điều 5.", "-");
    ``end`` is where the unit's own text starts (after the label and following spaces).
    ``value`` orders siblings (1 for "a)", "I.", "1."), ``parts`` holds decimal components.
    """

    kind: str
    label: str
    number: str | None
    value: int | None
    end: int
    parts: tuple[int, ...] = ()


_LEGAL = re.compile(
    r"(?P<word>Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Tiểu mục|TIỂU MỤC|Điều|ĐIỀU)"
    r"[ \t]+(?P<num>thứ[ \t]+\w+|THỨ[ \t]+\w+|\d{1,3}[a-zđ]?|[IVXLC]{1,7})"
    r"(?P<punct>[ \t]*[.:\-–])?(?=[ \t]|$)"
)
_DECIMAL = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){1,4})(?P<punct>\.?\)?)(?=[ \t]|$)")
_ARABIC = re.compile(r"(?P<num>\d{1,3})(?P<punct>[ \t]*(?:\.|\)|[-–](?=[ \t])|/(?=[ \t])))")
_ARABIC_NOSPACE = re.compile(rf"(?P<num>\d{{1,2}})(?P<punct>\.)(?=[{_UPPER_VI}])")
_PAREN = re.compile(r"\((?P<num>\d{1,2}|[a-zđ]|[ivx]{1,4})\)")
_ROMAN = re.compile(r"(?P<num>[IVXLC]{1,7})(?P<punct>[ \t]*(?:\.|\)|[-–/:](?=[ \t])))")
_UPPER = re.compile(rf"(?P<num>[{_UPPER_LETTERS}])(?P<punct>[.)]|[ \t]*[-–](?=[ \t]))(?=[ \t]+[{_UPPER_VI}0-9\"“(])")
_LETTER = re.compile(rf"(?P<num>[{_LETTERS}])(?P<punct>[)/]|\.(?=[ \t]))")
_BULLET = re.compile(r"(?P<sym>[-–—+•*●▪■◦○❖➢✓►·→⁃∙])(?=[ \t]*\S)")
_RULE = re.compile(r"[-–—_=*.·•~]{3,}")

_LEADING_DIGITS = re.compile(r"\d+")
_LEGAL_KIND = {"phần": "phan", "chương": "chuong", "mục": "muc", "tiểu mục": "tieu_muc", "điều": "dieu"}


def _legal_number(num: str) -> tuple[str, int | None]:
    low = num.lower()
    if low.startswith("thứ"):
        word = low.split()[-1]
        return num, _ORDINALS.get(word)
    digits = _LEADING_DIGITS.match(num)
    if digits:  # "5", "12a": the group of the legal pattern starts with digits or is a word
        return num, int(digits.group())
    return num, roman_to_int(num)


def match_marker(line: str) -> Marker | None:
    """Return the marker at the start of ``line`` (already stripped), or None.

    Lines that are only a rule ("--------") or that start with a number that is data
    ("2024 là năm ...", "3,5 triệu") give None.
    """
    if not line:
        return None
    first = line[0]
    if first in "PCMTĐpcmtđ":
        m = _LEGAL.match(line)
        if m:
            word = m.group("word")
            kind = _LEGAL_KIND[word.lower()]
            num, value = _legal_number(m.group("num"))
            rest = line[m.end():].strip()
            # a heading: nothing after the number, punctuation, or a title in capitals
            # ("Phần thứ nhất bao gồm ..." in running prose is not one)
            heading_rest = not rest or rest[0] in ".:-–" or rest[:1].isupper() or rest[:1] == "(" or kind == "dieu"
            if value is not None and heading_rest:
                label = line[: m.end()].rstrip()
                return Marker(kind, label, num, value, _skip_spaces(line, m.end()))
    if first.isdigit():
        m = _DECIMAL.match(line)
        if m:
            parts = tuple(int(p) for p in m.group("num").split("."))
            punct = m.group("punct")
            # "2.1 triệu" is data, "2.1. Sở ..." and "2.1 Sở ..." are headings
            if punct or _starts_upper(line, m.end()):
                label = m.group("num") + punct
                return Marker("decimal", label, m.group("num"), parts[-1], _skip_spaces(line, m.end()), parts)
        m = _ARABIC.match(line) or _ARABIC_NOSPACE.match(line)
        if m:
            num = m.group("num")
            rest = line[m.end():]
            # "1.000 đồng" / "3,5" / "2024." are numbers, not markers
            if not (rest[:1].isdigit() or (m.group("punct").strip() == "." and rest[:1] == ",")):
                if int(num) <= 300:
                    return Marker("arabic", _label(line, m), num, int(num), _skip_spaces(line, m.end()))
        return None
    if first == "(":
        m = _PAREN.match(line)
        if m and len(line) > m.end() and line[m.end()] in " \t":
            num = m.group("num")
            if num.isdigit():
                value = int(num)
            elif set(num) <= set("ivx") and len(num) > 1:
                value = roman_to_int(num.upper())
            else:
                value = _LETTERS.find(num) + 1
            return Marker("paren", m.group(0), num, value, _skip_spaces(line, m.end()))
        return None
    if first in "IVXLC":
        m = _ROMAN.match(line)
        if m:
            value = roman_to_int(m.group("num"))
            if value is not None and value <= 60 and (first in "IVX" or m.group("num") != first):
                return Marker("roman", _label(line, m), m.group("num"), value, _skip_spaces(line, m.end()))
    if first in _UPPER_LETTERS:
        m = _UPPER.match(line)
        if m:
            num = m.group("num")
            return Marker("upper_letter", _label(line, m), num, _UPPER_LETTERS.index(num) + 1,
                          _skip_spaces(line, m.end()))
    if first in _LETTERS:
        m = _LETTER.match(line)
        if m and len(line) > m.end():
            num = m.group("num")
            return Marker("letter", num + m.group("punct"), num, _LETTERS.index(num) + 1,
                          _skip_spaces(line, m.end()))
        return None
    if first in "-–—+•*●▪■◦○❖➢✓►·→⁃∙":
        if _RULE.match(line):
            return None
        m = _BULLET.match(line)
        if m:
            return Marker("bullet", m.group("sym"), None, None, _skip_spaces(line, m.end()))
    return None


def _label(line: str, m: re.Match[str]) -> str:
    """The label of a numbered marker as printed: "II.", "3)", "1 /"; a dash after the number
    ("I- ĐÁNH GIÁ", "1 - Mức trợ cấp") separates it from the text like a space and is not part of
    the label ("I", "1"); it stays inside the unit's span, between its label and its text."""
    punct = m.group("punct")
    if punct.strip() in ("-", "–"):
        return m.group("num")
    return line[: m.end()].rstrip()


def _skip_spaces(line: str, i: int) -> int:
    n = len(line)
    while i < n and line[i] in " \t":
        i += 1
    return i


def _starts_upper(line: str, i: int) -> bool:
    i = _skip_spaces(line, i)
    return i < len(line) and (line[i].isupper() or line[i] in "\"“(")


# ---- a heading glued to the previous paragraph (scraped text lost the line break) ---------
#: "... có lợi thế3. Nhiệm vụ", "... năm 20245. Nhiệm vụ": a number right after a letter,
#: closing punctuation or a year's four digits, then ". " and a capital
GLUED_ARABIC = re.compile(
    rf"(?:(?<=[^\W\d_])|(?<=[^\d][.;:)\]”\"])|(?<=(?<!\d)(?:19|20)\d\d))(\d{{1,2}})\. (?=[{VI_UPPER}])"
)
#: "... xã hội.II. NHIỆM VỤ"
GLUED_ROMAN = re.compile(rf"(?<=[^\W\d_.;:)”\"IVX]|[.;:)”\"])([IVX]{{1,5}})\. (?=[{VI_UPPER}]{{2}})")
#: a numeral word inside a type name ("PHỤ LỤC II", "MẪU SỐ 01", "PHẦN A."): keeps its capitals
NUMERAL_WORD = re.compile(r"^(?:[IVXLC]+|\d+[a-zA-Z]?|[A-Z])[.:]?$")
