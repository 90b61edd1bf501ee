"""Pipeline cost against the raw read of the same files, and text throughput, in one run.

    python bench/overhead.py [--rounds 7] [--corpus DIR] [--checkout OTHER_CHECKOUT]

* DOCX: the first 10 .docx of the corpus, parsed with ``vbpl_parser.parse_file`` against the raw
  python-docx read of the same files (the text of every paragraph and every table cell);
* text: the reference plan's body repeated to ~4 MB as one document (``parse_text``), MB/s of
  UTF-8 input on one core.

Rounds interleave the measurements (raw, pipeline, raw, ...) so that load drift hits both alike;
medians are reported. ``--checkout`` times another checkout's pipeline in the same rounds (run in a
subprocess per round, its own import), for before/after ratios of a change.
Results: bench/results/overhead.json.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_common import CORPUS, ROOT, load, save

PLAN = ROOT / "tests" / "fixtures" / "text" / "tthue-kh-24-2024.txt"
_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import vbpl_parser
files = sys.argv[3:]
what = sys.argv[2]
if what == "docx":
    for f in files: vbpl_parser.parse_file(f)          # warm-up
    t = time.perf_counter()
    for f in files: vbpl_parser.parse_file(f)
else:
    text = open(files[0], encoding="utf-8").read()
    vbpl_parser.parse_text(text[:20000])
    t = time.perf_counter()
    vbpl_parser.parse_text(text)
print(time.perf_counter() - t)
"""


def raw_docx(files: list[Path]) -> None:
    import docx

    for f in files:
        d = docx.Document(str(f))
        for p in d.paragraphs:
            _ = p.text
        for table in d.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text


def big_text(target_bytes: int = 4_000_000) -> str:
    """The reference plan with its body repeated to about ``target_bytes`` of UTF-8 (one long
    plan whose every copy is outlined and tagged, as in ``bench/scaling.py``)."""
    from scaling import body_repeated

    plan = PLAN.read_text(encoding="utf-8")
    k = max(1, target_bytes // len(plan.encode("utf-8")))
    return body_repeated(plan, k)


def child(checkout: Path, what: str, args: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(checkout), what, *args],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=CORPUS / "docs")
    ap.add_argument("--checkout", type=Path, help="another checkout to time in the same rounds")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.docx"))[:10]
    text_file = Path("/tmp/vbpl-overhead-text.txt")
    text = big_text()
    text_file.write_text(text, encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    raw_docx(files)
    times: dict[str, list[float]] = {"raw docx": [], "docx": [], "text": []}
    if args.checkout:
        times.update({"other docx": [], "other text": []})
    loads = [load()]
    for _ in range(args.rounds):
        t = time.perf_counter()
        raw_docx(files)
        times["raw docx"].append(time.perf_counter() - t)
        times["docx"].append(child(ROOT, "docx", [str(f) for f in files]))
        times["text"].append(child(ROOT, "text", [str(text_file)]))
        if args.checkout:
            times["other docx"].append(child(args.checkout, "docx", [str(f) for f in files]))
            times["other text"].append(child(args.checkout, "text", [str(text_file)]))
        loads.append(load())
    med = {k: statistics.median(v) for k, v in times.items()}
    result = {
        "files": [f.name for f in files], "text_mb": round(mb, 2), "rounds": args.rounds, "load": loads,
        "seconds": {k: round(v, 4) for k, v in med.items()},
        "docx_over_raw": round(med["docx"] / med["raw docx"], 3),
        "text_mb_per_s": round(mb / med["text"], 2),
    }
    if args.checkout:
        result["other_docx_over_raw"] = round(med["other docx"] / med["raw docx"], 3)
        result["other_text_mb_per_s"] = round(mb / med["other text"], 2)
        result["docx_this_over_other"] = round(med["docx"] / med["other docx"], 3)
        result["text_this_over_other"] = round(med["text"] / med["other text"], 3)
    for k, v in result.items():
        if k not in ("files", "load"):
            print(f"{k}: {v}")
    print(save("overhead", result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
