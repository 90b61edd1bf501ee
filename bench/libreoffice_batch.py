"""Seconds per file converting .doc/.rtf to .docx: one LibreOffice run per file vs batch runs.

Usage: python bench/libreoffice_batch.py [FILES...] [--limit N] [--batch-size N] [--json out.json]

Default input: ../shared/corpus/bulk/*.doc. Both modes go through
:mod:`vbpl_parser.read.word.libreoffice` (private profile, temporary folder), so the numbers
include what a user pays: process start-up, profile creation, conversion and clean-up.
The machine's load average is printed with the numbers, because on a shared 2-core
machine it moves them more than anything else.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbpl_parser.errors import VbplError  # noqa: E402
from vbpl_parser.read.word.libreoffice import convert_many, convert_to_docx  # noqa: E402


def run_single(paths: list[Path]) -> tuple[float, int]:
    """One LibreOffice run per file; (seconds, failures)."""
    failures = 0
    t0 = time.perf_counter()
    for p in paths:
        try:
            convert_to_docx(p.read_bytes(), p.name)
        except VbplError as exc:
            failures += 1
            print(f"  single: {exc}", file=sys.stderr)
    return time.perf_counter() - t0, failures


def run_batch(paths: list[Path], batch_size: int) -> tuple[float, int]:
    """:func:`convert_many` runs of ``batch_size`` files; (seconds, failures)."""
    t0 = time.perf_counter()
    results = convert_many([str(p) for p in paths], batch_size=batch_size)
    elapsed = time.perf_counter() - t0
    failures = [r for r in results.values() if isinstance(r, VbplError)]
    for exc in failures:
        print(f"  batch: {exc}", file=sys.stderr)
    return elapsed, len(failures)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files")
    ap.add_argument("--batch-size", type=int, default=40)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    paths = args.files or sorted((ROOT.parent / "shared" / "corpus" / "bulk").glob("*.doc"))
    if args.limit:
        paths = paths[:args.limit]
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} files, {mb:.1f} MB, load average before: {os.getloadavg()[0]:.1f}")
    batch_s, batch_fail = run_batch(paths, args.batch_size)
    print(f"batch ({args.batch_size}/run): {batch_s:7.1f} s total, {batch_s / len(paths):5.2f} s/file, "
          f"{batch_fail} failed (load {os.getloadavg()[0]:.1f})")
    single_s, single_fail = run_single(paths)
    print(f"single (1/run):  {single_s:7.1f} s total, {single_s / len(paths):5.2f} s/file, "
          f"{single_fail} failed (load {os.getloadavg()[0]:.1f})")
    print(f"speed-up: {single_s / batch_s:.1f}x")
    if args.json:
        args.json.write_text(json.dumps({
            "files": len(paths), "megabytes": round(mb, 2), "batch_size": args.batch_size,
            "batch_seconds": round(batch_s, 2), "single_seconds": round(single_s, 2),
            "batch_failures": batch_fail, "single_failures": single_fail,
        }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
