"""Reader for PDF files: the text layer where it is usable, OCR where it is not.

Per page, in this order:

1. the page is *scanned* when an image covers most of it and the text layer holds almost
   nothing (a digital-signature stamp at most) — OCR ("ocr:no-text-layer");
2. otherwise the text layer is read with pdfium (:mod:`.pdf_glyphs`), ruled tables are cut
   out with pdfplumber (:mod:`.pdf_tables`), and the layer is judged
   (:mod:`.pdf_textcheck`): garbage ("?? N??", a diacritic-less OCR layer, a broken font
   map) is replaced by OCR when OCR reads the page better ("ocr:garbage-text-layer").

Then page numbers and running headers/footers are set aside (:mod:`.pdf_furniture`), and
lines become paragraphs in reading order, letterhead columns left first
(:mod:`.pdf_paragraphs`, :mod:`.pdf_columns`).

The limits of :mod:`vbpl_parser.limits` (``pdf_*``, ``ocr_*``) are checked before anything is
rendered.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ...errors import CorruptDocument, DocumentTooLarge, EncryptedDocument, ToolMissing
from ...limits import Limits, hint
from ...options import OcrOptions, Run
from ..document import RawDocument
from . import ocr
from .footnotes import footnote_paragraphs, horizontal_rules, split_footnotes
from .furniture import split_furniture
from .glyphs import PageGlyphs, extract_glyphs, lines_from_glyphs
from .paragraphs import PageContent, assemble
from .tables import extract_tables, page_may_have_table
from .textcheck import judge_layer, quality

if TYPE_CHECKING:  # Pillow and pdfplumber are imported only when a page needs them
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.pdf import PDF as PlumberPDF
    from PIL import Image

log = logging.getLogger(__name__)

SCANNED_MAX_CHARS = 200  # a page with a big image and fewer characters than this is a scan
SCANNED_MIN_IMAGE_COVER = 0.5
EMPTY_MAX_CHARS = 25  # fewer characters than this and an image: nothing to keep but OCR


def _open(data: bytes, name: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument("the PDF is password-protected", path=name,
                                    hint="open it with the password and save an unprotected copy") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedDocument("the PDF uses an unsupported security handler", path=name) from None
        raise CorruptDocument(f"the PDF cannot be opened ({exc})", path=name,
                              hint="the file is truncated or not really a PDF; download it again") from None


def _image_cover(page: pdfium.PdfPage, width: float, height: float) -> float:
    """Share of the page area covered by images (overlaps counted once per image)."""
    left, bottom, right, top = page.get_mediabox()
    area = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        try:
            x0, b, x1, t = obj.get_bounds()
        except Exception:  # pragma: no cover - malformed object
            continue
        w = max(0.0, min(x1, right) - max(x0, left))
        h = max(0.0, min(t, top) - max(b, bottom))
        area += w * h
    return min(1.0, area / max(1.0, width * height))


def native_dpi(page: pdfium.PdfPage, settings: OcrOptions | None = None) -> int | None:
    """Resolution of the scan filling the page (largest image), so OCR sees its own pixels.

    Measured on the hand-transcribed regions (bench/ocr_cer.py): rendering at the scan's
    own resolution gave CER 0.66 %, a fixed 300 dpi 0.93 % (resampling a 240 dpi scan to
    300 dpi broke italic symbols), 400 dpi 1.19 %, for 20-60 % more Tesseract time.
    """
    width, height = page.get_size()
    best: tuple[float, float] | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        try:
            x0, b, x1, t = obj.get_bounds()
            pw, ph = obj.get_px_size()
        except Exception:  # pragma: no cover - unreadable image object
            continue
        w_in, h_in = (x1 - x0) / 72, (t - b) / 72
        if w_in <= 0 or h_in <= 0:
            continue
        area = (x1 - x0) * (t - b)
        dpi = min(pw, ph) / min(w_in, h_in)  # the image may be placed turned by 90°
        if best is None or area > best[0]:
            best = (area, dpi)
    if best is None or best[0] < 0.3 * width * height:
        return None
    settings = settings or OcrOptions()
    return int(round(min(settings.max_dpi, max(settings.min_dpi, best[1]))))


OUTLINED_MIN_PATHS = 300  # a page of text printed "as curves" draws hundreds of glyph outlines


def _drawn_text(page: pdfium.PdfPage) -> bool:
    """True when a page without characters draws many paths: text converted to outlines."""
    count = 0
    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        count += 1
        if count >= OUTLINED_MIN_PATHS:
            return True
    return False


def _check_limits(pdf: pdfium.PdfDocument, name: str | None, lim: Limits) -> int:
    n = len(pdf)
    if n > lim.pdf_max_pages:
        raise DocumentTooLarge(f"the PDF has {n} pages (limit {lim.pdf_max_pages})", path=name,
                               hint=hint("pdf_max_pages"))
    for i in range(n):
        try:
            w, h = pdf.get_page_size(i)
        except pdfium.PdfiumError:
            continue  # a damaged page: reported when it fails to load
        if max(w, h) > lim.pdf_max_page_side_pt:
            raise DocumentTooLarge(f"page {i + 1} is {w:.0f}x{h:.0f} pt "
                                   f"(limit {lim.pdf_max_page_side_pt:.0f} pt a side)",
                                   path=name, hint=hint("pdf_max_page_side_pt"))
    return n


class _PageReading:
    """What the text layer of one page gave, and whether it must be OCR'd."""

    __slots__ = ("content", "need_ocr", "reason", "layer_text", "size", "dpi")

    def __init__(self, content: PageContent, need_ocr: bool, reason: str, layer_text: str,
                 size: tuple[float, float], dpi: int | None = None) -> None:
        self.content = content
        self.need_ocr = need_ocr
        self.reason = reason
        self.layer_text = layer_text
        self.size = size
        self.dpi = dpi


