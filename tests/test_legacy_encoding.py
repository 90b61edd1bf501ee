"""Legacy Vietnamese encodings (TCVN3/ABC, VNI): detection from content and conversion.

The legacy lines below are real: copied from the corpus files named beside them as
LibreOffice's .doc/.rtf import or pdfplumber hands them over (8-bit characters in their
Latin-1/cp1252 view). Expected values follow the Unicode transcripts of those files.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl_parser.clean import clean
from vbpl_parser.clean.legacy import convert_legacy_lines, convert_line, convert_token, score_line
from vbpl_parser.clean.legacy_tables import TCVN3, TCVN3_UPPER, VNI_LETTERS, VNI_MARKS
from vbpl_parser.lexicon.syllable_shape import is_vietnamese_syllable
from vbpl_parser.lexicon.syllables import known_syllables
from vbpl_parser.read.document import Paragraph, RawDocument

TCVN3_LINES = [  # tcvn3-cp-nd-114-2003.doc, tcvn3-ct-qd-256-2004.doc, tcvn3-btc-tt-99-1998.rtf
    ("C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 25 th¸ng 12 n¨m 2001;",
     "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;"),
    ("a) Tr\xadëng c«ng an (n¬i ch\xada bè trÝ lùc l\xadîng c«ng an chÝnh quy);",
     "a) Trưởng công an (nơi chưa bố trí lực lượng công an chính quy);"),
    ("V/v ban hµnh Ch\xad¬ng tr×nh C¶i c¸ch hµnh chÝnh cña thµnh phè CÇn Th¬ giai ®o¹n 2004 - 2010",
     "V/v ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010"),
    ("thµnh phè cÇn th¬ \t                   §éc lËp - Tù do - H¹nh phóc",
     "thành phố cần thơ \t                   Độc lập - Tự do - Hạnh phúc"),
    ("\tC¨n cø NghÞ ®Þnh sè 30/1998/N§-CP ngµy 13 th¸ng 5 n¨m 1998 qui ®Þnh chi tiÕt thi hµnh LuËt thuÕ thu nhËp "
     "doanh nghiÖp;",
     "\tCăn cứ Nghị định số 30/1998/NĐ-CP ngày 13 tháng 5 năm 1998 qui định chi tiết thi hành Luật thuế thu nhập "
     "doanh nghiệp;"),
]
VNI_LINES = [  # vni-bp-qd-991-2008.doc, vni-cm-quydinh-814-2006.doc
    ("UÛY BAN NHAÂN DAÂN         \tCOÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
     "ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("TÆNH BÌNH PHÖÔÙC                                    Ñoäc laäp - Töï do - Haïnh phuùc",
     "TỈNH BÌNH PHƯỚC                                    Độc lập - Tự do - Hạnh phúc"),
    ("vaø ñaát chuyeån ra khoûi laâm phaàn sau raø soaùt quy hoaïch 03 loaïi röøng",
     "và đất chuyển ra khỏi lâm phần sau rà soát quy hoạch 03 loại rừng"),
    ("VEÀ CHÖÙC NAÊNG, NHIEÄM VUÏ, QUYEÀN HAÏN VAØ CÔ CAÁU TOÅ CHÖÙC",
     "VỀ CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC"),
    ("Ñieàu 1 . Phaïm vi ñieàu chænh.", "Điều 1 . Phạm vi điều chỉnh."),
    ("Quy cheá naøy quy ñònh chöùc naêng, nhieäm vuï, quyeàn haïn vaø toå chöùc hoaït ñoäng cuûa Ñoäi",
     "Quy chế này quy định chức năng, nhiệm vụ, quyền hạn và tổ chức hoạt động của Đội"),
]
UNICODE_LINES = [
    "Độc lập - Tự do - Hạnh phúc",
    "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ban, ngành và địa phương:",
    "Hà Nam", "Bé", "có", "Hoà Bình, Thanh Hoá", "Hà Nội, ngày 5 tháng 3 năm 2024",
    "Bùi Thị Hà", "“Hà Nội” – Lê Văn Tám…", "25°C ± 5, © 2024 ®",
    unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    "LĐ Phòng, Đ/c Hải",  # letters the cp1258 view shares with Unicode Vietnamese
]
FOREIGN_LINES = [
    "The Ministry's report: naïve café owners don’t pay “fees” – see § 3.",
    "Où est-il ? Ça coûte cher : l'élève a reçu un prix à Noël, déjà très âgé.",
    "Größe über alles: Müller und Schäfer gehen zur Straße, für später.",
    "Aún así, el niño está aquí; più tardi, perché così.",
    "Résumé: Hà Nội accueille la conférence; façade, garçon, hôtel, forêt, maïs.",
]


@pytest.mark.parametrize("raw,expected", TCVN3_LINES)
def test_tcvn3_lines(raw, expected):
    out, encodings = convert_legacy_lines([raw])
    assert out == [expected]
    assert encodings == ["tcvn3"]


@pytest.mark.parametrize("raw,expected", VNI_LINES)
def test_vni_lines(raw, expected):
    out, encodings = convert_legacy_lines([raw])
    assert out == [expected]
    assert encodings == ["vni"]


@pytest.mark.parametrize("line", UNICODE_LINES + FOREIGN_LINES)
def test_unicode_and_foreign_text_untouched(line):
    assert convert_legacy_lines([line]) == ([line], [])


def test_unicode_document_untouched_and_cheap():
    lines = UNICODE_LINES * 50 + FOREIGN_LINES * 50
    out, encodings = convert_legacy_lines(lines)
    assert out == lines and encodings == []


def test_mixed_document_converts_each_passage_with_its_encoding():
    """mixed-ld-duan-cntt-1998.doc has TCVN3 and VNI passages (and both on one line)."""
    lines = [raw for raw, _ in TCVN3_LINES[:2]] + [raw for raw, _ in VNI_LINES[:3]] + [
        "C. KÕt nèi m¹ng diÖn réng cho UBND tØnh vµ c¸c SÔÛ, BAN, NGAØNH, HUYEÄN, THÒ, THAØNH PHOÁ ",
        "Coäng",  # alone it is VNI "Cộng" or TCVN3 "Coọng": the attested syllable wins
    ]
    out, encodings = convert_legacy_lines(lines)
    assert out[:5] == [e for _, e in TCVN3_LINES[:2]] + [e for _, e in VNI_LINES[:3]]
    assert out[5] == ("C. Kết nối mạng diện rộng cho UBND tỉnh và các SỞ, BAN, NGÀNH, HUYỆN, THỊ, THÀNH PHỐ ")
    assert out[6] == "Cộng"
    assert encodings == ["tcvn3", "vni"]


def test_short_lines_follow_a_legacy_document_but_not_alone():
    short = "Sè:"  # TCVN3 "Số:", but "Sè" is a well-formed syllable too: no evidence on its own
    assert convert_legacy_lines([short]) == ([short], [])
    out, _ = convert_legacy_lines([raw for raw, _ in TCVN3_LINES] + [short, "N§-CP"])
    assert out[-2:] == ["Số:", "NĐ-CP"]


def test_unicode_line_inside_legacy_document_untouched():
    lines = [raw for raw, _ in TCVN3_LINES] + ["Như trên;", "Hà Nội, ngày 5 tháng 3 năm 2024"]
    out, _ = convert_legacy_lines(lines)
    assert out[-2:] == lines[-2:]


def test_vntimeh_capitals_restored():
    """Upper-case TCVN3 headings use .VnTimeH, which draws lower-case code points as capitals."""
    assert convert_line("PHÇN THø NHÊT: \tKÕ ho¹ch tæng thÓ", "tcvn3") == "PHẦN THỨ NHẤT: \tKế hoạch tổng thể"
    assert convert_line("S¥ §å QUAN HÖ TH¤NG TIN TØNH L¢M §åNG", "tcvn3") == "SƠ ĐỒ QUAN HỆ THÔNG TIN TỈNH LÂM ĐỒNG"
    assert convert_line("II. PH¢N TÝCH Vµ §¸NH GI¸ HIÖN TR¹NG", "tcvn3") == "II. PHÂN TÍCH VÀ ĐÁNH GIÁ HIỆN TRẠNG"
    # typed in lower case: nothing says it was shown in capitals (the transcripts agree)
    assert convert_line("Bé tµi chÝnh", "tcvn3") == "Bộ tài chính"


def test_tcvn3_seen_through_cp1252_latin1_and_cp1258():
    # VN1 capitals in 0x80-0x9F arrive as C1 controls (Latin-1) or as cp1252 punctuation
    assert convert_token("H\x80", "tcvn3") == convert_token("H€", "tcvn3") == "HÀ"
    assert convert_token("TR\x96NG", "tcvn3") == convert_token("TR–NG", "tcvn3") == "TRỌNG"
    # the same punctuation between words stays punctuation
    assert convert_line("hÖ thèng – ph©n tÝch", "tcvn3") == "hệ thống – phân tích"
    assert convert_line("“Hµ néi”", "tcvn3") == "“Hà nội”"
    # the plain-text reader decodes 8-bit files as cp1258: é (0xD0) arrives as "Đ"
    raw = "C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 25 th¸ng 12 n¨m 2001; §iÒu lÖ ®· ®\xadîc phª duyÖt"
    via_cp1258 = raw.encode("latin-1").decode("cp1258")
    assert via_cp1258 != raw
    out, _ = convert_legacy_lines([via_cp1258])
    assert out == ["Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001; Điều lệ đã được phê duyệt"]


def test_pdf_text_layer_line():
    """tcvn3-mpi-bc-kh2005-pdf.pdf: pdfplumber gives the TCVN3 bytes, soft hyphen = ư."""
    raw = "vô n¨m 2004 nh»m: B¶o ®¶m ph¸t triÓn kinh tÕ nhanh víi b\xadíc tiÕn míi vÒ chÊt"
    assert convert_legacy_lines([raw])[0] == ["vụ năm 2004 nhằm: Bảo đảm phát triển kinh tế nhanh với bước tiến mới về chất"]


def test_doubled_soft_hyphen_is_one_letter():
    assert convert_token("n\xad\xadíc", "tcvn3") == "nước"


def test_vni_composition():
    assert convert_token("Vieät", "vni") == "Việt"
    assert convert_token("Phöôùc", "vni") == "Phước"
    assert convert_token("hoaëc", "vni") == "hoặc"  # ë = breve + dot below
    assert convert_token("aêm", "vni") == "ăm"
    assert convert_token("caù", "vni") == "cá"
    assert convert_token("café", "vni") == "café"  # é after a consonant is no VNI code


def test_cleaning_stage_converts_before_removing_controls():
    """The cleaning stage runs the converter before NFC and control-character removal."""
    raw = RawDocument([Paragraph("Ch\xad¬ng I"), Paragraph("Nh÷ng quy ®Þnh chung"), Paragraph("§iÒu 1. Ph¹m vi")],
                      format="doc", reader="test")
    cd = clean(raw)
    assert cd.text.splitlines() == ["Chương I", "Những quy định chung", "Điều 1. Phạm vi"]
    assert cd.encodings == ["tcvn3"]


def test_tables_cover_the_encodings():
    lowers = "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵăâêôơưđ"
    assert set(TCVN3.values()) == set(lowers) | set("ĂÂÊÔƠƯĐ")
    assert len(TCVN3_UPPER) == 48  # VN1 capitals outside C0: 9 vowels x 5 tones + Ù Ủ Ũ
    assert set(VNI_LETTERS.values()) == set("ơưđíìỉĩịỵƠƯĐÍÌỈĨỊỴ")
    assert len(VNI_MARKS) == 34


def test_line_scores_explain_the_decision():
    scores = score_line("Baùo caùo keát quaû")
    assert scores["vni"].clear() and not scores["tcvn3"].clear()


@pytest.mark.parametrize("word,ok", [
    ("người", True), ("hoà", True), ("hòa", True), ("thuỷ", True), ("giếng", True), ("quyết", True),
    ("khuỷu", True), ("ĐỊNH", True), ("ViÖt", False), ("Vieät", False), ("tết̀", False), ("cầc", False),
    ("tíên", False), ("qúa", False), ("café", False), ("über", False), ("ac", False),
])
def test_syllable_check(word, ok):
    assert is_vietnamese_syllable(word) is ok


_TCVN3_ENCODE = {v: chr(k) for k, v in TCVN3.items()}
_SYLLABLES = sorted(known_syllables())


def test_tcvn3_round_trip_paragraph():
    text = ("ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo các sở, ngành thực hiện nghiêm túc "
            "những quy định về thuế suất thuế thu nhập doanh nghiệp, trường hợp được ưu đãi")
    legacy = "".join(_TCVN3_ENCODE.get(ch, ch) for ch in text)
    assert convert_legacy_lines([legacy]) == ([text], ["tcvn3"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=12), min_size=1, max_size=5))
def test_tcvn3_never_converted_wrongly(paragraphs):
    """Lower-case Vietnamese written in TCVN3 (as .VnTime stores it) converts back or stays.

    A line whose bytes read as well-formed Unicode too ("cõ": TCVN3 "cừ") may stay; it must
    never become something else. With clear TCVN3 lines around, more of them convert.
    """
    texts = [" ".join(words) for words in paragraphs]
    legacy = ["".join(_TCVN3_ENCODE.get(ch, ch) for ch in text) for text in texts]
    context = [raw for raw, _ in TCVN3_LINES]
    out, _ = convert_legacy_lines(legacy + context)
    for got, text, raw in zip(out, texts, legacy):
        assert got in (text, raw)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=14), st.booleans())
def test_unicode_syllables_never_converted(words, title):
    text = " ".join(w.capitalize() if title else w for w in words)
    assert convert_legacy_lines([text]) == ([text], [])


def test_clean_documents_are_untouched():
    """Unicode lines with ạ..ỹ letters take the fast path (speed: bench/legacy_accuracy.py)."""
    lines = [expected for _, expected in TCVN3_LINES + VNI_LINES] * 20
    assert convert_legacy_lines(lines) == (lines, [])


def test_latin1_only_lines_are_untouched():
    """Lines using only Latin-1 letters ("Hà Nam", French) need the full check and stay as they are."""
    lines = (UNICODE_LINES + FOREIGN_LINES) * 5
    assert convert_legacy_lines(lines) == (lines, [])
