"""The outline as a collapsible, numbered tree of links (native ``<details>``, no script needed).

Large documents (a decree has well over a thousand units) start with only the top levels open,
so the side panel stays readable; the page's script opens the branch of whatever is navigated to.
"""
from __future__ import annotations

from collections import Counter

from ..model import Document, Section
from .body import section_dom_id
from .escape import esc, excerpt

#: above this many units, only the first level starts open
OPEN_ALL_LIMIT = 300


def render_outline(doc: Document) -> str:
    total = sum(1 for _ in doc.iter_sections())
    open_depth = 99 if total <= OPEN_ALL_LIMIT else 1
    counts = Counter(t.section_id for t in doc.tasks if t.section_id)
    items: list[str] = []
    body = ([doc.preamble] if doc.preamble is not None else []) + list(doc.sections)
    items.extend(_node(s, 0, open_depth, counts) for s in body)
    for i, att in enumerate(doc.attachments, 1):
        parts = ([att.preamble] if att.preamble is not None else []) + list(att.sections)
        name = f"Văn bản kèm theo {i}" + (f": {excerpt(att.title, 60)}" if att.title else "")
        inner = "".join(_node(s, 1, open_depth, counts) for s in parts)
        items.append(f'<li class="att"><details{" open" if open_depth > 0 else ""}><summary>'
                     f'<a href="#att-{i}">{esc(name)}</a></summary><ul>{inner}</ul></details></li>')
    if not items:
        return '<p class="muted">Không nhận ra đề mục nào.</p>'
    return f'<ul class="tree">{"".join(items)}</ul>'


def _node(sec: Section, depth: int, open_depth: int, counts: Counter[str]) -> str:
    if sec.kind == "preamble":
        label, caption = "", "Phần mở đầu"
    else:
        label = sec.label
        caption = excerpt(sec.title or sec.text, 60)
    n = counts.get(sec.id, 0)
    badge = f' <span class="cnt" title="{n} nhiệm vụ">{n}</span>' if n else ""
    link = (f'<a href="#{esc(section_dom_id(sec.id))}">'
            f'<span class="lbl">{esc(label)}</span> {esc(caption)}</a>{badge}')
    if not sec.children:
        return f"<li>{link}</li>"
    kids = "".join(_node(c, depth + 1, open_depth, counts) for c in sec.children)
    is_open = " open" if depth < open_depth else ""
    return f"<li><details{is_open}><summary>{link}</summary><ul>{kids}</ul></details></li>"
