"""Time limits and schedules attached to work: the deadline phrases.

Kinds (see :mod:`vbpl_parser.tag.deadlines` for the dates they resolve to):

* before — "trước ngày 30/01/2024", "chậm nhất ngày ...", "đến 30/5/2026", "trước quý III/2024";
* by_period — "trong tháng 3/2024", "trong quý I/2024", "6 tháng đầu năm", "trong năm 2024";
* recurring — "hằng tháng", "định kỳ hằng quý", "trước ngày 20 hàng tháng", "định kỳ 02 tuần/lần";
* relative — "trong thời hạn 15 ngày kể từ ngày ...";
* range — "từ ngày 01/3/2024 đến ngày 30/6/2024".

Plain years ("kế hoạch năm 2024", "tầm nhìn đến năm 2050") are horizons, not deadlines, and
no pattern matches them on their own. Each form names the words it can start with; the tagger
tries the patterns only where one of them occurs (:data:`TRIGGER`). Adding a form: a
:class:`DeadlineForm` here and an interpreter of the same name in :mod:`vbpl_parser.tag.deadlines`
(a test checks that every form has one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import dates
from .trie import word_start_alternation


def _date(prefix: str = "") -> str:
    """A deadline's date: numeric with an optional year, or spelled after "ngày"."""
    n = {k: prefix + k for k in ("d", "m", "y", "d2", "m2", "y2")}
    return (rf"(?:ngày\s*)?{dates.numeric(n['d'], n['m'], n['y'], year=False)}"
            rf"|ngày\s+{dates.spelled(n['d2'], n['m2'], n['y2'], year=False)}")


DATE = _date()
BEFORE_WORDS = (
    r"(?:chậm nhất(?:\s+là)?(?:\s+(?:trước|vào|trong))?|hoàn thành trước|trước|không quá|hạn chót(?:\s+là)?|"
    r"đến hết|đến|tới)"
)
MONTH = dates.month_year()
QUARTER = dates.quarter()
RECUR_UNIT = r"(?:tháng|quý|năm|tuần|ngày|06 tháng|6 tháng|sáu tháng)"
RECUR = (
    rf"(?:định kỳ\s+)?(?:hằng|hàng)\s+{RECUR_UNIT}(?:(?:\s*,\s*|\s+và\s+)(?:(?:hằng|hàng)\s+)?{RECUR_UNIT}"
    r"(?:\s+\d{4})?)*"
)

@dataclass(frozen=True, slots=True)
class DeadlineForm:
    """One form of deadline phrase: its name (the tagger's interpreter is looked up by it),
    its pattern, and the words it can start with (the tagger tries it only where one occurs)."""

    name: str
    pattern: re.Pattern[str]
    triggers: tuple[str, ...]


