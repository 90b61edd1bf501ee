"""The frames of assignment: who is given work, who supports, and what is not work.

"Sở X chủ trì, phối hợp với Y ...", "Giao X ...", "Yêu cầu X ...", "Đề nghị X ...",
"Chỉ đạo X: ...", "X có trách nhiệm ..." hand work to X; "phối hợp (với) Y" makes Y support.
A report's look back ("I. ĐÁNH GIÁ CHUNG"), a purpose clause ("Để ..."), a composition
("Ban Kiểm tra gồm 03 thành viên") or a definition ("X là tổ chức ...") are not work.
Task tables name their columns (STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian).
"""
from __future__ import annotations

import re

#: "Chỉ đạo X" right under a heading that names the lead: that body directs X
DIRECTS = re.compile(r"(?:Chỉ đạo|chỉ đạo)\s+$")
#: words before a body that hand it the work ("Trách nhiệm của X:" heads X's list of work)
TRIGGER = re.compile(r"(?:Giao|giao|Yêu cầu|yêu cầu|Đề nghị|đề nghị|Chỉ đạo|chỉ đạo|Đối với|đối với|Riêng|riêng|"
                     r"Trách nhiệm của|trách nhiệm của)\s+$")
#: verbs of handing work over inside a sentence that opens with a subordinate clause
#: ("Khi có kết quả đánh giá ..., giao Sở Nội vụ chủ trì ...")
HANDOVER = re.compile(r"(?<!\w)(?:giao|yêu cầu|đề nghị)\s+")
#: a subordinate clause first: the subject comes after its comma
SUBORDINATE = re.compile(r"^(?:Trong|Khi|Nếu|Để|Sau khi|Căn cứ|Trường hợp|Trên cơ sở|Thực hiện)\b")
SUPPORT = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+", re.IGNORECASE)
CLAUSE_END = re.compile(r"(?<=[.;:])\s+|\n")
#: what may stand between two bodies of one list
JOINER = re.compile(r"^\s*(?:,|và|,\s*và|;)\s*")
# a subject followed by one of these is an object or a modifier, not an actor
NOT_PREDICATE = re.compile(
    r"^\s*(?:của|về|tại|trong|thuộc|theo(?! dõi)|để|với|năm|giai đoạn|đến|cho|gồm|thành(?!\s+lập)|có thể|"
    r"sáp nhập|(?:\S+\s+){0,2}(?:có|gồm(?:\s+có)?)\s+\d+\s+(?:thành viên|người|ủy viên|uỷ viên|đồng chí))\b")
# (the last: a composition, "Ban Kiểm tra kiểm soát gồm 03 thành viên")
#: predicates that report or decide instead of taking work: an account ("Ban Chấp hành đã thực hiện
#: ...", "chưa nắm bắt", "luôn đoàn kết"), the author addressing its superior ("Sở Nội vụ kính báo
#: cáo ..."), a competence ("Chủ tịch Ủy ban nhân dân Thành phố quyết định ..."), an enactment
#: ("Hội đồng nhân dân ban hành Nghị quyết ...")
NOT_WORK = re.compile(
    r"^\s*(?:đã|đang|chưa|vẫn|luôn|từng|kính|quyết định(?!\s+(?:số|này))|"
    r"ban hành\s+(?:Nghị quyết|Quyết định|Nghị định|Thông tư|Chỉ thị|Luật|Bộ luật|Pháp lệnh))\b")
#: a body's standing mandate, not work handed over: "Bộ Nội vụ có nhiệm vụ và quyền hạn ...",
#: "Sở có chức năng tham mưu ...", "thực hiện các nhiệm vụ, quyền hạn sau" (GOLD_FORMAT: mandate)
MANDATE = re.compile(
    r"^\s*(?:\([^()\n]{0,80}\)\s*)?(?:có|thực hiện|là cơ quan)\s+(?:các\s+)?"
    r"(?:chức năng|quyền hạn|nhiệm vụ(?:\s*,\s*|\s+và\s+)quyền hạn|nhiệm vụ,\s*quyền hạn)\b")
DEFINITION = re.compile(r"^\s*là\b")
PARENTHETICAL = re.compile(r"^\s*\([^()\n]{0,80}\)")
COUNT_AFTER = re.compile(r"\s*\d")
#: verbs of a predicate: a heading holding one of them is not just a name
PREDICATE_WORD = re.compile(r"\b(?:chủ trì|phối hợp|thực hiện|có trách nhiệm|tham mưu|theo dõi|triển khai|chịu)\b")
CLAUSE_COMMA = re.compile(r", ")
SPACES = re.compile(r"\s+")

# ---- context that is not assignment ------------------------------------------------------
#: headings of a look back: "Đánh giá chung", "KẾT QUẢ THỰC HIỆN NĂM 2025"
REVIEW_TITLE = re.compile(
    r"^(?:đánh giá|kết quả|tình hình|thực trạng|bối cảnh|những kết quả|ưu điểm|hạn chế|tồn tại|khó khăn"
    r"|những (?:mặt|tồn tại|hạn chế|khó khăn)|[^.:\n]{0,60}\bđã (?:làm được|đạt được|thực hiện))",
    re.IGNORECASE,
)
#: ... unless they also look forward ("Kết quả và nhiệm vụ ...")
FORWARD = re.compile(r"nhiệm vụ|giải pháp|tổ chức thực hiện|phương hướng|kế hoạch|chủ trì", re.IGNORECASE)
#: the clause of a charter that assigns carrying out the charter itself, the one task a charter
#: holds ("Ban Chấp hành ... có trách nhiệm hướng dẫn và tổ chức thực hiện Điều lệ này")
IMPLEMENTS_DOCUMENT = re.compile(r"(?:thực hiện|thi hành)\s+(?:Điều lệ|Quy chế|Quy định|Quyết định)\s+này", re.I)
PURPOSE_START = re.compile(r"(?:Để|Nhằm)\s")
#: the main clause after a purpose clause: "..., UBND tỉnh yêu cầu"
PURPOSE_MAIN_CLAUSE = re.compile(r",\s+(?:UBND|Ủy ban|Uỷ ban|[A-ZĐ][^,]{0,40}\s(?:yêu cầu|đề nghị|giao|chỉ đạo))")

# ---- task tables ---------------------------------------------------------------------------
TABLE_COLUMNS = {
    "key": re.compile(r"^(?:stt|tt|số tt|số thứ tự)$"),
    "task": re.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|tên (?:nhiệm vụ|đề án|dự án)|giải pháp"),
    "lead": re.compile(r"chủ trì|trách nhiệm|thực hiện|đơn vị thực hiện|cơ quan thực hiện|đầu mối"),
    "support": re.compile(r"phối hợp"),
    "time": re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành|thời điểm"),
}
#: the "(1) (2) (3)" row of column numbers under a table header
COLUMN_NUMBER = re.compile(r"\(?\d+\)?")
#: how a cell lists several bodies
CELL_LIST_SPLIT = re.compile(r"[;,\n]| và ")
