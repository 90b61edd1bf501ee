"""``vbpl-parser tasks``: every task of every input as one row, for a tracking system.

``tasks INPUT... --format csv|xlsx|jsonl -o FILE`` (the format defaults to the output's
extension, else CSV). Inputs are documents or JSON written by ``vbpl-parser parse``. An input
that fails prints one line to stderr and sets exit status 1; the others are still exported.
The file is written atomically; when no input could be read, an existing file is left as it was.
Without ``-o``, CSV (no byte order mark) or JSON Lines goes to stdout.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import VbplError
from ..export import FORMATS, load_document, rows_to_csv, rows_to_jsonl, rows_to_xlsx, task_rows, write_bytes_atomic
from ..export.tabular import Row


def _format(args: argparse.Namespace) -> str:
    chosen: str | None = args.format
    if chosen:
        return chosen
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in FORMATS else "csv"


def _cmd_tasks(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if fmt == "xlsx" and not args.output:
        print("vbpl-parser: --format xlsx needs -o FILE", file=sys.stderr)
        return 2
    rows: list[Row] = []
    read = failed = 0
    for name in args.inputs:
        try:
            doc = load_document(name)
        except VbplError as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # a bug must not stop the other inputs
            failed += 1
            print(f"error: {name}: internal error {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        read += 1
        rows.extend(task_rows(doc))  # source_file: the document's own path, also for a .json input
    if read == 0:
        return 1
    if fmt == "xlsx":
        data = rows_to_xlsx(rows)
    elif fmt == "jsonl":
        data = rows_to_jsonl(rows).encode("utf-8")
    else:
        data = rows_to_csv(rows, bom=bool(args.output)).encode("utf-8")
    if args.output:
        write_bytes_atomic(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tasks", help="export the tasks of documents as CSV, XLSX or JSON Lines rows",
                       description="One row per task: document symbol and date, section path, task text, "
                                   "lead, support, deadline, source file.")
    p.add_argument("inputs", nargs="+", help="documents, or JSON files written by 'vbpl-parser parse'")
    p.add_argument("-f", "--format", choices=FORMATS, help="output format (default: from the -o extension, else csv)")
    p.add_argument("-o", "--output", help="output file (default: stdout; required for xlsx)")
    p.set_defaults(func=_cmd_tasks)
