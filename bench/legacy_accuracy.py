"""Diacritic and syllable accuracy of the legacy-encoding converter against gold transcripts.

Usage: python bench/legacy_accuracy.py [--shared ../shared] [--json out.json]

For every transcript ``corpus/gold/text/<stem>.txt`` the source ``corpus/docs/<stem>.*`` is
read the way the pipeline reads it (.doc/.rtf through LibreOffice and the .docx reader in
one batch run, PDFs through the PDF reader when it exists, else pdfplumber), its lines go
through :func:`vbpl_parser.clean.legacy.convert_legacy_lines`, and the result is scored
against the transcript with the metric of corpus/gold/text/README.md:

* both sides NFC with whitespace collapsed;
* ``diacritic``: of the transcript's characters that carry a diacritic (anything with a
  combining mark under NFD, plus đ/Đ), the share found identical at the aligned position.
  Alignment is done on base letters (marks removed, đ->d), first token by token with
  difflib, then character by character inside unequal stretches;
* ``syllable``: share of transcript tokens matched exactly (difflib token alignment);
* ``diacritic_ci``: as ``diacritic`` but ignoring case (what .VnTimeH capitals cost).

The "raw" columns score the text before conversion, as a baseline.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbpl_parser.clean import assemble  # noqa: E402
from vbpl_parser.clean.legacy import convert_legacy_lines  # noqa: E402
from vbpl_parser.read.document import RawDocument  # noqa: E402

MAX_CHAR_ALIGN = 4000  # longest unequal stretch aligned character by character


def base_of(ch: str) -> str:
    """The base letter of one NFC character ("ộ" -> "o", "đ" -> "d")."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)) or ch


