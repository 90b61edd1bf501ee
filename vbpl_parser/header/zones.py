"""Split the cleaned lines into zones: header, body, closing, attachments, trailer.

Why a separate step: the outline must see only the body (the letterhead, the signature
block, "Nơi nhận" and a portal's metadata table are not units), attachments restart their
numbering, and the header parser needs to know where the letterhead stops. Zones are
ranges of line indexes into :attr:`CleanDoc.lines`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean import Line
from ..outline.markers import match_marker
from . import patterns as P


@dataclass(slots=True)
class Part:
    """One document (the main one or an attachment): its line ranges."""

    header: range
    body: range
    closing: range
    title_lines: list[int] = field(default_factory=list)
    type_line: int | None = None  # the line printing the type name ("KẾ HOẠCH"), if any


@dataclass(slots=True)
class Zones:
    main: Part
    attachments: list[Part]
    trailer: range


_TITLE_MAX_LINES = 8
_APPENDIX_LABEL = re.compile(r"^(?:Phụ lục|PHỤ LỤC|Mẫu số|MẪU SỐ|Biểu số|BIỂU SỐ)\s+[\dIVXLC]+[a-z]?\s*[.:]?$")
_ATTACHMENT_TYPES = (
    "QUY ĐỊNH", "QUY CHẾ", "ĐIỀU LỆ", "KẾ HOẠCH", "CHƯƠNG TRÌNH", "PHỤ LỤC", "HƯỚNG DẪN", "ĐỀ ÁN",
    "PHƯƠNG ÁN", "DANH MỤC", "MẪU", "BẢNG", "BIỂU", "NỘI QUY", "QUY TRÌNH", "TIÊU CHÍ", "DỰ THẢO",
)


def find_zones(lines: list[Line]) -> Zones:
    n = len(lines)
    # notes appended after the document (Word footnotes) are not part of the body or closing
    while n > 0 and lines[n - 1].zone == "footnote":
        n -= 1
    header_end, title_lines, type_line = find_header_end(lines, 0, n)
    starts: list[int] = []
    for i in range(header_end, n):
        if is_attachment_start(lines, i):
            # "PHỤ LỤC" then "BIỂU MẪU THỐNG KÊ ...": one title block, one attachment
            if starts and i < find_attachment_header_end(lines, starts[-1], n)[0]:
                continue
            # "Phụ lục I" (not in capitals) above "DANH MỤC ...": the label opens the attachment
            # (unless it is the first body line: then the whole file is that appendix)
            if i - 1 > header_end and (not starts or starts[-1] < i - 1) and _APPENDIX_LABEL.match(lines[i - 1].text):
                i -= 1
            starts.append(i)
    main_hi = starts[0] if starts else n
    body_end, closing_end = find_closing(lines, header_end, main_hi, last=not starts)
    main = Part(range(0, header_end), range(header_end, body_end), range(body_end, closing_end), title_lines,
                type_line)
    attachments: list[Part] = []
    total = len(lines)
    trailer = range(closing_end, total) if not starts else range(total, total)
    for k, s in enumerate(starts):
        hi = starts[k + 1] if k + 1 < len(starts) else n
        h_end, t_lines = find_attachment_header_end(lines, s, hi)
        b_end, c_end = find_closing(lines, h_end, hi, last=k + 1 == len(starts))
        attachments.append(Part(range(s, h_end), range(h_end, b_end), range(b_end, c_end), t_lines))
        if k + 1 == len(starts):
            trailer = range(c_end, total)
    return Zones(main, attachments, trailer)


def _is_header_furniture(text: str) -> bool:
    return bool(
        P.is_rule(text) or P.MOTTO.match(text) or P.INDEPENDENCE.match(text) or P.PARTY_MOTTO.match(text)
        or P.PLACE_DATE.match(text) or P.DRAFT.fullmatch(text.strip("() ")) or P.SIGNATURE_STAMP.search(text)
    )


def _is_body_start(line: Line) -> bool:
    text = line.text
    if P.BODY_START.match(text):
        return True
    marker = match_marker(text)
    return marker is not None and marker.kind != "bullet"


def find_header_end(lines: list[Line], lo: int, hi: int) -> tuple[int, list[int], int | None]:
    """Index of the first body line, the title (trích yếu) lines, and the type line."""
    i = lo
    type_seen = False
    title: list[int] = []
    title_open = False
    kinh_gui = False
    saw_header = False
    seen_anchor = False  # "Số:", the motto or the place/date line has been seen
    type_line = None
    # a letterhead whose issuer lost its capitals ("ủy Ban Nhân Dân") still has its anchors:
    # the header reaches at least the last "Số:"/motto/place-date line among the first lines
    last_anchor = max((j for j in range(lo, min(hi, lo + 12)) if _is_anchor(lines[j].text)), default=-1)
    while i < hi:
        ln = lines[i]
        text = ln.text
        if ln.cells is not None:
            # a data table before any body text: keep scanning only if the header is not done
            if saw_header and (type_seen or title):
                break
            i += 1
            continue
        if _is_header_furniture(text):
            seen_anchor = seen_anchor or not P.is_rule(text)
            saw_header = True
            title_open = False
            i += 1
            continue
        so = P.SO_LINE.match(text)
        if so and len(text) < 120:
            seen_anchor = True
            saw_header = True
            title_open = False
            i += 1
            if not so.group("value").strip() and i < hi and P.SYMBOL_ONLY.match(lines[i].text):
                i += 1
            continue
        vv = P.VV.match(text)
        if vv and not title:
            saw_header = True
            title.append(i)
            title_open = True
            i += 1
            continue
        if P.KINH_GUI.match(text) or _is_telegram_address(text):
            saw_header = True
            kinh_gui = True
            title_open = False
            i += 1
            continue
        if kinh_gui and text[:1] in "-+•" and len(text) < 250:
            i += 1
            continue
        kinh_gui = False
        tm = P.DOC_TYPE_LINE.match(text)
        # the type name follows the number/date/motto; in the issuer block "ĐỀ ÁN 06" is a name
        if tm and not type_seen and P.is_caps(tm.group("type")) and not tm.group("rest") \
                and (seen_anchor or not saw_header):
            saw_header = True
            type_seen = True
            type_line = i
            title_open = True
            i += 1
            continue
        if title_open and _continues_title(lines, title, i):
            title.append(i)
            i += 1
            continue
        title_open = False
        if _is_body_start(ln):
            break
        if (P.is_caps(text) and len(text) < 250) or (not seen_anchor and saw_header and text.isdigit() and len(text) < 4):
            # issuer lines before the motto (a wrapped "ĐỀ ÁN / 06" too), authority lines after the title
            saw_header = True
            i += 1
            continue
        if i == lo and len(text) < 150 and i + 1 < hi and (P.is_caps(lines[i + 1].text) or lines[i + 1].cells):
            # a portal's page title above the letterhead ("Quyết định 1056/QĐ-CT")
            i += 1
            continue
        if i < last_anchor and len(text) < 200:
            saw_header = True
            i += 1
            continue
        break
    if not saw_header:
        return lo, [], None
    return i, title, type_line


def _is_anchor(text: str) -> bool:
    return bool(P.MOTTO.match(text) or P.INDEPENDENCE.match(text) or P.PLACE_DATE.match(text)
                or (P.SO_LINE.match(text) and len(text) < 80 and re.search(r"\d|/", text)))


def _continues_title(lines: list[Line], title: list[int], i: int) -> bool:
    """Is line ``i`` part of the trích yếu that started after the document-type line?"""
    ln = lines[i]
    text = ln.text
    if len(title) >= _TITLE_MAX_LINES or P.SO_LINE.match(text):
        return False
    if _is_body_start(ln) and not (not title and _centred_title(ln)):
        return False
    if P.KINH_GUI.match(text) or P.AUTHORITY_TOKEN.match(text) or _is_telegram_address(text):
        return False
    if _is_portal_note(text):
        return True  # a portal's inline note inside the title block
    title = [t for t in title if not _is_portal_note(lines[t].text)]
    if not title:
        if P.is_caps(text, min_letters=1):
            return not _is_authority(text)
        # a sentence ending in "." is body text, unless a rule line under it closes the title block
        return len(text) < 400 and (not text.endswith((".", ";")) or (
            i + 1 < len(lines) and P.is_rule(lines[i + 1].text)))
    prev = lines[title[-1]].text
    if P.is_caps(prev, min_letters=1):
        if P.VV.match(text):  # "QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN ... / V/v ban hành ..."
            return len(text) < 400
        return P.is_caps(text, min_letters=1) and not _is_authority(text) and len(text) < 250
    if ln.gap_before or P.is_caps(text):
        return False
    align = ln.style.align if ln.style else None
    return align == "center" and len(text) < 400


def _is_telegram_address(text: str) -> bool:
    """"VĂN PHÒNG CHÍNH PHỦ điện:": the sender's name in capitals, then "điện:"."""
    m = P.TELEGRAM_TO.match(text)
    return m is not None and P.is_caps(m.group("sender"))


