"""Where the time goes: seconds per pipeline stage, per format, in this process.

    python bench/stages.py [--corpus docs bulk] [--formats txt md docx html] [--repeat 3]

The stage functions that ``vbpl_parser.pipeline`` calls (read, clean, zones, header,
outline, tag+tasks) are wrapped with timers for the duration of the run, so the numbers
follow the pipeline's own wiring. Median of ``--repeat`` passes over the files, after a
warm-up pass. Results: bench/results/stages.json.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

from bench_common import corpus_files, load, median, save

import vbpl_parser
import vbpl_parser.api as api
import vbpl_parser.pipeline as pipeline

STAGES = {"read": (api, "read_bytes"), "clean": (pipeline, "clean"), "lex": (pipeline, "lex"),
          "zones": (pipeline, "find_zones"), "header": (pipeline, "extract_metadata"),
          "outline": (pipeline, "outline_document"), "tag": (pipeline, "tag_document"),
          "tasks": (pipeline, "find_tasks"), "assemble": (pipeline, "assemble")}
SPENT: dict[str, float] = defaultdict(float)


def wrap(name: str, fn):
    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            SPENT[name] += time.perf_counter() - t
    return timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=["docs", "bulk"])
    ap.add_argument("--formats", nargs="+", default=["txt", "md", "docx", "html"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for name, (mod, attr) in STAGES.items():
        setattr(mod, attr, wrap(name, getattr(mod, attr)))
    rows = []
    for corpus in args.corpus:
        for fmt, files in corpus_files(corpus).items():
            if fmt not in args.formats:
                continue
            passes = []
            for i in range(args.repeat + 1):
                SPENT.clear()
                t = time.perf_counter()
                for p in files:
                    vbpl_parser.parse_file(p)
                total = time.perf_counter() - t
                if i:  # the first pass warms up
                    passes.append({"total": total, **SPENT})
            row = {"corpus": corpus, "format": fmt, "docs": len(files), "load": load(),
                   "seconds": {k: round(median(p.get(k, 0.0) for p in passes), 4) for k in ["total", *STAGES]}}
            s = row["seconds"]
            s["other (wiring)"] = round(s["total"] - sum(s[k] for k in STAGES), 4)
            rows.append(row)
            print(corpus, fmt, s, file=sys.stderr, flush=True)
    print(save("stages", {"repeat": args.repeat, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
