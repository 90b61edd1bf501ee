"""``vbpl-parser parse`` and ``vbpl-parser schema``.

``parse FILE`` prints the JSON to stdout. ``parse FILE_DIR_OR_GLOB... -o OUT_DIR`` writes
``OUT_DIR/<input file name>.json`` per input (see ``docs/batch.md``): folders are recursed,
documents run in parallel worker processes, outputs are written atomically (a temp file
renamed into place), inputs whose output is up to date are skipped (``--force`` redoes
them), failures go to ``OUT_DIR/errors.jsonl`` and print one line each, and the exit
status is 1 when any input failed.

Resource limits (``--max-size``, ``--limit NAME=VALUE``, ``--timeout``, see
:mod:`vbpl_parser.limits`) go into one :class:`~vbpl_parser.options.Options`, handed to the
in-process parse or to every batch worker.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..api import parse_file
from ..batch.files import write_atomic
from ..batch.plan import DEFAULT_TIMEOUT
from ..batch.runner import BatchConfig, run_batch
from ..errors import VbplError
from ..limits import FIELD_NAMES, parse_value
from ..model import Document
from ..options import Options

__all__ = ["write_atomic", "document_json", "schema_json", "register"]


def document_json(doc: Document, indent: int | None = 1) -> str:
    return doc.model_dump_json(indent=indent)


def schema_json() -> str:
    return json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def _to_stdout(path: Path, compact: bool, options: Options) -> int:
    """``parse FILE``: in this process, no workers (the quickest path for one file)."""
    try:
        doc = parse_file(path, options=options)
    except VbplError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, like any other failure
        print(f"error: {path}: internal error {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(document_json(doc, indent=None if compact else 1) + "\n")
    return 0


def options_from_args(args: argparse.Namespace) -> Options:
    """The environment's options with ``--max-size``/``--limit``/``--timeout`` applied; a bad
    setting raises ValueError with the message to show."""
    settings = [("max_input_bytes", args.max_size)] if args.max_size else []
    for item in args.limit or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--limit takes NAME=VALUE, not {item!r} (names: {', '.join(FIELD_NAMES)})")
        settings.append((name.strip(), value))
    changes = {name: parse_value(name, value) for name, value in settings}
    return Options.from_env().with_limits(**{**changes, "time_limit": args.timeout})


def _cmd_parse(args: argparse.Namespace) -> int:
    try:
        options = options_from_args(args)
    except ValueError as exc:
        print(f"vbpl-parser: {exc}", file=sys.stderr)
        return 2
    if args.output is None and args.jsonl is None:
        if len(args.inputs) != 1 or not os.path.isfile(args.inputs[0]):
            print("vbpl-parser: several inputs, a folder or a pattern need -o OUT_DIR (or --jsonl FILE)",
                  file=sys.stderr)
            return 2
        return _to_stdout(Path(args.inputs[0]), args.compact, options)
    if args.workers is not None and args.workers < 1:
        print("vbpl-parser: --workers must be at least 1", file=sys.stderr)
        return 2
    return run_batch(BatchConfig(
        inputs=args.inputs, out_dir=args.output, jsonl=args.jsonl, workers=args.workers,
        timeout=args.timeout, force=args.force, indent=None if args.compact else 1,
        engine=args.engine, scheduler=args.scheduler, quiet=args.quiet, options=options))


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json())
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("parse", help="parse documents to JSON (one file, or many in parallel)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders (recursed) or glob patterns")
    p.add_argument("-o", "--output", metavar="OUT_DIR", help="output folder (one <input name>.json per input)")
    p.add_argument("--compact", action="store_true", help="no indentation in the JSON")
    p.add_argument("-j", "--workers", type=int, metavar="N", help="parallel worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"per-document time limit (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--max-size", metavar="SIZE", help="refuse inputs larger than SIZE (e.g. 50M; default 200M)")
    p.add_argument("--limit", action="append", metavar="NAME=VALUE",
                   help="set a resource limit, e.g. pdf_max_pages=500 (repeatable; see docs/security.md)")
    p.add_argument("--force", action="store_true", help="redo inputs whose output is up to date")
    p.add_argument("--jsonl", metavar="FILE", help="also write every document as one line of FILE (JSON Lines)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local worker processes, or a Dask cluster (pip install 'vbpl-parser[dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    p.set_defaults(func=_cmd_parse)
    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.set_defaults(func=_cmd_schema)
