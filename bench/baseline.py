"""The physical baseline: the time just to read the same files with the raw libraries.

    python bench/baseline.py [--corpus docs bulk] [--repeat 3] [--ocr-info bench/results/out]

Per format, sequentially on one core, median of ``--repeat`` runs (after one warm-up run):

* txt/md: read and decode the bytes;
* html: ``lxml.html`` parse and ``text_content()``;
* docx: python-docx, the text of every paragraph;
* pdf: pdfplumber ``extract_text`` on every page, except the pages vbpl_parser OCR'd
  (read from the outputs of a previous ``vbpl-parser parse`` run, ``--ocr-info``): those are
  rendered with pypdfium2 at the same dpi and read by ``tesseract - - -l vie`` one page at a time;
* doc/rtf: LibreOffice conversion to .docx, one ``soffice`` per file (how people usually
  call it; timed once, it is slow) and one ``soffice`` for all files of the format (its best case).

The same run times vbpl_parser's own pipeline in this process (``parse_file``, one file
after another) for txt/md/html/docx, so overhead ratios are not skewed by load drift.
Results: bench/results/baseline.json.
"""
from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import corpus_files, save, timed


def read_text(files):
    for p in files:
        p.read_bytes().decode("utf-8", "replace")


def read_html(files):
    import lxml.html

    for p in files:
        lxml.html.fromstring(p.read_bytes()).text_content()


def read_docx(files):
    import docx

    for p in files:
        [para.text for para in docx.Document(str(p)).paragraphs]


def ocr_pages(out_dir: Path | None, corpus: str) -> dict[str, tuple[int, list[int]]]:
    """file name -> (dpi, pages vbpl_parser OCR'd), from that run's JSON outputs."""
    found: dict[str, tuple[int, list[int]]] = {}
    if out_dir is None or not (out_dir / corpus).is_dir():
        return found
    for p in (out_dir / corpus).glob("*.json"):
        with open(p, encoding="utf-8") as fh:
            head = json.load(fh)["source"]
        if head.get("ocr"):
            found[head["file_name"]] = (head["ocr"]["dpi"], head["ocr"]["pages"])
    return found


def read_pdf(files, ocr: dict[str, tuple[int, list[int]]]):
    import pdfplumber
    import pypdfium2

    for p in files:
        dpi, scanned = ocr.get(p.name, (0, []))
        with pdfplumber.open(str(p)) as pdf:
            for i, page in enumerate(pdf.pages, 1):
                if i not in scanned:
                    page.extract_text()
        if scanned:
            doc = pypdfium2.PdfDocument(str(p))
            for i in scanned:
                img = doc[i - 1].render(scale=dpi / 72).to_pil()
                buf = io.BytesIO()
                img.save(buf, format="PNG")
                subprocess.run(["tesseract", "-", "-", "-l", "vie"], input=buf.getvalue(),
                               capture_output=True, check=True)
            doc.close()


def _soffice(inputs: list[Path], tmp: Path) -> None:
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--norestore", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(tmp / "out"), *map(str, inputs)], capture_output=True, check=True, timeout=1800)


def convert_each(files):
    for p in files:
        with tempfile.TemporaryDirectory(prefix="vbpl-base-") as tmp:
            _soffice([p], Path(tmp))


def convert_all(files):
    with tempfile.TemporaryDirectory(prefix="vbpl-base-") as tmp:
        _soffice(files, Path(tmp))


def pipeline(files):
    import vbpl_parser

    for p in files:
        vbpl_parser.parse_file(p)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=["docs", "bulk"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ocr-info", type=Path, default=Path("/tmp/vbpl-bench-out"))
    ap.add_argument("--formats", nargs="*")
    args = ap.parse_args()
    rows = []
    for corpus in args.corpus:
        ocr = ocr_pages(args.ocr_info, corpus)
        for fmt, files in corpus_files(corpus).items():
            if args.formats and fmt not in args.formats:
                continue
            raws = {"txt": [("read+decode", read_text)], "md": [("read+decode", read_text)],
                    "html": [("lxml text_content", read_html)], "docx": [("python-docx paragraphs", read_docx)],
                    "pdf": [("pdfplumber extract_text + tesseract on OCR'd pages", lambda f, ocr=ocr: read_pdf(f, ocr))],
                    "doc": [("soffice per file", convert_each), ("soffice one run", convert_all)],
                    "rtf": [("soffice per file", convert_each), ("soffice one run", convert_all)]}[fmt]
            measures = list(raws)
            if fmt in ("txt", "md", "html", "docx"):
                measures.append(("vbpl_parser parse_file (in-process)", pipeline))
            for label, fn in measures:
                slow = fmt in ("pdf", "doc", "rtf")
                if not slow:
                    fn(files)  # warm-up: imports, caches, page cache (slow formats: the first run warms)
                got = timed(lambda fn=fn, files=files: fn(files), 1 if label == "soffice per file" else args.repeat)
                row = {"corpus": corpus, "format": fmt, "what": label, "docs": len(files),
                       "bytes": sum(p.stat().st_size for p in files), **got}
                if fmt == "pdf":
                    row["ocr_pages"] = sum(len(ocr.get(p.name, (0, []))[1]) for p in files)
                rows.append(row)
                print(f"{corpus:5} {fmt:5} {label:45} {got['median_s']:8.3f}s load={got['load']}",
                      file=sys.stderr, flush=True)
    print(save("baseline", {"repeat": args.repeat, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
