"""Sheet 모니터링단 (optional): the monitoring T/F's roster, header in row 1.

Columns (monitoring-report.md): 성명 (required), 구분, 소속기관/직위 — the last also headed
``소속``, ``직위`` or ``소속기관``; with two columns 소속기관 and 직위 the two are joined with
`` / ``. A cell holding only a dash (``-``, as the seed writes a member without 구분) is
blank. Every problem is named by sheet, row and column like every other sheet's.
"""

from __future__ import annotations

import re
from typing import Any

from lib.errors import Problem
from lib.schema import RosterMember
from lib.strings_ko import Msg, ReadMsg
from lib.workbook.cells import _filled, _line_blank, parse_text
from lib.workbook.columns import ROSTER_HEADERS, ROSTER_REQUIRED, SHEET_ROSTER, normalise_header
from lib.workbook.package import _Sheet
from lib.workbook.rows import RosterRow, _validate_row

_DASH = re.compile(r"[-‐‑‒–—―ー]")


def _roster_columns(header: list[Any]) -> dict[str, int]:
    """Canonical roster column → 0-based index, from the header row (first of each)."""
    columns: dict[str, int] = {}
    for c, value in enumerate(header):
        text = parse_text(value) if isinstance(value, str) and len(value) <= 200 else None
        name = ROSTER_HEADERS.get(normalise_header(text)) if text else None
        if name is not None and name not in columns:
            columns[name] = c
    return columns


def _blank_dash(text: str | None) -> str | None:
    return None if text is None or _DASH.fullmatch(text) else text


def read_roster(sheet: _Sheet, problems: list[Problem]) -> list[RosterMember]:
    """The members in sheet order; problems for a missing 성명 column or a row without 성명."""
    grid = sheet.grid
    if not grid or all(_line_blank(line) for line in grid):
        return []
    columns = _roster_columns(grid[0])
    missing = [name for name in ROSTER_REQUIRED if name not in columns]
    for name in missing:
        problems.append(Problem(SHEET_ROSTER, 1, name, Msg.COLUMN_MISSING))
    if missing:
        return []
    named = tuple(columns.items())
    members: list[RosterMember] = []
    for r in range(1, len(grid)):
        if _line_blank(grid[r]):
            continue
        row = _validate_row(RosterRow, _filled(grid[r], named), SHEET_ROSTER, r + 1, problems)
        if row is None:
            continue
        if row.name is None:
            problems.append(Problem(SHEET_ROSTER, r + 1, "성명", ReadMsg.ROSTER_NAME_REQUIRED))
            continue
        parts = [_blank_dash(row.organisation), _blank_dash(row.position)]
        joined = " / ".join(p for p in parts if p) or None
        members.append(
            RosterMember(
                name=row.name,
                role=_blank_dash(row.role),
                affiliation=_blank_dash(row.affiliation) or joined,
                row=r + 1,
            )
        )
    return members
