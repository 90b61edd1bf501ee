"""The lexicon: each vocabulary module on the forms real documents print."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbpl_parser.lexicon import citations, dates, deadlines, doc_types, header_lines, markers, symbols
from vbpl_parser.lexicon.agencies import PROVINCE_OF, gazetteer, group_patterns
from vbpl_parser.lexicon.names import new_tone_style, normal_case_name, normal_case_phrase
from vbpl_parser.lexicon.places import header_phrases, places, surnames
from vbpl_parser.lexicon.syllable_shape import is_vietnamese_syllable
from vbpl_parser.lexicon.syllables import known_syllables
from vbpl_parser.lexicon.trie import trie_pattern

# ---- document types -----------------------------------------------------------------------


def test_one_table_serves_letterheads_citations_codes_and_attachments():
    names = [t.name for t in doc_types.doc_types()]
    assert len(names) == len(set(names)), "a type listed twice"
    assert "QUYẾT ĐỊNH" in doc_types.header_type_names() and "CÔNG VĂN" in doc_types.header_type_names()
    assert "Thông báo kết luận" in doc_types.reference_type_names()
    assert "Thông báo kết luận" not in [n.title() for n in doc_types.header_type_names()]
    assert {"PHỤ LỤC", "QUY ĐỊNH", "KẾ HOẠCH"} <= set(doc_types.attachment_title_starts())
    assert doc_types.doc_type_from_code("TBKL") == "Thông báo"
    assert doc_types.doc_type_from_code("QyĐ") == doc_types.doc_type_from_code("QYĐ") == "Quy định"
    assert doc_types.doc_type_from_code("XYZ") is None and doc_types.doc_type_from_code(None) is None


def test_every_code_names_exactly_one_type():
    seen: dict[str, str] = {}
    for t in doc_types.doc_types():
        for code in t.codes:
            assert code not in seen, f"{code} names {seen.get(code)} and {t.name}"
            seen[code] = t.name
    assert seen["NĐ"] == "Nghị định" and seen["TTLT"] == "Thông tư liên tịch" and seen["CĐ"] == "Công điện"


# ---- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("30/01/2024", ("30", "01", "2024")), ("30-01-2024", ("30", "01", "2024")),
    ("05 / 1 / 2024", ("05", "1", "2024")), ("30.6.2026", ("30", "6", "2026")),
])
def test_numeric_date(text, expected):
    m = re.fullmatch(dates.numeric(), text)
    assert m and (m["d"], m["m"], m["y"]) == expected


def test_spelled_date_and_a_drafts_blanks():
    m = re.fullmatch(dates.spelled(), "19 tháng 01 năm 2024")
    assert m and dates.iso_date(m["d2"], m["m2"], m["y2"]) == "2024-01-19"
    draft = re.match(dates.spelled_blank(), " tháng 4 năm 2026")
    assert draft and (draft["d"], draft["m"], draft["y"]) == (None, "4", "2026")
    assert re.fullmatch(dates.numeric(year=False), "30/6")  # a deadline may leave the year out


def test_iso_conversions_refuse_blanks_and_impossible_dates():
    assert dates.iso_date(None, "4", "2026") is None
    assert dates.iso_date("31", "2", "2024") is None
    assert dates.iso(None, 1, 1) is None and dates.iso(2024, 2, 29) == "2024-02-29"
    assert dates.month_end(2024, 2) == "2024-02-29" and dates.month_end(2024, 13) is None


def test_month_and_quarter_forms():
    assert re.fullmatch(dates.month_year(), "tháng 3 năm 2024")["mon_y"] == "2024"
    q = re.fullmatch(dates.quarter(), "quý III/2024")
    assert q and (q["q"], q["q_y"]) == ("III", "2024")


# ---- symbols ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("24/KH-UBND", ("24/KH-UBND", "24", "KH")),
    ("256 /2004/QĐ-UB", ("256/2004/QĐ-UB", "256", "QĐ")),
    ("   /KH-UBND", ("/KH-UBND", None, "KH")),  # a draft: the number left blank
    ("26-NQ/TW", ("26-NQ/TW", "26", "NQ")),
    ("178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT", ("178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT", "178", "TTLT")),
    ("2450/VPCP-KGVX", ("2450/VPCP-KGVX", "2450", None)),  # a Công văn has no type code
    ("không có", (None, None, None)),
])
def test_parse_symbol(value, expected):
    assert symbols.parse_symbol(value) == expected


def test_symbol_in_running_text_and_spaces_of_a_text_layer():
    m = re.search(symbols.SYMBOL, "theo Nghị quyết số 01/NQ-CP ngày 05/01/2024")
    assert m and m.group(0) == "01/NQ-CP"
    assert symbols.normalize_symbol("99/ 1998/TT-BTC") == "99/1998/TT-BTC"
    assert symbols.SYMBOL_ONLY.match("/KH-UBND") and not symbols.SYMBOL_ONLY.match("Kế hoạch")


# ---- numbering markers -------------------------------------------------------------------------


@pytest.mark.parametrize("line, kind, label", [
    ("Chương II", "chuong", "Chương II"), ("CHƯƠNG I. QUY ĐỊNH CHUNG", "chuong", "CHƯƠNG I."),
    ("Phần thứ nhất", "phan", "Phần thứ nhất"), ("Mục 2. Hồ sơ", "muc", "Mục 2."),
    ("Điều 5. Trách nhiệm thi hành", "dieu", "Điều 5."), ("II. NHIỆM VỤ", "roman", "II."),
    ("A. MỤC TIÊU", "upper_letter", "A."), ("3. Tổ chức thực hiện", "arabic", "3."),
    ("2.1. Sở Tài chính", "decimal", "2.1."), ("1.2.3 Nội dung", "decimal", "1.2.3"),
    ("đ) Tuyên truyền", "letter", "đ)"), ("(1) Rà soát", "paren", "(1)"), ("- Chủ trì", "bullet", "-"),
    ("+ Phối hợp", "bullet", "+"), ("I- ĐÁNH GIÁ", "roman", "I"), ("1 - Mức trợ cấp", "arabic", "1"),
])
def test_marker_kinds(line, kind, label):
    m = markers.match_marker(line)
    assert m is not None and (m.kind, m.label) == (kind, label)
    assert line[m.end:] == line[len(m.label):].lstrip(" \t-–")


@pytest.mark.parametrize("line", [
    "2024 là năm bản lề", "3,5 triệu đồng", "1.000 người", "2.1 triệu", "---------", "Phần thứ nhất bao gồm",
    "Điều kiện cần thiết", "",
])
def test_numbers_and_rules_are_not_markers(line):
    assert markers.match_marker(line) is None


def test_roman_numerals_round_trip():
    for n in range(1, 60):
        assert markers.roman_to_int(markers.int_to_roman(n)) == n
    assert markers.roman_to_int("IIII") is None and markers.roman_to_int("ABC") is None


def test_glued_heading_numbers():
    assert markers.GLUED_ARABIC.search("có lợi thế3. Nhiệm vụ").group(1) == "3"
    assert markers.GLUED_ARABIC.search("năm 20245. Nhiệm vụ").group(1) == "5"
    assert markers.GLUED_ARABIC.search("tăng 3. Nhiệm vụ") is None  # a spaced number is prose
    assert markers.GLUED_ROMAN.search("xã hội.II. NHIỆM VỤ").group(1) == "II"


# ---- letterhead and signature lines -----------------------------------------------------------


def test_letterhead_lines():
    H = header_lines
    assert H.MOTTO.match("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") and H.MOTTO.match("CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert H.INDEPENDENCE.match("Độc lập - Tự do - Hạnh phúc")
    pd = H.PLACE_DATE.match("Thừa Thiên Huế, ngày 19 tháng 01 năm 2024")
    assert pd and (pd["place"], pd["d"], pd["m"], pd["y"]) == ("Thừa Thiên Huế", "19", "01", "2024")
    assert H.SO_LINE.match("Số: 24/KH-UBND")["value"] == "24/KH-UBND"
    assert H.DOC_TYPE_LINE.match("KẾ HOẠCH")["type"] == "KẾ HOẠCH"
    assert H.DOC_TYPE_LINE.match("THÔNG TƯ LIÊN TỊCH")["type"] == "THÔNG TƯ LIÊN TỊCH"  # the longest name wins
    assert H.VV.match("V/v báo cáo kết quả")["title"] == "báo cáo kết quả"
    assert H.TELEGRAM_TO.match("VĂN PHÒNG CHÍNH PHỦ điện:")
    assert H.ATTACHED_NOTE.match("(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 01/02/2024)")
    assert H.ATTACHED_NOTE.match("(Ban hành theo Quyết định số: 256/2004/QĐ-UB ngày 01/ 7 /2004)")  # older form
    assert not H.ATTACHED_NOTE.match("Theo đề nghị của Giám đốc Sở Nội vụ")


def test_signature_lines():
    H = header_lines
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TM. chính phủ"):
        assert H.SIGN_AUTHORITY.match(line), line
    assert H.POSITION_LINE.match("PHÓ CHỦ TỊCH") and H.POSITION_LINE.match("GIÁM ĐỐC CÔNG AN TỈNH")
    assert not H.POSITION_LINE.match("Phó Chủ tịch UBND tỉnh kiểm tra")
    assert H.PERSON_NAME.match("Nguyễn Ngọc Phúc") and not H.PERSON_NAME.match("NGUYỄN NGỌC PHÚC")
    assert H.NOI_NHAN.match("Nơi nhận:") and H.POSITION_IN_NAME.search("Phó Chứ Tịch Thường Trực")


def test_one_line_headers_of_older_documents():
    m = header_lines.TITLE_LINE.match(
        "Nghị định của Chính phủ số 114/2003/NĐ-CP ngày 10/10/2003 về cán bộ, công chức xã, phường, thị trấn")
    assert m and (m["type"], m["issuer"], m["sym"], m["d"], m["m"], m["y"]) == (
        "Nghị định", "Chính phủ", "114/2003/NĐ-CP", "10", "10", "2003")
    of = header_lines.OF_ISSUER_LINE.match("CỦA BỘ TÀI CHÍNH SỐ 13/2001/TT-BTC NGÀY 8 THÁNG 3 NĂM 2001")
    assert of and (of["issuer"], of["sym"], of["d2"]) == ("BỘ TÀI CHÍNH", "13/2001/TT-BTC", "8")


def test_capitals_and_rules():
    assert header_lines.is_caps("KẾ HOẠCH") and header_lines.is_caps("II. MỤC TIÊU")
    assert not header_lines.is_caps("Kế hoạch") and not header_lines.is_caps("I.")
    assert header_lines.is_rule("--------") and header_lines.is_rule("___") and not header_lines.is_rule("- Lưu")


# ---- names, places, agencies --------------------------------------------------------------------


@pytest.mark.parametrize("caps, name", [
    ("UBND TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("SỞ NỘI VỤ", "Sở Nội vụ"),
    ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Hội đồng nhân dân thành phố Hà Nội"),
    ("BAN CHỈ ĐẠO KHCN-ĐMST-CĐS", "Ban Chỉ đạo KHCN-ĐMST-CĐS"),
])
def test_normal_case_names(caps, name):
    assert normal_case_name(caps) == name


def test_positions_and_tone_marks():
    assert normal_case_phrase("PHÓ CHỦ TỊCH") == "Phó Chủ tịch"
    assert new_tone_style("Uỷ ban, hoà bình, thuỷ lợi, quỹ, hoàng") == "Ủy ban, hòa bình, thủy lợi, quỹ, hoàng"


@given(st.text(alphabet="oauyOAUYàáảãạỳýỷỹỵÀÁỲÝqQ ", max_size=40))
def test_tone_style_keeps_offsets(s):
    assert len(new_tone_style(s)) == len(s)


def test_places_phrases_and_family_names_load():
    assert "Lâm Đồng" in places() and "Hồ Chí Minh" in places()
    phrases = set(header_phrases())
    assert "tỉnh Lâm Đồng" in phrases and "Hội đồng nhân dân" in phrases  # "{place}" lines expanded
    assert {"NGUYỄN", "TRẦN", "LÊ"} <= surnames()


def test_gazetteer_and_groups():
    pattern, alias_to_name = gazetteer()
    m = pattern.search("giao sở kh&đt chủ trì")
    assert m and alias_to_name[m.group(0)] == "Sở Kế hoạch và Đầu tư"
    assert any(p.match("các sở, ban, ngành") for p in group_patterns())
    assert PROVINCE_OF.search("Ủy ban nhân dân tỉnh Lâm Đồng").group(1) == "Lâm Đồng"


# ---- citations, deadlines, assignment -------------------------------------------------------


def test_citation_grammar():
    m = citations.TYPED.search("Căn cứ Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ")
    assert m and (m["type"], m["sym"]) == ("Nghị quyết", "01/NQ-CP")
    law = citations.LAW.search("theo Luật Đầu tư công năm 2019")
    assert law and law["name"].startswith("Đầu tư công")
    assert citations.ALIAS.match(" (sau đây gọi tắt là Nghị quyết 29)")["alias"] == "Nghị quyết 29"


@pytest.mark.parametrize("phrase", [
    "trước ngày 30/01/2024", "chậm nhất ngày 15/3/2024", "trong tháng 5/2024", "trong quý I/2024",
    "trước ngày 20 hằng tháng", "định kỳ 02 tuần/lần", "trong thời hạn 15 ngày", "từ ngày 01/3 đến ngày 30/6/2024",
    "6 tháng đầu năm 2024", "hằng quý",
])
def test_every_deadline_form_starts_with_a_trigger_word(phrase):
    """The tagger tries the patterns only where a trigger word starts: a pattern that could
    match elsewhere would silently never run."""
    assert deadlines.TRIGGER.match(phrase)
    matching = [f for f in deadlines.FORMS if f.pattern.match(phrase)]
    assert matching and all(any(phrase.startswith(w) for w in f.triggers) for f in matching)


def test_every_deadline_form_has_an_interpreter():
    from vbpl_parser.tag.deadlines import INTERPRETERS

    assert {f.name for f in deadlines.FORMS} == set(INTERPRETERS)
    assert len({f.name for f in deadlines.FORMS}) == len(deadlines.FORMS)


def test_assignment_words():
    from vbpl_parser.lexicon import assignment as A

    assert A.TRIGGER.fullmatch("Giao ") and A.SUPPORT.match("phối hợp chặt chẽ với ")
    assert A.REVIEW_TITLE.match("KẾT QUẢ THỰC HIỆN NĂM 2025") and A.FORWARD.search("Kết quả và nhiệm vụ")
    assert A.TABLE_COLUMNS["lead"].search("đơn vị chủ trì") and A.TABLE_COLUMNS["key"].match("stt")


# ---- syllables and the trie ------------------------------------------------------------------


def test_syllables():
    for word in ("nghiêng", "quyết", "hoà", "hòa", "thuỷ", "được", "Việt"):
        assert is_vietnamese_syllable(word), word
    for word in ("ViÖt", "Vieät", "cüa", "xyz"):
        assert not is_vietnamese_syllable(word), word
    assert {"của", "và", "định"} <= known_syllables()


@given(st.lists(st.text(alphabet="abcđơ ", min_size=1, max_size=6), min_size=1, max_size=8))
def test_trie_matches_the_same_phrases_as_an_alternation(phrases):
    trie = re.compile(trie_pattern(sorted(set(phrases))))
    flat = re.compile("|".join(sorted((re.escape(p) for p in set(phrases)), key=len, reverse=True)))
    for probe in phrases + [p + "x" for p in phrases]:
        a, b = trie.match(probe), flat.match(probe)
        assert (a and a.group(0)) == (b and b.group(0))


@given(st.sampled_from(["Nơi nhận:", "NƠI NHẬN", "nơi nhận", "TM. ", "KT.", "TL ", "T/M ", "Q. ", "Luật này được ",
                        "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "Bộ luật này đã được "]),
       st.text(alphabet="ỦY BAN NHÂNDÂ CHỦTỊCH.:-thôngqua", max_size=30))
def test_closing_prefilter_admits_every_signature_line(head, tail):
    """The lex stage skips the four signature patterns on lines the prefilter refuses: it must
    never refuse a line one of them accepts."""
    H = header_lines
    line = head + tail
    if H.NOI_NHAN.match(line) or H.SIGN_AUTHORITY.match(line) or H.ADOPTION.match(line) or H.POSITION_LINE.match(line):
        assert H.CLOSING_START.match(line)
