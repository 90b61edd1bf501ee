"""Split the lexed lines into zones: header, body, closing, attachments, trailer.

Why a separate step: the outline must see only the body (the letterhead, the signature
block, "Nơi nhận" and a portal's metadata table are not units), attachments restart their
numbering, and the header parser needs to know where the letterhead stops. Zones are
ranges of line indexes into the lexed lines.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lex import LexLine
from ..lexicon.header_lines import APPENDIX_LABEL, ATTACHMENT_TITLE_STARTS, is_caps, is_rule

Lines = Sequence[LexLine]


@dataclass(frozen=True, slots=True)
class Part:
    """One document (the main one or an attachment): its line ranges."""

    header: range
    body: range
    closing: range
    title_lines: list[int] = field(default_factory=list)
    type_line: int | None = None  # the line printing the type name ("KẾ HOẠCH"), if any


@dataclass(frozen=True, slots=True)
class Zones:
    main: Part
    attachments: list[Part]
    trailer: range

    def searched_ranges(self, lines: Lines) -> list[tuple[int, int]]:
        """Character ranges that hold the document's content: title lines, body, and each
        attachment's (not the letterhead, the signature block or "Nơi nhận")."""
        out: list[tuple[int, int]] = []
        for part in [self.main, *self.attachments]:
            for i in part.title_lines:
                out.append((lines[i].start, lines[i].end))
            if part.body:
                out.append((lines[part.body.start].start, lines[part.body.stop - 1].end))
        return out


_TITLE_MAX_LINES = 8


def find_zones(lines: Lines) -> Zones:
    n = len(lines)
    # notes appended after the document (Word footnotes) are not part of the body or closing
    while n > 0 and lines[n - 1].zone == "footnote":
        n -= 1
    header_end, title_lines, type_line = find_header_end(lines, 0, n)
    starts: list[int] = []
    for i in range(header_end, n):
        if is_attachment_start(lines, i) and not (i == header_end and APPENDIX_LABEL.match(lines[i].text)):
            # (an appendix label opening the body: the whole file is that appendix)
            # "PHỤ LỤC" then "BIỂU MẪU THỐNG KÊ ...": one title block, one attachment
            if starts and i < find_attachment_header_end(lines, starts[-1], n)[0]:
                continue
            # "Phụ lục I" (not in capitals) above "DANH MỤC ...": the label opens the attachment
            # (unless it is the first body line: then the whole file is that appendix)
            if i - 1 > header_end and (not starts or starts[-1] < i - 1) and APPENDIX_LABEL.match(lines[i - 1].text):
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


class _HeaderScan:
    """What the letterhead scan has seen so far (the state of :func:`find_header_end`)."""

    __slots__ = ("type_seen", "title", "title_open", "kinh_gui", "saw_header", "seen_anchor", "type_line")

    def __init__(self) -> None:
        self.type_seen = False
        self.title: list[int] = []
        self.title_open = False
        self.kinh_gui = False  # inside a "Kính gửi:" list
        self.saw_header = False
        self.seen_anchor = False  # "Số:", the motto or the place/date line has been seen
        self.type_line: int | None = None


