"""Sheet 개요 and the cross-row rules of sheet 시행결과: rows → sub-projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lib.errors import Problem
from lib.schema import (
    BudgetUnit,
    Direction,
    Indicator,
    ProjectStatus,
    SubProject,
    System,
)
from lib.strings_ko import Msg, ReadMsg
from lib.workbook.cells import _blank, _filled, _line_blank, _shown
from lib.workbook.columns import (
    _SPACES,
    BUDGET_COLUMNS,
    META_KEYS,
    SHEET_META,
    SHEET_RESULTS,
    SUB_PROJECT_ATTRS,
)
from lib.workbook.header import _Header, _header_text
from lib.workbook.limits import DEFAULT_LIMITS, Limits
from lib.workbook.package import _Sheet
from lib.workbook.rows import RESULT_ROWS, MetaIn, ResultRow, _validate_row, _validate_rows

# Sheet 개요


def _read_meta(
    sheet: _Sheet, problems: list[Problem], limits: Limits = DEFAULT_LIMITS
) -> tuple[MetaIn | None, dict[str, int]]:
    """Sheet 개요's key/value rows; 시군구 and 연도 required, metadata within its length limits."""
    cells: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for r, line in enumerate(sheet.grid):
        key = _SPACES.sub("", _header_text(line[0])) if line else ""
        if key in META_KEYS and key not in cells:
            cells[key] = line[1] if len(line) > 1 else None
            rows[key] = r + 1
    meta = _validate_row(MetaIn, cells, SHEET_META, 0, problems, row_of=rows.get)
    if meta is not None:
        for key, value in (("시군구", meta.district), ("연도", meta.year)):
            if value is None:
                problems.append(Problem(SHEET_META, rows.get(key), key, Msg.REQUIRED))
        too_long = False
        for key, text, limit in (
            ("시군구", meta.district, limits.max_district_chars),
            ("계획기수", meta.plan_term, limits.max_plan_term_chars),
        ):
            if text is not None and len(text) > limit:
                message = ReadMsg.TEXT_TOO_LONG.format(n=len(text), limit=limit)
                problems.append(Problem(SHEET_META, rows.get(key), key, message, _shown(text)))
                too_long = True
        if meta.district is None or meta.year is None or too_long:
            return None, rows
    return meta, rows


