"""Stage 5 — outline: the numbered units of the main document and of each attachment.

:mod:`.tree` builds one part's tree from its body lines; this module runs it over every
part and gives the result as one value, with the index that maps an offset to its section.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..header.zones import Zones
from ..lex import LexLine
from ..model import Section
from .locate import SectionIndex
from .tree import build_outline

__all__ = ["Outline", "PartOutline", "SectionIndex", "build_outline", "outline_document"]


@dataclass(frozen=True, slots=True)
class PartOutline:
    """The units of one document (main or attached): the preamble and the numbered tree."""

    preamble: Section | None
    sections: list[Section]


@dataclass(frozen=True, slots=True)
class Outline:
    main: PartOutline
    attachments: list[PartOutline]
    warnings: list[str]
    index: SectionIndex

    @property
    def parts(self) -> list[PartOutline]:
        """The main document's outline, then each attachment's."""
        return [self.main, *self.attachments]


def outline_document(text: str, lines: Sequence[LexLine], zones: Zones) -> Outline:
    preamble, sections, warnings = build_outline(text, lines, zones.main.body)
    attachments = []
    for k, part in enumerate(zones.attachments, 1):
        att_pre, att_sections, att_warnings = build_outline(text, lines, part.body, id_prefix=f"att{k}.")
        warnings += [f"attachment {k}: {w}" for w in att_warnings]
        attachments.append(PartOutline(att_pre, att_sections))
    index = SectionIndex([sections, *(a.sections for a in attachments)])
    return Outline(PartOutline(preamble, sections), attachments, warnings, index)