def find_header_end(lines: Lines, lo: int, hi: int) -> tuple[int, list[int], int | None]:
    """Index of the first body line, the title (trích yếu) lines, and the type line."""
    i = lo
    s = _HeaderScan()
    # a letterhead whose issuer lost its capitals ("ủy Ban Nhân Dân") still has its anchors:
    # the header reaches at least the last "Số:"/motto/place-date line among the first lines
    last_anchor = max((j for j in range(lo, min(hi, lo + 12)) if lines[j].is_anchor), default=-1)
    while i < hi:
        ln = lines[i]
        text = ln.text
        if ln.is_row:
            # a data table before any body text: keep scanning only if the header is not done
            if s.saw_header and (s.type_seen or s.title):
                break
            i += 1
            continue
        if ln.is_header_furniture:
            s.seen_anchor = s.seen_anchor or not ln.is_rule
            s.saw_header = True
            s.title_open = False
            i += 1
            continue
        so = ln.number_value
        if so is not None and len(text) < 120:
            s.seen_anchor = True
            s.saw_header = True
            s.title_open = False
            i += 1
            if not so.strip() and i < hi and lines[i].is_symbol_only:
                i += 1
            continue
        if ln.subject_line is not None and not s.title:
            s.saw_header = True
            s.title.append(i)
            s.title_open = True
            i += 1
            continue
        if ln.is_kinh_gui or ln.is_telegram_address:
            s.saw_header = True
            s.kinh_gui = True
            s.title_open = False
            i += 1
            continue
        if s.kinh_gui and text[:1] in "-+•" and len(text) < 250:
            i += 1
            continue
        s.kinh_gui = False
        tm = ln.type_line
        # the type name follows the number/date/motto; in the issuer block "ĐỀ ÁN 06" is a name
        if tm and not s.type_seen and is_caps(tm.type) and not tm.rest and (s.seen_anchor or not s.saw_header):
            s.saw_header = True
            s.type_seen = True
            s.type_line = i
            s.title_open = True
            i += 1
            continue
        if tm and tm.rest and not s.type_seen and s.seen_anchor and ln.is_caps() and len(text) < 120:
            # a type name with a qualifier after the letterhead: "BÁO CÁO KIỂM ĐIỂM" -> type "Báo cáo",
            # the title starts with "KIỂM ĐIỂM"
            s.type_seen = True
            s.type_line = i
            s.title.append(i)
            s.title_open = True
            i += 1
            continue
        if s.title_open and _continues_title(lines, s.title, i):
            s.title.append(i)
            i += 1
            continue
        s.title_open = False
        if ln.opens_body:
            break
        wrapped_number = not s.seen_anchor and s.saw_header and text.isdigit() and len(text) < 4
        if (ln.is_caps() and len(text) < 250) or wrapped_number:
            # issuer lines before the motto (a wrapped "ĐỀ ÁN / 06" too), authority lines after the title
            s.saw_header = True
            i += 1
            continue
        if i == lo and len(text) < 150 and i + 1 < hi and (lines[i + 1].is_caps() or lines[i + 1].cells):
            # a portal's page title above the letterhead ("Quyết định 1056/QĐ-CT")
            i += 1
            continue
        if i < last_anchor and len(text) < 200:
            s.saw_header = True
            i += 1
            continue
        break
    if not s.saw_header:
        return lo, [], None
    return i, s.title, s.type_line


def _continues_title(lines: Lines, title: list[int], i: int) -> bool:
    """Is line ``i`` part of the trích yếu that started after the document-type line?"""
    ln = lines[i]
    text = ln.text
    if len(title) >= _TITLE_MAX_LINES or ln.number_value is not None:
        return False
    if ln.opens_body and not (not title and _centred_title(ln)):
        return False
    if ln.is_kinh_gui or ln.starts_with_authority_token or ln.is_telegram_address:
        return False
    if _is_portal_note(text):
        return True  # a portal's inline note inside the title block
    title = [t for t in title if not _is_portal_note(lines[t].text)]
    if not title:
        if ln.is_caps(1):
            return not ln.is_authority_line
        # a sentence ending in "." is body text, unless a rule line under it closes the title block
        return len(text) < 400 and (not text.endswith((".", ";")) or (
            i + 1 < len(lines) and lines[i + 1].is_rule))
    prev = lines[title[-1]]
    if prev.is_caps(1):
        if ln.subject_line is not None:  # "QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN ... / V/v ban hành ..."
            return len(text) < 400
        return ln.is_caps(1) and not ln.is_authority_line and len(text) < 250
    if ln.gap_before or ln.is_caps():
        return False
    return ln.align == "center" and len(text) < 400


def _centred_title(ln: LexLine) -> bool:
    """A centred, unpunctuated line right under the type name is the trích yếu even when it
    opens like a body sentence ("KẾ HOẠCH / Triển khai thực hiện Chương trình ...");
    legal bases ("Căn cứ ...") and numbered units never are. Plain text has no alignment,
    so there the opening words decide alone."""
    text = ln.text
    return (ln.align == "center" and len(text) < 300
            and not text.rstrip().endswith((".", ";", ":", ","))
            and not text.startswith(("Căn cứ", "Xét")) and ln.marker is None)


