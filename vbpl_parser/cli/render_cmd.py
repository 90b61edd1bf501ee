"""``vbpl-parser render``: a self-contained HTML page to review an extraction.

``render INPUT -o page.html`` writes one page (stdout without ``-o``); with several inputs,
``-o`` names a folder that gets ``<input file name>.html`` each. Inputs are documents or JSON
written by ``vbpl-parser parse``. Failed inputs print one line each and set exit status 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import VbplError
from ..export import load_document, write_bytes_atomic
from ..render import render_html


def _target(output: str | None, name: str, several: bool) -> Path | None:
    if output is None:
        return None
    out = Path(output)
    if several or out.is_dir() or output.endswith(("/", "\\")):
        return out / f"{Path(name).name}.html"
    return out


def _cmd_render(args: argparse.Namespace) -> int:
    several = len(args.inputs) > 1
    if several and args.output is None:
        print("vbpl-parser: several inputs need -o OUT_DIR", file=sys.stderr)
        return 2
    failed = 0
    for name in args.inputs:
        try:
            html = render_html(load_document(name))
        except VbplError as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # a bug must not stop the other inputs
            failed += 1
            print(f"error: {name}: internal error {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        target = _target(args.output, name, several)
        if target is None:
            sys.stdout.buffer.write(html.encode("utf-8"))
            sys.stdout.flush()
        else:
            write_bytes_atomic(target, html.encode("utf-8"))
    return 1 if failed else 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("render", help="write a self-contained HTML review page of a document",
                       description="Text with the outline as a tree, highlighted agencies, deadlines and "
                                   "references, the task table, metadata and warnings; one file, no network.")
    p.add_argument("inputs", nargs="+", help="documents, or JSON files written by 'vbpl-parser parse'")
    p.add_argument("-o", "--output", help="output .html file (one input) or folder (several); default stdout")
    p.set_defaults(func=_cmd_render)