@dataclass
class _Draft:
    """A sub-project being assembled from its rows."""

    system: System
    code: str
    first_row: int
    values: dict[str, Any] = field(default_factory=dict)  # column → first non-blank value
    value_rows: dict[str, int] = field(default_factory=dict)
    indicators: list[tuple[int, ResultRow]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


_BROKEN = _Draft(System.SOCIAL_SECURITY, "", 0)  # a sub-project whose first row was invalid

_ROW_ATTR = SUB_PROJECT_ATTRS
_ROW_ATTR_ITEMS: tuple[tuple[str, str], ...] = tuple(_ROW_ATTR.items())
_CARRIED_ATTRS = ("system", "strategy", "key_project")


def _read_results(
    sheet: _Sheet, header: _Header, unit: BudgetUnit, problems: list[Problem]
) -> list[SubProject]:
    drafts: dict[tuple[System, str], _Draft] = {}
    carried: dict[str, Any] = {}  # 체계/추진전략/중점사업 from the row above
    current: _Draft | None = None  # the sub-project a row with blank 사업번호 continues
    columns = tuple(header.columns.items())
    grid = sheet.grid
    pending = [
        (r + 1, _filled(grid[r], columns))
        for r in range(header.last_row + 1, len(grid))
        if not _line_blank(grid[r])
    ]
    validated = _validate_rows(RESULT_ROWS, [cells for _, cells in pending])
    for i, (excel_row, cells) in enumerate(pending):
        row = (
            validated[i]
            if validated is not None
            else _validate_row(ResultRow, cells, sheet.name, excel_row, problems)
        )
        if row is None:
            # Cell problems are reported; keep the context so later rows are judged right,
            # and let this row's continuation rows go (they would only repeat the problem).
            for name, attr in (("추진전략", "strategy"), ("중점사업", "key_project")):
                if not _blank(cells.get(name)):
                    carried[attr] = _header_text(cells[name])
            current = _BROKEN if not _blank(cells.get("사업번호")) else current
            continue
        fields = row.__dict__
        for attr in _CARRIED_ATTRS:
            if fields[attr] is not None:
                carried[attr] = fields[attr]
        if row.code is None:
            if current is _BROKEN:
                continue
            if current is None:
                problems.append(
                    Problem(sheet.name, excel_row, "사업번호", Msg.CONTINUATION_WITHOUT_PROJECT)
                )
                current = _BROKEN
                continue
            draft = current
            if row.system is not None and row.system != draft.system:
                message = Msg.CONFLICT.format(
                    code=draft.code,
                    first_row=draft.first_row,
                    first=draft.system.value,
                    value=row.system.value,
                )
                problems.append(Problem(sheet.name, excel_row, "체계", message))
        else:
            for name, attr in (
                ("체계", "system"),
                ("추진전략", "strategy"),
                ("중점사업", "key_project"),
            ):
                if attr not in carried:
                    problems.append(Problem(sheet.name, excel_row, name, Msg.CARRY_WITHOUT_ABOVE))
            if "system" not in carried:
                current = _BROKEN
                continue
            system = row.system or carried["system"]
            key = (system, row.code)
            if key in drafts:
                draft = drafts[key]
            else:
                draft = _Draft(system, row.code, excel_row)
                drafts[key] = draft
                for attr in ("strategy", "key_project"):
                    if getattr(row, attr) is None and attr in carried:
                        draft.values[attr] = carried[attr]
                        draft.value_rows[attr] = excel_row
            current = draft
        _merge_into(draft, row, excel_row, sheet.name, problems)
        if row.indicator is None:
            problems.append(Problem(sheet.name, excel_row, "성과지표", Msg.REQUIRED))
        draft.indicators.append((excel_row, row))
        draft.rows.append(excel_row)
        if row.note:
            draft.notes.append(row.note)
    return [
        sp
        for draft in sorted(drafts.values(), key=lambda d: d.first_row)
        if (sp := _finish(draft, unit, sheet.name, problems)) is not None
    ]


def _merge_into(
    draft: _Draft, row: ResultRow, excel_row: int, sheet: str, problems: list[Problem]
) -> None:
    """Fill the sub-project's columns from this row; where both are filled they must agree."""
    fields = row.__dict__
    values = draft.values
    for column, attr in _ROW_ATTR_ITEMS:
        value = fields[attr]
        if value is None or value == ():
            continue
        if attr not in values:
            values[attr] = value
            draft.value_rows[attr] = excel_row
        elif values[attr] != value:
            problems.append(
                Problem(
                    sheet,
                    excel_row,
                    column,
                    Msg.CONFLICT.format(
                        code=draft.code,
                        first_row=draft.value_rows[attr],
                        first=_display(draft.values[attr]),
                        value=_display(value),
                    ),
                )
            )


def _display(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _finish(
    draft: _Draft, unit: BudgetUnit, sheet: str, problems: list[Problem]
) -> SubProject | None:
    before = len(problems)
    v = draft.values
    if "strategy" not in v or "key_project" not in v or "name" not in v:
        for column in ("추진전략", "중점사업", "세부사업"):
            if _ROW_ATTR[column] not in v:
                problems.append(Problem(sheet, draft.first_row, column, Msg.REQUIRED))
    status = v.get("status") or ProjectStatus.CONTINUING
    abolished = status is ProjectStatus.ABOLISHED
    rows = draft.indicators
    weighted = sum(1 for _, row in rows if row.weight is not None)
    if weighted and weighted != len(rows):
        for excel_row, row in rows:
            if row.weight is None:
                problems.append(
                    Problem(sheet, excel_row, "가중치", Msg.WEIGHT_PARTIAL.format(code=draft.code))
                )
    for excel_row, row in rows:
        weight, target, actual = row.weight, row.target, row.actual
        if weight is not None and weight <= 0:
            problems.append(
                Problem(sheet, excel_row, "가중치", Msg.WEIGHT_NOT_POSITIVE, _display(weight))
            )
        if target is None:
            if not abolished:
                problems.append(Problem(sheet, excel_row, "목표", Msg.REQUIRED))
        elif target <= 0 and not abolished:
            problems.append(
                Problem(sheet, excel_row, "목표", Msg.TARGET_NOT_POSITIVE, _display(target))
            )
        if actual is None:
            if not abolished:
                problems.append(Problem(sheet, excel_row, "실적", Msg.REQUIRED))
        elif actual < 0:
            problems.append(Problem(sheet, excel_row, "실적", Msg.NEGATIVE, _display(actual)))
    budgets: dict[str, Decimal | None] = {}
    factor = unit.to_thousand_won
    for column in BUDGET_COLUMNS:
        attr = _ROW_ATTR[column]
        amount = v.get(attr)
        if amount is not None and amount < 0:
            problems.append(
                Problem(sheet, draft.value_rows[attr], column, Msg.NEGATIVE, _display(amount))
            )
        budgets[attr] = None if amount is None else amount * factor
    if len(problems) > before:
        return None
    indicators = [
        Indicator(
            name=row.indicator,
            unit=row.unit,
            direction=row.direction or Direction.UP,
            weight=row.weight,
            target=row.target,
            actual=row.actual,
            row=excel_row,
        )
        for excel_row, row in draft.indicators
        if row.indicator is not None
    ]
    return SubProject(
        system=draft.system,
        code=draft.code,
        strategy=v["strategy"],
        key_project=v["key_project"],
        name=v["name"],
        department=v.get("department"),
        target_group=v.get("target_group"),
        dongs=v.get("dongs", ()),
        status=status,
        cooperation=bool(v.get("cooperation", False)),
        indicators=tuple(indicators),
        budget_change_reason=v.get("budget_change_reason"),
        performance=v.get("performance"),
        note="\n".join(dict.fromkeys(draft.notes)) or None,
        rows=tuple(draft.rows),
        **budgets,
    )


# ---------------------------------------------------------------------------------------
# Entry point


def _budget_unit(
    meta: MetaIn | None, meta_rows: dict[str, int], header: _Header, problems: list[Problem]
) -> BudgetUnit:
    statements: list[tuple[BudgetUnit, str]] = []
    if meta is not None and meta.budget_unit is not None:
        statements.append((meta.budget_unit, f"개요 시트 예산단위 '{meta.budget_unit.value}'"))
    statements += [(u, f"시행결과 시트 '{where}'") for u, where in header.units]
    distinct = {u for u, _ in statements}
    if len(distinct) > 1:
        listed = ", ".join(dict.fromkeys(where for _, where in statements))
        row = header.first_row + 1
        problems.append(
            Problem(SHEET_RESULTS, row, "예산단위", Msg.UNIT_CONFLICT.format(statements=listed))
        )
    return statements[0][0] if statements else BudgetUnit.THOUSAND_WON
