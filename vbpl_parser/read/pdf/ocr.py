"""OCR with Tesseract (``-l vie``): scanned PDF pages, garbage text layers, and image files.

Why the ``tesseract`` command and not pytesseract: pytesseract is itself a wrapper that
writes temporary files and runs the same command, but hides the timeout handling, the
environment (``OMP_THREAD_LIMIT``) and the temporary folder behind its own choices; the
CLI with TSV output gives word boxes and confidences directly and needs no extra package.

Each run happens in its own temporary folder (removed even when Tesseract fails or times
out) with ``OMP_THREAD_LIMIT=1``: pages are run in parallel by a thread pool bounded by the
CPU count, and Tesseract's own OpenMP threads would only fight over the same cores.
Words come back as :class:`~.pdf_lines.Word` in PDF points so that the text-PDF layout
code (columns, paragraphs, page furniture) applies unchanged.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from statistics import mean, median
from typing import TYPE_CHECKING

from ...errors import CorruptDocument, DocumentTooLarge, ParseTimeout, ToolMissing
from ...limits import Limits, hint
from ...options import OcrOptions, Run
from ..document import OcrInfo, RawDocument
from .lines import Line, Word, make_line
from .textcheck import score_text

if TYPE_CHECKING:  # Pillow is imported only where an image is opened
    from PIL import Image

TESSERACT_CMD = "tesseract"
# language, resolutions, page segmentation and parallel runs: OcrOptions (vbpl_parser.options);
# time per run, image pixels and frames: limits ocr_page_timeout, image_max_* (vbpl_parser.limits)
MIN_WORD_CONF = 0.0  # Tesseract gives -1 for non-words
NOISE_LINE_CONF = 35.0  # short lines under this mean confidence are stamps and signatures
_DEBIAN_PACKAGES = "apt-get install tesseract-ocr tesseract-ocr-vie"
_langs_lock = threading.Lock()
_langs_cache: dict[str, set[str]] = {}


@dataclass(slots=True)
class OcrPage:
    """Tesseract's reading of one page image."""

    lines: list[Line]
    width: float  # points
    height: float
    confidences: list[float] = field(default_factory=list)
    rotated: int = 0  # degrees the image was turned before the reading that was kept
    error: str | None = None
    dpi: int = 0

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    @property
    def mean_confidence(self) -> float | None:
        return mean(self.confidences) if self.confidences else None


def ensure_tesseract(language: str = "vie") -> str:
    """Path of the tesseract program; ToolMissing if it or its language data is absent."""
    exe = shutil.which(TESSERACT_CMD)
    if exe is None:
        raise ToolMissing("OCR needs the 'tesseract' program, which is not installed",
                          hint=f"on Debian/Ubuntu: {_DEBIAN_PACKAGES}")
    with _langs_lock:
        langs = _langs_cache.get(exe)
        if langs is None:
            try:
                out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
                langs = {ln.strip() for ln in (out.stdout + out.stderr).splitlines()[1:] if ln.strip()}
            except (OSError, subprocess.SubprocessError):
                langs = set()
            _langs_cache[exe] = langs
    missing = [lang for lang in language.split("+") if lang not in langs]
    if missing:
        raise ToolMissing(f"Tesseract has no '{'+'.join(missing)}' language data",
                          hint=f"on Debian/Ubuntu: {_DEBIAN_PACKAGES}")
    return exe


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _run_tesseract(exe: str, image: Image.Image, dpi: int, timeout: float, settings: OcrOptions) -> str:
    """TSV output of one Tesseract run on a PIL image, in a private temporary folder."""
    with tempfile.TemporaryDirectory(prefix="vbpl-ocr-") as tmp:
        # PGM: written in ~3 ms where PNG compression costs ~0.6 s of CPU per A4 page
        src = os.path.join(tmp, "page.pgm")
        image.save(src, format="PPM")
        base = os.path.join(tmp, "out")
        cmd = [exe, src, base, "-l", settings.language, "--dpi", str(dpi), "--psm", str(settings.psm), "tsv"]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=_env())
        except subprocess.TimeoutExpired:
            raise ParseTimeout(f"Tesseract took longer than {timeout:.0f} s on one page",
                               hint=hint("ocr_page_timeout")) from None
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"tesseract failed: {msg[-1] if msg else proc.returncode}")
        with open(base + ".tsv", encoding="utf-8", errors="replace") as fh:
            return fh.read()


