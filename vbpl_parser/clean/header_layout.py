"""Give a flattened letterhead its lines back.

Portals such as thuvienphapluat.vn flatten the header block onto one or two lines:
"Số: 1056/QĐ-CT Tuyên Quang, ngày 16 tháng 8 năm 2010 QUYẾT ĐỊNH BAN HÀNH MỨC ...
CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH", sometimes with the first body sentence glued on
("... TRONG CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ đã ..."). The header parser
and the body boundary both work line by line, so this step cuts such lines at the anchors
every letterhead has (NĐ 30/2020, Điều 8): rules, the national motto, "Số:", the place and
date, the document-type name, the issuing authority line, and the end of the upper-case
title. Only lines before the body are touched.
"""
from __future__ import annotations

import re

from ..lexicon.header_lines import AUTHORITY, LAYOUT_ANCHORS, LAYOUT_BODY_START, LAYOUT_DATE_END, LAYOUT_RULE
from ..lexicon.markers import match_marker

_HEAD_SCAN_LINES = 25


def _is_caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _caps_run_end(s: str, start: int) -> int:
    """End offset of the run of upper-case words (digits and punctuation allowed) from ``start``."""
    end = start
    for m in re.finditer(r"\S+", s[start:]):
        w = m.group()
        if _is_caps_word(w) or not any(c.isalpha() for c in w) or w in ("V/v", "v/v"):
            end = start + m.end()
            continue
        break
    return end


def split_header_line(s: str, state: dict[str, bool] | None = None) -> list[str]:
    """Cut one flattened letterhead line into its logical lines.

    ``state`` carries ``type_seen`` across the lines of one header: only the first
    document-type name is an anchor ("QUYẾT ĐỊNH ... KẾ HOẠCH SỬ DỤNG ĐẤT" is one title).
    """
    state = {} if state is None else state
    cuts: set[int] = set()
    for m in LAYOUT_RULE.finditer(s):
        cuts.update((m.start(), m.end()))
    for m in re.finditer(r"\t", s):  # a tab separates the letterhead's two columns
        cuts.add(m.start())
    for m in LAYOUT_ANCHORS.finditer(s):
        if m.lastgroup == "type":
            if state.get("type_seen"):
                continue
            state["type_seen"] = True
        if m.start() > 0:
            cuts.add(m.start())
        if m.lastgroup == "type":
            if m.end() < len(s):
                cuts.add(m.end())
            run_end = _caps_run_end(s, m.start())
            if run_end < len(s):
                cuts.add(run_end)
            title_part = s[m.end():run_end]
            auth = _authority_start(title_part)
            if auth is not None:
                cuts.add(m.end() + auth)
        if m.lastgroup == "bracket":
            close = s.find("]", m.end())
            if close != -1:
                cuts.add(close + 1)
        if m.lastgroup == "place":
            date_end = LAYOUT_DATE_END.match(s, m.start())
            if date_end:
                cuts.add(date_end.end())
    if not cuts:
        return [s]
    parts = []
    prev = 0
    for c in sorted(cuts):
        if 0 < c < len(s):
            parts.append(s[prev:c])
            prev = c
    parts.append(s[prev:])
    return [p.strip() for p in parts if p.strip()]


def _authority_start(title: str) -> int | None:
    """Offset in an upper-case title where a trailing authority line starts, if any."""
    for m in re.finditer(r"(?<![^\s])\S", title):
        rest = title[m.start():]
        if AUTHORITY.match(rest):
            prev_word = title[: m.start()].split()[-1:] or [""]
            if prev_word[0] in ("CỦA", "VỚI", "CHO", "VÀ", "THUỘC", "TẠI", "VỀ"):
                continue
            return m.start() if m.start() > 0 else None
    return None


def split_flattened_header(lines: list[str]) -> tuple[list[str], list[int]]:
    """Split the letterhead lines at the top of a document; return lines and their origins."""
    out: list[str] = []
    origin: list[int] = []
    state: dict[str, bool] = {}
    for i, line in enumerate(lines):
        if i >= _HEAD_SCAN_LINES or _starts_body(line):
            out.extend(lines[i:])
            origin.extend(range(i, len(lines)))
            break
        parts = split_header_line(line, state) if len(line) > 20 or LAYOUT_RULE.search(line) else [line]
        pos = 0
        for j, p in enumerate(parts):
            at = line.find(p, pos)  # parts are stripped pieces of the line, in order
            pos = at + len(p)
            if j and _starts_body(p):
                # the body started inside a flattened line: the rest of that line (not only
                # this piece: later ones were lost) and every later line stay untouched
                out.append(line[at:].strip())
                origin.append(i)
                out.extend(lines[i + 1:])
                origin.extend(range(i + 1, len(lines)))
                return out, origin
            out.append(p)
            origin.append(i)
    return out, origin


def _starts_body(line: str) -> bool:
    if LAYOUT_BODY_START.match(line):
        return True
    marker = match_marker(line)
    return marker is not None and marker.kind in ("dieu", "chuong", "phan", "roman", "arabic")
