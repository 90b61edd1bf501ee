"""Stage 2 — clean: reader blocks in, one cleaned text with line and table offsets out.

Order matters and is deliberate:

1. assemble blocks into lines (Word list labels prepended; table rows kept with their cells);
2. legacy TCVN3/VNI conversion, before anything touches the 0x80–0xFF characters it relies on;
3. character normalization (NFC, spaces, invisible and control characters);
4. repair of syllables split by stray spaces;
5. reflow of hard-wrapped lines;
6. split of headings glued to the previous paragraph.

Everything later indexes into :attr:`CleanDoc.text`, so this is the last stage allowed to
change characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..lexicon.header_lines import FLAT_APPENDIX_TITLE, is_caps
from ..read.document import Paragraph, RawDocument, StyleHints, Table
from .chars import normalize_chars
from .glued import split_glued_headings
from .header_layout import split_flattened_header
from .legacy import convert_legacy_lines
from .ocr_header import repair_ocr_header
from .reflow import reflow
from .spacing import repair_split_words

CELL_SEPARATOR = " | "


@dataclass(slots=True)
class Line:
    """One line of the cleaned text: a paragraph (or part of one) or a table row."""

    text: str
    block: int
    page: int | None = None
    style: StyleHints | None = None
    auto_label: str | None = None
    table: int | None = None  # 0-based index into CleanDoc.tables for a table row
    row: int | None = None
    cells: list[str] | None = None
    zone: str = "body"
    gap_before: bool = False  # an empty paragraph/blank line preceded it in the source
    start: int = 0  # offset in CleanDoc.text, set when the text is built
    capitals: tuple[tuple[int, int], ...] = ()  # ranges a legacy capitals font prints upper-case

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def cell_spans(self) -> list[tuple[int, int]]:
        """Absolute (start, end) of each cell of a table-row line."""
        spans = []
        pos = self.start
        for cell in self.cells or []:
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + len(CELL_SEPARATOR)
        return spans


@dataclass(slots=True)
class CleanTable:
    index: int  # 0-based
    lines: list[int] = field(default_factory=list)  # indexes into CleanDoc.lines


@dataclass(slots=True)
class CleanDoc:
    text: str
    lines: list[Line]
    tables: list[CleanTable]
    encodings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def assemble(raw: RawDocument) -> list[Line]:
    """Flatten reader blocks into raw (not yet cleaned) lines."""
    lines: list[Line] = []
    table_no = 0
    for bi, block in enumerate(raw.blocks):
        if isinstance(block, Paragraph):
            text = block.text
            shift = 0
            if block.list_label:
                text = f"{block.list_label} {text}"
                shift = len(block.list_label) + 1
            pos = 0
            for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                caps = _ranges_in(block.capitals, shift - pos, len(part)) if block.capitals else ()
                lines.append(Line(part, bi, block.page, block.style, block.list_label, zone=block.zone,
                                  capitals=caps))
                pos += len(part) + 1
        elif isinstance(block, Table):
            for ri, row in enumerate(block.rows):
                cells = [c.text.replace("\r", "\n").replace("\n", " ") for c in row]
                lines.append(Line("", bi, block.page, None, None, table_no, ri, cells, zone=block.zone))
            table_no += 1
    return lines


def clean(raw: RawDocument, *, split_prone: bool = False) -> CleanDoc:
    """Run the cleaning steps over a reader's output and build the final text."""
    lines = assemble(raw)
    # 2. legacy encodings: paragraphs and cells together, so detection sees the whole doc
    flat: list[str] = []
    for ln in lines:
        flat.extend(ln.cells if ln.cells is not None else [ln.text])
    converted, encodings = convert_legacy_lines(flat)
    flat = _print_capitals(lines, flat, converted) if any(ln.capitals for ln in lines) else converted
    # 3. characters
    flat = [normalize_chars(t) for t in flat]
    if raw.ocr is not None and raw.ocr.pages:
        # 3b. marks Tesseract misread in the letterhead and signature ("HỘI ĐÒNG NHÂN DÂN")
        pages = [ln.page for ln in lines for _ in (ln.cells if ln.cells is not None else [None])]
        flat = repair_ocr_header(flat, pages, set(raw.ocr.pages))
    # 4. split syllables (document-wide evidence)
    flat, joins = repair_split_words(flat, split_prone=split_prone)
    it = iter(flat)
    for ln in lines:
        if ln.cells is not None:
            ln.cells = [next(it) for _ in ln.cells]
            ln.text = CELL_SEPARATOR.join(ln.cells)
        else:
            ln.text = next(it)
    kept: list[Line] = []
    gap = False
    for ln in lines:
        if ln.text.strip(" |"):
            ln.gap_before = gap
            kept.append(ln)
            gap = False
        else:
            gap = True
    lines = kept
    # 5. hard wraps (never across table rows or list-labelled Word paragraphs)
    joinable = [ln.cells is None and ln.auto_label is None for ln in lines]
    texts, origin = reflow([ln.text for ln in lines], joinable)
    lines = _rebuild(lines, texts, origin)
    # 6. flattened letterhead lines, then glued headings (paragraph lines only)
    lines = _split_header(lines)
    lines = _split_appendix_titles(lines)
    out, splits = _split_glued(lines)
    # offsets
    pos = 0
    tables: dict[int, CleanTable] = {}
    for i, ln in enumerate(out):
        ln.start = pos
        pos += len(ln.text) + 1
        if ln.table is not None:
            tables.setdefault(ln.table, CleanTable(ln.table)).lines.append(i)
    text = "\n".join(ln.text for ln in out)
    notes = []
    if joins:
        notes.append(f"repaired {joins} words split by stray spaces")
    if splits:
        notes.append(f"split {splits} headings glued to the previous paragraph")
    ordered = [tables[k] for k in sorted(tables)]
    for new_index, t in enumerate(ordered):
        t.index = new_index
        for li in t.lines:
            out[li].table = new_index
    return CleanDoc(text, out, ordered, encodings, notes)


