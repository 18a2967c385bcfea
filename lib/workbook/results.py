"""Sheet 개요 and the cross-row rules of sheet 시행결과: rows → sub-projects."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, repeat
from itertools import count as count_from
from operator import add, is_, itemgetter, sub
from typing import Any, TypeVar

from pydantic import BaseModel

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
from lib.workbook.rows import (
    RESULT_ROWS,
    MetaIn,
    ResultRow,
    _validate_row,
    _validate_rows,
    typed_result_columns,
)

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
    indicators: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # typed rows
    notes: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


_BROKEN = _Draft(System.SOCIAL_SECURITY, "", 0)  # a sub-project whose first row was invalid

_ROW_ATTR = SUB_PROJECT_ATTRS
_ROW_ATTR_ITEMS: tuple[tuple[str, str], ...] = tuple(_ROW_ATTR.items())
_CARRIED_ATTRS = ("system", "strategy", "key_project")
_OPENING_ATTRS = ("system", *_ROW_ATTR.values())
M = TypeVar("M", bound=BaseModel)
_new = object.__new__
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {
    model: set(model.model_fields) for model in (SubProject, Indicator)
}
_UP = Direction.UP
_CONTINUING, _ABOLISHED = ProjectStatus.CONTINUING, ProjectStatus.ABOLISHED
_BUDGET_ATTRS = tuple(_ROW_ATTR[column] for column in BUDGET_COLUMNS)


def _typed_rows(
    sheet: _Sheet, header: _Header
) -> tuple[list[int], dict[str, Sequence[Any]] | None]:
    """The Excel rows of the non-blank data rows, and their typed cells by field a column
    at a time when every cell is valid (the common case; else None)."""
    grid = sheet.grid
    numbers = [r + 1 for r in range(header.last_row + 1, len(grid)) if not _line_blank(grid[r])]
    return numbers, typed_result_columns([grid[n - 1] for n in numbers], header.columns)


def _rows_one_by_one(
    sheet: _Sheet,
    header: _Header,
    numbers: list[int],
    typed: dict[str, Sequence[Any]] | None,
    problems: list[Problem],
) -> Iterator[tuple[int, dict[str, Any] | None, dict[str, Any]]]:
    """(Excel row, its typed fields or None when a cell was refused, its cells by header):
    from ``typed`` when given, else each row through ``ResultRow``, whose problems are
    collected."""
    if typed is not None:
        attrs = tuple(typed)
        no_cells: dict[str, Any] = {}
        for excel_row, values in zip(numbers, zip(*typed.values(), strict=True), strict=True):
            yield excel_row, dict(zip(attrs, values, strict=True)), no_cells
        return
    grid = sheet.grid
    columns = tuple(header.columns.items())
    pending = [(n, _filled(grid[n - 1], columns)) for n in numbers]
    validated = _validate_rows(RESULT_ROWS, [cells for _, cells in pending])
    for i, (excel_row, cells) in enumerate(pending):
        row = (
            validated[i]
            if validated is not None
            else _validate_row(ResultRow, cells, sheet.name, excel_row, problems)
        )
        yield excel_row, None if row is None else row.__dict__, cells


def _filled_count(values: Sequence[Any], blank: Any) -> int:
    if blank is None:  # by identity: ``Decimal == None`` takes an abstract-class check
        return len(values) - sum(map(is_, values, repeat(None)))
    return len(values) - values.count(blank)


def _getter(indices: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """The values at ``indices`` (one or more) of a sequence, as a tuple, picked in C."""
    if len(indices) == 1:
        (index,) = indices
        return lambda values: (values[index],)
    return itemgetter(*indices)


def _regular_sub_projects(
    numbers: list[int], typed: dict[str, Sequence[Any]], unit: BudgetUnit
) -> list[SubProject] | None:
    """The sub-projects of a sheet in the shape almost every workbook has, assembled a
    sub-project at a time; None when the sheet is not in that shape or holds any problem,
    and the row-by-row rules (``_read_results``) read it and word each problem.

    The shape: every 사업번호 opens a new sub-project (no code twice in a system); its
    sub-project columns and 체계 are filled on that first row, and on its other rows blank
    or repeated; 체계/추진전략/중점사업 are carried down from the rows above where blank;
    every row names its 성과지표, and no cell breaks a rule of ``_finish``. Read by
    the rules, such a sheet gives these very sub-projects (``tests/test_workbook_fast_path.py``
    compares the two ways on every sheet it reads)."""
    code = typed["code"]
    count = len(code)
    starts = [i for i, c in enumerate(code) if c is not None]
    if not starts or starts[0] != 0 or typed["indicator"].count(None):
        return None
    at_starts = _getter(starts)
    ends = [*starts[1:], count]
    opening: dict[str, Sequence[Any]] = {"code": at_starts(code)}  # each first row's value
    for attr in _OPENING_ATTRS:
        opening[attr] = at_starts(typed[attr])
    carried = dict(opening)  # 체계/추진전략/중점사업 carried down where the first row is blank
    for attr in _CARRIED_ATTRS:
        values = list(opening[attr])
        if values[0] is None:
            return None
        for k in range(1, len(values)):
            if values[k] is None:
                values[k] = values[k - 1]
        carried[attr] = values
    lengths = [end - start for start, end in zip(starts, ends, strict=True)]
    if len(starts) < count:
        # A continuation row (any but a sub-project's first) must leave each of these
        # columns blank or repeat its sub-project's value (a first row's value is the
        # sub-project's by construction). The continuation rows' indices and their
        # sub-projects' (``owners``) are made by map in C; then a column blank there (most)
        # takes one count, and a repeating one one comparison.
        seconds = map(add, starts, repeat(1))
        at_following = _getter(list(chain.from_iterable(map(range, seconds, ends))))
        owners = _getter(
            list(chain.from_iterable(map(repeat, count_from(), map(sub, lengths, repeat(1)))))
        )
        for attr in _OPENING_ATTRS:
            cells, blank = at_following(typed[attr]), () if attr == "dongs" else None
            if cells.count(blank) == len(cells):
                continue  # filled on first rows only
            expected = owners(carried[attr])
            if cells != expected and any(
                c != blank and c != e for c, e in zip(cells, expected, strict=True)
            ):
                return None
    systems = carried["system"]
    if len(set(zip(systems, opening["code"], strict=True))) != len(starts):
        return None
    names = opening["name"]
    if names.count(None):
        return None
    budget_values = [opening[attr] for attr in _BUDGET_ATTRS]
    for amounts in budget_values:
        if min(filter(None, amounts), default=0) < 0:  # (None and 0 are not negative)
            return None
    factor = unit.to_thousand_won
    budget_values = [
        [None if amount is None else amount * factor for amount in amounts]
        for amounts in budget_values
    ]
    weight, target, actual, note = typed["weight"], typed["target"], typed["actual"], typed["note"]
    statuses = [status or _CONTINUING for status in opening["status"]]
    # The rules of ``_finish``, a column at a time; rows that may break one are looked at.
    if min(filter(None, actual), default=0) < 0:
        return None
    weights = _filled_count(weight, None)
    if weights:
        if min(w for w in weight if w is not None) <= 0:
            return None
        for start, end in zip(starts, ends, strict=True):
            if 0 < _filled_count(weight[start:end], None) < end - start:
                return None  # weights on some of a sub-project's indicators only
    complete = _filled_count(target, None) == count and _filled_count(actual, None) == count
    if not complete or min(target) <= 0:  # (min only when no 목표 is blank)
        for i in range(count):
            t = target[i]
            missing = t is None or t <= 0 or actual[i] is None  # 목표/실적 blank, 목표 ≤ 0
            if missing and statuses[bisect_right(starts, i) - 1] is not _ABOLISHED:
                return None
    directions = [direction or _UP for direction in typed["direction"]]
    # A dict display per object (not dict(zip(names, values)): a third of the cost).
    indicators = [
        _built(
            Indicator,
            {"name": name, "unit": unit, "direction": direction, "weight": w, "target": t,
             "actual": a, "row": row},
        )
        for name, unit, direction, w, t, a, row in zip(
            typed["indicator"], typed["unit"], directions, weight, target, actual, numbers,
            strict=True,
        )
    ]  # fmt: skip
    spans = list(zip(starts, ends, strict=True))
    notes: Sequence[str | None] = repeat(None, len(starts))  # type: ignore[assignment]
    if _filled_count(note, None):
        notes = [
            "\n".join(dict.fromkeys(filter(None, note[start:end]))) or None for start, end in spans
        ]
    columns = (
        systems, opening["code"], carried["strategy"], carried["key_project"], names,
        opening["department"], opening["target_group"], opening["dongs"], statuses,
        map(bool, opening["cooperation"]),
        [tuple(indicators[start:end]) for start, end in spans],
        *budget_values,
        opening["budget_change_reason"], opening["performance"], notes,
        [tuple(numbers[start:end]) for start, end in spans],
    )  # fmt: skip
    return [
        _built(
            SubProject,
            {"system": system, "code": code, "strategy": strategy, "key_project": key_project,
             "name": name, "department": department, "target_group": target_group,
             "dongs": dongs, "status": status, "cooperation": cooperation,
             "indicators": sub_indicators, "budget_planned": planned,
             "budget_changed": changed, "budget_executed": executed,
             "budget_change_reason": reason, "performance": performance, "note": note,
             "rows": rows},
        )
        for (
            system, code, strategy, key_project, name, department, target_group, dongs, status,
            cooperation, sub_indicators, planned, changed, executed, reason, performance, note,
            rows,
        ) in zip(*columns, strict=True)
    ]  # fmt: skip


def _read_results(
    sheet: _Sheet, header: _Header, unit: BudgetUnit, problems: list[Problem]
) -> list[SubProject]:
    numbers, typed = _typed_rows(sheet, header)
    if typed is not None:
        regular = _regular_sub_projects(numbers, typed, unit)
        if regular is not None:
            return regular
    drafts: dict[tuple[System, str], _Draft] = {}
    carried: dict[str, Any] = {}  # 체계/추진전략/중점사업 from the row above
    current: _Draft | None = None  # the sub-project a row with blank 사업번호 continues
    for excel_row, fields, cells in _rows_one_by_one(sheet, header, numbers, typed, problems):
        if fields is None:
            # Cell problems are reported; keep the context so later rows are judged right,
            # and let this row's continuation rows go (they would only repeat the problem).
            for name, attr in (("추진전략", "strategy"), ("중점사업", "key_project")):
                if not _blank(cells.get(name)):
                    carried[attr] = _header_text(cells[name])
            current = _BROKEN if not _blank(cells.get("사업번호")) else current
            continue
        for attr in _CARRIED_ATTRS:
            if fields[attr] is not None:
                carried[attr] = fields[attr]
        code = fields["code"]
        if code is None:
            if current is _BROKEN:
                continue
            if current is None:
                problems.append(
                    Problem(sheet.name, excel_row, "사업번호", Msg.CONTINUATION_WITHOUT_PROJECT)
                )
                current = _BROKEN
                continue
            draft = current
            system = fields["system"]
            if system is not None and system != draft.system:
                message = Msg.CONFLICT.format(
                    code=draft.code,
                    first_row=draft.first_row,
                    first=draft.system.value,
                    value=system.value,
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
            system = fields["system"] or carried["system"]
            key = (system, code)
            if key in drafts:
                draft = drafts[key]
            else:
                draft = _Draft(system, code, excel_row)
                drafts[key] = draft
                for attr in ("strategy", "key_project"):
                    if fields[attr] is None and attr in carried:
                        draft.values[attr] = carried[attr]
                        draft.value_rows[attr] = excel_row
            current = draft
        _merge_into(draft, fields, excel_row, sheet.name, problems)
        if fields["indicator"] is None:
            problems.append(Problem(sheet.name, excel_row, "성과지표", Msg.REQUIRED))
        draft.indicators.append((excel_row, fields))
        draft.rows.append(excel_row)
        if fields["note"]:
            draft.notes.append(fields["note"])
    return [
        sp
        for draft in sorted(drafts.values(), key=lambda d: d.first_row)
        if (sp := _finish(draft, unit, sheet.name, problems)) is not None
    ]


def _merge_into(
    draft: _Draft, fields: dict[str, Any], excel_row: int, sheet: str, problems: list[Problem]
) -> None:
    """Fill the sub-project's columns from this row; where both are filled they must agree."""
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


