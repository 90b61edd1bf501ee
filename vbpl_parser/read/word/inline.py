"""Text of WordprocessingML paragraphs, walked from the XML.

python-docx's ``paragraph.text`` only looks at direct ``w:r`` children, so it drops text
inside hyperlinks, smart tags, content controls and tracked insertions; a naive
``itertext()`` does the opposite and pulls in deleted text, field codes and the digits of
drawing anchors (``wp:posOffset`` "59261620764500"). This module walks the markup the way
Word renders it:

* runs give ``w:t`` text, ``w:tab`` as "\\t", ``w:br``/``w:cr`` as "\\n", ``w:sym`` and
  symbol-font private-use characters as the glyph a reader sees;
* containers (hyperlink, smartTag, customXml, sdt, ins, moveTo, fldSimple) are entered;
  ``w:del``/``w:moveFrom`` (tracked deletions), field codes, hidden runs and note
  reference marks are skipped (a reference mark would glue its digit to the word before:
  "Bảo Lộc1. Sau khi");
* drawings and VML shapes contribute only their text boxes, which are handed back to the
  caller (they are read as separate blocks); everything else in a drawing is geometry;
* ``mc:AlternateContent`` is read through one branch (``mc:Choice``, else ``mc:Fallback``):
  both branches hold the same content, reading both would double it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from .glyphs import fix_private_use, is_8bit, is_symbol_font, is_tcvn3_capitals_font, symbol_char
from .styles import RunProps, Styles, read_rpr

_PRIVATE_USE = re.compile("[\uf020-\uf0ff]")
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"


_W_LOCALS = ("p", "r", "t", "tab", "ptab", "br", "cr", "sym", "noBreakHyphen", "softHyphen", "drawing", "pict",
             "object", "rPr", "pPr", "rStyle", "pStyle", "hyperlink", "smartTag", "customXml", "sdt", "sdtContent",
             "sdtPr", "showingPlcHdr", "ins", "del", "moveTo", "moveFrom", "fldSimple", "dir", "bdo",
             "footnoteReference", "endnoteReference", "lastRenderedPageBreak", "txbxContent", "tbl", "tr", "tc",
             "tcPr", "trPr", "gridSpan", "vMerge", "hMerge", "gridBefore", "body", "ruby", "rubyBase", "altChunk",
             "sectPr", "footnote", "endnote", "type", "val", "char", "font", "id", "pageBreakBefore", "shd")


class Tags:
    """Clark-notation tag names for one WordprocessingML namespace (transitional or strict)."""

    # one attribute per local name in _W_LOCALS, declared so the type checker knows them
    # ("del" is a keyword: it is set like the others but only reachable with getattr)
    p: str
    r: str
    t: str
    tab: str
    ptab: str
    br: str
    cr: str
    sym: str
    noBreakHyphen: str
    softHyphen: str
    drawing: str
    pict: str
    object: str
    rPr: str
    pPr: str
    rStyle: str
    pStyle: str
    hyperlink: str
    smartTag: str
    customXml: str
    sdt: str
    sdtContent: str
    sdtPr: str
    showingPlcHdr: str
    ins: str
    moveTo: str
    moveFrom: str
    fldSimple: str
    dir: str
    bdo: str
    footnoteReference: str
    endnoteReference: str
    lastRenderedPageBreak: str
    txbxContent: str
    tbl: str
    tr: str
    tc: str
    tcPr: str
    trPr: str
    gridSpan: str
    vMerge: str
    hMerge: str
    gridBefore: str
    body: str
    ruby: str
    rubyBase: str
    altChunk: str
    sectPr: str
    footnote: str
    endnote: str
    type: str
    val: str
    char: str
    font: str
    id: str
    pageBreakBefore: str
    shd: str

    def __init__(self, w: str) -> None:
        self.ns = w
        for local in _W_LOCALS:
            setattr(self, local, f"{{{w}}}{local}")
        self.alt = f"{{{MC}}}AlternateContent"
        self.choice = f"{{{MC}}}Choice"
        self.fallback = f"{{{MC}}}Fallback"
        self.omath = f"{{{MATH}}}oMath"
        self.omath_para = f"{{{MATH}}}oMathPara"
        self.math_t = f"{{{MATH}}}t"
        self.inline_containers = frozenset((self.hyperlink, self.smartTag, self.customXml, self.ins, self.moveTo,
                                            self.fldSimple, self.dir, self.bdo))
        self.drawings = frozenset((self.drawing, self.pict, self.object))


def alternate_branch(alt: etree._Element, tags: Tags) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` to read: the first Choice, else Fallback."""
    choice = alt.find(tags.choice)
    return choice if choice is not None else alt.find(tags.fallback)


