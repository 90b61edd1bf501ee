"""Tagging on real sentences from the corpus: references, agencies, deadlines, tasks.

Each pattern family has positive cases and negative ones (a date that is not a deadline,
a number that is not a reference, "Sở" in a place name).
"""
from __future__ import annotations

import pytest

import vbpl_parser
from vbpl_parser.tag.agencies import AgencyMatcher
from vbpl_parser.tag.deadlines import find_deadlines
from vbpl_parser.tag.references import ReferenceFinder
from vbpl_parser.verify import item_problems

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ\nSố: 24/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nThừa Thiên Huế, ngày 19 tháng 01 năm 2024\nKẾ HOẠCH\n"
    "Triển khai thực hiện Nghị quyết số 01/NQ-CP\n"
)


def refs(sentence: str, own: str | None = None):
    finder = ReferenceFinder(own, AgencyMatcher("Thừa Thiên Huế"))
    return [(r.text, r.doc_type, r.symbol, r.issue_date, r.issuer) for r in finder.find(sentence, 0, len(sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ về nhiệm vụ, giải pháp chủ yếu",
     [("Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ", "Nghị quyết", "01/NQ-CP", "2024-01-05", "Chính phủ")]),
    ("Tập trung triển khai hiệu quả Quyết định số 2811/QĐ-UBND, ngày 04/11/2021 của UBND tỉnh về việc",
     [("Quyết định số 2811/QĐ-UBND, ngày 04/11/2021 của UBND tỉnh", "Quyết định", "2811/QĐ-UBND", "2021-11-04",
       "Ủy ban nhân dân tỉnh")]),
    ("thực hiện Chương trình số 12-CTr/TU ngày 13/5/2022 của Tỉnh uỷ (khoá XVI) thực hiện Nghị quyết 38/2021/QH15 "
     "ngày 13/11/2021 của Quốc hội về thí điểm",
     [("Chương trình số 12-CTr/TU ngày 13/5/2022 của Tỉnh uỷ (khoá XVI)", "Chương trình", "12-CTr/TU", "2022-05-13",
       "Tỉnh ủy"),
      ("Nghị quyết 38/2021/QH15 ngày 13/11/2021 của Quốc hội", "Nghị quyết", "38/2021/QH15", "2021-11-13",
       "Quốc hội")]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     [("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Luật", None, "2015-06-19", None)]),
    ("Là người lao động theo quy định tại khoản 1 Điều 3 Luật Việc làm số 38/2013/QH13 ngày 16 tháng 11 năm 2013 "
     "của Quốc hội.",
     [("Luật Việc làm số 38/2013/QH13 ngày 16 tháng 11 năm 2013 của Quốc hội", "Luật", "38/2013/QH13", "2013-11-16",
       "Quốc hội")]),
    ("theo các Nghị định số 30/2020/NĐ-CP và 45/2020/NĐ-CP của Chính phủ",
     [("Nghị định số 30/2020/NĐ-CP", "Nghị định", "30/2020/NĐ-CP", None, "Chính phủ"),
      ("45/2020/NĐ-CP của Chính phủ", "Nghị định", "45/2020/NĐ-CP", None, "Chính phủ")]),
    ("Tiếp tục triển khai Chương trình hành động số 306/CTr-UBND 07/10/2021 của UBND tỉnh về xây dựng",
     [("Chương trình hành động số 306/CTr-UBND 07/10/2021 của UBND tỉnh", "Chương trình hành động",
       "306/CTr-UBND", "2021-10-07", "Ủy ban nhân dân tỉnh")]),
    ("theo Quyết định 201-CP ngày 01 tháng 7 năm 1980 của Hội đồng Chính phủ, đồng thời",
     [("Quyết định 201-CP ngày 01 tháng 7 năm 1980 của Hội đồng Chính phủ", "Quyết định", "201-CP", "1980-07-01",
       "Hội đồng Chính phủ")]),
])
def test_reference_forms(sentence, expected):
    assert refs(sentence) == expected


def test_defined_abbreviation_links_later_mentions():
    text = ("Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ (sau đây gọi tắt là Nghị quyết 01); "
            "các sở bám sát Nghị quyết 01 để triển khai.")
    found = refs(text)
    # the defining mention counts too (dev-gold convention), then the later short one
    assert [f[2] for f in found] == ["01/NQ-CP", "01/NQ-CP", "01/NQ-CP"]
    assert [f[0] for f in found[1:]] == ["Nghị quyết 01", "Nghị quyết 01"]


