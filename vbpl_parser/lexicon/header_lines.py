"""Lines of the letterhead and the signature block (NĐ 30/2020, Điều 8), as patterns.

Shared by the cleaning step that re-splits a flattened letterhead, the lex pass that
classifies every line once, the zone finder (where does the body start and end?) and the
field extractor (what is the number, the date, the signer?), so that all of them agree on
what a line is.
"""
from __future__ import annotations

import re

from . import dates
from .chars import VI_LOWER, VI_UPPER, is_title_word
from .doc_types import attachment_title_starts, header_type_names, reference_type_names
from .symbols import SYMBOL
from .trie import word_start_alternation

UP = VI_UPPER
__all__ = ["is_title_word"]  # re-exported for the signature parser

RULE = re.compile(r"^(?:[-_=–—.·*~\s]{3,}|_{2,})$")
# tolerant of OCR'd diacritics ("CỌNG HÒA XÃ HỘI ...")
MOTTO = re.compile(r"^C\S{1,3}NG\s*H\S{1,3}\s+X\S{1,2}\s+H\S{1,3}\s+CH\S{1,2}\s+NGH\S{1,3}\s+VI\S{1,3}\s+NAM", re.I)
INDEPENDENCE = re.compile(r"^Độc lập\s*[-–]\s*Tự do", re.I)
PARTY_MOTTO = re.compile(r"^ĐẢNG CỘNG SẢN VIỆT NAM$", re.I)
SO_LINE = re.compile(r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|LUẬT)\s+)?(?:Số|SỐ|số|só)\s*[:.]?\s*(?P<value>.*)$")
PLACE_DATE = re.compile(r"^(?P<place>[^,]{2,60}?),\s*ngày\s*" + dates.spelled_blank(), re.I)
VV = re.compile(r"^(?:V/v|V/V|v/v)[\s:.]*(?P<title>.*)$")
DRAFT = re.compile(r"^\(?DỰ THẢO\)?\b", re.I)
#: the type names a letterhead prints, longest first
HEADER_TYPES_ALT = "|".join(sorted((re.escape(t) for t in header_type_names()), key=len, reverse=True))
DOC_TYPE_LINE = re.compile(rf"^(?:DỰ THẢO\s+)?(?P<type>{HEADER_TYPES_ALT})(?:\s+(?P<rest>.*))?$")
#: the capitals that open an attached document's title ("QUY ĐỊNH", "PHỤ LỤC", "MẪU")
ATTACHMENT_TITLE_STARTS = attachment_title_starts()
APPENDIX_LABEL = re.compile(r"^(?:Phụ lục|PHỤ LỤC|Mẫu số|MẪU SỐ|Biểu số|BIỂU SỐ)\s+[\dIVXLC]+[a-z]?\s*[.:]?$")
#: an appendix's label, capitals title and note flattened onto one line by a portal:
#: "Biểu số 1 MỨC TRỢ CẤP XÃ HỘI ... (Kèm theo Quyết định số: 1056/QĐ-CT ngày 16/8/2010 ...)"
FLAT_APPENDIX_TITLE = re.compile(
    r"^(?P<label>(?:Phụ lục|PHỤ LỤC|Mẫu số|MẪU SỐ|Biểu số|BIỂU SỐ)\s+[\dIVXLC]+[a-z]?\s*[.:]?)\s+"
    rf"(?P<title>[{UP}0-9][^()]*?)\s*(?P<note>\((?:Ban hành\s+)?[Kk]èm theo\b.*)$")
KINH_GUI = re.compile(r"^Kính gửi\s*:?", re.I)
# the text of a digital signature or a certified-copy stamp printed on the page:
# "SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 18/03/2026; 08:32:14; +07:00", "Ký bởi: Văn phòng ..."
SIGNATURE_STAMP = re.compile(
    r"^(?:SAO Y|Sao y|BẢN SAO|Ký bởi|KÝ BỞI|Signed by|Người ký)\b|\d{1,2}:\d{2}:\d{2}\s*[;,]?\s*[+-]\d{2}:\d{2}")
