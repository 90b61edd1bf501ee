"""Find the document inside a saved web page and strip the site around it.

A saved page of vbpl.vn is ~950 KB of which ~650 KB is the law; the rest is menus, the
"văn bản liên quan" lists, download dialogs, scripts. Reading it all would put "Trang chủ",
"Tải về" and agency menus into the letterhead and the outline. Strategy:

1. never-content elements (scripts, styles, forms controls, embedded objects) go first;
2. a known portal container wins when present and substantial (vbpl.vn's ``toanvancontent``,
   thuvienphapluat.vn's ``divContentDoc``/``content1``);
3. an office export ("Save as Web Page" from Word, LibreOffice) *is* the document: keep
   ``<body>`` whole (several ``WordSection`` divs are all content);
4. otherwise score elements by the Vietnamese text in the paragraphs directly under them
   (links count for nothing) and keep the best one;
5. the container then grows to take in a neighbouring letterhead or signature (vbpl.vn puts
   "QUỐC HỘI / Số: 100/2015/QH13" in tables *beside* the content div), and site chrome
   left inside it (hidden elements, menus, link lists, comment forms) is removed.
"""
from __future__ import annotations

import re

from lxml import etree

from .css import Style, element_style, is_hidden

# Elements whose content is never document text.
NEVER_CONTENT = (
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "iframe", "frame",
    "frameset", "object", "embed", "applet", "svg", "math", "canvas", "map", "audio", "video", "source",
    "track", "button", "input", "select", "option", "optgroup", "textarea", "datalist", "output",
    "progress", "meter", "dialog",
)
# Structural chrome tags, removed inside the document container.
_CHROME_TAGS = frozenset({"nav", "aside", "menu", "form", "footer"})
# class/id words of site chrome: substrings for distinctive words, whole tokens for short ones.
_CHROME_SUBSTR = (
    "menu", "breadcrumb", "sidebar", "navbar", "navigation", "social", "sharing", "comment", "advert",
    "banner", "related", "login", "search", "popup", "modal", "cookie", "toolbar", "dialog", "pagination",
    "download", "lienquan", "binhluan", "chiase", "taive", "dinhkem", "tienich",
)
_CHROME_TOKENS = frozenset({
    "nav", "ads", "ad", "tags", "share", "print", "hidden", "hide", "noprint", "d-none", "sr-only",
    "vbinfo", "vbfile", "footer", "header-top",
})
# Word review comments: the "[VT1]" anchors in the text and the comment bodies.
_WORD_COMMENT_CLASSES = frozenset({"MsoCommentReference", "msocomanchor", "msocomtxt", "msocomoff"})
_TOKEN_SPLIT = re.compile(r"[\s_]+")
# Portal containers, most specific first: (xpath, what we report).
_PORTALS = (
    ("//*[@id='toanvancontent' or contains(concat(' ', normalize-space(@class), ' '), ' toanvancontent ')]",
     "vbpl.vn toàn văn"),
    ("//*[@id='divContentDoc']//*[contains(concat(' ', normalize-space(@class), ' '), ' content1 ')]",
     "thuvienphapluat.vn content1"),
    ("//*[contains(concat(' ', normalize-space(@class), ' '), ' cldivContentDocVn ')]", "thuvienphapluat.vn"),
    ("//*[@id='divContentDoc']", "thuvienphapluat.vn divContentDoc"),
)
_MIN_PORTAL_TEXT = 200
GENERIC = "largest Vietnamese text block"  # how the document was found without a known container
# Words that only a letterhead or a signature block holds (NĐ 30/2020, Điều 8).
_LAYOUT_WORDS = re.compile(
    r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do|ĐỘC LẬP\s*[-–]\s*TỰ DO|\bSố\s*:|Nơi nhận"
    r"|(?<!\w)(?:TM|KT|TL|TUQ)\.\s|\(Đã ký\)|ĐẢNG CỘNG SẢN")
_VI_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
_BLOCKS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "main",
    "header", "footer", "aside", "nav", "ul", "ol", "dl", "dt", "dd", "pre", "center", "address", "figure",
    "figcaption", "caption", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "body", "html", "form",
    "fieldset",
})


