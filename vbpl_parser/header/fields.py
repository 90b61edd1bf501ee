"""Stage 3 — header: the document's metadata from its letterhead and signature block.

Reads the zones found by :mod:`.zones`: issuer lines, "Số:", place and date, type name and
trích yếu from the header; authority, position and signer from the closing block;
"Nơi nhận" lines; "Căn cứ" lines from the start of the body. A portal's metadata table
after the signature ("Người ký | ...") fills what the letterhead leaves out.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..clean import Line
from ..clean.ocr_header import fold
from ..data import doc_type_names, places, surnames
from ..model import Metadata, Signer
from . import patterns as P
from .names import normal_case_name, normal_case_phrase
from .zones import Part

_LOCALITY_START = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|TP\.?|ĐẶC KHU)\b")
_GENERIC_BODY = re.compile(r"^(?:(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|UBND|HĐND)$")
_SYMBOL_CLEAN = re.compile(r"\s+")


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date from printed parts, None when any part is blank or the date is impossible."""
    if not (day and month and year):
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_symbol(value: str) -> tuple[str | None, str | None, str | None]:
    """("24/KH-UBND") -> symbol, number, type code. Blank draft numbers give number None.

    The symbol is the first token, joined with the next ones only across a slash or dash
    ("256 /2004/QĐ-UB", "99/ 1998/TT-BTC"): the rest of the line is not part of it.
    """
    tokens = value.strip().split()
    if not tokens:
        return None, None, None
    parts = [tokens[0]]
    for tok in tokens[1:]:
        if tok[:1] in "/-" or parts[-1][-1:] in "/-":
            parts.append(tok)
        else:
            break
    m = re.match(r"^[\d]*[/-]?[\wĐđ][\wĐđ/&.\-]*", "".join(parts).rstrip(".;,"))
    if not m:
        return None, None, None
    symbol = m.group(0).strip("-.")
    if "/" not in symbol and "-" not in symbol:
        return None, None, None
    num = re.match(r"^\d+[a-z]?", symbol)
    number = num.group(0) if num else None
    return symbol, number, symbol_type_code(symbol)


def symbol_type_code(symbol: str) -> str | None:
    """The document-type abbreviation inside a ký hiệu, if it names a type."""
    codes = doc_type_names()
    for seg in re.split(r"/", symbol):
        for part in re.split(r"-", seg):
            if part in codes and not part.isdigit():
                return part
            up = part.upper()
            if up in ("QYĐ", "CTR", "TTR") and up in codes:
                return part
    return None


def doc_type_from_code(code: str | None) -> str | None:
    return doc_type_names().get(code) if code else None


def extract_metadata(lines: list[Line], part: Part, trailer: range) -> Metadata:
    meta = Metadata()
    header = [lines[i] for i in part.header]
    issuer_lines: list[str] = []
    # issuer lines run until the number, the date or the type line; a layout read row by row
    # interleaves the motto ("ỦY BAN NHÂN DÂN / CỘNG HÒA ... / TỈNH BÌNH PHƯỚC"), so it does not stop them
    before_motto = True
    for idx, ln in zip(part.header, header):
        text = ln.text
        if P.MOTTO.match(text) or P.INDEPENDENCE.match(text) or P.SIGNATURE_STAMP.search(text):
            continue
        so = P.SO_LINE.match(text)
        if so and meta.symbol is None:
            value = so.group("value").strip()
            if not value and idx + 1 in part.header:
                value = lines[idx + 1].text
            symbol, number, code = parse_symbol(value)
            meta.symbol, meta.number, meta.doc_type_code = symbol, number, code
            before_motto = False
            continue
        pd = P.PLACE_DATE.match(text)
        if pd and meta.place is None:
            meta.place = pd.group("place").strip(" |")
            meta.issue_date = iso_date(pd.group("d"), pd.group("m"), pd.group("y"))
            before_motto = False
            continue
        if P.DRAFT.match(text):
            meta.is_draft = True
        if idx == part.type_line:
            tm = P.DOC_TYPE_LINE.match(text)
            meta.doc_type = normal_case_phrase(tm.group("type")).capitalize()
            before_motto = False
            continue
        if before_motto and (P.is_caps(text) or (issuer_lines and text.isdigit())) and not P.is_rule(text) \
                and idx not in part.title_lines:
            issuer_lines.append(text)
    anchored = meta.symbol is not None or meta.place is not None or any(
        P.MOTTO.match(lines[i].text) for i in part.header)
    # without a letterhead (an appendix, a form, a table of contents) upper-case lines are titles
    meta.issuer_parent, meta.issuer = _issuer(issuer_lines) if anchored else (None, None)
    if meta.issuer is None:
        # no letterhead issuer (converter dropped it): the authority line under the title
        after_title = [lines[i].text for i in part.header if part.title_lines and i > part.title_lines[-1]]
        bodies = [t for t in after_title if P.is_caps(t) and _is_body_name(t)]
        if bodies:
            meta.issuer = _name(bodies[0])
    title_lines = _issuer_under_type(lines, part.title_lines, meta)
    meta.title = _title(lines, title_lines)
    if meta.symbol is None and meta.doc_type is None:
        _title_line_header(lines, meta)
    if meta.doc_type is None and meta.doc_type_code:
        meta.doc_type = doc_type_from_code(meta.doc_type_code)
    if meta.doc_type is None and any(P.VV.match(lines[i].text) for i in part.title_lines):
        meta.doc_type = "Công văn"
    _closing(lines, part.closing, meta)
    meta.legal_bases = _legal_bases(lines, part)
    _portal_fallback(lines, trailer, meta)
    if meta.symbol and meta.number is None or (meta.place and meta.issue_date is None):
        meta.is_draft = True
    return meta


