"""Reader for plain text and Markdown (.txt, .md): the reference format of the project.

Text scraped from legal portals keeps table rows as pipe-separated lines
("ỦY BAN NHÂN DÂN | CỘNG HÒA ... |", "| STT | Nhiệm vụ | ... |"). Runs of such lines
become :class:`Table` blocks, and the letterhead/signature ones are flattened like Word
layout tables, so the text path and the Word path feed the same intermediate.
"""
from __future__ import annotations

import re

from ..limits import check_text_length
from ..options import Run
from .document import Block, Cell, Paragraph, RawDocument, Table
from .layout import flatten_layout_table, is_layout_table

_PIPE_ROW = re.compile(r"^\s*\|?[^|\n]*\|.*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_STUB = re.compile(r"^\s*<jsontable[^>]*>\s*</jsontable>\s*$")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258.

    Windows-1258 is the legacy Vietnamese Windows code page; cp1252 would mangle it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    bad = data.count(b"\xef\xbf\xbd")
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") - bad <= max(3, len(data) // 2000):
        return text, "utf-8"
    return data.decode("cp1258", errors="replace"), "cp1258"


def _split_row(line: str) -> list[Cell]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [Cell(c.strip()) for c in s.split("|")]


def blocks_from_text(text: str) -> list[Block]:
    """Paragraph per line; pipe-table runs as tables (layout ones flattened)."""
    blocks: list[Block] = []
    rows: list[list[Cell]] = []

    def flush() -> None:
        if not rows:
            return
        table = Table([r for r in rows])
        if is_layout_table(table.rows):
            blocks.extend(flatten_layout_table(table))
        else:
            blocks.append(table)
        rows.clear()

    for line in text.splitlines():
        if "|" in line and _PIPE_ROW.match(line) and not _HTML_STUB.match(line):
            if _MD_RULE.match(line):
                continue
            rows.append(_split_row(line))
            continue
        flush()
        if _HTML_STUB.match(line):
            blocks.append(Paragraph(""))
            continue
        blocks.append(Paragraph(line))
    flush()
    return blocks


def read_txt(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for .txt bytes."""
    return read_text_file(data, name, run, "txt")


def read_md(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for Markdown bytes (a converter's output: pipe tables, hard wraps)."""
    return read_text_file(data, name, run, "md")


def read_text_file(data: bytes, name: str | None, run: Run, fmt: str = "txt") -> RawDocument:
    text, encoding = decode_text(data)
    check_text_length(len(text), name, run.limits)  # before building a block per line
    raw = RawDocument(blocks_from_text(text), format=fmt, reader="plaintext")
    if encoding == "cp1258":
        raw.encodings.append("cp1258")
    return raw