def has_diacritic(ch: str) -> bool:
    return ch in "đĐ" or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def score(pred: str, gold: str) -> dict[str, float]:
    """Diacritic (exact and case-insensitive) and syllable accuracy of ``pred`` against ``gold``."""
    pred, gold = normalize(pred), normalize(gold)
    p_tok, g_tok = pred.split(" "), gold.split(" ")
    syl = SequenceMatcher(None, p_tok, g_tok, autojunk=False)
    syllable = sum(b.size for b in syl.get_matching_blocks()) / max(1, len(g_tok))

    def base_tok(t: str) -> str:
        return "".join(base_of(c) for c in t)

    total = sum(1 for c in gold if has_diacritic(c))
    exact = folded = 0
    sm = SequenceMatcher(None, [base_tok(t) for t in p_tok], [base_tok(t) for t in g_tok], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            pairs = zip(" ".join(p_tok[i1:i2]), " ".join(g_tok[j1:j2]))
        elif op == "replace":
            pairs = _char_pairs(" ".join(p_tok[i1:i2]), " ".join(g_tok[j1:j2]))
        else:
            continue
        for pc, gc in pairs:
            if has_diacritic(gc):
                exact += pc == gc
                folded += pc.lower() == gc.lower()
    return {"diacritic": exact / max(1, total), "diacritic_ci": folded / max(1, total),
            "syllable": syllable, "gold_diacritics": total, "gold_tokens": len(g_tok)}


def token_errors(pred: str, gold: str) -> Counter:
    """(pred token, gold token) pairs that align on base letters but differ: what went wrong."""
    p_tok, g_tok = normalize(pred).split(" "), normalize(gold).split(" ")
    sm = SequenceMatcher(None, ["".join(base_of(c) for c in t).lower() for t in p_tok],
                         ["".join(base_of(c) for c in t).lower() for t in g_tok], autojunk=False)
    errors: Counter = Counter()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            errors.update((p, g) for p, g in zip(p_tok[i1:i2], g_tok[j1:j2]) if p != g)
        elif op == "replace" and i2 - i1 <= 3 and j2 - j1 <= 3:
            errors[(" ".join(p_tok[i1:i2]), " ".join(g_tok[j1:j2]))] += 1
    return errors


def _gold_suspect(pred: str, gold: str) -> bool:
    """The transcript's token is ill-formed Vietnamese where ours is well-formed ("ủụn" vs "đơn")."""
    from vbpl_parser.lexicon.syllable_shape import is_vietnamese_syllable

    p = [w.strip(".,;:()[]\"'") for w in pred.split()]
    g = [w.strip(".,;:()[]\"'") for w in gold.split()]
    return (all(is_vietnamese_syllable(w) for w in p if w)
            and any(w and not w.isascii() and not is_vietnamese_syllable(w) for w in g))


def _char_pairs(pred: str, gold: str) -> list[tuple[str, str]]:
    """Aligned (pred, gold) characters of an unequal stretch, matched on base letters."""
    if len(gold) > MAX_CHAR_ALIGN or len(pred) > MAX_CHAR_ALIGN:
        return []
    sm = SequenceMatcher(None, [base_of(c).lower() for c in pred], [base_of(c).lower() for c in gold],
                         autojunk=False)
    out = []
    for block in sm.get_matching_blocks():
        out.extend(zip(pred[block.a:block.a + block.size], gold[block.b:block.b + block.size]))
    return out


def raw_lines(raw: RawDocument) -> list[str]:
    """Lines and cells as the cleaning stage hands them to the legacy converter."""
    flat: list[str] = []
    for ln in assemble(raw):
        flat.extend(ln.cells if ln.cells is not None else [ln.text])
    return flat


def read_sources(paths: list[Path]) -> dict[Path, list[str] | str]:
    """Raw lines per source file (or an error message)."""
    out: dict[Path, list[str] | str] = {}
    words = [p for p in paths if p.suffix in (".doc", ".rtf", ".odt")]
    if words:
        from vbpl_parser.read.word.legacy import read_many

        for key, raw in read_many([str(p) for p in words]).items():
            out[Path(key)] = raw_lines(raw) if isinstance(raw, RawDocument) else f"{raw.kind}: {raw}"
    for p in paths:
        if p.suffix == ".pdf":
            out[p] = _pdf_lines(p)
    return out


def _pdf_lines(path: Path) -> list[str] | str:
    try:
        from vbpl_parser.read import read_bytes

        return raw_lines(read_bytes(path.read_bytes(), path.name))
    except Exception as exc:  # the PDF reader may not exist yet: fall back to pdfplumber
        import pdfplumber

        print(f"  ({path.name}: PDF reader unavailable ({type(exc).__name__}), using pdfplumber)", file=sys.stderr)
        with pdfplumber.open(path) as pdf:
            return [ln for page in pdf.pages for ln in (page.extract_text() or "").splitlines()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path, help="write the per-file numbers here")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print the N most frequent token errors per file")
    args = ap.parse_args()
    gold_dir = args.shared / "corpus" / "gold" / "text"
    docs = args.shared / "corpus" / "docs"
    pairs = []
    for gold in sorted(gold_dir.glob("*.txt")):
        if gold.name == "README.md":
            continue
        src = next((p for p in sorted(docs.glob(gold.stem + ".*")) if p.suffix != ".txt"), None)
        if src:
            pairs.append((gold, src))
    t0 = time.perf_counter()
    lines_of = read_sources([src for _, src in pairs])
    print(f"read {len(pairs)} sources in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    rows = []
    header = (f"{'file':34} {'enc':10} {'raw diac':>8} {'diac':>7} {'diac_ci':>7} {'raw syl':>7} {'syl':>7} "
              f"{'ms':>6} {'tok err':>7} {'gold?':>5}")
    print(header)
    for gold, src in pairs:
        lines = lines_of.get(src)
        if not isinstance(lines, list):
            print(f"{src.name:34} FAILED {lines}")
            rows.append({"file": src.name, "error": lines})
            continue
        t = time.perf_counter()
        converted, encodings = convert_legacy_lines(lines)
        ms = (time.perf_counter() - t) * 1000
        truth = gold.read_text(encoding="utf-8")
        before = score("\n".join(lines), truth)
        after = score("\n".join(converted), truth)
        changed = sum(a != b for a, b in zip(lines, converted))
        rows.append({"file": src.name, "encodings": encodings, "lines": len(lines), "lines_converted": changed,
                     "raw": before, "converted": after, "convert_ms": round(ms, 1)})
        print(f"{src.name:34} {','.join(encodings) or '-':10} {before['diacritic']:8.3f} {after['diacritic']:7.3f} "
              f"{after['diacritic_ci']:7.3f} {before['syllable']:7.3f} {after['syllable']:7.3f} {ms:6.0f}", end="")
        errors = token_errors("\n".join(converted), truth)
        disputed = sum(n for (p, g), n in errors.items() if _gold_suspect(p, g))
        rows[-1]["token_errors"] = sum(errors.values())
        rows[-1]["gold_suspect_errors"] = disputed
        print(f" {sum(errors.values()):7d} {disputed:5d}")
        for (p, g), n in errors.most_common(args.show):
            print(f"    {n:4d}  {p!r} -> gold {g!r}{'   (gold ill-formed)' if _gold_suspect(p, g) else ''}")
    ok = [r for r in rows if "converted" in r]
    if ok:
        tot = sum(r["converted"]["gold_diacritics"] for r in ok)
        micro = sum(r["converted"]["diacritic"] * r["converted"]["gold_diacritics"] for r in ok) / tot
        toks = sum(r["converted"]["gold_tokens"] for r in ok)
        syl = sum(r["converted"]["syllable"] * r["converted"]["gold_tokens"] for r in ok) / toks
        print(f"{'ALL (weighted by gold size)':45} {micro:7.3f} {'':7} {'':7} {syl:7.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
