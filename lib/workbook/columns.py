"""The workbook's sheets and columns: names, required ones, aliases, header matching."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lib.schema import (
    BudgetUnit,
)

SHEET_META = "개요"
SHEET_RESULTS = "시행결과"
SHEET_COMMENTS = "모니터링의견"
SHEET_ROSTER = "모니터링단"

# ---------------------------------------------------------------------------------------
# The column-spec table: everything the reader knows about a column, in one row each.
# Headers, required columns, aliases, the sub-project's and the budget's columns, the
# template's header row and the row models' aliases are all derived from it.


@dataclass(frozen=True)
class Column:
    """One column of a sheet."""

    header: str  # as the template writes it, and the name problems use
    attr: str  # the row model's field
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers forms use (after ``normalise_header``)
    sub_project: bool = False  # belongs to the sub-project: carried down, must agree
    budget: str | None = None  # its short name under a budget group title (``당초``)
    in_template: bool = True  # the blank template has it


RESULT_TABLE: tuple[Column, ...] = (
    Column("체계", "system", required=True, aliases=("전략체계",)),
    Column("사업번호", "code", required=True),
    Column("추진전략", "strategy", required=True, sub_project=True),
    Column("중점사업", "key_project", required=True, aliases=("대표과업",), sub_project=True),
    Column("세부사업", "name", required=True, aliases=("세부과업",), sub_project=True),
    Column("담당부서", "department", sub_project=True),
    Column("사업대상", "target_group", sub_project=True),
    Column("사업지역", "dongs", sub_project=True),
    Column("사업구분", "status", sub_project=True),
    Column("민관협력", "cooperation", sub_project=True),
    Column("성과지표", "indicator", required=True),
    Column("단위", "unit"),
    Column("지표방향", "direction"),
    Column("가중치", "weight"),
    Column("목표", "target", required=True, aliases=("목표치", "목표값")),
    Column("실적", "actual", required=True, aliases=("실적치", "실적값")),
    Column("당초예산", "budget_planned", aliases=("당초",), sub_project=True, budget="당초"),
    Column("변경예산", "budget_changed", aliases=("변경",), sub_project=True, budget="변경"),
    Column(
        "집행액",
        "budget_executed",
        aliases=("집행", "집행예산"),
        sub_project=True,
        budget="집행",
    ),
    Column("예산변경사유", "budget_change_reason", aliases=("변경사유",), sub_project=True),
    Column("추진실적", "performance", sub_project=True),
    Column("비고", "note"),
)
COMMENT_TABLE: tuple[Column, ...] = (
    Column("구분", "category", required=True),
    Column("대상", "targets"),
    Column("위원", "reviewer"),
    Column("평가", "rating"),
    Column("의견", "text", required=True),
)
ROSTER_TABLE: tuple[Column, ...] = (
    Column("성명", "name", required=True, aliases=("이름",)),
    Column("구분", "role"),
    Column("소속기관/직위", "affiliation", aliases=("소속/직위", "소속")),
    # Two columns 소속기관 and 직위 are joined with " / " (monitoring-report.md).
    Column("소속기관", "organisation", in_template=False),
    Column("직위", "position", in_template=False),
)


def _headers(table: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(c.header for c in table if c.in_template)


def _required(table: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(c.header for c in table if c.required)


def header_of(table: tuple[Column, ...], attr: str) -> str:
    """The header of the column a row model's field reads."""
    return next(c.header for c in table if c.attr == attr)


RESULT_COLUMNS: tuple[str, ...] = _headers(RESULT_TABLE)
RESULT_REQUIRED: tuple[str, ...] = _required(RESULT_TABLE)
COMMENT_COLUMNS: tuple[str, ...] = _headers(COMMENT_TABLE)
COMMENT_REQUIRED: tuple[str, ...] = _required(COMMENT_TABLE)
ROSTER_COLUMNS: tuple[str, ...] = _headers(ROSTER_TABLE)
ROSTER_REQUIRED: tuple[str, ...] = _required(ROSTER_TABLE)
META_KEYS: tuple[str, ...] = ("시군구", "연도", "계획기수", "예산단위", "비고")

# Other names forms use for the same column of 시행결과 (after normalisation).
HEADER_ALIASES: dict[str, str] = {a: c.header for c in RESULT_TABLE for a in c.aliases}
# Under a group titled 예산: short names of the budget columns.
BUDGET_SHORT: dict[str, str] = {c.budget: c.header for c in RESULT_TABLE if c.budget}
BUDGET_COLUMNS: tuple[str, ...] = tuple(BUDGET_SHORT.values())
# Columns that belong to the sub-project (header → row field): carried down on
# continuation rows, and where two rows fill one they must agree.
SUB_PROJECT_ATTRS: dict[str, str] = {c.header: c.attr for c in RESULT_TABLE if c.sub_project}
SUB_PROJECT_COLUMNS: tuple[str, ...] = tuple(SUB_PROJECT_ATTRS)
# Every header 모니터링단 accepts (normalised) → its column.
ROSTER_HEADERS: dict[str, str] = {
    name: c.header for c in ROSTER_TABLE for name in (c.header, *c.aliases)
}

_UNIT_IN_PARENS = re.compile(r"\(([^()]*)\)\s*$")
_SPACES = re.compile(r"\s+")


def normalise_header(text: str) -> str:
    """``'목표\\n(명)'`` → ``'목표'``: no spaces or line breaks, no trailing unit."""
    squashed = _SPACES.sub("", text)
    return _UNIT_IN_PARENS.sub("", squashed)


@functools.lru_cache(maxsize=4096)  # every workbook of a set has the same headers
def _canonical(text: str) -> str | None:
    if len(text) > 200:  # no header is this long; spare the regular expressions
        return None
    name = normalise_header(text)
    name = HEADER_ALIASES.get(name, name)
    return name if name in RESULT_COLUMNS or name in COMMENT_COLUMNS else None


def _budget_units_in(text: str) -> list[BudgetUnit]:
    """Budget units stated in a note or title: ``(단위: 명, 천원)`` → [천원]."""
    units: list[BudgetUnit] = []
    for inner in re.findall(r"\(([^()]*)\)", text):
        inner = re.sub(r"^\s*단위\s*[:：]?", "", inner)
        for token in re.split(r"[,，/·]", inner):
            token = token.strip()
            if token in BudgetUnit._value2member_map_:
                units.append(BudgetUnit(token))
    note = re.search(r"단위\s*[:：]\s*([^()]*)$", text.strip())
    if note and not units:
        for token in re.split(r"[,，/·]", note.group(1)):
            if token.strip() in BudgetUnit._value2member_map_:
                units.append(BudgetUnit(token.strip()))
    return units


# ---------------------------------------------------------------------------------------
# Cells