def _read_text_page(pdf: pdfium.PdfDocument, index: int, plumber: Callable[[int], PlumberPage | None],
                    settings: OcrOptions) -> _PageReading:
    page = pdf[index]
    try:
        width, height = page.get_size()
        pg: PageGlyphs = extract_glyphs(page)
        solid = sum(1 for g in pg.glyphs if not g.is_space)
        cover = _image_cover(page, width, height) if solid < SCANNED_MAX_CHARS else 0.0
        content = PageContent(index + 1, width, height, [])
        if ((solid < SCANNED_MAX_CHARS and cover >= SCANNED_MIN_IMAGE_COVER)
                or (solid < EMPTY_MAX_CHARS and (cover > 0.1 or _drawn_text(page)))):
            return _PageReading(content, True, "no-text-layer", "", (width, height), native_dpi(page, settings))
        glyphs = pg.glyphs
        if page.get_rotation() == 0 and page_may_have_table(page):
            plumber_page = plumber(index)
            if plumber_page is not None:
                tables, glyphs = extract_tables(plumber_page, glyphs, index + 1)
                content.tables = tables
        content.lines = sorted(lines_from_glyphs(glyphs, index + 1), key=lambda ln: ln.top)
        text = "\n".join(ln.text for ln in content.lines)
        content.lines, content.footnotes = split_footnotes(content.lines, horizontal_rules(page), height)
        verdict = judge_layer(text, pg.map_errors)
        if not verdict.usable:
            return _PageReading(content, True, verdict.reason, text, (width, height), native_dpi(page, settings))
        return _PageReading(content, False, "", text, (width, height))
    finally:
        page.close()


def _render_job(pdf: pdfium.PdfDocument, index: int, dpi: int) -> Callable[[], tuple[Image.Image, int]]:
    def render() -> tuple[Image.Image, int]:
        page = pdf[index]
        try:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().copy()
            bitmap.close()
        finally:
            page.close()
        return image, dpi

    return render


def _ranges(pages: list[int]) -> str:
    out: list[str] = []
    for p in sorted(pages):
        if out and out[-1].split("-")[-1] == str(p - 1):
            out[-1] = out[-1].split("-")[0] + f"-{p}"
        else:
            out.append(str(p))
    return ", ".join(out)