@pytest.mark.parametrize("sentence", [
    "Quản lý thực hiện tốt các quy hoạch 1/5.000, 1/2.000 trên địa bàn.",
    "Quy hoạch tỉnh giai đoạn 2021 - 2030, tầm nhìn đến năm 2050",
    "Luật sư được tham gia tố tụng; phấn đấu đón khoảng 3,5 - 4 triệu lượt khách năm 2024.",
    "Kế hoạch triển khai Chương trình phát triển đô thị tỉnh Thừa Thiên Huế năm 2024",
])
def test_not_references(sentence):
    assert refs(sentence) == []


def test_own_number_is_not_a_reference():
    assert refs("Các sở căn cứ Kế hoạch số 24/KH-UBND để triển khai", own="24/KH-UBND") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Sở KH&ĐT chủ trì, phối hợp với các sở, ban, ngành và địa phương:",
     [("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", False), ("các sở, ban, ngành", "các sở, ban, ngành", True),
      ("địa phương", "địa phương", True)]),
    ("báo cáo UBND tỉnh, đồng thời gửi Cục Thống kê tỉnh tổng hợp",
     [("UBND tỉnh", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", False),
      ("Cục Thống kê tỉnh", "Cục Thống kê tỉnh Thừa Thiên Huế", False)]),
    ("8. Ủy ban nhân dân các huyện, thị xã và thành phố Huế",
     [("Ủy ban nhân dân các huyện, thị xã và thành phố Huế", "Ủy ban nhân dân các huyện, thị xã và thành phố Huế",
       True)]),
    ("c) UBND Phường 2 Bảo Lộc: Khẩn trương, phối hợp Trung tâm Phát triển quỹ đất tỉnh",
     [("UBND Phường 2 Bảo Lộc", "Ủy ban nhân dân Phường 2 Bảo Lộc", False),
      ("Trung tâm Phát triển quỹ đất tỉnh", "Trung tâm Phát triển quỹ đất tỉnh Thừa Thiên Huế", False)]),
    ("3.4. Ban Quản lý dự án Đầu tư xây dựng và Phát triển đô thị tỉnh:",
     [("Ban Quản lý dự án Đầu tư xây dựng và Phát triển đô thị tỉnh",
       "Ban Quản lý dự án Đầu tư xây dựng và Phát triển đô thị tỉnh Thừa Thiên Huế", False)]),
    ("Sở Văn hóa, Thể thao và Du lịch chủ trì", [("Sở Văn hóa, Thể thao và Du lịch",
                                                  "Sở Văn hóa, Thể thao và Du lịch", False)]),
    # "Sở" in a place name, and a position that is not a body
    ("Hộ dân ở phường Sở Dầu được hỗ trợ", []),
])
def test_agency_mentions(sentence, expected):
    found = AgencyMatcher("Thừa Thiên Huế").find(sentence)
    assert [(a.text, a.name, a.is_group) for a in found] == expected


@pytest.mark.parametrize("phrase, date, kind", [
    ("báo cáo trước ngày 30/01/2024.", "2024-01-30", "before"),
    ("hoàn tất các tiêu chí, thủ tục trước quý III/2024;", "2024-06-30", "before"),
    ("tập trung xét pháp lý trong tháng 4/2026;", "2026-04-30", "by_period"),
    ("hoàn thành trong quý I/2024.", "2024-03-31", "by_period"),
    ("gửi Sở Kế hoạch và Đầu tư trước ngày 20 hàng tháng để tổng hợp", None, "recurring"),
    ("định kỳ 02 tuần/lần tổng hợp, báo cáo", None, "recurring"),
    ("trong thời hạn 15 ngày kể từ ngày nhận được hồ sơ", None, "relative"),
    ("phấn đấu hoàn thành toàn bộ công việc trước 30/5/2026", "2026-05-30", "before"),
    ("chậm nhất ngày 15/5 phải bàn giao", "2024-05-15", "before"),  # the year comes from the document
    ("tổng kết 6 tháng đầu năm", "2024-06-30", "by_period"),
])
def test_deadline_forms(phrase, date, kind):
    found = find_deadlines(phrase, 0, len(phrase), 2024)
    assert len(found) == 1 and (found[0].date, found[0].kind) == (date, kind)