def _osd_rotation(exe: str, image: Image.Image, timeout: float) -> int:
    """Clockwise rotation Tesseract's OSD proposes (0, 90, 180, 270); 0 when unsure."""
    with tempfile.TemporaryDirectory(prefix="vbpl-osd-") as tmp:
        src = os.path.join(tmp, "page.pgm")
        image.save(src, format="PPM")
        try:
            proc = subprocess.run([exe, src, "-", "--psm", "0", "-l", "osd"], capture_output=True,
                                  timeout=timeout, env=_env())
        except (subprocess.TimeoutExpired, OSError):
            return 0
    text = proc.stdout.decode("utf-8", "replace")
    rot = conf = 0.0
    for ln in text.splitlines():
        if ln.startswith("Rotate:"):
            rot = float(ln.split(":")[1])
        elif ln.startswith("Orientation confidence:"):
            conf = float(ln.split(":")[1])
    return int(rot) % 360 if conf >= 2.0 else 0


def parse_tsv(tsv: str, dpi: int) -> tuple[list[Line], list[float]]:
    """Words of Tesseract's TSV as lines in points, and the kept words' confidences.

    Tesseract sometimes reads the two columns of a letterhead as two blocks and sometimes as
    one line; its lines are merged into visual rows here so the layout code sees one line
    per row in both cases.
    """
    scale = 72.0 / dpi
    groups: dict[tuple[int, int, int, int], list[tuple[Word, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cols[11].strip())
        conf = float(cols[10])
        if not text or conf < MIN_WORD_CONF:
            continue
        if not any(c.isalnum() for c in text) and conf < 60:
            continue  # rules "—————" and specks
        left, top, width, height = (float(c) for c in cols[6:10])
        key = (int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4]))
        w = Word(text, left * scale, (left + width) * scale, top * scale, (top + height) * scale, 0.0, conf=conf)
        groups.setdefault(key, []).append((w, conf))
    tess_lines: list[list[Word]] = []
    confs: list[float] = []
    for items in groups.values():
        words = [w for w, _ in items]
        if _noise_line(words, mean(c for _, c in items)):
            continue
        tess_lines.append(words)
        confs.extend(c for _, c in items)
    # One size for the page: a word's box height depends on its letters ("ma" vs "Hiệp"),
    # so per-line estimates would fake font changes; the layout only needs an em scale.
    tess_lines = _drop_duplicates(tess_lines)
    heights = [w.bottom - w.top for ws in tess_lines for w in ws]
    size = max(4.0, median(heights)) if heights else 10.0
    for ws in tess_lines:
        for w in ws:
            w.size = size
    return _merge_rows(tess_lines), confs


_SYMBOL_LIKE = re.compile(r"\d\s*/|/\s*[A-ZĐ]|^S[ốóô]\b", re.IGNORECASE)


def _noise_line(words: list[Word], conf: float) -> bool:
    """Stamps, signatures and handwriting read as a few low-confidence marks ("q®œr").

    A low-confidence line that still looks like a number and symbol ("só:3/KH-DCT", a
    handwritten number before a printed symbol) is kept: it is the document's number.
    """
    text = " ".join(w.text for w in words)
    if not any(c.isalnum() for c in text):
        return True
    if _SYMBOL_LIKE.search(text):
        return False
    if len(words) <= 3 and conf < NOISE_LINE_CONF:
        return True
    return len(words) <= 2 and conf < 70 and score_text(text).syllables == 0 and not any(c.isdigit() for c in text)


