"""Names of public bodies: the gazetteer (``agencies.tsv``), group mentions
(``agency_groups.tsv``), the people's committee/council family and the head nouns of open
classes ("Sở X", "Ban Quản lý X", "Trung tâm X").

Only the vocabulary lives here; :mod:`vbpl_parser.tag.agencies` decides where a name starts
and ends and which candidate wins.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .chars import VI_LOWER, VI_UPPER
from .names import new_tone_style
from .tables import read_tsv
from .trie import trie_pattern, word_start_alternation

_U = VI_UPPER
_L = VI_LOWER
PLACE_WORD = rf"(?:[{_U}][{_L}]*|\d+[A-Za-z]?)"
PLACE = rf"(?:[ \t]+{PLACE_WORD}(?:[ \t]+{PLACE_WORD}){{0,4}})"
PLACE_RE = re.compile(PLACE)
_UNIT = r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|Phường|Xã|Thị trấn|Quận|Thành phố)"
_GROUP_UNITS = (
    r"(?:cấp|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|địa phương)"
)
#: "Ủy ban nhân dân" / "Hội đồng nhân dân" with its place, level or group ("UBND các xã, phường")
COMMITTEE = re.compile(
    "(?P<body>" + word_start_alternation(["Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", "UBND", "Hội đồng nhân dân",
                                           "HỘI ĐỒNG NHÂN DÂN", "HĐND"]) + ")"
    rf"(?:(?P<group>[ \t]+các[ \t]+{_GROUP_UNITS}"
    rf"(?:(?:,[ \t]*|[ \t]+và[ \t]+)(?:các[ \t]+)?(?:{_GROUP_UNITS}(?:{PLACE})?))*"
    r"(?:[ \t]+trực[ \t]+thuộc[ \t]+(?:Trung ương|trung ương|tỉnh|thành phố))?"
    r"(?:[ \t]+(?:có[ \t]+)?liên quan)?)"
    rf"|[ \t]+(?P<level>cấp[ \t]+(?:tỉnh|huyện|xã))"
    rf"|[ \t]+(?P<unit>{_UNIT})(?P<place>{PLACE})?"
    r"|[ \t]+(?P<local>địa phương(?:[ \t]+(?:có[ \t]+)?liên quan)?))?"
)
#: head nouns of open classes of bodies: what follows is the body's own name
HEAD_NOUNS = (
    "Sở", "Ban Quản lý", "Ban quản lý", "Trung tâm", "Ban Chỉ đạo", "Chi cục", "Cục", "Tổng cục", "Phòng",
    "Bệnh viện", "Trường", "Viện", "Quỹ", "Hội", "Liên đoàn", "Đài", "Báo", "Văn phòng", "Ban",
)
OPEN = re.compile(rf"(?P<head>{word_start_alternation(list(HEAD_NOUNS))})[ \t]+(?=[{_U}\w])")
#: a place word before a head noun makes it a place name: "phường Sở Dầu", "đường Sở ..."
PLACE_BEFORE = re.compile(r"(?:đường|phố|phường|xã|thôn|ấp|số|khu|tổ|ngõ|hẻm)\s+$", re.IGNORECASE)
#: first words of body names (lower case): a comma before one separates two bodies
HEAD_WORDS = {"sở", "ban", "bộ", "trung", "chi", "cục", "tổng", "phòng", "bệnh", "trường", "viện", "quỹ", "hội",
              "liên", "đài", "báo", "văn", "ủy", "uỷ", "ubnd", "hđnd", "công", "thanh", "kho", "nhà", "cơ"}
#: a locality or a number that closes an open name ("... tỉnh", "Ban Quản lý dự án ... số 1")
NAME_END = re.compile(rf"[ \t]+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?:{PLACE})?|[ \t]+số[ \t]+\d+")
#: words that start the predicate after a subject: a name never runs into them
VERB_STOP = {
    "chủ", "phối", "có", "tham", "theo", "thực", "triển", "tổ", "chịu", "tiếp", "tập", "khẩn", "đẩy", "chỉ",
    "hướng", "kiểm", "rà", "đề", "được", "là", "và", "với", "để", "trong", "tại", "về", "cho", "của",
    "đã", "sẽ", "cần", "phải", "nghiên", "xây", "hoàn", "thường", "căn", "đôn", "giao", "yêu", "làm", "trình",
    "ban", "thẩm", "cung", "gửi", "nếu", "khi", "thì", "này", "đó", "các", "những", "bảo", "quản", "lập",
    "như", "hoặc", "sáp", "gồm",
}
#: capitalised parts of one name joined by "," and "và": "Văn hóa, Thể thao và Du lịch"
COMMA_LIST = re.compile(rf"\s*[{_U}][{_L}]*(?:\s+[{_L}]+){{0,3}}(?:\s+[{_U}][{_L}]*(?:\s+[{_L}]+)?)?\s+và\s+[{_U}]")
# Investors and contractors receive tasks in conclusion notices; they are bodies, if private ones.
PARTY = re.compile(
    word_start_alternation(["Nhà đầu tư", "nhà đầu tư", "Nhà Đầu tư", "Chủ đầu tư", "chủ đầu tư", "Nhà thầu",
                            "nhà thầu"])
    + r"(?!\w)(?:[ \t]+(?:\d+[ \t]+dự án|(?:của[ \t]+)?(?:\d+[ \t]+)?[Dd]ự án[ \t]+[^,;:.\n]*?"
    r"(?=[,;:.\n]|[ \t]+(?:và|phối|chủ|lập|khẩn|thực|phải|không|khi|gửi|nộp|chịu|được|có[ \t]+trách|tổ[ \t]+chức|"
    r"báo[ \t]+cáo|đề[ \t]+nghị)\b|$)))?"
)
#: "Sở Giáo dục và Đào tạo thành phố Hà Nội": the locality after a curated name is part of it
LOCALITY_TAIL = re.compile(rf"[ \t]+(?:tỉnh|thành phố|Thành phố|TP\.?)(?:{PLACE})")
#: words an open name never ends with
TRAILING_STOP = {"và", "với", "các", "của", "tại", "cho", "theo"}
#: where a group mention can start
GROUP_START = re.compile(word_start_alternation(["các", "Các", "địa phương", "Địa phương", "cơ quan"]) + r"(?!\w)")
# the head of a body ("Giám đốc Sở Tài chính", "Thủ trưởng cơ quan ngang bộ") is assigned work
# in its body's name: the position joins the mention, the canonical name stays the body's
POSITION_BEFORE = re.compile(
    r"(?:(?:Phó|phó)[ \t]+)?(?:Chánh|Giám đốc|giám đốc|Chủ tịch|chủ tịch|Chánh Văn phòng|Chánh văn phòng|"
    r"Thủ trưởng|thủ trưởng|"
    r"Bộ trưởng|Thứ trưởng|Trưởng ban|Chánh Thanh tra|Cục trưởng|Tổng Giám đốc|Hiệu trưởng|Viện trưởng|"
    r"Tổng cục trưởng|Vụ trưởng|Trưởng phòng|Chủ nhiệm|Chỉ huy trưởng|Thống đốc)[ \t]+(?:các[ \t]+)?$"
)
#: an abbreviation inside a name: "KH&ĐT", "UBND"
ABBREV_TOKEN = re.compile(r"(?<!\w)(?:[A-ZĐ]{2,}|\S*&\S*)(?!\w)")
#: a name never crosses a line break, a table-cell separator, ";", ":" or a parenthesis
NAME_STOP = re.compile(r"\n| \| |[;:()]")
NAME_WORD = re.compile(r"[^\s,;:.()|]+|,")
#: the province named by an issuer ("Ủy ban nhân dân tỉnh Lâm Đồng" -> "Lâm Đồng")
PROVINCE_OF = re.compile(rf"\btỉnh\s+({PLACE_WORD}(?:\s+{PLACE_WORD}){{0,3}})\s*$")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[re.Pattern[str], dict[str, str]]:
    """Trie regex over lower-cased aliases (matched against lower-cased text: no IGNORECASE,
    which would defeat ``re``'s literal-prefix scanning), and alias -> canonical name."""
    alias_to_name: dict[str, str] = {}
    for row in read_tsv("agencies.tsv"):
        canonical, aliases = row[0], row[1].split("|")
        for alias in aliases:
            alias_to_name[new_tone_style(alias).lower()] = canonical
    pattern = trie_pattern(sorted(alias_to_name), word_start=True)
    return re.compile(rf"{pattern}(?!\w)"), alias_to_name


@lru_cache(maxsize=1)
def group_patterns() -> tuple[re.Pattern[str], ...]:
    """One pattern per group row: each is tried separately so the longest match wins."""
    return tuple(re.compile(rf"(?<!\w)(?:{row[0]})(?!\w)", re.IGNORECASE) for row in read_tsv("agency_groups.tsv"))
