"""One flat row per task: what a tracking spreadsheet or database imports.

A tracking system wants rows, not trees, so each row repeats the document's identity (symbol,
issue date, issuer, source file) and spells out where the task sits (the outline path as the
gold files write it, ``B > II > 2 > 2.1 > -#1``, and the nearest heading). Names stay as the
document writes them (``lead``/``support``, several joined by ``"; "`` since names contain
commas); the deadline comes both as printed and as an ISO date.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Section

#: column order of every export format
COLUMNS: tuple[str, ...] = (
    "doc_symbol", "doc_type", "doc_issue_date", "doc_issuer",
    "task_id", "section_id", "section_path", "section_label", "section_title",
    "task_text", "lead", "support",
    "deadline_text", "deadline_date", "deadline_kind", "deadline_recurrence",
    "source_file", "start", "end",
)
#: columns holding ISO dates (the XLSX writer stores them as real dates)
DATE_COLUMNS = frozenset({"doc_issue_date", "deadline_date"})
#: separator between several names in ``lead``/``support``
NAME_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class SectionPlace:
    """Where a section sits: its path of labels from the top and the nearest heading above it."""

    path: str
    label: str
    title: str | None


def _key(sec: Section, bullets: int) -> str:
    if sec.kind == "bullet":
        return f"-#{bullets}"
    if sec.kind == "preamble":
        return "preamble"
    return sec.label.rstrip(".):").strip() or sec.id


def section_places(doc: Document) -> dict[str, SectionPlace]:
    """``section id -> SectionPlace`` for every unit of the body and the attachments."""
    places: dict[str, SectionPlace] = {}

    def walk(nodes: list[Section], prefix: tuple[str, ...], heading: str | None) -> None:
        bullets = 0
        for sec in nodes:
            if sec.kind == "bullet":
                bullets += 1
            path = prefix + (_key(sec, bullets),)
            title = sec.title or heading
            places[sec.id] = SectionPlace(" > ".join(path), sec.label, title)
            walk(sec.children, path, title)

    walk(([doc.preamble] if doc.preamble else []) + doc.sections, (), None)
    for i, att in enumerate(doc.attachments, 1):
        walk(([att.preamble] if att.preamble else []) + att.sections, (f"att{i}",), att.title)
    return places


def task_rows(doc: Document, source_file: str | None = None) -> list[dict[str, str | int | None]]:
    """The tasks of ``doc`` as flat rows keyed by :data:`COLUMNS`, in document order.

    ``source_file`` defaults to the path the document was read from (or its file name).
    """
    meta = doc.metadata
    places = section_places(doc)
    source = source_file if source_file is not None else (doc.source.path or doc.source.file_name)
    rows: list[dict[str, str | int | None]] = []
    for task in doc.tasks:
        place = places.get(task.section_id) if task.section_id else None
        dl = task.deadline
        rows.append({
            "doc_symbol": meta.symbol,
            "doc_type": meta.doc_type,
            "doc_issue_date": meta.issue_date,
            "doc_issuer": meta.issuer,
            "task_id": task.id,
            "section_id": task.section_id,
            "section_path": place.path if place else None,
            "section_label": place.label if place else None,
            "section_title": place.title if place else None,
            "task_text": task.text,
            "lead": NAME_SEPARATOR.join(task.lead) or None,
            "support": NAME_SEPARATOR.join(task.support) or None,
            "deadline_text": dl.text if dl else None,
            "deadline_date": dl.date if dl else None,
            "deadline_kind": dl.kind if dl else None,
            "deadline_recurrence": dl.recurrence if dl else None,
            "source_file": source,
            "start": task.start,
            "end": task.end,
        })
    return rows