_TITLE_LINE = None
_OF_ISSUER_LINE = None
# ", ngày 10/10/2003" or " ngày 8 tháng 3 năm 2001", optional: the date in a one-line header
_NGAY_DATE = (r"(?:,?\s+ngày\s+(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
              r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})))?")


def _issuer_under_type(lines: list[Line], title_lines: list[int], meta: Metadata) -> list[int]:
    """Older documents name the issuer under the type line, sometimes with the number and
    date: "QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ / V/v ban hành ...",
    "THÔNG TƯ / CỦA BỘ TÀI CHÍNH SỐ 13/2001/TT-BTC NGÀY 8 THÁNG 3 NĂM 2001 / HƯỚNG DẪN ...".
    That line is not the trích yếu: it fills what the letterhead left empty, and the title
    lines after it are returned."""
    global _OF_ISSUER_LINE
    if not title_lines:
        return title_lines
    if _OF_ISSUER_LINE is None:
        from ..tag.references import SYMBOL

        _OF_ISSUER_LINE = re.compile(
            rf"^của\s+(?P<issuer>.{{2,100}}?)(?:\s+số\s*:?\s*(?P<sym>{SYMBOL}))?{_NGAY_DATE}\s*$",
            re.IGNORECASE,
        )
    m = _OF_ISSUER_LINE.match(lines[title_lines[0]].text.strip())
    if not m or not P.is_caps(m.group("issuer")):
        return title_lines
    if meta.issuer is None:
        meta.issuer = _name(m.group("issuer"))
    if meta.symbol is None and m.group("sym"):
        meta.symbol, meta.number, meta.doc_type_code = parse_symbol(m.group("sym"))
    if meta.issue_date is None:
        meta.issue_date = _ngay_date(m)
    return title_lines[1:]


def _ngay_date(m: re.Match) -> str | None:
    """ISO date of a match of :data:`_NGAY_DATE`, or None when the date was not there."""
    return iso_date(m.group("d") or m.group("d2"), m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))


def _title_line_header(lines: list[Line], meta: Metadata) -> None:
    """Old web-published texts replace the letterhead by one line:
    "Nghị định của Chính phủ số 114/2003/NĐ-CP ngày 10/10/2003 về cán bộ, công chức ...".
    """
    global _TITLE_LINE
    if _TITLE_LINE is None:
        from ..tag.references import SYMBOL, _TYPE

        _TITLE_LINE = re.compile(
            rf"^(?P<type>{_TYPE})(?:\s+của\s+(?P<issuer>.{{2,80}}?))?\s+[Ss]ố\s*:?\s*(?P<sym>{SYMBOL})"
            rf"{_NGAY_DATE}\s*(?P<title>.*)$"
        )
    for ln in lines[:4]:
        m = _TITLE_LINE.match(ln.text)
        if not m:
            continue
        meta.doc_type = m.group("type")
        meta.symbol, meta.number, meta.doc_type_code = parse_symbol(m.group("sym"))
        meta.issue_date = _ngay_date(m)
        if m.group("issuer") and meta.issuer is None:
            meta.issuer = normal_case_name(m.group("issuer"))
        title = m.group("title").strip(" .")
        if title and meta.title is None:
            meta.title = title[0].upper() + title[1:]
        return