@pytest.mark.parametrize("phrase", [
    "Quy hoạch tỉnh giai đoạn 2021 - 2030, tầm nhìn đến năm 2050",
    "Tập trung triển khai có hiệu quả kế hoạch đầu tư công năm 2024",
    "quy hoạch 1/5.000, tỷ lệ 3/4 số xã",
    "Ngày 24/4/2026, đồng chí Phó Chủ tịch UBND tỉnh kiểm tra công tác chuẩn bị",
])
def test_not_deadlines(phrase):
    assert find_deadlines(phrase, 0, len(phrase), 2024) == []


def _tasks(body: str):
    doc = vbpl_parser.parse_text(HEADER + body)
    assert item_problems(doc) == []
    return doc, [(t.lead, t.support, t.deadline.text if t.deadline else None) for t in doc.tasks]


def test_heading_assigns_its_bullets():
    doc, tasks = _tasks(
        "II. NHIỆM VỤ\n2.2. Sở Du lịch chủ trì phối hợp với các sở, ban, ngành, địa phương:\n"
        "- Tiếp tục triển khai hiệu quả Chương trình hành động số 306/CTr-UBND.\n"
        "- Triển khai thực hiện hiệu quả chuỗi hoạt động của Festival 4 mùa trong quý I/2024.\n"
    )
    assert tasks == [
        (["Sở Du lịch"], ["các sở, ban, ngành, địa phương"], None),
        (["Sở Du lịch"], ["các sở, ban, ngành, địa phương"], "trong quý I/2024"),
    ]
    assert [t.section_id for t in doc.tasks] == ["II.2.2.b1", "II.2.2.b2"]


def test_two_leads_in_one_unit_and_subject_after_a_clause():
    _, tasks = _tasks(
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ban, ngành theo dõi việc thực hiện Kế hoạch này. "
        "Văn phòng UBND tỉnh theo dõi, đôn đốc tiến độ thực hiện.\n"
        "2. Trong quá trình thực hiện, nếu có vướng mắc, các sở, ngành và địa phương chủ động đề xuất.\n"
    )
    assert [t[0] for t in tasks] == [["Sở Kế hoạch và Đầu tư"], ["Văn phòng Ủy ban nhân dân tỉnh"],
                                     ["các sở, ngành", "địa phương"]]


def test_issuer_acting_itself_is_not_a_task_and_plain_bullets_are_not_tasks():
    _, tasks = _tasks(
        "Thực hiện Nghị quyết số 01/NQ-CP; UBND tỉnh ban hành kế hoạch triển khai thực hiện như sau:\n"
        "1. Nhiệm vụ trọng tâm năm 2024\n- Đảm bảo an sinh, phúc lợi xã hội.\n"
    )
    assert tasks == []


def test_task_table_rows():
    doc, _ = _tasks(
        "IV. NHIỆM VỤ CỤ THỂ\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Xây dựng kế hoạch tuyên truyền | Sở Nội vụ | Sở Tư pháp, Công an tỉnh | Quý I/2024 |\n"
        "| 2 | Tổ chức hội nghị sơ kết | Sở Tài chính | các sở, ban, ngành | trước ngày 15/6/2024 |\n"
    )
    rows = [(t.table_row.key, t.lead, t.support, t.deadline.date if t.deadline else None)
            for t in doc.tasks if t.table_row]
    assert rows == [("1", ["Sở Nội vụ"], ["Sở Tư pháp", "Công an tỉnh"], "2024-03-31"),
                    ("2", ["Sở Tài chính"], ["các sở, ban, ngành"], "2024-06-15")]
    assert all(t.table_row.table == 1 for t in doc.tasks if t.table_row)