# a Công điện addresses its recipients with the issuer's name: "VĂN PHÒNG CHÍNH PHỦ điện:",
# "THỦ TƯỚNG CHÍNH PHỦ điện:", followed by "- Các Bộ ...;" lines like "Kính gửi:"
TELEGRAM_TO = re.compile(r"^(?P<sender>[^\W\d_][^:;.]{2,80}?)\s+điện\s*:\s*$")
#: the note under an attached document's title: "(Ban hành kèm theo Quyết định số ...)",
#: "(Kèm theo ...)", and in older documents "(Ban hành theo Quyết định số ...)"
ATTACHED_NOTE = re.compile(r"^\(?\s*(?:Ban hành\s+(?:kèm\s+)?theo|kèm theo)\b", re.I)
NOI_NHAN = re.compile(r"^Nơi nhận\s*:?", re.I)
# legacy capitals fonts lose the case: "TM. chính phủ"
_LOST_CAPITALS = r"(?:chính phủ|ủy ban|uỷ ban|chủ tịch|bộ trưởng|thủ tướng|giám đốc)\b"
SIGN_AUTHORITY = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|K/T|T/M|T/L|T\.M|K\.T|T\.L)\s*[./]?|Q\.)\s*(?:[" + UP + r"]{2}|" + _LOST_CAPITALS + ")"
)
AUTHORITY_TOKEN = re.compile(
    r"(?<![^\s|])(?:(?P<tok>TM|KT|TL|TUQ|K/T|T/M|T/L)(?:\s*[./]\s*|\s+)|(?P<q>Q)\.\s*)"
    r"(?=[" + UP + r"]{2}|" + _LOST_CAPITALS + ")"
)
POSITION_WORDS = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ",
    "PHÓ BÍ THƯ", "CHỦ NHIỆM", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "CHÁNH THANH TRA", "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG", "GIÁM ĐỐC SỞ", "TỔNG THƯ KÝ", "CHỦ TỊCH QUỐC HỘI", "CHỦ TỊCH NƯỚC", "TRƯỞNG ĐOÀN",
    "TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "CHÁNH ÁN", "HIỆU TRƯỞNG", "GIÁM ĐỐC CÔNG AN TỈNH", "TRƯỞNG CÔNG AN",
)
POSITION_LINE = re.compile(
    r"^(?:PHÓ\s+)?(?:" + "|".join(sorted((re.escape(p) for p in POSITION_WORDS), key=len, reverse=True))
    + r")(?:\s+[" + UP + r"][" + UP + r"\s,&-]*)?$"
)
#: words of a position that, in a signer's name, show it is a wrapped position instead
#: ("Phó Chứ Tịch Thường Trực", "Đoàn Thư Ký")
POSITION_IN_NAME = re.compile(
    r"(?:^|\s)(?:Ch[ủứu]\s+T[ịi]ch|Th[ưu]\s+K[ýy]|Thường\s+Trực|Giám\s+Đốc|Trưởng|Phó)(?:\s|$)", re.I)
#: the start every line of a signature block may have ("Nơi nhận", "TM./KT./TL./Q.", a law's
#: adoption formula, a position in capitals): a line without it is none of those, which the zone
#: finder learns from one match instead of four on every body line
CLOSING_START = re.compile(
    r"^(?:(?i:nơi nhận)|[TKQ]|(?:Bộ luật|Luật|Nghị quyết|Pháp lệnh|Hiến pháp) này|(?:PHÓ\s+)?(?:"
    + "|".join(sorted((re.escape(p) for p in POSITION_WORDS), key=len, reverse=True)) + "))"
)
PERSON_NAME = re.compile(r"^[" + UP + r"][" + VI_LOWER + r"]+(?:\s+[" + UP + r"][" + VI_LOWER + r"]*){1,4}$")
SIGNED_MARK = re.compile(r"^\(?(?:Đã ký|đã ký|Đã ký và đóng dấu|Ký bởi|Ký tên|ký tên)\b.*$")
BODY_START = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Xét|Trên cơ sở|Để|Ngày \d|Sau khi|Nhằm|Tiếp tục|Trong|Qua|"
    r"Thời gian qua|Hiện nay|Triển khai|Thi hành|Chính phủ ban hành|Bộ trưởng|Thủ tướng|Quốc hội ban hành)\b"
)
ADOPTION = re.compile(
    r"^(?:Bộ luật|Luật|Nghị quyết|Pháp lệnh|Hiến pháp) này (?:đã )?được .{0,200}?(?:thông qua|ban hành)\b"
)
PORTAL_FIELD = re.compile(
    r"^(?P<key>Người ký|Ngày ban hành|Số hiệu|Loại văn bản|Cơ quan ban hành|Nơi ban hành)"
    r"\s*\|\s*(?P<value>[^|]+?)\s*\|?$"
)
#: the letterhead's date line, complete without a full stop ("Hà nội, ngày 14 tháng 7 năm 1998"),
#: and the number line: never the start of a hard-wrapped sentence
HEADER_LINE = re.compile(r"^(?:[^,]{2,60},\s*ngày\b.*năm\s*\d{0,4}\s*$|(?:Số|SỐ)\s*:)")
YEAR_OF_DATE_LINE = re.compile(dates.YEAR_AFTER_NGAY)

