"""Header detection in sheet 시행결과: one or two header rows, budget groups and units."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from lib.errors import Problem
from lib.schema import (
    BudgetUnit,
)
from lib.strings_ko import Msg
from lib.workbook.cells import _blank, _shown, _UncachedFormula
from lib.workbook.columns import (
    BUDGET_COLUMNS,
    BUDGET_SHORT,
    RESULT_REQUIRED,
    _budget_units_in,
    _canonical,
    normalise_header,
)
from lib.workbook.package import _Sheet, column_letters

# ---------------------------------------------------------------------------------------
# Sheet 시행결과: header


@dataclass(frozen=True)
class _Header:
    first_row: int  # 0-based index of the header's first row
    last_row: int  # 0-based index of its last row (= first_row for one-row headers)
    columns: dict[str, int]  # canonical name → 0-based column index
    units: list[tuple[BudgetUnit, str]]  # budget units stated in titles, with where


def _header_text(value: Any) -> str:
    """Text of a header or key cell ('' for blanks and uncached formulas)."""
    if _blank(value) or isinstance(value, _UncachedFormula):
        return ""
    return _shown(value)


def _find_header_row(sheet: _Sheet, required: Sequence[str]) -> int | None:
    for r in range(min(10, len(sheet.grid))):
        names = {_canonical(str(v)) for v in sheet.grid[r] if isinstance(v, str)}
        if len(names & set(required)) >= 4:
            return r
    return None


def _wide_merges_in_row(sheet: _Sheet, r: int) -> list[tuple[int, int]]:
    return [(c0, c1) for (r0, c0), (_, c1) in sheet.merged if r0 == r and c1 > c0]


# The header and what is written above it lie within these first rows: the header row is
# looked for in the first 10, and a two-row header ends by the 11th.
_HEADER_ROWS = 11
_HEADERS: dict[Hashable, tuple[_Header | None, tuple[Problem, ...]]] = {}
_HEADERS_MAX = 256


def _read_header(sheet: _Sheet, problems: list[Problem]) -> _Header | None:
    """The header of sheet 시행결과 (None, and its problems added, when it cannot be read).
    The workbooks of a set share one: the same first rows (values and their types) and
    merged ranges give the same header and problems, read once (a header is never changed
    after reading)."""
    rows = sheet.grid[:_HEADER_ROWS]
    try:
        key = (
            sheet.name,
            tuple(map(tuple, rows)),
            tuple(tuple(map(type, row)) for row in rows),  # 1, 1.0 and True are equal
            tuple(sheet.merged),
        )
        kept = _HEADERS.get(key)
    except TypeError:  # an unhashable cell: read it
        return _header_of(sheet, problems)
    if kept is None:
        found: list[Problem] = []
        kept = (_header_of(sheet, found), tuple(found))
        if len(_HEADERS) >= _HEADERS_MAX:
            _HEADERS.clear()
        _HEADERS[key] = kept
    problems += kept[1]
    return kept[0]


def _header_of(sheet: _Sheet, problems: list[Problem]) -> _Header | None:
    found = _find_header_row(sheet, RESULT_REQUIRED)
    if found is None:
        required = ", ".join(RESULT_REQUIRED)
        problems.append(
            Problem(sheet.name, None, None, Msg.HEADER_NOT_FOUND.format(columns=required))
        )
        return None
    if _wide_merges_in_row(sheet, found):
        upper, lower = found, found + 1
    elif found > 0 and _wide_merges_in_row(sheet, found - 1):
        upper, lower = found - 1, found
    else:
        upper = lower = found
    groups = {
        c: (c0, c1) for c0, c1 in _wide_merges_in_row(sheet, upper) for c in range(c0, c1 + 1)
    }
    width = max(len(sheet.grid[upper]), len(sheet.grid[lower]) if lower < len(sheet.grid) else 0)
    columns: dict[str, int] = {}
    units: list[tuple[BudgetUnit, str]] = []
    for c in range(width):
        top = _header_text(sheet.cell(upper, c))
        bottom = _header_text(sheet.cell(lower, c)) if lower != upper else ""
        name: str | None
        if upper != lower and c in groups:
            group_title = _header_text(sheet.cell(upper, groups[c][0]))
            short = normalise_header(bottom)
            if "예산" in group_title and short in BUDGET_SHORT:
                name = BUDGET_SHORT[short]
            else:
                name = _canonical(bottom) if bottom else _canonical(group_title)
            if "예산" in group_title and name in BUDGET_COLUMNS:
                units += [(u, group_title) for u in _budget_units_in(group_title)]
            raw = bottom or group_title
        else:
            raw = bottom or top if upper != lower else top
            name = _canonical(raw) if raw else None
        if name is None:
            continue
        if name in BUDGET_COLUMNS:
            units += [(u, raw) for u in _budget_units_in(raw)]
        if name in columns:
            problems.append(
                Problem(
                    sheet.name,
                    lower + 1,
                    name,
                    Msg.COLUMN_DUPLICATE.format(
                        first=column_letters(columns[name] + 1), second=column_letters(c + 1)
                    ),
                )
            )
            continue
        columns[name] = c
    for name in RESULT_REQUIRED:
        if name not in columns:
            problems.append(Problem(sheet.name, lower + 1, name, Msg.COLUMN_MISSING))
    # Notes above the header may state the budget unit: "(단위: 백만원)".
    for r in range(upper):
        for v in sheet.grid[r]:
            if isinstance(v, str) and "단위" in v:
                units += [(u, v.strip()) for u in _budget_units_in(v)]
    return _Header(upper, lower, columns, units)


# ---------------------------------------------------------------------------------------
# Sheet 시행결과: rows → sub-projects
