"""Cost against size: the reference plan repeated 1×, 10×, 100× as ONE document.

    python bench/scaling.py [--repeat 5]

Times ``vbpl_parser.parse_text`` (everything after reading; plain text has no reader cost
to speak of) per stage, median of ``--repeat`` runs, and reports seconds, MB/s of UTF-8
input and the time ratio to 1×. Linear cost means 10× ≈ 10 and 100× ≈ 100.
Results: bench/results/scaling.json.
"""
from __future__ import annotations

import argparse
import sys
import time

from bench_common import ROOT, load, median, save

import vbpl_parser
from vbpl_parser.clean import clean
from vbpl_parser.header.fields import extract_metadata
from vbpl_parser.header.zones import find_zones
from vbpl_parser.lex import lex
from vbpl_parser.options import Options
from vbpl_parser.outline import outline_document
from vbpl_parser.pipeline import parse_raw
from vbpl_parser.read.document import RawDocument
from vbpl_parser.read.plaintext import blocks_from_text as blocks_from_text_lines

PLAN = ROOT / "tests" / "fixtures" / "text" / "tthue-kh-24-2024.txt"


def stages(text: str) -> dict[str, float]:
    """Seconds per stage for one run (the pipeline's own wiring, stage by stage)."""
    out = {}
    t = time.perf_counter()
    data = text.encode("utf-8")
    raw = RawDocument(blocks_from_text_lines(text), format="txt", reader="plaintext")
    out["read"] = time.perf_counter() - t
    t = time.perf_counter()
    cd = clean(raw, split_prone=False)
    out["clean"] = time.perf_counter() - t
    t = time.perf_counter()
    lexed = lex(cd)
    out["lex"] = time.perf_counter() - t
    t = time.perf_counter()
    zones = find_zones(lexed.lines)
    extract_metadata(lexed.lines, zones)
    out["zones+header"] = time.perf_counter() - t
    t = time.perf_counter()
    outline_document(lexed.text, lexed.lines, zones)
    out["outline"] = time.perf_counter() - t
    t = time.perf_counter()
    parse_raw(raw, data, Options().start())
    out["whole pipeline again"] = time.perf_counter() - t
    return out


def body_repeated(plan: str, k: int) -> str:
    """Header once, the body (first numbered unit to the signature) ``k`` times, closing once:
    one long plan whose every copy is outlined and tagged (a plain repetition turns copies
    2..k into attachments/trailer, which are processed more lightly)."""
    raw = RawDocument(blocks_from_text_lines(plan), format="txt", reader="plaintext")
    cd = clean(raw, split_prone=False)
    body = find_zones(lex(cd).lines).main.body
    a, b = cd.lines[body.start].start, cd.lines[body.stop - 1].end
    return cd.text[:a] + "\n".join([cd.text[a:b]] * k) + cd.text[b:]


def measure(text: str, repeat: int) -> tuple[float, list[float], list[float], object]:
    times, loads = [], [load()]
    doc = None
    for _ in range(repeat):
        t = time.perf_counter()
        doc = vbpl_parser.parse_text(text)
        times.append(time.perf_counter() - t)
        loads.append(load())
    return median(times), times, loads, doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--factors", nargs="+", type=int, default=[1, 10, 100])
    args = ap.parse_args()
    plan = PLAN.read_text(encoding="utf-8")
    vbpl_parser.parse_text(plan)  # warm-up
    rows = []
    for mode in ("whole plan repeated", "body repeated"):
        base = None
        for k in args.factors:
            text = "\n".join([plan] * k) if mode.startswith("whole") else body_repeated(plan, k)
            size = len(text.encode("utf-8"))
            # small inputs take milliseconds: more runs, or one noisy run skews every ratio
            runs = min(50, max(args.repeat, args.repeat * 100 // k)) if k < 100 else max(3, args.repeat // 2)
            secs, times, loads, doc = measure(text, runs)
            base = base or secs
            row = {"mode": mode, "factor": k, "bytes": size, "median_s": round(secs, 4),
                   "runs_s": [round(x, 4) for x in times], "mb_per_s": round(size / secs / 1e6, 2),
                   "ratio_to_1x": round(secs / base, 1), "sections": sum(1 for _ in _walk(doc.sections)),
                   "tasks": len(doc.tasks), "load": loads,
                   "stages_s": {name: round(v, 4) for name, v in stages(text).items()}}
            rows.append(row)
            print(f"{mode[:5]} {k:4}x {size / 1e6:7.2f} MB {secs:8.3f}s {row['mb_per_s']:6.2f} MB/s "
                  f"ratio {row['ratio_to_1x']} sections {row['sections']} stages {row['stages_s']} load {loads}",
                  file=sys.stderr, flush=True)
    print(save("scaling", {"rows": rows}))
    return 0


def _walk(sections):
    for s in sections:
        yield s
        yield from _walk(s.children)


if __name__ == "__main__":
    sys.exit(main())
