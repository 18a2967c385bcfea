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
from lib.workbook.columns import COMMENT_TABLE, RESULT_TABLE, ROSTER_TABLE, header_of

M = TypeVar("M", bound=BaseModel)


def _field(alias: str) -> Any:
    return Field(default=None, validation_alias=alias)


def _result(attr: str) -> Any:
    """A field of sheet 시행결과, read from the column ``RESULT_TABLE`` gives it."""
    return _field(header_of(RESULT_TABLE, attr))


def _comment(attr: str) -> Any:
    return _field(header_of(COMMENT_TABLE, attr))


def _roster(attr: str) -> Any:
    return _field(header_of(ROSTER_TABLE, attr))


class ResultRow(BaseModel):
    """One data row of sheet 시행결과 as typed cells (cross-row rules come later)."""

    model_config = ConfigDict(extra="ignore", arbitrary_types_allowed=True)

    system: Annotated[System | None, BeforeValidator(parse_system)] = _result("system")
    code: Text = _result("code")
    strategy: Text = _result("strategy")
    key_project: Text = _result("key_project")
    name: Text = _result("name")
    department: Text = _result("department")
    target_group: Text = _result("target_group")
    dongs: Annotated[tuple[str, ...], BeforeValidator(parse_dongs)] = Field(
        default=(), validation_alias=header_of(RESULT_TABLE, "dongs")
    )
    status: Annotated[ProjectStatus | None, BeforeValidator(parse_status)] = _result("status")
    cooperation: Annotated[bool | None, BeforeValidator(parse_yes_no)] = _result("cooperation")
    indicator: Text = _result("indicator")
    unit: Text = _result("unit")
    direction: Annotated[Direction | None, BeforeValidator(parse_direction)] = _result("direction")
    weight: Num = _result("weight")
    target: Num = _result("target")
    actual: Num = _result("actual")
    budget_planned: Num = _result("budget_planned")
    budget_changed: Num = _result("budget_changed")
    budget_executed: Num = _result("budget_executed")
    budget_change_reason: Text = _result("budget_change_reason")
    performance: Text = _result("performance")
    note: Text = _result("note")


class CommentRow(BaseModel):
    """One data row of sheet 모니터링의견."""

    model_config = ConfigDict(extra="ignore")

    category: Annotated[CommentCategory | None, BeforeValidator(parse_category)] = _comment(
        "category"
    )
    targets: Text = _comment("targets")
    reviewer: Text = _comment("reviewer")
    rating: Annotated[Rating | None, BeforeValidator(parse_rating)] = _comment("rating")
    text: Text = _comment("text")


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

    name: Text = _roster("name")
    role: Text = _roster("role")
    affiliation: Text = _roster("affiliation")
    organisation: Text = _roster("organisation")
    position: Text = _roster("position")


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
