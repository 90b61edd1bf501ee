"""The page's inline stylesheet and script (kept in Python so they ship inside the package).

No web fonts and no external resources: the font stacks name faces with full Vietnamese
coverage that ship with Windows, macOS, Android and Debian (fonts-dejavu, fonts-liberation,
fonts-noto), and the browser falls back per glyph. The script only adds conveniences (opening
the outline branch of the target, focusing it, filtering tasks, hiding a highlight kind); the
page is complete without it. It uses event delegation so a large document does not get
thousands of listeners.
"""
from __future__ import annotations

CSS = """
:root{--ui:"Segoe UI","Noto Sans",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;
--doc:"Times New Roman","Noto Serif","Liberation Serif","DejaVu Serif",Georgia,serif;
--mono:"DejaVu Sans Mono","Liberation Mono",Consolas,Menlo,monospace;
--a:#dbeafe;--a-b:#1d4ed8;--d:#ffe4c7;--d-b:#c2410c;--r:#dcfce7;--r-b:#15803d;--line:#d9dde3;--muted:#6b7280}
*{box-sizing:border-box}
html{scroll-padding-top:1rem}
body{margin:0;font:15px/1.5 var(--ui);color:#1f2328;background:#f6f7f9}
header.top{padding:.8rem 1.2rem;background:#fff;border-bottom:1px solid var(--line)}
header.top h1{font-size:1.3rem;margin:0}
header.top .sub{margin:.2rem 0 .4rem;color:#374151}
header.top nav a{margin-right:1rem}
.layout{display:grid;grid-template-columns:minmax(15rem,22rem) minmax(0,1fr);gap:1rem;padding:1rem}
nav.outline{position:sticky;top:0;max-height:100vh;overflow:auto;background:#fff;border:1px solid var(--line);
border-radius:6px;padding:.5rem .6rem;font-size:13px}
nav.outline h2{font-size:1rem;margin:.2rem 0 .4rem}
nav.outline .tools button{font:inherit;font-size:12px;margin-right:.3rem}
.tree,.tree ul{list-style:none;margin:0;padding-left:.9rem}
.tree{padding-left:0}
.tree li{margin:.1rem 0}
.tree summary{cursor:pointer}
.tree a{color:#1f2328;text-decoration:none}
.tree a:hover{text-decoration:underline}
.tree a.cur{background:#fef08a;border-radius:3px}
.tree .lbl{font-weight:600}
.cnt{display:inline-block;min-width:1.3em;padding:0 .35em;border-radius:9px;background:#e0e7ff;color:#3730a3;
font-size:11px;text-align:center;font-weight:600}
main{min-width:0}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin-bottom:1rem}
.card h2{font-size:1.1rem;margin:.2rem 0 .6rem}
.card dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr));gap:.1rem 1.5rem;margin:0}
.card .kv{display:grid;grid-template-columns:8.5rem 1fr;gap:0 .6rem}
.card dt{color:var(--muted)}
.card dd{margin:0;overflow-wrap:anywhere}
#task-filter{width:20rem;max-width:100%;font:inherit}
.card dd ul{margin:0;padding-left:1.1rem}
.warn{border-color:#f59e0b}
.warn .code{background:#fef3c7;padding:0 .3em;border-radius:3px}
.muted{color:var(--muted)}
.mono{font-family:var(--mono);font-size:.92em}
.tbl{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#f1f3f6}
table.tasks td.txt{min-width:14rem}
table.tasks .path{min-width:7rem;font-size:.85em}
table.tasks .who{min-width:7rem}
table.tasks .when{min-width:7rem}
table.tasks tr:target{background:#fef9c3}
.legend{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;font-size:13px}
article.doc{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.4rem;
font:16px/1.55 var(--doc)}
article.doc .gap,article.doc .own{white-space:pre-wrap;margin:.15rem 0;overflow-wrap:anywhere}
article.doc .gap{color:#374151}
article.doc .ttl{font-weight:700}
article.doc .lbl{font-weight:700}
section.sec{margin-left:1.1rem;border-left:2px solid transparent;padding-left:.4rem;scroll-margin-top:1rem}
article.doc>section.sec,.att>section.sec{margin-left:0}
section.sec:focus{outline:none;border-left-color:#6366f1}
section.sec.hit{background:#fef9c3;transition:background 1.5s}
.att{border-top:3px double var(--line);margin-top:1rem;padding-top:.5rem}
.att::before{content:attr(data-title);display:block;font:600 13px var(--ui);color:var(--muted)}
article.doc table{font:14px/1.4 var(--doc);margin:.4rem 0}
mark{color:inherit;border-radius:2px;padding:0 1px;position:relative}
mark.m-a{background:var(--a);border-bottom:2px solid var(--a-b)}
mark.m-d{background:var(--d);border-bottom:2px dashed var(--d-b)}
mark.m-r{background:var(--r);border-bottom:2px dotted var(--r-b)}
mark mark{padding:0}
mark.m-a:hover::after{content:"Cơ quan → " attr(data-v)}
mark.m-d:hover::after{content:"Thời hạn → " attr(data-v)}
mark.m-r:hover::after{content:"Văn bản → " attr(data-v)}
mark:hover:not(:has(mark:hover))::after{position:absolute;left:0;top:100%;z-index:5;
margin-top:3px;padding:.25rem .5rem;background:#111827;color:#f9fafb;font:12px/1.4 var(--ui);
border-radius:4px;white-space:normal;width:max-content;max-width:28rem;pointer-events:none}
.hide-a mark.m-a,.hide-d mark.m-d,.hide-r mark.m-r{background:none;border-bottom-color:transparent}
.hide-a mark.m-a::after,.hide-d mark.m-d::after,.hide-r mark.m-r::after{display:none}
a.tk{display:inline-block;font:600 10px/1.5 var(--ui);color:#fff;background:#7c3aed;border-radius:8px;
padding:0 .4em;margin-right:.2em;vertical-align:2px;text-decoration:none;scroll-margin-top:4rem}
a.tk::before{content:attr(data-t)}
a.tk.demo::before{content:"T1"}
a.tk.demo{margin-right:.3em}
span.wk{scroll-margin-top:4rem}
span.wk:target::before{content:"⚠";color:#b45309}
@media (max-width:900px){.layout{grid-template-columns:1fr}nav.outline{position:static;max-height:40vh}}
@media print{nav.outline,.legend,.tools{display:none}.layout{display:block}}
""".strip()