def read_pdf(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for PDF bytes."""
    pdf = _open(data, name)
    plumber_doc: PlumberPDF | None = None

    def plumber(index: int) -> PlumberPage | None:
        nonlocal plumber_doc
        try:
            if plumber_doc is None:
                import pdfplumber

                plumber_doc = pdfplumber.open(io.BytesIO(data))
            return plumber_doc.pages[index]
        except Exception as exc:  # tables are a bonus; the text must still read
            log.debug("pdfplumber cannot open %s: %s", name, exc)
            return None

    try:
        n = _check_limits(pdf, name, run.limits)
        readings: list[_PageReading] = []
        warnings: list[str] = []
        failed: list[int] = []
        for i in range(n):
            run.check_time()
            try:
                readings.append(_read_text_page(pdf, i, plumber, run.options.ocr))
            except Exception as exc:  # one damaged page must not cost the others
                log.debug("page %d of %s unreadable: %r", i + 1, name, exc)
                failed.append(i + 1)
                readings.append(_PageReading(PageContent(i + 1, 595.0, 842.0, []), False, "", "", (595.0, 842.0)))
        if failed and len(failed) == n:
            raise CorruptDocument("no page of the PDF can be loaded", path=name,
                                  hint="the file is truncated or damaged")
        if failed:
            warnings.append(f"pages {_ranges(failed)} could not be loaded (damaged file)")
        raw = RawDocument([], format="pdf", reader="pdfium", pages=n, warnings=warnings)
        _ocr_pages(pdf, readings, raw, name, run)
    finally:
        if plumber_doc is not None:
            try:
                plumber_doc.close()
            except Exception:  # pdfplumber loads remaining pages on close; damaged ones raise
                pass
        pdf.close()
    contents, furniture = split_furniture([r.content for r in readings])
    raw.blocks = assemble(contents)
    raw.blocks.extend(footnote_paragraphs([ln for c in contents for ln in c.footnotes]))
    raw.furniture = furniture
    if any(r.content.tables for r in readings):
        raw.reader = "pdfium+pdfplumber"
    return raw


def _ocr_pages(pdf: pdfium.PdfDocument, readings: list[_PageReading], raw: RawDocument, name: str | None,
               run: Run) -> None:
    """OCR the pages that need it and put the result in their place."""
    todo = [i for i, r in enumerate(readings) if r.need_ocr]
    if not todo:
        return
    lim = run.limits
    settings = run.options.ocr
    if len(todo) > lim.ocr_max_pages:
        raise DocumentTooLarge(f"{len(todo)} pages need OCR (limit {lim.ocr_max_pages})", path=name,
                               hint=hint("ocr_max_pages"))
    for i in todo:
        w, h = readings[i].size
        dpi = readings[i].dpi = readings[i].dpi or settings.render_dpi
        if w * h * (dpi / 72) ** 2 > lim.ocr_max_render_pixels:
            raise DocumentTooLarge(f"page {i + 1} would render to {w * h * (dpi / 72) ** 2:,.0f} pixels for OCR",
                                   path=name, hint=hint("ocr_max_render_pixels"))
    try:
        ocr.ensure_tesseract(settings.language)
    except ToolMissing as exc:
        usable = [r for r in readings if not r.need_ocr and (r.content.lines or r.content.tables)]
        if not usable:
            raise ToolMissing(exc.detail, path=name, hint=exc.hint) from None
        raw.warnings.append(f"pages {_ranges([i + 1 for i in todo])} need OCR but Tesseract is missing "
                            f"({exc.hint}); their text is left out")
        for i in todo:
            readings[i].content.lines = []
            readings[i].content.tables = []
            readings[i].content.footnotes = []
        return
    results = ocr.ocr_many(((i + 1, _render_job(pdf, i, readings[i].dpi or settings.render_dpi)) for i in todo), run)
    if not any(not r.need_ocr and (r.content.lines or r.content.tables) for r in readings):
        ocr.raise_if_all_failed(results, name)
    used: dict[str, list[int]] = {}
    kept_layer: list[int] = []
    for i in todo:
        r = readings[i]
        res = results.get(i + 1)
        if res is None or res.error:
            raw.warnings.append(f"page {i + 1}: OCR failed ({res.error if res else 'no result'})")
            if r.reason != "no-text-layer":
                kept_layer.append(i + 1)  # a poor layer beats nothing
            continue
        if r.reason != "no-text-layer" and quality(res.text) <= quality(r.layer_text):
            kept_layer.append(i + 1)
            continue
        r.content.lines = sorted(res.lines, key=lambda ln: ln.top)
        r.content.tables = []
        r.content.footnotes = []
        r.content.width, r.content.height = res.width, res.height  # turned pages swap sides
        used.setdefault(r.reason, []).append(i + 1)
        if res.rotated:
            raw.warnings.append(f"page {i + 1}: scanned sideways, OCR'd after turning it {res.rotated}° clockwise")
    for reason, pages in used.items():
        raw.fallbacks.append(f"ocr:{reason}")
        raw.warnings.append(f"pages {_ranges(pages)} read by OCR ({reason.replace('-', ' ')})")
    if kept_layer:
        raw.warnings.append(f"pages {_ranges(kept_layer)}: the text layer looks wrong but OCR did not read "
                            "them better; the text layer was kept")
    ocr_results = {p: res for p, res in results.items() if res.error is None and any(p in v for v in used.values())}
    if ocr_results:
        raw.ocr = ocr.ocr_info(ocr_results, settings)
        raw.reader = "pdfium+tesseract"

