"""Stage 5 — outline: numbered and bulleted units of the body arranged into one tree.

Both numbering families share one rank order (Phần > Chương > Mục > Tiểu mục > Điều >
A. > I. > 1. > 1.1. > 1.1.1. > a)), so a legal text and an administrative plan build with
the same rules; bullets ("-", "+", "•") and "(1)" rank below everything and nest by the
order they appear in. Real documents break the rules, so placement also checks numbers:

* "9.1." whose "9." is missing hangs from the unit above where "9." would be;
* a "1." that restarts a list whose parent already had "1." ... "8." belongs to a missing
  heading ("III. TỔ CHỨC THỰC HIỆN"), so it goes to the top level;
* "V." and "X." are letters after "U." / "W.", Roman numerals otherwise;
* text inside quotation marks (amending documents: "Sửa đổi Điều 5 như sau: “Điều 5. ...”")
  is content, never structure;
* a line that is not a marker continues the current unit.

Every body character lands in exactly one unit: either in a label or in a unit's own text
(the text between its label and its first child); the preamble holds what precedes the
first marker.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lex import LexLine
from ..lexicon.markers import Marker
from ..model import Section

RANK = {
    "phan": 1, "chuong": 2, "muc": 3, "tieu_muc": 4, "dieu": 5, "upper_letter": 6, "roman": 7,
    "arabic": 8, "decimal": 9, "letter": 12,
}
DYNAMIC = {"bullet", "paren"}
_UPPER_ORDER = "ABCDĐEFGHIKLMNOPQRSTUVXY"


@dataclass(slots=True, eq=False)
class _Node:
    kind: str
    label: str
    number: str | None
    value: int | None
    parts: tuple[int, ...]
    start: int  # label start
    text_start: int  # after label
    end: int
    glyph: str = ""
    line_end: int = 0  # end of the marker's own line: heading text on it is the title
    under_dieu: bool = False
    letters_under_roman: bool = False  # this part nests "A." under "I." (see build_outline)
    children: list[_Node] = field(default_factory=list)

    @property
    def rank(self) -> float:
        if self.kind == "decimal":
            return RANK["decimal"] + len(self.parts) - 2
        if self.kind == "upper_letter" and self.letters_under_roman:
            return RANK["roman"] + 0.5
        return RANK.get(self.kind, 100)


def build_outline(
    text: str, lines: Sequence[LexLine], body: range, *, id_prefix: str = ""
) -> tuple[Section | None, list[Section], list[str]]:
    """Build the section tree of the body lines.

    Returns (preamble, sections, warnings). The preamble is the body text before the first
    numbered unit ("Căn cứ ...", an introduction); it is a section of kind ``preamble``
    kept apart from the numbered tree.
    """
    warnings: list[str] = []
    if not body:
        return None, [], warnings
    roots: list[_Node] = []
    stack: list[_Node] = []
    preamble: _Node | None = None
    quote_depth = 0
    last_dieu = 0
    last_roman = 0
    last_upper = 0
    # plans put "A./B." above "I./II." (the default order), but some put them under a Roman
    # heading ("III- NHIỆM VỤ / A- Nhiệm vụ chung / B- ..."): an "A." that opens right under an
    # open Roman unit, with no letter above it, sets that order for the rest of the part
    letters_under_roman = False

    def current() -> _Node | None:
        return stack[-1] if stack else preamble

    def extend(node: _Node | None, ln: LexLine) -> None:
        nonlocal preamble
        if node is None:
            preamble = _Node("preamble", "", None, None, (), ln.start, ln.start, ln.end)
            roots.append(preamble)
            node = preamble
        node.end = ln.end
        for anc in stack:
            anc.end = max(anc.end, ln.end)

    for li in body:
        ln = lines[li]
        marker = None
        if ln.cells is None and quote_depth <= 0:
            marker = ln.marker
            if marker is not None:
                marker = _disambiguate(marker, last_roman, last_upper)
                if not _plausible(marker, last_dieu):
                    marker = None
        if ln.cells is None:
            quote_depth = max(0, quote_depth + ln.text.count("“") - ln.text.count("”"))
            if quote_depth and marker is not None and ln.text.find("“") < marker.end:
                marker = None
        if marker is None:
            extend(current(), ln)
            continue
        if marker.kind == "upper_letter" and marker.value == 1 and not letters_under_roman:
            open_kinds = {s.kind for s in stack}
            letters_under_roman = "roman" in open_kinds and "upper_letter" not in open_kinds
        node = _Node(
            marker.kind, marker.label, marker.number, marker.value, marker.parts,
            ln.start, ln.start + marker.end, ln.end, glyph=marker.label if marker.kind == "bullet" else "",
            line_end=ln.end, letters_under_roman=letters_under_roman,
        )
        if marker.kind == "dieu":
            last_dieu = marker.value or last_dieu
        elif marker.kind == "roman":
            last_roman = marker.value or last_roman
        elif marker.kind == "upper_letter":
            last_upper = marker.value or last_upper
        parent = _place(node, stack, roots, warnings)
        (parent.children if parent else roots).append(node)
        stack.append(node)
        for anc in stack:
            anc.end = max(anc.end, ln.end)
    _mark_dieu_children(roots)
    converted = _convert(roots, text, id_prefix)
    pre = [c for c in converted if c.kind == "preamble"]
    return (pre[0] if pre else None), [c for c in converted if c.kind != "preamble"], warnings


def _mark_dieu_children(nodes: list[_Node], under: bool = False) -> None:
    for n in nodes:
        if n.kind == "arabic":
            n.under_dieu = under
        _mark_dieu_children(n.children, n.kind == "dieu")


def _disambiguate(m: Marker, last_roman: int, last_upper: int) -> Marker:
    """'V.'/'X.'/'I.' are letters when they continue an A., B., ... list."""
    if m.kind == "roman" and m.number in ("I", "V", "X"):
        letter_value = _UPPER_ORDER.index(m.number) + 1
        if last_upper and last_upper == letter_value - 1 and last_roman != (m.value or 0) - 1:
            return Marker("upper_letter", m.label, m.number, letter_value, m.end)
    return m


def _plausible(m: Marker, last_dieu: int) -> bool:
    """Reject markers that are really running text ("Điều 3 Luật Đất đai quy định ...")."""
    if m.kind == "dieu":
        has_punct = m.label.rstrip()[-1:] in ".:"
        return has_punct or m.value == last_dieu + 1
    return True


def _place(node: _Node, stack: list[_Node], roots: list[_Node], warnings: list[str]) -> _Node | None:
    """Pop the stack to where ``node`` belongs and return its parent (None = top level)."""
    if node.kind in DYNAMIC:
        key = (node.kind, node.glyph)
        for depth in range(len(stack) - 1, -1, -1):
            s = stack[depth]
            if s.kind not in DYNAMIC:
                break
            if (s.kind, s.glyph) == key:
                del stack[depth:]
                return stack[-1] if stack else None
        return stack[-1] if stack else None
    rank = node.rank
    while stack and (stack[-1].kind in DYNAMIC or stack[-1].rank >= rank):
        stack.pop()
    if node.kind == "decimal":
        # "9.1." belongs under "9."; when the top is another number, "9." is missing
        while stack and stack[-1].kind in ("arabic", "decimal") and not _is_prefix(stack[-1], node):
            stack.pop()
    parent = stack[-1] if stack else None
    siblings = parent.children if parent else roots
    same = [c for c in siblings if c.kind == node.kind]
    if same and node.value is not None and same[-1].value is not None and node.value <= same[-1].value \
            and node.value == 1 and parent is not None:
        warnings.append(
            f"numbering restarts at '{node.label}' under '{parent.label}' without a heading: placed at top level"
        )
        stack.clear()
        return None
    return parent


def _is_prefix(parent: _Node, child: _Node) -> bool:
    if parent.kind == "arabic":
        return child.parts[:1] == (parent.value,)
    return child.parts[: len(parent.parts)] == parent.parts and len(parent.parts) < len(child.parts)


def _key(node: _Node, parent: _Node | None, bullet_index: int) -> str:
    k = node.kind
    if k == "preamble":
        return "preamble"
    if k == "phan":
        return f"phan-{node.value}"
    if k == "chuong":
        return f"chuong-{node.number}"
    if k in ("muc", "tieu_muc"):
        return f"{k.replace('_', '-')}-{node.number}"
    if k == "dieu":
        return f"dieu-{node.number}"
    if k == "decimal":
        if parent is not None and parent.kind in ("arabic", "decimal") and _is_prefix(parent, node):
            return str(node.parts[-1])
        return node.number or ""
    if k == "bullet":
        return f"b{bullet_index}"
    if k == "paren":
        return f"p{node.number}"
    return node.number or "?"


def _convert(roots: list[_Node], text: str, prefix: str) -> list[Section]:
    """Turn the internal nodes into :class:`Section` models with ids and own-text spans."""
    used: set[str] = set()

    def conv(node: _Node, parent: _Node | None, parent_id: str, bullet_index: int) -> Section:
        key = _key(node, parent, bullet_index)
        sid = f"{parent_id}.{key}" if parent_id else f"{prefix}{key}"
        base, n = sid, 2
        while sid in used:
            sid = f"{base}~{n}"
            n += 1
        used.add(sid)
        own_end = node.children[0].start if node.children else node.end
        ts, te = _strip_span(text, node.text_start, own_end)
        own = text[ts:te]
        children: list[Section] = []
        bullets = 0
        for child in node.children:
            if child.kind == "bullet":
                bullets += 1
            children.append(conv(child, node, sid, bullets))
        return Section(
            id=sid, kind=_final_kind(node, parent), label=node.label, number=node.number,
            title=_title(node, own), text=own, start=node.start, end=node.end,
            text_start=ts, text_end=te, children=children,
        )

    out = []
    bullets = 0
    for root in roots:
        if root.kind == "bullet":
            bullets += 1
        out.append(conv(root, None, "", bullets))
    return out


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n":
        a += 1
    while b > a and text[b - 1] in " \t\n":
        b -= 1
    return a, b


def _final_kind(node: _Node, parent: _Node | None) -> str:
    """Arabic units directly under an Điều are khoản; letters under a khoản or Điều are điểm."""
    if parent is not None:
        if node.kind == "arabic" and parent.kind == "dieu":
            return "khoan"
        if node.kind == "letter" and (parent.kind == "dieu" or (parent.kind == "arabic" and _under_dieu(parent))):
            return "diem"
    return node.kind


def _under_dieu(node: _Node) -> bool:
    return node.under_dieu


def _title(node: _Node, own: str) -> str | None:
    """Heading text of a unit, or None for a unit that is plain content.

    Legal headings (Phần, Chương, Mục, Điều) carry their title on the marker line, or for
    Phần/Chương/Mục on the next line in capitals; other units are headings when they have
    children and a single line of their own.
    """
    first, _, rest = own.partition("\n")
    on_marker_line = node.text_start < node.line_end
    if node.kind in ("phan", "chuong", "muc", "tieu_muc"):
        if on_marker_line:
            return first or None
        # the title on the next line, in capitals or (legacy fonts lost them) a short phrase
        return first if first.isupper() or (len(first) < 150 and not first.endswith((".", ";", ":"))) else None
    if node.kind == "dieu":
        return first if on_marker_line and first else None
    if node.kind == "preamble":
        return None
    if node.children and first and not rest and len(first) <= 300:
        return first
    return None
