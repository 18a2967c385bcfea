"""The filtered sub-projects, their indicators and the comments as a formatted .xlsx.

Rates are written as the one-decimal numbers shown (format ``0.0"%"``), money in 천원
(``#,##0``, the unit in the header). Text is always text: a comment such as
``=HYPERLINK(...)`` is stored as a string (never a formula) and marked with Excel's quote
prefix, so it stays text even when someone edits the cell.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lib import comments as cm
from lib import format as fmt
from lib.comments import CommentView
from lib.errors import Problem
from lib.exports.deck import relevant_comments
from lib.flags import flags_of
from lib.metrics import execution_rate, rates, sub_project_rate
from lib.schema import Results, SubProject
from lib.status import band_label, band_of
from lib.strings_ko import EditionText
from lib.strings_ko import ExportText as T
from lib.views import filters
from lib.views.view import View, by_system

RATE_FORMAT = fmt.SHEET_RATE
MONEY_FORMAT = fmt.SHEET_MONEY
NUMBER_FORMAT = fmt.SHEET_NUMBER
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F2A44")
FORMULA_PREFIXES = ("=", "+", "-", "@")

# Column kinds: how each column is formatted and how wide it starts.
TEXT, LONG, RATE, MONEY, NUMBER, INT = "text", "long", "rate", "money", "number", "int"
_WIDTH = {TEXT: 14, LONG: 40, RATE: 10, MONEY: 15, NUMBER: 11, INT: 9}


def _rate(value: Any) -> float | None:
    return fmt.rate_value(value)


def _put(ws: Worksheet, row: int, col: int, value: Any, kind: str) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True  # Excel keeps it text on editing, too
        if kind == LONG:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    cell.value = value
    if kind == RATE:
        cell.number_format = RATE_FORMAT
    elif kind == MONEY:
        cell.number_format = MONEY_FORMAT
    elif kind == NUMBER:
        cell.number_format = NUMBER_FORMAT


def _sheet(
    ws: Worksheet,
    columns: Sequence[str],
    kinds: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Header (bold, filled, frozen, with autofilter), then the rows, with column widths."""
    for col, title in enumerate(columns, 1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.data_type = "s"
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(rows, 2):
        for col, (value, kind) in enumerate(zip(values, kinds, strict=True), 1):
            _put(ws, r, col, value, kind)
    last = get_column_letter(len(columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    ws.row_dimensions[1].height = 32
    for col, (title, kind) in enumerate(zip(columns, kinds, strict=True), 1):
        longest = max(
            [len(title) * 2 + 2]
            + [
                min(60, len(str(v)) * 2)
                for v in (row[col - 1] for row in rows)
                if isinstance(v, str) and kind != LONG
            ]
        )
        ws.column_dimensions[get_column_letter(col)].width = max(_WIDTH[kind], min(longest, 40))


def _sub_project_row(sp: SubProject, results_filter: filters.Filter) -> list[Any]:
    rate = sub_project_rate(sp)
    if sp.abolished:
        status = T.XLSX_ABOLISHED
    elif rate is None:
        status = T.XLSX_NO_RATE
    else:
        status = band_label(band_of(rate, results_filter.bands))
    return [
        sp.system.value,
        sp.code,
        sp.strategy,
        sp.key_project,
        sp.name,
        sp.department,
        ", ".join(sp.dongs) if sp.dongs else T.XLSX_DISTRICT_WIDE,
        sp.status.value,
        _rate(rate),
        status,
        sp.budget_planned,
        sp.budget_changed,
        sp.budget_executed,
        _rate(execution_rate(sp)),
        ", ".join(f.value for f in flags_of(sp, results_filter.thresholds)),
        sp.budget_change_reason,
    ]


SUB_KINDS = (
    TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, INT, RATE, TEXT, MONEY, MONEY, MONEY, RATE, TEXT,
    LONG,
)  # fmt: skip
INDICATOR_KINDS = (TEXT, TEXT, TEXT, TEXT, INT, INT, NUMBER, NUMBER, NUMBER, RATE, INT)
COMMENT_KINDS = (INT, TEXT, TEXT, INT, LONG, TEXT, TEXT)
# INT here is a narrow column (short words such as 계속, 상향, 적절, or an Excel row number).


def render_xlsx(
    view: View, extra_comments: Sequence[CommentView] = (), *, edition: str = ""
) -> bytes:
    """Sheets 세부사업, 성과지표, 모니터링의견 and 자료 정보 for a View; ``edition``: the 자료
    정보 sheet's 기준 line (which version this is, e.g. the round's 확정본), none when empty."""
    results, f = view.results, view.filter
    shown = by_system(results, view.shown)
    comments = relevant_comments([*cm.from_workbook(results), *extra_comments], shown, f)
    labels = {sp.id: f"{sp.name} ({sp.code})" for sp in results.sub_projects}

    wb = Workbook()
    ws = wb.worksheets[0]  # the sheet a new workbook starts with
    ws.title = T.SHEET_SUB_PROJECTS
    _sheet(ws, T.XLSX_SUB_COLUMNS, SUB_KINDS, [_sub_project_row(sp, f) for sp in shown])

    indicators = [
        [
            sp.system.value,
            sp.code,
            sp.name,
            ind.name,
            ind.unit,
            ind.direction.value,
            ind.weight,
            ind.target,
            ind.actual,
            _rate(rate),
            ind.row,
        ]
        for sp in shown
        for ind, rate in zip(sp.indicators, rates(sp).indicators, strict=True)
    ]
    _sheet(
        wb.create_sheet(T.SHEET_INDICATORS), T.XLSX_INDICATOR_COLUMNS, INDICATOR_KINDS, indicators
    )

    comment_rows = [
        [
            c.category.value,
            cm.targets_text(c, labels),
            c.reviewer,
            c.rating.value if c.rating else None,
            c.text,
            c.source,
            fmt.date_label(c.written_at) if c.written_at else None,
        ]
        for c in comments
    ]
    _sheet(wb.create_sheet(T.SHEET_COMMENTS), T.XLSX_COMMENT_COLUMNS, COMMENT_KINDS, comment_rows)

    _info(wb.create_sheet(T.SHEET_INFO), results, f, edition)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _info(ws: Worksheet, results: Results, f: filters.Filter, edition: str = "") -> None:
    meta = results.meta
    shown, total = filters.scope_counts(results.sub_projects, f)
    rows = {
        "district": meta.district,
        "year": str(meta.year),
        "term": meta.plan_term,
        "file": results.source_name,
        "scope": filters.describe(f, shown, total, results.sub_projects)
        if f.narrows
        else T.XLSX_ALL,
        "illustrative": meta.illustrative_note,
        "rates": T.XLSX_RATES_NOTE,
        "budget": T.XLSX_BUDGET_NOTE,
    }
    heads = dict(T.XLSX_INFO_ROWS)
    if edition:
        heads["edition"] = EditionText.INFO_ROW
        rows = {"edition": edition, **rows}  # first: which version this is
    for r, (key, value) in enumerate(rows.items(), 1):
        head = ws.cell(row=r, column=1, value=heads[key])
        head.font = Font(bold=True)
        _put(ws, r, 2, value, LONG)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90


def render_problems(problems: Sequence[Problem]) -> bytes:
    """A rejected workbook's problems (sheet, row, column, message, value) as an .xlsx."""
    wb = Workbook()
    ws = wb.worksheets[0]  # the sheet a new workbook starts with
    ws.title = T.PROBLEMS_SHEET
    _sheet(ws, T.PROBLEM_COLUMNS, (TEXT, INT, TEXT, LONG, TEXT), [p.cells() for p in problems])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
