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
    rf"(?P<type>{word_start_alternation(['Bộ luật', 'Bộ Luật', 'Luật', 'Pháp lệnh', 'Hiến pháp'])})"
    rf"\s+(?P<name>[{_U}][\w]*(?:\s+(?:[{_L}]+|[{_U}][\w]*|và(?=\s+[{_U}])|-)){{0,9}})"
)
#: a law named in lower case, as older texts print it ("Pháp lệnh xử lý vi phạm hành chính"): at
#: least three words, none of them opening a clause instead ("Luật này", "Luật quy định")
LAW_LOWER = re.compile(
    rf"(?P<type>{word_start_alternation(['Bộ luật', 'Bộ Luật', 'Luật', 'Pháp lệnh'])})\s+"
    rf"(?P<name>(?!(?:này|quy|số|được|và|của|hiện|sửa|đã|về|có|thì|khác|liên|chuyên|định|trên|dưới|mới|cũ|năm|ngày|để|trong|theo|tại|sư|"
    rf"pháp|hiện hành)\b)"
    rf"[{_L}]+(?:\s+[{_L}]+){{2,8}})")
#: words that end a law's name ("Luật Đất đai [quy định]", "Luật Đầu tư [năm 2019]", "Luật Giá [và Luật ...]",
#: "Luật Giá [Sở Tài chính ...]")
LAW_STOP = re.compile(
    r"\s(?:số|ngày|của|đã|được|thì|để|theo|tại|trong|này|quy định|về|có|là|và các|năm|hiện hành|"
    r"bị|phải|khi|như|mà|nếu|sẽ|đối với|cho|với|hoặc|và$|liên quan|"
    r"và (?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư|Quyết định)|Sở|UBND)(?:\s|$)")
#: an amending law is one document: "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và
#: Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019"
AMENDING_LAW = re.compile(
    rf"(?P<type>{word_start_alternation(['Bộ luật', 'Bộ Luật', 'Luật', 'Pháp lệnh'])})\s+sửa đổi,?\s+bổ sung"
    r"(?:\s+một số điều)?\s+(?:của\s+)?")
LAW_LIST_JOIN = re.compile(r"\s*,\s*|\s+và\s+")
YEAR = re.compile(r"\s+năm\s+(?P<y>\d{4})")
SYMBOL_AFTER_NAME = re.compile(rf"\s+(?:số\s+)?(?P<sym>{SYMBOL})(?![\w/])")
NUMBERED = re.compile(
    r"(?P<type>" + word_start_alternation(["Đề án", "Chương trình"])
    + r")\s+(?:số\s+)?(?P<num>\d{1,4})(?![\d/.,-]|\s*[-/])")
LIST_NEXT = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?:số\s+)?(?P<sym>{SYMBOL})(?![\w/])")
#: a short form the document defines for a document it cites: "(sau đây gọi tắt là Nghị quyết số 29)";
#: one that names a body instead ("(sau đây gọi tắt là Ban Chỉ đạo 814)") is not a citation
ALIAS = re.compile(r"\s*\((?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+là:?\s*"
                   rf"(?P<alias>(?:{TYPE_ALT}|Luật|Bộ luật|Pháp lệnh|Hiến pháp)\b[^)]{{0,70}})\)")
#: a position before the issuing body: "của Bộ trưởng Bộ Tài chính"
ISSUER_POSITION = re.compile(
    r"(?:Bộ trưởng|Thủ tướng|Chủ tịch|Giám đốc|Tổng cục trưởng|Cục trưởng|Thống đốc|Tổng Kiểm toán)\s+")
#: the term of a council or congress after its name: "(khóa XV)", "(nhiệm kỳ 2021 - 2026)"
TERM_NOTE = re.compile(r"\s*\((?:khóa|khoá|Khóa|Khoá|nhiệm kỳ)[^)]{1,40}\)")
#: a code that makes a token a symbol although it has no "/": "-NQ", "-QĐ"
CODE_AFTER_DASH = re.compile(r"-[A-ZĐ]")
NUMBER = re.compile(r"\d+")
#: a legal portal's note inserted into a scraped text: "[Cụm từ này bị thay thế bởi Khoản 7 Điều 147
#: Nghị định 96/2023/NĐ-CP có hiệu lực từ ngày 01/01/2024]", "[Điểm này được hướng dẫn bởi ...]".
#: Not the document's text: nothing in it is a reference, a deadline or an agency of the document.
PORTAL_NOTE = re.compile(
    r"\[[^\[\]\n]{0,600}?(?:hướng dẫn bởi|thay thế bởi|bãi bỏ bởi|bị bãi bỏ|sửa đổi bởi|bổ sung bởi|"
    r"đính chính bởi|có hiệu lực từ)[^\[\]\n]{0,600}\]")
