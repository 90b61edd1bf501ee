"""Deadlines: time limits and schedules attached to work.

Kinds (the ``date`` is the ISO end date when computable; a missing year comes from the
document's own date):

* before — "trước ngày 30/01/2024", "chậm nhất ngày ...", "đến 30/5/2026", "trước quý III/2024"
  (= end of the quarter before);
* by_period — "trong tháng 3/2024", "trong quý I/2024", "6 tháng đầu năm", "trong năm 2024";
* recurring — "hằng tháng", "định kỳ hằng quý", "trước ngày 20 hàng tháng", "định kỳ 02 tuần/lần";
* relative — "trong thời hạn 15 ngày kể từ ngày ...";
* range — "từ ngày 01/3/2024 đến ngày 30/6/2024".

Plain years ("kế hoạch năm 2024", "tầm nhìn đến năm 2050") are horizons, not deadlines, and
are never matched on their own.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..lexicon.dates import iso as _iso
from ..lexicon.dates import month_end as _month_end
from ..lexicon.deadlines import EVERY_N_UNITS, PATTERNS, RECUR_UNIT_IN, RECURRENCE, TRIGGER, TRIGGER_CAPITAL
from ..lexicon.markers import roman_to_int

_WINDOW = 300  # longer than any deadline phrase


@dataclass(slots=True)
class DeadlineMention:
    start: int
    end: int
    text: str
    date: str | None
    kind: str
    recurrence: str | None = None


def _quarter_value(q: str) -> int | None:
    return int(q) if q.isdigit() else roman_to_int(q)


def find_deadlines(text: str, lo: int, hi: int, doc_year: int | None) -> list[DeadlineMention]:
    """All deadline phrases in ``text[lo:hi]``, longest first where they overlap."""
    cands: list[DeadlineMention] = []
    # every pattern starts with one of a few words: try the patterns only where one occurs
    for t in TRIGGER.finditer(text, lo, hi):
        cands.extend(_matches_at(text, t.start(), hi, doc_year))
    for t in TRIGGER_CAPITAL.finditer(text, lo, hi):
        # a sentence opens with it ("Trước ngày 30/6/2026, ..."): the patterns are written in
        # lower case, so they run on a copy of the neighbourhood with that letter lowered
        at = t.start()
        base = max(lo, at - 1)
        view = text[base:at] + text[at].lower() + text[at + 1:min(hi, at + _WINDOW)]
        for dm in _matches_at(view, at - base, len(view), doc_year):
            dm.start += base
            dm.end += base
            dm.text = text[dm.start:dm.end]
            cands.append(dm)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[DeadlineMention] = []
    for c in cands:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _matches_at(text: str, at: int, hi: int, doc_year: int | None) -> Iterator[DeadlineMention]:
    """The deadline each pattern reads at ``at``."""
    for name, pat in PATTERNS:
        m = pat.match(text, at, hi)
        if m:
            dm = _interpret(name, m, doc_year)
            if dm is not None:
                yield dm


def _interpret(name: str, m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    g = m.groupdict()
    text = m.group(0)
    s, e = m.start(), m.end()
    if name == "range":
        y = _int(g.get("y") or g.get("y2")) or doc_year
        d, mo = _int(g.get("d") or g.get("d2")), _int(g.get("m") or g.get("m2"))
        return DeadlineMention(s, e, text, _iso(y, mo, d) if d and mo else None, "range")
    if name == "recurring_day":
        return DeadlineMention(s, e, text, None, "recurring", RECURRENCE[g["ru"]])
    if name == "every_n":
        n = int(g["n"])
        unit = EVERY_N_UNITS[g["nu"]]
        return DeadlineMention(s, e, text, None, "recurring", f"every {n} {unit}")
    if name in ("before_quarter", "in_quarter"):
        q = _quarter_value(g["q"])
        y = _int(g.get("q_y")) or doc_year
        if q is None or not 1 <= q <= 4:
            return None
        if name == "in_quarter" and not text.startswith("trong") and not g.get("q_y"):
            return None  # a bare "quý I" is a period name, not a deadline
        if name == "before_quarter":
            date = _month_end(y, 3 * (q - 1)) if y and q > 1 else (_iso(y - 1, 12, 31) if y else None)
            return DeadlineMention(s, e, text, date, "before")
        return DeadlineMention(s, e, text, _month_end(y, 3 * q) if y else None, "by_period")
    if name == "before_month":
        y, mo = int(g["mon_y"]), int(g["mon"])
        date = _month_end(y, mo - 1) if mo > 1 else _iso(y - 1, 12, 31)
        return DeadlineMention(s, e, text, date, "before")
    if name == "in_month":
        return DeadlineMention(s, e, text, _month_end(int(g["mon_y"]), int(g["mon"])), "by_period")
    if name == "before_date":
        d, mo = _int(g.get("d") or g.get("d2")), _int(g.get("m") or g.get("m2"))
        y = _int(g.get("y") or g.get("y2")) or doc_year
        if not (d and mo) or mo > 12 or d > 31:
            return None
        if not (g.get("y") or g.get("y2")) and "ngày" not in text:
            return None  # "đến 3/5" without a year or "ngày" is too ambiguous (could be a ratio)
        return DeadlineMention(s, e, text, _iso(y, mo, d), "before")
    if name == "half_year":
        y = _int(g.get("h_y")) or doc_year
        date = (_iso(y, 6, 30) if g["part"] == "đầu" else _iso(y, 12, 31)) if y else None
        return DeadlineMention(s, e, text, date, "by_period")
    if name == "in_year":
        return DeadlineMention(s, e, text, _iso(int(g["yr"]), 12, 31), "by_period")
    if name == "relative":
        return DeadlineMention(s, e, text, None, "relative")
    if name == "recurring":
        unit_m = RECUR_UNIT_IN.search(text)
        return DeadlineMention(s, e, text, None, "recurring", RECURRENCE.get(unit_m.group(1)) if unit_m else None)
    return None


def _int(v: str | None) -> int | None:
    return int(v) if v else None
