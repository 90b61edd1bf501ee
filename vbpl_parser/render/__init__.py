"""A self-contained HTML review page of a parsed document (``vbpl-parser render``).

People check an extraction before they trust it: the page shows the text with its outline as
a collapsible tree, agencies, deadlines and references highlighted (normalized values on hover),
the task table linked to the text, the metadata card and the parser's warnings.

>>> from vbpl_parser.render import render_html
>>> html = render_html(vbpl_parser.parse("kh.txt"))
"""
from __future__ import annotations

from .page import CSP, render_html

__all__ = ["render_html", "CSP"]
