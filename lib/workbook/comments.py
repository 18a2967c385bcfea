"""Sheet 모니터링의견: comments and the names their 대상 resolve to."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from lib.errors import Problem
from lib.schema import (
    SYSTEM_ORDER,
    Comment,
    CommentTarget,
    SubProject,
    TargetKind,
)
from lib.strings_ko import Msg
from lib.workbook.cells import SYSTEM_NAMES, _blank, _filled, _line_blank
from lib.workbook.columns import _SPACES, COMMENT_COLUMNS, COMMENT_REQUIRED, _canonical
from lib.workbook.package import _Sheet
from lib.workbook.rows import COMMENT_ROWS, CommentRow, _validate_row, _validate_rows

# Sheet 모니터링의견


def _resolver(sub_projects: Sequence[SubProject]) -> Callable[[str], list[CommentTarget] | str]:
    """Build a function that resolves one 대상 name, or returns an error message.

    The name indexes are built on the first name other than 전체 or a 체계 (most comments
    name those, and most workbooks then need no index at all)."""
    by_code: dict[str, list[SubProject]] = {}
    by_id: dict[str, SubProject] = {}
    by_strategy: dict[str, list[SubProject]] = {}
    by_key_project: dict[str, list[SubProject]] = {}
    by_name: dict[str, list[SubProject]] = {}

    def index() -> None:
        for sp in sub_projects:
            by_code.setdefault(_squash(sp.code), []).append(sp)
            by_id[_squash(sp.id)] = sp
            by_strategy.setdefault(_squash(sp.strategy), []).append(sp)
            by_key_project.setdefault(_squash(sp.key_project), []).append(sp)
            by_name.setdefault(_squash(sp.name), []).append(sp)

    def candidates() -> list[str]:
        names = ["전체", *(s.value for s in SYSTEM_ORDER)]
        for sp in sub_projects:
            names += [sp.strategy, sp.key_project, sp.name, sp.code]
        return list(dict.fromkeys(names))

    def resolve(text: str) -> list[CommentTarget] | str:
        key = _squash(text)
        if key == "전체":
            return [CommentTarget(kind=TargetKind.ALL)]
        if key in SYSTEM_NAMES:
            return [CommentTarget(kind=TargetKind.SYSTEM, system=SYSTEM_NAMES[key])]
        if not by_id and sub_projects:
            index()
        if key in by_id:
            return [CommentTarget.of(by_id[key])]
        if key in by_code:
            matches = by_code[key]
            if len({sp.system for sp in matches}) > 1:
                return Msg.TARGET_AMBIGUOUS.format(example=matches[0].id)
            return [CommentTarget.of(matches[0])]
        if key in by_strategy:
            pairs = dict.fromkeys((sp.system, sp.strategy) for sp in by_strategy[key])
            return [
                CommentTarget(kind=TargetKind.STRATEGY, system=sy, strategy=st) for sy, st in pairs
            ]
        if key in by_key_project:
            triples = dict.fromkeys(
                (sp.system, sp.strategy, sp.key_project) for sp in by_key_project[key]
            )
            return [
                CommentTarget(kind=TargetKind.KEY_PROJECT, system=sy, strategy=st, key_project=kp)
                for sy, st, kp in triples
            ]
        if key in by_name:
            return [CommentTarget.of(sp) for sp in by_name[key]]
        close = difflib.get_close_matches(text, candidates(), n=3, cutoff=0.4)
        message = Msg.TARGET_UNKNOWN
        if close:
            message += "." + Msg.TARGET_SUGGEST.format(names=", ".join(f"'{c}'" for c in close))
        return message

    return resolve


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _read_comments(
    sheet: _Sheet, sub_projects: Sequence[SubProject], problems: list[Problem]
) -> list[Comment]:
    if not sheet.grid:
        return []
    columns: dict[str, int] = {}
    for c, value in enumerate(sheet.grid[0]):
        name = _canonical(value) if isinstance(value, str) else None
        if name in COMMENT_COLUMNS and name not in columns:
            columns[name] = c
    if not any(not _blank(v) for v in sheet.grid[0]) and all(
        all(_blank(v) for v in line) for line in sheet.grid
    ):
        return []
    missing = [name for name in COMMENT_REQUIRED if name not in columns]
    for name in missing:
        problems.append(Problem(sheet.name, 1, name, Msg.COLUMN_MISSING))
    if missing:
        return []
    resolve = _resolver(sub_projects)
    comments: list[Comment] = []
    grid = sheet.grid
    named = tuple(columns.items())
    pending = [
        (r + 1, _filled(grid[r], named)) for r in range(1, len(grid)) if not _line_blank(grid[r])
    ]
    validated = _validate_rows(COMMENT_ROWS, [cells for _, cells in pending])
    for i, (excel_row, cells) in enumerate(pending):
        row = (
            validated[i]
            if validated is not None
            else _validate_row(CommentRow, cells, sheet.name, excel_row, problems)
        )
        if row is None:
            continue
        ok = True
        for column, value in (("구분", row.category), ("의견", row.text)):
            if value is None:
                problems.append(Problem(sheet.name, excel_row, column, Msg.REQUIRED))
                ok = False
        targets: list[CommentTarget] = []
        for part in re.split(r"[,，、]", row.targets or "전체"):
            if not part.strip():
                continue
            resolved = resolve(part.strip())
            if isinstance(resolved, str):
                problems.append(Problem(sheet.name, excel_row, "대상", resolved, part.strip()))
                ok = False
            else:
                targets += [t for t in resolved if t not in targets]
        if ok and row.category is not None and row.text is not None:
            comments.append(
                Comment(
                    category=row.category,
                    targets=tuple(targets) or (CommentTarget(kind=TargetKind.ALL),),
                    reviewer=row.reviewer,
                    rating=row.rating,
                    text=row.text,
                    row=excel_row,
                )
            )
    return comments


# ---------------------------------------------------------------------------------------