#: the forms, in the order they are tried at one position; the tagger keeps the longest match
FORMS: tuple[DeadlineForm, ...] = (
    DeadlineForm("range", re.compile(rf"(?<!\w)từ\s+(?:{_date('a_')})\s+(?:đến|tới)\s+(?:{DATE})"), ("từ",)),
    DeadlineForm("recurring_day", re.compile(
        r"(?<!\w)(?:trước|vào|chậm nhất(?:\s+vào)?)\s+ngày\s+(?P<rd>\d{1,2})(?:\s+tháng\s+\d{1,2})?"
        r"\s+(?:hằng|hàng)\s+(?P<ru>tháng|quý|năm)"),
        ("trước", "vào", "chậm nhất")),
    DeadlineForm("month_range", re.compile(
        r"(?<!\w)từ\s+tháng\s+(?P<m1>\d{1,2})(?:(?:\s*/\s*|\s+năm\s+)(?P<y1>\d{4}))?\s+(?:đến|tới)\s+"
        + MONTH), ("từ",)),
    DeadlineForm("until_quarter", re.compile(rf"(?<!\w)(?:đến|tới)\s+hết\s+{QUARTER}"), ("đến", "tới")),
    DeadlineForm("year_end", re.compile(r"(?<!\w)cuối\s+năm\s+(?P<yr>\d{4})"), ("cuối",)),
    DeadlineForm("every_n", re.compile(r"(?<!\w)định kỳ\s+(?P<n>\d{1,2})\s+(?P<nu>tuần|tháng|ngày)\s*/\s*lần"),
                 ("định kỳ",)),
    DeadlineForm("before_quarter", re.compile(rf"(?<!\w)trước\s+{QUARTER}"), ("trước",)),
    DeadlineForm("before_month", re.compile(rf"(?<!\w)trước\s+{MONTH}"), ("trước",)),
    DeadlineForm("before_date", re.compile(rf"(?<!\w){BEFORE_WORDS}\s+(?:{DATE})(?![\d/])"),
                 ("chậm nhất", "hoàn thành", "trước", "không quá", "hạn chót", "đến", "tới")),
    DeadlineForm("in_month", re.compile(rf"(?<!\w)trong\s+{MONTH}"), ("trong",)),
    DeadlineForm("in_quarter", re.compile(rf"(?<!\w)(?:(?:trong|vào)\s+)?{QUARTER}(?=[\s,.;)]|$)"),
                 ("trong", "vào", "quý", "quí")),
    DeadlineForm("half_year", re.compile(
        r"(?<!\w)(?P<half>6|06|sáu)\s+tháng\s+(?P<part>đầu|cuối)\s+năm(?:\s+(?P<h_y>\d{4}))?"), ("6", "06", "sáu")),
    DeadlineForm("in_year", re.compile(
        r"(?<!\w)(?:trong|hoàn thành(?:\s+trong)?|xong trong|trong cả)\s+năm\s+(?P<yr>\d{4})"),
        ("trong", "hoàn thành", "xong")),
    DeadlineForm("relative", re.compile(
        r"(?<!\w)(?:[Tt]rong\s+)?(?:thời hạn|vòng|thời gian)\s+(?:không quá\s+)?(?P<rn>\d{1,3})\s+"
        r"(?P<runit>ngày(?: làm việc)?|tháng|tuần)"
        # the event it counts from, up to 80 characters, ending with a whole word and before
        # a "thì" that opens the main clause ("kể từ ngày ra quyết định thì tòa án phải ...")
        r"(?:,?\s+kể từ\s+(?:ngày\s+)?(?:[^,.;\n]{0,79}?\w(?=\s+thì\b)|[^,.;\n]{0,79}\w(?!\w)))?"),
        ("trong", "thời hạn", "vòng", "thời gian")),
    DeadlineForm("recurring", re.compile(rf"(?<!\w){RECUR}"), ("định kỳ", "hằng", "hàng")),
)
TRIGGER_WORDS = sorted({w for form in FORMS for w in form.triggers})
TRIGGER = re.compile(word_start_alternation(TRIGGER_WORDS) + r"(?!\w)")
# the same words opening a sentence; two case-sensitive scans cost less than one IGNORECASE scan
TRIGGER_CAPITAL = re.compile(
    word_start_alternation([w[0].upper() + w[1:] for w in TRIGGER_WORDS if w[0].isalpha()]) + r"(?!\w)")
#: the unit of a "hằng ..." schedule
RECUR_UNIT_IN = re.compile(r"(?:hằng|hàng)\s+(06 tháng|6 tháng|sáu tháng|tháng|quý|năm|tuần|ngày)")
RECURRENCE = {"tháng": "monthly", "quý": "quarterly", "năm": "yearly", "tuần": "weekly", "ngày": "daily",
              "6 tháng": "half-yearly", "06 tháng": "half-yearly", "sáu tháng": "half-yearly"}
EVERY_N_UNITS = {"tuần": "weeks", "tháng": "months", "ngày": "days"}
#: a time-limit cell of a task table that is itself the period: "Quý II", "Tháng 6/2026", "Năm 2026"
CELL_PERIOD = re.compile(r"^(?:tháng|quý|năm)\s", re.IGNORECASE)
#: a time-limit cell that states a schedule without a date
CELL_ONGOING = ("thường xuyên", "hằng năm", "hàng năm", "liên tục")
