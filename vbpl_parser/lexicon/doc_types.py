"""Document types (tên loại) and their codes in a ký hiệu: ``doc_types.tsv``, the one list.

Why one list: the letterhead's type line ("KẾ HOẠCH"), a citation in running text
("Kế hoạch số 24/KH-UBND"), the code inside a number ("24/KH-UBND" -> Kế hoạch) and the title
of an attached document ("QUY ĐỊNH ... (Ban hành kèm theo ...)") are four views of the same
vocabulary; adding a type is one line of the data file.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .tables import read_tsv


@dataclass(frozen=True, slots=True)
class DocType:
    name: str  # normal case: "Kế hoạch"
    codes: tuple[str, ...]  # in a ký hiệu: ("KH",)
    roles: frozenset[str]  # header, reference, attachment

    @property
    def caps(self) -> str:
        """The name as a letterhead prints it: "KẾ HOẠCH"."""
        return self.name.upper()


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    rows = read_tsv("doc_types.tsv")[1:]  # the first row names the columns
    out = []
    for name, codes, roles in rows:
        out.append(DocType(name, tuple(c for c in codes.split("|") if c != "-"),
                           frozenset(r for r in roles.split(",") if r != "-")))
    return tuple(out)


def names_with_role(role: str) -> tuple[str, ...]:
    """Normal-case names of the types recognised in ``role``."""
    return tuple(t.name for t in doc_types() if role in t.roles)


@lru_cache(maxsize=1)
def header_type_names() -> tuple[str, ...]:
    """Capitals of the types a letterhead prints as its type line ("QUYẾT ĐỊNH")."""
    return tuple(t.caps for t in doc_types() if "header" in t.roles)


@lru_cache(maxsize=1)
def reference_type_names() -> tuple[str, ...]:
    """Types cited in running text before a number ("Nghị quyết số 01/NQ-CP")."""
    return names_with_role("reference")


@lru_cache(maxsize=1)
def attachment_title_starts() -> tuple[str, ...]:
    """Capitals that open the title block of an attached document ("QUY ĐỊNH", "PHỤ LỤC")."""
    return tuple(t.caps for t in doc_types() if "attachment" in t.roles)


@lru_cache(maxsize=1)
def reporting_type_names() -> frozenset[str]:
    """Types that report or propose to their recipient and assign no work ("Báo cáo", "Tờ trình")."""
    return frozenset(names_with_role("report"))


@lru_cache(maxsize=1)
def charter_type_names() -> frozenset[str]:
    """Types that state a body's standing mandate ("Điều lệ")."""
    return frozenset(names_with_role("charter"))


@lru_cache(maxsize=1)
def code_names() -> dict[str, str]:
    """ký hiệu code -> type name ("KH" -> "Kế hoạch", "TBKL" -> "Thông báo")."""
    return {code: t.name for t in doc_types() for code in t.codes}


def doc_type_from_code(code: str | None) -> str | None:
    return code_names().get(code) if code else None