def _overlap(a: Word, b: Word) -> float:
    """Share of ``a``'s box covered by ``b``'s."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    area = max(1e-6, (a.x1 - a.x0) * (a.bottom - a.top))
    return max(0.0, w) * max(0.0, h) / area


def _drop_duplicates(tess_lines: list[list[Word]]) -> list[list[Word]]:
    """Tesseract sometimes reads a word twice in two overlapping lines (a tilted phone
    photo, an underline): keep the more confident reading of an ink area.
    """
    indexed = [(k, w) for k, ws in enumerate(tess_lines) for w in ws]
    if not indexed:
        return tess_lines
    typical = median(w.bottom - w.top for _, w in indexed)

    def odd(w: Word) -> bool:  # phantom words are much taller or smaller than the text
        return not 0.4 * typical <= w.bottom - w.top <= 1.6 * typical

    indexed.sort(key=lambda kw: kw[1].x0)
    starts = [w.x0 for _, w in indexed]
    widest = max(w.x1 - w.x0 for _, w in indexed)
    drop: set[int] = set()
    for k, w in indexed:
        lo, hi = bisect_left(starts, w.x0 - widest), bisect_right(starts, w.x1)
        for k2, other in indexed[lo:hi]:
            if k2 == k or other is w or id(other) in drop or _overlap(w, other) < 0.5:
                continue
            if odd(w) or (not odd(other) and (other.conf or 0) > (w.conf or 0)):
                drop.add(id(w))
                break
    out = [[w for w in ws if id(w) not in drop] for ws in tess_lines]
    return [ws for ws in out if ws]


def _merge_rows(tess_lines: list[list[Word]]) -> list[Line]:
    """Merge Tesseract lines, cut at wide gaps, that sit side by side on one visual row.

    Cutting first matters when Tesseract's lines cross the letterhead's two columns at
    different heights (a tilted photo): each column's piece then joins its own row.
    """
    pieces: list[list[Word]] = []
    for words in tess_lines:
        words = sorted(words, key=lambda w: w.x0)
        piece = [words[0]]
        for w in words[1:]:
            if w.x0 - piece[-1].x1 > 1.5 * max(w.size, piece[-1].size):
                pieces.append(piece)
                piece = []
            piece.append(w)
        pieces.append(piece)
    typical = median(w.bottom - w.top for p in pieces for w in p) if pieces else 0.0
    pieces = [p for p in pieces if any(c.isalnum() for w in p for c in w.text)
              and not (len(p) == 1 and len(p[0].text) <= 2 and p[0].bottom - p[0].top < 0.5 * typical)]
    rows: list[list[Word]] = []
    for words in sorted(pieces, key=lambda ws: min(w.top for w in ws)):
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
        for row in rows:
            rt, rb = min(w.top for w in row), max(w.bottom for w in row)
            overlap = min(bottom, rb) - max(top, rt)
            if overlap > 0.5 * min(bottom - top, rb - rt) and all(
                    min(w.x1, x1) - max(w.x0, x0) <= 0.3 * min(w.x1 - w.x0, x1 - x0) for w in row):
                row.extend(words)
                break
        else:
            rows.append(list(words))
    lines = [make_line(r, 0) for r in rows]
    out = [ln for ln in lines if ln is not None]
    out.sort(key=lambda ln: ln.top)
    return out


def ocr_image(image: Image.Image, dpi: int, *, timeout: float | None = None, page: int = 1,
              try_rotation: bool = True, settings: OcrOptions | None = None) -> OcrPage:
    """OCR one page image (PIL, any mode); ``dpi`` is the image's resolution."""
    settings = settings or OcrOptions()
    exe = ensure_tesseract(settings.language)
    timeout = Limits().ocr_page_timeout if timeout is None else timeout
    img = image.convert("L") if image.mode not in ("L", "1") else image
    lines, confs = parse_tsv(_run_tesseract(exe, img, dpi, timeout, settings), dpi)
    result = OcrPage(lines, img.width * 72 / dpi, img.height * 72 / dpi, confs)
    poor = len(confs) < 15 or (result.mean_confidence or 0) < 60
    if try_rotation and poor and img.width * img.height > 0:
        rot = _osd_rotation(exe, img, timeout)
        if rot:
            turned = img.rotate(-rot, expand=True)
            lines2, confs2 = parse_tsv(_run_tesseract(exe, turned, dpi, timeout, settings), dpi)
            alt = OcrPage(lines2, turned.width * 72 / dpi, turned.height * 72 / dpi, confs2, rotated=rot)
            if len(confs2) * (alt.mean_confidence or 0) > len(confs) * (result.mean_confidence or 0):
                result = alt
    for ln in result.lines:
        ln.page = page
    result.dpi = dpi
    return result


