"""Dates as documents print them: the one date grammar, and ISO conversion.

Forms (NĐ 30/2020 prints the spelled form in the letterhead; running text and tables use both):

* numeric: "30/01/2024", "30-01-2024", "30.01.2024"; a deadline may leave the year out ("30/6");
* spelled: "ngày 19 tháng 01 năm 2024"; drafts leave parts blank ("ngày  tháng 4 năm 2026");
* month and quarter: "tháng 3/2024", "tháng 3 năm 2024", "quý III/2024", "quý I năm 2024".

Each context needs its own groups (a reference, a deadline range with two dates, a header
line with a number and a date), so the grammar is given as functions that build the pattern
text with the group names the caller asks for; every date pattern of the package is built
here.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

DAY = r"\d{1,2}"
MONTH = r"\d{1,2}"
YEAR = r"\d{4}"


def numeric(d: str = "d", m: str = "m", y: str = "y", *, seps: str = "/.-", year: bool = True) -> str:
    """"30/01/2024": day, month and (unless ``year`` is False: optional) year, with ``seps``
    between them and spaces allowed around a separator."""
    sep = rf"\s*[{seps}]\s*" if len(seps) > 1 else rf"\s*{seps}\s*"
    tail = rf"{sep}(?P<{y}>{YEAR})"
    return rf"(?P<{d}>{DAY}){sep}(?P<{m}>{MONTH})" + (tail if year else f"(?:{tail})?")


def spelled(d: str = "d2", m: str = "m2", y: str = "y2", *, year: bool = True) -> str:
    """"19 tháng 01 năm 2024" (without the "ngày" before it); ``year=False``: "năm YYYY" optional."""
    tail = rf"\s+năm\s+(?P<{y}>{YEAR})"
    return rf"(?P<{d}>{DAY})\s+tháng\s+(?P<{m}>{MONTH})" + (tail if year else f"(?:{tail})?")


def spelled_blank(d: str = "d", m: str = "m", y: str = "y") -> str:
    """The letterhead's "ngày 19 tháng 01 năm 2024" after "ngày", each number may be blank in a
    draft; OCR may garble a blank day into a few stray characters ("ngày kỖ tháng 6")."""
    return (rf"(?P<{d}>{DAY})?[^\d,]{{0,4}}?\s*tháng\s*(?P<{m}>{MONTH})?\s*năm\s*(?P<{y}>{YEAR})?")


def month_year(m: str = "mon", y: str = "mon_y") -> str:
    """"tháng 3/2024", "tháng 3 năm 2024"."""
    return rf"tháng\s+(?P<{m}>{MONTH})(?:\s*/\s*|\s+năm\s+)(?P<{y}>{YEAR})"


def quarter(q: str = "q", y: str = "q_y") -> str:
    """"quý III/2024", "quý 2 năm 2024", "quý I" (year optional); older texts spell it "quí"."""
    return rf"qu[ýí]\s+(?P<{q}>IV|III|II|I|[1-4])(?:\s*/\s*|\s+năm\s+)?(?P<{y}>{YEAR})?"


#: an ISO date, as portals print it in their metadata tables ("2024-07-31")
ISO_DATE = re.compile(rf"{YEAR}-\d{{2}}-\d{{2}}")
#: the spelled date's "... năm YYYY" anywhere after "ngày": the year of a letterhead's date line
YEAR_AFTER_NGAY = rf"ngày.*?năm\s+({YEAR})"


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date from printed parts, None when any part is blank or the date is impossible."""
    if not (day and month and year):
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def iso(year: int | None, month: int, day: int) -> str | None:
    """ISO date of numbers, None without a year or for an impossible date."""
    try:
        return dt.date(year, month, day).isoformat() if year else None
    except ValueError:
        return None


def month_end(year: int, month: int) -> str | None:
    """The last day of a month, None for a month number out of range."""
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
