"""Fuzzing: mutated real files fed to ``vbpl_parser.parse_bytes`` for a fixed time budget.

    python3 bench/fuzz.py run --minutes 12                  # every format in sequence
    python3 bench/fuzz.py run --formats docx,html --minutes 3
    python3 bench/fuzz.py replay tests/fixtures/fuzz        # re-run saved inputs
    python3 bench/fuzz.py hostile                           # time and peak memory of the hostile cases

Engine: atheris (coverage-guided libFuzzer; ``pip install atheris``) when it imports, else a
built-in mutator (bit flips, tokens, splices, chunk repetition). For ZIP formats both mutate
*inside* one entry and re-zip, so the XML readers see damaged XML instead of a ZIP with a bad
CRC. Seeds are the real files of ``tests/fixtures``, ``samples/inputs`` and
``../shared/corpus`` (small ones) plus the generators of ``tests/test_hostile.py``.

Each format runs in its own child process (``nice``; one at a time, the machine is shared),
restarted if it dies, with per-input caps: the library's time limit (``--input-timeout``,
cooperative checks; libFuzzer's ``-timeout`` at three times that as the hard stop) and
memory (``-rss_limit_mb`` with atheris, ``RLIMIT_AS`` otherwise). External programs are
turned off (Tesseract and LibreOffice report ToolMissing), so the inputs exercise this
package's code; for .doc/.rtf/.odt the pre-LibreOffice checks (OLE probe) are fuzzed.

A finding is an exception that is not a VbplError, a Document that fails
``vbpl_parser.verify`` or cannot be written as JSON, a ParseTimeout of the per-input limit
(slow input), or a dead child (crash, timeout, out of memory). Findings are deduplicated by
exception type and innermost frame; the smallest input of each is kept in OUT/findings/.
Small ones become regression tests in ``tests/fixtures/fuzz/`` (``test_hostile.py`` runs them).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

FORMATS = ("docx", "html", "txt", "pdf", "legacy", "image")
#: share of the time budget per format (the readers with most of our own code get most)
WEIGHTS = {"docx": 4, "html": 2, "txt": 2, "pdf": 2, "legacy": 1, "image": 1}
MAX_LEN = {"docx": 200_000, "html": 120_000, "txt": 64_000, "pdf": 400_000, "legacy": 120_000, "image": 30_000}
EXTENSIONS = {"docx": (".docx",), "html": (".html", ".htm"), "txt": (".txt", ".md"), "pdf": (".pdf",),
              "legacy": (".doc", ".rtf", ".odt"), "image": (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif")}
TOKENS = {
    "docx": ['<w:p>', '</w:p>', '<w:r><w:t xml:space="preserve">', '</w:t></w:r>', '<w:tbl><w:tr><w:tc>',
             '</w:tc></w:tr></w:tbl>', '<w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr>',
             'w:val="-1"', 'w:val="4294967296"', 'w:val="99999999999999999999"', '<w:gridSpan w:val="100000"/>',
             '<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:hMerge/>', '<w:footnoteReference w:id="1"/>',
             '<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>', '<w:txbxContent>', '<w:br/>', '<w:tab/>',
             '<w:lastRenderedPageBreak/>', '%1.%2.%3.', '<w:lvlText w:val="%1%1%1%1"/>',
             '<w:numFmt w:val="upperRoman"/>', '<w:basedOn w:val="a"/>', '<w:pStyle w:val="Heading1"/>',
             '<mc:AlternateContent><mc:Choice>', '<!DOCTYPE x [<!ENTITY e "e">]>', '&#0;', '&#xD800;', '&amp;',
             'Điều 1.', 'ỦY BAN NHÂN DÂN', 'Số: 24/KH-UBND', 'TM. ỦY BAN NHÂN DÂN', 'Target="../../x"'],
    "html": ['<table>', '</table>', '<tr>', '<td colspan="0">', '<td rowspan="99999">', '<td colspan="-5">',
             '<br>', '<p>', '</p>', '<div>', '</div>', '<style>.x{display:none}</style>', '<font face="VNI-Times">',
             '&nbsp;', '&#0;', '&#xFFFFFF;', '&#55296;', '<!--', '-->', '<script>', '<h1>', '<li>', '<sup>', '<o:p>',
             '<meta charset="x-unknown">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
             '<span style="display:none">', 'class="MsoNormal"', '<!DOCTYPE html [<!ENTITY a "b">]>', 'Điều 1.'],
    "txt": ["I. ", "1. ", "1.1. ", "9.1. ", "a) ", "đ) ", "- ", "+ ", "• ", "Điều 5. ", "Chương II", "Phần thứ nhất",
            "|", " | ", "| --- | --- |", "Số: 24/KH-UBND", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
            "trước ngày 30/6/2024", "chủ trì", "phối hợp với", "Sở Y tế", "UBND tỉnh", "\x00", "\u200b", "\r",
            "\t", "\u00d0", "“", "”", "(Ban hành kèm theo", "<jsontable name=\"x\"></jsontable>", "QUY ĐỊNH",
            "Căn cứ Luật", "Để ", "năm 2024", "quý III/2024"],
    "pdf": ["obj", "endobj", "stream", "endstream", "/Type /Page", "/MediaBox [0 0 1e9 1e9]", "/Count 999999",
            "/Length 0", "BT /F1 12 Tf (x) Tj ET", "/Filter /FlateDecode", "xref", "trailer", "%%EOF", "/Encrypt",
            "/Rotate 90", "/UserUnit 75000", "/Kids [", "/Resources <<", "/XObject", "/Subtype /Image",
            "/Width 100000", "/Height 100000", "/ToUnicode", "beginbfchar", "<D800>"],
    "legacy": ["{\\rtf1", "\\ansicpg1258", "\\bin", "\\par", "{\\*", "WordDocument", "EncryptionInfo",
               "\xff\xff\xff\xff", "\xfe\xff\xff\xff", "content.xml", "mimetype", "encryption-data"],
    "image": ["IHDR", "IDAT", "IEND", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff\xe0", "II*\x00", "MM\x00*", "BM", "GIF89a",
              "\xff\xff\xff\x7f"],
}


# ----------------------------------------------------------------------------- seeds

def _generated(fmt: str) -> list[bytes]:
    """Small inputs from the hostile-input generators (the code paths real files rarely reach)."""
    try:
        from tests import test_hostile as h
    except Exception:  # noqa: BLE001 - seeds are a bonus; the corpus files are enough
        return []
    if fmt == "docx":
        return [h.small_docx(), h.numbering_bomb_docx(5), h.nested_tables_docx(4), h.many_entries_docx(3)]
    if fmt == "html":
        return [h.deep_html(20), h.wide_html_table(3, 3), h.laughs_html()]
    if fmt == "txt":
        return [h.bullets(30, nested=True), h.mixed_encodings(), h.RTL_EMOJI.encode(), "\n".join(h.LETTERHEAD).encode()]
    if fmt == "pdf":
        return [h.pdf_pages(2, text=h.ASCII_LETTER)]
    if fmt == "image":
        return [h.png_header(40, 30)]
    return []


def seeds(fmt: str) -> list[bytes]:
    folders = [ROOT / "tests" / "fixtures", ROOT / "samples" / "inputs", SHARED / "docs", SHARED / "bulk"]
    out: list[bytes] = []
    seen: set[str] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in EXTENSIONS[fmt] and path.is_file() and path.stat().st_size <= MAX_LEN[fmt]:
                data = path.read_bytes()
                digest = hashlib.sha1(data).hexdigest()
                if digest not in seen:
                    seen.add(digest)
                    out.append(data)
    return out + _generated(fmt)


# ----------------------------------------------------------------------------- mutation

def _zip_entries(data: bytes) -> list[tuple[str, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > 200 or sum(i.file_size for i in infos) > 8 << 20:
                return None
            return [(i.filename, zf.read(i)) for i in infos]
    except Exception:  # noqa: BLE001 - a damaged ZIP is mutated as bytes
        return None


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, content in entries:
            zf.writestr(name, content)
    return buf.getvalue()


class Mutator:
    """Byte-level mutations with format tokens; inside one ZIP entry for ZIP formats."""

    def __init__(self, fmt: str, corpus: list[bytes], rnd: random.Random,
                 byte_mutate: Callable[[bytes, int], bytes] | None = None) -> None:
        self.fmt = fmt
        self.corpus = corpus
        self.rnd = rnd
        self.tokens = [t.encode("utf-8", "surrogatepass") if not t.startswith(("\xff", "\xfe", "\x89"))
                       else t.encode("latin-1") for t in TOKENS[fmt]]
        self.byte_mutate = byte_mutate  # atheris.Mutate when coverage-guided

    def __call__(self, data: bytes, max_size: int) -> bytes:
        rnd = self.rnd
        if data[:2] == b"PK" and rnd.random() < 0.85:
            entries = _zip_entries(data)
            if entries:
                weights = [5 if n.endswith((".xml", ".rels")) else 1 for n, _ in entries]
                k = rnd.choices(range(len(entries)), weights)[0]
                name, content = entries[k]
                entries[k] = (name, self.bytes(content, max(len(content) * 2, 1024)))
                if rnd.random() < 0.05:
                    entries.pop(rnd.randrange(len(entries)))
                out = _zip(entries)
                if len(out) <= max_size:
                    return out
        return self.bytes(data, max_size)[:max_size]

    def bytes(self, data: bytes, max_size: int) -> bytes:
        rnd = self.rnd
        if self.byte_mutate is not None and rnd.random() < 0.8:
            return self.byte_mutate(data, max_size)
        buf = bytearray(data)
        for _ in range(rnd.choice((1, 1, 2, 3, 4, 8))):
            op = rnd.randrange(10)
            pos = rnd.randrange(len(buf) + 1)
            if op == 0 and buf:
                buf[min(pos, len(buf) - 1)] ^= 1 << rnd.randrange(8)
            elif op == 1 and buf:
                buf[min(pos, len(buf) - 1)] = rnd.choice((0, 0xFF, 0x7F, 0x80, 0x0A, 0x3C, 0x7C, rnd.randrange(256)))
            elif op in (2, 3):
                buf[pos:pos] = rnd.choice(self.tokens)
            elif op == 4:
                del buf[pos:pos + rnd.randrange(1, 64)]
            elif op == 5:
                n = rnd.randrange(1, 256)
                buf[pos:pos] = buf[pos:pos + n] * rnd.choice((2, 10, 100, 1000))  # amplification
            elif op == 6:
                other = rnd.choice(self.corpus) if self.corpus else b""
                buf = buf[:pos] + other[rnd.randrange(len(other) + 1):]
            elif op == 7:
                del buf[pos:]
            elif op == 8:
                buf[pos:pos] = rnd.randbytes(rnd.randrange(1, 32))
            else:
                a, b = sorted((rnd.randrange(len(buf) + 1), rnd.randrange(len(buf) + 1)))
                buf[a:b] = bytes(reversed(buf[a:b]))
        return bytes(buf[:max_size])


# ----------------------------------------------------------------------------- the harness

class Finding(Exception):
    """Raised inside the harness for an outcome that is not a crash but is wrong."""


class Harness:
    """One input through the library; records what is not a Document or a VbplError."""

    def __init__(self, fmt: str, out: Path, input_timeout: float) -> None:
        import vbpl_parser
        from vbpl_parser.read.pdf import ocr

        os.environ["VBPL_SOFFICE"] = "/nonexistent/vbpl-fuzz/soffice"  # external programs off
        ocr.TESSERACT_CMD = "vbpl-fuzz-no-tesseract"
        self.vbpl = vbpl_parser
        self.fmt = fmt
        self.name = f"fuzz.{EXTENSIONS[fmt][0].lstrip('.')}"
        self.limits = vbpl_parser.Limits(time_limit=input_timeout)
        self.out = out
        (out / "findings").mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.found: dict[str, int] = {}
        self.started = time.monotonic()
        self._last_stats = 0.0
        self._current = out / f"current-{fmt}.bin"

    def __call__(self, data: bytes) -> None:
        self.count += 1
        if self.count % 50 == 1:  # for a hang or a crash in C code, the parent reads this
            self._current.write_bytes(data)
        try:
            self.one(data)
        except Exception as exc:  # noqa: BLE001 - this is what fuzzing looks for
            self.record(exc, data)
        now = time.monotonic()
        if now - self._last_stats > 2.0:
            self._last_stats = now
            self.write_stats()

    def one(self, data: bytes) -> None:
        from vbpl_parser.errors import ParseTimeout, ToolMissing, VbplError
        from vbpl_parser.verify import item_problems, outline_problems

        try:
            doc = self.vbpl.parse_bytes(data, self.name, limits=self.limits)
        except ParseTimeout as exc:
            if "time limit" in exc.detail:
                raise Finding(f"slow input: {exc.detail}") from exc
            return
        except ToolMissing:
            if self.fmt == "legacy":  # the checks made before LibreOffice would run
                from vbpl_parser.read.word.libreoffice import check_convertible
                try:
                    check_convertible(data, self.name)
                except VbplError:
                    pass
            return
        except VbplError:
            return
        problems = outline_problems(doc) + item_problems(doc)
        if problems:
            raise Finding(f"invariant: {problems[0]}")
        doc.model_dump_json()

    def record(self, exc: BaseException, data: bytes) -> None:
        key = finding_key(exc)
        self.found[key] = self.found.get(key, 0) + 1
        slug = hashlib.sha1(key.encode()).hexdigest()[:12]
        path = self.out / "findings" / f"{self.fmt}-{slug}.bin"
        if not path.exists() or len(data) < path.stat().st_size:
            path.write_bytes(data)
            (path.with_suffix(".txt")).write_text(
                f"{key}\n\n{''.join(traceback.format_exception(exc))}", encoding="utf-8")
        self.write_stats()

    def write_stats(self) -> None:
        stats = {"format": self.fmt, "inputs": self.count, "seconds": round(time.monotonic() - self.started, 1),
                 "findings": self.found}
        tmp = self.out / f".stats-{self.fmt}.tmp"
        tmp.write_text(json.dumps(stats), encoding="utf-8")
        os.replace(tmp, self.out / f"stats-{self.fmt}.json")


def finding_key(exc: BaseException) -> str:
    """Exception type and the innermost frame of this package (or the innermost at all)."""
    if isinstance(exc, Finding):
        text = str(exc)
        head = text.split(":")[0] + ":" + "".join(c for c in text.split(":", 1)[-1][:50] if not c.isdigit())
        inner = exc.__cause__
        if inner is not None and text.startswith("slow"):
            return f"slow@{_frame(inner)}"
        return head
    return f"{type(exc).__name__}@{_frame(exc)}"


def _frame(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "vbpl_parser" in f.filename]
    f = (ours or frames or [None])[-1]
    return f"{Path(f.filename).name}:{f.lineno}" if f else "?"


# ----------------------------------------------------------------------------- child process

def child(args: argparse.Namespace) -> None:
    out = Path(args.out)
    corpus = seeds(args.format)
    rnd = random.Random(args.seed)
    if args.engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["vbpl_parser"]):
            import vbpl_parser  # noqa: F401
            from vbpl_parser import clean, header, outline, tag, tasks  # noqa: F401
            from vbpl_parser.read import html, pdf, plaintext, word  # noqa: F401
            from vbpl_parser.read.html import reader  # noqa: F401
            from vbpl_parser.read.pdf import ocr, reader  # noqa: F401,F811
            from vbpl_parser.read.word import docx, legacy, libreoffice  # noqa: F401
        harness = Harness(args.format, out, args.input_timeout)
        # atheris 3.0 refuses atheris.Mutate() inside a custom mutator, so ZIP formats use the
        # built-in byte operations inside one entry; the others use libFuzzer's own mutators
        mutator = Mutator(args.format, corpus, rnd)
        corpus_dir = out / f"corpus-{args.format}"
        corpus_dir.mkdir(parents=True, exist_ok=True)
        for data in corpus:
            (corpus_dir / hashlib.sha1(data).hexdigest()).write_bytes(data)
        dict_file = out / f"{args.format}.dict"
        dict_file.write_text("".join('"' + "".join(f"\\x{b:02x}" for b in t) + '"\n' for t in mutator.tokens))
        (out / "artifacts").mkdir(exist_ok=True)
        argv = [sys.argv[0], str(corpus_dir), f"-max_total_time={int(args.seconds)}",
                f"-timeout={int(args.input_timeout * 3)}", f"-rss_limit_mb={args.rss_mb}",
                f"-max_len={MAX_LEN[args.format]}", f"-artifact_prefix={out}/artifacts/{args.format}-",
                f"-dict={dict_file}", "-print_final_stats=1", f"-seed={args.seed}"]
        if args.format == "docx":
            atheris.Setup(argv, harness, custom_mutator=lambda data, max_size, seed: mutator(data, max_size))
        else:
            atheris.Setup(argv, harness)
        try:
            atheris.Fuzz()
        finally:
            harness.write_stats()
        return
    # built-in engine: RLIMIT_AS turns runaway memory into MemoryError (recorded as a finding)
    limit = args.rss_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    harness = Harness(args.format, out, args.input_timeout)
    mutator = Mutator(args.format, corpus, rnd)
    end = time.monotonic() + args.seconds
    pool = list(corpus)
    while time.monotonic() < end:
        data = mutator(rnd.choice(pool), MAX_LEN[args.format])
        harness(data)
        if rnd.random() < 0.02:  # keep a few mutants as parents: deeper stacks of mutations
            pool.append(data)
            if len(pool) > 4 * len(corpus) + 50:
                pool.pop(len(corpus) + rnd.randrange(len(pool) - len(corpus)))
    harness.write_stats()


# ----------------------------------------------------------------------------- orchestration

def pick_engine(wanted: str) -> str:
    if wanted != "auto":
        return wanted
    try:
        import atheris  # noqa: F401
        return "atheris"
    except ImportError:
        return "mutate"


def run(args: argparse.Namespace) -> int:
    out = Path(args.out or f"/tmp/vbpl-fuzz-{time.strftime('%Y%m%d-%H%M%S')}")
    out.mkdir(parents=True, exist_ok=True)
    formats = [f for f in args.formats.split(",") if f]
    engine = pick_engine(args.engine)
    total = args.minutes * 60
    weight = sum(WEIGHTS[f] for f in formats)
    summary = []
    for fmt in formats:
        budget = total * WEIGHTS[fmt] / weight
        end = time.monotonic() + budget
        restarts: list[str] = []
        inputs = 0
        found: dict[str, int] = {}
        seed = args.seed
        while end - time.monotonic() > 5:
            left = end - time.monotonic()
            cmd = ["nice", "-n", "10", sys.executable, str(Path(__file__).resolve()), "_child", "--format", fmt,
                   "--seconds", str(int(left)), "--out", str(out), "--engine", engine,
                   "--input-timeout", str(args.input_timeout), "--rss-mb", str(args.rss_mb), "--seed", str(seed)]
            stats_file = out / f"stats-{fmt}.json"
            stats_file.unlink(missing_ok=True)
            with open(out / f"log-{fmt}.txt", "ab") as log:
                try:
                    proc = subprocess.run(cmd, stdout=log, stderr=log, timeout=left + 4 * args.input_timeout + 60)
                    status = proc.returncode
                except subprocess.TimeoutExpired:
                    status = "hung"
            if stats_file.exists():
                stats = json.loads(stats_file.read_text(encoding="utf-8"))
                inputs += stats["inputs"]
                for k, v in stats["findings"].items():
                    found[k] = found.get(k, 0) + v
            if status != 0:
                current = out / f"current-{fmt}.bin"
                keep = out / "findings" / f"{fmt}-died-{len(restarts)}.bin"
                if current.exists():
                    keep.parent.mkdir(exist_ok=True)
                    current.replace(keep)
                restarts.append(str(status))
                seed += 1
            else:
                break
        row = {"format": fmt, "engine": engine, "seconds": round(budget), "inputs": inputs,
               "findings": found, "child_deaths": restarts}
        summary.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"total inputs: {sum(r['inputs'] for r in summary)}; findings in {out / 'findings'}")
    return 0


def replay(args: argparse.Namespace) -> int:
    """Run saved inputs once each and print what they give (typed error, Document, finding)."""
    import vbpl_parser

    bad = 0
    for path in sorted(Path(args.folder).glob("*")):
        if path.name == "README.md" or (path.suffix == ".txt" and path.with_suffix(".bin").exists()):
            continue  # notes, not inputs
        try:
            doc = vbpl_parser.parse_bytes(path.read_bytes(), path.name)
            from vbpl_parser.verify import item_problems, outline_problems
            problems = outline_problems(doc) + item_problems(doc)
            doc.model_dump_json()
            result = f"Document ({len(doc.text)} chars)" + (f" INVARIANT {problems[0]}" if problems else "")
            bad += bool(problems)
        except vbpl_parser.VbplError as exc:
            result = f"{type(exc).__name__}: {exc.detail[:80]}"
        except Exception as exc:  # noqa: BLE001
            result = f"BUG {type(exc).__name__}: {exc}"
            bad += 1
        print(f"{path.name}: {result}")
    return 1 if bad else 0


def hostile(args: argparse.Namespace) -> int:
    """Every hostile case at full size, one process each: outcome, wall time, peak RSS."""
    import tempfile

    from tests.test_hostile import CASES

    rows = []
    with tempfile.TemporaryDirectory(prefix="vbpl-hostile-") as tmp:
        for case in CASES:
            if args.only and args.only not in case.name:
                continue
            path = Path(tmp) / case.file_name  # generated here: the child's memory is parsing only
            path.write_bytes(case.make(True))
            proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "_hostile_one", case.name,
                                     str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
            out_b, _ = proc.communicate()
            out = out_b.decode().split()
            path.unlink()
            ok = len(out) == 3
            what, took, peak = (out[0], float(out[1]), int(out[2]) / 1024) if ok else (
                f"exit {proc.returncode}", float("nan"), float("nan"))
            rows.append((case.name, what, took, peak))
            print(f"{case.name:26s} {took:7.2f} s {rows[-1][3]:7.0f} MB  {what}", flush=True)
    worst_t = max(rows, key=lambda r: r[2])
    worst_m = max(rows, key=lambda r: r[3])
    print(f"worst parse time: {worst_t[0]} {worst_t[2]:.2f} s; worst peak RSS: {worst_m[0]} {worst_m[3]:.0f} MB "
          "(a bare interpreter with vbpl_parser imported is ~42 MB)")
    return 0


def hostile_one(name: str, path: str) -> None:
    """Parse one generated case (read from ``path``); print the outcome and the parse time."""
    from tests.test_hostile import CASES, parse_case

    case = next(c for c in CASES if c.name == name)
    data = Path(path).read_bytes()
    t0 = time.perf_counter()
    result = parse_case(case, full=True, data=data)
    took = time.perf_counter() - t0
    # VmHWM: peak RSS of this process image (ru_maxrss would include the parent's at fork time)
    status = Path("/proc/self/status").read_text()
    peak_kb = next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmHWM:"))
    print(type(result).__name__, f"{took:.3f}", peak_kb)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="fuzz the formats in sequence for a total time budget")
    r.add_argument("--minutes", type=float, default=12.0)
    r.add_argument("--formats", default=",".join(FORMATS))
    r.add_argument("--engine", choices=("auto", "atheris", "mutate"), default="auto")
    r.add_argument("--input-timeout", type=float, default=10.0, help="per-input time limit, seconds")
    r.add_argument("--rss-mb", type=int, default=2048, help="per-process memory cap")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--out", help="work folder (default /tmp/vbpl-fuzz-<time>)")
    c = sub.add_parser("_child")
    c.add_argument("--format", required=True)
    c.add_argument("--seconds", type=float, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--engine", required=True)
    c.add_argument("--input-timeout", type=float, default=10.0)
    c.add_argument("--rss-mb", type=int, default=2048)
    c.add_argument("--seed", type=int, default=1)
    p = sub.add_parser("replay", help="run saved inputs once each")
    p.add_argument("folder")
    h = sub.add_parser("hostile", help="time and peak memory of the full-size hostile cases")
    h.add_argument("--only", help="cases whose name contains this")
    o = sub.add_parser("_hostile_one")
    o.add_argument("name")
    o.add_argument("path")
    args = ap.parse_args(argv)
    if args.cmd == "_child":
        child(args)
        return 0
    if args.cmd == "_hostile_one":
        hostile_one(args.name, args.path)
        return 0
    return {"run": run, "replay": replay, "hostile": hostile}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
