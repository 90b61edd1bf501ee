"""Tasks from outline units: who leads, who supports, by when, for each actionable unit.

Conventions (the dev gold's annotator notes):

* a clause whose subject is a body assigns work: "Sở X chủ trì, phối hợp với Y ...",
  "Giao X ...", "Yêu cầu X ...", "Đề nghị X ...", "Chỉ đạo X: ...", "X có trách nhiệm ...";
* a heading that assigns a lead ("2.1. Sở X chủ trì, phối hợp với ...:", "c) UBND Phường 2:",
  "8. Ủy ban nhân dân các huyện ...") assigns every unit under it: each leaf under it is a task
  inheriting lead and support unless it names its own; the heading is then not a task;
* a leaf that names two leads in two clauses gives two tasks at the same place;
* a unit's own "phối hợp (với) Y" gives its support when the heading gave none;
* the deadline is the last one stated in the task's own text, else the heading's;
* the issuing body acting on its own ("UBND tỉnh ban hành kế hoạch") is not a task.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicon.assignment import (
    CLAUSE_COMMA,
    CLAUSE_END,
    COUNT_AFTER,
    DEFINITION,
    DIRECTS,
    HANDOVER,
    JOINER,
    MANDATE,
    NOT_PREDICATE,
    NOT_WORK,
    PARENTHETICAL,
    PREDICATE_WORD,
    SPACES,
    SUBORDINATE,
    SUPPORT,
    TRIGGER,
)
from ..lexicon.names import expand_abbreviations, new_tone_style
from ..model import Section
from ..tag.agencies import AgencyMention
from ..tag.deadlines import DeadlineMention


@dataclass(slots=True)
class Assignment:
    lead: list[str]
    support: list[str] = field(default_factory=list)
    deadline: DeadlineMention | None = None


@dataclass(slots=True)
class TaskDraft:
    """A task as found: where it is, who leads and supports, by when; for a row of a task
    table also the table's number and the row's key (its STT)."""

    section_id: str | None
    start: int
    end: int
    lead: list[str]
    support: list[str]
    deadline: DeadlineMention | None
    table_row: tuple[int, str] | None = None


class TaskFinder:
    def __init__(self, text: str, agencies: list[AgencyMention], deadlines: list[DeadlineMention],
                 issuer: str | None, skip: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.skip = skip or []  # looking-back sections: no tasks there
        self.agencies = sorted(agencies, key=lambda a: a.start)
        self._agency_starts = [a.start for a in self.agencies]
        self.deadlines = sorted(deadlines, key=lambda d: d.start)
        self._deadline_starts = [d.start for d in self.deadlines]
        self.issuer_key = _key(issuer) if issuer else None

    # ---- public -------------------------------------------------------------------------
    def from_tree(self, sections: list[Section], preamble: Section | None) -> list[TaskDraft]:
        out: list[TaskDraft] = []
        if preamble is not None:
            out.extend(self._leaf(preamble, None, section_id=None))
        for s in sections:
            self._walk(s, None, out)
        return out

    # ---- tree walk ----------------------------------------------------------------------
    def _walk(self, node: Section, inherited: Assignment | None, out: list[TaskDraft],
              in_article: bool = False) -> None:
        """``in_article``: inside an "Điều" of a legal text, whose points state rules, not a
        list of work for whoever was named last."""
        in_article = in_article or node.kind == "dieu"
        if self._skipped(node):
            return
        if node.children:
            heading = self._heading_assignment(node)
            passed = _merge(inherited, heading) if heading else inherited
            if heading is None and inherited is not None and not inherited.support:
                # "- Chủ trì, phối hợp chặt chẽ với X, Y ..., trong đó:" gives its support to its children
                own_support = self._support_in(node.text_start, node.text_end)
                if own_support:
                    passed = Assignment(inherited.lead, own_support, inherited.deadline)
            if heading is None:
                # a heading that assigns nothing may still hold tasks in its own text
                out.extend(t for t in self._leaf(node, None, node.id, own_only=True))
            previous: TaskDraft | None = None
            for child in node.children:
                before = len(out)
                self._walk(child, passed, out, in_article)
                if len(out) == before and passed is None and previous is not None and not child.children \
                        and not in_article:
                    continued = self._continuation(child, previous)
                    if continued is not None:
                        out.append(continued)
                previous = out[-1] if len(out) > before else None
            return
        out.extend(self._leaf(node, inherited, node.id))

    def _leaf(self, node: Section, inherited: Assignment | None, section_id: str | None,
              own_only: bool = False) -> list[TaskDraft]:
        start, end = node.text_start, node.text_end
        if end <= start:
            return []
        clauses = self._clauses(start, end, under_lead=inherited is not None)
        drafts: list[TaskDraft] = []
        for (cs, ce), subject in clauses:
            if subject is not None:
                lead, support = subject
                if not lead:
                    continue
                drafts.append(TaskDraft(section_id, cs, ce, lead, support, None))
            elif drafts:
                drafts[-1].end = ce
        if not drafts and inherited is not None and not own_only:
            support = inherited.support or self._support_in(start, end)
            drafts.append(TaskDraft(section_id, start, end, list(inherited.lead), list(support), None))
        for d in drafts:
            d.deadline = self._last_deadline(d.start, d.end) or (inherited.deadline if inherited else None)
            if not d.support:
                d.support = self._support_in(d.start, d.end)
            if inherited is not None and not d.support and d.lead == inherited.lead:
                d.support = list(inherited.support)
        return drafts

    def _skipped(self, node: Section) -> bool:
        """Is ``node`` in a looking-back section (no tasks there)?"""
        return any(a <= node.start < b for a, b in self.skip)

    def _continuation(self, node: Section, previous: TaskDraft) -> TaskDraft | None:
        """A point that names nobody but sets a deadline, right after a sibling whose body was
        named ("a) Yêu cầu Nhà đầu tư ... lập hồ sơ ...; b) Hồ sơ ... hoàn thành và gửi ...
        trước ngày 30/4/2026"): the same body carries on. Without a dated deadline of its own
        such a point is more often a remark or a standing rule than work, so it stays untasked."""
        if self._skipped(node):
            return None
        deadline = self._last_deadline(node.text_start, node.text_end)
        if deadline is None or deadline.date is None:
            return None  # "hằng năm", "trong thời hạn 07 ngày kể từ ...": rules, not a handover
        support = self._support_in(node.text_start, node.text_end)
        return TaskDraft(node.id, node.text_start, node.text_end, list(previous.lead), support, deadline)

    def _heading_assignment(self, node: Section) -> Assignment | None:
        """The lead/support a heading gives to the units under it, if it gives any: said on its
        first line ("2.1. Sở X chủ trì, phối hợp với ...:"), or, under a title, by the line that
        leads into the list ("1. Về cải cách thể chế / Giao Sở Tư pháp chủ trì, phối hợp ...:")."""
        start = node.text_start
        first_line_end = self.text.find("\n", start, node.text_end)
        end = first_line_end if first_line_end != -1 else node.text_end
        found = self._assignment_in_line(start, end)
        if found is None and first_line_end != -1:
            last_start = self.text.rfind("\n", start, node.text_end) + 1
            if self.text[last_start:node.text_end].rstrip().endswith(":"):
                found = self._assignment_in_line(last_start, node.text_end)
        return found

    def _assignment_in_line(self, start: int, end: int) -> Assignment | None:
        subject = self._subject_at(start, end)
        if subject is None or not subject[0]:
            return None
        lead, support = subject
        return Assignment(self._noun_phrase_heading(start, end) or lead, support, self._last_deadline(start, end))

    def _noun_phrase_heading(self, start: int, end: int) -> list[str] | None:
        """A heading that is only a name ("1. Nhà đầu tư của 02 dự án ... và Bảo Lộc – Liên Khương:")
        names one party as a whole, even where the mention finder stopped early."""
        line = self.text[start:end].strip().rstrip(":").strip()
        mentions = self._mentions_from(start, end)
        if not mentions or mentions[0].start != start or len(mentions) > 1 or len(line) > 160:
            return None
        rest = self.text[mentions[0].end:start + len(line)]
        if not rest.strip() or PREDICATE_WORD.search(rest) or not rest.lstrip().startswith(("và", "của", "-", "–")):
            return None
        return [new_tone_style(expand_abbreviations(line))]

    # ---- clauses ------------------------------------------------------------------------
    def _clauses(self, start: int, end: int, under_lead: bool = False
                 ) -> list[tuple[tuple[int, int], tuple[list[str], list[str]] | None]]:
        out: list[tuple[tuple[int, int], tuple[list[str], list[str]] | None]] = []
        pos = start
        bounds = [(m.start(), m.end()) for m in CLAUSE_END.finditer(self.text, start, end)] + [(end, end)]
        # "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ; X chịu trách nhiệm thi hành ...": the
        # bodies listed before the predicate's clause are its subjects too, in one task
        listed: list[str] = []
        listed_from = start
        for clause_end, next_start in bounds:
            if clause_end > pos:
                subject = self._subject_at(pos, clause_end, under_lead)
                span = (pos, clause_end)
                if subject is not None:
                    if listed:
                        subject = (listed + [b for b in subject[0] if b not in listed], subject[1])
                        out = [c for c in out if c[0][0] < listed_from]
                        span = (listed_from, clause_end)
                    listed = []
                else:
                    bodies = self._listed_bodies(pos, clause_end)
                    if bodies and not listed:
                        listed_from = pos
                    listed = listed + bodies if bodies else []
                out.append((span, subject))
            pos = next_start
        return out

    def _listed_bodies(self, start: int, end: int) -> list[str]:
        """The bodies of a clause that only lists bodies and ends with ";" (the subjects of a
        predicate that comes in a later clause), else nothing."""
        clause = self.text[start:end].strip()
        if not clause.endswith(";"):
            return []
        bodies: list[str] = []
        pos = start + (len(self.text[start:end]) - len(self.text[start:end].lstrip()))
        for m in self._iter_mentions(pos, end):
            between = self.text[pos:m.start]
            if between.strip() and not JOINER.fullmatch(between):
                return []
            bodies.append(m.written)
            pos = m.end
        tail = PARENTHETICAL.sub("", self.text[pos:end], count=1).strip()
        return bodies if bodies and not tail.strip(";,") else []

    def _subject_at(self, start: int, end: int, under_lead: bool = False) -> tuple[list[str], list[str]] | None:
        """(lead, support) when the clause ``text[start:end]`` has a body as its subject.

        ``under_lead``: a heading above already names who acts. Then "Chỉ đạo X ..." is that
        body directing X ("3.4. Sở Văn hóa ...: - Chỉ đạo các cơ quan báo chí ..."), not X
        leading; "Giao/Yêu cầu/Đề nghị X" still hand the work to X."""
        clause = self.text[start:end]
        offset = start + (len(clause) - len(clause.lstrip()))
        if SUBORDINATE.match(clause.lstrip()):
            # "Trong quá trình ..., nếu ..., các sở, ngành và địa phương chủ động đề xuất":
            # the subject is the first body right after a comma
            # (or the body a verb hands the work to: "Khi có kết quả ... giao Sở Nội vụ chủ trì")
            ends = {m.end for m in self._mentions_from(offset, end)}
            opens = [offset + c.end() for c in CLAUSE_COMMA.finditer(self.text[offset:end])
                     if offset + c.start() not in ends]  # "đã được các cấp, các ngành": a list, not a clause end
            opens += [offset + h.end() for h in HANDOVER.finditer(self.text[offset:end])]
            for pos in sorted(opens):
                after = next(self._iter_mentions(pos, end), None)
                if after is not None and after.start == pos:
                    offset = after.start
                    break
            else:
                return None
        mentions = self._mentions_from(offset, end)
        if not mentions:
            return None
        first = mentions[0]
        gap = self.text[offset:first.start]
        if gap.strip() and not TRIGGER.fullmatch(gap.lstrip()):
            return None
        if under_lead and DIRECTS.fullmatch(gap.lstrip()):
            return None
        lead_mentions = [first]
        pos = first.end
        for m in mentions[1:]:
            between = PARENTHETICAL.sub("", self.text[pos:m.start], count=1)  # "X (mới) và Y"
            if JOINER.fullmatch(between) or between.strip() in ("", ","):
                lead_mentions.append(m)
                pos = m.end
            else:
                break
        rest = self.text[pos:end]
        if NOT_WORK.match(rest):
            return None  # an account, a competence, an enactment, the author's request upward
        if MANDATE.match(rest):
            return None  # a standing mandate ("có nhiệm vụ và quyền hạn ..."), not an assignment
        if NOT_PREDICATE.match(rest) or (not rest.strip() and self.text[end:end + 1] not in (":", "\n", "")):
            return None
        if not gap.strip() and DEFINITION.match(rest):
            return None  # "Liên đoàn X là tổ chức xã hội ...": a definition; "Giao X là cơ quan thường trực" assigns
        tail = PARENTHETICAL.sub("", rest, count=1).strip()
        if tail and not tail.strip(";.,"):
            return None  # a list item naming a body: "- Hội Golf tỉnh Lâm Đồng (trước sắp xếp);"
        if tail == ":" and COUNT_AFTER.match(self.text, end):
            return None  # "Ban Thường vụ: 07 người": a composition, not a heading over work
        lead = [m.written for m in lead_mentions]
        if self.issuer_key and len(lead) == 1 and _key(first.name) == self.issuer_key and not gap.strip():
            return None  # the issuing body acting itself ("UBND tỉnh ban hành kế hoạch")
        support = self._support_in(pos, end)
        return lead, support

    def _support_in(self, start: int, end: int) -> list[str]:
        """Bodies named right after each "phối hợp (với)" in ``text[start:end]``."""
        out: list[str] = []
        for m in SUPPORT.finditer(self.text, start, end):
            pos = m.end()
            for a in self._iter_mentions(m.end(), end):
                between = self.text[pos:a.start]
                if between.strip() and not JOINER.fullmatch(between):
                    break
                if a.written not in out:
                    out.append(a.written)
                pos = a.end
        return out

    def _mentions_from(self, start: int, end: int) -> list[AgencyMention]:
        return list(self._iter_mentions(start, end))

    def _iter_mentions(self, start: int, end: int) -> Iterator[AgencyMention]:
        """Mentions starting in ``[start, end)``, lazily: loops that stop at the first few
        must not pay for every mention up to the end of a long clause (quadratic on a
        one-line document with thousands of bodies)."""
        i = bisect_left(self._agency_starts, start)
        while i < len(self.agencies) and self.agencies[i].start < end:
            yield self.agencies[i]
            i += 1

    def _last_deadline(self, start: int, end: int) -> DeadlineMention | None:
        """The last deadline starting in ``[start, end)``; a bisection, because a linear scan per
        unit made a 10,000-unit plan quadratic."""
        i = bisect_left(self._deadline_starts, end) - 1
        if i >= 0 and self.deadlines[i].start >= start:
            return self.deadlines[i]
        return None


def _merge(inherited: Assignment | None, heading: Assignment) -> Assignment:
    if inherited is None:
        return heading
    return Assignment(heading.lead, heading.support or [], heading.deadline or inherited.deadline)


def _key(name: str) -> str:
    return SPACES.sub(" ", new_tone_style(expand_abbreviations(name)).casefold()).strip()