def _legal_bases(lines: list[Line], part: Part) -> list[str]:
    """"Căn cứ ..." lines of the preamble: a "Căn cứ" inside an article is content, not a basis."""
    from ..outline.markers import match_marker

    out = []
    for i in part.body:
        text = lines[i].text
        marker = match_marker(text) if lines[i].cells is None else None
        if marker is not None and marker.kind != "bullet":
            break
        if text.startswith("Căn cứ"):
            out.append(text)
    return out


def _issuer(issuer_lines: list[str]) -> tuple[str | None, str | None]:
    """(parent, issuer) from the upper-case lines above the number."""
    merged: list[str] = []
    for text in issuer_lines:
        text = text.strip(" |")
        wrapped = merged and (merged[-1].endswith((",", " VÀ", "-", "–", "&")) or text.startswith(("VÀ ", "& "))
                              or text.isdigit())
        if merged and (_LOCALITY_START.match(text) and _GENERIC_BODY.match(merged[-1]) or wrapped):
            merged[-1] = merged[-1] + " " + text
        else:
            merged.append(text)
    if not merged:
        return None, None
    if len(merged) == 1:
        return None, _name(merged[0])
    return _name(merged[0]), _name(" ".join(merged[1:]))


def _is_body_name(text: str) -> bool:
    return bool(re.match(r"^(?:(?:ỦY|UỶ) BAN|HỘI ĐỒNG|BỘ |SỞ |BAN |CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG)", text))


def _name(text: str) -> str:
    parts = re.split(r"\s+[-–]\s+", text)
    return " - ".join(normal_case_name(p) for p in parts)


def _title(lines: list[Line], idxs: list[int]) -> str | None:
    if not idxs:
        return None
    text = " ".join(lines[i].text for i in idxs if not (lines[i].text.startswith("[") and lines[i].text.endswith("]")))
    text = text.strip()
    vv = P.VV.match(text)
    if vv:
        text = vv.group("title")
    text = re.sub(r"\s+", " ", text).strip(" -–")
    return text or None


def _closing(lines: list[Line], closing: range, meta: Metadata) -> None:
    authorities: list[str] = []
    position: str | None = None
    name: str | None = None
    in_recipients = False
    recipients: list[str] = []
    for i in closing:
        # a tab separates the "Nơi nhận" column from the signature column on one line
        left, *right = lines[i].text.split("\t")
        pieces: list[str] = []
        if P.NOI_NHAN.match(left):
            in_recipients = True
            rest = P.NOI_NHAN.sub("", left).strip()
            if rest:
                recipients.append(rest.lstrip("-+• ").rstrip(";,."))
        elif in_recipients and left[:1] in "-+•*":
            recipients.append(left.lstrip("-+•* ").rstrip(";,. "))
        elif in_recipients and left.strip() and not right and not (
                P.SIGN_AUTHORITY.match(left) or P.POSITION_LINE.match(left) or P.PERSON_NAME.match(left)):
            recipients.append(left.strip().rstrip(";,. "))  # a recipient wrapped onto its own line
        else:
            in_recipients = in_recipients and not left.strip() and bool(right)
            pieces.append(left)
        pieces.extend(right)
        for seg in (s for piece in pieces for s in _signature_segments(piece)):
            kind, value = seg
            if kind == "authority":
                authorities.append(value)
            elif kind == "position" and position is None and name is None:
                position = value
            elif kind == "name" and name is None:
                name = value
    meta.recipients = [r for r in recipients if r]
    meta.signer = Signer(
        name=name,
        position=position,
        authority="; ".join(authorities) if authorities else None,
    )


