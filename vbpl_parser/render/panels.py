"""The page's panels around the text: metadata card, task table, warnings, legend.

Labels are Vietnamese (the people checking an extraction read the documents in Vietnamese);
values are shown exactly as the JSON output holds them, since that is what is being checked.
"""
from __future__ import annotations

from ..export.rows import section_places
from ..model import Document
from .body import section_dom_id
from .escape import esc, excerpt
from .marks import KINDS


def _row(label: str, value: str | None, cls: str = "") -> str:
    shown = esc(value) if value else '<span class="muted">—</span>'
    return f'<div class="kv"><dt>{esc(label)}</dt><dd class="{cls}">{shown}</dd></div>'


def _list(label: str, values: list[str], fold_over: int = 4) -> str:
    if not values:
        return _row(label, None)
    items = "".join(f"<li>{esc(v)}</li>" for v in values)
    if len(values) > fold_over:
        return (f'<div class="kv"><dt>{esc(label)}</dt><dd><details><summary>{len(values)} dòng</summary>'
                f"<ul>{items}</ul></details></dd></div>")
    return f'<div class="kv"><dt>{esc(label)}</dt><dd><ul>{items}</ul></dd></div>'


def metadata_card(doc: Document) -> str:
    """The header fields, the signer, and where the text came from."""
    m, s, src = doc.metadata, doc.metadata.signer, doc.source
    signer = ", ".join(x for x in (s.authority, s.position, s.name) if x) or None
    origin = [f"{src.format} · {src.reader}"]
    if src.pages:
        origin.append(f"{src.pages} trang")
    if src.converted_with:
        origin.append(src.converted_with)
    if src.encodings:
        origin.append("mã cũ: " + ", ".join(src.encodings))
    if src.ocr is not None:
        conf = f", độ tin cậy {src.ocr.mean_confidence:.0f}" if src.ocr.mean_confidence is not None else ""
        origin.append(f"OCR {src.ocr.engine} {src.ocr.language}{conf}")
    if src.fallbacks:
        origin.append("dự phòng: " + ", ".join(src.fallbacks))
    counts = (f"{sum(1 for _ in doc.iter_sections())} đề mục · {len(doc.tasks)} nhiệm vụ · "
              f"{len(doc.agencies)} cơ quan · {len(doc.deadlines)} thời hạn · {len(doc.references)} văn bản dẫn chiếu")
    rows = [
        _row("Loại văn bản", " ".join(x for x in (m.doc_type, f"({m.doc_type_code})" if m.doc_type_code else None) if x)),
        _row("Số, ký hiệu", m.symbol, "mono"),
        _row("Ngày ban hành", m.issue_date, "mono"),
        _row("Địa danh", m.place),
        _row("Cơ quan ban hành", m.issuer),
        _row("Cơ quan chủ quản", m.issuer_parent),
        _row("Trích yếu", m.title),
        _row("Người ký", signer),
        _row("Dự thảo", "có" if m.is_draft else "không"),
        _list("Nơi nhận", m.recipients),
        _list("Căn cứ", m.legal_bases, fold_over=2),
        _row("Tệp nguồn", src.path or src.file_name, "mono"),
        _row("Đọc bằng", " · ".join(origin)),
        _row("SHA-256", src.sha256[:16] + "…" if src.sha256 else None, "mono"),
        _row("Đã trích xuất", counts),
    ]
    return f'<section class="card" id="meta" aria-label="Thông tin văn bản"><h2>Thông tin văn bản</h2><dl>{"".join(rows)}</dl></section>'


#: characters of a task's text shown in its row (the full text is one click away)
TASK_TEXT_LIMIT = 240


def task_table(doc: Document) -> str:
    """One row per task: lead, support, deadline, and links to its place in the text."""
    if not doc.tasks:
        return ('<section class="card" id="tasks" aria-label="Nhiệm vụ"><h2>Nhiệm vụ</h2>'
                '<p class="muted">Không có nhiệm vụ nào được nhận ra.</p></section>')
    places = section_places(doc)
    rows: list[str] = []
    for t in doc.tasks:
        place = places.get(t.section_id) if t.section_id else None
        where = (f'<a href="#{esc(section_dom_id(t.section_id))}" class="mono">{esc(place.path if place else t.section_id)}</a>'
                 if t.section_id else '<span class="muted">toàn văn bản</span>')
        if t.deadline is not None:
            d = t.deadline
            date = f'<br><time class="mono" datetime="{esc(d.date)}">{esc(d.date)}</time>' if d.date else ""
            deadline = f'{esc(d.text)}{date}<br><span class="muted">{esc(" · ".join(x for x in (d.kind, d.recurrence) if x))}</span>'
        else:
            deadline = '<span class="muted">—</span>'
        rows.append(
            f'<tr id="row-{esc(t.id)}">'
            f'<td class="id"><a class="go mono" href="#t-{esc(t.id)}">{esc(t.id)}</a></td>'
            f'<td class="path">{where}</td>'
            f'<td class="txt">{esc(excerpt(t.text, TASK_TEXT_LIMIT))}</td>'
            f"<td>{'<br>'.join(esc(x) for x in t.lead) or '<span class=muted>—</span>'}</td>"
            f"<td>{'<br>'.join(esc(x) for x in t.support) or '<span class=muted>—</span>'}</td>"
            f"<td>{deadline}</td></tr>")
    head = ('<tr><th class="id">#</th><th class="path">Đề mục</th><th>Nhiệm vụ</th><th class="who">Chủ trì</th>'
            '<th class="who">Phối hợp</th><th class="when">Thời hạn</th></tr>')
    return (f'<section class="card" id="tasks" aria-label="Nhiệm vụ"><h2>Nhiệm vụ <span class="cnt">{len(doc.tasks)}</span></h2>'
            '<p class="tools"><label>Lọc: <input type="search" id="task-filter" placeholder="cơ quan, từ khóa… (không dấu cũng được)"></label> '
            '<span id="task-shown" class="muted"></span> <span class="muted">· mã nhiệm vụ: đến vị trí trong văn bản; '
            'nhãn tím trong văn bản: về dòng của nó</span></p>'
            f'<div class="tbl"><table class="tasks"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div></section>')


def warnings_panel(doc: Document) -> str:
    """What the parser repaired or could not place; a warning with an offset links to it."""
    if not doc.warnings:
        return ""
    items = []
    for i, w in enumerate(doc.warnings, 1):
        where = f' <a href="#w-{i}">xem</a>' if w.start is not None else ""
        items.append(f'<li><span class="code mono">{esc(w.code)}</span> {esc(w.message)}{where}</li>')
    return (f'<section class="card warn" id="warnings" aria-label="Cảnh báo"><h2>Cảnh báo <span class="cnt">{len(doc.warnings)}</span></h2>'
            f'<ul>{"".join(items)}</ul></section>')


def legend() -> str:
    """The highlight colours, each with a switch to hide that kind."""
    items = "".join(
        f'<label class="lg"><input type="checkbox" checked data-toggle="{k}"> <mark class="{cls}">{esc(name)}</mark></label>'
        for k, (cls, name) in KINDS.items())
    return f'<div class="legend" aria-label="Chú giải">{items}<span class="lg"><a class="tk demo" data-t="T">nhiệm vụ</a></span></div>'
