"""Split headings glued to the end of the previous paragraph.

Text scraped from legal portals loses some line breaks, so a heading ends up inside the
previous paragraph: "... có lợi thế3. Nhiệm vụ, giải pháp ..." or "... năm 20245. Nhiệm vụ".
A number in running text is far more common than a glued heading, so a split needs all of:

* the number is exactly the next one expected at that level (the last "N." heading seen at
  a line start, or implied by "N.1.", plus one; a higher-level heading resets it);
* it is glued: directly after a letter or closing punctuation with no space, or after the
  four digits of a year ("20245." = "2024" + "5.");
* it is followed by ". " and an upper-case letter.

The same holds for Roman headings ("... xã hội.II. NHIỆM VỤ").
"""
from __future__ import annotations

from ..lexicon.markers import GLUED_ARABIC, GLUED_ROMAN, int_to_roman, match_marker, roman_to_int

_HIGHER = {"phan", "chuong", "muc", "tieu_muc", "dieu", "upper_letter", "roman"}


def split_glued_headings(lines: list[str]) -> list[list[str]]:
    """For each input line, the list of lines it becomes (one element when nothing is glued)."""
    result: list[list[str]] = []
    last_arabic = 0
    last_roman = 0
    for line in lines:
        parts: list[str] = []
        pending = line
        while True:
            marker = match_marker(pending)
            if marker is not None:
                if marker.kind == "arabic":
                    last_arabic = marker.value or last_arabic
                elif marker.kind == "decimal" and marker.parts:
                    last_arabic = marker.parts[0]
                elif marker.kind == "roman":
                    last_roman = marker.value or last_roman
                    last_arabic = 0
                elif marker.kind in _HIGHER:
                    last_arabic = 0
            cut = _find_glued(pending, marker.end if marker else 1, last_arabic + 1, last_roman + 1)
            if cut is None:
                parts.append(pending)
                break
            parts.append(pending[:cut].rstrip())
            pending = pending[cut:]
        result.append(parts)
    return result


def _find_glued(line: str, search_from: int, next_arabic: int, next_roman: int) -> int | None:
    """Offset (after the line's own marker) where a glued heading numbered as expected starts."""
    if len(line) < 8 or ". " not in line:
        return None
    search_from = max(search_from, 1)
    want = str(next_arabic)
    # plain substring tests first: the expected number is rarely there at all, and the
    # look-behind scans are the costly part of cleaning a long document
    if line.find(want + ". ", search_from) != -1 or line.find(want.zfill(2) + ". ", search_from) != -1:
        for m in GLUED_ARABIC.finditer(line, search_from):
            if m.group(1) == want or m.group(1) == want.zfill(2):
                return m.start(1)
    roman = int_to_roman(next_roman)
    if line.find(roman + ". ", search_from) != -1:
        for m in GLUED_ROMAN.finditer(line, search_from):
            if m.group(1) == roman and roman_to_int(m.group(1)) == next_roman:
                return m.start(1)
    return None
