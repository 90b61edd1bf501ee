"""Reader for Word 97-2003 (.doc), RTF and OpenDocument text (.odt): LibreOffice, then .docx.

The bytes go through LibreOffice (:mod:`.libreoffice`) to .docx, and the project's .docx
reader does the rest, so every Word-like format yields the same blocks, list labels and
tables. Windows-1258 RTF (``\\ansicpg1258``) comes out as Unicode from LibreOffice's RTF
import; TCVN3/VNI text stays as the 8-bit characters the fonts drew and is converted later
by the cleaning stage (:mod:`vbpl_parser.clean.legacy`), which judges content, not fonts.

LibreOffice writes the character U+00AD as ``<w:softHyphen/>``; in TCVN3 that byte is the
letter "ư" (người, được, Chương). The .docx reader keeps it as U+00AD (for converted files and
for legacy documents saved as .docx alike), and the cleaning stage either converts it or
drops it as invisible.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

from ...errors import VbplError
from ...options import Options, Run
from ..document import RawDocument
from .libreoffice import (
    DEFAULT_TIMEOUT,
    Converted,
    Source,
    convert_batch,
    convert_to_docx,
    require_soffice,
    soffice_version,
)

READER = "libreoffice+docx"


def read_doc(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for Word 97-2003 .doc bytes."""
    return read_via_libreoffice(data, name, "doc", run)


def read_rtf(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for RTF bytes."""
    return read_via_libreoffice(data, name, "rtf", run)


def read_odt(data: bytes, name: str | None, run: Run) -> RawDocument:
    """Reader entry point for OpenDocument text bytes."""
    return read_via_libreoffice(data, name, "odt", run)


def read_via_libreoffice(data: bytes, name: str | None, fmt: str, run: Run) -> RawDocument:
    """Convert with LibreOffice and read the .docx; raises typed errors (see :mod:`.libreoffice`).

    The timeout is the ``libreoffice_timeout`` limit, cut to the document's remaining time.
    """
    timeout = run.budget.tool_timeout(run.limits.libreoffice_timeout)
    docx = convert_to_docx(data, name, fmt, timeout, run.options)
    return read_converted(docx, name, fmt, run)


def read_many(sources: Iterable[Source], options: Options,
              timeout: float = DEFAULT_TIMEOUT) -> dict[str, RawDocument | VbplError]:
    """Batch form of the readers: one LibreOffice run for many files (see :func:`convert_many`)."""
    out: dict[str, RawDocument | VbplError] = {}
    for key, result in convert_batch(sources, timeout, options=options).items():
        if not isinstance(result, Converted):
            out[key] = result
            continue
        try:
            out[key] = read_converted(result.docx, os.path.basename(key), result.fmt, options.start(key))
        except VbplError as exc:
            out[key] = exc
    return out


def read_converted(docx: bytes, name: str | None, fmt: str, run: Run) -> RawDocument:
    """Read LibreOffice's .docx output and label the result with the original format."""
    from .docx import read_docx  # lazy: written in parallel, and heavy to import

    raw = read_docx(docx, name, run)
    raw.format = fmt
    raw.reader = READER
    raw.converted_with = f"libreoffice {soffice_version(require_soffice(name, run.options.soffice))}"
    return raw
