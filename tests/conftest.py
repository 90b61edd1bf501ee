"""Shared helpers for the test-suite: fixture paths and a section-tree walker."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt")) + sorted((FIXTURES / "text").glob("*.md"))


def walk(sections, prefix=()):
    """Yield (path of labels, section) depth-first, like the gold outline paths."""
    bullets = 0
    for s in sections:
        if s.kind == "bullet":
            bullets += 1
            key = f"-#{bullets}"
        else:
            key = s.label.rstrip(".):").strip()
        path = prefix + (key,)
        yield path, s
        yield from walk(s.children, path)


@pytest.fixture(scope="session")
def reference_plan():
    import vbpl_parser

    return vbpl_parser.parse(FIXTURES / "text" / "tthue-kh-24-2024.txt")
