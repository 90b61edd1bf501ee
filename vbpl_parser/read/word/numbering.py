"""Word automatic numbering: ``numbering.xml`` definitions and the counters Word keeps.

The visible "1.1.", "a)" or "-" of an auto-numbered paragraph is not in its text: the
paragraph only says "list numId=3, level 1". To show what a reader of the printed page
sees, this module replays Word's counting over the paragraphs in document order:

* a ``w:num`` points to an ``w:abstractNum`` whose ``w:lvl`` elements give ``start``,
  ``numFmt`` (decimal, lowerLetter, upperRoman, bullet...) and ``lvlText`` ("%1.%2.");
* the running count belongs to the abstract list (ECMA-376 §17.9): ``w:num`` instances of
  the same abstract list continue one another, and an instance with a ``startOverride``
  (Word's "restart at") sets the shared counter to that value the first time it is used at
  that level; later paragraphs of any instance continue from there;
* using a level restarts the deeper levels (or only those whose ``lvlRestart`` allows it);
* ``numStyleLink`` sends the abstract list to the one defined by a numbering style, and a
  ``w:lvl/w:pStyle`` ties a paragraph style to a level.

Word's letter formats are the Latin alphabet (a, b, c, d, e...; after z come aa, bb): that
is what Word prints, even in Vietnamese documents whose typed điểm letters use a, b, c, d, đ.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .glyphs import bullet_label

MAX_LEVELS = 9
#: longest label kept. Real labels are a few characters; without a bound, a lvlText repeating
#: "%1" hundreds of times in letter format (whose labels grow with the count: "zzzz...")
#: turns a 2 KB .docx into gigabytes of text. Checked while rendering, so the cost is bounded too.
MAX_LABEL_CHARS = 255


@dataclass(slots=True)
class Level:
    """One ``w:lvl``: how a level counts and how its label is written."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None means "%<ilvl+1>." as Word assumes
    restart: int | None = None  # lvlRestart (1-based level index; 0 = never)
    legal: bool = False  # isLgl: every %n shown in decimal
    font: str | None = None  # bullet glyph font (Symbol, Wingdings...)
    pic_bullet: bool = False
    indent: float | None = None  # left indent of the level, points
    pstyle: str | None = None


@dataclass(slots=True)
class Instance:
    """One ``w:num``: an abstract list plus per-level overrides."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _parse_level(lvl: etree._Element, w: str) -> Level:
    val = f"{{{w}}}val"
    level = Level()
    for child in lvl:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = tag[len(w) + 2:] if tag.startswith("{" + w) else ""
        if name == "start":
            level.start = _int(child.get(val), 1) or 0
        elif name == "numFmt":
            level.fmt = child.get(val) or "decimal"
        elif name == "lvlText":
            level.text = child.get(val)
            if level.text is None and child.get(f"{{{w}}}null") in ("1", "true", "on"):
                level.text = ""
        elif name == "lvlRestart":
            level.restart = _int(child.get(val))
        elif name == "isLgl":
            level.legal = child.get(val) not in ("0", "false", "off")
        elif name == "lvlPicBulletId":
            level.pic_bullet = True
        elif name == "pStyle":
            level.pstyle = child.get(val)
        elif name == "rPr":
            fonts = child.find(f"{{{w}}}rFonts")
            if fonts is not None:
                level.font = fonts.get(f"{{{w}}}ascii") or fonts.get(f"{{{w}}}hAnsi") or fonts.get(f"{{{w}}}cs")
        elif name == "pPr":
            ind = child.find(f"{{{w}}}ind")
            if ind is not None:
                left = _int(ind.get(f"{{{w}}}left") or ind.get(f"{{{w}}}start"))
                level.indent = left / 20 if left is not None else None
    return level


class NumberingDefinitions:
    """The parsed ``numbering.xml`` (empty when the document has none)."""

    def __init__(self, root: etree._Element | None, w: str, style_numids: dict[str, str] | None = None) -> None:
        self.w = w
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNumId -> numbering style id (numStyleLink)
        self.instances: dict[str, Instance] = {}
        self.pstyle_levels: dict[tuple[str, str], int] = {}  # (abstractNumId, style id) -> ilvl
        self._style_numids = style_numids or {}
        if root is None:
            return
        val = f"{{{w}}}val"
        for ab in root.iterchildren(f"{{{w}}}abstractNum"):
            aid = ab.get(f"{{{w}}}abstractNumId")
            if aid is None:
                continue
            levels: dict[int, Level] = {}
            for lvl in ab.iterchildren(f"{{{w}}}lvl"):
                ilvl = _int(lvl.get(f"{{{w}}}ilvl"), 0) or 0
                if 0 <= ilvl < MAX_LEVELS:
                    level = levels[ilvl] = _parse_level(lvl, w)
                    if level.pstyle:
                        self.pstyle_levels[(aid, level.pstyle)] = ilvl
            link = ab.find(f"{{{w}}}numStyleLink")
            if link is not None and link.get(val):
                self.style_links[aid] = link.get(val)
            self.abstracts[aid] = levels
        for num in root.iterchildren(f"{{{w}}}num"):
            nid = num.get(f"{{{w}}}numId")
            ref = num.find(f"{{{w}}}abstractNumId")
            if nid is None or ref is None or ref.get(val) is None:
                continue
            inst = Instance(ref.get(val))
            for ov in num.iterchildren(f"{{{w}}}lvlOverride"):
                ilvl = _int(ov.get(f"{{{w}}}ilvl"), 0) or 0
                so = ov.find(f"{{{w}}}startOverride")
                if so is not None and _int(so.get(val)) is not None:
                    inst.start_overrides[ilvl] = _int(so.get(val)) or 0
                lvl = ov.find(f"{{{w}}}lvl")
                if lvl is not None:
                    inst.level_overrides[ilvl] = _parse_level(lvl, w)
            self.instances[nid] = inst

    def abstract_of(self, num_id: str) -> str | None:
        """The abstract list a ``w:num`` uses, following numStyleLink once (Word does the same)."""
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        aid = inst.abstract_id
        link = self.style_links.get(aid)
        if link is not None:
            linked_num = self._style_numids.get(link)
            linked = self.instances.get(linked_num) if linked_num else None
            if linked is not None and linked.abstract_id in self.abstracts:
                return linked.abstract_id
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        if ilvl in inst.level_overrides:
            return inst.level_overrides[ilvl]
        aid = self.abstract_of(num_id)
        return self.abstracts.get(aid, {}).get(ilvl) if aid is not None else None

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level a paragraph style is tied to (``w:lvl/w:pStyle``), if any."""
        aid = self.abstract_of(num_id)
        if aid is None or style_id is None:
            return None
        return self.pstyle_levels.get((aid, style_id))


