"""Walk the document element of an HTML page and emit reader blocks.

The rules are the ones a browser applies when it *renders* the page, because the printed
page is what the header and outline stages were designed for:

* block elements (p, div, li, h1-h6, tr...) and ``<br>`` end a paragraph; inline ones
  (b, span, a, font...) merge into it; source line breaks and runs of spaces collapse to
  one space (a saved vbpl.vn page wraps every sentence over several source lines);
* ``&nbsp;`` is a space that survives collapsing; a paragraph holding only nbsp is empty;
* ``<ol>``/``<ul>`` items get the number or bullet the browser would draw as ``list_label``;
  Word's "Save as Web Page" prints list numbers inside ``<span style="mso-list:Ignore">``,
  which also becomes ``list_label`` (Symbol/Wingdings bullet glyphs mapped to Unicode);
* tables: one-column tables and page-layout tables (cells holding nested tables or whole
  pages of text) are read as flowing paragraphs; other tables become :class:`Table`
  blocks, and letterhead/signature tables are flattened with the shared helpers;
* ``text-transform: uppercase`` is applied (vbpl.vn upper-cases the signer's title in CSS);
* style hints (bold, italic, centred, font size, heading level) are recorded per paragraph.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TypedDict

from lxml import etree

from ..document import Align, Block, Cell, Paragraph, StyleHints, Table, Zone
from ..layout import flatten_layout_table, is_layout_table
from .body import visible_len
from .css import Style, align_of, element_style, font_size_pt, font_tag_size, is_hidden, weight_is_bold

_BLOCK_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "main",
    "header", "footer", "aside", "nav", "ul", "ol", "dl", "dt", "dd", "pre", "center", "address", "figure",
    "figcaption", "caption", "hr", "form", "fieldset", "details", "summary", "hgroup", "legend", "body",
    "html", "tbody", "thead", "tfoot", "tr", "td", "th",
})
_SKIP_TAGS = frozenset({"img", "rt", "rp", "wbr", "area"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = re.compile(r"[ \t\n\r\f]+")
_TAB = "\ue000"  # stands for a Word tab (mso-tab-count) while HTML whitespace is collapsed
_FOOTNOTE_HREF = re.compile(r"^#(_ftn|_edn|sdfootnote|sdendnote|_ftnref|_ednref)", re.I)
# Word writes list bullets as glyph codes of the Symbol/Wingdings fonts.
_SYMBOL_BULLETS = {"·": "•", "\uf0b7": "•", "§": "▪", "Ø": "➢", "ü": "✓", "v": "❖", "q": "❑", "l": "●",
                   "n": "■", "o": "◦", "w": "⬥", "Ÿ": "•", "-": "-"}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_PAGE_LAYOUT_CELL_CHARS = 2500


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Inherited rendering state of an element (what CSS would cascade)."""

    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: Align | None = None
    size: float | None = None
    heading: int | None = None
    zone: Zone = "body"
    symbol: bool = False  # Symbol/Wingdings font: characters are glyph codes
    pre: bool = False


class _CtxChanges(TypedDict, total=False):
    """What one element changes in the :class:`_Ctx` it inherits (``dataclasses.replace`` keywords)."""

    bold: bool
    italic: bool
    upper: bool
    align: Align
    size: float
    heading: int
    zone: Zone
    symbol: bool
    pre: bool


@dataclass(slots=True)
class _OpenList:
    """An open ``<ol>``/``<ul>``: its marker style and the number of its next item."""

    kind: str
    next: int