def _centred_title(ln: Line) -> bool:
    """A centred, unpunctuated line right under the type name is the trích yếu even when it
    opens like a body sentence ("KẾ HOẠCH / Triển khai thực hiện Chương trình ...");
    legal bases ("Căn cứ ...") and numbered units never are. Plain text has no alignment,
    so there the opening words decide alone."""
    text = ln.text
    return (ln.style is not None and ln.style.align == "center" and len(text) < 300
            and not text.rstrip().endswith((".", ";", ":", ","))
            and not text.startswith(("Căn cứ", "Xét")) and match_marker(text) is None)


def _is_portal_note(text: str) -> bool:
    return text.startswith("[") and text.endswith("]")


def _is_authority(text: str) -> bool:
    from ..clean.header_layout import _AUTHORITY

    return bool(_AUTHORITY.match(text)) and not text.startswith(("VỀ ", "V/V"))


def is_attachment_start(lines: list[Line], i: int) -> bool:
    """A caps document-type line followed within a few lines by "(Ban hành kèm theo ...)"."""
    text = lines[i].text
    if lines[i].cells is not None or len(text) > 300:
        return False
    if not text.startswith(_ATTACHMENT_TYPES) and not P.DOC_TYPE_LINE.match(text):
        return False
    if not P.is_caps(text):
        return False
    for j in range(i + 1, min(i + 7, len(lines))):
        t = lines[j].text
        if P.ATTACHED_NOTE.match(t):
            return True
        if not (P.is_caps(t) or t.startswith("(") or lines[j].style and lines[j].style.align == "center"):
            if j > i + 1 and not P.is_caps(lines[j - 1].text):
                return False
    return False