class NumberingState:
    """Counters of every list, advanced paragraph by paragraph in document order."""

    def __init__(self, defs: NumberingDefinitions) -> None:
        self.defs = defs
        self._counters: dict[str, list[int | None]] = {}
        self._overrides_used: set[tuple[str, int]] = set()

    def _key(self, num_id: str) -> str:
        return self.defs.abstract_of(num_id) or self.defs.instances[num_id].abstract_id

    def _start(self, num_id: str, ilvl: int) -> int:
        inst = self.defs.instances[num_id]
        if ilvl in inst.start_overrides:
            return inst.start_overrides[ilvl]
        lvl = self.defs.level(num_id, ilvl)
        return lvl.start if lvl is not None else 1

    def next_label(self, num_id: str, ilvl: int) -> tuple[str | None, Level | None]:
        """Advance list ``num_id`` at level ``ilvl`` and return the label Word shows there."""
        if num_id in ("0", "") or num_id not in self.defs.instances:
            return None, None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        lvl = self.defs.level(num_id, ilvl)
        if lvl is None:
            return None, None
        counters = self._counters.setdefault(self._key(num_id), [None] * MAX_LEVELS)
        current = counters[ilvl]
        inst = self.defs.instances[num_id]
        if ilvl in inst.start_overrides and (num_id, ilvl) not in self._overrides_used:
            self._overrides_used.add((num_id, ilvl))
            counters[ilvl] = inst.start_overrides[ilvl]  # "restart at": first use of this instance
        else:
            counters[ilvl] = self._start(num_id, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            dl = self.defs.level(num_id, deeper)
            restart = dl.restart if dl is not None and dl.restart is not None else deeper
            if restart != 0 and ilvl < restart:
                counters[deeper] = None
        return self._render(num_id, ilvl, lvl, counters), lvl

    def _render(self, num_id: str, ilvl: int, lvl: Level, counters: list[int | None]) -> str | None:
        if lvl.fmt == "bullet":
            return "•" if lvl.pic_bullet else bullet_label(lvl.text or "", lvl.font)
        if lvl.fmt == "none" and not lvl.text:
            return None
        template = lvl.text if lvl.text is not None else f"%{ilvl + 1}."
        out: list[str] = []
        size = 0
        i = 0
        while i < len(template) and size < MAX_LABEL_CHARS:
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1].isdigit():
                k = int(template[i + 1]) - 1
                i += 2
                if not 0 <= k < MAX_LEVELS:
                    continue
                count = counters[k]
                value = count if count is not None else self._start(num_id, k)
                klvl = lvl if k == ilvl else self.defs.level(num_id, k)
                fmt = klvl.fmt if klvl is not None else "decimal"
                if lvl.legal and fmt not in ("decimalZero",):
                    fmt = "decimal"
                out.append(format_number(value, fmt))
                size += len(out[-1])
                continue
            out.append(ch)
            size += 1
            i += 1
        label = "".join(out)[:MAX_LABEL_CHARS].strip()
        return label or None


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_VI_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def to_roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for v, sym in _ROMAN:
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


def to_letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa... (the letter repeated)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _vietnamese_counting(n: int) -> str:
    if 0 <= n < 10:
        return _VI_DIGITS[n]
    if 10 <= n < 100:
        tens, units = divmod(n, 10)
        head = "mười" if tens == 1 else f"{_VI_DIGITS[tens]} mươi"
        if units == 0:
            return head
        tail = {1: "mốt" if tens > 1 else "một", 5: "lăm"}.get(units, _VI_DIGITS[units])
        return f"{head} {tail}"
    return str(n)


_MAX_SPELLED = 32767  # Word's own ceiling for list values; beyond it letters/Roman would explode


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's ``numFmt`` (unknown formats fall back to decimal).

    Values come from the file (``w:start`` can say anything), so letter and Roman forms are
    only produced for 1..32767; other values are written in decimal.
    """
    if not 0 < n <= _MAX_SPELLED and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return to_letters(n).upper()
    if fmt == "lowerLetter":
        return to_letters(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "vietnameseCounting":
        return _vietnamese_counting(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt == "none":
        return ""
    return str(n)
