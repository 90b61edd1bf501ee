"""Stage 8 — assemble: the one place that builds the output model.

Every earlier stage returns its own values (metadata, outline, tags, task drafts); this
step resolves each item's section and builds the pydantic :class:`~vbpl_parser.model.Document`
in one go, so no half-built document is ever passed around or filled in place.
"""
from __future__ import annotations

from collections.abc import Sequence

from .clean import CleanDoc
from .header.zones import Part, Zones
from .lex import Lexed, LexLine, LexTable
from .lexicon.markers import NUMERAL_WORD
from .model import (
    Agency,
    Attachment,
    Cell,
    Deadline,
    Document,
    Metadata,
    Reference,
    Section,
    Source,
    Table,
    TableRowRef,
    Task,
    Warning,
)
from .outline import Outline, PartOutline, SectionIndex
from .read.document import RawDocument
from .tag import DeadlineMention, Tags
from .tasks import TaskDraft


def assemble(raw: RawDocument, cleaned: CleanDoc, lexed: Lexed, source: Source, zones: Zones, metadata: Metadata,
             outline: Outline, tags: Tags, drafts: list[TaskDraft]) -> Document:
    index = outline.index
    warnings = [Warning(code="reader", message=w) for w in raw.warnings]
    warnings += [Warning(code="clean", message=n) for n in cleaned.notes]
    warnings += [Warning(code="outline", message=w) for w in outline.warnings]
    tables = [_table(t, index) for t in lexed.tables]
    deadlines = [_deadline(d, index.section_at(d.start)) for d in tags.deadlines]
    tasks: list[Task] = []
    for n, d in enumerate(drafts, 1):
        deadline_section = d.section_id if d.table_row else (
            index.section_at(d.deadline.start) if d.deadline else None)
        deadline = _deadline(d.deadline, deadline_section) if d.deadline else None
        tasks.append(Task(id=f"T{n}", section_id=d.section_id, text=lexed.text[d.start:d.end], lead=d.lead,
                          support=d.support, deadline=deadline,
                          table_row=TableRowRef(table=d.table_row[0], key=d.table_row[1]) if d.table_row else None,
                          start=d.start, end=d.end))
        # a time-limit cell of a task table is a deadline of the document too
        if d.table_row and deadline is not None and all(x.start != deadline.start for x in deadlines):
            deadlines.append(deadline)
    deadlines.sort(key=lambda x: x.start)
    return Document(
        source=source,
        text=lexed.text,
        metadata=metadata,
        preamble=outline.main.preamble,
        sections=outline.main.sections,
        attachments=[_attachment(lexed.lines, part, po) for part, po in zip(zones.attachments, outline.attachments)],
        tables=tables,
        references=[Reference(text=r.text, doc_type=r.doc_type, number=r.number, symbol=r.symbol,
                              issue_date=r.issue_date, issuer=r.issuer, start=r.start, end=r.end,
                              section_id=index.section_at(r.start)) for r in tags.references],
        agencies=[Agency(text=a.text, name=a.name, is_group=a.is_group, start=a.start, end=a.end,
                         section_id=index.section_at(a.start)) for a in tags.agencies],
        deadlines=deadlines,
        tasks=tasks,
        warnings=warnings,
    )


def _deadline(d: DeadlineMention, section_id: str | None) -> Deadline:
    return Deadline(text=d.text, date=d.date, kind=d.kind, recurrence=d.recurrence, start=d.start, end=d.end,
                    section_id=section_id)


def _table(t: LexTable, index: SectionIndex) -> Table:
    rows = [[Cell(text=c.text, start=c.start, end=c.end) for c in row] for row in t.rows]
    return Table(index=t.index + 1, start=t.start, end=t.end, section_id=index.section_at(t.start), rows=rows)


def _type_name(line: str) -> str:
    """"PHỤ LỤC II" -> "Phụ lục II", "QUY ĐỊNH" -> "Quy định"; a line already in normal case
    ("Phụ lục I") stays as printed. Numerals keep their capitals."""
    if any(c.islower() for c in line):
        return line
    words = [w if NUMERAL_WORD.match(w) else w.lower() for w in line.split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _attachment(lines: Sequence[LexLine], part: Part, outline: PartOutline) -> Attachment:
    first = lines[part.header.start] if part.header else None
    title_lines = [lines[i].text for i in part.title_lines]
    doc_type = first.text.split("\n")[0].strip() if first else None
    title = " ".join(title_lines).strip() or None
    meta = Metadata(doc_type=_type_name(doc_type) if doc_type else None, title=title)
    start = lines[part.header.start].start if part.header else (lines[part.body.start].start if part.body else 0)
    last = max([part.closing.stop, part.body.stop, part.header.stop]) - 1
    end = lines[last].end if last >= 0 else start
    return Attachment(title=title, doc_type=meta.doc_type, metadata=meta, start=start, end=end,
                      preamble=outline.preamble, sections=outline.sections)


__all__ = ["assemble", "Section"]
