"""OCR with Tesseract: image files, Tesseract's TSV turned into lines, and the guard rails.

The default run OCRs one small image (four lines of a scanned letter, checked against the
hand transcription in tests/fixtures/ocr_truth); page-sized OCR is marked slow. The guard
rails (missing program, timeout, temporary folders, pixel limits, damaged images) are
tested with stand-ins so they need no Tesseract at all.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import stat
import sys
import tempfile
import unicodedata

import pytest

from vbpl_parser.errors import CorruptDocument, DocumentTooLarge, ParseTimeout, ToolMissing
from vbpl_parser.read import read_bytes
from vbpl_parser.read.document import Paragraph
from vbpl_parser.read.pdf import ocr

from .conftest import FIXTURES

PDF = FIXTURES / "pdf"
TRUTH = FIXTURES / "ocr_truth"
CROP = PDF / "vpcp-cv-2450-crop-200dpi.png"  # first four body lines of the VPCP letter, 200 dpi
SCAN = PDF / "vpcp-cv-2450-kgvx-scan.pdf"

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _cer(hyp: str, ref: str) -> float:
    hyp, ref = _norm(hyp), _norm(ref)
    prev = list(range(len(ref) + 1))
    for i, a in enumerate(hyp, 1):
        cur = [i]
        for j, b in enumerate(ref, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b)))
        prev = cur
    return prev[-1] / max(1, len(ref))


def _truth(name: str) -> dict:
    return json.loads((TRUTH / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- real OCR

@needs_tesseract
def test_image_file_read_by_ocr():
    raw = read_bytes(CROP.read_bytes(), CROP.name)
    assert raw.format == "image" and raw.reader == "tesseract" and raw.pages == 1
    assert raw.ocr.language == "vie" and raw.ocr.dpi == 200 and raw.ocr.pages == [1]
    assert raw.ocr.mean_confidence > 85 and raw.ocr.engine.startswith("tesseract")
    paragraphs = [b.text for b in raw.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 1  # four printed lines, one paragraph
    ref = " ".join(_truth("vpcp-cv-2450-p1.json")["lines"][:4])
    assert _cer(paragraphs[0], ref) < 0.03
    assert "Thủ tướng Chính phủ Phạm Minh Chính có ý kiến như sau:" in paragraphs[0]


@pytest.mark.slow
@needs_tesseract
def test_cer_on_the_transcribed_scan_region():
    """The reader's OCR path on a hand-transcribed region (see bench/ocr_cer.py)."""
    import pypdfium2 as pdfium

    from vbpl_parser.read.pdf.reader import native_dpi

    t = _truth("vpcp-cv-2450-p1.json")
    pdf = pdfium.PdfDocument(SCAN.read_bytes())
    page = pdf[t["page"] - 1]
    dpi = native_dpi(page)
    scale = dpi / 72
    x0, top, x1, bottom = t["crop_pt"]
    image = page.render(scale=scale, grayscale=True).to_pil().crop(
        (int(x0 * scale), int(top * scale), int(x1 * scale), int(bottom * scale)))
    pdf.close()
    res = ocr.ocr_image(image, dpi)
    assert dpi == 200
    assert _cer(" ".join(ln.text for ln in res.lines), " ".join(t["lines"])) < 0.015


@pytest.mark.slow
@needs_tesseract
def test_sideways_scan_is_turned_before_reading():
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SCAN.read_bytes())
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil().rotate(90, expand=True)
    pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(200, 200))
    raw = read_bytes(buf.getvalue(), "sideways.png")
    assert any("turned 90° clockwise" in w for w in raw.warnings)  # PIL turned it counter-clockwise
    texts = [b.text for b in raw.blocks]
    assert texts[:2] == ["VĂN PHÒNG CHÍNH PHỦ", "Số: 2450/VPCP-KGVX"]


@pytest.mark.slow
@needs_tesseract
def test_multipage_tiff_pages_in_parallel():
    from PIL import Image

    frame = Image.open(CROP)
    buf = io.BytesIO()
    frame.save(buf, format="TIFF", save_all=True, append_images=[frame.copy()], dpi=(200, 200))
    raw = read_bytes(buf.getvalue(), "two.tif")
    assert raw.pages == 2 and raw.ocr.pages == [1, 2]
    assert [b.page for b in raw.blocks] == [1, 2]


# --------------------------------------------------------------------------- TSV to lines

def _tsv(rows):
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    return "\n".join([head] + ["\t".join(map(str, r)) for r in rows])


