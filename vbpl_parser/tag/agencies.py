"""Agencies: mentions of public bodies and their canonical names.

Three sources, tried at every place a name can start, longest match wins:

1. the curated gazetteer (``data/agencies.tsv``: ministries, departments, provincial
   bodies, Party and mass organisations, with their abbreviations);
2. the people's committee/council family, which is open-ended by place
   ("UBND xã Bảo Lâm 2", "Ủy ban nhân dân các huyện, thị xã và thành phố Huế");
3. open classes anchored on a head noun (Sở X, Ban Quản lý X, Trung tâm X, Ban Chỉ đạo X),
   and group mentions (``data/agency_groups.tsv``: "các sở, ban, ngành", "các địa phương").

Matching runs on a copy of the text with tone marks moved to the modern position ("Uỷ" →
"Ủy"), which has the same length, so offsets stay valid for the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..charclasses import VI_LOWER, VI_UPPER
from ..data import read_tsv
from ..header.names import expand_abbreviations, new_tone_style
from .trie import trie_pattern, word_start_alternation

_U = VI_UPPER
_L = VI_LOWER
_PLACE_WORD = rf"(?:[{_U}][{_L}]*|\d+[A-Za-z]?)"
_PLACE = rf"(?:[ \t]+{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,4}})"
_PLACE_RE = re.compile(_PLACE)
_UNIT = r"(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|Phường|Xã|Thị trấn|Quận)"
_GROUP_UNITS = (
    r"(?:cấp|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|địa phương)"
)
_COMMITTEE = re.compile(
    "(?P<body>" + word_start_alternation(["Ủy ban nhân dân", "ỦY BAN NHÂN DÂN", "UBND", "Hội đồng nhân dân",
                                           "HỘI ĐỒNG NHÂN DÂN", "HĐND"]) + ")"
    rf"(?:(?P<group>[ \t]+các[ \t]+{_GROUP_UNITS}(?:(?:,[ \t]*|[ \t]+và[ \t]+)(?:các[ \t]+)?(?:{_GROUP_UNITS}(?:{_PLACE})?))*"
    r"(?:[ \t]+(?:có[ \t]+)?liên quan)?)"
    rf"|[ \t]+(?P<level>cấp[ \t]+(?:tỉnh|huyện|xã))"
    rf"|[ \t]+(?P<unit>{_UNIT})(?P<place>{_PLACE})?"
    r"|[ \t]+(?P<local>địa phương(?:[ \t]+(?:có[ \t]+)?liên quan)?))?"
)
_HEAD_NOUNS = (
    "Sở", "Ban Quản lý", "Ban quản lý", "Trung tâm", "Ban Chỉ đạo", "Chi cục", "Cục", "Tổng cục", "Phòng",
    "Bệnh viện", "Trường", "Viện", "Quỹ", "Hội", "Liên đoàn", "Đài", "Báo", "Văn phòng", "Ban",
)
_PLACE_BEFORE = re.compile(r"(?:đường|phố|phường|xã|thôn|ấp|số|khu|tổ|ngõ|hẻm)\s+$", re.IGNORECASE)
_HEAD_WORDS = {"sở", "ban", "bộ", "trung", "chi", "cục", "tổng", "phòng", "bệnh", "trường", "viện", "quỹ", "hội",
               "liên", "đài", "báo", "văn", "ủy", "uỷ", "ubnd", "hđnd", "công", "thanh", "kho", "nhà", "cơ"}
_OPEN = re.compile(rf"(?P<head>{word_start_alternation(list(_HEAD_NOUNS))})[ \t]+(?=[{_U}\w])")
_NAME_END = re.compile(rf"[ \t]+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?:{_PLACE})?|[ \t]+số[ \t]+\d+")
# words that start the predicate after a subject: a name never runs into them
_VERB_STOP = {
    "chủ", "phối", "có", "tham", "theo", "thực", "triển", "tổ", "chịu", "tiếp", "tập", "khẩn", "đẩy", "chỉ",
    "hướng", "kiểm", "rà", "đề", "được", "là", "và", "với", "để", "trong", "tại", "về", "cho", "của",
    "đã", "sẽ", "cần", "phải", "nghiên", "xây", "hoàn", "thường", "căn", "đôn", "giao", "yêu", "làm", "trình",
    "ban", "thẩm", "cung", "gửi", "nếu", "khi", "thì", "này", "đó", "các", "những", "bảo", "quản", "lập",
    "như", "hoặc", "sáp", "gồm",
}
_COMMA_LIST = re.compile(rf"\s*[{_U}][{_L}]*(?:\s+[{_L}]+){{0,3}}(?:\s+[{_U}][{_L}]*(?:\s+[{_L}]+)?)?\s+và\s+[{_U}]")
# Investors and contractors receive tasks in conclusion notices; they are bodies, if private ones.
_PARTY = re.compile(
    word_start_alternation(["Nhà đầu tư", "nhà đầu tư", "Nhà Đầu tư", "Chủ đầu tư", "chủ đầu tư", "Nhà thầu",
                            "nhà thầu"])
    + r"(?!\w)(?:[ \t]+(?:\d+[ \t]+dự án|(?:của[ \t]+)?(?:\d+[ \t]+)?[Dd]ự án[ \t]+[^,;:.\n]*?"
    r"(?=[,;:.\n]|[ \t]+(?:và|phối|chủ|lập|khẩn|thực|phải|không|khi|gửi|nộp|chịu|được|có[ \t]+trách|tổ[ \t]+chức|"
    r"báo[ \t]+cáo|đề[ \t]+nghị)\b|$)))?"
)
_LOCALITY_TAIL = re.compile(rf"[ \t]+(?:tỉnh|thành phố|Thành phố|TP\.?)(?:{_PLACE})")
_TRAILING_STOP = {"và", "với", "các", "của", "tại", "cho", "theo"}


@dataclass(slots=True)
class AgencyMention:
    start: int
    end: int
    text: str
    name: str  # canonical (province resolved)
    written: str  # as written, abbreviations expanded, modern tone marks (for task roles)
    is_group: bool
    source: str


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern, dict[str, str]]:
    """Trie regex over lower-cased aliases (matched against lower-cased text: no IGNORECASE,
    which would defeat ``re``'s literal-prefix scanning), and alias -> canonical name."""
    alias_to_name: dict[str, str] = {}
    for row in read_tsv("agencies.tsv"):
        canonical, aliases = row[0], row[1].split("|")
        for alias in aliases:
            alias_to_name[new_tone_style(alias).lower()] = canonical
    pattern = trie_pattern(sorted(alias_to_name), word_start=True)
    return re.compile(rf"{pattern}(?!\w)"), alias_to_name


_GROUP_START = re.compile(word_start_alternation(["các", "Các", "địa phương", "Địa phương", "cơ quan"]) + r"(?!\w)")
# the head of a body ("Giám đốc Sở Tài chính", "Thủ trưởng cơ quan ngang bộ") is assigned work
# in its body's name: the position joins the mention, the canonical name stays the body's
_POSITION_BEFORE = re.compile(
    r"(?:(?:Phó|phó)[ \t]+)?(?:Chánh|Giám đốc|giám đốc|Chủ tịch|chủ tịch|Chánh Văn phòng|Chánh văn phòng|Thủ trưởng|thủ trưởng|"
    r"Bộ trưởng|Thứ trưởng|Trưởng ban|Chánh Thanh tra|Cục trưởng|Tổng Giám đốc|Hiệu trưởng|Viện trưởng|"
    r"Tổng cục trưởng|Vụ trưởng|Trưởng phòng|Chủ nhiệm|Chỉ huy trưởng|Thống đốc)[ \t]+(?:các[ \t]+)?$"
)


@lru_cache(maxsize=1)
def _groups() -> tuple[re.Pattern, ...]:
    """One pattern per group row: each is tried separately so the longest match wins."""
    return tuple(re.compile(rf"(?<!\w)(?:{row[0]})(?!\w)", re.IGNORECASE) for row in read_tsv("agency_groups.tsv"))


class AgencyMatcher:
    """Finds agency mentions in text; ``province`` resolves a bare "tỉnh"."""

    def __init__(self, province: str | None = None) -> None:
        self.province = province

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AgencyMention]:
        end = len(text) if end is None else end
        seg = new_tone_style(text[start:end])
        cands: list[AgencyMention] = []
        gaz, alias_to_name = _gazetteer()
        low = seg.lower()
        if len(low) != len(seg):  # a rare letter whose lower case is longer: keep offsets exact
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in seg)
        for m in gaz.finditer(low):
            s, e = m.start(), m.end()
            if m.group(0).endswith(("tỉnh", "huyện")):
                e = _extend_place(seg, e)
            else:  # "Sở Giáo dục và Đào tạo thành phố Hà Nội": the locality is part of the name
                loc = _LOCALITY_TAIL.match(seg, e)
                e = loc.end() if loc else e
            canonical = alias_to_name.get(m.group(0), m.group(0))
            written = _written(seg[s:e], canonical, seg[m.start():m.end()])
            cands.append(self._mention(text, start, s, e, self._resolve(canonical, seg[m.end():e]), written,
                                       False, "gazetteer"))
        for m in _COMMITTEE.finditer(seg):
            cands.append(self._committee(text, start, m))
        for m in _OPEN.finditer(seg):
            if _PLACE_BEFORE.search(seg, max(0, m.start() - 12), m.start()):
                continue  # "phường Sở Dầu", "đường Sở ..." are places, not departments
            if m.group("head") in ("Báo", "báo") and seg.startswith("cáo", m.end()):
                continue  # "Báo cáo ..." is a report (or to report), not the newspaper "Báo X"
            e = _open_name_end(seg, m.end())
            if e is None:
                continue
            raw = seg[m.start():e]
            written = expand_abbreviations(raw)
            cands.append(self._mention(text, start, m.start(), e, self._resolve_open(written), written, False, "open"))
        for m in _PARTY.finditer(seg):
            raw = m.group(0)
            cands.append(self._mention(text, start, m.start(), m.end(), raw[0].upper() + raw[1:], raw, False, "party"))
        for g in _GROUP_START.finditer(seg):
            best = None
            for pat in _groups():
                m = pat.match(seg, g.start())
                if m and (best is None or m.end() > best.end()):
                    best = m
            if best is not None:
                raw = best.group(0)
                written = raw[0].lower() + raw[1:] if raw[:3].lower() == "các" else raw
                cands.append(self._mention(text, start, best.start(), best.end(), written, written, True, "group"))
        return [self._with_position(text, start, seg, m) for m in _resolve_overlaps(cands)
                if not _inside_address(seg, m.start - start, m.end - start)]

    def _with_position(self, text: str, base: int, seg: str, m: AgencyMention) -> AgencyMention:
        s = m.start - base
        pos = _POSITION_BEFORE.search(seg, max(0, s - 40), s)
        if pos is None:
            return m
        prefix = seg[pos.start():s]
        return AgencyMention(base + pos.start(), m.end, text[base + pos.start():m.end], m.name, prefix + m.written,
                             m.is_group, m.source)

    # --- helpers -------------------------------------------------------------------------
    def _mention(self, text: str, base: int, s: int, e: int, name: str, written: str, group: bool, source: str):
        return AgencyMention(base + s, base + e, text[base + s:base + e], name, written, group, source)

    def _resolve(self, canonical: str, place_tail: str) -> str:
        if place_tail.strip():
            return canonical + place_tail
        if canonical.endswith(" tỉnh") and self.province:
            return f"{canonical} {self.province}"
        return canonical

    def _resolve_open(self, written: str) -> str:
        if written.endswith(" tỉnh") and self.province:
            return f"{written} {self.province}"
        return written

    def _committee(self, text: str, base: int, m: re.Match) -> AgencyMention:
        body = m.group("body")
        full = "Ủy ban nhân dân" if body.upper() in ("UBND", "ỦY BAN NHÂN DÂN") else "Hội đồng nhân dân"
        tail = m.group(0)[len(body):]
        written = full + expand_abbreviations(tail)
        group = bool(m.group("group") or m.group("local") or m.group("level"))
        if m.group("unit") and not (m.group("place") or "").strip():
            unit = m.group("unit").lower().rstrip(".")
            unit = "thành phố" if unit == "tp" else unit
            name = f"{full} {unit} {self.province}" if unit == "tỉnh" and self.province else f"{full} {unit}"
        elif m.group("unit"):
            unit = m.group("unit")
            unit = "thành phố" if unit.startswith("TP") else unit
            name = f"{full} {unit if unit[0].isupper() and unit[1:].islower() and unit in ('Phường', 'Xã', 'Quận', 'Thị trấn') else unit.lower()}{m.group('place')}"
        else:
            name = written
        return self._mention(text, base, m.start(), m.end(), name, written, group, "committee")


