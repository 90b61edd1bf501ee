"""Does underthesea measurably help? Compare it with our rules where the issue suggests it could.

Three places were proposed: person names in signature blocks (NER), bounding multi-word agency
names (word segmentation), and tone-placement normalization for matching. For each, this script
runs our rule-based result and the underthesea-based alternative on the same inputs (the dev gold
documents and every readable corpus document) and prints agreement, wins, losses and cost.

    python3 bench/underthesea_eval.py [--corpus ../shared/corpus]

Needs `pip install underthesea` (the project's optional `nlp` extra).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import vbpl_parser
from vbpl_parser.lexicon.names import new_tone_style
from vbpl_parser.tag.agencies import AgencyMatcher

SKIP = ("scan", "broken-font", "ocrlayer")


def closing_text(doc) -> str:
    """The text after the last body unit: the signature block and 'Nơi nhận'."""
    ends = [s.end for s in doc.sections] + [a.end for a in doc.attachments]
    return doc.text[max(ends):] if ends else doc.text[-600:]


def ner_person(text: str) -> str | None:
    from underthesea import ner

    names = []
    for line in text.splitlines():
        current = []
        for word, _pos, _chunk, tag in ner(line):
            if tag.endswith("PER"):
                current.append(word)
            elif current:
                names.append(" ".join(current))
                current = []
        if current:
            names.append(" ".join(current))
    return names[-1] if names else None


def segment_bound(text: str, start: int) -> str:
    """Agency name from the head noun at ``start`` to the last word-token before a verb-like token."""
    from underthesea import pos_tag

    window = text[start:start + 120].split("\n", 1)[0]
    out = []
    for i, (word, tag) in enumerate(pos_tag(window)):
        if i > 0 and tag in ("V", "CH", "E", "C") and word not in ("và",):
            break
        out.append(word)
    return " ".join(out).rstrip(" ,")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    args = ap.parse_args()
    t0 = time.perf_counter()
    import underthesea  # noqa: F401

    import_cost = time.perf_counter() - t0
    docs = [p for p in sorted((args.corpus / "docs").glob("*")) if not any(k in p.name for k in SKIP)]
    gold = {g.name[:-5]: json.loads(g.read_text(encoding="utf-8")) for g in (args.corpus / "gold").glob("*.json")}
    signer = {"both": 0, "rules_only": 0, "ner_only": 0, "neither": 0, "disagree": 0}
    ner_time = 0.0
    bounds = {"same": 0, "different": 0}
    seg_time = 0.0
    examples = []
    for path in docs:
        try:
            doc = vbpl_parser.parse(path)
        except vbpl_parser.VbplError:
            continue
        rules = doc.metadata.signer.name
        t = time.perf_counter()
        ner_name = ner_person(closing_text(doc))
        ner_time += time.perf_counter() - t
        if rules and ner_name:
            signer["both" if new_tone_style(rules) == new_tone_style(ner_name) else "disagree"] += 1
            if new_tone_style(rules) != new_tone_style(ner_name):
                examples.append((path.name, "signer", rules, ner_name))
        elif rules:
            signer["rules_only"] += 1
        elif ner_name:
            signer["ner_only"] += 1
            examples.append((path.name, "signer", None, ner_name))
        else:
            signer["neither"] += 1
        for a in AgencyMatcher().find(doc.text)[:200]:
            if not re.match(r"(Sở|Ban Quản lý|Trung tâm|Ban Chỉ đạo) ", a.text):
                continue
            t = time.perf_counter()
            seg = segment_bound(doc.text, a.start)
            seg_time += time.perf_counter() - t
            if seg == a.text:
                bounds["same"] += 1
            else:
                bounds["different"] += 1
                if len(examples) < 40:
                    examples.append((path.name, "agency", a.text, seg))
    print(f"underthesea import: {import_cost:.2f} s")
    print(f"signer names over {sum(signer.values())} documents: {signer}; NER time {ner_time:.1f} s")
    print(f"open-class agency bounds: {bounds}; segmentation time {seg_time:.1f} s")
    for g in gold:
        print(f"gold {g}: signer_name = {gold[g]['metadata'].get('signer_name')!r}")
    for ex in examples[:40]:
        print("  ", ex)
    return 0


if __name__ == "__main__":
    sys.exit(main())