# ---- issuer lines ------------------------------------------------------------------------
LOCALITY_START = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|TP\.?|ĐẶC KHU)\b")
GENERIC_BODY = re.compile(r"^(?:(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|UBND|HĐND)$")
#: a portal's "Cơ quan ban hành" value naming a province or city ("Tỉnh Lâm Đồng")
PROVINCE_NAME = re.compile(r"^(?:Tỉnh|Thành phố)\s+\S")
BODY_NAME = re.compile(r"^(?:(?:ỦY|UỶ) BAN|HỘI ĐỒNG|BỘ |SỞ |BAN |CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG)")

# ---- one-line headers of older documents ----------------------------------------------------
# ", ngày 10/10/2003" or " ngày 8 tháng 3 năm 2001", optional: the date in a one-line header
NGAY_DATE = rf"(?:,?\s+ngày\s+(?:{dates.numeric(seps='/')}|{dates.spelled()}))?"
#: "QUYẾT ĐỊNH / CỦA ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ [SỐ 13/2001/TT-BTC NGÀY ...]"
OF_ISSUER_LINE = re.compile(
    rf"^của\s+(?P<issuer>.{{2,100}}?)(?:\s+số\s*:?\s*(?P<sym>{SYMBOL}))?{NGAY_DATE}\s*$", re.IGNORECASE)
#: "Nghị định của Chính phủ số 114/2003/NĐ-CP ngày 10/10/2003 về cán bộ, công chức ..."
TITLE_LINE = re.compile(
    rf"^(?P<type>{word_start_alternation(list(reference_type_names()))})(?:\s+của\s+(?P<issuer>.{{2,80}}?))?"
    rf"\s+[Ss]ố\s*:?\s*(?P<sym>{SYMBOL}){NGAY_DATE}\s*(?P<title>.*)$"
)

# ---- a letterhead flattened onto one line (portals) -------------------------------------------
LAYOUT_RULE = re.compile(r"[-_=–—.·*~]{4,}")
LAYOUT_ANCHORS = re.compile(
    rf"(?P<motto>CỘNG H[OÒ]À XÃ HỘI CHỦ NGHĨA VIỆT NAM|C[ỘO]NG H[OÒ]A X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM)"
    rf"|(?P<indep>Độc lập\s*[-–]\s*Tự do)"
    rf"|(?P<so>(?<![^\s|])(?:Số|SỐ|số|só)\s*:)"
    rf"|(?P<place>(?<![^\s|])(?:TP\.\s*)?[{UP}][^\s,:;]*"
    rf"(?:\s+(?:thành phố|phố|tỉnh|huyện|quận|thị xã|xã|[{UP}][^\s,:;]*)){{0,5}},\s*ngày\b)"
    rf"|(?P<type>(?<![^\s|])(?:DỰ THẢO\s+)?(?:{HEADER_TYPES_ALT})(?![^\s:,]))"
    rf"|(?P<bracket>\[)"
)
#: the end of a flattened date line: "... năm 2010" (or a blank "năm")
LAYOUT_DATE_END = re.compile(r".*?năm\s*\d{1,4}|.*?năm\b")
# Authority lines that close the title of a QĐ/NQ/NĐ: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X",
# "ỦY BAN NHÂN DÂN TỈNH X", "BỘ TRƯỞNG BỘ NỘI VỤ", "THỦ TƯỚNG CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN ...".
AUTHORITY = re.compile(
    rf"(?<![^\s])(?:(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TRƯỞNG|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN)\s+)?"
    rf"(?:(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BỘ\s+[{UP}]|THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ$|BAN THƯỜNG VỤ|"
    rf"ỦY BAN THƯỜNG VỤ QUỐC HỘI|QUỐC HỘI$|SỞ\s+[{UP}])[{UP}0-9 ,\-–&]*$"
)
#: opening words of the body where a flattened letterhead ends ("Kính gửi" included: a
#: Công văn's address ends the letterhead block as the body does)
LAYOUT_BODY_START = re.compile(
    r"(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Xét|Trên cơ sở|Kính gửi|Để|Ngày \d|Sau khi|Nhằm|Tiếp tục)\b"
)


def is_caps(line: str, min_letters: int = 3) -> bool:
    """All letters upper-case, with at least ``min_letters`` of them ("KẾ HOẠCH", "II. MỤC TIÊU")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= min_letters and all(c.isupper() for c in letters)


def is_rule(line: str) -> bool:
    return bool(RULE.match(line))


def is_authority_line(text: str) -> bool:
    """An authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"), not a title starting "VỀ ..."."""
    return bool(AUTHORITY.match(text)) and not text.startswith(("VỀ ", "V/V"))