_ABBREV_TOKEN = re.compile(r"(?<!\w)(?:[A-ZĐ]{2,}|\S*&\S*)(?!\w)")


def _written(span: str, canonical: str, alias: str) -> str:
    """The mention as written with abbreviations expanded ("Sở KH&ĐT" -> "Sở Kế hoạch và Đầu tư")."""
    if alias.casefold() != canonical.casefold() and _ABBREV_TOKEN.search(alias):
        return canonical + span[len(alias):]
    return expand_abbreviations(span)


def _extend_place(seg: str, e: int) -> int:
    m = _PLACE_RE.match(seg, e)  # match at e, not on a slice: a slice per mention is quadratic
    return m.end() if m else e


_NAME_STOP = re.compile(r"\n| \| |[;:()]")


def _open_name_end(seg: str, i: int) -> int | None:
    """End of an open-class name starting at ``i`` (after the head noun), or None if there is none.

    The name runs over capitalised words and their lower-case second syllables
    ("Xây dựng", "Giao thông vận tải") and over "và"/"," joining capitalised parts; it stops
    at a predicate word ("chủ trì", "phối hợp") or punctuation. A following "tỉnh"/"số 1"
    closes it ("Ban Quản lý dự án đầu tư xây dựng số 1").
    """
    # a name never crosses a line break, a table-cell separator (" | "), a semicolon, a colon
    # or a parenthesis ("Sở Tài nguyên Môi trường; Công văn số ...", "... Bình Thuận (trước sắp xếp)")
    window = _NAME_STOP.split(seg[i:i + 160], maxsplit=1)[0]
    words = list(re.finditer(r"[^\s,;:.()|]+|,", window))
    if not words or not (words[0].group()[0].isupper() or words[0].group()[0].isdigit()):
        anchor = _NAME_END.search(seg, i, i + 120)
        if anchor and not re.search(r"[.;:()|\n]", seg[i:anchor.start()]) \
                and _commas_join_a_list(seg, i, anchor.start()) and len(seg[i:anchor.start()].split()) <= 14:
            head_words = seg[i:anchor.start()].split()
            if head_words and not any(w.lower() in _VERB_STOP for w in head_words[:1]):
                return anchor.end()
        return None
    end = i + words[0].end()
    lower_run = 0
    k = 1
    while k < len(words):
        w = words[k].group()
        if w == ",":
            # "Văn hóa, Thể thao và Du lịch": a comma joins parts only inside an "X, Y và Z" list
            nxt = words[k + 1].group() if k + 1 < len(words) else ""
            if nxt[:1].isupper() and nxt.lower() not in _HEAD_WORDS and _COMMA_LIST.match(seg, words[k].end() + i):
                k += 1
                continue
            break
        low = w.lower()
        if w[0].isupper() or w[0].isdigit():
            lower_run = 0
        elif low == "và" and k + 1 < len(words) and words[k + 1].group()[:1].isupper() \
                and words[k + 1].group().lower() not in _HEAD_WORDS:
            k += 1
            continue
        elif low in _VERB_STOP or lower_run >= 3 or (
                low == "báo" and k + 1 < len(words) and words[k + 1].group().lower() == "cáo") or (
                low == "thành" and k + 1 < len(words) and words[k + 1].group().lower() != "phố"):
            break  # "Hội Nhà báo" is a name, "... báo cáo" a predicate; "... thành Hội X" is "into"
        else:
            lower_run += 1
        end = i + words[k].end()
        k += 1
    tail = _NAME_END.match(seg, end)
    if tail:
        end = tail.end()
    while True:
        last = seg[i:end].split()[-1:] or [""]
        if last[0].lower() in _TRAILING_STOP:
            end = i + seg[i:end].rfind(" " + last[0])
            continue
        break
    return end


