"""Tables that only lay out a page: the two-column letterhead and the signature block.

Offices put "ỦY BAN NHÂN DÂN | CỘNG HÒA ..." and "Nơi nhận | TM. ỦY BAN NHÂN DÂN" in borderless
tables; their cells are header/signature lines, not data. Every reader flattens them into
paragraphs, left column first, so that the header parser sees the issuer lines before the
national motto.
"""
from __future__ import annotations

from .document import Cell, Paragraph, Table

_LAYOUT_HINTS = (
    "CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "Độc lập", "ĐỘC LẬP", "Số:", "Số :", "TM.", "KT.", "TL.",
    "TUQ.", "Nơi nhận", "ĐẢNG CỘNG SẢN", "CHỦ TỊCH", "Kính gửi",
)


def is_layout_table(rows: list[list[Cell]]) -> bool:
    """True for tables used only to lay out the letterhead or the signature block.

    Offices put "ỦY BAN NHÂN DÂN | CỘNG HÒA ..." and "Nơi nhận | TM. ỦY BAN NHÂN DÂN" in
    borderless tables; their cells are header/signature lines, not data.
    """
    if not rows or len(rows) > 8:
        return False
    width = max(len(r) for r in rows)
    if width > 3:
        return False
    text = " ".join(c.text for r in rows for c in r)
    return any(h in text for h in _LAYOUT_HINTS) and len(text) < 3000


def flatten_layout_table(table: Table) -> list[Paragraph]:
    """Paragraphs of a layout table, column by column (issuer column before the motto)."""
    width = max(len(r) for r in table.rows)
    out: list[Paragraph] = []
    for col in range(width):
        for row in table.rows:
            if col < len(row):
                for line in row[col].text.splitlines():
                    if line.strip():
                        out.append(Paragraph(line, page=table.page, zone=table.zone))
    return out
