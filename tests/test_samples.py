"""The checked-in ``samples/output`` must be what the current code produces from ``samples/inputs``.

Why: the samples are the first thing a user opens to see the output shape, and other teams
diff against them. A change to the pipeline that alters them must regenerate them
(``make samples``) in the same commit; this test fails until it does.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import vbpl_parser

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "samples" / "inputs").iterdir())


def test_every_sample_input_has_an_output():
    assert INPUTS, "samples/inputs is empty"
    outputs = {p.name for p in (ROOT / "samples" / "output").glob("*.json")}
    assert outputs == {p.name + ".json" for p in INPUTS}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_sample_output_is_current(path: Path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the samples record the relative path `make samples` gives
    doc = vbpl_parser.parse(os.path.join("samples", "inputs", path.name))
    fresh = json.loads(doc.model_dump_json())
    stored = json.loads((ROOT / "samples" / "output" / (path.name + ".json")).read_text(encoding="utf-8"))
    assert fresh["source"]["sha256"] == stored["source"]["sha256"]
    for key in fresh:
        assert fresh[key] == stored[key], f"samples/output/{path.name}.json is stale in {key!r}: run `make samples`"
