"""Join hard-wrapped lines back into paragraphs.

Markdown converters and PDF text layers break lines in mid-sentence ("Căn cứ Luật Tổ chức
chính\\nquyền địa phương"). A continuation line is one that starts with a lower-case letter
and is not a numbering marker ("a)", "đ)" are markers), following a line that does not
end a sentence or introduce a list. Upper-case starts are never joined: a heading or a new
paragraph is far more likely there than a wrapped proper noun.
"""
from __future__ import annotations

from ..lexicon.header_lines import HEADER_LINE
from ..lexicon.markers import match_marker

_ENDS_PARAGRAPH = (".", ":", ";", "!", "?", "./.", "|")


def is_continuation(prev: str, line: str) -> bool:
    """True when ``line`` continues the sentence of ``prev`` (a hard wrap)."""
    if not prev or not line:
        return False
    first = line[0]
    if not first.islower():
        return False
    if prev.endswith(_ENDS_PARAGRAPH) or HEADER_LINE.match(prev):
        return False  # "Hà nội, ngày 14 tháng 7 năm 1998" is complete even without a full stop
    return match_marker(line) is None


def reflow(lines: list[str], joinable: list[bool]) -> tuple[list[str], list[int]]:
    """Join continuation lines into their predecessor.

    ``joinable[i]`` is False for lines that must stay apart (table rows, Word paragraphs
    that are real paragraphs). Returns the new lines and, for each, the index of the first
    input line it came from.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, line in enumerate(lines):
        if out and joinable[i] and joinable[origin[-1]] and is_continuation(out[-1], line):
            out[-1] = out[-1] + " " + line
            continue
        out.append(line)
        origin.append(i)
    return out, origin