def sdt_content(sdt: etree._Element, tags: Tags) -> etree._Element | None:
    """What a content control shows; None while it shows its placeholder prompt.

    "Click here to enter text." is Word's prompt for an empty control, not content.
    """
    pr = sdt.find(tags.sdtPr)
    if pr is not None and pr.find(tags.showingPlcHdr) is not None:
        return None
    return sdt.find(tags.sdtContent)


def find_textboxes(el: etree._Element, tags: Tags, out: list[etree._Element]) -> None:
    """Top-level ``w:txbxContent`` under a drawing, through one AlternateContent branch."""
    for child in el:
        tag = child.tag
        if tag == tags.txbxContent:
            out.append(child)
        elif tag == tags.alt:
            branch = alternate_branch(child, tags)
            if branch is not None:
                find_textboxes(branch, tags, out)
        elif isinstance(tag, str):
            find_textboxes(child, tags, out)


@dataclass(slots=True)
class RunStats:
    """Characters per formatting, to tell "most of this line is bold" (title detection)."""

    chars: int = 0
    bold: int = 0
    italic: int = 0
    caps: int = 0
    sizes: Counter[float] = field(default_factory=Counter)

    def add(self, text: str, props: RunProps) -> None:
        n = len(text) - text.count(" ")
        if n <= 0:
            return
        self.chars += n
        if props.bold:
            self.bold += n
        if props.italic:
            self.italic += n
        if props.caps:
            self.caps += n
        if props.size is not None:
            self.sizes[props.size] += n


@dataclass(slots=True)
class Page:
    """Page counting shared by the walkers: Word's last layout when saved, else hard breaks."""

    number: int = 1
    rendered: bool = False  # the file records w:lastRenderedPageBreak marks
    active: bool = True  # off inside text boxes and notes


@dataclass(slots=True)
class NoteRefs:
    """Footnote/endnote ids in the order the body references them."""

    footnotes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)


