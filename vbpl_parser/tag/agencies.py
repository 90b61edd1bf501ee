"""Agencies: mentions of public bodies and their canonical names.

Three sources, tried at every place a name can start, longest match wins:

1. the curated gazetteer (``lexicon/agencies.tsv``: ministries, departments, provincial
   bodies, Party and mass organisations, with their abbreviations);
2. the people's committee/council family, which is open-ended by place
   ("UBND xã Bảo Lâm 2", "Ủy ban nhân dân các huyện, thị xã và thành phố Huế");
3. open classes anchored on a head noun (Sở X, Ban Quản lý X, Trung tâm X, Ban Chỉ đạo X),
   and group mentions (``lexicon/agency_groups.tsv``: "các sở, ban, ngành", "các địa phương").

Matching runs on a copy of the text with tone marks moved to the modern position ("Uỷ" →
"Ủy"), which has the same length, so offsets stay valid for the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.agencies import (
    ABBREV_TOKEN,
    COMMA_LIST,
    COMMITTEE,
    GROUP_START,
    HEAD_WORDS,
    LOCALITY_TAIL,
    NAME_END,
    NAME_STOP,
    NAME_WORD,
    OPEN,
    PARTY,
    PLACE_BEFORE,
    PLACE_RE,
    POSITION_BEFORE,
    PROVINCE_OF,
    TRAILING_STOP,
    VERB_STOP,
    gazetteer,
    group_patterns,
)
from ..lexicon.names import expand_abbreviations, new_tone_style


@dataclass(slots=True)
class AgencyMention:
    start: int
    end: int
    text: str
    name: str  # canonical (province resolved)
    written: str  # as written, abbreviations expanded, modern tone marks (for task roles)
    is_group: bool
    source: str


class AgencyMatcher:
    """Finds agency mentions in text; ``province`` resolves a bare "tỉnh"."""

    def __init__(self, province: str | None = None) -> None:
        self.province = province

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AgencyMention]:
        end = len(text) if end is None else end
        seg = new_tone_style(text[start:end])
        cands: list[AgencyMention] = []
        gaz, alias_to_name = gazetteer()
        low = seg.lower()
        if len(low) != len(seg):  # a rare letter whose lower case is longer: keep offsets exact
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in seg)
        for m in gaz.finditer(low):
            s, e = m.start(), m.end()
            if m.group(0).endswith(("tỉnh", "huyện")):
                e = _extend_place(seg, e)
            else:  # "Sở Giáo dục và Đào tạo thành phố Hà Nội": the locality is part of the name
                loc = LOCALITY_TAIL.match(seg, e)
                e = loc.end() if loc else e
            canonical = alias_to_name.get(m.group(0), m.group(0))
            written = _written(seg[s:e], canonical, seg[m.start():m.end()])
            cands.append(self._mention(text, start, s, e, self._resolve(canonical, seg[m.end():e]), written,
                                       False, "gazetteer"))
        for m in COMMITTEE.finditer(seg):
            cands.append(self._committee(text, start, m))
        for m in OPEN.finditer(seg):
            if PLACE_BEFORE.search(seg, max(0, m.start() - 12), m.start()):
                continue  # "phường Sở Dầu", "đường Sở ..." are places, not departments
            if m.group("head") in ("Báo", "báo") and seg.startswith("cáo", m.end()):
                continue  # "Báo cáo ..." is a report (or to report), not the newspaper "Báo X"
            name_end = _open_name_end(seg, m.end())
            if name_end is None:
                continue
            raw = seg[m.start():name_end]
            written = expand_abbreviations(raw)
            cands.append(self._mention(text, start, m.start(), name_end, self._resolve_open(written), written, False,
                                       "open"))
        for m in PARTY.finditer(seg):
            raw = m.group(0)
            cands.append(self._mention(text, start, m.start(), m.end(), raw[0].upper() + raw[1:], raw, False, "party"))
        for g in GROUP_START.finditer(seg):
            best: re.Match[str] | None = None
            for pat in group_patterns():
                grp = pat.match(seg, g.start())
                if grp and (best is None or grp.end() > best.end()):
                    best = grp
            if best is not None:
                raw = best.group(0)
                written = raw[0].lower() + raw[1:] if raw[:3].lower() == "các" else raw
                cands.append(self._mention(text, start, best.start(), best.end(), written, written, True, "group"))
        return [self._with_position(text, start, seg, m) for m in _resolve_overlaps(cands)
                if not _inside_address(seg, m.start - start, m.end - start)]

    def _with_position(self, text: str, base: int, seg: str, m: AgencyMention) -> AgencyMention:
        s = m.start - base
        pos = POSITION_BEFORE.search(seg, max(0, s - 40), s)
        if pos is None:
            return m
        prefix = seg[pos.start():s]
        return AgencyMention(base + pos.start(), m.end, text[base + pos.start():m.end], m.name, prefix + m.written,
                             m.is_group, m.source)

    # --- helpers -------------------------------------------------------------------------
    def _mention(self, text: str, base: int, s: int, e: int, name: str, written: str, group: bool,
                 source: str) -> AgencyMention:
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

    def _committee(self, text: str, base: int, m: re.Match[str]) -> AgencyMention:
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
            # "Phường 2", "Xã Tân Phú": a capitalised unit is part of the place's own name
            own_name = unit[0].isupper() and unit[1:].islower() and unit in ("Phường", "Xã", "Quận", "Thị trấn")
            name = f"{full} {unit if own_name else unit.lower()}{m.group('place')}"
        else:
            name = written
        return self._mention(text, base, m.start(), m.end(), name, written, group, "committee")


def _written(span: str, canonical: str, alias: str) -> str:
    """The mention as written with abbreviations expanded ("Sở KH&ĐT" -> "Sở Kế hoạch và Đầu tư")."""
    if alias.casefold() != canonical.casefold() and ABBREV_TOKEN.search(alias):
        return canonical + span[len(alias):]
    return expand_abbreviations(span)


def _extend_place(seg: str, e: int) -> int:
    m = PLACE_RE.match(seg, e)  # match at e, not on a slice: a slice per mention is quadratic
    return m.end() if m else e


def _open_name_end(seg: str, i: int) -> int | None:
    """End of an open-class name starting at ``i`` (after the head noun), or None if there is none.

    The name runs over capitalised words and their lower-case second syllables
    ("Xây dựng", "Giao thông vận tải") and over "và"/"," joining capitalised parts; it stops
    at a predicate word ("chủ trì", "phối hợp") or punctuation. A following "tỉnh"/"số 1"
    closes it ("Ban Quản lý dự án đầu tư xây dựng số 1").
    """
    # a name never crosses a line break, a table-cell separator (" | "), a semicolon, a colon
    # or a parenthesis ("Sở Tài nguyên Môi trường; Công văn số ...", "... Bình Thuận (trước sắp xếp)")
    window = NAME_STOP.split(seg[i:i + 160], maxsplit=1)[0]
    words = list(NAME_WORD.finditer(window))
    if not words or not (words[0].group()[0].isupper() or words[0].group()[0].isdigit()):
        anchor = NAME_END.search(seg, i, i + 120)
        if anchor and not re.search(r"[.;:()|\n]", seg[i:anchor.start()]) \
                and _commas_join_a_list(seg, i, anchor.start()) and len(seg[i:anchor.start()].split()) <= 14:
            head_words = seg[i:anchor.start()].split()
            if head_words and not any(w.lower() in VERB_STOP for w in head_words[:1]):
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
            if nxt[:1].isupper() and nxt.lower() not in HEAD_WORDS and COMMA_LIST.match(seg, words[k].end() + i):
                k += 1
                continue
            break
        low = w.lower()
        if w[0].isupper() or w[0].isdigit():
            lower_run = 0
        elif low == "và" and k + 1 < len(words) and words[k + 1].group()[:1].isupper() \
                and words[k + 1].group().lower() not in HEAD_WORDS:
            k += 1
            continue
        elif low in VERB_STOP or lower_run >= 3 or (
                low == "báo" and k + 1 < len(words) and words[k + 1].group().lower() == "cáo") or (
                low == "thành" and k + 1 < len(words) and words[k + 1].group().lower() != "phố"):
            break  # "Hội Nhà báo" is a name, "... báo cáo" a predicate; "... thành Hội X" is "into"
        else:
            lower_run += 1
        end = i + words[k].end()
        k += 1
    tail = NAME_END.match(seg, end)
    if tail:
        end = tail.end()
    while True:
        last = seg[i:end].split()[-1:] or [""]
        if last[0].lower() in TRAILING_STOP:
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
        listed = COMMA_LIST.match(seg, comma + 1)
        if not listed:
            return False
        after_comma = seg[comma + 1:listed.end()].split()[0]
        after_va = seg[listed.end() - 1:listed.end() + 12].split()[0]
        if after_comma.lower() in HEAD_WORDS or after_va.lower() in HEAD_WORDS:
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
            m = PROVINCE_OF.search(name)
            if m:
                return m.group(1)
    return None
