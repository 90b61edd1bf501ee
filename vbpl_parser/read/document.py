"""The intermediate every reader produces: ordered blocks of text.

This is the stage boundary between *reading* a file (format-specific) and everything
after it (format-agnostic). A reader's only job is to turn bytes into a
:class:`RawDocument`: paragraphs in reading order with the list label Word (or the page)
would display, and data tables kept as tables so the tagging stage can read task tables.

Layout tables (the two-column letterhead "ỦY BAN NHÂN DÂN | CỘNG HÒA ...", signature
blocks) are not data: readers flatten them into paragraphs (:mod:`.layout`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Zone = Literal["body", "header", "footer", "footnote", "textbox"]
Align = Literal["left", "center", "right", "justify"]


@dataclass(slots=True)
class StyleHints:
    """Typographic hints a reader could recover; all optional (plain text has none)."""

    bold: bool | None = None
    italic: bool | None = None
    all_caps: bool | None = None
    align: Align | None = None
    font_size: float | None = None
    style_name: str | None = None
    heading_level: int | None = None
    indent: float | None = None


@dataclass(slots=True)
class Paragraph:
    """One paragraph of text in reading order.

    ``list_label`` is the marker rendered by Word automatic numbering ("1.1.", "a)", "-"):
    it is not part of ``text`` in the file, but a reader of the printed page sees it, so the
    assembler prepends it. Typed markers ("1. Mục tiêu") stay inside ``text``.
    """

    text: str
    list_label: str | None = None
    page: int | None = None
    style: StyleHints = field(default_factory=StyleHints)
    zone: Zone = "body"
    #: (start, end) ranges of ``text`` the font prints in capitals although the characters are
    #: lower case: legacy TCVN3 ".VnTimeH"-style fonts. They can only be upper-cased after the
    #: cleaning stage has decoded the legacy bytes, so the reader passes them on.
    capitals: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class Cell:
    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass(slots=True)
class Table:
    """A data table: rows of cells in reading order (merged cells appear once)."""

    rows: list[list[Cell]]
    page: int | None = None
    zone: Zone = "body"


Block = Paragraph | Table


@dataclass(slots=True)
class OcrInfo:
    engine: str
    language: str
    dpi: int
    pages: list[int]
    mean_confidence: float | None = None


@dataclass(slots=True)
class RawDocument:
    """What a reader returns. ``format`` is detected from the bytes, not the file name."""

    blocks: list[Block]
    format: str
    reader: str
    pages: int | None = None
    fallbacks: list[str] = field(default_factory=list)
    ocr: OcrInfo | None = None
    encodings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    converted_with: str | None = None
    # Page headers, footers and page numbers a paginated reader (PDF, OCR) kept out of
    # ``blocks`` so they do not break paragraphs; kept here so nothing printed is lost.
    furniture: list[Paragraph] = field(default_factory=list)

    def has_text(self) -> bool:
        """Does any block hold text (a paragraph's or a table cell's)?"""
        return any(getattr(b, "text", None) or getattr(b, "rows", None) for b in self.blocks)
