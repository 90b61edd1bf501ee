"""Stage 4 — header: the document's metadata from its letterhead and signature block.

Reads the zones found by :mod:`.zones`: issuer lines, "Số:", place and date, type name and
trích yếu from the header; authority, position and signer from the closing block;
"Nơi nhận" lines; "Căn cứ" lines from the start of the body. A portal's metadata table
after the signature ("Người ký | ...") fills what the letterhead leaves out. The fields are
gathered in a working record and the :class:`~vbpl_parser.model.Metadata` is built once,
complete, at the end.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..clean.ocr_header import fold
from ..lex import LexLine
from ..lexicon import header_lines as H
from ..lexicon.dates import ISO_DATE, iso_date
from ..lexicon.doc_types import doc_type_from_code
from ..lexicon.names import normal_case_name, normal_case_phrase
from ..lexicon.places import places, surnames
from ..lexicon.symbols import parse_symbol
from ..model import Metadata, Signer
from .zones import Part, Zones

Lines = Sequence[LexLine]


@dataclass(slots=True)
class _Fields:
    """The metadata being read: every field of :class:`Metadata` but the signer's parts."""

    doc_type: str | None = None
    doc_type_code: str | None = None
    symbol: str | None = None
    number: str | None = None
    issue_date: str | None = None
    place: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    title: str | None = None
    signer_name: str | None = None
    signer_position: str | None = None
    signer_authority: str | None = None
    recipients: list[str] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    is_draft: bool = False

    def set_symbol(self, value: str) -> None:
        self.symbol, self.number, self.doc_type_code = parse_symbol(value)

    def metadata(self) -> Metadata:
        values = asdict(self)
        signer = Signer(name=values.pop("signer_name"), position=values.pop("signer_position"),
                        authority=values.pop("signer_authority"))
        return Metadata(signer=signer, **values)


def extract_metadata(lines: Lines, zones: Zones) -> Metadata:
    """The metadata of the main document (its header and closing zones, and the trailer)."""
    part = zones.main
    f = _Fields()
    issuer_lines = _read_letterhead(lines, part, f)
    anchored = f.symbol is not None or f.place is not None or any(lines[i].is_motto for i in part.header)
    # without a letterhead (an appendix, a form, a table of contents) upper-case lines are titles
    f.issuer_parent, f.issuer = _issuer(issuer_lines) if anchored else (None, None)
    if f.issuer is None:
        # no letterhead issuer (converter dropped it): the authority line under the title
        after_title = [lines[i] for i in part.header if part.title_lines and i > part.title_lines[-1]]
        bodies = [ln.text for ln in after_title if ln.is_caps() and H.BODY_NAME.match(ln.text)]
        if bodies:
            f.issuer = _name(bodies[0])
    title_lines = _issuer_under_type(lines, part.title_lines, f)
    f.title = _title(lines, title_lines)
    if f.symbol is None and f.doc_type is None:
        _title_line_header(lines, f)
    if f.doc_type is None and f.doc_type_code:
        f.doc_type = doc_type_from_code(f.doc_type_code)
    if f.doc_type is None and any(lines[i].subject_line is not None for i in part.title_lines):
        f.doc_type = "Công văn"
    f.recipients, authorities, f.signer_position, f.signer_name = _closing(lines, part.closing)
    f.signer_authority = "; ".join(authorities) if authorities else None
    f.legal_bases = _legal_bases(lines, part)
    _portal_fallback(lines, zones.trailer, f)
    if f.symbol and f.number is None or (f.place and f.issue_date is None):
        f.is_draft = True
    return f.metadata()


def document_year(metadata: Metadata, lines: Lines, zones: Zones) -> int | None:
    """The year deadlines without one refer to: the issue date's, else the printed "năm YYYY"."""
    if metadata.issue_date:
        return int(metadata.issue_date[:4])
    for i in zones.main.header:
        m = H.YEAR_OF_DATE_LINE.search(lines[i].text)
        if m:
            return int(m.group(1))
    return None


