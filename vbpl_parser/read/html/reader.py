"""Reader for HTML: saved pages of legal portals and "Save as Web Page" office exports.

Pipeline of this reader (each step in its own module):

1. :mod:`.html_charset` — bytes to text (BOM, declared charset, UTF-8, Windows-1258);
2. parse with lxml's HTML parser, locked down: no network, no huge trees, comments and
   processing instructions dropped, DOCTYPE internal subsets removed beforehand;
3. :mod:`.html_body` — find the document (portal container, office body, or the element
   with most Vietnamese text) and strip the site chrome around and inside it;
4. :mod:`.html_blocks` — render it to paragraphs and tables the way a browser would.

Safety: libxml2's HTML parser never loads DTDs or external entities and does not expand
entity declarations (lxml's ``HTMLParser`` has no ``resolve_entities`` switch because
there is nothing to resolve); we also cut any ``<!DOCTYPE ... [ ... ]>`` internal subset so
a "billion laughs" page cannot even leak its declarations as text. ``huge_tree=False``
keeps libxml2's depth limit (256), which malformed pages with thousands of unclosed
``<font>`` tags hit: then we re-parse with inline tags stripped, then with every container
tag flattened, rather than lose the rest of the page.
"""
from __future__ import annotations

import re

from lxml import etree

from ...options import Run
from ..document import RawDocument
from .blocks import walk_document
from .body import GENERIC, find_document, is_office_export, strip_never_content, visible_len
from .charset import decode_html
from .css import class_rules

_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE\b[^\[>]*\[.*?\]\s*>", re.I | re.S)
_XML_DECL = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.I)
_INLINE_TAGS = re.compile(
    r"</?(?:font|span|b|i|u|s|strong|em|small|big|strike|ins|del|tt|nobr|a|sup|sub|o:p|abbr|acronym|label)\b[^>]*>",
    re.I)
_CONTAINER_TAGS = re.compile(
    r"</?(?:div|section|article|main|header|footer|aside|nav|center|blockquote|ul|ol|li|dl|dt|dd|form|fieldset"
    r"|table|tbody|thead|tfoot|tr|td|th|span|font|b|i|u|strong|em|a)\b[^>]*>", re.I)


# Characters libxml2's HTML parser keeps in text nodes but lxml refuses to assign back
# (html_body.remove moves tails): C0 controls and the non-characters U+FFFE/U+FFFF. They go
# as cleaning would take them anyway: vertical tab and form feed become spaces, other
# controls nothing, the non-characters U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_SAFE: dict[int, str | None] = {i: None for i in range(0x20) if i not in (0x09, 0x0A, 0x0D)}
_XML_SAFE.update({0x0B: " ", 0x0C: " ", 0xFFFE: "\ufffd", 0xFFFF: "\ufffd"})


def _parser() -> etree.HTMLParser:
    # A new parser per document: its error_log is how we learn the depth limit was hit.
    return etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True,
                            remove_pis=True, recover=True, default_doctype=False, collect_ids=False)


def _parse_once(text: str) -> tuple[etree._Element | None, bool]:
    """Parse; also say whether libxml2 stopped early on a fatal error (depth, size)."""
    parser = _parser()
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except etree.XMLSyntaxError:
        return None, True
    fatal = any(e.level_name == "FATAL" for e in parser.error_log)
    return root, fatal


def parse_html(text: str) -> tuple[etree._Element | None, list[str]]:
    """Parse page text into a tree; the second value lists the fallbacks that were needed."""
    text = _XML_DECL.sub("", text, count=1)
    if _NOT_XML.search(text):
        text = text.translate(_XML_SAFE)
    if "<!" in text:
        text = _DOCTYPE_SUBSET.sub("<!DOCTYPE html>", text, count=1)
    root, fatal = _parse_once(text)
    if not fatal:
        return root, []
    flat, fatal2 = _parse_once(_INLINE_TAGS.sub("", text))
    if flat is not None and not fatal2:
        return flat, ["html: inline tags stripped (page nests deeper than the parser allows)"]
    flatter, _ = _parse_once(_CONTAINER_TAGS.sub("<br>", text))
    best = flatter if flatter is not None else (flat if flat is not None else root)
    return best, ["html: page structure flattened (page nests deeper than the parser allows)"]


def _visible_chars(el: etree._Element) -> int:
    return visible_len("".join(el.itertext()))


def read_html(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for HTML bytes (``name`` is only used in messages)."""
    decoded = decode_html(data)
    root, fallbacks = parse_html(decoded.text)
    raw = RawDocument([], format="html", reader="html", fallbacks=fallbacks)
    if decoded.encoding not in ("utf-8", "ascii"):
        raw.encodings.append(decoded.encoding)
    raw.warnings.extend(decoded.notes)
    if root is None:
        raw.warnings.append("the HTML could not be parsed at all")
        return raw
    rules = class_rules([s.text for s in root.iter("style") if s.text])
    office = is_office_export(root)
    strip_never_content(root)
    page_chars = _visible_chars(root)
    node, how = find_document(root, rules, office=office)
    raw.blocks = walk_document(node, rules, office=office and how == "office export")
    if how == GENERIC:
        raw.fallbacks.append("html: no known document container; kept the block with most Vietnamese text")
        kept = _visible_chars(node)
        if page_chars and kept < 0.5 * page_chars:
            raw.warnings.append(f"no known document container: kept the block with most Vietnamese text "
                                f"({kept} of {page_chars} visible characters)")
    return raw