def test_officials_named_by_position_lead_their_tasks():
    """Điều 3 of a decision assigns execution to heads of bodies (tn-qd-3745-2021)."""
    _, tasks = _tasks(
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài nguyên và Môi trường, Chủ tịch UBND huyện Châu Thành, "
        "Thủ trưởng các Sở, ban, ngành và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này, "
        "kể từ ngày ký./.\n"
    )
    assert tasks[0][0] == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Tài nguyên và Môi trường",
                           "Chủ tịch Ủy ban nhân dân huyện Châu Thành", "Thủ trưởng các Sở, ban, ngành",
                           "các tổ chức, cá nhân có liên quan"]
    found = AgencyMatcher().find("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành")
    assert [(a.text, a.name) for a in found] == [("Các Bộ trưởng", "các Bộ trưởng"),
                                                 ("Thủ trưởng cơ quan ngang bộ", "cơ quan ngang bộ")]


def test_chi_dao_under_an_agency_heading_keeps_the_heading_as_lead():
    """"3.4. Sở Văn hóa ...: - Chỉ đạo các cơ quan báo chí ...": the Sở directs the press, it leads;
    "Đề nghị X ..." under the same heading hands the work to X."""
    text = ("KẾ HOẠCH\nTăng cường công tác phòng, chống ma túy\n"
            "I. NHIỆM VỤ\n1. Sở Văn hóa, Thể thao và Du lịch\n"
            "- Chỉ đạo các cơ quan báo chí, truyền thanh, truyền hình đổi mới hình thức tuyên truyền.\n"
            "- Đề nghị Đài Phát thanh và Truyền hình tỉnh mở chuyên mục phòng, chống ma túy.\n"
            "2. Chỉ đạo Sở Y tế tổ chức điều trị nghiện.\n")
    tasks = vbpl_parser.parse_text(text).tasks
    assert [(t.section_id, t.lead) for t in tasks] == [
        ("I.1.b1", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("I.1.b2", ["Đài Phát thanh và Truyền hình tỉnh"]),
        ("I.2", ["Sở Y tế"]),
    ]


def test_open_name_in_lower_case_with_a_listed_field_runs_to_its_place():
    """"Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh": the comma joins one "X, Y và Z"
    field of one body; a comma before another head noun still separates bodies."""
    m = AgencyMatcher("Lâm Đồng")
    found = m.find("2. Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh")
    assert [(a.text, a.name) for a in found] == [
        ("Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
         "Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Lâm Đồng")]
    separate = m.find("Ban quản lý dự án, Sở Tài chính và Sở Xây dựng tỉnh phối hợp")
    assert separate and all("," not in a.text for a in separate)


@pytest.mark.parametrize("sentence, expected", [
    ("gửi về Sở Nội vụ (địa chỉ thư: snv-cchc@lamdong.gov.vn) để đăng tải", ["Sở Nội vụ"]),
    ("Hợp nhất Hội Nhà báo tỉnh Bình Thuận và Hội Nhà báo tỉnh Đắk Nông", ["Hội Nhà báo tỉnh Bình Thuận",
                                                                        "Hội Nhà báo tỉnh Đắk Nông"]),
    ("Báo cáo việc thành lập các tổ chức thuộc Hội với Sở Nội vụ", ["Sở Nội vụ"]),
    ("Báo Lâm Đồng phối hợp đăng tải", ["Báo Lâm Đồng"]),
    ("Chủ đầu tư dự án đầu tư lấn biển khi nộp hồ sơ xin giao đất", ["Chủ đầu tư dự án đầu tư lấn biển"]),
])
def test_agency_mention_edges(sentence, expected):
    """Addresses are not bodies, "báo cáo" is not the newspaper, a party's name ends at its predicate."""
    assert [a.text for a in AgencyMatcher("Lâm Đồng").find(sentence)] == expected


def test_point_with_a_dated_deadline_continues_the_previous_siblings_body():
    """"a) Yêu cầu Sở Xây dựng lập hồ sơ ...; b) Hồ sơ ... gửi trước ngày 30/4/2026": Sở Xây dựng
    carries on; an undated remark, and the points of an Điều, give no task."""
    text = ("THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh\n"
            "I. Nhiệm vụ\n1. Đối với hồ sơ điều chỉnh dự án:\n"
            "a) Yêu cầu Sở Xây dựng lập hồ sơ điều chỉnh dự án theo quy định.\n"
            "b) Hồ sơ điều chỉnh phải đầy đủ, hoàn thành và gửi Sở Tài chính trước ngày 30/4/2026.\n"
            "c) Hồ sơ cần bảo đảm chất lượng.\n")
    tasks = vbpl_parser.parse_text(text).tasks
    assert [(t.section_id, t.lead, t.deadline.date if t.deadline else None) for t in tasks] == [
        ("I.1.a", ["Sở Xây dựng"], None),
        ("I.1.b", ["Sở Xây dựng"], "2026-04-30"),
    ]
    law = ("NGHỊ ĐỊNH\nQuy định chi tiết\nĐiều 5. Hồ sơ\n1. Sở Xây dựng lập hồ sơ điều chỉnh dự án.\n"
           "2. Hồ sơ điều chỉnh được gửi trước ngày 30/4/2026.\n")
    assert [t.section_id for t in vbpl_parser.parse_text(law).tasks] == ["dieu-5.1"]


@pytest.mark.parametrize("sentence, expected", [
    ("Trong thời hạn 02 ngày kể từ ngày ra quyết định thì tòa án phải chuyển hồ sơ",
     "Trong thời hạn 02 ngày kể từ ngày ra quyết định"),
    ("Trong thời hạn không quá 05 ngày làm việc kể từ ngày nhận được hồ sơ phương án sử dụng đất do cơ quan "
     "có chức năng quản lý đất đai cấp tỉnh gửi đến, Sở phải trả lời",
     "Trong thời hạn không quá 05 ngày làm việc kể từ ngày nhận được hồ sơ phương án sử dụng đất do cơ quan "
     "có chức năng quản lý đất đai"),
])
def test_relative_deadline_ends_with_a_whole_word(sentence, expected):
    """The event a time limit counts from is kept, cut at a word end and before "thì"."""
    assert [d.text for d in find_deadlines(sentence, 0, len(sentence), 2025)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Trước ngày 30/6/2026, các sở báo cáo kết quả.", ("Trước ngày 30/6/2026", "2026-06-30")),
    ("Chậm nhất ngày 15/5/2026 gửi báo cáo về Sở Nội vụ.", ("Chậm nhất ngày 15/5/2026", "2026-05-15")),
    ("Hằng tháng, báo cáo Ủy ban nhân dân tỉnh.", ("Hằng tháng", None)),
    ("Trong quý II/2026 hoàn thành việc rà soát.", ("Trong quý II/2026", "2026-06-30")),
])
def test_deadline_opening_a_sentence(sentence, expected):
    """A capital first letter is still the same deadline; the text keeps the capital."""
    found = find_deadlines(sentence, 0, len(sentence), 2026)
    assert [(d.text, d.date) for d in found] == [expected]
    assert all(sentence[d.start:d.end] == d.text for d in found)


