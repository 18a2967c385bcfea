"""The workbook's sheets and columns: names, required ones, aliases, header matching."""

from __future__ import annotations

import re

from lib.schema import (
    BudgetUnit,
)

SHEET_META = "개요"
SHEET_RESULTS = "시행결과"
SHEET_COMMENTS = "모니터링의견"
SHEET_ROSTER = "모니터링단"

# ---------------------------------------------------------------------------------------
# Headers

RESULT_COLUMNS: tuple[str, ...] = (
    "체계",
    "사업번호",
    "추진전략",
    "중점사업",
    "세부사업",
    "담당부서",
    "사업대상",
    "사업지역",
    "사업구분",
    "민관협력",
    "성과지표",
    "단위",
    "지표방향",
    "가중치",
    "목표",
    "실적",
    "당초예산",
    "변경예산",
    "집행액",
    "예산변경사유",
    "추진실적",
    "비고",
)
RESULT_REQUIRED: tuple[str, ...] = (
    "체계",
    "사업번호",
    "추진전략",
    "중점사업",
    "세부사업",
    "성과지표",
    "목표",
    "실적",
)
COMMENT_COLUMNS: tuple[str, ...] = ("구분", "대상", "위원", "평가", "의견")
COMMENT_REQUIRED: tuple[str, ...] = ("구분", "의견")
META_KEYS: tuple[str, ...] = ("시군구", "연도", "계획기수", "예산단위", "비고")

# Other names forms use for the same column (after normalisation).
HEADER_ALIASES: dict[str, str] = {
    "대표과업": "중점사업",
    "세부과업": "세부사업",
    "전략체계": "체계",
    "목표치": "목표",
    "목표값": "목표",
    "실적치": "실적",
    "실적값": "실적",
    "당초": "당초예산",
    "변경": "변경예산",
    "집행": "집행액",
    "집행예산": "집행액",
    "변경사유": "예산변경사유",
}
BUDGET_SHORT = {"당초": "당초예산", "변경": "변경예산", "집행": "집행액", "집행액": "집행액"}
BUDGET_COLUMNS = ("당초예산", "변경예산", "집행액")

# Columns that belong to the sub-project: carried down on continuation rows, must agree.
SUB_PROJECT_COLUMNS: tuple[str, ...] = (
    "추진전략",
    "중점사업",
    "세부사업",
    "담당부서",
    "사업대상",
    "사업지역",
    "사업구분",
    "민관협력",
    "당초예산",
    "변경예산",
    "집행액",
    "예산변경사유",
    "추진실적",
)

_UNIT_IN_PARENS = re.compile(r"\(([^()]*)\)\s*$")
_SPACES = re.compile(r"\s+")


def normalise_header(text: str) -> str:
    """``'목표\\n(명)'`` → ``'목표'``: no spaces or line breaks, no trailing unit."""
    squashed = _SPACES.sub("", text)
    return _UNIT_IN_PARENS.sub("", squashed)


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


# Sheet 모니터링단: the template's headers, and every header accepted (normalised) → column.
ROSTER_COLUMNS: tuple[str, ...] = ("성명", "구분", "소속기관/직위")
ROSTER_REQUIRED: tuple[str, ...] = ("성명",)
ROSTER_HEADERS: dict[str, str] = {
    "성명": "성명",
    "이름": "성명",
    "구분": "구분",
    "소속기관/직위": "소속기관/직위",
    "소속/직위": "소속기관/직위",
    "소속": "소속기관/직위",
    "소속기관": "소속기관",  # joined with 직위 when both are columns
    "직위": "직위",
}
