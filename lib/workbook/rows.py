"""Row models: one data row of a sheet as typed cells, validated by pydantic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError

from lib.errors import Problem
from lib.schema import (
    BudgetUnit,
    CommentCategory,
    Direction,
    ProjectStatus,
    Rating,
    System,
)
from lib.strings_ko import Msg
from lib.workbook.cells import (
    Num,
    Text,
    _blank,
    _shown,
    parse_budget_unit,
    parse_category,
    parse_direction,
    parse_dongs,
    parse_rating,
    parse_status,
    parse_system,
    parse_year,
    parse_yes_no,
)

M = TypeVar("M", bound=BaseModel)


def _field(alias: str) -> Any:
    return Field(default=None, validation_alias=alias)


class ResultRow(BaseModel):
    """One data row of sheet 시행결과 as typed cells (cross-row rules come later)."""

    model_config = ConfigDict(extra="ignore", arbitrary_types_allowed=True)

    system: Annotated[System | None, BeforeValidator(parse_system)] = _field("체계")
    code: Text = _field("사업번호")
    strategy: Text = _field("추진전략")
    key_project: Text = _field("중점사업")
    name: Text = _field("세부사업")
    department: Text = _field("담당부서")
    target_group: Text = _field("사업대상")
    dongs: Annotated[tuple[str, ...], BeforeValidator(parse_dongs)] = Field(
        default=(), validation_alias="사업지역"
    )
    status: Annotated[ProjectStatus | None, BeforeValidator(parse_status)] = _field("사업구분")
    cooperation: Annotated[bool | None, BeforeValidator(parse_yes_no)] = _field("민관협력")
    indicator: Text = _field("성과지표")
    unit: Text = _field("단위")
    direction: Annotated[Direction | None, BeforeValidator(parse_direction)] = _field("지표방향")
    weight: Num = _field("가중치")
    target: Num = _field("목표")
    actual: Num = _field("실적")
    budget_planned: Num = _field("당초예산")
    budget_changed: Num = _field("변경예산")
    budget_executed: Num = _field("집행액")
    budget_change_reason: Text = _field("예산변경사유")
    performance: Text = _field("추진실적")
    note: Text = _field("비고")


class CommentRow(BaseModel):
    """One data row of sheet 모니터링의견."""

    model_config = ConfigDict(extra="ignore")

    category: Annotated[CommentCategory | None, BeforeValidator(parse_category)] = _field("구분")
    targets: Text = _field("대상")
    reviewer: Text = _field("위원")
    rating: Annotated[Rating | None, BeforeValidator(parse_rating)] = _field("평가")
    text: Text = _field("의견")


class MetaIn(BaseModel):
    """Sheet 개요's key/value rows."""

    model_config = ConfigDict(extra="ignore")

    district: Text = _field("시군구")
    year: Annotated[int | None, BeforeValidator(parse_year)] = _field("연도")
    plan_term: Text = _field("계획기수")
    budget_unit: Annotated[BudgetUnit | None, BeforeValidator(parse_budget_unit)] = _field(
        "예산단위"
    )
    note: Text = _field("비고")


class RosterRow(BaseModel):
    """One data row of sheet 모니터링단."""

    model_config = ConfigDict(extra="ignore")

    name: Text = _field("성명")
    role: Text = _field("구분")
    affiliation: Text = _field("소속기관/직위")
    organisation: Text = _field("소속기관")
    position: Text = _field("직위")


RESULT_ROWS: TypeAdapter[list[ResultRow]] = TypeAdapter(list[ResultRow])
COMMENT_ROWS: TypeAdapter[list[CommentRow]] = TypeAdapter(list[CommentRow])

# Pydantic's own error types, in Korean. Our validators raise Korean messages already.
ERROR_MESSAGES: dict[str, str] = {
    "missing": Msg.REQUIRED,
    "string_type": Msg.NOT_TEXT,
    "decimal_parsing": Msg.NOT_NUMBER,
    "decimal_type": Msg.NOT_NUMBER,
    "int_parsing": Msg.NOT_NUMBER,
    "enum": Msg.NOT_ALLOWED.format(allowed="…"),
}


def _validate_row(
    model: type[M],
    cells: dict[str, Any],
    sheet: str,
    row: int,
    problems: list[Problem],
    column_label: Callable[[str], str] = lambda name: name,
    row_of: Callable[[str], int | None] | None = None,
) -> M | None:
    """Validate one row's cells; on failure add one Problem per bad cell and return None."""
    try:
        return model.model_validate(cells)
    except ValidationError as exc:
        for error in exc.errors():
            column = str(error["loc"][0]) if error["loc"] else None
            raw = cells.get(column) if column else None
            message = ERROR_MESSAGES.get(error["type"], error["msg"])
            problems.append(
                Problem(
                    sheet,
                    row_of(column) if (row_of and column) else row,
                    column_label(column) if column else None,
                    message,
                    None if _blank(raw) else _shown(raw),
                )
            )
        return None


def _validate_rows(adapter: TypeAdapter[list[M]], rows: list[dict[str, Any]]) -> list[M] | None:
    """Validate many rows in one call; None when any row is invalid (the caller then
    validates row by row with ``_validate_row`` to report each problem in order)."""
    try:
        return adapter.validate_python(rows)
    except ValidationError:
        return None


# ---------------------------------------------------------------------------------------
# The file