@pytest.mark.parametrize("sentence, expected", [
    ("Công văn số 5956/STNMT ngày 24/10/2024 của Sở Tài nguyên Môi trường; Công văn số 3332/SGDĐT",
     ["Sở Tài nguyên Môi trường"]),
    ("Công văn số 11/CV-HNDN của Hội Nữ Doanh nhân tỉnh Bình Thuận (trước sắp xếp) về việc đổi tên",
     ["Hội Nữ Doanh nhân tỉnh Bình Thuận"]),
    ("Hội A ở tỉnh Hà Giang sáp nhập vào Hội A ở tỉnh Tuyên Quang", ["Hội A ở tỉnh Hà Giang", "Hội A ở tỉnh Tuyên Quang"]),
    ("Ban Thường vụ hoặc trên 1/2 số ủy viên đề nghị", ["Ban Thường vụ"]),
    ("Sở Y tế thành phố Hà Nội chủ trì", ["Sở Y tế thành phố Hà Nội"]),
])
def test_open_names_stop_at_punctuation_and_joining_words(sentence, expected):
    assert [a.text for a in AgencyMatcher("Lâm Đồng").find(sentence)] == expected


def test_bodies_listed_before_the_predicate_share_one_task_and_bare_lists_are_not_tasks():
    """Điều 3 of a decision lists bodies separated by ";" before "chịu trách nhiệm thi hành": one
    task with all of them. A bullet that only names a body, a composition ("gồm 03 thành viên"),
    a definition ("X là ...") or a permission ("có thể") is no task."""
    text = ("QUYẾT ĐỊNH\nVề việc phê duyệt Điều lệ\nĐiều 1. Phê duyệt Điều lệ Hội Golf tỉnh Lâm Đồng.\n"
            "Điều 2. Cơ cấu tổ chức\n1. Ban Kiểm tra gồm 03 thành viên.\n2. Ban Chấp hành có thể họp trực tuyến.\n"
            "3. Hội Golf tỉnh Lâm Đồng là tổ chức xã hội - nghề nghiệp.\n"
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Nội vụ; Chủ tịch Hội Golf tỉnh Lâm Đồng "
            "(mới) và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này./.\n")
    doc = vbpl_parser.parse_text(text)
    assert [(t.section_id, t.lead) for t in doc.tasks] == [
        ("dieu-3", ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ", "Chủ tịch Hội Golf tỉnh Lâm Đồng",
                    "Thủ trưởng các cơ quan liên quan"]),
    ]
    assert doc.tasks[0].text.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Nội vụ;")
    listing = ("KẾ HOẠCH\nHợp nhất các hội\nI. CÁC HỘI HỢP NHẤT\n- Hội Golf tỉnh Bình Thuận (trước sắp xếp);\n"
               "- Sở Tư pháp;\n- Giao Công an tỉnh là cơ quan thường trực, theo dõi việc thực hiện.\n")
    assert [t.lead for t in vbpl_parser.parse_text(listing).tasks] == [["Công an tỉnh"]]