def ocr_many(jobs: Iterable[tuple[int, Callable[[], tuple[Image.Image, int]]]], run: Run) -> dict[int, OcrPage]:
    """OCR pages in parallel. Each job is (page number, render) where ``render()`` returns
    (PIL image, dpi); renders run in the calling thread (pdfium is not thread-safe), at most
    two pages per worker wait in memory.
    """
    settings = run.options.ocr
    ensure_tesseract(settings.language)
    timeout = run.budget.tool_timeout(run.limits.ocr_page_timeout)
    workers = settings.worker_count()
    results: dict[int, OcrPage] = {}
    pending: dict[Future[OcrPage], int] = {}

    def collect(done: Iterable[Future[OcrPage]]) -> None:
        for fut in done:
            page = pending.pop(fut)
            try:
                results[page] = fut.result()
            except ParseTimeout as exc:
                results[page] = OcrPage([], 0, 0, error=f"timeout: {exc.detail}")
            except RuntimeError as exc:
                results[page] = OcrPage([], 0, 0, error=str(exc))

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vbpl-ocr") as pool:
        for page, render in jobs:
            run.check_time()
            image, dpi = render()
            pending[pool.submit(ocr_image, image, dpi, timeout=timeout, page=page, settings=settings)] = page
            del image
            if len(pending) >= 2 * workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            collect(done)
    return results


def raise_if_all_failed(results: dict[int, OcrPage], name: str | None) -> None:
    """Every page failed: say why with a typed error instead of an empty document."""
    if not results or any(r.error is None for r in results.values()):
        return
    errors = [r.error or "" for r in results.values()]
    if all(e.startswith("timeout") for e in errors):
        raise ParseTimeout(f"OCR timed out on every page ({len(errors)})", path=name,
                           hint=hint("ocr_page_timeout"))
    raise CorruptDocument(f"Tesseract could not read the page images ({errors[0]})", path=name)


def ocr_info(results: dict[int, OcrPage], settings: OcrOptions) -> OcrInfo:
    confs = [c for r in results.values() for c in r.confidences]
    dpis = [r.dpi for r in results.values() if r.dpi]
    dpi = max(set(dpis), key=dpis.count) if dpis else settings.render_dpi
    return OcrInfo(engine=f"tesseract {tesseract_version()}".strip(), language=settings.language, dpi=dpi,
                   pages=sorted(p for p, r in results.items() if r.error is None),
                   mean_confidence=round(mean(confs), 1) if confs else None)


def tesseract_version() -> str:
    exe = shutil.which(TESSERACT_CMD)
    if not exe:
        return ""
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    first = (out.stdout or out.stderr).splitlines()
    return first[0].split()[-1] if first else ""


# ----------------------------------------------------------------------------- images