def _signature_segments(text: str) -> list[tuple[str, str]]:
    """Classify the pieces of a signature line, which may be flattened onto one line."""
    out: list[tuple[str, str]] = []
    pieces: list[str] = []
    starts = [m.start() for m in P.AUTHORITY_TOKEN.finditer(text)]
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
        tok = P.AUTHORITY_TOKEN.match(piece)
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
        if not P.is_caps(piece, min_letters=1) and P.POSITION_LINE.match(piece.upper()) and len(piece) < 40:
            out.append(("position", piece))  # legacy capitals fonts lose the case: "Thủ tướng"
            continue
        caps, tail = _split_caps_tail(piece)
        if caps and P.POSITION_LINE.match(caps):
            out.append(("position", normal_case_phrase(caps)))
        if tail and P.PERSON_NAME.match(tail) and len(tail) < 50:
            out.append(("name", tail))
    return [(kind, value) for kind, value in out if kind != "name" or _plausible_name(value)]


_POSITION_WORDS = re.compile(r"(?:^|\s)(?:Ch[ủứu]\s+T[ịi]ch|Th[ưu]\s+K[ýy]|Thường\s+Trực|Giám\s+Đốc|Trưởng|Phó)(?:\s|$)", re.I)


def _plausible_name(name: str) -> bool:
    """A person's name, not a wrapped position ("Phó Chứ Tịch Thường Trực", "Đoàn Chủ Tịch")
    or the province ending a wrapped position line ("CHỦ TỊCH UBND TỈNH / LÂM ĐỒNG")."""
    if _POSITION_WORDS.search(name):
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
        if P.is_title_word(w):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            if head and not P.is_caps(head, min_letters=1):
                return "", ""
            return head, tail if P.PERSON_NAME.match(tail) else ""
    if not P.is_caps(text, min_letters=1):
        return "", ""
    # a name printed in capitals starts with a family name: "PHÓ CHỦ TỊCH NGUYỄN NGỌC PHÚC"
    family = surnames()
    for k, w in enumerate(words):
        if w in family and 2 <= len(words) - k <= 5 and not P.POSITION_LINE.match(" ".join(words[k:])):
            head = " ".join(words[:k])
            if not head or P.POSITION_LINE.match(head) or P.SIGN_AUTHORITY.match(head):
                return head, " ".join(x[:1] + x[1:].lower() for x in words[k:])
    return text.strip(), ""


def _split_authority_object(caps: str) -> tuple[str, str | None]:
    """'CHỦ TỊCH PHÓ CHỦ TỊCH' -> ('CHỦ TỊCH', 'PHÓ CHỦ TỊCH'): KT.'s object, then own position."""
    words = caps.split()
    for k in range(1, len(words)):
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if P.POSITION_LINE.match(rest) and (P.POSITION_LINE.match(head) or rest.startswith("PHÓ ")):
            return head, rest
    return caps, None


def _portal_fallback(lines: list[Line], trailer: range, meta: Metadata) -> None:
    """Fill blanks from a legal portal's metadata table printed after the document."""
    fields: dict[str, str] = {}
    for i in trailer:
        m = P.PORTAL_FIELD.match(lines[i].text)
        if m:
            fields.setdefault(m.group("key"), m.group("value").strip())
    if not fields:
        return
    if meta.signer.name is None and fields.get("Người ký"):
        meta.signer = meta.signer.model_copy(update={"name": fields["Người ký"]})
    if meta.issue_date is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields.get("Ngày ban hành", "")) and not meta.is_draft:
        meta.issue_date = fields["Ngày ban hành"]
    if meta.symbol is None and fields.get("Số hiệu"):
        meta.symbol, meta.number, meta.doc_type_code = parse_symbol(fields["Số hiệu"])
    if meta.doc_type is None and fields.get("Loại văn bản"):
        meta.doc_type = fields["Loại văn bản"]
    body = fields.get("Cơ quan ban hành", "")
    if meta.issuer and _GENERIC_BODY.match(meta.issuer.upper()) and re.match(r"^(?:Tỉnh|Thành phố)\s+\S", body):
        meta.issuer = f"{meta.issuer} {body[0].lower()}{body[1:]}"
