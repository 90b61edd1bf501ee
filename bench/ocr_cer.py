"""Character error rate of the OCR path on hand-transcribed page regions.

Usage::

    python bench/ocr_cer.py                      # native 200 300 400 dpi, corpus in ../shared/corpus
    python bench/ocr_cer.py --dpi native 300 --corpus /path/to/corpus
    python bench/ocr_cer.py --deskew             # also try a projection-profile deskew

Each truth file in ``tests/fixtures/ocr_truth/*.json`` names a corpus PDF (checked by
SHA-256), a page and a crop box in PDF points (top-left origin), and the text of that
region transcribed by hand, line by line. The region is rendered at each dpi with pypdfium2 ("native" = the
scan's own resolution clamped to 200-400 dpi, which is what the PDF reader uses),
OCR'd by :func:`vbpl_parser.read.pdf.ocr.ocr_image` (the code the reader uses, so the line
rebuilding is measured too), and compared after NFC and whitespace collapsing:
CER = Levenshtein distance / length of the truth. A second figure ignores case and folds
quote/dash variants, to separate recognition errors from typography.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vbpl_parser.read.pdf import ocr  # noqa: E402

TRUTH_DIR = ROOT / "tests" / "fixtures" / "ocr_truth"
_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def folded(text: str) -> str:
    return normalize(text).translate(_FOLD).casefold()


def levenshtein(a: str, b: str) -> int:
    try:
        from rapidfuzz.distance import Levenshtein

        return int(Levenshtein.distance(a, b))
    except ImportError:
        pass
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(hyp: str, ref: str) -> float:
    return levenshtein(hyp, ref) / max(1, len(ref))


def deskew(image, max_angle: float = 3.0, step: float = 0.25):
    """Rotate by the angle that makes horizontal projection profiles sharpest."""
    import numpy as np

    small = image.convert("L").resize((image.width // 4, image.height // 4))
    best, best_score = 0.0, -1.0
    a = -max_angle
    while a <= max_angle + 1e-9:
        arr = np.asarray(small.rotate(a, fillcolor=255), dtype=np.float32)
        ink = (arr < 128).sum(axis=1).astype(np.float64)
        score = float(((ink[1:] - ink[:-1]) ** 2).sum())
        if score > best_score:
            best, best_score = a, score
        a += step
    return image.rotate(best, fillcolor=255, expand=False), best


def render_region(pdf_path: Path, page: int, crop_pt: list[float], dpi: int | str):
    """The crop as a PIL image, and the dpi it was rendered at."""
    import pypdfium2 as pdfium

    from vbpl_parser.read.pdf.reader import native_dpi

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pg = pdf[page - 1]
        if dpi == "native":
            dpi = native_dpi(pg) or ocr.OCR_DPI
        dpi = int(dpi)
        scale = dpi / 72
        img = pg.render(scale=scale, grayscale=True).to_pil()
        x0, top, x1, bottom = crop_pt
        return img.crop((int(x0 * scale), int(top * scale), int(x1 * scale), int(bottom * scale))).copy(), dpi
    finally:
        pdf.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--dpi", nargs="+", default=["native", "200", "300", "400"],
                    help="resolutions to try; 'native' = the reader's choice")
    ap.add_argument("--deskew", action="store_true", help="also measure with a deskew pass")
    ap.add_argument("--show", action="store_true", help="print the OCR text")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    truths = sorted(TRUTH_DIR.glob("*.json"))
    if not truths:
        print("no truth files", file=sys.stderr)
        return 2
    print(f"{'region':22} {'dpi':>4} {'deskew':>6} {'chars':>6} {'CER':>7} {'CER-fold':>8} {'conf':>5} {'sec':>6}")
    totals: dict[tuple[str, bool], list[float]] = {}
    for tf in truths:
        t = json.loads(tf.read_text(encoding="utf-8"))
        pdf_path = corpus / t["corpus_path"]
        data = pdf_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != t["sha256"]:
            print(f"{tf.name}: corpus file differs from the transcribed one", file=sys.stderr)
            return 2
        ref = normalize(" ".join(t["lines"]))
        for asked in args.dpi:
            for with_deskew in ([False, True] if args.deskew else [False]):
                img, dpi = render_region(pdf_path, t["page"], t["crop_pt"], asked)
                angle = 0.0
                if with_deskew:
                    img, angle = deskew(img)
                start = time.perf_counter()
                res = ocr.ocr_image(img, dpi, try_rotation=False)
                secs = time.perf_counter() - start
                hyp = normalize(" ".join(ln.text for ln in res.lines))
                c, cf = cer(hyp, ref), cer(folded(hyp), folded(ref))
                tot = totals.setdefault((asked, with_deskew), [0, 0, 0, 0.0])
                tot[0] += levenshtein(hyp, ref)
                tot[1] += len(ref)
                tot[2] += levenshtein(folded(hyp), folded(ref))
                tot[3] += secs
                label = f"{'yes' if with_deskew else 'no':>3}{'' if not with_deskew else f'{angle:+.2f}':>3}"
                print(f"{tf.stem:22} {dpi:4d} {label:>6} {len(ref):6d} {c:7.2%} {cf:8.2%} "
                      f"{res.mean_confidence or 0:5.1f} {secs:6.2f}")
                if args.show:
                    print("   OCR:", hyp)
    print()
    for (asked, with_deskew), (err, n, errf, secs) in totals.items():
        print(f"ALL dpi={asked} deskew={'yes' if with_deskew else 'no'}: CER {err / n:.2%}, "
              f"CER-fold {errf / n:.2%} over {n} chars, OCR {secs:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