def test_tsv_letterhead_columns_become_one_row_with_two_segments():
    # Tesseract put the issuer and the motto in different blocks on the same baseline
    rows = [
        (5, 1, 1, 1, 1, 1, 300, 250, 120, 50, 95, "VĂN"), (5, 1, 1, 1, 1, 2, 440, 250, 190, 50, 96, "PHÒNG"),
        (5, 1, 2, 1, 1, 1, 1100, 252, 160, 52, 91, "CỘNG"), (5, 1, 2, 1, 1, 2, 1280, 252, 120, 50, 93, "HOÀ"),
        (5, 1, 1, 1, 2, 1, 300, 330, 130, 50, 94, "Số:"), (5, 1, 1, 1, 2, 2, 450, 330, 300, 50, 95, "2450/VPCP"),
        (5, 1, 3, 1, 1, 1, 2200, 60, 110, 50, 41, "qœr"),  # handwriting in the margin
        (5, 1, 4, 1, 1, 1, 600, 400, 200, 10, 97, "—————"),  # a rule
    ]
    lines, confs = ocr.parse_tsv(_tsv(rows), 300)
    texts = [ln.text for ln in lines]
    assert texts == ["VĂN PHÒNG CỘNG HOÀ", "Số: 2450/VPCP"]
    first = lines[0]
    assert [[w.text for w in seg] for seg in first.segments] == [["VĂN", "PHÒNG"], ["CỘNG", "HOÀ"]]
    assert first.x0 == pytest.approx(300 * 72 / 300) and len(confs) == 6
    assert all(w.conf is not None and w.size > 0 for ln in lines for w in ln.words)


# --------------------------------------------------------------------------- guard rails

def _fake_tesseract(tmp_path, body: str) -> str:
    """A stand-in 'tesseract' program (a Python script) that knows the 'vie' language."""
    script = tmp_path / "fake-tesseract"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, time\n"
        "if '--list-langs' in sys.argv:\n"
        "    print('List of available languages (2):'); print('eng'); print('vie'); sys.exit(0)\n"
        "if '--version' in sys.argv:\n"
        "    print('tesseract 0.0-fake'); sys.exit(0)\n"
        + body
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Point tempfile at an empty folder, so leftovers of OCR runs can be seen."""
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    ocr._langs_cache.clear()
    yield work
    ocr._langs_cache.clear()


def test_timeout_raises_and_cleans_the_temporary_folder(tmp_path, private_tmp, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(ocr, "TESSERACT_CMD", _fake_tesseract(tmp_path, "time.sleep(30)\n"))
    with pytest.raises(ParseTimeout):
        ocr.ocr_image(Image.new("L", (200, 100), 255), 300, timeout=0.5, try_rotation=False)
    assert os.listdir(private_tmp) == []


def test_failed_run_is_a_typed_error_and_cleans_the_temporary_folder(tmp_path, private_tmp, monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT_CMD", _fake_tesseract(tmp_path, "sys.stderr.write('Error: boom\\n'); sys.exit(1)\n"))
    with pytest.raises(CorruptDocument, match="boom"):
        read_bytes(CROP.read_bytes(), CROP.name)
    assert os.listdir(private_tmp) == []


def test_timeout_on_every_page_is_a_timeout(tmp_path, private_tmp, monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT_CMD", _fake_tesseract(tmp_path, "time.sleep(30)\n"))
    monkeypatch.setenv("VBPL_OCR_PAGE_TIMEOUT", "0.5")
    with pytest.raises(ParseTimeout):
        read_bytes(CROP.read_bytes(), CROP.name)
    assert os.listdir(private_tmp) == []


def test_missing_tesseract_names_the_debian_packages(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT_CMD", "no-such-tesseract-binary")
    with pytest.raises(ToolMissing) as exc:
        read_bytes(CROP.read_bytes(), CROP.name)
    assert "tesseract-ocr tesseract-ocr-vie" in str(exc.value)


def test_missing_language_data_is_tool_missing(tmp_path, private_tmp, monkeypatch):
    script = tmp_path / "eng-only"
    script.write_text(f"#!{sys.executable}\nprint('List of available languages (1):'); print('eng')\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(ocr, "TESSERACT_CMD", str(script))
    with pytest.raises(ToolMissing, match="'vie'"):
        ocr.ensure_tesseract()


def test_pixel_limit_checked_before_decoding(monkeypatch):
    monkeypatch.setenv("VBPL_IMAGE_MAX_PIXELS", "100000")
    monkeypatch.setattr(ocr, "ocr_many", lambda *a, **k: pytest.fail("decoded despite the limit"))
    with pytest.raises(DocumentTooLarge, match="pixels"):
        read_bytes(CROP.read_bytes(), CROP.name)


def test_damaged_image_is_corrupt():
    data = CROP.read_bytes()
    with pytest.raises(CorruptDocument):
        read_bytes(data[:40] + b"\0" * 200, "broken.png")


def test_small_images_are_enlarged_and_scans_kept():
    from PIL import Image

    assert ocr._upscale_factor(Image.open(CROP), 300) == (1, 200)  # declares 200 dpi
    fax = Image.new("L", (850, 1100))
    fax.info["dpi"] = (100, 100)
    assert ocr._upscale_factor(fax, 300) == (3, 300)
    screenshot = Image.new("L", (827, 1169))  # an A4 page at 100 dpi, no dpi recorded
    assert ocr._upscale_factor(screenshot, 300) == (3, 300)
    assert ocr._upscale_factor(Image.new("L", (2480, 3508)), 300) == (1, 300)


def test_pool_bounded_by_cpu_count(monkeypatch):
    from vbpl_parser.options import OcrOptions

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert OcrOptions().worker_count() == 2
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert OcrOptions().worker_count() == 4
    assert OcrOptions(workers=1).worker_count() == 1  # a batch worker's share of the cores
