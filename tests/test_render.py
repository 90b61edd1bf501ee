"""The HTML review page (``vbpl_parser.render``, ``vbpl-parser render``) on real documents.

The page is parsed back with lxml and checked against the parsed document: every unit has its
element, every highlight carries its item's offsets and text, the task table has a row per task
linked to an anchor at the task's offset, the text is shown once and completely, nothing is
loaded from outside, and hostile text stays text. The last test opens pages in headless
Chromium (skipped when it is not installed) and clicks through them.
"""
from __future__ import annotations

import os
import re
import time
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

import vbpl_parser
from vbpl_parser.cli import main
from vbpl_parser.model import Document
from vbpl_parser.render import CSP, render_html
from vbpl_parser.render.assets import CSS, JS
from vbpl_parser.render.marks import Mark, MarkIndex, render_run

from .conftest import FIXTURES, TEXT_FIXTURES

PLAN = FIXTURES / "text" / "tthue-kh-24-2024.txt"
TABLE_PLAN = FIXTURES / "docx" / "ld-kh-tuyentruyen-cchc-2026.docx"
ALL_FIXTURES = TEXT_FIXTURES + sorted((FIXTURES / "docx").glob("*.docx")) + sorted(
    p for p in (FIXTURES / "html").iterdir() if p.suffix in (".html", ".htm"))


@pytest.fixture(scope="module")
def plan_page(reference_plan) -> tuple[Document, str, lhtml.HtmlElement]:
    page = render_html(reference_plan)
    return reference_plan, page, lhtml.document_fromstring(page.encode("utf-8"))


def _pieces(tree) -> dict[tuple[str, int, int], list]:
    groups: dict[tuple[str, int, int], list] = defaultdict(list)
    for m in tree.iter("mark"):
        if m.get("data-s"):
            kind = m.get("class").split()[0].removeprefix("m-")
            groups[(kind, int(m.get("data-s")), int(m.get("data-e")))].append(m)
    return groups


def _own_text(mark) -> str:
    """Text of a mark piece, nested marks included (they are part of it), anchors add nothing."""
    return mark.text_content()


def _items(doc: Document) -> dict[tuple[str, int, int], str]:
    out = {("a", a.start, a.end): a.text for a in doc.agencies}
    out.update({("d", d.start, d.end): d.text for d in doc.deadlines})
    out.update({("r", r.start, r.end): r.text for r in doc.references})
    return out


def _shown_text(doc: Document, tree) -> tuple[str, str]:
    """(expected, shown) document text without whitespace; a table shows its cells, not separators."""
    rendered = {int(t.get("data-s")): t for t in tree.xpath('//article[@id="doc"]//table')}
    expected, cur = [], 0
    for table in sorted(doc.tables, key=lambda t: t.start):
        if table.start in rendered:
            expected.append(doc.text[cur:table.start])
            expected.extend(doc.text[c.start:c.end] for row in table.rows for c in row)
            cur = table.end
    expected.append(doc.text[cur:])
    shown = tree.get_element_by_id("doc").text_content()
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    return squash("".join(expected)), squash(shown)


# -- structure ---------------------------------------------------------------------------------

def test_every_section_has_an_element_and_an_outline_link(plan_page):
    doc, page, tree = plan_page
    article = tree.get_element_by_id("doc")
    outline = {a.get("href") for a in tree.xpath('//nav[@class="outline"]//a')}
    sections = list(doc.iter_sections())
    assert len(sections) == 98
    for sec in sections:
        el = tree.get_element_by_id(f"s-{sec.id}")
        assert el.tag == "section" and article in el.iterancestors()
        assert f"#s-{sec.id}" in outline
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_outline_is_nested_and_numbered(plan_page):
    _, _, tree = plan_page
    link = tree.xpath('//nav[@class="outline"]//a[@href="#s-B.II.2.1"]')[0]
    assert link.xpath('string(span[@class="lbl"])') == "2.1."
    parents = [a.get("href") for d in link.iterancestors("details") for a in d.xpath("summary/a")]
    assert parents[1:] == ["#s-B.II.2", "#s-B.II", "#s-B"]  # its own summary, then its ancestors


def test_only_the_heading_is_bold():
    """'Điều 1. Phạm vi điều chỉnh' is a heading; the sentence under it in the same unit is not."""
    doc = vbpl_parser.parse(FIXTURES / "text" / "ttg-qd-12-2024.txt")
    tree = lhtml.document_fromstring(render_html(doc).encode("utf-8"))
    own = tree.xpath('//section[@id="s-dieu-1"]/div[@class="own"]')[0]
    assert own.xpath('string(span[@class="lbl"])') == "Điều 1. "
    assert own.xpath('string(span[@class="ttl"])') == "Phạm vi điều chỉnh"
    assert own.text_content().startswith("Điều 1. Phạm vi điều chỉnh\nQuyết định này quy định")


