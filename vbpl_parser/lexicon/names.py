"""Turn upper-case letterhead text into normal-case names with abbreviations expanded.

"UBND TỈNH LÂM ĐỒNG" -> "Ủy ban nhân dân tỉnh Lâm Đồng", "SỞ NỘI VỤ" -> "Sở Nội vụ",
"KT. CHỦ TỊCH" -> "KT. Chủ tịch". Vietnamese capitalises the first word of an agency name
and proper names (places); administrative-unit words stay lower case.
"""
from __future__ import annotations

import re

ABBREVIATIONS = [
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bMTTQ\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"\bTP\.\s*"), "thành phố "),
    (re.compile(r"\bBCĐ\b"), "Ban Chỉ đạo"),
]
_ADMIN_UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
_ADMIN_RE = re.compile(r"\b(" + "|".join(sorted(_ADMIN_UNITS, key=len, reverse=True)) + r")\s+(\S.*)$")
# Words that keep a capital inside agency names (first letter of coordinated proper terms).
_CAPITALISED = {
    "chủ tịch": "Chủ tịch", "chủ nhiệm": "Chủ nhiệm", "chánh văn phòng": "Chánh Văn phòng", "bộ trưởng": "Bộ trưởng",
    "thủ tướng": "Thủ tướng", "giám đốc": "Giám đốc", "trưởng ban": "Trưởng ban", "văn phòng": "Văn phòng",
    "chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "đảng": "Đảng", "việt nam": "Việt Nam",
    "tỉnh ủy": "Tỉnh ủy", "tỉnh uỷ": "Tỉnh ủy", "thành ủy": "Thành ủy",
}
# "sở nội vụ" -> "sở Nội vụ": the specialisation after a head noun is a proper term, and so is
# each coordinated one ("Kế hoạch và Đầu tư", "Văn hóa, Thể thao và Du lịch").
_HEAD_NOUN = re.compile(r"^((?:sở|bộ|ban|cục|tổng cục|vụ|viện|trung tâm|hội(?! đồng)|liên đoàn|quỹ|học viện|trường|"
                        r"chi cục|thanh tra|văn phòng|đài|báo)\s+)(\w)")
_COORDINATED = re.compile(r"(?<=\w)((?:,| và)\s+)(\w)(?=\w*(?:\s|$))")
_VOWELS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_NO_VOWEL_WORD = re.compile(rf"(?<![\w&])[^\W\d_{_VOWELS}{_VOWELS.upper()}]+(?![\w&])")
TONE_NEW_STYLE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
                  "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
# old-style endings ("oà", "uỷ") at the end of a syllable; character classes keep the scan fast
_TONE_RE = re.compile("[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ](?!\\w)|[uU][ỳýỷỹỵỲÝỶỸỴ](?!\\w)")
_TONE_MAP = {**TONE_NEW_STYLE, **{k.upper(): v.upper() for k, v in TONE_NEW_STYLE.items()},
             **{k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in TONE_NEW_STYLE.items()},
             **{k[0] + k[1].upper(): v[0] + v[1].upper() for k, v in TONE_NEW_STYLE.items()}}


def new_tone_style(s: str) -> str:
    """Move tone marks to the modern position ("Uỷ" -> "Ủy", "hoà" -> "hòa") for canonical names.

    Only the two-vowel endings where old and new style differ are touched, only at the end of
    a syllable ("hoàng" keeps its mark), never after "q" ("quỹ" is already right), and the
    result has the same length (offsets survive).
    """
    def fix(m: re.Match[str]) -> str:
        found: str = m.group(0)
        if m.start() and s[m.start() - 1] in "qQ":
            return found
        return _TONE_MAP.get(found, found)

    return _TONE_RE.sub(fix, s)


def expand_abbreviations(s: str) -> str:
    for pat, rep in ABBREVIATIONS:
        s = pat.sub(rep, s)
    return s


def _title_case_words(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in s.split())


def normal_case_name(s: str) -> str:
    """Normal-case an agency name printed in capitals (leave mixed-case input as is)."""
    s = re.sub(r"\s+", " ", s.strip(" .,;:-–|")).strip()
    if any(c.islower() for c in s):
        return new_tone_style(expand_abbreviations(s))
    low = expand_abbreviations(s).lower()
    m = _ADMIN_RE.search(low)
    if m:
        head = low[: m.start()]
        unit = m.group(1)
        place_name = _title_case_words(m.group(2))
        out = (head + unit + " " + place_name).strip()
    else:
        out = low
    out = _HEAD_NOUN.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    if re.match(r"^(?:sở|bộ)\s", out, re.I):  # ministries and departments: "Văn hóa, Thể thao và Du lịch"
        out = _COORDINATED.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    for k, v in _CAPITALISED.items():
        out = re.sub(rf"\b{re.escape(k)}\b", v, out, flags=re.I)
    # a body named after a position: "Bộ trưởng bộ tài chính" -> "Bộ trưởng Bộ Tài chính"
    out = re.sub(r"(?<=trưởng )(bộ|sở) (\w)", lambda m: m.group(1).capitalize() + " " + m.group(2).upper(), out)
    out = out[:1].upper() + out[1:]
    # abbreviations printed in capitals have no vowel ("KHCN", "CĐS", "GPMB"): keep them
    out = _NO_VOWEL_WORD.sub(lambda m: m.group(0).upper() if len(m.group(0)) > 1 else m.group(0), out)
    out = re.sub(r"\S*&\S*", lambda m: m.group(0).upper(), out)
    return new_tone_style(out)


def normal_case_phrase(s: str) -> str:
    """Sentence-case a capitalised phrase such as a position ("PHÓ CHỦ TỊCH" -> "Phó Chủ tịch")."""
    s = re.sub(r"\s+", " ", s.strip())
    if any(c.islower() for c in s):
        return new_tone_style(s)
    return normal_case_name(s)
