"""Row models: one data row of a sheet as typed cells, validated by pydantic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

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
    TEXT_MAX_CHARS,
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
    parse_text,
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
# Many rows at once, a column at a time


class _Parsed(dict[Any, Any]):
    """``parse(value)`` by value, each distinct text or non-zero float parsed once, for
    every workbook this process reads (the same 100, 120 and 전체 recur in all 229 of a
    national set); a pure function's memo, cleared when it holds ``_PARSED_MAX`` values.
    Nothing else is kept, and only a column of text and floats is looked up here
    (``typed_result_columns``): ``True == 1 == 1.0`` and ``0.0 == -0.0`` would share a key.
    Safe across threads: a lookup that races a clear parses again."""

    __slots__ = ("parse",)

    def __init__(self, parse: Callable[[Any], Any]) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, value: Any) -> Any:
        parsed = self.parse(value)
        kind = type(value)
        if kind is str or (kind is float and value):
            if len(self) >= _PARSED_MAX:
                self.clear()
            self[value] = parsed
        return parsed


_PARSED_MAX = 100_000
_MEMO_KINDS = frozenset((str, float))  # no value of one equals a value of the other


def _text_column(cells: Sequence[Any]) -> list[str | None]:
    """``parse_text`` of each cell; a column of printable text within the length limit (the
    common case) needs only the trim."""
    # The cells' text joined is printable exactly when every cell's is, and blank exactly
    # when every cell is: one C call each (many workbooks leave whole columns blank).
    try:
        joined = "".join(cells)
    except TypeError:  # a cell that is not text (a number, a blank None, a formula)
        return list(map(parse_text, cells))
    if joined.isprintable() and (
        len(joined) <= TEXT_MAX_CHARS or max(map(len, cells)) <= TEXT_MAX_CHARS
    ):
        if not joined.strip():
            return [None] * len(cells)
        return [text or None for text in map(str.strip, cells)]
    return list(map(parse_text, cells))


def _parsers(model: type[BaseModel]) -> dict[str, tuple[str, Callable[[Any], Any], Any]]:
    """Field → (its header, the cell parser its ``BeforeValidator`` runs, its default)."""
    found = {}
    for attr, info in model.model_fields.items():
        (parse,) = [m.func for m in info.metadata if isinstance(m, BeforeValidator)]
        found[attr] = (str(info.validation_alias), cast(Callable[[Any], Any], parse), info.default)
    return found


_RESULT_PARSERS = _parsers(ResultRow)
_PARSED = {attr: _Parsed(parse) for attr, (_, parse, _) in _RESULT_PARSERS.items()}


def typed_result_columns(
    lines: Sequence[Sequence[Any]], columns: dict[str, int]
) -> dict[str, Sequence[Any]] | None:
    """The data rows of 시행결과 as ``ResultRow`` would validate them, a column at a time:
    field → each row's typed value (a row's values are its ``__dict__``); or None when any
    cell is refused, or the rows are ragged, and the caller validates row by row to word
    each problem where it stands.

    The same values as the row model by construction: every cell goes through its field's
    own parser, directly or through ``_Parsed`` (a value parsed once per distinct text or
    float), or through ``_text_column``'s trim where ``parse_text`` would only trim; pydantic's
    own check after the parser is a type check that the parsers' results always pass.
    ``tests/test_workbook_fast_path.py`` compares the two on random and hostile rows."""
    if not lines or len(set(map(len, lines))) != 1:
        return None
    cells_of = list(zip(*lines, strict=True))
    typed: dict[str, Sequence[Any]] = {}
    try:
        for attr, (header, parse, default) in _RESULT_PARSERS.items():
            c = columns.get(header)
            if c is None:
                typed[attr] = (default,) * len(lines)
            elif parse is parse_text:
                typed[attr] = _text_column(cells_of[c])
            elif set(map(type, cells_of[c])) <= _MEMO_KINDS:
                typed[attr] = list(map(_PARSED[attr].__getitem__, cells_of[c]))
            else:  # a bool, an int, a date, a formula: each parsed as itself
                typed[attr] = list(map(parse, cells_of[c]))
    except (PydanticCustomError, ValueError, AssertionError):
        return None
    return typed
