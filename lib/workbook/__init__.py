"""Read and validate a results workbook (시행결과 워크북) into ``Results``.

The format is ``shared/spec/workbook-format.md``. Every problem is collected with its
sheet, Excel row and column before answering; a workbook with any problem is rejected as
a whole (``WorkbookError``). Cells are read with python-calamine; the sheet XML is looked
at only to find formulas without a cached value, and only in sheets that hold formulas.

Speed (bench/RESULTS.md): the data rows of a sheet are validated by their pydantic row
model in one call; only when that call fails is each row validated alone, in order, so that
every problem is reported with its row and column exactly as a row-by-row pass would.
Blank cells are left out of a row's dict (a field's default is what a blank validates to).
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from lib.errors import Problem, WorkbookError
from lib.schema import BudgetUnit, Comment, Meta, Results, RosterMember, SubProject
from lib.strings_ko import Msg
from lib.workbook.cells import (
    SYSTEM_NAMES,
    parse_number,
    parse_text,
)
from lib.workbook.columns import (
    COMMENT_COLUMNS,
    COMMENT_REQUIRED,
    HEADER_ALIASES,
    META_KEYS,
    RESULT_COLUMNS,
    RESULT_REQUIRED,
    ROSTER_COLUMNS,
    ROSTER_REQUIRED,
    SHEET_COMMENTS,
    SHEET_META,
    SHEET_RESULTS,
    SHEET_ROSTER,
    normalise_header,
)
from lib.workbook.comments import _read_comments
from lib.workbook.header import _read_header
from lib.workbook.limits import DEFAULT_LIMITS, Limits
from lib.workbook.package import _load_sheets
from lib.workbook.results import _budget_unit, _read_meta, _read_results
from lib.workbook.roster import read_roster
from lib.workbook.rows import MetaIn

__all__ = [
    "COMMENT_COLUMNS",
    "COMMENT_REQUIRED",
    "DEFAULT_LIMITS",
    "HEADER_ALIASES",
    "META_KEYS",
    "RESULT_COLUMNS",
    "RESULT_REQUIRED",
    "ROSTER_COLUMNS",
    "ROSTER_REQUIRED",
    "SHEET_COMMENTS",
    "SHEET_META",
    "SHEET_RESULTS",
    "SHEET_ROSTER",
    "SYSTEM_NAMES",
    "Limits",
    "collector_paused",
    "normalise_header",
    "parse_number",
    "parse_text",
    "read_path",
    "read_workbook",
]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while workbooks are read.

    Reading makes tens of thousands of small objects that all stay alive (rows, models,
    Decimals); every few hundred of them the collector would walk the young ones, and now
    and then everything the process holds, which in the app includes every workbook loaded
    before. Nothing made here needs the collector (reference counting frees what is
    dropped). ``read_workbook`` pauses it for one workbook; wrap a loop reading many (the
    app's catalog of kept workbooks) to pause it once for all. Restores the state it found,
    so nested or concurrent reads leave the collector as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_workbook(
    data: bytes,
    name: str = "",
    limits: Limits = DEFAULT_LIMITS,
    sha256: str | None = None,
    *,
    screen: bool = True,
) -> Results:
    """Read and validate one workbook; raise ``WorkbookError`` listing every problem.
    ``sha256``: the bytes' hash when the caller has it already (else it is computed).
    ``screen=False`` for bytes that cannot take this process down: read in a child process
    the operating system bounds (``lib.workbook.bounded``), or read there before and kept.
    Every rule and limit still applies; only the look through each sheet's XML for far
    cells before python-calamine reads it is left out (``package._load_sheets``)."""
    with collector_paused():
        return _read(data, name, limits, sha256, screen)


def _read(
    data: bytes, name: str, limits: Limits, sha256: str | None = None, screen: bool = True
) -> Results:
    wanted = (SHEET_META, SHEET_RESULTS, SHEET_COMMENTS, SHEET_ROSTER)
    sheets, problems = _load_sheets(data, wanted, limits, screen)
    missing = [
        s
        for s in (SHEET_META, SHEET_RESULTS)
        if s not in sheets and not any(p.sheet == s for p in problems)
    ]
    problems += [Problem(s, None, None, Msg.SHEET_MISSING.format(sheet=s)) for s in missing]

    meta_in: MetaIn | None = None
    meta_rows: dict[str, int] = {}
    if SHEET_META in sheets:
        meta_in, meta_rows = _read_meta(sheets[SHEET_META], problems, limits)

    sub_projects: list[SubProject] = []
    header = None
    if SHEET_RESULTS in sheets:
        header = _read_header(sheets[SHEET_RESULTS], problems)
        if header is not None and all(n in header.columns for n in RESULT_REQUIRED):
            unit = _budget_unit(meta_in, meta_rows, header, problems)
            sub_projects = _read_results(sheets[SHEET_RESULTS], header, unit, problems)
            if not sub_projects and not any(p.sheet == SHEET_RESULTS for p in problems):
                problems.append(Problem(SHEET_RESULTS, None, None, Msg.NOTHING_TO_READ))

    comments: list[Comment] = []
    if SHEET_COMMENTS in sheets and not any(p.sheet == SHEET_RESULTS for p in problems):
        comments = _read_comments(sheets[SHEET_COMMENTS], sub_projects, problems)

    roster: list[RosterMember] = []
    if SHEET_ROSTER in sheets:
        roster = read_roster(sheets[SHEET_ROSTER], problems)

    if problems or meta_in is None:
        raise WorkbookError(problems)
    stated: BudgetUnit | None = meta_in.budget_unit
    if header is not None:
        stated = _budget_unit(meta_in, meta_rows, header, [])
    meta = Meta(
        district=meta_in.district or "",
        year=meta_in.year or 0,
        plan_term=meta_in.plan_term,
        budget_unit=stated or BudgetUnit.THOUSAND_WON,
        illustrative_note=meta_in.note,
    )
    return Results(
        meta=meta,
        sub_projects=tuple(sub_projects),
        comments=tuple(comments),
        roster=tuple(roster),
        source_name=name,
        source_sha256=sha256 or hashlib.sha256(data).hexdigest(),
    )


def read_path(path: str) -> Results:
    """Read a workbook from disk (the name shown is the file's base name)."""
    from pathlib import Path

    file = Path(path)
    return read_workbook(file.read_bytes(), file.name)
