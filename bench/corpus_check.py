"""Run every file of a folder through the full pipeline and print a format × outcome table.

    python3 bench/corpus_check.py [FOLDER ...] [--workers N] [--timeout S]
    make bulk          # the 200 office files of ../shared/corpus/bulk

Outcomes: ``ok`` (a Document whose offsets and outline pass ``vbpl_parser.verify``),
``ok-invariant`` (parsed, but an invariant failed: a bug), a typed error kind
(``corrupt_document``, ``encrypted_document`` ...: the file is refused with a reason), and
``internal_error``/``worker_crashed`` (an exception escaped: a bug). The exit status is 1
when any file ends in a bug outcome, so this doubles as the "zero exceptions" check.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from vbpl_parser.batch import parse_many
from vbpl_parser.verify import item_problems, outline_problems

BUGS = {"ok-invariant", "internal_error", "worker_crashed"}


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, default=[here.parents[2] / "shared" / "corpus" / "bulk"])
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=600.0)
    args = ap.parse_args(argv)
    files = sorted(p for folder in args.folders for p in folder.rglob("*") if p.is_file())
    if not files:
        print(f"no files under {', '.join(map(str, args.folders))}", file=sys.stderr)
        return 2
    table: dict[str, Counter] = defaultdict(Counter)
    bugs: list[str] = []
    started = time.perf_counter()
    for outcome in parse_many(files, workers=args.workers, timeout=args.timeout):
        fmt = outcome.format or Path(outcome.path).suffix.lstrip(".") or "?"
        if outcome.ok:
            doc = outcome.document
            problems = outline_problems(doc) + item_problems(doc) if doc is not None else []
            result = "ok-invariant" if problems else "ok"
            if problems:
                bugs.append(f"{outcome.path}: {problems[0]}")
        else:
            result = outcome.error.kind if outcome.error else "failed"
            if result in BUGS:
                bugs.append(outcome.error.line() if outcome.error else outcome.path)
        table[fmt][result] += 1
    elapsed = time.perf_counter() - started
    columns = sorted({c for counts in table.values() for c in counts})
    print(f"{len(files)} files in {elapsed:.1f} s\n")
    print("| format | " + " | ".join(columns) + " | total |")
    print("|---|" + "---|" * (len(columns) + 1))
    for fmt in sorted(table):
        counts = table[fmt]
        print(f"| {fmt} | " + " | ".join(str(counts.get(c, 0)) for c in columns) + f" | {sum(counts.values())} |")
    for line in bugs:
        print("BUG:", line)
    print(f"\n{len(bugs)} files ended in an exception or a broken invariant")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
