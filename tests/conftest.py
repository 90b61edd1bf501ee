"""Shared helpers for the test-suite: fixture paths and a section-tree walker."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_FIXTURES = sorted((FIXTURES / "text").glob("*.txt")) + sorted((FIXTURES / "text").glob("*.md"))


def run_for(name=None):
    """A document run under the environment's options, as the library gives one when the
    caller passes none (tests that call a reader directly)."""
    from vbpl_parser.options import Options

    return Options.from_env().start(name)


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