def _style_name(classes: str | None) -> str | None:
    """Word's paragraph style class ("MsoTitle"); LibreOffice's script classes are noise."""
    names = classes.split() if classes else []
    if not names:  # no attribute, or class=" "
        return None
    name = names[0]
    for suffix in ("-western", "-cjk", "-ctl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return None if name in ("western", "cjk", "ctl") else name


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _list_label(kind: str, n: int) -> str | None:
    if kind in ("disc", "ul"):
        return "•"
    if kind == "circle":
        return "◦"
    if kind == "square":
        return "▪"
    if kind in ("none", ""):
        return None
    if kind in ("a", "lower-alpha", "lower-latin") and 1 <= n <= 26:
        return f"{chr(96 + n)}."
    if kind in ("A", "upper-alpha", "upper-latin") and 1 <= n <= 26:
        return f"{chr(64 + n)}."
    if kind in ("i", "lower-roman", "I", "upper-roman") and n >= 1:
        roman = _roman(n)
        return f"{roman.upper() if kind in ('I', 'upper-roman') else roman}."
    return f"{n}."


class BlockBuilder:
    """Accumulates inline text into paragraphs and emits blocks in reading order."""

    def __init__(self, rules: dict[str, Style], *, office: bool = False) -> None:
        self.rules = rules
        self.office = office
        self.blocks: list[Block] = []
        self._runs: list[tuple[str, _Ctx]] = []
        self._label: str | None = None  # Word mso-list label of the current paragraph
        self._pending_label: str | None = None  # <li> marker waiting for its first text
        self._block_ctx = _Ctx()
        self._block_class: str | None = None
        self._lists: list[_OpenList] = []

    # -- paragraphs ---------------------------------------------------------------------
    def _add(self, text: str | None, ctx: _Ctx) -> None:
        if not text:
            return
        if ctx.pre and "\n" in text:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.flush(keep_empty=True)
                if line:
                    self._runs.append((line.replace(" ", "\xa0"), ctx))
            return
        if ctx.pre:
            text = text.replace(" ", "\xa0")
        if ctx.upper:
            text = text.upper()
        self._runs.append((text, ctx))

    def flush(self, *, keep_empty: bool = False) -> None:
        """End the current paragraph; an empty one is kept only as a single gap marker."""
        runs = self._runs
        text = _WS.sub(" ", "".join(t for t, _ in runs)).replace("\xa0", " ").replace(_TAB, "\t")
        text = text.strip(" \t")
        ctx = self._block_ctx
        if not text:
            self._runs = []
            if keep_empty and self.blocks and not (isinstance(self.blocks[-1], Paragraph) and not self.blocks[-1].text):
                self.blocks.append(Paragraph("", zone=ctx.zone))
            return
        label = self._label or self._pending_label
        self._label = None
        self._pending_label = None
        self._runs = []
        self.blocks.append(Paragraph(text, list_label=label, style=self._hints(runs, ctx), zone=ctx.zone))

    def _hints(self, runs: list[tuple[str, _Ctx]], block: _Ctx) -> StyleHints:
        total = bold = italic = upper = 0
        sizes: Counter[float] = Counter()
        for text, ctx in runs:
            n = visible_len(text)
            if not n:
                continue
            total += n
            bold += n if ctx.bold else 0
            italic += n if ctx.italic else 0
            upper += n if ctx.upper else 0
            if ctx.size:
                sizes[ctx.size] += n
        def mostly(k: int) -> bool:  # a bold heading may hold a plain space or digit
            return total > 0 and k >= 0.9 * total

        return StyleHints(
            bold=mostly(bold), italic=mostly(italic), all_caps=True if mostly(upper) else None,
            align=block.align, font_size=sizes.most_common(1)[0][0] if sizes else None,
            heading_level=block.heading,
            style_name=_style_name(self._block_class) if self.office else None,
        )

    def _has_text(self) -> bool:
        return any(t.strip() for t, _ in self._runs)

    # -- the walk -----------------------------------------------------------------------
    def visit_children(self, el: etree._Element, ctx: _Ctx) -> None:
        if el.text:
            self._add(el.text, ctx)
        for child in el:
            self.visit(child, ctx)
            tail = child.tail
            if tail:
                if child.tag == "img" and tail[0] in "\r\n" and self._runs and not self._runs[-1][0][-1:].isspace():
                    # LibreOffice wraps its HTML right after an inline image, even inside a
                    # word ("S<img>\nố:"): that newline is not a space in the document.
                    tail = tail.lstrip()
                self._add(tail, ctx)

    def visit(self, el: etree._Element, ctx: _Ctx) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            return
        style = element_style(el.get("class"), el.get("style"), self.rules, tag,
                              el.get("align") if tag in _BLOCK_TAGS else None)
        if style:
            if is_hidden(style):
                return
            if "mso-tab-count" in style:
                self._runs.append((_TAB, ctx))
                return
            if style.get("mso-list") == "ignore":
                self._word_list_label(el, ctx)
                return
        if tag == "br":
            self.flush(keep_empty=True)
            return
        if tag == "a" and _FOOTNOTE_HREF.match(el.get("href") or ""):
            mark = _WS.sub(" ", "".join(el.itertext())).strip()
            if mark:
                mark = mark if mark.startswith("[") else f"[{mark}]"
                # a footnote's own number opens its paragraph: keep it apart from the text
                self._add(mark if self._has_text() else mark + " ", ctx)
            return
        inner = self._derive(el, tag, style, ctx)
        if tag == "table":
            self.flush()
            self._table(el, inner)
            return
        if tag in _BLOCK_TAGS:
            self._block(el, tag, inner)
        else:
            self.visit_children(el, inner)

    def _block(self, el: etree._Element, tag: str, ctx: _Ctx) -> None:
        self.flush()
        outer = (self._block_ctx, self._block_class)
        self._block_ctx, self._block_class = ctx, el.get("class")
        if tag in ("ol", "ul"):
            kind = _list_kind(el, tag, element_style(None, el.get("style"), self.rules))
            start = el.get("start") or "1"
            self._lists.append(_OpenList(kind, int(start) if start.lstrip("-").isdigit() else 1))
            self.visit_children(el, ctx)
            self._lists.pop()
        elif tag == "li":
            self._pending_label = self._li_label(el)
            self.visit_children(el, ctx)
        else:
            self.visit_children(el, ctx)
        self.flush(keep_empty=tag == "p")
        # a marker whose item turned out empty must not number the next paragraph
        self._label = None
        if tag == "li":
            self._pending_label = None
        self._block_ctx, self._block_class = outer

    def _li_label(self, el: etree._Element) -> str | None:
        style = element_style(None, el.get("style"), self.rules)
        if "none" in (style.get("list-style-type", ""), style.get("list-style", "")):
            return None
        if not self._lists:
            return "•"
        current = self._lists[-1]
        value = el.get("value")
        if value and value.isdigit():
            current.next = int(value)
        label = _list_label(current.kind, current.next)
        current.next += 1
        return label

    def _word_list_label(self, el: etree._Element, ctx: _Ctx) -> None:
        """Word's printed list number ("1.", "a)", "·" in Symbol) becomes the list label."""
        symbol = ctx.symbol or "symbol" in (element_style(None, el.get("style"), self.rules).get("font-family", ""))
        raw = "".join(el.itertext()).replace("\xa0", " ").strip()
        if not raw:
            return
        if symbol or any(0xF000 <= ord(c) <= 0xF0FF for c in raw):
            raw = "".join(_SYMBOL_BULLETS.get(c, "•") for c in raw)
        if self._has_text():
            self._add(raw + " ", ctx)  # a label in mid-paragraph is just text
        else:
            self._label = raw

    def _derive(self, el: etree._Element, tag: str, style: Style, ctx: _Ctx) -> _Ctx:
        changes: _CtxChanges = {}
        if tag in ("b", "strong", "th") or tag in _HEADINGS:
            changes["bold"] = True
        if tag in ("i", "em", "cite", "var", "dfn", "address"):
            changes["italic"] = True
        if tag in _HEADINGS:
            changes["heading"] = _HEADINGS[tag]
        if tag == "center":
            changes["align"] = "center"
        if tag == "pre":
            changes["pre"] = True
        if tag == "font":
            size = font_tag_size(el.get("size"))
            if size:
                changes["size"] = size
            if "symbol" in (el.get("face") or "").lower() or "wingdings" in (el.get("face") or "").lower():
                changes["symbol"] = True
        if style:
            weight = style.get("font-weight")
            if weight:
                b = weight_is_bold(weight)
                if b is not None:
                    changes["bold"] = b
            fstyle = style.get("font-style")
            if fstyle:
                changes["italic"] = fstyle in ("italic", "oblique")
            transform = style.get("text-transform")
            if transform:
                changes["upper"] = transform == "uppercase"
            if "text-align" in style:
                a = align_of(style["text-align"])
                if a:
                    changes["align"] = a
            size = font_size_pt(style)
            if size:
                changes["size"] = size
            family = style.get("font-family", "")
            if family:
                changes["symbol"] = "symbol" in family or "wingdings" in family
            element = style.get("mso-element", "")
            if element in ("footnote-list", "endnote-list", "footnote", "endnote"):
                changes["zone"] = "footnote"
            elif element in ("header", "footer"):
                changes["zone"] = "header" if element == "header" else "footer"
            if style.get("mso-ignore") == "vglayout":
                changes["zone"] = "textbox"
        ident = el.get("id") or ""
        if ident.startswith(("sdfootnote", "sdendnote")):
            changes["zone"] = "footnote"
        return replace(ctx, **changes) if changes else ctx

    # -- tables -------------------------------------------------------------------------
    def _table(self, el: etree._Element, ctx: _Ctx) -> None:
        for cap in el.iterchildren("caption"):
            self._block(cap, "caption", ctx)
        rows = table_rows(el, self.rules)
        if not rows:
            return
        width = max(len(r) for r in rows)
        if width <= 1 or _is_page_layout(rows):
            for row in rows:
                for cell in row:
                    self._block(cell, "td", self._derive(cell, "td", self._cell_style(cell), ctx))
            return
        cells = [[Cell(self._cell_text(c, ctx), _span(c.get("rowspan")), _span(c.get("colspan"))) for c in row]
                 for row in rows]
        table = Table(cells, zone=ctx.zone)
        if is_layout_table(cells):
            self.blocks.extend(flatten_layout_table(table))
        else:
            self.blocks.append(table)

    def _cell_style(self, cell: etree._Element) -> Style:
        return element_style(cell.get("class"), cell.get("style"), self.rules, cell.tag, cell.get("align"))

    def _cell_text(self, cell: etree._Element, ctx: _Ctx) -> str:
        sub = BlockBuilder(self.rules, office=self.office)
        sub._block(cell, "td", sub._derive(cell, "td", self._cell_style(cell), ctx))
        lines: list[str] = []
        for block in sub.blocks:
            if isinstance(block, Paragraph):
                if block.text:
                    lines.append(f"{block.list_label} {block.text}" if block.list_label else block.text)
            else:
                lines.extend(" | ".join(c.text.replace("\n", " ") for c in row) for row in block.rows)
        return "\n".join(lines)


def _list_kind(el: etree._Element, tag: str, style: Style) -> str:
    """Marker style of a list: the ``type`` attribute, else ``list-style-type``, else default."""
    kind: str | None = el.get("type")
    if kind:
        return kind if kind in ("a", "A", "i", "I", "1") else kind.lower()
    css = style.get("list-style-type") or style.get("list-style", "").split(" ")[0]
    if css:
        return css
    return "1" if tag == "ol" else "disc"


def table_rows(table: etree._Element, rules: dict[str, Style]) -> list[list[etree._Element]]:
    """Visible rows of ``table`` (not of nested tables), each a list of its td/th cells."""
    rows: list[list[etree._Element]] = []

    def take(tr: etree._Element) -> None:
        if (tr.get("style") or tr.get("class")) and is_hidden(element_style(tr.get("class"), tr.get("style"), rules)):
            return
        cells = [c for c in tr if c.tag in ("td", "th")]
        if cells:
            rows.append(cells)

    for child in table:
        if child.tag == "tr":
            take(child)
        elif child.tag in ("tbody", "thead", "tfoot"):
            for tr in child:
                if tr.tag == "tr":
                    take(tr)
    return rows


def _is_page_layout(rows: list[list[etree._Element]]) -> bool:
    """A table used to lay out a page (nested tables, or a cell holding pages of text)."""
    for row in rows:
        for cell in row:
            if cell.find(".//table") is not None:
                return True
            if len("".join(cell.itertext())) > _PAGE_LAYOUT_CELL_CHARS:
                return True
    return False


def _span(value: str | None) -> int:
    if value and value.strip().isdigit():
        return max(1, min(int(value.strip()), 1000))
    return 1


def walk_document(node: etree._Element, rules: dict[str, Style], *, office: bool) -> list[Block]:
    """Blocks of the document element ``node``."""
    builder = BlockBuilder(rules, office=office)
    tag = node.tag if isinstance(node.tag, str) else "div"
    if tag == "table":
        builder.visit(node, _Ctx())
    else:
        style = element_style(node.get("class"), node.get("style"), rules, tag, node.get("align"))
        builder._block(node, tag if tag in _BLOCK_TAGS else "div", builder._derive(node, tag, style, _Ctx()))
    blocks = builder.blocks
    while blocks and isinstance(blocks[0], Paragraph) and not blocks[0].text:
        blocks.pop(0)
    while blocks and isinstance(blocks[-1], Paragraph) and not blocks[-1].text:
        blocks.pop()
    return blocks
