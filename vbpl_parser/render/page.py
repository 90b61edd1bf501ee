"""Assemble the self-contained review page.

One file, no network: inline CSS and JS only, and a Content-Security-Policy that allows exactly
those two blocks (by hash) and nothing else. Escaping is the defence against hostile document
text; the policy is the second line: even a missed ``<script>`` or ``onerror=`` would neither run
nor fetch anything.
"""
from __future__ import annotations

import base64
import hashlib

from ..model import Document
from .assets import CSS, JS
from .body import BodyRenderer
from .escape import esc
from .marks import AnchorIndex, MarkIndex, document_marks
from .outline import render_outline
from .panels import legend, metadata_card, task_table, warnings_panel


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = ("default-src 'none'; " f"style-src {_sha256(CSS)}; script-src {_sha256(JS)}; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def _anchors(doc: Document) -> AnchorIndex:
    anchors = AnchorIndex()
    for t in doc.tasks:
        anchors.add(t.start, f'<a class="tk" id="t-{esc(t.id)}" href="#row-{esc(t.id)}" data-t="{esc(t.id)}"></a>')
    for i, w in enumerate(doc.warnings, 1):
        if w.start is not None:
            anchors.add(w.start, f'<span class="wk" id="w-{i}"></span>')
    return anchors


def _page_title(doc: Document) -> str:
    m = doc.metadata
    name = " ".join(x for x in (m.doc_type, m.symbol) if x)
    return name or doc.source.file_name or "Văn bản"


def render_html(doc: Document) -> str:
    """The review page of ``doc`` as one HTML string (UTF-8 when written out)."""
    title = _page_title(doc)
    m = doc.metadata
    sub = " · ".join(x for x in (m.title, m.issuer, m.issue_date) if x)
    body = BodyRenderer(doc, MarkIndex(document_marks(doc)), _anchors(doc)).render()
    nav_links = ['<a href="#meta">Thông tin</a>', f'<a href="#tasks">Nhiệm vụ ({len(doc.tasks)})</a>']
    if doc.warnings:
        nav_links.append(f'<a href="#warnings">Cảnh báo ({len(doc.warnings)})</a>')
    nav_links.append('<a href="#doc">Văn bản</a>')
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="vbpl-parser render">',
        f"<title>{esc(title)} — kiểm tra trích xuất</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header class="top"><h1>{esc(title)}</h1>',
        f'<p class="sub">{esc(sub)}</p>' if sub else "",
        f'<nav aria-label="Trang">{"".join(nav_links)}</nav></header>',
        '<div class="layout"><nav class="outline" aria-label="Mục lục"><h2>Mục lục</h2>',
        '<p class="tools"><button type="button" data-tree="open">Mở hết</button>'
        '<button type="button" data-tree="close">Thu gọn</button></p>',
        render_outline(doc), "</nav><main>",
        metadata_card(doc), warnings_panel(doc), task_table(doc),
        '<section class="card" aria-label="Văn bản"><h2>Văn bản</h2>', legend(), "</section>",
        f'<article class="doc" id="doc" lang="vi">{body}</article>',
        f"</main></div><script>{JS}</script></body></html>\n",
    ])
