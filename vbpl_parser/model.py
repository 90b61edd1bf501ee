"""The output contract: pydantic v2 models of a parsed document.

Field names are fixed by the product contract (other tools and the scorer read them).
All ``start``/``end`` offsets index into :attr:`Document.text`, the cleaned full text,
so ``doc.text[item.start:item.end] == item.text`` holds for every extracted item.
``schemas/document.schema.json`` is generated from these models (``vbpl-parser schema``).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OcrSummary(_Model):
    engine: str
    language: str
    dpi: int
    pages: list[int] = Field(description="1-based numbers of the pages that were OCR'd")
    mean_confidence: float | None = Field(None, description="mean word confidence, 0-100")


class Source(_Model):
    path: str | None = Field(None, description="input path as given, null for bytes/text input")
    file_name: str | None = None
    format: str = Field(description="format detected from the bytes: txt, md, docx, doc, rtf, pdf, html, image")
    sha256: str
    parser_version: str | None = Field(
        None, description="vbpl_parser version that wrote this output; "
                          "a batch re-run redoes outputs of another version")
    size: int = Field(description="input size in bytes")
    pages: int | None = None
    reader: str = Field(description="which reader produced the text")
    fallbacks: list[str] = Field(default_factory=list, description="fallbacks that ran, e.g. 'ocr'")
    ocr: OcrSummary | None = None
    encodings: list[str] = Field(default_factory=list, description="legacy encodings converted: tcvn3, vni")
    converted_with: str | None = Field(None, description="external converter used, e.g. 'libreoffice 7.4'")
    furniture: list[str] = Field(
        default_factory=list,
        description="page headers, footers and page numbers a paginated reader set aside (not in text)")


class Signer(_Model):
    name: str | None = None
    position: str | None = Field(None, description="e.g. 'Phó Chủ tịch'")
    authority: str | None = Field(None, description="'TM. Ủy ban nhân dân', 'KT. Chủ tịch'; several joined by '; '")


class Metadata(_Model):
    doc_type: str | None = Field(None, description="tên loại: 'Kế hoạch', 'Quyết định', 'Công văn'...")
    doc_type_code: str | None = Field(None, description="abbreviation in the ký hiệu: KH, QĐ, NĐ...")
    symbol: str | None = Field(None, description="số và ký hiệu: '24/KH-UBND'; '/KH-UBND' for a blank draft number")
    number: str | None = None
    issue_date: str | None = Field(None, description="ISO date, null when blank")
    place: str | None = None
    issuer: str | None = Field(None, description="issuing body, normal case, abbreviations expanded")
    issuer_parent: str | None = None
    title: str | None = Field(None, description="trích yếu")
    signer: Signer = Field(default_factory=Signer)
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận lines")
    legal_bases: list[str] = Field(default_factory=list, description="'Căn cứ ...' lines")
    is_draft: bool = Field(False, description="'DỰ THẢO' printed or number/date left blank")


SectionKind = Literal[
    "preamble", "phan", "chuong", "muc", "tieu_muc", "dieu", "khoan", "diem",
    "upper_letter", "roman", "arabic", "decimal", "letter", "bullet", "paren",
]


class Section(_Model):
    id: str = Field(description="unique, stable path id, e.g. 'B.II.2.1'")
    kind: SectionKind
    label: str = Field(description="the marker exactly as printed: 'II.', '2.1.', 'a)', '-', 'Điều 5.'; "
                                   "'' for the preamble")
    number: str | None = Field(None, description="the marker's number/letter without punctuation")
    title: str | None = Field(None, description="heading text when the unit is a heading")
    text: str = Field(description="the unit's own text, without label and children")
    start: int = Field(description="start of the unit (its label) in Document.text")
    end: int = Field(description="end of the unit including its children")
    text_start: int
    text_end: int
    children: list[Section] = Field(default_factory=list)


class Attachment(_Model):
    """A document issued together with the main one (its numbering restarts)."""

    title: str | None = None
    doc_type: str | None = None
    metadata: Metadata | None = None
    start: int
    end: int
    preamble: Section | None = None
    sections: list[Section] = Field(default_factory=list)


class Cell(_Model):
    text: str
    start: int
    end: int


class Table(_Model):
    index: int = Field(description="1-based number of the table in the document")
    start: int
    end: int
    section_id: str | None = None
    rows: list[list[Cell]]


class Reference(_Model):
    text: str
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issue_date: str | None = None
    issuer: str | None = None
    start: int
    end: int
    section_id: str | None = None


class Agency(_Model):
    text: str
    name: str = Field(description="canonical name: abbreviations expanded, spelling normalized")
    is_group: bool = False
    start: int
    end: int
    section_id: str | None = None


DeadlineKind = Literal["before", "on", "by_period", "recurring", "relative", "range", "ongoing"]


class Deadline(_Model):
    text: str
    date: str | None = Field(None, description="ISO end date when computable")
    kind: DeadlineKind
    recurrence: str | None = Field(None, description="'monthly', 'quarterly', 'yearly', 'weekly', 'every 2 weeks'...")
    start: int
    end: int
    section_id: str | None = None


class TableRowRef(_Model):
    table: int
    key: str


class Task(_Model):
    id: str
    section_id: str | None
    text: str
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: Deadline | None = None
    table_row: TableRowRef | None = None
    start: int
    end: int


class Warning(_Model):
    code: str
    message: str
    start: int | None = None
    end: int | None = None


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    text: str = Field(description="cleaned full text; every offset indexes into it")
    metadata: Metadata
    preamble: Section | None = Field(
        None, description="body text before the first numbered unit; items there have section_id null")
    sections: list[Section]
    attachments: list[Attachment] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    def iter_sections(self) -> Iterator[Section]:
        """All sections (preambles included) of the body and then of each attachment, depth-first."""
        if self.preamble is not None:
            yield self.preamble
        yield from _walk(self.sections)
        for att in self.attachments:
            if att.preamble is not None:
                yield att.preamble
            yield from _walk(att.sections)


def _walk(nodes: list[Section]) -> Iterator[Section]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


Section.model_rebuild()