LETTERHEAD = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /{code}-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày tháng 12 năm 2025\n")


def test_a_title_then_the_line_leading_into_the_list_assigns_it():
    doc = vbpl_parser.parse_text(LETTERHEAD.format(code="TB") + "THÔNG BÁO\nKết luận của Chủ tịch\n"
                                 "1. Về cải cách thể chế\nGiao Sở Tư pháp chủ trì, phối hợp với các cơ quan liên quan:\n"
                                 "a) Rà soát văn bản quy phạm pháp luật.\nb) Tham mưu sửa đổi, bổ sung.\n"
                                 "2. Trách nhiệm của Sở Nội vụ\na) Theo dõi, đôn đốc.\n"
                                 "3. Khi có kết quả đánh giá giao Sở Tài chính tổng hợp.")
    got = [(t.section_id, t.lead) for t in doc.tasks]
    assert got == [("1.a", ["Sở Tư pháp"]), ("1.b", ["Sở Tư pháp"]), ("2.a", ["Sở Nội vụ"]), ("3", ["Sở Tài chính"])]
    assert doc.tasks[0].support == ["các cơ quan liên quan"]


@pytest.mark.parametrize("sentence", [
    "1. Ban Chấp hành đã chú trọng công tác khen thưởng.",  # an account
    "1. Sở Nội vụ kính báo cáo Ủy ban nhân dân tỉnh xem xét.",  # the author asking upward
    "1. Chủ tịch Ủy ban nhân dân Thành phố quyết định điều chuyển tài sản.",  # a competence
    "1. Bộ Nội vụ có nhiệm vụ và quyền hạn giúp Chính phủ quản lý cán bộ.",  # a mandate
])
def test_accounts_competences_and_mandates_are_not_tasks(sentence):
    assert vbpl_parser.parse_text(LETTERHEAD.format(code="KH") + "KẾ HOẠCH\nThử\n" + sentence).tasks == []


def test_reports_and_submissions_assign_no_work_of_their_own():
    body = "I. PHƯƠNG HƯỚNG\n1. Sở Nội vụ tiếp tục theo dõi, đôn đốc các cơ quan.\n"
    assert vbpl_parser.parse_text(LETTERHEAD.format(code="KH") + "KẾ HOẠCH\nThử\n" + body).tasks
    report = vbpl_parser.parse_text(LETTERHEAD.format(code="BC") + "BÁO CÁO KIỂM ĐIỂM\nCỦA BAN CHẤP HÀNH\n" + body)
    assert report.metadata.doc_type == "Báo cáo" and report.metadata.title.startswith("KIỂM ĐIỂM CỦA")
    assert report.tasks == []


