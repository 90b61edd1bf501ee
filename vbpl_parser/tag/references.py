"""References: every mention of another legal or administrative document.

A mention reads ``<type> [số] <ký hiệu> [,] [ngày dd/mm/yyyy | ngày d tháng m năm yyyy]
[của <issuer>]`` (NĐ 30/2020 conventions), or names a law ("Luật Đầu tư công năm 2019",
"Bộ luật Hình sự"), or a numbered scheme ("Đề án 06"). Lists share the type ("các Nghị
định số 30/2020/NĐ-CP và 45/2020/NĐ-CP"), and an abbreviation the document defines
("(viết tắt là Nghị quyết 01)") links later short mentions to the same document. The
document's own number is never a reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import citations as C
from ..lexicon.dates import iso_date
from ..lexicon.doc_types import doc_type_from_code
from ..lexicon.names import expand_abbreviations, new_tone_style
from ..lexicon.symbols import normalize_symbol, symbol_type_code
from .agencies import AgencyMatcher, AgencyMention


@dataclass(slots=True)
class RefMention:
    start: int
    end: int
    text: str
    doc_type: str | None
    number: str | None
    symbol: str | None
    issue_date: str | None
    issuer: str | None


class ReferenceFinder:
    def __init__(self, own_symbol: str | None, agencies: AgencyMatcher,
                 known: list[AgencyMention] | None = None) -> None:
        """``known``: agency mentions already found in the text (reused for issuers, no rescans)."""
        self.own = normalize_symbol(own_symbol).casefold() if own_symbol else None
        self.agencies = agencies
        self.aliases: dict[str, RefMention] = {}
        self._known = {m.start: m for m in (known or [])}

    def find(self, text: str, lo: int, hi: int) -> list[RefMention]:
        out: list[RefMention] = []
        for m in C.TYPED.finditer(text, lo, hi):
            out.extend(self._typed(text, m, hi))
        for m in C.AMENDING_LAW.finditer(text, lo, hi):
            amending = self._amending_law(text, m, hi)
            if amending is not None:
                out.append(amending)
        for pattern in (C.LAW, C.LAW_LOWER):
            for m in pattern.finditer(text, lo, hi):
                ref = self._law(text, m, hi)
                if ref:
                    out.append(ref)
        for m in C.NUMBERED.finditer(text, lo, hi):
            out.append(RefMention(m.start(), m.end(), m.group(0), m.group("type"), m.group("num"), None, None, None))
        out = _drop_overlaps(out)
        out = [r for r in out if not (r.symbol and normalize_symbol(r.symbol).casefold() == self.own)]
        out.extend(self._alias_mentions(text, lo, hi, out))
        out.sort(key=lambda r: r.start)
        return _drop_overlaps(out)

    def _typed(self, text: str, m: re.Match[str], hi: int) -> list[RefMention]:
        sym = normalize_symbol(m.group("sym"))
        code = symbol_type_code(sym)
        if not code and "/" not in sym and not C.CODE_AFTER_DASH.search(sym):
            return []
        doc_type = m.group("type")
        pos = m.end()
        syms = [(m.start(), pos, sym)]
        for nxt in iter(lambda: C.LIST_NEXT.match(text, syms[-1][1], hi), None):
            syms.append((nxt.start("sym"), nxt.end(), normalize_symbol(nxt.group("sym"))))
        pos = syms[-1][1]
        date, pos = _date_after(text, pos, hi)
        issuer, pos = self._issuer_after(text, pos, hi)
        refs = []
        for k, (s, e, sy) in enumerate(syms):
            last = k == len(syms) - 1
            end = pos if last else e
            num = C.NUMBER.match(sy)
            refs.append(RefMention(
                s, end, text[s:end], doc_type if k == 0 else doc_type,
                num.group(0) if num else None, sy, date if last else None, issuer,
            ))
        alias = C.ALIAS.match(text, pos, hi)
        if alias:
            self.aliases[alias.group("alias").strip()] = refs[-1]
        return refs

    def _law(self, text: str, m: re.Match[str], hi: int) -> RefMention | None:
        name = m.group("name")
        stop = C.LAW_STOP.search(" " + name + " ")
        if stop:
            name = name[: max(0, stop.start() - 0)].rstrip()
        if not name:
            return None
        end = m.start("name") + len(name)
        year = C.YEAR.match(text, end, hi)
        if year:
            end = year.end()
        symbol = None
        sm = C.SYMBOL_AFTER_NAME.match(text[end:hi])
        if sm:
            symbol = normalize_symbol(sm.group("sym"))
            end += sm.end()
        date, end2 = _date_after(text, end, hi)
        issuer, end3 = self._issuer_after(text, end2, hi) if date or symbol else (None, end2)
        t = m.group("type").capitalize()  # "Bộ Luật Lao động" is a "Bộ luật"
        return RefMention(m.start(), end3, text[m.start():end3], t, None, symbol, date, issuer)

    def _amending_law(self, text: str, m: re.Match[str], hi: int) -> RefMention | None:
        """One reference for the amending law, running over the laws it amends and its date."""
        end = m.end()
        date = issuer = symbol = None
        while (law := C.LAW.match(text, end, hi) or C.LAW_LOWER.match(text, end, hi)) is not None:
            inner = self._law(text, law, hi)
            if inner is None:
                break
            end, date, issuer, symbol = inner.end, inner.issue_date, inner.issuer, inner.symbol
            join = C.LAW_LIST_JOIN.match(text, end, hi)
            if join is None or not (C.LAW.match(text, join.end(), hi) or C.LAW_LOWER.match(text, join.end(), hi)):
                break
            end = join.end()
        if end == m.end():
            return None  # no law named after it: the plain law patterns read what is there
        return RefMention(m.start(), end, text[m.start():end], m.group("type"), None, symbol, date, issuer)

    def _issuer_after(self, text: str, pos: int, hi: int) -> tuple[str | None, int]:
        m = C.OF.match(text, pos, hi)  # match at pos, not on a slice: a slice per reference is quadratic
        if not m:
            return None, pos
        start = m.end()
        position = C.ISSUER_POSITION.match(text, start, hi)
        body_start = position.end() if position else start
        ag = self._known.get(body_start)
        if ag is None:
            mentions = self.agencies.find(text, body_start, min(hi, body_start + 160))
            if not mentions or mentions[0].start != body_start:
                return None, pos
            ag = mentions[0]
        end = ag.end
        issuer = new_tone_style(expand_abbreviations(text[start:ag.start] + ag.written)).strip()
        paren = C.TERM_NOTE.match(text, end, hi)
        if paren:
            end = paren.end()
        return issuer, end

    def _alias_mentions(self, text: str, lo: int, hi: int, found: list[RefMention]) -> list[RefMention]:
        """Later short mentions of an abbreviation the document defined."""
        out = []
        for alias, ref in self.aliases.items():
            if ref.symbol and ref.symbol in alias:
                continue  # the alias contains the symbol: the typed pattern already finds it
            for m in _alias_pattern(alias).finditer(text[lo:hi]):
                s, e = lo + m.start(), lo + m.end()
                if any(r.start <= s < r.end for r in found):
                    continue
                out.append(RefMention(s, e, text[s:e], ref.doc_type, ref.number, ref.symbol, None, None))
        return out


def _alias_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")


def _date_after(text: str, pos: int, hi: int) -> tuple[str | None, int]:
    m = C.DATE_AFTER.match(text, pos, hi)  # match at pos, not on a slice: a slice per reference is quadratic
    if not m:
        return None, pos
    if m.group("d"):
        return iso_date(m.group("d"), m.group("m"), m.group("y")), m.end()
    return iso_date(m.group("d2"), m.group("m2"), m.group("y2")), m.end()


def _drop_overlaps(refs: list[RefMention]) -> list[RefMention]:
    refs = sorted(refs, key=lambda r: (r.start, -(r.end - r.start)))
    out: list[RefMention] = []
    for r in refs:
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


def type_of_code(symbol: str | None) -> str | None:
    return doc_type_from_code(symbol_type_code(symbol)) if symbol else None