def _is_portal_note(text: str) -> bool:
    return text.startswith("[") and text.endswith("]")


def is_attachment_start(lines: Lines, i: int) -> bool:
    """A caps document-type line, or an appendix label ("Phụ lục I"), followed within a few lines
    by "(Ban hành kèm theo ...)"."""
    ln = lines[i]
    text = ln.text
    if ln.is_row or len(text) > 300:
        return False
    label = APPENDIX_LABEL.match(text) is not None  # "Phụ lục I" above a title that names no type
    if not label and not text.startswith(ATTACHMENT_TITLE_STARTS) and ln.type_line is None:
        return False
    if not label and not ln.is_caps():
        return False
    for j in range(i + 1, min(i + 7, len(lines))):
        nxt = lines[j]
        if nxt.is_attached_note:
            return True
        if not (nxt.is_caps() or nxt.text.startswith("(") or nxt.align == "center"):
            if j > i + 1 and not lines[j - 1].is_caps():
                return False
    return False


def find_attachment_header_end(lines: Lines, lo: int, hi: int) -> tuple[int, list[int]]:
    """An attachment's title block: type line, title lines, "(Ban hành kèm theo ...)" note."""
    i = lo + 1
    title: list[int] = []
    while i < hi:
        if lines[i].is_attached_note:
            i += 1
            # the note may wrap onto a second line ending with ")"
            while i < hi and not lines[i - 1].text.rstrip().endswith(")") and len(lines[i].text) < 200 \
                    and not lines[i].opens_body:
                i += 1
            break
        title.append(i)
        i += 1
    while i < hi and lines[i].is_rule:
        i += 1
    return i, title


def find_closing(lines: Lines, lo: int, hi: int, *, last: bool) -> tuple[int, int]:
    """Return (body end, closing end): the signature block and "Nơi nhận" list of one part."""
    start = None
    for i in range(lo + 1, hi):
        ln = lines[i]
        if ln.is_row:
            continue
        if ln.is_noi_nhan or ln.is_sign_authority:
            start = i
            break
        if ln.is_adoption and i + 3 >= hi - 12:
            # "Luật này đã được Quốc hội ... thông qua ngày ..." closes a law, before the signature
            start = i
            break
        if ln.is_position and lines[i - 1].text.rstrip().endswith((".", "./.", "./")):
            start = i
            break
    if start is None:
        ends = [i for i in range(lo, hi) if lines[i].text.rstrip().endswith(("./.", "/."))]
        if not ends:
            return hi, hi
        start = ends[-1] + 1
    while start - 1 > lo and lines[start - 1].is_rule:
        start -= 1  # the rule under the last article belongs to the closing block
    end = start
    in_recipients = False
    while end < hi:
        ln = lines[end]
        text = ln.text
        if ln.is_noi_nhan:
            in_recipients = True
        elif in_recipients and text[:1] in "-+•*" and len(text) < 300:
            pass
        elif ln.is_closing_line:
            in_recipients = False
        elif in_recipients and len(text) < 300 and _signature_ahead(lines, end, hi):
            pass  # a recipient wrapped onto a line of its own ("Trợ lý, Thư ký của: ...")
        elif not in_recipients and len(text) < 60 and _signature_ahead(lines, end, hi, within=3):
            pass  # a line inside the signature block ("TM. BAN CHẤP HÀNH / Nhiệm kỳ 2019-2025 / PHÓ CHỦ TỊCH")
        else:
            break
        end += 1
    if not last:
        end = hi
    return start, end


def _signature_ahead(lines: Lines, i: int, hi: int, within: int = 7) -> bool:
    """Is there a signature authority or position within the next ``within`` lines?"""
    for j in range(i + 1, min(hi, i + 1 + within)):
        if lines[j].is_sign_authority or lines[j].is_position:
            return True
    return False


__all__ = ["Part", "Zones", "find_zones", "find_header_end", "find_closing", "is_attachment_start", "is_rule"]