def _built(model: type[M], values: dict[str, Any]) -> M:
    """An instance of a frozen domain model from values the row models validated already,
    every field given: what ``model_construct`` makes, without its walk over the fields'
    aliases and defaults (a third of reading 20,160 sub-projects went to validating them a
    second time). Every instance of a model shares one set of its fields as the fields it
    was given: frozen, nothing changes that set (``model_copy`` copies it), and a set for
    each of 30,000 objects was work for the cyclic collector.
    ``tests/test_workbook_fast_path.py`` checks each one equals its validation."""
    instance = _new(model)  # object.__new__: what BaseModel inherits, without the lookup
    _set_dict(instance, values)
    _set_fields_set(instance, _ALL_FIELDS[model])
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


# BaseModel's own slots, each set through its descriptor (what ``object.__setattr__`` finds
# by name for every instance).
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[name].__set__
    for name in (
        "__dict__",
        "__pydantic_fields_set__",
        "__pydantic_extra__",
        "__pydantic_private__",
    )
)


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
    weighted = sum(1 for _, row in rows if row["weight"] is not None)
    if weighted and weighted != len(rows):
        for excel_row, row in rows:
            if row["weight"] is None:
                problems.append(
                    Problem(sheet, excel_row, "가중치", Msg.WEIGHT_PARTIAL.format(code=draft.code))
                )
    for excel_row, row in rows:
        weight, target, actual = row["weight"], row["target"], row["actual"]
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
    indicators = tuple(
        _built(
            Indicator,
            {
                "name": row["indicator"],
                "unit": row["unit"],
                "direction": row["direction"] or _UP,
                "weight": row["weight"],
                "target": row["target"],
                "actual": row["actual"],
                "row": excel_row,
            },
        )
        for excel_row, row in rows
        if row["indicator"] is not None
    )
    return _built(
        SubProject,
        {
            "system": draft.system,
            "code": draft.code,
            "strategy": v["strategy"],
            "key_project": v["key_project"],
            "name": v["name"],
            "department": v.get("department"),
            "target_group": v.get("target_group"),
            "dongs": v.get("dongs", ()),
            "status": status,
            "cooperation": bool(v.get("cooperation", False)),
            "indicators": indicators,
            "budget_planned": budgets["budget_planned"],
            "budget_changed": budgets["budget_changed"],
            "budget_executed": budgets["budget_executed"],
            "budget_change_reason": v.get("budget_change_reason"),
            "performance": v.get("performance"),
            "note": "\n".join(dict.fromkeys(draft.notes)) or None,
            "rows": tuple(draft.rows),
        },
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