def _ranges_in(ranges: tuple[tuple[int, int], ...], shift: int, length: int) -> tuple[tuple[int, int], ...]:
    """``ranges`` moved by ``shift`` and cut to ``[0, length)`` (one line of a paragraph)."""
    out = []
    for a, b in ranges:
        a, b = max(a + shift, 0), min(b + shift, length)
        if a < b:
            out.append((a, b))
    return tuple(out)


def _print_capitals(lines: list[Line], before: list[str], after: list[str]) -> list[str]:
    """Upper-case what a legacy capitals font printed, now that its bytes are decoded.

    ``before``/``after`` are the texts around the legacy conversion, paragraphs and cells
    in the order :func:`clean` flattened them. TCVN3 decodes byte for byte, so the reader's
    ranges still fit; a line whose length changed is left as it is.
    """
    out = list(after)
    k = 0
    for ln in lines:
        if ln.cells is not None:
            k += len(ln.cells)
            continue
        if ln.capitals and len(before[k]) == len(after[k]):
            chars = list(after[k])
            for a, b in ln.capitals:
                for i in range(a, b):
                    up = chars[i].upper()
                    if len(up) == 1:
                        chars[i] = up
            out[k] = "".join(chars)
        k += 1
    return out


def _rebuild(lines: list[Line], texts: list[str], origin: list[int]) -> list[Line]:
    """Lines for ``texts`` (each from ``lines[origin[k]]``): an unchanged line is kept as it
    is, a changed or split one is copied, so that no two output lines share an object (the
    offsets are set on them later). Copying every line cost a tenth of the cleaning time."""
    out: list[Line] = []
    used: set[int] = set()
    for t, o in zip(texts, origin):
        src = lines[o]
        if o not in used and t == src.text:
            out.append(src)
        else:
            out.append(replace(src, text=t))
        used.add(o)
    return out


def _split_header(lines: list[Line]) -> list[Line]:
    """Apply :func:`split_flattened_header` to the paragraph lines at the top."""
    head = 0
    while head < len(lines) and lines[head].cells is None:
        head += 1
    texts, origin = split_flattened_header([ln.text for ln in lines[:head]])
    return _rebuild(lines[:head], texts, origin) + lines[head:]


def _split_appendix_titles(lines: list[Line]) -> list[Line]:
    """"Biểu số 1 MỨC TRỢ CẤP ... (Kèm theo Quyết định ...)" flattened onto one line by a portal:
    label, title and note on lines of their own, as the printed page has them (the zone finder
    opens an attachment at such a title block)."""
    out: list[Line] = []
    for ln in lines:
        m = FLAT_APPENDIX_TITLE.match(ln.text) if ln.cells is None and len(ln.text) < 600 else None
        if m is None or not is_caps(m.group("title")):
            out.append(ln)
            continue
        out.extend(replace(ln, text=m.group(part).strip()) for part in ("label", "title", "note"))
    return out


def _split_glued(lines: list[Line]) -> tuple[list[Line], int]:
    """Apply :func:`split_glued_headings` to paragraph lines, keeping each line's metadata."""
    para_idx = [i for i, ln in enumerate(lines) if ln.cells is None]
    parts_of = dict(zip(para_idx, split_glued_headings([lines[i].text for i in para_idx])))
    out: list[Line] = []
    splits = 0
    for i, ln in enumerate(lines):
        parts = parts_of.get(i)
        if not parts or len(parts) == 1:
            out.append(ln)
            continue
        splits += len(parts) - 1
        out.extend(replace(ln, text=p) for p in parts)
    return out, splits