def _read_letterhead(lines: Lines, part: Part, f: _Fields) -> list[str]:
    """Number, place and date, draft mark and type from the header lines; returns the issuer
    lines. Issuer lines run until the number, the date or the type line; a layout read row by
    row interleaves the motto ("ỦY BAN NHÂN DÂN / CỘNG HÒA ... / TỈNH BÌNH PHƯỚC"), so it does
    not stop them."""
    issuer_lines: list[str] = []
    before_motto = True
    for idx in part.header:
        ln = lines[idx]
        text = ln.text
        if ln.is_motto or ln.is_independence or ln.is_signature_stamp:
            continue
        so = ln.number_value
        if so is not None and f.symbol is None:
            value = so.strip()
            if not value and idx + 1 in part.header:
                value = lines[idx + 1].text
            f.set_symbol(value)
            before_motto = False
            continue
        pd = ln.place_date
        if pd is not None and f.place is None:
            f.place = pd.place.strip(" |")
            f.issue_date = iso_date(pd.day, pd.month, pd.year)
            before_motto = False
            continue
        if ln.is_draft_mark:
            f.is_draft = True
        if idx == part.type_line and ln.type_line is not None:
            f.doc_type = normal_case_phrase(ln.type_line.type).capitalize()
            before_motto = False
            continue
        if before_motto and (ln.is_caps() or (issuer_lines and text.isdigit())) and not ln.is_rule \
                and idx not in part.title_lines:
            issuer_lines.append(text)
    return issuer_lines


def _issuer_under_type(lines: Lines, title_lines: list[int], f: _Fields) -> list[int]:
    """Older documents name the issuer under the type line, sometimes with the number and
    date: "QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ / V/v ban hành ...",
    "THÔNG TƯ / CỦA BỘ TÀI CHÍNH SỐ 13/2001/TT-BTC NGÀY 8 THÁNG 3 NĂM 2001 / HƯỚNG DẪN ...".
    That line is not the trích yếu: it fills what the letterhead left empty, and the title
    lines after it are returned."""
    if not title_lines:
        return title_lines
    m = H.OF_ISSUER_LINE.match(lines[title_lines[0]].text.strip())
    if not m or not H.is_caps(m.group("issuer")):
        return title_lines
    if f.issuer is None:
        f.issuer = _name(m.group("issuer"))
    if f.symbol is None and m.group("sym"):
        f.set_symbol(m.group("sym"))
    if f.issue_date is None:
        f.issue_date = _ngay_date(m)
    return title_lines[1:]


def _ngay_date(m: re.Match[str]) -> str | None:
    """ISO date of a match of :data:`~vbpl_parser.lexicon.header_lines.NGAY_DATE`, or None
    when the date was not there."""
    return iso_date(m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))


def _title_line_header(lines: Lines, f: _Fields) -> None:
    """Old web-published texts replace the letterhead by one line:
    "Nghị định của Chính phủ số 114/2003/NĐ-CP ngày 10/10/2003 về cán bộ, công chức ...".
    """
    for ln in lines[:4]:
        m = H.TITLE_LINE.match(ln.text)
        if not m:
            continue
        f.doc_type = m.group("type")
        f.set_symbol(m.group("sym"))
        f.issue_date = _ngay_date(m)
        if m.group("issuer") and f.issuer is None:
            f.issuer = normal_case_name(m.group("issuer"))
        title = m.group("title").strip(" .")
        if title and f.title is None:
            f.title = title[0].upper() + title[1:]
        return


def _legal_bases(lines: Lines, part: Part) -> list[str]:
    """"Căn cứ ..." lines of the preamble: a "Căn cứ" inside an article is content, not a basis."""
    out = []
    for i in part.body:
        ln = lines[i]
        marker = ln.paragraph_marker
        if marker is not None and marker.kind != "bullet":
            break
        if ln.text.startswith("Căn cứ"):
            out.append(ln.text)
    return out