class InlineWalker:
    """Collects the visible text of one paragraph (and the text boxes anchored in it)."""

    __slots__ = ("tags", "styles", "page", "notes", "pieces", "stats", "boxes", "_val", "_cache", "shaded",
                 "first_page", "capitals")

    def __init__(self, tags: Tags, styles: Styles, page: Page, notes: NoteRefs) -> None:
        self.tags = tags
        self.styles = styles
        self.page = page
        self.notes = notes
        self._val = tags.val
        self._cache: dict[tuple[RunProps, str | None], RunProps] = {}
        self.shaded = False  # set by the caller: the paragraph or cell has a coloured background

    def paragraph(self, p: etree._Element, base: RunProps) -> tuple[str, RunStats, list[etree._Element]]:
        """The paragraph's text, its formatting statistics and its text boxes; the ranges a
        capitals font prints are left in :attr:`capitals`."""
        self.pieces: list[str] = []
        self.stats = RunStats()
        self.boxes: list[etree._Element] = []
        self.first_page: int | None = None  # page of the first character (a break may precede it)
        self.capitals: list[tuple[int, int]] = []
        self._inline(p, base)
        text = "".join(self.pieces)
        if _PRIVATE_USE.search(text):  # symbol-font codes typed without their font
            fixed = fix_private_use(text)
            if len(fixed) != len(text):
                self.capitals = []  # the ranges no longer fit
            text = fixed
        return text, self.stats, self.boxes

    def _mark_capitals(self, piece: str, props: RunProps) -> None:
        """Record ``piece`` (about to be appended) when a TCVN3 capitals font prints it."""
        if props.font is not None and is_tcvn3_capitals_font(props.font) and is_8bit(piece):
            start = sum(len(p) for p in self.pieces)  # rare: only in legacy documents
            self.capitals.append((start, start + len(piece)))

    def _inline(self, container: etree._Element, base: RunProps) -> None:
        T = self.tags
        for child in container:
            tag = child.tag
            if tag == T.r:
                self._run(child, base)
            elif tag in T.inline_containers:
                self._inline(child, base)
            elif tag == T.sdt:
                self._sdt(child, base)
            elif tag == T.alt:
                branch = alternate_branch(child, T)
                if branch is not None:
                    self._inline(branch, base)
            elif tag == T.omath or tag == T.omath_para:
                self.pieces.append("".join(t.text or "" for t in child.iter(T.math_t)))
            elif tag == T.ruby:
                rb = child.find(T.rubyBase)
                if rb is not None:
                    self._inline(rb, base)
            # w:del, w:moveFrom, bookmarks, proofErr, comment ranges, pPr: nothing visible

    def _sdt(self, sdt: etree._Element, base: RunProps) -> None:
        content = sdt_content(sdt, self.tags)
        if content is not None:
            self._inline(content, base)

    def _props(self, rpr: etree._Element, base: RunProps) -> RunProps:
        direct, sid = read_rpr(rpr, self.tags.ns)
        if sid:
            key = (base, sid)
            styled = self._cache.get(key)
            if styled is None:
                styled = self._cache[key] = self.styles.character(sid).over(base)
            base = styled
        return direct.over(base)

    def _run(self, r: etree._Element, base: RunProps) -> None:
        T = self.tags
        props = base
        pieces = self.pieces
        for child in r:
            tag = child.tag
            if tag == T.t:
                text = child.text
                if text and not (props.white and not self.shaded):
                    if props.font is not None and is_symbol_font(props.font):
                        text = "".join(symbol_char(ord(c), props.font) for c in text)
                    if self.first_page is None:
                        self.first_page = self.page.number
                    if props.font is not None:
                        self._mark_capitals(text, props)
                    pieces.append(text)
                    self.stats.add(text, props)
            elif tag == T.rPr:
                props = self._props(child, base)
                if props.vanish:
                    return  # hidden text is not printed
            elif tag == T.tab or tag == T.ptab:
                pieces.append("\t")
            elif tag == T.br:
                pieces.append("\n")
                if child.get(T.type) == "page" and self.page.active and not self.page.rendered:
                    self.page.number += 1
            elif tag == T.cr:
                pieces.append("\n")
            elif tag == T.lastRenderedPageBreak:
                if self.page.active and self.page.rendered:
                    self.page.number += 1
            elif tag == T.noBreakHyphen:
                pieces.append("-")
            elif tag == T.softHyphen:
                # U+00AD is the TCVN3 byte for "ư" in a legacy document saved as .docx; the
                # cleaning stage drops it as invisible after the legacy conversion has run
                if props.font is not None:
                    self._mark_capitals("\u00ad", props)
                pieces.append("\u00ad")
            elif tag == T.sym:
                try:
                    code = int(child.get(T.char) or "", 16)
                except ValueError:
                    continue
                pieces.append(symbol_char(code, child.get(T.font)))
            elif tag in T.drawings:
                find_textboxes(child, T, self.boxes)
            elif tag == T.alt:
                branch = alternate_branch(child, T)
                if branch is not None:
                    self._run_branch(branch, props)
            elif tag == T.footnoteReference:
                self.notes.footnotes.append(child.get(T.id) or "")
            elif tag == T.endnoteReference:
                self.notes.endnotes.append(child.get(T.id) or "")
            # w:delText, w:instrText (field codes), w:fldChar, note marks: invisible

    def _run_branch(self, branch: etree._Element, props: RunProps) -> None:
        """Run content inside an AlternateContent branch (usually a drawing or a symbol)."""
        T = self.tags
        for child in branch:
            if child.tag in T.drawings:
                find_textboxes(child, T, self.boxes)
            elif child.tag == T.t and child.text:
                self.pieces.append(child.text)
                self.stats.add(child.text, props)
            elif child.tag == T.sym:
                try:
                    self.pieces.append(symbol_char(int(child.get(T.char) or "", 16), child.get(T.font)))
                except ValueError:
                    pass
