"""Stage 5 — tag: referenced documents, agencies, deadlines; then tasks.

Fills ``references``, ``agencies``, ``deadlines`` and ``tasks`` of a :class:`Document`
whose text, metadata and sections are already built.
"""
from __future__ import annotations

from ..clean import CleanDoc
from ..header.zones import Zones
from ..model import Document


def tag_document(doc: Document, cd: CleanDoc, zones: Zones) -> None:
    """Run every tagger over the document (in place)."""
    return None