def remove(el: etree._Element) -> None:
    """Detach ``el`` but keep its tail text (the text after it belongs to its parent)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def strip_never_content(root: etree._Element) -> None:
    etree.strip_elements(root, *NEVER_CONTENT, with_tail=False)


def visible_len(text: str) -> int:
    """Characters that are not white space: a size measure immune to source indentation.

    Counting a few space characters is ~10x faster than ``"".join(text.split())`` on the
    650 KB of a code of law, and this runs on every subtree.
    """
    return (len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")
            - text.count("\xa0") - text.count("\f"))


_nonspace = visible_len


def _text(el: etree._Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _link_chars(el: etree._Element) -> int:
    return sum(_nonspace(_text(a)) for a in el.iter("a") if a.get("href") is not None)


def _is_chrome_name(el: etree._Element) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    if not names:
        return False
    low = names.lower()
    tokens = [t for t in _TOKEN_SPLIT.split(low) if t and not t.startswith("mso")]
    if not tokens:
        return False
    parts = {p for t in tokens for p in t.split("-")}
    if any(t in _CHROME_TOKENS for t in tokens) or any(p in _CHROME_TOKENS for p in parts):
        return True
    return any(w in t for t in tokens for w in _CHROME_SUBSTR)


def _subtree_stats(root: etree._Element) -> dict[etree._Element, tuple[int, int, int]]:
    """For every element: (visible chars, chars inside links, number of links) of its subtree.

    One recursive pass (depth is bounded by libxml2's limit of 256), so that deciding
    "is this a menu?" for thousands of nested divs stays linear.
    """
    stats: dict[etree._Element, tuple[int, int, int]] = {}

    def visit(el: etree._Element, in_link: bool) -> tuple[int, int, int]:
        is_link = el.tag == "a" and el.get("href") is not None
        linked = in_link or is_link
        chars = _nonspace(el.text) if el.text else 0
        links = 1 if is_link else 0
        link_chars = chars if linked else 0
        for child in el:
            if isinstance(child.tag, str):
                c, lc, n = visit(child, linked)
                chars, link_chars, links = chars + c, link_chars + lc, links + n
            if child.tail:
                t = _nonspace(child.tail)
                chars += t
                link_chars += t if linked else 0
        stats[el] = (chars, link_chars, links)
        return chars, link_chars, links

    visit(root, False)
    return stats


# Chrome is peripheral: an element holding this share of the text being pruned is the
# page's content wrapper (ASP.NET wraps whole pages in <form>), whatever its name says.
_CHROME_MAX_SHARE = 0.3
# A hidden element with most of the text is content revealed by a script, not a duplicate.
_HIDDEN_MAX_SHARE = 0.6


def prune(container: etree._Element, rules: dict[str, Style], *, site: bool = True) -> None:
    """Remove hidden elements and site chrome inside ``container`` (never the container).

    ``site=False`` (office exports) removes only what is invisible: a Word style that
    happens to be called "Menu" is content there, not navigation.
    """
    stats = _subtree_stats(container)
    total = max(stats[container][0], 1)
    doomed: list[etree._Element] = []
    for el in container.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        chars, link_chars, links = stats.get(el, (0, 0, 0))
        style = element_style(el.get("class"), el.get("style"), rules, el.tag)
        if (is_hidden(style) or el.get("hidden") is not None or el.get("aria-hidden") == "true"
                or style.get("mso-element") == "comment-list" or el.get("class") in _WORD_COMMENT_CLASSES):
            if chars <= _HIDDEN_MAX_SHARE * total:
                doomed.append(el)
        elif not site or chars > _CHROME_MAX_SHARE * total:
            continue
        elif el.tag in _CHROME_TAGS or _is_chrome_name(el):
            doomed.append(el)
        elif el.tag in ("ul", "ol", "div", "table", "dl") and links >= 3 and link_chars >= 0.8 * chars:
            doomed.append(el)  # menus and "related documents" boxes: mostly links
    for el in doomed:
        remove(el)


def is_office_export(root: etree._Element) -> bool:
    """Word "Save as Web Page" or LibreOffice HTML: the whole body is the document."""
    html = root if root.tag == "html" else root.find(".//html")
    if html is not None and any("schemas-microsoft-com:office" in (v or "") for v in html.attrib.values()):
        return True
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").lower()
        content = (meta.get("content") or "").lower()
        if name in ("generator", "progid", "originator") and (
                "microsoft word" in content or "word.document" in content or "libreoffice" in content
                or "openoffice" in content):
            return True
    return False


def _has_text(node: etree._Element, at_least: int) -> bool:
    seen = 0
    for text in node.itertext():
        seen += visible_len(text)
        if seen >= at_least:
            return True
    return False


def _portal_container(root: etree._Element) -> tuple[etree._Element, str] | None:
    for xpath, what in _PORTALS:
        for node in root.xpath(xpath):
            if _has_text(node, _MIN_PORTAL_TEXT):
                return node, what
    return None


def _scores(body: etree._Element) -> dict[etree._Element, float]:
    """Readability-style scores: each block's own (non-link) text credits it and its parents."""
    owner: dict[etree._Element, etree._Element] = {body: body}
    own: dict[etree._Element, int] = {}
    vi: dict[etree._Element, bool] = {}

    def credit(block: etree._Element, text: str | None, is_link: bool) -> None:
        if not text or is_link:
            return
        n = _nonspace(text)
        if n:
            own[block] = own.get(block, 0) + n
            if not vi.get(block) and _VI_LETTER.search(text):
                vi[block] = True

    in_link: set[etree._Element] = set()
    for el in body.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        block = el if el.tag in _BLOCKS else owner.get(parent, body)
        owner[el] = block
        linked = parent in in_link or (el.tag == "a" and el.get("href") is not None)
        if linked:
            in_link.add(el)
        credit(block, el.text, linked)
        credit(owner.get(parent, body), el.tail, parent in in_link)
    scores: dict[etree._Element, float] = {}
    for block, n in own.items():
        weight = n if vi.get(block) else n * 0.3
        scores[block] = scores.get(block, 0) + weight
        parent = block.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + weight
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + weight / 2
    return scores


def _expand_to_letterhead(node: etree._Element, body: etree._Element) -> etree._Element:
    """Climb to a parent whose only extra content is a letterhead/signature (or nothing)."""
    core: int | None = None
    while True:
        parent = node.getparent()
        if parent is None or parent is body or parent.tag in ("body", "html"):
            return node
        extra_parts = [parent.text or ""]
        extra_links = 0
        for child in parent:
            if child is not node and isinstance(child.tag, str):
                extra_parts.append(_text(child))
                extra_links += _link_chars(child)
            extra_parts.append(child.tail or "")
        extra = " ".join(extra_parts)
        n = _nonspace(extra)
        if n == 0:
            node = parent
            continue
        if n > 1500 and core is None:
            core = visible_len(_text(node))
        if n <= max(1500, (core or 0) // 10) and extra_links < 0.3 * n and _LAYOUT_WORDS.search(extra):
            _drop_before_letterhead(parent, node)
            node = parent
            continue
        return node


def _drop_before_letterhead(parent: etree._Element, node: etree._Element) -> None:
    """Siblings before the letterhead are the page's title and "ngày đăng" line: drop them.

    Whatever follows the letterhead stays (the signature block may carry no tell-tale word).
    """
    before: list[etree._Element] = []
    for child in parent:
        if child is node:
            return
        if not isinstance(child.tag, str):
            continue
        if _LAYOUT_WORDS.search(_text(child)):
            break
        before.append(child)
    else:
        return
    if before:
        parent.text = None
        for child in before:
            child.tail = None
            remove(child)


def find_document(root: etree._Element, rules: dict[str, Style], *, office: bool) -> tuple[etree._Element, str]:
    """The element holding the document, already pruned; and how it was found.

    ``office`` comes from :func:`is_office_export`, asked before ``<head>`` was stripped.
    """
    body = root.find(".//body")
    if body is None:
        body = root
    found = _portal_container(root)
    office = found is None and office
    if found is not None:
        node, how = found
    elif office:
        node, how = body, "office export"
    else:
        _drop_hidden_and_chrome(body, rules)
        scores = _scores(body)
        node = max(scores, key=scores.__getitem__) if scores else body
        how = GENERIC
    if node is not body:
        node = _expand_to_letterhead(node, body)
    prune(node, rules, site=not office)
    return node, how


def _drop_hidden_and_chrome(body: etree._Element, rules: dict[str, Style]) -> None:
    """Page-wide pass before scoring, so a hidden duplicate or a huge menu cannot win."""
    prune(body, rules)
