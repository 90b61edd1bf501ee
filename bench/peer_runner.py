"""Runs ONE peer parser on a list of files, inside that peer's virtualenv (no vbpl_parser here).

    /tmp/peers/docling/bin/python bench/peer_runner.py docling FILES.json OUT.jsonl [--repeat N]

For each file: the median time of ``--repeat`` calls (in this process, after the imports,
which are timed once), the text the peer produced (written to OUT.jsonl for the
comparison in bench/peers.py), counts of the structural items it reports, or its error.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path


def docling_setup():
    from docling.backend.html_backend import HTMLDocumentBackend
    from docling.backend.msword_backend import MsWordDocumentBackend
    from docling.datamodel.base_models import InputFormat
    from docling.datamodel.document import InputDocument

    backends = {".docx": (InputFormat.DOCX, MsWordDocumentBackend), ".html": (InputFormat.HTML, HTMLDocumentBackend),
                ".htm": (InputFormat.HTML, HTMLDocumentBackend)}

    def run(path: Path):
        fmt, backend = backends[path.suffix.lower()]
        doc = InputDocument(path_or_stream=path, format=fmt, backend=backend)._backend.convert()
        kinds = Counter(type(item).__name__ for item, _ in doc.iterate_items())
        return doc.export_to_markdown(), dict(kinds)

    return run


def unstructured_setup():
    from unstructured.partition.docx import partition_docx
    from unstructured.partition.pdf import partition_pdf

    def run(path: Path):
        if path.suffix.lower() == ".pdf":
            els = partition_pdf(str(path), strategy="fast")
        else:
            els = partition_docx(str(path))
        return "\n".join(str(e) for e in els), dict(Counter(e.category for e in els))

    return run


def viparse_setup():
    import viparse

    def run(path: Path):
        docs = viparse.load(str(path))
        text = "\n".join(d.text for d in docs)
        lines = text.splitlines()
        kinds = {"headings": sum(1 for ln in lines if ln.startswith("#")),
                 "table_rows": sum(1 for ln in lines if ln.startswith("|")),
                 "encodings": sorted({d.metadata.encoding_detected or "-" for d in docs})}
        return text, kinds

    return run


def main() -> int:
    peer, files_json, out_path = sys.argv[1:4]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    t0 = time.perf_counter()
    run = {"docling": docling_setup, "unstructured": unstructured_setup, "viparse": viparse_setup}[peer]()
    import_s = time.perf_counter() - t0
    files = [Path(p) for p in json.loads(Path(files_json).read_text())]
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"peer": peer, "import_s": import_s}) + "\n")
        for path in files:
            times, text, kinds, error = [], "", {}, None
            for _ in range(repeat):
                t = time.perf_counter()
                try:
                    text, kinds = run(path)
                    if not text.strip():
                        raise RuntimeError("produced no text (the peer may have swallowed an error)")
                except Exception as exc:  # a peer's failure is a result too
                    error = f"{type(exc).__name__}: {str(exc)[:300]}"
                times.append(time.perf_counter() - t)
                if error:
                    break
            out.write(json.dumps({"file": str(path), "seconds": statistics.median(times), "runs": times,
                                  "chars": len(text), "kinds": kinds, "error": error, "text": text},
                                 ensure_ascii=False) + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