def _open_image(data: bytes, name: str | None, lim: Limits) -> tuple[Image.Image, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise CorruptDocument("the image cannot be decoded", path=name) from None
    except Image.DecompressionBombError:
        raise DocumentTooLarge("the image has too many pixels", path=name, hint=hint("image_max_pixels")) from None
    except (OSError, ValueError, EOFError, struct.error) as exc:  # a damaged header ("Unsupported BMP header")
        raise CorruptDocument(f"the image cannot be decoded ({exc})", path=name,
                              hint="the file is damaged; export the image again") from None
    w, h = img.size
    if w * h > lim.image_max_pixels:
        raise DocumentTooLarge(f"the image has {w}x{h} pixels (limit {lim.image_max_pixels:,})", path=name,
                               hint=hint("image_max_pixels"))
    try:
        frames = getattr(img, "n_frames", 1)  # counting TIFF pages walks their headers
    except (OSError, ValueError, EOFError, struct.error) as exc:
        raise CorruptDocument(f"the image's pages cannot be counted ({exc})", path=name) from None
    if frames > lim.image_max_frames:
        raise DocumentTooLarge(f"the image has {frames} frames (limit {lim.image_max_frames})", path=name,
                               hint=hint("image_max_frames"))
    return img, frames


def _declared_dpi(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    try:
        d = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        d = 0.0
    return d if 30 <= d <= 2400 else None


def _upscale_factor(img: Image.Image, default_dpi: int) -> tuple[int, int]:
    """(factor, resulting dpi). Tesseract wants ~300 dpi text; faxes (~100 dpi) and
    screenshots (72-96 dpi) are enlarged, scans that declare >= 150 dpi are used as they are.
    """
    declared = _declared_dpi(img)
    if declared is not None and declared >= 150:
        return 1, int(round(declared))
    estimate = declared
    if estimate is None:
        w, h = img.size
        ratio = max(w, h) / max(1, min(w, h))
        if 1.3 <= ratio <= 1.5:  # a whole A4 page: its width is 8.27 in
            estimate = min(w, h) / 8.27
    if estimate is None or estimate >= 150:
        return 1, int(round(estimate)) if estimate else default_dpi
    factor = min(3, max(2, round(300 / estimate)))
    return factor, int(round(estimate * factor))


def _frame_job(data: bytes, name: str | None, index: int, run: Run) -> Callable[[], tuple[Image.Image, int]]:
    def render() -> tuple[Image.Image, int]:
        from PIL import Image, ImageOps

        img, _ = _open_image(data, name, run.limits)
        try:
            img.seek(index)
            frame = ImageOps.exif_transpose(img).convert("L")
        except (OSError, EOFError):
            raise CorruptDocument(f"image frame {index + 1} is truncated or damaged", path=name) from None
        factor, dpi = _upscale_factor(img, run.options.ocr.render_dpi)
        if factor > 1:
            frame = frame.resize((frame.width * factor, frame.height * factor), Image.Resampling.LANCZOS)
        return frame, dpi

    return render


def read_image(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for image files (.png, .jpg, .tif, multi-page TIFF): OCR."""
    from .furniture import split_furniture
    from .paragraphs import PageContent, assemble

    img, frames = _open_image(data, name, run.limits)
    img.close()
    results = ocr_many(((i + 1, _frame_job(data, name, i, run)) for i in range(frames)), run)
    raise_if_all_failed(results, name)
    contents = []
    warnings = []
    for page in sorted(results):
        r = results[page]
        if r.error:
            warnings.append(f"page {page}: OCR failed ({r.error})")
        if r.rotated:
            warnings.append(f"page {page}: image turned {r.rotated}° clockwise before OCR "
                            "(Tesseract's orientation check)")
        contents.append(PageContent(page, r.width or 595.0, r.height or 842.0, r.lines))
    contents, furniture = split_furniture(contents)
    return RawDocument(assemble(contents), format="image", reader="tesseract", pages=frames,
                       ocr=ocr_info(results, run.options.ocr), warnings=warnings, furniture=furniture)
