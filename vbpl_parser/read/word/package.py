"""The .docx container: a ZIP of XML parts, opened defensively.

Files come from e-mail attachments and web portals, so the container is treated as hostile:

* a ZIP bomb (tiny file, gigabytes once inflated) is refused from the central directory,
  before anything is decompressed: total declared size and per-entry compression ratio are
  checked against the ``zip_*`` limits of :mod:`vbpl_parser.limits`. ``zipfile`` never
  inflates an entry past its declared size, so the declared sizes are a real bound;
* XML is parsed with entity expansion, network access and lxml's "huge tree" mode off, and
  a part carrying a DTD is refused (Word never writes one; entity tricks need one);
* a password-protected .docx is not a ZIP at all but an OLE container holding
  ``EncryptionInfo`` and ``EncryptedPackage`` streams: :func:`is_encrypted_ooxml` spots it.

Parts are located through the package relationships, not by fixed names, because some
generators name them differently (``word/document2.xml``, ``word/styles2.xml``).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from ...errors import CorruptDocument, DocumentTooLarge, EncryptedDocument
from ...limits import Limits, hint

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = ("/officeDocument", "/officedocument")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          dtd_validation=False, remove_comments=True, remove_pis=True)


def check_zip_limits(zf: zipfile.ZipFile, name: str | None, what: str, lim: Limits) -> None:
    """Refuse a ZIP bomb from its central directory, before anything is inflated (``zip_*`` limits).

    Shared by every ZIP-based format (.docx here, .odt before LibreOffice gets it)."""
    infos = zf.infolist()
    if len(infos) > lim.zip_max_entries:
        raise DocumentTooLarge(f"the {what} holds {len(infos)} ZIP entries (limit {lim.zip_max_entries})",
                               path=name, hint=hint("zip_max_entries"))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size >= lim.zip_ratio_min_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > lim.zip_max_ratio:
                raise DocumentTooLarge(
                    f"ZIP entry {info.filename} inflates {ratio:.0f}x (limit {lim.zip_max_ratio:g}x): "
                    "refused as a possible ZIP bomb", path=name, hint=hint("zip_max_ratio"))
    if total > lim.zip_max_uncompressed_bytes:
        raise DocumentTooLarge(
            f"the {what} would inflate to {total / 2**20:.0f} MB "
            f"(limit {lim.zip_max_uncompressed_bytes / 2**20:.0f} MB)",
            path=name, hint=hint("zip_max_uncompressed_bytes") + "; or split the document")


def is_encrypted_ooxml(data: bytes) -> bool:
    """True for a password-protected Office Open XML file (OLE wrapper with EncryptionInfo).

    The OLE directory stores stream names in UTF-16LE; both names are specific to
    encrypted OOXML (a Word 97 .doc with a password uses a different scheme), so seeing
    them is enough without a full OLE parser.
    """
    if not data.startswith(OLE_MAGIC):
        return False
    return all(name in data for name in _ENCRYPTION_STREAMS)


class DocxPackage:
    """An opened .docx: checked ZIP plus access to its XML parts by relationship."""

    def __init__(self, data: bytes, name: str | None = None, limits: Limits | None = None) -> None:
        self.name = name
        self.limits = limits or Limits.from_env()
        if data.startswith(OLE_MAGIC):
            if is_encrypted_ooxml(data):
                raise EncryptedDocument("the Word document is password-protected", path=name,
                                        hint="remove the password in Word (File > Info > Protect Document) and retry")
            raise CorruptDocument("this is a Word 97-2003 (OLE) file, not a .docx", path=name,
                                  hint="read it as .doc")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise CorruptDocument(f"damaged ZIP container ({exc})", path=name,
                                  hint="the .docx is truncated or not a Word file; re-save it from Word") from None
        self._check_limits()
        self._names = {info.filename for info in self.zip.infolist()}
        self._lower = {n.lower(): n for n in self._names}
        self._rels_cache: dict[str, dict[str, tuple[str, str]]] = {}
        self.main = self._main_part()

    def _check_limits(self) -> None:
        check_zip_limits(self.zip, self.name, ".docx", self.limits)

    def has(self, part: str) -> bool:
        return part in self._names or part.lower() in self._lower

    def read(self, part: str) -> bytes:
        """Bytes of one part, inflated at most to the ``xml_max_part_bytes`` limit."""
        real = part if part in self._names else self._lower.get(part.lower())
        if real is None:
            raise CorruptDocument(f"part {part} is missing from the .docx", path=self.name)
        info = self.zip.getinfo(real)
        if info.flag_bits & 0x1:
            raise EncryptedDocument("the .docx has encrypted ZIP entries", path=self.name,
                                    hint="remove the password and retry")
        max_part = self.limits.xml_max_part_bytes
        if info.file_size > max_part:
            raise DocumentTooLarge(f"part {part} is {info.file_size / 2**20:.0f} MB "
                                   f"(limit {max_part / 2**20:.0f} MB)", path=self.name,
                                   hint=hint("xml_max_part_bytes"))
        try:
            with self.zip.open(info) as fh:
                return fh.read(max_part + 1)
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise EncryptedDocument(f"cannot read {part}: {exc}", path=self.name) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise CorruptDocument(f"cannot inflate {part} ({exc})", path=self.name,
                                  hint="the .docx is damaged; re-save it from Word") from None

    def xml(self, part: str) -> etree._Element:
        """The parsed root of one XML part (safe parser; DTDs refused)."""
        data = self.read(part)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise CorruptDocument(f"malformed XML in {part} ({exc})", path=self.name,
                                  hint="the .docx is damaged; re-save it from Word") from None
        if root is None:
            raise CorruptDocument(f"empty XML part {part}", path=self.name)
        if root.getroottree().docinfo.doctype:
            raise CorruptDocument(f"{part} declares a DTD, which Word never writes: refused", path=self.name)
        return root

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part``: id -> (type, target part name)."""
        if part in self._rels_cache:
            return self._rels_cache[part]
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if self.has(rels_name):
            root = self.xml(rels_name)
            for rel in root.iterchildren(f"{{{REL_NS}}}Relationship"):
                rid, rtype, target = rel.get("Id"), rel.get("Type") or "", rel.get("Target") or ""
                if rid is None or rel.get("TargetMode") == "External":
                    continue
                if target.startswith("/"):
                    full = target.lstrip("/")
                else:
                    full = posixpath.normpath(posixpath.join(folder, target))
                out[rid] = (rtype, full)
        self._rels_cache[part] = out
        return out

    def related(self, part: str, type_suffix: str) -> str | None:
        """The first existing part related to ``part`` whose type ends with ``type_suffix``."""
        for rtype, target in self.rels(part).values():
            if rtype.endswith(type_suffix) and self.has(target):
                return target
        return None

    def _main_part(self) -> str:
        for rtype, target in self.rels("").values():
            if rtype.endswith(_OFFICE_DOCUMENT) and self.has(target):
                return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise CorruptDocument("no main document part (word/document.xml) in the ZIP", path=self.name,
                              hint="this ZIP is not a Word document")

    def app_pages(self) -> int | None:
        """Page count Word saved in docProps/app.xml (its last layout; None if absent)."""
        target = None
        for rtype, t in self.rels("").values():
            if rtype.endswith("/extended-properties") and self.has(t):
                target = t
        if target is None:
            return None
        try:
            root = self.xml(target)
        except CorruptDocument:
            return None
        for el in root:
            if isinstance(el.tag, str) and el.tag.endswith("}Pages") and el.text and el.text.strip().isdigit():
                return int(el.text.strip()) or None
        return None
