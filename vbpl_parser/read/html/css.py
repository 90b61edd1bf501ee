"""The little CSS an HTML reader needs: inline ``style`` and in-page class rules.

We do not implement CSS. We only need the handful of properties that change *what text a
reader sees* (``display:none``, ``visibility:hidden``, Word's ``mso-hide:all``,
``text-transform:uppercase``) or that hint at a title (bold, centred, font size). vbpl.vn
writes the signer's title in lower case and upper-cases it with a class rule
(``.table_cqbh_cd_nk .upper {text-transform: uppercase}``), and Word puts paragraph styles
in ``p.MsoTitle {...}`` rules, so class rules from the page's own ``<style>`` elements are
honoured too — matched on the last class of each selector, ignoring the context before it
(a deliberate approximation; external style sheets are never fetched).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Align

# Properties that matter here; everything else is dropped when parsing.
_WANTED = frozenset({
    "display", "visibility", "mso-hide", "text-transform", "font-weight", "font-style", "text-align",
    "font-size", "font-family", "font", "mso-list", "mso-tab-count", "mso-element", "list-style-type",
    "list-style", "mso-ignore",
})
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_TAG = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_HIDING = frozenset({"display", "visibility", "mso-hide"})
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(pt|px|em|rem|%)?")
# <font size=1..7> in points (the browser default scale)
_FONT_TAG_SIZES = {1: 7.5, 2: 10.0, 3: 12.0, 4: 13.5, 5: 18.0, 6: 24.0, 7: 36.0}
# text-align / align values (lower-cased, stripped) -> the StyleHints vocabulary
_ALIGNS: dict[str, Align] = {"center": "center", "middle": "center", "-webkit-center": "center", "left": "left",
                             "right": "right", "justify": "justify", "start": "left", "end": "right"}

Style = dict[str, str]


@lru_cache(maxsize=4096)
def _parse_declarations(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for decl in text.split(";"):
        name, sep, value = decl.partition(":")
        if not sep:
            continue
        name = name.strip().lower()
        if name in _WANTED:
            out.append((name, value.replace("!important", "").strip().lower()))
    return tuple(out)


def parse_style(text: str | None) -> Style:
    """Relevant declarations of an inline ``style`` attribute (lower-cased values)."""
    if not text:
        return {}
    return dict(_parse_declarations(text))


def _drop_at_blocks(css: str) -> str:
    """Remove ``@media``/``@supports``/``@page`` blocks: their rules apply only sometimes."""
    out = []
    i = 0
    while True:
        at = css.find("@", i)
        if at < 0:
            out.append(css[i:])
            break
        out.append(css[i:at])
        brace = css.find("{", at)
        semi = css.find(";", at)
        if brace < 0 or (0 <= semi < brace):  # @import ...; / @charset ...;
            i = semi + 1 if semi >= 0 else len(css)
            continue
        depth = 0
        j = brace
        while j < len(css):
            if css[j] == "{":
                depth += 1
            elif css[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        i = j + 1
    return "".join(out)


def class_rules(style_sheets: list[str]) -> dict[str, Style]:
    """Map class name -> declarations, from the text of the page's ``<style>`` elements."""
    rules: dict[str, Style] = {}
    for sheet in style_sheets:
        css = _drop_at_blocks(_COMMENT.sub(" ", sheet.replace("<!--", " ").replace("-->", " ")))
        for selectors, body in _RULE.findall(css):
            decls = _parse_declarations(body)
            if not decls:
                continue
            for selector in selectors.split(","):
                last = re.split(r"[\s>+~]+", selector.strip())[-1]
                if ":" in last or "[" in last:
                    continue  # :hover, ::before, [attr] rules do not describe the resting page
                classes = _CLASS.findall(last)
                for cls in classes:
                    rules.setdefault(cls, {}).update(decls)
                if not classes and _TAG.fullmatch(selector.strip()):
                    # a bare "h3 {...}" (Word, LibreOffice): typography only, never hiding,
                    # since one careless "div {display:none}" would hide the whole page
                    safe = {k: v for k, v in decls if k not in _HIDING}
                    if safe:
                        rules.setdefault(f"<{last.lower()}>", {}).update(safe)
    return rules


def element_style(classes: str | None, inline: str | None, rules: dict[str, Style], tag: object = None,
                  align: str | None = None) -> Style:
    """Tag rules, the ``align`` attribute, class rules, inline style: later wins.

    Browsers rank ``align=`` below every CSS rule, but LibreOffice writes a page-wide
    ``p { text-align: justify }`` and then ``<p align="center">`` on the title: the
    attribute says what the author meant, so it beats bare tag rules here.
    """
    style: Style = {}
    if rules and isinstance(tag, str):
        got = rules.get(f"<{tag}>")
        if got:
            style.update(got)
    if align:
        style["text-align"] = align.strip().lower()
    if classes and rules:
        for cls in classes.split():
            got = rules.get(cls)
            if got:
                style.update(got)
    if inline:
        style.update(parse_style(inline))
    return style


def is_hidden(style: Style) -> bool:
    return (style.get("display", "").startswith("none") or style.get("visibility", "") in ("hidden", "collapse")
            or style.get("mso-hide", "") == "all")


def weight_is_bold(value: str) -> bool | None:
    """True/False for a ``font-weight`` value, None when it says nothing we can use."""
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    if value.isdigit():
        return int(value) >= 600
    return None


def font_size_pt(style: Style) -> float | None:
    """Font size in points from ``font-size`` (or the ``font`` shorthand), if absolute."""
    value = style.get("font-size")
    if value is None and "font" in style:
        m = re.search(r"(\d+(?:\.\d+)?)(pt|px)", style["font"])
        value = m.group(0) if m else None
    if not value:
        return None
    m = _SIZE.match(value)
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2) or "px"
    if unit == "pt":
        return number
    if unit == "px":
        return round(number * 0.75, 1)
    return None


def font_tag_size(value: str | None) -> float | None:
    """Points for the legacy ``<font size=N>`` attribute (absolute sizes only)."""
    if value and value.strip().isdigit():
        return _FONT_TAG_SIZES.get(int(value.strip()))
    return None


def align_of(value: str | None) -> Align | None:
    """Normalise a ``text-align`` / ``align`` value to the StyleHints vocabulary."""
    if not value:
        return None
    return _ALIGNS.get(value.strip().lower())