def test_a_charter_keeps_only_the_clause_that_assigns_carrying_it_out():
    doc = vbpl_parser.parse_text(
        LETTERHEAD.format(code="QĐ") + "QUYẾT ĐỊNH\nPhê duyệt Điều lệ Quỹ\nĐiều 1. Phê duyệt Điều lệ Quỹ.\n"
        "Điều 2. Giám đốc Sở Nội vụ có trách nhiệm thi hành Quyết định này./.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
        "ĐIỀU LỆ\nQUỸ KHUYẾN HỌC\n(Ban hành kèm theo Quyết định số /QĐ-UBND)\n"
        "Điều 1. Quỹ có trách nhiệm báo cáo tài chính hằng năm.\n"
        "Điều 2. Ban Quản lý Quỹ có trách nhiệm hướng dẫn và tổ chức thực hiện Điều lệ này.")
    assert [(t.section_id, t.lead) for t in doc.tasks] == [
        ("dieu-2", ["Giám đốc Sở Nội vụ"]), ("att1.dieu-2", ["Ban Quản lý Quỹ"])]


@pytest.mark.parametrize("phrase, date, kind", [
    ("trước ngày 15 tháng 12 hằng năm", None, "recurring"),
    ("chậm nhất vào ngày 05 hằng tháng", None, "recurring"),
    ("từ tháng 01 năm 1981 đến tháng 12 năm 1982", "1982-12-31", "range"),
    ("Từ tháng 3 đến tháng 9/2026", "2026-09-30", "range"),
    ("đến hết quý II năm 2004", "2004-06-30", "before"),
    ("vào quí III năm 2004", "2004-09-30", "by_period"),
    ("cuối năm 1982", "1982-12-31", "by_period"),
])
def test_more_deadline_forms(phrase, date, kind):
    found = find_deadlines(phrase, 0, len(phrase), 2024)
    assert len(found) == 1 and (found[0].text, found[0].date, found[0].kind) == (phrase, date, kind)


def test_a_schedule_tables_time_column_gives_deadlines():
    doc = vbpl_parser.parse_text(
        LETTERHEAD.format(code="KH") + "KẾ HOẠCH\nKiểm tra năm 2026\nI. NỘI DUNG\n1. Kiểm tra các sở.\n"
        "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\nPhụ lục I\nTHỜI GIAN KIỂM TRA\n"
        "(Kèm theo Kế hoạch số /KH-UBND)\n| STT | Đơn vị được kiểm tra | Thời gian kiểm tra |\n"
        "| 1 | Sở Nội vụ | Tháng 3/2026 |\n| 2 | Sở Tài chính | Tháng 4/2026 |")
    assert len(doc.attachments) == 1
    assert [(d.text, d.date) for d in doc.deadlines] == [("Tháng 3/2026", "2026-03-31"), ("Tháng 4/2026", "2026-04-30")]
    assert doc.tasks == []


@pytest.mark.parametrize("sentence, expected", [
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
     "ngày 22 tháng 11 năm 2019;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
       "ngày 22 tháng 11 năm 2019", "Luật", None, "2019-11-22", None)]),
    ("theo quy định tại Pháp lệnh xử lý vi phạm hành chính hiện hành.",
     [("Pháp lệnh xử lý vi phạm hành chính", "Pháp lệnh", None, None, None)]),
    ("nghỉ việc riêng theo quy định của Bộ Luật Lao động.", [("Bộ Luật Lao động", "Bộ luật", None, None, None)]),
    ("Luật sư xuất trình giấy tờ", []),
])
def test_amending_laws_lower_case_names_and_capitalised_codes(sentence, expected):
    assert refs(sentence) == expected


def test_a_portals_notes_are_not_the_documents_references():
    doc = vbpl_parser.parse_text(HEADER + "1. Sở Y tế cấp phép lưu hành [Cụm từ này bị thay thế bởi Khoản 7 Điều 147 "
                                 "Nghị định 96/2023/NĐ-CP có hiệu lực từ ngày 01/01/2024] theo Nghị định số 08/2015/NĐ-CP.")
    assert [r.symbol for r in doc.references] == ["01/NQ-CP", "08/2015/NĐ-CP"]  # the title cites 01/NQ-CP


def test_a_short_form_that_names_a_body_is_not_a_citation():
    found = refs("theo Quyết định số 41/QĐ-CTUB ngày 30/03/2004 của Chủ tịch UBND tỉnh Cà Mau (sau đây gọi tắt là "
                 "Ban Chỉ đạo 814), nhằm thực hiện. Ban Chỉ đạo 814 họp hằng tháng.")
    assert [r[2] for r in found] == ["41/QĐ-CTUB"]
