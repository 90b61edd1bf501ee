"""Line patterns of the letterhead and the signature block (NĐ 30/2020, Điều 8).

Shared by the zone finder (where does the body start and end?) and the field extractor
(what is the number, the date, the signer?), so both agree on what a line is.
"""
from __future__ import annotations

import re

from ..charclasses import VI_LOWER, VI_UPPER, is_title_word
from ..clean.header_layout import DOC_TYPE_NAMES

UP = VI_UPPER

RULE = re.compile(r"^(?:[-_=–—.·*~\s]{3,}|_{2,})$")
# tolerant of OCR'd diacritics ("CỌNG HÒA XÃ HỘI ...")
MOTTO = re.compile(r"^C\S{1,3}NG\s*H\S{1,3}\s+X\S{1,2}\s+H\S{1,3}\s+CH\S{1,2}\s+NGH\S{1,3}\s+VI\S{1,3}\s+NAM", re.I)
INDEPENDENCE = re.compile(r"^Độc lập\s*[-–]\s*Tự do", re.I)
PARTY_MOTTO = re.compile(r"^ĐẢNG CỘNG SẢN VIỆT NAM$", re.I)
SO_LINE = re.compile(r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|LUẬT)\s+)?(?:Số|SỐ|số|só)\s*[:.]?\s*(?P<value>.*)$")
SYMBOL_ONLY = re.compile(r"^(?:\d+[a-z]?)?\s*[/-]\s*[\wĐđ/&.-]+$")
PLACE_DATE = re.compile(
    # OCR may garble a blank day ("ngày kỖ tháng 6"): a few stray characters are tolerated
    r"^(?P<place>[^,]{2,60}?),\s*ngày\s*(?P<d>\d{1,2})?[^\d,]{0,4}?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})?",
    re.I,
)
VV = re.compile(r"^(?:V/v|V/V|v/v)[\s:.]*(?P<title>.*)$")
DRAFT = re.compile(r"^\(?DỰ THẢO\)?\b", re.I)
_TYPE_ALT = "|".join(sorted((re.escape(t) for t in DOC_TYPE_NAMES), key=len, reverse=True))
DOC_TYPE_LINE = re.compile(rf"^(?:DỰ THẢO\s+)?(?P<type>{_TYPE_ALT})(?:\s+(?P<rest>.*))?$")
KINH_GUI = re.compile(r"^Kính gửi\s*:?", re.I)
# the text of a digital signature or a certified-copy stamp printed on the page:
# "SAO Y; CÔNG AN TỈNH LÂM ĐỒNG; 18/03/2026; 08:32:14; +07:00", "Ký bởi: Văn phòng ..."
SIGNATURE_STAMP = re.compile(
    r"^(?:SAO Y|Sao y|BẢN SAO|Ký bởi|KÝ BỞI|Signed by|Người ký)\b|\d{1,2}:\d{2}:\d{2}\s*[;,]?\s*[+-]\d{2}:\d{2}")
# a Công điện addresses its recipients with the issuer's name: "VĂN PHÒNG CHÍNH PHỦ điện:",
# "THỦ TƯỚNG CHÍNH PHỦ điện:", followed by "- Các Bộ ...;" lines like "Kính gửi:"
TELEGRAM_TO = re.compile(r"^(?P<sender>[^\W\d_][^:;.]{2,80}?)\s+điện\s*:\s*$")
ATTACHED_NOTE = re.compile(r"^\(?\s*(?:Ban hành\s+)?[Kk]èm theo\b|^\(?\s*Ban hành kèm theo\b", re.I)
NOI_NHAN = re.compile(r"^Nơi nhận\s*:?", re.I)
SIGN_AUTHORITY = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|K/T|T/M|T/L|T\.M|K\.T|T\.L)\s*[./]?|Q\.)\s*(?:[" + UP + r"]{2}"
    # legacy capitals fonts lose the case: "TM. chính phủ"
    r"|(?:chính phủ|ủy ban|uỷ ban|chủ tịch|bộ trưởng|thủ tướng|giám đốc)\b)"
)
AUTHORITY_TOKEN = re.compile(
    r"(?<![^\s|])(?:(?P<tok>TM|KT|TL|TUQ|K/T|T/M|T/L)(?:\s*[./]\s*|\s+)|(?P<q>Q)\.\s*)"
    r"(?=[" + UP + r"]{2}|(?:chính phủ|ủy ban|uỷ ban|chủ tịch|bộ trưởng|thủ tướng|giám đốc)\b)"
)
POSITION_WORDS = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ",
    "PHÓ BÍ THƯ", "CHỦ NHIỆM", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "CHÁNH THANH TRA", "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG", "GIÁM ĐỐC SỞ", "TỔNG THƯ KÝ", "CHỦ TỊCH QUỐC HỘI", "CHỦ TỊCH NƯỚC", "TRƯỞNG ĐOÀN",
    "TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "CHÁNH ÁN", "HIỆU TRƯỞNG", "GIÁM ĐỐC CÔNG AN TỈNH", "TRƯỞNG CÔNG AN",
)
POSITION_LINE = re.compile(
    r"^(?:PHÓ\s+)?(?:" + "|".join(sorted((re.escape(p) for p in POSITION_WORDS), key=len, reverse=True)) + r")(?:\s+[" + UP + r"][" + UP + r"\s,&-]*)?$"
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
    r"^(?P<key>Người ký|Ngày ban hành|Số hiệu|Loại văn bản|Cơ quan ban hành|Nơi ban hành)\s*\|\s*(?P<value>[^|]+?)\s*\|?$"
)


def is_caps(line: str, min_letters: int = 3) -> bool:
    """All letters upper-case, with at least ``min_letters`` of them ("KẾ HOẠCH", "II. MỤC TIÊU")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= min_letters and all(c.isupper() for c in letters)


def is_rule(line: str) -> bool:
    return bool(RULE.match(line))