def test_text_is_shown_once_and_completely(plan_page):
    doc, _, tree = plan_page
    expected, shown = _shown_text(doc, tree)
    assert shown == expected


# -- highlights --------------------------------------------------------------------------------

def test_highlight_offsets_equal_item_offsets(plan_page):
    doc, _, tree = plan_page
    groups, items = _pieces(tree), _items(doc)
    assert set(groups) == set(items)  # one highlight per item, none invented
    assert len(items) == len(doc.agencies) + len(doc.deadlines) + len(doc.references) == 166
    for key, pieces in groups.items():
        assert "".join(_own_text(p) for p in pieces) == items[key] == doc.text[key[1]:key[2]]
        assert (len(pieces) > 1) == any("cut" in p.get("class") for p in pieces)


def test_highlights_carry_normalized_values(plan_page):
    doc, _, tree = plan_page
    groups = _pieces(tree)
    agency = next(a for a in doc.agencies if a.text == "UBND tỉnh")
    assert groups[("a", agency.start, agency.end)][0].get("data-v") == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    dl = next(d for d in doc.deadlines if d.date)
    assert groups[("d", dl.start, dl.end)][0].get("data-v") == f"{dl.date} ({dl.kind})" == "2024-06-30 (before)"
    ref = doc.references[0]
    assert groups[("r", ref.start, ref.end)][0].get("data-v") == "01/NQ-CP · Chính phủ · 2024-01-05 · Nghị quyết"
    # the agency inside that reference is nested in it, not cut
    inner = groups[("a", 161, 170)][0]
    assert inner.getparent().get("class") == "m-r" and "cut" not in inner.get("class")


def test_crossing_and_cut_items_nest_properly():
    text = "0123456789abcdefghij"
    marks = MarkIndex([Mark(2, 8, "d", "x"), Mark(5, 12, "a", "y"), Mark(5, 7, "r", "z"), Mark(15, 30, "a", "w")])
    out = render_run(text, 0, 18, marks, [(5, '<a id="t-T1"></a>')])
    root = etree.fromstring(f"<div>{out}</div>")  # well-formed: properly nested
    assert "".join(root.itertext()) == text[:18]
    assert root.find(".//a").get("id") == "t-T1"
    starts = {(int(m.get("data-s")), int(m.get("data-e"))): m for m in root.iter("mark")}
    assert "cut" in starts[(15, 30)].get("class")  # runs past the range: cut
    assert "cut" not in starts[(2, 8)].get("class")  # the outer of the crossing pair stays whole
    assert [m.get("class") for m in root.iter("mark") if m.get("data-s") == "5" and m.get("data-e") == "12"] == \
        ["m-a cut", "m-a cut"]  # the inner one is closed at 8 and reopened


# -- tasks, metadata, warnings -----------------------------------------------------------------

def test_task_table_rows_and_links(plan_page):
    doc, _, tree = plan_page
    rows = tree.xpath('//table[@class="tasks"]/tbody/tr')
    assert len(rows) == len(doc.tasks) == 69
    article = tree.get_element_by_id("doc")
    for task, row in zip(doc.tasks, rows):
        assert row.get("id") == f"row-{task.id}"
        go = row.xpath('.//a[@class="go mono"]')[0]
        assert go.get("href") == f"#t-{task.id}"
        anchor = tree.get_element_by_id(f"t-{task.id}")
        assert article in anchor.iterancestors() and anchor.get("href") == f"#row-{task.id}"
        assert f"s-{task.section_id}" in [s.get("id") for s in anchor.iterancestors("section")]
    t2 = rows[1].xpath("td")
    assert t2[1].text_content() == "B > II > 2 > 2.1 > -#2"
    assert t2[3].text_content() == "Sở Kế hoạch và Đầu tư"
    assert [x.strip() for x in t2[4].itertext()] == ["các sở, ban, ngành", "địa phương"]
    assert t2[5].text_content().startswith("hàng tháng, quý, 6 tháng và năm 2024")


