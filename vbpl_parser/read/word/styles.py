"""Word styles (``styles.xml``) resolved to the few properties the parser uses.

A paragraph's look comes from a chain: document defaults, then its paragraph style and
that style's ``basedOn`` ancestors, then a character style on the run, then the run's own
``w:rPr``. The header parser wants to know which lines are centred and bold (the title),
and the numbering module needs the ``numPr`` a paragraph style carries ("Heading 2" styles
are often tied to a multi-level list). Styles are resolved once per id and cached, so a
run costs a dictionary lookup plus its own direct formatting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

_OFF = ("0", "false", "off", "none")
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RunProps:
    """Run formatting that matters here; None = not set at this level (inherit)."""

    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    size: float | None = None  # points
    vanish: bool | None = None
    font: str | None = None
    color: str | None = None  # "FFFFFF", "auto"... (upper case)
    shaded: bool | None = None  # run highlight or shading: white text may be readable on it

    def over(self, base: RunProps) -> RunProps:
        """These properties applied on top of ``base``."""
        return RunProps(
            self.bold if self.bold is not None else base.bold,
            self.italic if self.italic is not None else base.italic,
            self.caps if self.caps is not None else base.caps,
            self.size if self.size is not None else base.size,
            self.vanish if self.vanish is not None else base.vanish,
            self.font if self.font is not None else base.font,
            self.color if self.color is not None else base.color,
            self.shaded if self.shaded is not None else base.shaded,
        )

    @property
    def white(self) -> bool:
        """White text on no shading: invisible on paper (used to hide filler characters)."""
        return self.color == "FFFFFF" and not self.shaded


@dataclass(frozen=True, slots=True)
class ParaProps:
    align: str | None = None  # raw w:jc value
    outline_level: int | None = None
    indent: float | None = None  # left indent, points
    num_id: str | None = None
    ilvl: int | None = None

    def over(self, base: ParaProps) -> ParaProps:
        return ParaProps(
            self.align if self.align is not None else base.align,
            self.outline_level if self.outline_level is not None else base.outline_level,
            self.indent if self.indent is not None else base.indent,
            self.num_id if self.num_id is not None else base.num_id,
            self.ilvl if self.ilvl is not None else base.ilvl,
        )


@dataclass(slots=True)
class _Raw:
    kind: str
    name: str | None
    based_on: str | None
    para: ParaProps
    run: RunProps


_RPR_CODES: dict[str, dict[str, int]] = {}
_RPR_NAMES = ("b", "i", "caps", "sz", "vanish", "rFonts", "color", "highlight", "shd", "rStyle")


def _rpr_codes(w: str) -> dict[str, int]:
    codes = _RPR_CODES.get(w)
    if codes is None:
        codes = _RPR_CODES[w] = {f"{{{w}}}{name}": k for k, name in enumerate(_RPR_NAMES)}
    return codes


def parse_rpr(rpr: etree._Element, w: str) -> RunProps:
    """Direct run properties of one ``w:rPr`` (or a style's)."""
    return read_rpr(rpr, w)[0]


def read_rpr(rpr: etree._Element, w: str) -> tuple[RunProps, str | None]:
    """Direct run properties of one ``w:rPr`` and its character style id.

    Called once per run, so the dispatch is a dictionary lookup on the full tag name:
    most children of a real ``w:rPr`` (szCs, lang, kern, spacing...) are skipped at once.
    """
    codes = _rpr_codes(w)
    val = f"{{{w}}}val"
    bold = italic = caps = vanish = size = font = color = shaded = rstyle = None
    for child in rpr:
        code = codes.get(child.tag)
        if code is None:
            continue
        if code <= 2 or code == 4:
            v = child.get(val)
            on = v is None or v.lower() not in _OFF
            if code == 0:
                bold = on
            elif code == 1:
                italic = on
            elif code == 2:
                caps = on
            else:
                vanish = on
        elif code == 3:
            try:
                size = int(child.get(val) or "") / 2
            except ValueError:
                pass
        elif code == 5:
            font = child.get(f"{{{w}}}ascii") or child.get(f"{{{w}}}hAnsi")
        elif code == 6:
            color = (child.get(val) or "").upper() or None
        elif code == 7:
            shaded = (child.get(val) or "none") not in ("none", "white")
        elif code == 8:
            shaded = is_dark_fill(child, w)
        else:
            rstyle = child.get(val)
    return RunProps(bold, italic, caps, size, vanish, font, color, shaded), rstyle


def is_dark_fill(shd: etree._Element, w: str) -> bool:
    """A ``w:shd`` that paints something other than white/none behind the text."""
    fill = (shd.get(f"{{{w}}}fill") or "auto").upper()
    pattern = shd.get(f"{{{w}}}val") or "clear"
    return fill not in ("AUTO", "FFFFFF") or pattern not in ("clear", "nil")


_PPR_NAMES = ("pStyle", "jc", "outlineLvl", "ind", "numPr", "pageBreakBefore", "shd", "sectPr")
_PPR_CODES: dict[str, dict[str, int]] = {}


@dataclass(slots=True)
class DirectPPr:
    """What one ``w:pPr`` says itself (tracked-change copies in pPrChange are ignored)."""

    props: ParaProps
    style_id: str | None = None
    page_break_before: bool = False
    shd: etree._Element | None = None
    sect: etree._Element | None = None


def read_ppr(ppr: etree._Element, w: str) -> DirectPPr:
    """One pass over a ``w:pPr``'s children (called for every paragraph: kept cheap)."""
    codes = _PPR_CODES.get(w)
    if codes is None:
        codes = _PPR_CODES[w] = {f"{{{w}}}{name}": k for k, name in enumerate(_PPR_NAMES)}
    val = f"{{{w}}}val"
    align = outline = indent = num_id = ilvl = None
    out = DirectPPr(ParaProps())
    for child in ppr:
        code = codes.get(child.tag)
        if code is None:
            continue
        if code == 0:
            out.style_id = child.get(val)
        elif code == 1:
            align = child.get(val)
        elif code == 2:
            outline = _to_int(child.get(val))
        elif code == 3:
            left = child.get(f"{{{w}}}left") or child.get(f"{{{w}}}start")
            left_twips = _to_int(left)
            indent = left_twips / 20 if left_twips is not None else None
        elif code == 4:
            nid = child.find(f"{{{w}}}numId")
            lv = child.find(f"{{{w}}}ilvl")
            if nid is not None:
                num_id = nid.get(val)
            if lv is not None:
                ilvl = _to_int(lv.get(val))
        elif code == 5:
            v = child.get(val)
            out.page_break_before = v is None or v.lower() not in _OFF
        elif code == 6:
            out.shd = child
        else:
            out.sect = child
    out.props = ParaProps(align, outline, indent, num_id, ilvl)
    return out


def parse_ppr(ppr: etree._Element, w: str) -> ParaProps:
    """Direct paragraph properties of one ``w:pPr``."""
    return read_ppr(ppr, w).props


def _to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


class Styles:
    """Resolved styles of one document."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self._raw: dict[str, _Raw] = {}
        self.default_para: str | None = None
        self.default_run = RunProps()
        self.default_ppr = ParaProps()
        self._para_cache: dict[str | None, tuple[ParaProps, RunProps]] = {}
        self._char_cache: dict[str, RunProps] = {}
        self.numbering_style_numids: dict[str, str] = {}
        if root is None:
            return
        val = f"{{{w}}}val"
        defaults = root.find(f"{{{w}}}docDefaults")
        if defaults is not None:
            rpr = defaults.find(f"{{{w}}}rPrDefault/{{{w}}}rPr")
            if rpr is not None:
                self.default_run = parse_rpr(rpr, w)
            ppr = defaults.find(f"{{{w}}}pPrDefault/{{{w}}}pPr")
            if ppr is not None:
                self.default_ppr = parse_ppr(ppr, w)
        for st in root.iterchildren(f"{{{w}}}style"):
            sid = st.get(f"{{{w}}}styleId")
            if sid is None:
                continue
            kind = st.get(f"{{{w}}}type") or "paragraph"
            name_el = st.find(f"{{{w}}}name")
            based = st.find(f"{{{w}}}basedOn")
            ppr = st.find(f"{{{w}}}pPr")
            rpr = st.find(f"{{{w}}}rPr")
            raw = _Raw(kind, name_el.get(val) if name_el is not None else None,
                       based.get(val) if based is not None else None,
                       parse_ppr(ppr, w) if ppr is not None else ParaProps(),
                       parse_rpr(rpr, w) if rpr is not None else RunProps())
            self._raw[sid] = raw
            if kind == "paragraph" and st.get(f"{{{w}}}default") in ("1", "true", "on"):
                self.default_para = sid
            if kind == "numbering" and raw.para.num_id is not None:
                self.numbering_style_numids[sid] = raw.para.num_id

    def name(self, style_id: str | None) -> str | None:
        raw = self._raw.get(style_id or self.default_para or "")
        return raw.name if raw is not None else style_id

    def _chain(self, style_id: str | None) -> list[_Raw]:
        chain: list[_Raw] = []
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen and sid in self._raw and len(chain) < 20:
            seen.add(sid)
            chain.append(self._raw[sid])
            sid = self._raw[sid].based_on
        return chain

    def paragraph(self, style_id: str | None) -> tuple[ParaProps, RunProps]:
        """Effective paragraph and run properties of a paragraph style (with defaults)."""
        key = style_id if style_id in self._raw else None
        cached = self._para_cache.get(key)
        if cached is not None:
            return cached
        para, run = self.default_ppr, self.default_run
        for raw in reversed(self._chain(key or self.default_para)):
            para = raw.para.over(para)
            run = raw.run.over(run)
        self._para_cache[key] = (para, run)
        return para, run

    def character(self, style_id: str) -> RunProps:
        """Properties a character style sets (unset ones stay None: they inherit)."""
        cached = self._char_cache.get(style_id)
        if cached is None:
            cached = RunProps()
            for raw in reversed(self._chain(style_id)):
                cached = raw.run.over(cached)
            self._char_cache[style_id] = cached
        return cached

    def heading_level(self, style_id: str | None, para: ParaProps) -> int | None:
        """1-based heading level from the outline level or a "heading N" style name."""
        if para.outline_level is not None and 0 <= para.outline_level < 9:
            return para.outline_level + 1
        for raw in self._chain(style_id):
            m = _HEADING_NAME.match(raw.name or "")
            if m:
                return int(m.group(1))
        return None


def with_num(props: ParaProps, num_id: str | None, ilvl: int | None) -> ParaProps:
    return replace(props, num_id=num_id, ilvl=ilvl)