JS = r"""
(function () {
  "use strict";
  var d = document;
  var current = null;
  function sectionFor(el) {
    return el.matches("section.sec") ? el : el.closest("section.sec");
  }
  function showInOutline(sec) {
    var nav = d.querySelector("nav.outline");
    var link = nav && nav.querySelector('a[href="#' + CSS.escape(sec.id) + '"]');
    if (!link) return;
    for (var p = link.parentElement; p && p !== nav; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    if (current) current.classList.remove("cur");
    current = link;
    link.classList.add("cur");
    var r = link.getBoundingClientRect(), n = nav.getBoundingClientRect();
    if (r.top < n.top || r.bottom > n.bottom) nav.scrollTop += r.top - n.top - n.height / 3;
  }
  function reveal(id) {
    var target = id && d.getElementById(id);
    if (!target) return;
    var sec = sectionFor(target);
    if (!sec) return;
    showInOutline(sec);
    sec.classList.add("hit");
    setTimeout(function () { sec.classList.remove("hit"); }, 1600);
    sec.focus({ preventScroll: true });
  }
  function fromHash() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }
  window.addEventListener("hashchange", function () { reveal(fromHash()); });
  d.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest('a[href^="#"]');
    if (a) setTimeout(function () { reveal(fromHash()); }, 0);
  });
  var art = d.getElementById("doc");
  d.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      art.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
  d.querySelectorAll("button[data-tree]").forEach(function (b) {
    b.addEventListener("click", function () {
      var open = b.getAttribute("data-tree") === "open";
      d.querySelectorAll("nav.outline details").forEach(function (x) { x.open = open; });
    });
  });
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0111\u0110]/g, "d").toLowerCase();
  }
  var filter = d.getElementById("task-filter");
  if (filter) {
    var rows = Array.prototype.slice.call(d.querySelectorAll("table.tasks tbody tr"));
    var folded = null;
    var shown = d.getElementById("task-shown");
    filter.addEventListener("input", function () {
      if (!folded) folded = rows.map(function (r) { return fold(r.textContent); });
      var q = fold(filter.value.trim()), n = 0;
      rows.forEach(function (r, i) {
        var hit = !q || folded[i].indexOf(q) >= 0;
        r.hidden = !hit;
        if (hit) n++;
      });
      shown.textContent = q ? n + " / " + rows.length : "";
    });
  }
  if (location.hash) reveal(fromHash());
  d.documentElement.setAttribute("data-ready", "1");
})();
""".strip()
