"""Every document of the shared corpus through the full pipeline.

The corpus lives beside the checkout (``../shared/corpus``); CI has it, a plain clone may
not, so these tests skip (loudly) without it. Documents that need OCR are marked slow
(``make test-slow``); everything else runs by default. A reader whose external tool is
missing on this machine skips that file with the reason, never silently.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import vbpl_parser
from vbpl_parser.errors import ToolMissing
from vbpl_parser.verify import item_problems, outline_problems

CORPUS = Path(os.environ.get("VBPL_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
DOCS = sorted((CORPUS / "docs").glob("*")) if (CORPUS / "docs").is_dir() else []
NEEDS_OCR = ("scan", "broken-font", "ocrlayer")


def _params():
    if not DOCS:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"corpus not found at {CORPUS} (set VBPL_CORPUS)"))]
    out = []
    for p in DOCS:
        marks = [pytest.mark.slow] if any(k in p.name for k in NEEDS_OCR) else []
        out.append(pytest.param(p, marks=marks, id=p.name))
    return out


@pytest.mark.parametrize("path", _params())
def test_corpus_document_parses_losslessly(path):
    try:
        doc = vbpl_parser.parse(path)
    except ToolMissing as exc:
        pytest.skip(f"{path.name}: {exc}")
    assert len(doc.text) > 200, "almost no text recovered"
    assert doc.sections or doc.preamble, "no body found"
    assert outline_problems(doc) == []
    assert item_problems(doc) == []


def test_same_document_as_doc_and_docx_gives_the_same_outline():
    docx, doc = CORPUS / "docs" / "ld-tb-ketluan-caotoc.docx", CORPUS / "docs" / "ld-tb-ketluan-caotoc.doc"
    if not (docx.exists() and doc.exists()):
        pytest.skip(f"corpus not found at {CORPUS}")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc cannot be read here")

    def labels(d):
        out = []

        def walk(nodes, depth=0):
            for n in nodes:
                out.append((depth, n.label))
                walk(n.children, depth + 1)
        walk(d.sections)
        return out

    a, b = vbpl_parser.parse(docx), vbpl_parser.parse(doc)
    assert labels(a) == labels(b)
    assert a.metadata.symbol == b.metadata.symbol and a.metadata.doc_type == b.metadata.doc_type
