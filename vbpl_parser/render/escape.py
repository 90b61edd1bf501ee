"""HTML escaping for untrusted document text.

Everything shown on the review page comes from the input file, so every string goes through
:func:`esc` (text and attribute values alike). Characters that HTML forbids or that cannot be
encoded (NUL and other C0/C1 controls, lone surrogates, non-characters) are replaced one for one
by U+FFFD, so the page stays valid and character counts still line up with the offsets.
"""
from __future__ import annotations

import html
import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with characters HTML cannot carry replaced by U+FFFD (same length)."""
    return _FORBIDDEN.sub("\ufffd", text)


def esc(text: object) -> str:
    """Escape ``text`` for an HTML text node or a double- or single-quoted attribute value."""
    return html.escape(clean(str(text)), quote=True)


def excerpt(text: str, limit: int = 80) -> str:
    """The first ``limit`` characters of ``text`` on one line, with an ellipsis when cut."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"
