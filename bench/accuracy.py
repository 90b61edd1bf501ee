"""Accuracy on the project's evaluation set (``tests/gold``), per field, per kind and per format.

    python bench/accuracy.py                       # parse the dev split, print its scores
    python bench/accuracy.py --split test          # the held-out split: averages only
    python bench/accuracy.py --split all --json bench/results/accuracy.json
    python bench/accuracy.py --pred OUT_DIR        # score outputs parsed elsewhere

The documents stay in ``../shared/corpus`` (``tests/gold/manifest.tsv`` says which corpus and which
split); the scorer is the team's ``../shared/eval/score.py``, loaded from there so that the
numbers are the ones every reader of the project gets. Scores are averaged per document, as that
scorer's summary does. The test split is printed as averages only unless ``--show-docs``: it is
not looked at while rules change (see ``docs/accuracy.md``).
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"
FIELDS = ("metadata", "outline", "references", "tasks", "lead", "deadlines")
#: the scorer's per-document lead is the mean over matched tasks, 0 for a document without tasks;
#: "lead*" averages it over the documents that have gold tasks only (reported beside it)
EXTRA = ("lead*",)


def load_scorer(shared: Path = SHARED) -> ModuleType:
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("vbpl_gold_score", path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(f"the scorer is not at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def manifest(split: str = "all") -> list[dict[str, str]]:
    with open(GOLD / "manifest.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [r for r in rows if split == "all" or r["split"] == split]


def document_path(row: dict[str, str], shared: Path = SHARED) -> Path:
    return shared / "corpus" / row["corpus"] / row["file"]


def parse_all(rows: list[dict[str, str]], out: Path, workers: int = 2) -> None:
    """Parse the documents into ``out`` with the batch (as users run it)."""
    import vbpl_parser

    paths = [str(document_path(r)) for r in rows]
    for outcome in vbpl_parser.parse_many(paths, workers=workers, output_dir=out, documents=False):
        if not outcome.ok:
            print(f"  failed: {outcome.path}: {outcome.error.message if outcome.error else '?'}", file=sys.stderr)


def fields_of(scored: dict) -> dict[str, float]:
    return {"metadata": scored["metadata"]["accuracy"], "outline": scored["outline"]["f1"],
            "references": scored["references"]["f1"], "tasks": scored["tasks"]["f1"],
            "lead": scored["tasks"]["lead_f1"], "deadlines": scored["deadlines"]["f1"],
            "gold_tasks": scored["tasks"]["gold"]}


def score(rows: list[dict[str, str]], pred: Path) -> dict[str, dict[str, float]]:
    scorer = load_scorer()
    out = {}
    for r in rows:
        gold = json.loads((GOLD / f"{r['file']}.json").read_text(encoding="utf-8"))
        pf = pred / f"{r['file']}.json"
        predicted = json.loads(pf.read_text(encoding="utf-8")) if pf.exists() else None
        out[r["file"]] = fields_of(scorer.score_doc(gold, predicted))
    return out


def mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


def summary(rows: list[dict[str, str]], per_doc: dict[str, dict[str, float]], by: str | None) -> dict:
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        groups[r[by] if by else "all"].append(r["file"])
    return {g: {"documents": len(files), **{f: mean([per_doc[x][f] for x in files]) for f in FIELDS},
                "lead*": mean([per_doc[x]["lead"] for x in files if per_doc[x]["gold_tasks"]])}
            for g, files in sorted(groups.items())}


def table(title: str, groups: dict) -> str:
    cols = FIELDS + EXTRA
    lines = [f"| {title} | docs | " + " | ".join(cols) + " |", "|---|---:|" + "---:|" * len(cols)]
    for name, s in groups.items():
        lines.append(f"| {name} | {s['documents']} | " + " | ".join(f"{s.get(f, 0):.2f}" for f in cols) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--pred", type=Path, help="score these outputs instead of parsing")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--show-docs", action="store_true", help="per-document scores (also for the test split)")
    ap.add_argument("--json", type=Path, help="write the scores here")
    args = ap.parse_args(argv)
    rows = manifest(args.split)
    with tempfile.TemporaryDirectory(prefix="vbpl-accuracy-") as tmp:
        pred = args.pred or Path(tmp)
        if args.pred is None:
            parse_all(rows, pred, args.workers)
        per_doc = score(rows, pred)
    result = {"split": args.split}
    for split in (("dev", "test") if args.split == "all" else (args.split,)):
        sub = [r for r in rows if r["split"] == split]
        result[split] = {"all": summary(sub, per_doc, None)["all"], "by kind": summary(sub, per_doc, "kind"),
                         "by format": summary(sub, per_doc, "format")}
        print(f"\n## {split} split\n")
        print(table("split", {split: result[split]["all"]}))
        print()
        print(table("format", result[split]["by format"]))
        print()
        print(table("kind", result[split]["by kind"]))
        if split == "dev" or args.show_docs:
            print()
            print(table("document", {f: {"documents": 1, **per_doc[f], "lead*": per_doc[f]["lead"]}
                                     for f in (r["file"] for r in sub)}))
    if args.show_docs or args.split == "dev":
        result["documents"] = {f: s for f, s in per_doc.items()
                               if args.show_docs or next(r for r in rows if r["file"] == f)["split"] == "dev"}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
