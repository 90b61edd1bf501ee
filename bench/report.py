"""Markdown tables of bench/results/*.json (the numbers quoted in docs/benchmarks.md).

    python bench/report.py > bench/results/report.md
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict

from bench_common import RESULTS


def _load(name: str) -> dict | None:
    p = RESULTS / f"{name}.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None


def _f(x, nd=2) -> str:
    return "—" if x is None else f"{x:.{nd}f}"


def throughput(data: dict) -> tuple[list[str], dict]:
    rows = defaultdict(dict)
    for r in data["rows"]:
        rows[(r["corpus"], r["format"])][r["workers"]] = r
    out = [f"Median of {data['repeat']} runs each; load average (1 min) during the runs: "
           f"{min(x for r in data['rows'] for x in r['load'])}–{max(x for r in data['rows'] for x in r['load'])}.", "",
           "| corpus | format | docs | pages | 1 worker s | docs/s | pages/s | 2 workers s | docs/s | pages/s | 2w/1w | peak MB (tree) |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    totals: dict = defaultdict(lambda: defaultdict(float))
    for (corpus, fmt), by_w in sorted(rows.items()):
        one, two = by_w.get(1), by_w.get(2)
        base = one or two
        for w, r in by_w.items():
            totals[corpus][w] += r["median_s"]
        totals[corpus]["docs"] += base["docs"]
        totals[corpus]["pages"] += base["pages"]
        speed = one["median_s"] / two["median_s"] if one and two else None
        out.append(f"| {corpus} | {fmt} | {base['docs']} | {base['pages'] or '—'} | "
                   f"{_f(one and one['median_s'])} | {_f(one and one['docs_per_s'])} | {_f(one and one['pages_per_s'])} | "
                   f"{_f(two and two['median_s'])} | {_f(two and two['docs_per_s'])} | {_f(two and two['pages_per_s'])} | "
                   f"{_f(speed)}× | {max(r['peak_tree_mb'] for r in by_w.values())} |")
    for corpus, t in totals.items():
        speed = t[1] / t[2] if t.get(1) and t.get(2) else None
        out.append(f"| **{corpus}** | **all** | {int(t['docs'])} | {int(t['pages'])} | {_f(t.get(1))} | "
                   f"{_f(t['docs'] / t[1] if t.get(1) else None)} | {_f(t['pages'] / t[1] if t.get(1) else None)} | "
                   f"{_f(t.get(2))} | {_f(t['docs'] / t[2] if t.get(2) else None)} | "
                   f"{_f(t['pages'] / t[2] if t.get(2) else None)} | **{_f(speed)}×** | |")
    return out, rows


def mixed(data: dict) -> list[str]:
    by = defaultdict(dict)
    for r in data["rows"]:
        by[r["corpus"]][r["workers"]] = r
    out = [f"Whole corpus as one batch, median of {data['repeat']} runs.", "",
           "| corpus | docs | 1 worker s | docs/s | 2 workers s | docs/s | 2w/1w | peak MB (tree) | load during runs |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for corpus, w in by.items():
        one, two = w.get(1), w.get(2)
        out.append(f"| {corpus} | {(one or two)['docs']} | {_f(one and one['median_s'])} | {_f(one and one['docs_per_s'])} | "
                   f"{_f(two and two['median_s'])} | {_f(two and two['docs_per_s'])} | "
                   f"**{_f(one['median_s'] / two['median_s'] if one and two else None)}×** | "
                   f"{max(r['peak_tree_mb'] for r in w.values())} | "
                   f"{min(min(r['load']) for r in w.values())}–{max(max(r['load']) for r in w.values())} |")
    return out


def baseline(data: dict, tp_rows: dict) -> list[str]:
    out = ["| corpus | format | raw read (what) | raw s | vbpl in-process s | ratio | vbpl batch 1 worker s | ratio |",
           "|---|---|---|---:|---:|---:|---:|---:|"]
    by = defaultdict(dict)
    for r in data["rows"]:
        by[(r["corpus"], r["format"])][r["what"]] = r
    for (corpus, fmt), whats in sorted(by.items()):
        ours = whats.get("vbpl_parser parse_file (in-process)")
        batch = tp_rows.get((corpus, fmt), {}).get(1)
        for what, r in whats.items():
            if what.startswith("vbpl_parser"):
                continue
            raw = r["median_s"]
            extra = f" ({r['ocr_pages']} OCR'd pages)" if r.get("ocr_pages") else ""
            out.append(f"| {corpus} | {fmt} | {what}{extra} | {raw:.3f} | {_f(ours and ours['median_s'], 3)} | "
                       f"{_f(ours and ours['median_s'] / raw)}{'×' if ours else ''} | {_f(batch and batch['median_s'])} | "
                       f"{_f(batch and batch['median_s'] / raw)}{'×' if batch else ''} |")
    return out


def peers(data: dict) -> list[str]:
    out = ["| peer | format | files (ok) | peer s | vbpl s | peer / vbpl | numbering recall | what the peer reports | errors |",
           "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for r in data["rows"]:
        if "format" not in r:
            out.append(f"| {r['peer']} | — | — | — | — | — | — | — | {r['error']} |")
            continue
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(r["peer_kinds"].items()))
        n_err = r["files"] - r["ok"]
        first = next(iter(r["errors"]), "")
        errors = f"{n_err}× e.g. {first[:90]}" if n_err else ""
        out.append(f"| {r['peer']} | {r['format']} | {r['files']} ({r['ok']}) | {_f(r['peer_s'])} | {_f(r['ours_s'])} | "
                   f"{_f(r['ratio'])}{'×' if r['ratio'] else ''} | {_f(r['numbering_recall'], 3)} | {kinds or '—'} | {errors or '—'} |")
    ours = next((r["ours"] for r in data["rows"] if r.get("ours")), None)
    if ours:
        out += ["", "vbpl_parser on the same files (first peer's set): " + ", ".join(f"{k} {v}" for k, v in ours.items())]
    return out


def stages(data: dict) -> list[str]:
    names = list(data["rows"][0]["seconds"]) if data["rows"] else []
    out = ["| corpus | format | docs | " + " | ".join(f"{n} s" for n in names) + " |",
           "|---|---|---:|" + "---:|" * len(names)]
    for r in data["rows"]:
        s = r["seconds"]
        out.append(f"| {r['corpus']} | {r['format']} | {r['docs']} | " + " | ".join(
            f"{s[n]:.3f}" + ("" if n == "total" else f" ({s[n] / s['total']:.0%})") for n in names) + " |")
    return out


def scaling(data: dict) -> list[str]:
    out = ["| input | size | median s | MB/s | time / 1× | sections | clean s | outline s |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in data["rows"]:
        out.append(f"| {r['mode']} {r['factor']}× | {r['bytes'] / 1e6:.2f} MB | {r['median_s']:.3f} | {r['mb_per_s']} | "
                   f"{r['ratio_to_1x']} | {r['sections']} | {r['stages_s']['clean']:.3f} | {r['stages_s']['outline']:.3f} |")
    return out


def memory(data: dict) -> list[str]:
    out = ["| files | seconds | docs/s | peak parent MB | peak tree MB (parent + workers) | load |",
           "|---:|---:|---:|---:|---:|---|"]
    for r in data["rows"]:
        out.append(f"| {r['files']} | {r['seconds']} | {r['docs_per_s']} | {r['peak_parent_mb']} | {r['peak_tree_mb']} | {r['load']} |")
    return out


def main() -> int:
    lines: list[str] = []
    tp = _load("throughput")
    tp_rows: dict = {}
    if tp:
        t, tp_rows = throughput(tp)
        lines += ["## Throughput", "", *t, ""]
    if (tm := _load("throughput_mixed")):
        lines += ["## Throughput, mixed formats", "", *mixed(tm), ""]
    if (b := _load("baseline")):
        lines += ["## Baseline", "", *baseline(b, tp_rows), ""]
    if (p := _load("peers")):
        lines += ["## Peers", "", *peers(p), ""]
    if (st := _load("stages")):
        lines += ["## Stages", "", *stages(st), ""]
    if (s := _load("scaling")):
        lines += ["## Scaling", "", *scaling(s), ""]
    if (m := _load("batch_memory")):
        lines += ["## Memory", "", *memory(m), ""]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
