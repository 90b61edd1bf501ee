"""vbpl_parser: Vietnamese administrative and legal documents to typed, validated JSON.

>>> import vbpl_parser
>>> doc = vbpl_parser.parse("samples/tthue-kh-24-2024.txt")
>>> doc.metadata.symbol
'24/KH-UBND'
"""
from __future__ import annotations

from .api import InputNotFound, InputUnreadable, parse, parse_bytes, parse_file, parse_text
from .batch import parse_many
from .errors import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    ParseTimeout,
    Timeout,
    ToolMissing,
    UnsupportedFormat,
    VbplError,
)
from .limits import Limits
from .model import SCHEMA_VERSION, Document
from .options import OcrOptions, Options

__all__ = [
    "parse", "parse_text", "parse_file", "parse_bytes", "parse_many", "Document", "SCHEMA_VERSION",
    "VbplError", "UnsupportedFormat", "CorruptDocument", "EncryptedDocument", "EmptyDocument",
    "DocumentTooLarge", "ToolMissing", "ParseTimeout", "Timeout", "InputNotFound", "InputUnreadable", "Limits",
    "Options", "OcrOptions", "__version__",
]
from .version import __version__  # noqa: E402
