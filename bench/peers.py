"""Peers on the same files in the same run: docling, unstructured, viparse vs vbpl_parser.

    bash bench/setup_peers.sh              # once: virtualenvs under /tmp/peers
    python bench/peers.py [--repeat 3] [--peer-repeat 1] [--corpus docs bulk]

For every file a peer is run on, vbpl_parser's ``parse_file`` is timed in this process
(one core, median of ``--repeat``) and the peer in its own virtualenv (one core, median of
``--peer-repeat``, imports excluded). Ratio = peer time / our time on the same files.

What each produced is measured against our own outline: *numbering recall* is the share
of our outline labels ("1.", "2.1.", "a)", "Điều 5.", "II.") that start a line of the
peer's text (markdown marks stripped) — Word auto-numbering that a reader drops shows
up here. Structure is what the peer itself reports (headings, list items, tables).
None of the peers extracts metadata (số/ký hiệu, date, issuer, signer), references,
agencies, deadlines or tasks; our counts of those are listed for the same files.
Results: bench/results/peers.json.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench_common import corpus_files, load, median, save

import vbpl_parser

PEERS = Path("/tmp/peers")
HERE = Path(__file__).resolve().parent
PLAN = {  # peer -> formats it is run on (text-layer PDFs only: no peer OCR here)
    "docling": ["docx", "html"],
    "unstructured": ["pdf", "docx"],
    "viparse": ["docx", "pdf", "doc", "rtf", "txt", "html"],
}
_MARKS = re.compile(r"^[\s#>*|_\-\u2022]+")


def labels(doc) -> list[str]:
    out = []

    def walk(sections):
        for s in sections:
            if s.kind not in ("bullet", "preamble") and s.label:
                out.append(s.label)
            walk(s.children)

    walk(doc.sections)
    for att in doc.attachments:
        walk(att.sections)
    return out


def recall(our_labels: list[str], text: str) -> tuple[int, int]:
    starts = Counter()
    for line in text.splitlines():
        line = _MARKS.sub("", line).replace("**", "").strip()
        if line:
            starts[line.split(" ", 1)[0]] += 1
            if line.startswith(("Điều", "Chương", "Mục", "Phần")):
                starts[" ".join(line.split(" ", 2)[:2])] += 1
    need = Counter(lbl.strip() for lbl in our_labels)
    found = sum(min(n, starts[lbl]) for lbl, n in need.items())
    return found, sum(need.values())


def ours(files: list[Path], repeat: int) -> dict[str, dict]:
    out = {}
    for p in files:
        times, doc, error = [], None, None
        for _ in range(repeat):
            t = time.perf_counter()
            try:
                doc = vbpl_parser.parse_file(p)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
            times.append(time.perf_counter() - t)
            if error:
                break
        row = {"seconds": median(times), "error": error}
        if doc is not None:
            m = doc.metadata
            row.update(labels=labels(doc), ocr=doc.source.ocr is not None, sections=len(labels(doc)),
                       metadata=sum(bool(x) for x in (m.symbol, m.issue_date, m.issuer, m.doc_type, m.signer.name)),
                       tasks=len(doc.tasks), references=len(doc.references), agencies=len(doc.agencies),
                       deadlines=len(doc.deadlines), tables=len(doc.tables))
        out[str(p)] = row
    return out


def run_peer(peer: str, files: list[Path], repeat: int) -> dict[str, dict]:
    python = PEERS / peer / "bin" / "python"
    if not python.exists():
        return {}
    with tempfile.TemporaryDirectory(prefix="vbpl-peer-") as tmp:
        lst, res = Path(tmp) / "files.json", Path(tmp) / "out.jsonl"
        lst.write_text(json.dumps([str(p) for p in files]))
        subprocess.run([str(python), str(HERE / "peer_runner.py"), peer, str(lst), str(res), "--repeat", str(repeat)],
                       check=True, timeout=7200)
        rows = [json.loads(line) for line in res.read_text(encoding="utf-8").splitlines()]
    head, rows = rows[0], rows[1:]
    return {"_import_s": head["import_s"], **{r["file"]: r for r in rows}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=["docs", "bulk"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-repeat", type=int, default=1)
    ap.add_argument("--peers", nargs="*", default=list(PLAN))
    args = ap.parse_args()
    by_format: dict[str, list[Path]] = defaultdict(list)
    for corpus in args.corpus:
        for fmt, files in corpus_files(corpus).items():
            by_format[fmt] += files
    needed = sorted({f for peer in args.peers for f in PLAN[peer]})
    print(f"timing vbpl_parser on {sum(len(by_format[f]) for f in needed)} files (load {load()})", file=sys.stderr)
    our = {}
    for fmt in needed:
        our.update(ours(by_format[fmt], 1 if fmt in ("doc", "rtf") else args.repeat))
    rows = []
    for peer in args.peers:
        files = [p for fmt in PLAN[peer] for p in by_format[fmt]
                 if fmt != "pdf" or not our.get(str(p), {}).get("ocr")]
        t0, l0 = time.perf_counter(), load()
        got = run_peer(peer, files, args.peer_repeat)
        print(f"{peer}: {len(files)} files in {time.perf_counter() - t0:.0f}s (load {l0} -> {load()})",
              file=sys.stderr, flush=True)
        if not got:
            rows.append({"peer": peer, "error": f"not installed ({PEERS / peer}); run bench/setup_peers.sh"})
            continue
        for fmt in PLAN[peer]:
            sel = [str(p) for p in files if vbpl_parser.batch.work.ext_format(str(p)) == fmt or
                   (fmt == "html" and p.suffix.lower() == ".htm")]
            ok = [f for f in sel if not got[f]["error"] and not our[f]["error"]]
            errors = Counter((got[f]["error"] or "")[:120] for f in sel if got[f]["error"])
            found = total = 0
            kinds: Counter = Counter()
            for f in ok:
                a, b = recall(our[f].get("labels", []), got[f]["text"])
                found, total = found + a, total + b
                for k, v in got[f]["kinds"].items():
                    if isinstance(v, int):
                        kinds[k] += v
            peer_s = sum(got[f]["seconds"] for f in ok)
            our_s = sum(our[f]["seconds"] for f in ok)
            ours_found = Counter()
            for f in ok:
                for k in ("sections", "metadata", "tasks", "references", "agencies", "deadlines", "tables"):
                    ours_found[k] += our[f].get(k, 0)
            rows.append({"peer": peer, "format": fmt, "files": len(sel), "ok": len(ok), "peer_s": round(peer_s, 3),
                         "ours_s": round(our_s, 3), "ratio": round(peer_s / our_s, 2) if our_s else None,
                         "import_s": round(got["_import_s"], 2), "numbering_recall": round(found / total, 3) if total else None,
                         "labels": total, "peer_kinds": dict(kinds), "ours": dict(ours_found),
                         "errors": dict(errors.most_common(3)), "chars": sum(got[f]["chars"] for f in ok)})
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    print(save("peers", {"repeat": args.repeat, "peer_repeat": args.peer_repeat, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
