"""The CLI contract and the checked-in JSON Schema."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from vbpl_parser.cli import main, schema_json
from vbpl_parser.model import Document

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]


def test_schema_file_matches_model():
    checked_in = (ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8")
    assert checked_in == schema_json(), "schemas/document.schema.json drifted: run `vbpl-parser schema > schemas/document.schema.json`"


def test_parse_writes_one_json_per_input(tmp_path, capsys):
    inputs = [FIXTURES / "text" / "ttg-qd-12-2024.txt", FIXTURES / "text" / "ttg-ct-299-1980.txt"]
    assert main(["parse", *map(str, inputs), "-o", str(tmp_path)]) == 0
    out = sorted(p.name for p in tmp_path.iterdir())
    assert out == ["ttg-ct-299-1980.txt.json", "ttg-qd-12-2024.txt.json"]
    doc = Document.model_validate_json((tmp_path / "ttg-qd-12-2024.txt.json").read_text(encoding="utf-8"))
    assert doc.metadata.symbol == "12/2024/QĐ-TTg"
    assert not list(tmp_path.glob(".*.tmp")), "temp files left behind"


def test_parse_to_stdout_and_error_exit(tmp_path):
    good = FIXTURES / "text" / "ttg-ct-299-1980.txt"
    run = subprocess.run([sys.executable, "-m", "vbpl_parser.cli", "parse", str(good)], capture_output=True, text=True)
    assert run.returncode == 0
    assert json.loads(run.stdout)["metadata"]["symbol"] == "299/TTg"
    missing = tmp_path / "khong-co.docx"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = subprocess.run([sys.executable, "-m", "vbpl_parser.cli", "parse", str(missing), str(empty), str(good),
                          "-o", str(tmp_path / "out")], capture_output=True, text=True)
    assert run.returncode == 1
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2 and "khong-co.docx" in errors[0] and "empty.txt" in errors[1]
    assert (tmp_path / "out" / "ttg-ct-299-1980.txt.json").exists()
