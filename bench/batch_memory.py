"""Memory stays flat in a long batch: thousands of generated small documents.

    python bench/batch_memory.py [--counts 1000 10000] [--workers 2]

Generates N small plain-text plans (the reference plan's header and a few of its body
units, each file different) under /tmp, runs ``vbpl_parser.parse_many`` over them with an
output folder (the CLI's path: JSON written, nothing kept), and samples the resident memory of the parent process and
of the whole process tree (parent + workers). Flat means the peak does not grow with N.
Results: bench/results/batch_memory.json.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_common import ROOT, PeakMemory, load, save

import vbpl_parser

PLAN = ROOT / "tests" / "fixtures" / "text" / "tthue-kh-24-2024.txt"


def generate(folder: Path, n: int) -> list[Path]:
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    head, body = lines[:14], lines[14:]
    rng = random.Random(n)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        start = rng.randrange(0, len(body) - 12)
        text = "\n".join(head + body[start:start + rng.randrange(4, 12)] + [f"Mã hồ sơ: {i:06d}."])
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        p = sub / f"kh-{i:06d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", nargs="+", type=int, default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    rows = []
    for n in args.counts:
        tmp = Path(tempfile.mkdtemp(prefix="vbpl-mem-"))
        try:
            paths = generate(tmp / "in", n)
            l0 = load()
            t0 = time.perf_counter()
            done = 0
            with PeakMemory(interval=0.5) as mem:
                for r in vbpl_parser.parse_many(paths, workers=args.workers, output_dir=tmp / "out",
                                                documents=False):
                    done += r.ok
            secs = time.perf_counter() - t0
            row = {"files": n, "ok": done, "seconds": round(secs, 1), "docs_per_s": round(n / secs, 1),
                   "peak_parent_mb": round(mem.peak_self_kb / 1024, 1), "peak_tree_mb": round(mem.peak_tree_kb / 1024, 1),
                   "load": [l0, load()]}
            rows.append(row)
            print(row, file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(save("batch_memory", {"workers": args.workers, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
