"""Batch throughput per format: documents/s and pages/s with 1 and 2 workers, peak memory.

    python bench/throughput.py [--corpus docs bulk] [--workers 1 2] [--repeat 3] [--mixed]

Each (corpus, format, workers) is run ``--repeat`` times through ``vbpl_parser.parse_many``
with an output folder and ``force=True`` — the same path as ``vbpl-parser parse DIR -o OUT``
(workers, LibreOffice groups, JSON written) — and the median wall time is kept. Peak
memory is the largest resident size of this process plus all its descendants (workers,
LibreOffice, Tesseract) seen during the runs. Results: bench/results/throughput.json
(``--mixed``: the whole corpus as one batch, bench/results/throughput_mixed.json).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time

from bench_common import PeakMemory, corpus_files, load, median, save

import vbpl_parser


def run_once(files, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="vbpl-bench-") as out:
        t0 = time.perf_counter()
        pages = failed = 0
        for r in vbpl_parser.parse_many(files, workers=workers, output_dir=out, force=True, documents=False):
            pages += r.pages or 0
            failed += not r.ok
        return {"seconds": time.perf_counter() - t0, "pages": pages, "failed": failed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=["docs", "bulk"])
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--formats", nargs="*", help="only these formats")
    ap.add_argument("--mixed", action="store_true",
                    help="one batch of the whole corpus (all formats mixed, as an archive is) per worker count")
    args = ap.parse_args()
    rows = []
    for corpus in args.corpus:
        groups = corpus_files(corpus)
        if args.mixed:
            groups = {"all (mixed)": sorted(p for files in groups.values() for p in files)}
        for fmt, files in groups.items():
            if args.formats and fmt not in args.formats:
                continue
            for workers in args.workers:
                runs, loads = [], [load()]
                with PeakMemory() as mem:
                    for _ in range(args.repeat):
                        runs.append(run_once(files, workers))
                        loads.append(load())
                secs = median(r["seconds"] for r in runs)
                row = {"corpus": corpus, "format": fmt, "workers": workers, "docs": len(files),
                       "bytes": sum(p.stat().st_size for p in files), "pages": runs[0]["pages"],
                       "failed": runs[0]["failed"], "median_s": round(secs, 3),
                       "runs_s": [round(r["seconds"], 3) for r in runs], "docs_per_s": round(len(files) / secs, 2),
                       "pages_per_s": round(runs[0]["pages"] / secs, 2) if runs[0]["pages"] else None,
                       "peak_tree_mb": round(mem.peak_tree_kb / 1024), "load": loads}
                rows.append(row)
                print(f"{corpus:5} {fmt:5} w={workers} {len(files):4} docs {secs:8.2f}s "
                      f"{row['docs_per_s']:7.2f} docs/s pages/s={row['pages_per_s']} "
                      f"peak={row['peak_tree_mb']} MB load={loads}", file=sys.stderr, flush=True)
    print(save("throughput_mixed" if args.mixed else "throughput", {"repeat": args.repeat, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
