"""Look inside an OLE compound file (.doc) before handing it to LibreOffice.

Why: LibreOffice reports every unreadable input with the same "source file could not be
loaded", exits 0, and will even "convert" random bytes behind an OLE signature as plain
text. Reading the container's directory (a few hundred bytes) tells the user the real
problem: a password-protected Word file (FIB flag fEncrypted), an encrypted Office 2007+
package (EncryptionInfo/EncryptedPackage streams), or an Excel/PowerPoint file renamed .doc.

Only the header, the FAT, the directory and the first bytes of the WordDocument stream are
read; stream data is never assembled. Every loop is bounded so a damaged file cannot hang.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_WORD_FIB_IDENT = 0xA5EC
_F_ENCRYPTED = 0x0100
_F_OBFUSCATED = 0x8000


class OleError(ValueError):
    """The bytes are not a readable OLE compound file."""


@dataclass(slots=True)
class OleInfo:
    streams: set[str]
    word_encrypted: bool | None = None  # None: no readable WordDocument FIB

    @property
    def is_word(self) -> bool:
        return "WordDocument" in self.streams

    @property
    def is_encrypted_package(self) -> bool:
        """Office 2007+ file protected with a password: an OLE wrapper around the encrypted zip."""
        return "EncryptedPackage" in self.streams and "EncryptionInfo" in self.streams

    def kind(self) -> str:
        """Short name of what the container holds, for messages."""
        if self.is_word:
            return "word"
        if self.is_encrypted_package:
            return "encrypted-ooxml"
        if self.streams & {"Workbook", "Book"}:
            return "excel"
        if "PowerPoint Document" in self.streams:
            return "powerpoint"
        return "unknown"


def inspect_ole(data: bytes) -> OleInfo:
    """Names of the container's streams and, for Word files, the FIB encryption flag."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        raise OleError("not an OLE compound file")
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        raise OleError(f"bad sector size 2^{shift}")
    size = 1 << shift
    n_sectors = (len(data) - 512) // size + 1
    fat = _read_fat(data, size, n_sectors)
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    streams: set[str] = set()
    word_start = word_size = None
    for sector in _chain(fat, first_dir, n_sectors):
        base = (sector + 1) * size
        for off in range(base, min(base + size, len(data) - 127), 128):
            name_len, kind = struct.unpack_from("<HB", data, off + 0x40)
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue
            name = data[off:off + name_len - 2].decode("utf-16-le", errors="replace")
            streams.add(name)
            if kind == 2 and name == "WordDocument":
                word_start, word_size = struct.unpack_from("<II", data, off + 0x74)
    info = OleInfo(streams)
    if word_start is not None and word_size and word_size >= 4096 and word_start < n_sectors:
        fib = (word_start + 1) * size
        if fib + 12 <= len(data):
            ident, _nfib, _u, _lid, _pn, flags = struct.unpack_from("<HHHHHH", data, fib)
            if ident == _WORD_FIB_IDENT:
                info.word_encrypted = bool(flags & (_F_ENCRYPTED | _F_OBFUSCATED))
    return info


def _read_fat(data: bytes, size: int, n_sectors: int) -> list[int]:
    """The file allocation table, gathered from the header's DIFAT and its extension sectors."""
    n_fat, = struct.unpack_from("<I", data, 0x2C)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat, n_difat = struct.unpack_from("<II", data, 0x44)
    per = size // 4
    for _ in range(min(n_difat, n_sectors)):
        if next_difat >= n_sectors:
            break
        off = (next_difat + 1) * size
        if off + size > len(data):  # the last sector may be partial: a truncated file
            raise OleError("DIFAT sector beyond the end of the file (truncated?)")
        entries = struct.unpack_from(f"<{per}I", data, off)
        difat.extend(entries[:-1])
        next_difat = entries[-1]
    fat: list[int] = []
    for sector in difat[:n_fat]:
        if sector >= n_sectors:
            continue
        off = (sector + 1) * size
        if off + size > len(data):
            raise OleError("FAT sector beyond the end of the file (truncated?)")
        fat.extend(struct.unpack_from(f"<{per}I", data, off))
    if not fat:
        raise OleError("empty FAT")
    return fat


def _chain(fat: list[int], start: int, n_sectors: int) -> list[int]:
    """Sectors of a chain starting at ``start`` (stops at a loop or a bad link)."""
    out: list[int] = []
    seen: set[int] = set()
    sector = start
    while sector not in (_END, _FREE) and sector < n_sectors and sector < len(fat) and sector not in seen:
        seen.add(sector)
        out.append(sector)
        sector = fat[sector]
    if not out:
        raise OleError("no directory")
    return out
