"""How one document cites another: the grammar of references.

``<type> [số] <ký hiệu> [,] [ngày dd/mm/yyyy | ngày d tháng m năm yyyy] [của <issuer>]``
(NĐ 30/2020 conventions), a law named without a number ("Luật Đầu tư công năm 2019",
"Bộ luật Hình sự"), a numbered scheme ("Đề án 06"), a list sharing one type ("các Nghị định
số 30/2020/NĐ-CP và 45/2020/NĐ-CP") and a short form the document defines ("(sau đây gọi
tắt là Nghị quyết 01)").
"""
from __future__ import annotations

import re

from . import dates
from .chars import VI_LOWER, VI_UPPER
from .doc_types import reference_type_names
from .symbols import SYMBOL
from .trie import word_start_alternation

_U, _L = VI_UPPER, VI_LOWER
TYPE_ALT = word_start_alternation(list(reference_type_names()))
#: the date after a cited symbol: ", ngày 05/01/2024", " ban hành ngày 5 tháng 1 năm 2024"
DATE_AFTER = re.compile(rf"(?:,\s*|\s+)(?:(?:ban hành\s+)?ngày\s*)?(?:{dates.numeric()}|{dates.spelled()})")
OF = re.compile(r"\s+của\s+")
TYPED = re.compile(
    rf"(?P<type>{TYPE_ALT})(?P<qual>(?:\s+[{_L}]+){{0,3}}?)\s+(?:số\s*:?\s*)?(?P<sym>{SYMBOL})(?![\w/])"
)
LAW = re.compile(
    rf"(?P<type>{word_start_alternation(['Bộ luật', 'Luật', 'Pháp lệnh', 'Hiến pháp'])})"
    rf"\s+(?P<name>[{_U}][\w]*(?:\s+(?:[{_L}]+|[{_U}][\w]*|và(?=\s+[{_U}])|-)){{0,9}})"
)
#: words that end a law's name ("Luật Đất đai [quy định]", "Luật Đầu tư [năm 2019]")
LAW_STOP = re.compile(r"\s(?:số|ngày|của|đã|được|thì|để|theo|tại|trong|này|quy định|về|có|là|và các|năm)(?:\s|$)")
YEAR = re.compile(r"\s+năm\s+(?P<y>\d{4})")
SYMBOL_AFTER_NAME = re.compile(rf"\s+(?:số\s+)?(?P<sym>{SYMBOL})(?![\w/])")
NUMBERED = re.compile(
    r"(?P<type>" + word_start_alternation(["Đề án", "Chương trình"])
    + r")\s+(?:số\s+)?(?P<num>\d{1,4})(?![\d/.,-]|\s*[-/])")
LIST_NEXT = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?:số\s+)?(?P<sym>{SYMBOL})(?![\w/])")
ALIAS = re.compile(r"\s*\((?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+là:?\s*(?P<alias>[^)]{2,80})\)")
#: a position before the issuing body: "của Bộ trưởng Bộ Tài chính"
ISSUER_POSITION = re.compile(
    r"(?:Bộ trưởng|Thủ tướng|Chủ tịch|Giám đốc|Tổng cục trưởng|Cục trưởng|Thống đốc|Tổng Kiểm toán)\s+")
#: the term of a council or congress after its name: "(khóa XV)", "(nhiệm kỳ 2021 - 2026)"
TERM_NOTE = re.compile(r"\s*\((?:khóa|khoá|Khóa|Khoá|nhiệm kỳ)[^)]{1,40}\)")
#: a code that makes a token a symbol although it has no "/": "-NQ", "-QĐ"
CODE_AFTER_DASH = re.compile(r"-[A-ZĐ]")
NUMBER = re.compile(r"\d+")
