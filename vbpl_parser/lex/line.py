"""One cleaned line and what it is: its numbering marker, and its role in a letterhead or a
signature block (number line, place and date, type name, "Nơi nhận", authority, ...).

The marker is found when the record is made: the outline needs it for every body line
(a table row's is kept too: the zone finder reads a row's first cell like a line). The
letterhead and signature roles are found the first time a stage asks and then kept: they
decide the first and last few dozen lines of a document, and testing every role on every
line of a long body up front cost about a fifth of the whole pipeline (measured on the
reference plan repeated 100 times), far more than the repeated matching it replaces. Either
way a question is answered at most once per line, and the answer never changes: the record
is read-only.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from ..clean import Line
from ..lexicon import header_lines as H
from ..lexicon.markers import Marker, match_marker
from ..lexicon.symbols import SYMBOL_ONLY

T = TypeVar("T")
_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class PlaceDate:
    """"Thừa Thiên Huế, ngày 19 tháng 01 năm 2024": place and the printed parts (None if blank)."""

    place: str
    day: str | None
    month: str | None
    year: str | None


@dataclass(frozen=True, slots=True)
class TypeLine:
    """A type-name line: "KẾ HOẠCH" (``rest`` None) or "QUYẾT ĐỊNH VỀ VIỆC ..." (``rest`` set)."""

    type: str
    rest: str | None


class _LineFields(NamedTuple):
    number: int  # the line's position in the document (0-based)
    text: str
    start: int
    end: int
    cells: tuple[str, ...] | None
    table: int | None
    align: str | None
    zone: str
    gap_before: bool
    marker: Marker | None
    closing_start: bool  # the line may open a signature-block line (see H.CLOSING_START)
    memo: dict[str, Any]  # answers to the role questions asked so far


class LexLine(_LineFields):
    """A cleaned line with its classification.

    A tuple, so it cannot change once made (and is cheap to make: one per line of a long
    document); the roles asked of it are kept in ``memo``, each computed once, on first use.
    """

    __slots__ = ()

    @classmethod
    def make(cls, index: int, text: str, start: int, *, cells: tuple[str, ...] | None = None,
             table: int | None = None, align: str | None = None, zone: str = "body",
             gap_before: bool = False) -> LexLine:
        return cls(index, text, start, start + len(text), cells, table, align, zone, gap_before, match_marker(text),
                   H.CLOSING_START.match(text) is not None, {})

    @classmethod
    def of(cls, index: int, line: Line) -> LexLine:
        text = line.text
        return cls(index, text, line.start, line.start + len(text),
                   tuple(line.cells) if line.cells is not None else None, line.table,
                   line.style.align if line.style else None, line.zone, line.gap_before, match_marker(text),
                   H.CLOSING_START.match(text) is not None, {})

    def __repr__(self) -> str:
        return f"LexLine({self.number}, {self.text[:40]!r})"

    def _once(self, key: str, compute: Callable[[], T]) -> T:
        memo = self.memo
        value: T = memo.get(key, _UNSET)
        if value is _UNSET:
            value = memo[key] = compute()
        return value

    # ---- shape ---------------------------------------------------------------------------
    @property
    def is_row(self) -> bool:
        """A table row (its text is the cells joined by " | ")."""
        return self.cells is not None

    def is_caps(self, min_letters: int = 3) -> bool:
        """All letters in capitals, at least ``min_letters`` of them."""
        return self._once(f"caps{min_letters}", lambda: H.is_caps(self.text, min_letters))

    @property
    def is_rule(self) -> bool:
        """A rule line under a letterhead block ("-------", "___")."""
        return self._once("rule", lambda: H.is_rule(self.text))

    @property
    def cell_spans(self) -> list[tuple[int, int]]:
        """Absolute (start, end) of each cell of a table row."""
        spans = []
        pos = self.start
        for cell in self.cells or ():
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + len(" | ")
        return spans

    # ---- letterhead ----------------------------------------------------------------------
    @property
    def is_motto(self) -> bool:
        """"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (OCR-tolerant)."""
        return self._once("motto", lambda: bool(H.MOTTO.match(self.text)))

    @property
    def is_independence(self) -> bool:
        """"Độc lập - Tự do - Hạnh phúc"."""
        return self._once("indep", lambda: bool(H.INDEPENDENCE.match(self.text)))

    @property
    def is_party_motto(self) -> bool:
        return self._once("party", lambda: bool(H.PARTY_MOTTO.match(self.text)))

    @property
    def place_date(self) -> PlaceDate | None:
        """The place and date line, with its printed parts."""
        return self._once("place_date", self._place_date)

    def _place_date(self) -> PlaceDate | None:
        m = H.PLACE_DATE.match(self.text)
        return PlaceDate(m.group("place"), m.group("d"), m.group("m"), m.group("y")) if m else None

    @property
    def is_draft_mark(self) -> bool:
        """"DỰ THẢO" at the start of the line."""
        return self._once("draft", lambda: bool(H.DRAFT.match(self.text)))

    @property
    def is_draft_label(self) -> bool:
        """A line that is only the draft mark: "DỰ THẢO", "(Dự thảo)"."""
        return self._once("draft_label", lambda: bool(H.DRAFT.fullmatch(self.text.strip("() "))))

    @property
    def is_signature_stamp(self) -> bool:
        """The printed text of a digital signature or a certified-copy stamp."""
        return self._once("stamp", lambda: bool(H.SIGNATURE_STAMP.search(self.text)))

    @property
    def number_value(self) -> str | None:
        """What follows "Số:" on a number line ("24/KH-UBND", "" when blank); None if not one."""
        return self._once("so", self._number_value)

    def _number_value(self) -> str | None:
        m = H.SO_LINE.match(self.text)
        return m.group("value") if m else None

    @property
    def is_symbol_only(self) -> bool:
        """A line holding only a symbol ("/KH-UBND"), as under a blank "Số:"."""
        return self._once("symbol_only", lambda: bool(SYMBOL_ONLY.match(self.text)))

    @property
    def subject_line(self) -> str | None:
        """The trích yếu after "V/v" on a Công văn's subject line; None if not one."""
        return self._once("vv", self._subject_line)

    def _subject_line(self) -> str | None:
        m = H.VV.match(self.text)
        return m.group("title") if m else None

    @property
    def is_kinh_gui(self) -> bool:
        return self._once("kinh_gui", lambda: bool(H.KINH_GUI.match(self.text)))

    @property
    def is_telegram_address(self) -> bool:
        """"VĂN PHÒNG CHÍNH PHỦ điện:": the sender in capitals, then "điện:" (a Công điện)."""
        return self._once("telegram", self._telegram)

    def _telegram(self) -> bool:
        m = H.TELEGRAM_TO.match(self.text)
        return m is not None and H.is_caps(m.group("sender"))

    @property
    def type_line(self) -> TypeLine | None:
        """A line opening with a type name in capitals ("KẾ HOẠCH", "DỰ THẢO QUYẾT ĐỊNH ...")."""
        return self._once("type", self._type_line)

    def _type_line(self) -> TypeLine | None:
        m = H.DOC_TYPE_LINE.match(self.text)
        return TypeLine(m.group("type"), m.group("rest")) if m else None

    @property
    def is_attached_note(self) -> bool:
        """"(Ban hành kèm theo Quyết định số ...)"."""
        return self._once("attached", lambda: bool(H.ATTACHED_NOTE.match(self.text)))

    @property
    def is_authority_line(self) -> bool:
        """"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" under a decision's title."""
        return self._once("authority_line", lambda: H.is_authority_line(self.text))

    @property
    def starts_with_authority_token(self) -> bool:
        """"TM.", "KT.", "TL.", "Q." before a capitalised object."""
        return self._once("authority_token", lambda: bool(H.AUTHORITY_TOKEN.match(self.text)))

    @property
    def paragraph_marker(self) -> Marker | None:
        """The marker of a paragraph line (a table row's first cell is not a unit's label)."""
        return self.marker if self.cells is None else None

    @property
    def opens_body(self) -> bool:
        """The opening words of a body ("Căn cứ", "Thực hiện", ...) or a numbering marker
        other than a bullet."""
        return self._once("opens_body", lambda: bool(H.BODY_START.match(self.text)) or (
            self.marker is not None and self.marker.kind != "bullet"))

    @property
    def is_header_furniture(self) -> bool:
        """A letterhead line that is neither issuer nor title: rule, motto, place and date,
        draft mark, signature stamp."""
        return self._once("furniture", lambda: bool(
            self.is_rule or self.is_motto or self.is_independence or self.is_party_motto
            or self.place_date is not None or self.is_draft_label or self.is_signature_stamp))

    @property
    def is_anchor(self) -> bool:
        """A line every letterhead has: the motto, the place and date, a filled "Số:" line."""
        return self._once("anchor", lambda: bool(
            self.is_motto or self.is_independence or self.place_date is not None
            or (self.number_value is not None and len(self.text) < 80 and re.search(r"\d|/", self.text))))

    # ---- closing block -------------------------------------------------------------------
    @property
    def is_noi_nhan(self) -> bool:
        """"Nơi nhận:" (the recipients list)."""
        return self.closing_start and self._once("noi_nhan", lambda: bool(H.NOI_NHAN.match(self.text)))

    @property
    def is_sign_authority(self) -> bool:
        """"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC"."""
        return self.closing_start and self._once("sign_authority",
                                                  lambda: bool(H.SIGN_AUTHORITY.match(self.text)))

    @property
    def is_position(self) -> bool:
        """A signer's position in capitals ("PHÓ CHỦ TỊCH")."""
        return self.closing_start and self._once("position", lambda: bool(H.POSITION_LINE.match(self.text)))

    @property
    def is_person_name(self) -> bool:
        return self._once("person", lambda: bool(H.PERSON_NAME.match(self.text)))

    @property
    def is_adoption(self) -> bool:
        """"Luật này đã được Quốc hội ... thông qua ngày ..." (closes a law)."""
        return self.closing_start and self._once("adoption", lambda: bool(H.ADOPTION.match(self.text)))

    @property
    def is_closing_line(self) -> bool:
        """A line a signature block is made of (authority, position, name, rule, "Lưu: VT")."""
        return self._once("closing", self._closing_line)

    def _closing_line(self) -> bool:
        text = self.text
        return bool(
            self.is_adoption or (len(text) < 40 and H.POSITION_LINE.match(text.upper())) or
            self.is_sign_authority or self.is_position or H.SIGNED_MARK.match(text)
            or self.is_rule or (self.is_person_name and len(text) < 50)
            or (self.is_caps() and len(text) < 120)
            or text.startswith(("Lưu:", "- Lưu", "Lưu VT"))
        )

    @property
    def portal_field(self) -> tuple[str, str] | None:
        """A row of a portal's metadata table after the document ("Người ký | Nguyễn Văn A")."""
        return self._once("portal", self._portal_field)

    def _portal_field(self) -> tuple[str, str] | None:
        m = H.PORTAL_FIELD.match(self.text)
        return (m.group("key"), m.group("value").strip()) if m else None