def _inside_address(seg: str, s: int, e: int) -> bool:
    """Is ``seg[s:e]`` part of an e-mail or web address ("snv-cchc@lamdong.gov.vn")?"""
    a = s
    while a > 0 and not seg[a - 1].isspace():
        a -= 1
    b = e
    while b < len(seg) and not seg[b].isspace():
        b += 1
    token = seg[a:b]
    return "@" in token or "://" in token or "www." in token


def _commas_join_a_list(seg: str, start: int, end: int) -> bool:
    """Every comma in ``seg[start:end]`` joins capitalised parts of one "X, Y và Z" list
    ("Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"), not two clauses."""
    comma = seg.find(",", start, end)
    while comma != -1:
        listed = _COMMA_LIST.match(seg, comma + 1)
        if not listed:
            return False
        after_comma = seg[comma + 1:listed.end()].split()[0]
        after_va = seg[listed.end() - 1:listed.end() + 12].split()[0]
        if after_comma.lower() in _HEAD_WORDS or after_va.lower() in _HEAD_WORDS:
            return False  # "Ban quản lý dự án, Sở Tài chính và Sở Xây dựng": three bodies
        comma = seg.find(",", comma + 1, end)
    return True


_SOURCE_RANK = {"gazetteer": 0, "committee": 0, "party": 1, "group": 1, "open": 2}


def _resolve_overlaps(cands: list[AgencyMention]) -> list[AgencyMention]:
    """Keep non-overlapping mentions: at one start, curated names beat open-class guesses."""
    cands.sort(key=lambda c: (c.start, _SOURCE_RANK[c.source], -(c.end - c.start)))
    out: list[AgencyMention] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out


def province_of(issuer: str | None, issuer_parent: str | None = None) -> str | None:
    """The province named by the issuing body ("Ủy ban nhân dân tỉnh Lâm Đồng" -> "Lâm Đồng")."""
    for name in (issuer, issuer_parent):
        if name:
            m = re.search(rf"\btỉnh\s+({_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}})\s*$", name)
            if m:
                return m.group(1)
    return None