def _issuer(issuer_lines: list[str]) -> tuple[str | None, str | None]:
    """(parent, issuer) from the upper-case lines above the number."""
    merged: list[str] = []
    for text in issuer_lines:
        text = text.strip(" |")
        wrapped = merged and (merged[-1].endswith((",", " VÀ", "-", "–", "&")) or text.startswith(("VÀ ", "& "))
                              or text.isdigit())
        if merged and (H.LOCALITY_START.match(text) and H.GENERIC_BODY.match(merged[-1]) or wrapped):
            merged[-1] = merged[-1] + " " + text
        else:
            merged.append(text)
    if not merged:
        return None, None
    if len(merged) == 1:
        return None, _name(merged[0])
    return _name(merged[0]), _name(" ".join(merged[1:]))


def _name(text: str) -> str:
    parts = re.split(r"\s+[-–]\s+", text)
    return " - ".join(normal_case_name(p) for p in parts)


def _title(lines: Lines, idxs: list[int]) -> str | None:
    if not idxs:
        return None

    def own(i: int) -> str:
        # a type line with a qualifier ("BÁO CÁO KIỂM ĐIỂM") gives the title its qualifier
        tl = lines[i].type_line
        return tl.rest if tl is not None and tl.rest and i == idxs[0] and lines[i].is_caps() else lines[i].text

    text = " ".join(own(i) for i in idxs if not (lines[i].text.startswith("[") and lines[i].text.endswith("]")))
    text = text.strip()
    vv = H.VV.match(text)
    if vv:
        text = vv.group("title")
    text = re.sub(r"\s+", " ", text).strip(" -–")
    return text or None


def _closing(lines: Lines, closing: range) -> tuple[list[str], list[str], str | None, str | None]:
    """Recipients, authorities, position and name of the signature block."""
    authorities: list[str] = []
    position: str | None = None
    name: str | None = None
    in_recipients = False
    recipients: list[str] = []
    for i in closing:
        # a tab separates the "Nơi nhận" column from the signature column on one line
        left, *right = lines[i].text.split("\t")
        pieces: list[str] = []
        if H.NOI_NHAN.match(left):
            in_recipients = True
            rest = H.NOI_NHAN.sub("", left).strip()
            if rest:
                recipients.append(rest.lstrip("-+• ").rstrip(";,."))
        elif in_recipients and left[:1] in "-+•*":
            recipients.append(left.lstrip("-+•* ").rstrip(";,. "))
        elif in_recipients and left.strip() and not right and not (
                H.SIGN_AUTHORITY.match(left) or H.POSITION_LINE.match(left) or H.PERSON_NAME.match(left)):
            recipients.append(left.strip().rstrip(";,. "))  # a recipient wrapped onto its own line
        else:
            in_recipients = in_recipients and not left.strip() and bool(right)
            pieces.append(left)
        pieces.extend(right)
        for kind, value in (s for piece in pieces for s in _signature_segments(piece)):
            if kind == "authority":
                authorities.append(value)
            elif kind == "position" and position is None and name is None:
                position = value
            elif kind == "name" and name is None:
                name = value
    return [r for r in recipients if r], authorities, position, name


def _signature_segments(text: str) -> list[tuple[str, str]]:
    """Classify the pieces of a signature line, which may be flattened onto one line."""
    out: list[tuple[str, str]] = []
    pieces: list[str] = []
    starts = [m.start() for m in H.AUTHORITY_TOKEN.finditer(text)]
    if starts:
        if starts[0] > 0:
            pieces.append(text[: starts[0]])
        bounds = starts + [len(text)]
        pieces.extend(text[a:b] for a, b in zip(bounds, bounds[1:]))
    else:
        pieces = [text]
    for piece in pieces:
        piece = piece.strip(" |")
        if not piece:
            continue
        tok = H.AUTHORITY_TOKEN.match(piece)
        if tok:
            rest = piece[tok.end():]
            caps, tail = _split_caps_tail(rest)
            if not caps and rest.strip() and rest.strip()[0].islower():
                caps = rest.strip()  # "TM. chính phủ": the capitals were lost with a legacy font
            obj, own_position = _split_authority_object(caps)
            abbrev = (tok.group("tok") or tok.group("q")).replace("/", "").upper()
            obj = normal_case_phrase(obj)
            out.append(("authority", f"{abbrev}. {obj[:1].upper()}{obj[1:]}"))
            if own_position:
                out.append(("position", normal_case_phrase(own_position)))
            if tail:
                out.append(("name", tail))
            continue
        if not H.is_caps(piece, min_letters=1) and H.POSITION_LINE.match(piece.upper()) and len(piece) < 40:
            out.append(("position", piece))  # legacy capitals fonts lose the case: "Thủ tướng"
            continue
        caps, tail = _split_caps_tail(piece)
        if caps and H.POSITION_LINE.match(caps):
            out.append(("position", normal_case_phrase(caps)))
        if tail and H.PERSON_NAME.match(tail) and len(tail) < 50:
            out.append(("name", tail))
    return [(kind, value) for kind, value in out if kind != "name" or _plausible_name(value)]