def find_attachment_header_end(lines: list[Line], lo: int, hi: int) -> tuple[int, list[int]]:
    """An attachment's title block: type line, title lines, "(Ban hành kèm theo ...)" note."""
    i = lo + 1
    title: list[int] = []
    while i < hi:
        t = lines[i].text
        if P.ATTACHED_NOTE.match(t):
            i += 1
            # the note may wrap onto a second line ending with ")"
            while i < hi and not lines[i - 1].text.rstrip().endswith(")") and len(lines[i].text) < 200 \
                    and not _is_body_start(lines[i]):
                i += 1
            break
        title.append(i)
        i += 1
    while i < hi and (P.is_rule(lines[i].text)):
        i += 1
    return i, title


def find_closing(lines: list[Line], lo: int, hi: int, *, last: bool) -> tuple[int, int]:
    """Return (body end, closing end): the signature block and "Nơi nhận" list of one part."""
    start = None
    for i in range(lo + 1, hi):
        text = lines[i].text
        if lines[i].cells is not None:
            continue
        if P.NOI_NHAN.match(text) or P.SIGN_AUTHORITY.match(text):
            start = i
            break
        if P.ADOPTION.match(text) and i + 3 >= hi - 12:
            # "Luật này đã được Quốc hội ... thông qua ngày ..." closes a law, before the signature
            start = i
            break
        if P.POSITION_LINE.match(text) and lines[i - 1].text.rstrip().endswith((".", "./.", "./")):
            start = i
            break
    if start is None:
        ends = [i for i in range(lo, hi) if lines[i].text.rstrip().endswith(("./.", "/."))]
        if not ends:
            return hi, hi
        start = ends[-1] + 1
    while start - 1 > lo and P.is_rule(lines[start - 1].text):
        start -= 1  # the rule under the last article belongs to the closing block
    end = start
    in_recipients = False
    while end < hi:
        text = lines[end].text
        if P.NOI_NHAN.match(text):
            in_recipients = True
        elif in_recipients and text[:1] in "-+•*" and len(text) < 300:
            pass
        elif _is_closing_line(text):
            in_recipients = False
        elif in_recipients and len(text) < 300 and _signature_ahead(lines, end, hi):
            pass  # a recipient wrapped onto a line of its own ("Trợ lý, Thư ký của: ...")
        else:
            break
        end += 1
    if not last:
        end = hi
    return start, end


def _signature_ahead(lines: list[Line], i: int, hi: int) -> bool:
    """Is there a signature authority or position within the next few lines?"""
    for j in range(i + 1, min(hi, i + 8)):
        text = lines[j].text
        if P.SIGN_AUTHORITY.match(text) or P.POSITION_LINE.match(text):
            return True
    return False


def _is_closing_line(text: str) -> bool:
    return bool(
        P.ADOPTION.match(text) or (len(text) < 40 and P.POSITION_LINE.match(text.upper())) or
        P.SIGN_AUTHORITY.match(text) or P.POSITION_LINE.match(text) or P.SIGNED_MARK.match(text)
        or P.is_rule(text) or (P.PERSON_NAME.match(text) and len(text) < 50)
        or (P.is_caps(text) and len(text) < 120)
        or text.startswith(("Lưu:", "- Lưu", "Lưu VT"))
    )
