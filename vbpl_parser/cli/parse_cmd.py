"""``vbpl-parser parse`` and ``vbpl-parser schema``.

``parse INPUT... -o OUT_DIR`` writes ``OUT_DIR/<input file name>.json`` per input (atomically:
a temp file renamed into place, so an interrupted run never leaves half a JSON file);
``parse FILE`` without ``-o`` prints the JSON to stdout. Each failed input prints one line
to stderr and the exit status is 1.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from ..api import parse_file
from ..errors import VbplError
from ..model import Document


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def document_json(doc: Document, indent: int | None = 1) -> str:
    return doc.model_dump_json(indent=indent)


def schema_json() -> str:
    return json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def _cmd_parse(args: argparse.Namespace) -> int:
    inputs = [Path(p) for p in args.inputs]
    if args.output is None and len(inputs) != 1:
        print("vbpl-parser: several inputs need -o OUT_DIR", file=sys.stderr)
        return 2
    failed = 0
    for path in inputs:
        try:
            doc = parse_file(path)
        except VbplError as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # a bug must not stop the other inputs
            failed += 1
            print(f"error: {path}: internal error {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        text = document_json(doc, indent=None if args.compact else 1)
        if args.output is None:
            sys.stdout.write(text + "\n")
        else:
            write_atomic(Path(args.output) / f"{path.name}.json", text + "\n")
    return 1 if failed else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse documents to JSON")
    p.add_argument("inputs", nargs="+", help="input files")
    p.add_argument("-o", "--output", help="output folder (one <input name>.json per input)")
    p.add_argument("--compact", action="store_true", help="no indentation in the JSON")
    p.set_defaults(func=_cmd_parse)
    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.set_defaults(func=_cmd_schema)