def _plausible_name(name: str) -> bool:
    """A person's name, not a wrapped position ("Phó Chứ Tịch Thường Trực", "Đoàn Chủ Tịch")
    or the province ending a wrapped position line ("CHỦ TỊCH UBND TỈNH / LÂM ĐỒNG")."""
    if H.POSITION_IN_NAME.search(name):
        return False
    return fold(name) not in _place_keys()


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Provinces and cities, marks removed."""
    return frozenset(fold(p) for p in places())


def _split_caps_tail(text: str) -> tuple[str, str]:
    """'PHÓ CHỦ TỊCH Trần Văn Chiến' -> ('PHÓ CHỦ TỊCH', 'Trần Văn Chiến')."""
    words = text.split()
    for k, w in enumerate(words):
        if H.is_title_word(w):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            if head and not H.is_caps(head, min_letters=1):
                return "", ""
            return head, tail if H.PERSON_NAME.match(tail) else ""
    if not H.is_caps(text, min_letters=1):
        return "", ""
    # a name printed in capitals starts with a family name: "PHÓ CHỦ TỊCH NGUYỄN NGỌC PHÚC"
    family = surnames()
    for k, w in enumerate(words):
        if w in family and 2 <= len(words) - k <= 5 and not H.POSITION_LINE.match(" ".join(words[k:])):
            head = " ".join(words[:k])
            if not head or H.POSITION_LINE.match(head) or H.SIGN_AUTHORITY.match(head):
                return head, " ".join(x[:1] + x[1:].lower() for x in words[k:])
    return text.strip(), ""


def _split_authority_object(caps: str) -> tuple[str, str | None]:
    """'CHỦ TỊCH PHÓ CHỦ TỊCH' -> ('CHỦ TỊCH', 'PHÓ CHỦ TỊCH'): KT.'s object, then own position."""
    words = caps.split()
    for k in range(1, len(words)):
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if H.POSITION_LINE.match(rest) and (H.POSITION_LINE.match(head) or rest.startswith("PHÓ ")):
            return head, rest
    return caps, None


def _portal_fallback(lines: Lines, trailer: range, f: _Fields) -> None:
    """Fill blanks from a legal portal's metadata table printed after the document."""
    fields: dict[str, str] = {}
    for i in trailer:
        pf = lines[i].portal_field
        if pf:
            fields.setdefault(pf[0], pf[1])
    if not fields:
        return
    if f.signer_name is None and fields.get("Người ký"):
        f.signer_name = fields["Người ký"]
    if f.issue_date is None and ISO_DATE.fullmatch(fields.get("Ngày ban hành", "")) and not f.is_draft:
        f.issue_date = fields["Ngày ban hành"]
    if f.symbol is None and fields.get("Số hiệu"):
        f.set_symbol(fields["Số hiệu"])
    if f.doc_type is None and fields.get("Loại văn bản"):
        f.doc_type = fields["Loại văn bản"]
    body = fields.get("Cơ quan ban hành", "")
    if f.issuer and H.GENERIC_BODY.match(f.issuer.upper()) and H.PROVINCE_NAME.match(body):
        f.issuer = f"{f.issuer} {body[0].lower()}{body[1:]}"
