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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..lexicon.dates import iso as _iso
from ..lexicon.dates import month_end as _month_end
from ..lexicon.deadlines import EVERY_N_UNITS, FORMS, RECUR_UNIT_IN, RECURRENCE, TRIGGER, TRIGGER_CAPITAL
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
    """The deadline each form reads at ``at``."""
    for form in FORMS:
        m = form.pattern.match(text, at, hi)
        if m:
            dm = INTERPRETERS[form.name](m, doc_year)
            if dm is not None:
                yield dm


# ---- one interpreter per form of :data:`vbpl_parser.lexicon.deadlines.FORMS` -------------------
Interpreter = Callable[[re.Match[str], "int | None"], "DeadlineMention | None"]


def _mention(m: re.Match[str], date: str | None, kind: str, recurrence: str | None = None) -> DeadlineMention:
    return DeadlineMention(m.start(), m.end(), m.group(0), date, kind, recurrence)


def _range(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    g = m.groupdict()
    y = _int(g.get("y") or g.get("y2")) or doc_year
    d, mo = _int(g.get("d") or g.get("d2")), _int(g.get("m") or g.get("m2"))
    return _mention(m, _iso(y, mo, d) if d and mo else None, "range")


def _recurring_day(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, None, "recurring", RECURRENCE[m["ru"]])


def _every_n(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, None, "recurring", f"every {int(m['n'])} {EVERY_N_UNITS[m['nu']]}")


def _quarter(m: re.Match[str], doc_year: int | None) -> tuple[int, int | None] | None:
    q = _quarter_value(m["q"])
    if q is None or not 1 <= q <= 4:
        return None
    return q, _int(m["q_y"]) or doc_year


def _before_quarter(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    found = _quarter(m, doc_year)
    if found is None:
        return None
    q, y = found
    date = _month_end(y, 3 * (q - 1)) if y and q > 1 else (_iso(y - 1, 12, 31) if y else None)
    return _mention(m, date, "before")


def _in_quarter(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    found = _quarter(m, doc_year)
    if found is None:
        return None
    if not m.group(0).startswith(("trong", "vào")) and not m["q_y"]:
        return None  # a bare "quý I" is a period name, not a deadline
    q, y = found
    return _mention(m, _month_end(y, 3 * q) if y else None, "by_period")


def _month_range(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, _month_end(int(m["mon_y"]), int(m["mon"])), "range")


def _until_quarter(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    found = _quarter(m, doc_year)
    if found is None:
        return None
    q, y = found
    return _mention(m, _month_end(y, 3 * q) if y else None, "before")


def _year_end(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, _iso(int(m["yr"]), 12, 31), "by_period")


def _before_month(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    y, mo = int(m["mon_y"]), int(m["mon"])
    return _mention(m, _month_end(y, mo - 1) if mo > 1 else _iso(y - 1, 12, 31), "before")


def _in_month(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, _month_end(int(m["mon_y"]), int(m["mon"])), "by_period")


def _before_date(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    g = m.groupdict()
    d, mo = _int(g.get("d") or g.get("d2")), _int(g.get("m") or g.get("m2"))
    y = _int(g.get("y") or g.get("y2")) or doc_year
    if not (d and mo) or mo > 12 or d > 31:
        return None
    if not (g.get("y") or g.get("y2")) and "ngày" not in m.group(0):
        return None  # "đến 3/5" without a year or "ngày" is too ambiguous (could be a ratio)
    return _mention(m, _iso(y, mo, d), "before")


def _half_year(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    y = _int(m["h_y"]) or doc_year
    date = (_iso(y, 6, 30) if m["part"] == "đầu" else _iso(y, 12, 31)) if y else None
    return _mention(m, date, "by_period")


def _in_year(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, _iso(int(m["yr"]), 12, 31), "by_period")


def _relative(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    return _mention(m, None, "relative")


def _recurring(m: re.Match[str], doc_year: int | None) -> DeadlineMention | None:
    unit = RECUR_UNIT_IN.search(m.group(0))
    return _mention(m, None, "recurring", RECURRENCE.get(unit.group(1)) if unit else None)


#: form name -> the function that turns its match into a mention (kind, ISO end date)
INTERPRETERS: dict[str, Interpreter] = {
    "range": _range, "recurring_day": _recurring_day, "every_n": _every_n, "before_quarter": _before_quarter,
    "before_month": _before_month, "before_date": _before_date, "in_month": _in_month, "in_quarter": _in_quarter,
    "half_year": _half_year, "in_year": _in_year, "relative": _relative, "recurring": _recurring,
    "month_range": _month_range, "until_quarter": _until_quarter, "year_end": _year_end,
}


def _int(v: str | None) -> int | None:
    return int(v) if v else None
