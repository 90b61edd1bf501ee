"""Typed errors raised by vbpl_parser.

Library users catch :class:`VbplError` (or one of its subclasses); the CLI prints
``str(error)`` as a single line and batch mode records ``error.kind`` and the message.
Every message names the file (when there is one) and says what the user can do.
"""
from __future__ import annotations


class VbplError(Exception):
    """Base class of every error this package raises on purpose."""

    kind = "error"

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        self.path = path
        # library messages (libxml2, pdfium) may hold line breaks: one line is the contract
        self.hint = _one_line(hint) if hint else hint
        self.detail = _one_line(message)
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.path.replace("\n", "\\n").replace("\r", "\\r") + ": " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.detail}{hint}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class UnsupportedFormat(VbplError):
    """The bytes are not a document format we read (checked from content, not the extension)."""

    kind = "unsupported_format"


class CorruptDocument(VbplError):
    """The file claims a known format but cannot be decoded (truncated zip, broken XML...)."""

    kind = "corrupt_document"


class EncryptedDocument(VbplError):
    """The document is password-protected; we never try to guess passwords."""

    kind = "encrypted_document"


class EmptyDocument(VbplError):
    """The file holds no text at all (zero bytes, or only whitespace after reading)."""

    kind = "empty_document"


class DocumentTooLarge(VbplError):
    """A configured resource limit (size, pages, uncompressed bytes...) was exceeded."""

    kind = "document_too_large"


class ToolMissing(VbplError):
    """An external program (LibreOffice, Tesseract) needed for this format is not installed."""

    kind = "tool_missing"


class ParseTimeout(VbplError):
    """Reading or parsing took longer than the configured time limit."""

    kind = "timeout"


# Public alias with the name used in the docs ("Timeout"); the class name avoids
# shadowing the builtin TimeoutError in user code that does `from ... import *`.
Timeout = ParseTimeout
