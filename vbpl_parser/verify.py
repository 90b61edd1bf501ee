"""Invariants every parsed document must satisfy; used by tests and by ``--check``.

* offsets are honest: each item's ``text`` equals ``Document.text[start:end]``;
* the outline is lossless: from the first unit to the last, every non-space character of
  the text is in exactly one unit's label or own text (units never overlap).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .model import Document, Section


class _Located(Protocol):
    """An extracted item (reference, agency, deadline, task): its text, offsets and section."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def section_id(self) -> str | None: ...


def _units(doc: Document) -> list[tuple[list[Section], Section | None]]:
    parts: list[tuple[list[Section], Section | None]] = [(doc.sections, doc.preamble)]
    parts += [(a.sections, a.preamble) for a in doc.attachments]
    return parts


def _flatten(sections: list[Section]) -> list[Section]:
    out = []
    for s in sections:
        out.append(s)
        out.extend(_flatten(s.children))
    return out


def outline_problems(doc: Document) -> list[str]:
    """Overlaps, gaps with text, or label/own-text mismatches in the section trees."""
    text = doc.text
    problems: list[str] = []
    for sections, preamble in _units(doc):
        nodes = ([preamble] if preamble else []) + _flatten(sections)
        spans: list[tuple[int, int, str]] = []
        for n in nodes:
            if n.label:
                if text[n.start:n.start + len(n.label)] != n.label:
                    problems.append(f"{n.id}: label {n.label!r} not at its start offset")
                # the marker runs from the label to the unit's text: "I- ĐÁNH GIÁ" has label "I",
                # its dash separator is marker too
                marker_end = max(n.start + len(n.label), min(n.text_start, n.end))
                if text[n.start + len(n.label):marker_end].strip(" \t\n-–"):
                    problems.append(f"{n.id}: more than a separator between label and text")
                spans.append((n.start, marker_end, n.id))
            if text[n.text_start:n.text_end] != n.text:
                problems.append(f"{n.id}: text differs from text[text_start:text_end]")
            if n.text_end > n.text_start:
                spans.append((n.text_start, n.text_end, n.id))
            if not (n.start <= n.text_start <= n.text_end <= n.end):
                problems.append(f"{n.id}: offsets out of order")
        spans.sort()
        for (_a0, a1, aid), (b0, _b1, bid) in zip(spans, spans[1:]):
            if b0 < a1:
                problems.append(f"{aid} overlaps {bid}")
            elif text[a1:b0].strip():
                problems.append(f"text between {aid} and {bid} is in no unit: {text[a1:b0][:60]!r}")
    return problems


def item_problems(doc: Document) -> list[str]:
    """Extracted items whose text is not the slice their offsets point at."""
    problems = []
    groups: list[tuple[str, Sequence[_Located]]] = [
        ("reference", doc.references), ("agency", doc.agencies), ("deadline", doc.deadlines), ("task", doc.tasks)]
    for kind, items in groups:
        for it in items:
            if doc.text[it.start:it.end] != it.text:
                problems.append(f"{kind} {it.text[:40]!r}: offsets {it.start}-{it.end} do not match")
    for t in doc.tasks:
        if t.deadline is not None and doc.text[t.deadline.start:t.deadline.end] != t.deadline.text:
            problems.append(f"task {t.id}: deadline offsets do not match")
    ids = {s.id for s in doc.iter_sections()}
    for kind, items in groups:
        for it in items:
            if it.section_id is not None and it.section_id not in ids:
                problems.append(f"{kind} {it.text[:40]!r}: unknown section_id {it.section_id}")
    return problems
