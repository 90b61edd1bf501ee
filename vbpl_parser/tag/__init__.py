"""Stage 5 — tag: referenced documents, agencies, deadlines; then tasks (stage 6).

Fills ``references``, ``agencies``, ``deadlines`` and ``tasks`` of a :class:`Document` whose
text, metadata and sections are already built. Only the title block, the body and the
attachments are searched: the signature block, "Nơi nhận" and a portal's trailer are not
the document's content (their mentions would be noise for a tracking system).
"""
from __future__ import annotations

import re

from ..clean import CleanDoc
from ..header.zones import Zones
from ..model import Agency, Deadline, Document, Reference, Task, TableRowRef
from ..tasks.assign import TaskFinder, to_deadline
from ..tasks.tables import table_tasks
from .agencies import AgencyMatcher, province_of
from .context import in_purpose_clause, in_ranges, review_ranges
from .deadlines import find_deadlines
from .locate import SectionIndex
from .references import ReferenceFinder


def _ranges(cd: CleanDoc, zones: Zones) -> list[tuple[int, int]]:
    """Character ranges searched for items: title lines, body, and each attachment."""
    lines = cd.lines
    out: list[tuple[int, int]] = []
    for part in [zones.main, *zones.attachments]:
        for i in part.title_lines:
            out.append((lines[i].start, lines[i].end))
        if part.body:
            out.append((lines[part.body.start].start, lines[part.body.stop - 1].end))
    return out


def document_year(doc: Document, cd: CleanDoc, zones: Zones) -> int | None:
    """The year deadlines without one refer to: the issue date's, else the printed "năm YYYY"."""
    if doc.metadata.issue_date:
        return int(doc.metadata.issue_date[:4])
    for i in zones.main.header:
        m = re.search(r"ngày.*?năm\s+(\d{4})", cd.lines[i].text)
        if m:
            return int(m.group(1))
    return None


def tag_document(doc: Document, cd: CleanDoc, zones: Zones) -> None:
    """Run every tagger over the document (in place)."""
    text = doc.text
    province = province_of(doc.metadata.issuer, doc.metadata.issuer_parent)
    matcher = AgencyMatcher(province)
    index = SectionIndex(doc)
    year = document_year(doc, cd, zones)
    ranges = _ranges(cd, zones)
    agencies = [a for lo, hi in ranges for a in matcher.find(text, lo, hi)]
    refs = ReferenceFinder(doc.metadata.symbol, matcher, known=agencies)
    deadlines = []
    # footnotes (Word notes appended after the document) cite sources: references only
    notes = [(ln.start, ln.end) for ln in cd.lines if ln.zone == "footnote"]
    for lo, hi in ranges + notes:
        for r in refs.find(text, lo, hi):
            doc.references.append(Reference(
                text=r.text, doc_type=r.doc_type, number=r.number, symbol=r.symbol, issue_date=r.issue_date,
                issuer=r.issuer, start=r.start, end=r.end, section_id=index.section_at(r.start)))
    for lo, hi in ranges:
        deadlines.extend(find_deadlines(text, lo, hi, year))
    review = review_ranges(doc)
    deadlines = [d for d in deadlines if not in_ranges(d.start, review) and not in_purpose_clause(text, d.start)]
    doc.agencies = [Agency(text=a.text, name=a.name, is_group=a.is_group, start=a.start, end=a.end,
                           section_id=index.section_at(a.start)) for a in agencies]
    doc.deadlines = [to_deadline(d, index.section_at(d.start)) for d in deadlines]
    finder = TaskFinder(text, agencies, deadlines, doc.metadata.issuer, skip=review)
    drafts = finder.from_tree(doc.sections, doc.preamble)
    for att in doc.attachments:
        drafts.extend(finder.from_tree(att.sections, att.preamble))
    tasks: list[Task] = []
    for n, d in enumerate(drafts, 1):
        tasks.append(Task(id=f"T{n}", section_id=d.section_id, text=text[d.start:d.end], lead=d.lead,
                          support=d.support, deadline=to_deadline(d.deadline, index.section_at(d.deadline.start))
                          if d.deadline else None, table_row=None, start=d.start, end=d.end))
    for table in doc.tables:
        table.section_id = index.section_at(table.start)
        for t in table_tasks(table, text, matcher, year):
            n = len(tasks) + 1
            tasks.append(Task(id=f"T{n}", section_id=table.section_id, text=text[t.start:t.end], lead=t.lead,
                              support=t.support, deadline=to_deadline(t.deadline, table.section_id),
                              table_row=TableRowRef(table=t.table, key=t.key), start=t.start, end=t.end))
            if t.deadline is not None and all(d.start != t.deadline.start for d in doc.deadlines):
                doc.deadlines.append(to_deadline(t.deadline, table.section_id))
    doc.tasks = tasks
    doc.deadlines.sort(key=lambda d: d.start)