def test_task_anchor_sits_at_task_offset(plan_page):
    """The text before each task anchor in the article is exactly the text before task.start."""
    doc, page, _ = plan_page
    article = page[page.index('<article class="doc"'):]
    for task in doc.tasks[:10] + doc.tasks[-3:]:
        before = article[:article.index(f'id="t-{task.id}"')]
        shown = lhtml.fragment_fromstring(before + "</a>", create_parent="div").text_content()
        assert re.sub(r"\s+", "", shown).endswith(re.sub(r"\s+", "", doc.text[max(0, task.start - 60):task.start]))


def test_metadata_card_and_warnings(plan_page):
    doc, _, tree = plan_page
    card = tree.get_element_by_id("meta").text_content()
    for value in ("24/KH-UBND", "2024-01-19", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", "Nguyễn Văn Phương", "69 nhiệm vụ"):
        assert value in card
    warnings = tree.get_element_by_id("warnings").xpath(".//li")
    assert [w.text_content() for w in warnings] == [f"{w.code} {w.message}" for w in doc.warnings]


def test_tables_become_tables():
    doc = vbpl_parser.parse(TABLE_PLAN)
    tree = lhtml.document_fromstring(render_html(doc).encode("utf-8"))
    assert len(doc.tables) == 2
    for table in doc.tables:
        el = tree.get_element_by_id(f"tbl-{table.index}")
        assert len(el.xpath(".//tr")) == len(table.rows)
        assert [c.text_content() for c in el.xpath(".//tr[1]/th")] == [c.text for c in table.rows[0]]
    expected, shown = _shown_text(doc, tree)
    assert shown == expected


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_every_fixture_renders(path):
    doc = vbpl_parser.parse(path)
    page = render_html(doc)
    tree = lhtml.document_fromstring(page.encode("utf-8"))
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    for sec in doc.iter_sections():
        tree.get_element_by_id(f"s-{sec.id}")
    assert set(_pieces(tree)) == set(_items(doc))
    assert len(tree.xpath('//table[@class="tasks"]/tbody/tr')) == len(doc.tasks)
    expected, shown = _shown_text(doc, tree)
    assert shown == expected


# -- self-contained and safe -------------------------------------------------------------------

def _assert_self_contained(tree) -> None:
    assert not tree.xpath("//*[@src] | //link | //img | //iframe | //object | //embed | //base | //form")
    assert all(h.startswith("#") for h in tree.xpath("//@href"))
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text == JS
    assert not [a for el in tree.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp == [CSP] and "default-src 'none'" in CSP


def test_no_external_resources(plan_page):
    _, page, tree = plan_page
    _assert_self_contained(tree)
    assert not re.search(r"(?i)https?:|//[a-z]", page)  # the plan's text has no URL: neither has the page
    assert "url(" not in CSS and "@import" not in CSS and not re.search(r"(?i)https?:", CSS + JS)
    assert '<meta charset="utf-8">' in page and 'lang="vi"' in page


HOSTILE = """ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Số: 7/KH-UBND
KẾ HOẠCH
<script>alert(1)</script> Triển khai nhiệm vụ năm 2024
1. Sở Nội vụ chủ trì <img src=x onerror=alert(2)> hoàn thành trước ngày 30/6/2024.
2. Sở Tài chính "><svg onload=alert(3)> ' onmouseover='alert(4)' báo cáo hằng quý.
3. </textarea></title><style>body{display:none}</style> Sở Y tế thực hiện &amp; &lt;b&gt;.
"""


def test_document_text_is_escaped():
    doc = vbpl_parser.parse_text(HOSTILE)
    page = render_html(doc)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "<svg" not in page and "<style>body" not in page
    tree = lhtml.document_fromstring(page.encode("utf-8"))
    _assert_self_contained(tree)
    assert len(tree.xpath("//style")) == 1
    assert "<img src=x onerror=alert(2)>" in tree.get_element_by_id("doc").text_content()
    assert "&amp; &lt;b&gt;" in tree.get_element_by_id("doc").text_content()  # shown as written
    assert any(t.lead == ["Sở Nội vụ"] for t in doc.tasks)


def test_hostile_fields_everywhere_are_escaped(reference_plan):
    evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    sec = reference_plan.sections[0].model_copy(update={"id": evil, "label": evil, "title": evil})
    task = reference_plan.tasks[0].model_copy(update={"id": evil, "lead": [evil], "support": [evil], "section_id": evil})
    doc = reference_plan.model_copy(update={
        "metadata": reference_plan.metadata.model_copy(update={"symbol": evil, "issuer": evil, "title": evil}),
        "sections": [sec] + reference_plan.sections[1:],
        "tasks": [task] + reference_plan.tasks[1:],
        "warnings": [reference_plan.warnings[0].model_copy(update={"message": evil, "code": evil})],
        "text": reference_plan.text[:50] + "\x00\ud800\x1b" + reference_plan.text[53:],
    })
    page = render_html(doc)
    page.encode("utf-8")  # no lone surrogate left
    assert "<script>alert" not in page and "<img" not in page and "\x00" not in page
    tree = lhtml.document_fromstring(page.encode("utf-8"))
    _assert_self_contained(tree)
    assert tree.get_element_by_id(f"s-{evil}").tag == "section"


# -- size and speed ----------------------------------------------------------------------------

def _big_decree(articles: int = 300, clauses: int = 4) -> str:
    lines = ["CHÍNH PHỦ", "Số: 99/2024/NĐ-CP", "Hà Nội, ngày 30 tháng 7 năm 2024", "NGHỊ ĐỊNH",
             "Quy định chi tiết một số điều của Luật Đất đai"]
    for i in range(1, articles + 1):
        if i % 30 == 1:
            lines += [f"Chương {['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][i // 30]}",
                      "QUY ĐỊNH VỀ QUẢN LÝ ĐẤT ĐAI"]
        lines.append(f"Điều {i}. Trách nhiệm thi hành điều {i}")
        for k in range(1, clauses + 1):
            lines.append(f"{k}. Bộ Tài chính chủ trì, phối hợp với Bộ Nội vụ và Ủy ban nhân dân cấp tỉnh hướng dẫn "
                         f"thực hiện khoản {k} theo Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ, "
                         "báo cáo kết quả trước ngày 31/12/2024:")
            lines += [f"{x}) Nội dung thứ {x} của khoản {k} Điều {i} được thực hiện thống nhất trên phạm vi cả nước."
                      for x in "ab"]
    return "\n".join(lines) + "\n"


def test_large_document_page_stays_light():
    """About 3,600 units and 450 KB of text (cp-nd-102-2024 has 1,400 units in 480 K characters)."""
    doc = vbpl_parser.parse_text(_big_decree())
    units = sum(1 for _ in doc.iter_sections())
    assert units > 3000
    page = render_html(doc)  # render time is measured by bench/, not asserted here
    size = len(page.encode("utf-8"))
    items = units + len(doc.tasks) + len(doc.agencies) + len(doc.deadlines) + len(doc.references)
    budget = 2 * len(doc.text.encode("utf-8")) + 250 * items  # linear: no per-character markup
    assert size < budget, f"{size} bytes for {len(doc.text)} characters and {items} items"
    tree = lhtml.document_fromstring(page.encode("utf-8"))
    # big outlines start folded: only the top level is open
    assert len(tree.xpath('//nav[@class="outline"]//details[@open]')) <= len(doc.sections) + len(doc.attachments)
    assert len(tree.xpath("//*")) < 8 * items


# -- command line ------------------------------------------------------------------------------

def test_cli_render(tmp_path, capsys):
    out = tmp_path / "page.html"
    assert main(["render", str(PLAN), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"<!DOCTYPE html>") and "Kế hoạch 24/KH-UBND".encode() in data
    folder = tmp_path / "pages"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 truncated")
    assert main(["render", str(PLAN), str(broken), str(TABLE_PLAN), "-o", str(folder)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "broken.pdf" in err[0]
    assert sorted(p.name for p in folder.iterdir()) == [f"{TABLE_PLAN.name}.html", f"{PLAN.name}.html"]
    assert main(["render", str(PLAN), str(TABLE_PLAN)]) == 2  # several inputs need a folder


# -- in a real browser -------------------------------------------------------------------------

def _shrink_png(path: Path) -> None:
    """Palette PNG for the docs (a fifth of the size); only when Pillow is there, it is optional."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def test_in_headless_chromium(tmp_path, reference_plan):
    """Open the page, check tree, highlights and task table, click a task, hover a highlight.

    ``VBPL_SCREENSHOTS=docs/img`` saves the screenshots there (the ones in the guide).
    """
    from .cdp import Browser, find_chromium

    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium not installed (Debian: apt-get install chromium); the browser test needs it")
    page = tmp_path / "plan.html"
    page.write_text(render_html(reference_plan), encoding="utf-8")
    big = tmp_path / "big.html"
    big.write_text(render_html(vbpl_parser.parse_text(_big_decree())), encoding="utf-8")
    shots = Path(os.environ["VBPL_SCREENSHOTS"]) if os.environ.get("VBPL_SCREENSHOTS") else tmp_path
    with Browser(binary) as b:
        b.open(page)
        assert b.eval("document.documentElement.dataset.ready") == "1", "the script did not run (CSP hash?)"
        assert "Segoe UI" in b.eval("getComputedStyle(document.body).fontFamily"), "the stylesheet was blocked"
        counts = b.eval("""({tree: document.querySelectorAll('nav.outline a[href^="#s-"]').length,
            rows: document.querySelectorAll('table.tasks tbody tr').length,
            a: document.querySelectorAll('#doc mark.m-a').length, d: document.querySelectorAll('#doc mark.m-d').length,
            r: document.querySelectorAll('#doc mark.m-r').length})""")
        assert counts == {"tree": 98, "rows": 69, "a": len(reference_plan.agencies),
                          "d": len(reference_plan.deadlines), "r": len(reference_plan.references)}
        colours = b.eval("['a','d','r'].map(k => getComputedStyle(document.querySelector('#doc mark.m-' + k)).backgroundColor)")
        assert len(set(colours)) == 3, colours
        b.send("DOM.enable")
        b.send("CSS.enable")
        root = b.send("DOM.getDocument")["root"]["nodeId"]
        node = b.send("DOM.querySelector", {"nodeId": root, "selector": '[id="s-B.II.2"] > .own'})["nodeId"]
        fonts = b.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert fonts and all(f["glyphCount"] > 0 for f in fonts)  # "Nhiệm vụ, giải pháp cụ thể về ..."
        b.screenshot(shots / "review-overview.png")
        b.eval("document.getElementById('tasks').scrollIntoView()")
        b.screenshot(shots / "review-tasks.png")
        assert b.eval("document.querySelector('table.tasks').getBoundingClientRect().right") <= 1280  # no overflow
        if shots != tmp_path:
            _shrink_png(shots / "review-overview.png")
            _shrink_png(shots / "review-tasks.png")

        # the task filter ignores diacritics: "so van hoa" finds the rows of "Sở Văn hóa và Thể thao"
        shown_rows = b.eval("""(() => { const f = document.getElementById('task-filter');
            f.value = 'so van hoa'; f.dispatchEvent(new Event('input'));
            return [...document.querySelectorAll('table.tasks tbody tr')].filter(r => !r.hidden).map(r => r.id); })()""")
        want = [f"row-{t.id}" for t in reference_plan.tasks if any("Sở Văn hóa" in x for x in t.lead + t.support)]
        assert want and set(want) <= set(shown_rows) and len(shown_rows) < len(reference_plan.tasks)
        b.eval("(() => { const f = document.getElementById('task-filter'); f.value = ''; "
               "f.dispatchEvent(new Event('input')); })()")

        # click the link of a task far down the page: the text scrolls there and its section gets focus
        task = reference_plan.tasks[29]
        x, y = b.eval(f"""(() => {{ const a = document.querySelector('a.go[href="#t-{task.id}"]');
            a.scrollIntoView({{block: 'center'}}); const r = a.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
        b.click(x, y)
        state = {}
        for _ in range(50):
            state = b.eval(f"""(() => {{ const r = document.getElementById('t-{task.id}').getBoundingClientRect();
                return {{hash: location.hash, focus: document.activeElement.id, top: r.top, bottom: r.bottom,
                         height: innerHeight, outline: (document.querySelector('nav.outline a.cur') || {{}}).hash}}; }})()""")
            if state["focus"] == f"s-{task.section_id}":
                break
            time.sleep(0.05)
        assert state["hash"] == f"#t-{task.id}"
        assert 0 <= state["top"] and state["bottom"] <= state["height"], state
        assert state["focus"] == f"s-{task.section_id}"
        assert state["outline"] == f"#s-{task.section_id}"

        # hover a highlight in view: its normalized value shows
        hx, hy, value = b.eval("""(() => { const m = [...document.querySelectorAll('#doc mark.m-a')].find(e => {
            const r = e.getBoundingClientRect(); return r.top > 120 && r.bottom < innerHeight - 160; });
            const r = m.getBoundingClientRect(); return [r.x + 3, r.y + r.height / 2, m.dataset.v]; })()""")
        b.hover(hx, hy)
        time.sleep(0.1)
        shown = b.eval("(() => { const m = [...document.querySelectorAll('mark:hover')].pop(); "
                       "return m ? getComputedStyle(m, '::after').content : null; })()")
        assert shown is not None and re.sub(r'"\s*"', "", shown) == f'"Cơ quan → {value}"', shown
        assert b.screenshot(shots / "review-task-click.png") > 10_000
        if shots != tmp_path:
            _shrink_png(shots / "review-task-click.png")

        # a very large document loads and its script finishes
        b.open(big)
        assert b.eval("document.documentElement.dataset.ready") == "1"
