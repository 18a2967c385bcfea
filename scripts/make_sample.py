"""Build the bundled sample workbook ``data/sample/sasang_2023.xlsx`` from readable sources.

Sources (UTF-8 CSV, one row per indicator / comment, columns named as in
``workbook-format.md``):

- ``data/sample/source/시행결과.csv``: every row repeats 체계, 사업번호, 추진전략, 중점사업 and
  세부사업; the other sub-project columns (담당부서 … 민관협력, budgets, 예산변경사유,
  추진실적, 비고) are filled on a sub-project's first indicator row only.
- ``data/sample/source/모니터링의견.csv``: the comments of the 사상구 monitoring report.
- ``data/sample/source/모니터링단.csv``: the report's seven T/F members, names masked as
  published documents do (``류○○``), 구분 and 소속기관/직위 as the report writes them
  (조○○ has no 소속; 장○○'s 구분 is ``-``, which the reader takes as blank).

The workbook is laid out like a real Korean form (title and unit note above a two-row
header, merged 체계/추진전략/중점사업 cells, continuation rows for multi-indicator
sub-projects) so that it exercises the reader. Nothing here computes a rate: the published
totals (121.6%, 110.7%) follow from the indicator figures in the source; see
``tests/test_sample_source.py``.

Usage: ``python scripts/make_sample.py [OUT.xlsx]`` (default: the bundled sample path).
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "data" / "sample" / "source"
RESULTS_CSV = SOURCE_DIR / "시행결과.csv"
COMMENTS_CSV = SOURCE_DIR / "모니터링의견.csv"
ROSTER_CSV = SOURCE_DIR / "모니터링단.csv"
OUT_PATH = ROOT / "data" / "sample" / "sasang_2023.xlsx"

META: tuple[tuple[str, str | int], ...] = (
    ("시군구", "부산광역시 사상구"),
    ("연도", 2023),
    ("계획기수", "제5기"),
    ("예산단위", "천원"),
    (
        "비고",
        "총괄 수치(전략·과업 수, 달성률)와 사업명은 사상구 모니터링 결과보고 기준이며, "
        "세부 사업별 목표·실적·예산은 예시입니다.",
    ),
)
TITLE = "2023년 지역사회보장 연차별 시행계획 시행결과 (예시 자료: 세부 수치는 예시)"
UNIT_NOTE = "(단위: 천원)"
BUDGET_GROUP = "예산(천원)"

# Source columns of 시행결과.csv, in sheet order.
IDENTITY_COLUMNS = ("체계", "사업번호", "추진전략", "중점사업", "세부사업")
SUB_PROJECT_COLUMNS = (
    "담당부서",
    "사업대상",
    "사업지역",
    "사업구분",
    "민관협력",
    "당초예산",
    "변경예산",
    "집행액",
    "예산변경사유",
    "추진실적",
    "비고",
)
INDICATOR_COLUMNS = ("성과지표", "단위", "지표방향", "가중치", "목표", "실적")
NUMBER_COLUMNS = ("가중치", "목표", "실적", "당초예산", "변경예산", "집행액")
BUDGET_COLUMNS = ("당초예산", "변경예산", "집행액")
RESULT_COLUMNS = (
    *IDENTITY_COLUMNS,
    *SUB_PROJECT_COLUMNS[:5],
    *INDICATOR_COLUMNS,
    *SUB_PROJECT_COLUMNS[5:],
)
COMMENT_COLUMNS = ("구분", "대상", "위원", "평가", "의견")
ROSTER_COLUMNS = ("성명", "구분", "소속기관/직위")


@dataclass(frozen=True)
class SheetColumn:
    """One column of sheet 시행결과: source column, header text and width."""

    source: str
    header: str  # row-3 text (row 4 for the budget group's members)
    width: float
    wrap: bool = True


SHEET_COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("체계", "체계", 11),
    SheetColumn("사업번호", "사업번호", 8.5, wrap=False),
    SheetColumn("추진전략", "추진전략", 18),
    SheetColumn("중점사업", "중점사업", 18),
    SheetColumn("세부사업", "세부사업", 22),
    SheetColumn("담당부서", "담당부서", 11),
    SheetColumn("사업대상", "사업대상", 20),
    SheetColumn("사업지역", "사업지역", 20),
    SheetColumn("사업구분", "사업\n구분", 6.5),
    SheetColumn("민관협력", "민관\n협력", 6.5),
    SheetColumn("성과지표", "성과지표", 24),
    SheetColumn("단위", "단위", 6.5),
    SheetColumn("지표방향", "지표\n방향", 6.5),
    SheetColumn("가중치", "가중치", 7),
    SheetColumn("목표", "목표", 10),
    SheetColumn("실적", "실적", 10),
    SheetColumn("당초예산", "당초", 12),
    SheetColumn("변경예산", "변경", 12),
    SheetColumn("집행액", "집행", 12),
    SheetColumn("예산변경사유", "예산변경\n사유", 22),
    SheetColumn("추진실적", "추진실적", 34),
    SheetColumn("비고", "비고", 20),
)
COL = {c.source: i + 1 for i, c in enumerate(SHEET_COLUMNS)}  # source column -> sheet column
HEADER_TOP, HEADER_BOTTOM = 3, 4
FIRST_DATA_ROW = HEADER_BOTTOM + 1

# Columns of a multi-indicator sub-project that its later indicator rows leave blank
# (or that are merged down across its rows).
SUB_PROJECT_SHEET_COLUMNS = ("사업번호", "세부사업", *SUB_PROJECT_COLUMNS)
# Systems whose multi-indicator sub-projects get merged cells; the others get plain blanks
# on their continuation rows. Both forms occur in workbooks that councils fill in.
MERGE_SUB_PROJECTS_IN = frozenset({"사회보장사업"})

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
KEY_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT_WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")
FIXED_TIME = dt.datetime(2024, 3, 1, 9, 0, 0)


@dataclass
class SubProjectSource:
    """A sub-project of the source: its identity and sub-project columns and its indicators."""

    values: dict[str, str]
    indicators: list[dict[str, str]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.values["체계"], self.values["사업번호"]


def number(text: str) -> int | float | None:
    """A source number as written: int when integral, else float (the CSV text round-trips)."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    return int(value) if value == value.to_integral_value() else float(text)


def read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path.name}: columns {reader.fieldnames} != {list(columns)}")
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in reader]
    return [row for row in rows if any(row.values())]


def load_sub_projects(path: Path = RESULTS_CSV) -> list[SubProjectSource]:
    """Group 시행결과.csv into sub-projects, checking that the source is consistent."""
    sub_projects: list[SubProjectSource] = []
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(read_csv(path, RESULT_COLUMNS), start=2):
        for column in NUMBER_COLUMNS:
            try:
                number(row[column])
            except ValueError as exc:
                raise ValueError(f"{path.name}:{line} {column}: {exc}") from exc
        key = (row["체계"], row["사업번호"])
        if not all(row[c] for c in IDENTITY_COLUMNS):
            raise ValueError(f"{path.name}:{line}: 체계 … 세부사업 must all be filled")
        if sub_projects and sub_projects[-1].key == key:
            current = sub_projects[-1]
            for column in (*IDENTITY_COLUMNS, *SUB_PROJECT_COLUMNS):
                if row[column] and row[column] != current.values[column]:
                    raise ValueError(f"{path.name}:{line} {column}: disagrees with the row above")
        else:
            if key in seen:
                raise ValueError(f"{path.name}:{line}: {key} appears twice, not contiguously")
            seen.add(key)
            current = SubProjectSource(
                {c: row[c] for c in (*IDENTITY_COLUMNS, *SUB_PROJECT_COLUMNS)}
            )
            sub_projects.append(current)
        current.indicators.append({c: row[c] for c in INDICATOR_COLUMNS})
    return sub_projects


def load_roster(path: Path = ROSTER_CSV) -> list[dict[str, str]]:
    return read_csv(path, ROSTER_COLUMNS)


def load_comments(path: Path = COMMENTS_CSV) -> list[dict[str, str]]:
    return read_csv(path, COMMENT_COLUMNS)


def _cell_value(column: str, text: str) -> str | int | float | None:
    if column in NUMBER_COLUMNS:
        return number(text)
    return text or None


def _merge_down(ws: Worksheet, column: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def _runs(values: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """(start, end) index ranges of equal consecutive values."""
    runs: list[tuple[int, int]] = []
    for i, value in enumerate(values):
        if runs and values[runs[-1][0]] == value:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _write_meta(ws: Worksheet) -> None:
    for row, (key, value) in enumerate(META, start=1):
        key_cell = ws.cell(row=row, column=1, value=key)
        key_cell.font = HEADER_FONT
        key_cell.fill = KEY_FILL
        key_cell.border = BORDER
        key_cell.alignment = LEFT
        value_cell = ws.cell(row=row, column=2, value=value)
        value_cell.border = BORDER
        value_cell.alignment = LEFT_WRAP if isinstance(value, str) else LEFT
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 80


def _write_header(ws: Worksheet) -> None:
    last_col = len(SHEET_COLUMNS)
    title = ws.cell(row=1, column=1, value=TITLE)
    title.font = TITLE_FONT
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    ws.row_dimensions[1].height = 30
    note = ws.cell(row=2, column=last_col, value=UNIT_NOTE)
    note.alignment = RIGHT

    for col, column in enumerate(SHEET_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = column.width
        for row in (HEADER_TOP, HEADER_BOTTOM):
            cell = ws.cell(row=row, column=col)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = CENTER
        if column.source in BUDGET_COLUMNS:
            ws.cell(row=HEADER_BOTTOM, column=col, value=column.header)
        else:
            ws.cell(row=HEADER_TOP, column=col, value=column.header)
            _merge_down(ws, col, HEADER_TOP, HEADER_BOTTOM)
    first_budget = COL[BUDGET_COLUMNS[0]]
    ws.cell(row=HEADER_TOP, column=first_budget, value=BUDGET_GROUP)
    ws.merge_cells(
        start_row=HEADER_TOP,
        start_column=first_budget,
        end_row=HEADER_TOP,
        end_column=COL[BUDGET_COLUMNS[-1]],
    )
    ws.row_dimensions[HEADER_TOP].height = 20
    ws.row_dimensions[HEADER_BOTTOM].height = 20
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)


def _style_data_cell(ws: Worksheet, row: int, column: SheetColumn) -> None:
    cell = ws.cell(row=row, column=COL[column.source])
    cell.border = BORDER
    value = cell.value
    if column.source in BUDGET_COLUMNS:
        cell.number_format = "#,##0"
        cell.alignment = RIGHT
    elif column.source in NUMBER_COLUMNS:
        if isinstance(value, int):
            cell.number_format = "#,##0"
        elif isinstance(value, float):
            cell.number_format = "#,##0.0"
        cell.alignment = RIGHT
    elif column.wrap and column.width >= 10:
        cell.alignment = LEFT_WRAP
    else:
        cell.alignment = CENTER


def _write_results(ws: Worksheet, sub_projects: list[SubProjectSource]) -> None:
    _write_header(ws)
    row = FIRST_DATA_ROW
    # One entry per sheet row: (체계, 추진전략, 중점사업) and the sub-project it belongs to.
    row_keys: list[tuple[str, ...]] = []
    sub_project_rows: list[tuple[SubProjectSource, int, int]] = []
    for sp in sub_projects:
        first = row
        for i, indicator in enumerate(sp.indicators):
            for column in INDICATOR_COLUMNS:
                ws.cell(row=row, column=COL[column], value=_cell_value(column, indicator[column]))
            if i == 0:
                for column in (*IDENTITY_COLUMNS, *SUB_PROJECT_COLUMNS):
                    ws.cell(
                        row=row, column=COL[column], value=_cell_value(column, sp.values[column])
                    )
            v = sp.values
            row_keys.append((v["체계"], v["추진전략"], v["중점사업"]))
            row += 1
        sub_project_rows.append((sp, first, row - 1))
    last_row = row - 1

    for r in range(FIRST_DATA_ROW, last_row + 1):
        for column in SHEET_COLUMNS:
            _style_data_cell(ws, r, column)

    # 체계, 추진전략 and 중점사업 merged down across the rows they span; only the top cell of a
    # merged range keeps its value, so clear the cells below first.
    for depth, column in enumerate(("체계", "추진전략", "중점사업"), start=1):
        for start, end in _runs([key[:depth] for key in row_keys]):
            first, last = FIRST_DATA_ROW + start, FIRST_DATA_ROW + end
            for r in range(first + 1, last + 1):
                ws.cell(row=r, column=COL[column]).value = None
            _merge_down(ws, COL[column], first, last)

    for sp, first, last in sub_project_rows:
        if last > first and sp.values["체계"] in MERGE_SUB_PROJECTS_IN:
            for column in SUB_PROJECT_SHEET_COLUMNS:
                _merge_down(ws, COL[column], first, last)


def _write_table(
    ws: Worksheet,
    columns: Sequence[str],
    widths: dict[str, int],
    records: list[dict[str, str]],
    alignment: Callable[[str], Alignment],
) -> None:
    """A plain sheet: a styled header row with column widths, one row a record (a blank
    value left empty), each cell aligned by its column, frozen below the header."""
    for col, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = CENTER
        ws.column_dimensions[get_column_letter(col)].width = widths[column]
    for row, record in enumerate(records, start=2):
        for col, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=col, value=record[column] or None)
            cell.border = BORDER
            cell.alignment = alignment(column)
    ws.freeze_panes = "A2"


def _write_comments(ws: Worksheet, comments: list[dict[str, str]]) -> None:
    widths = {"구분": 10, "대상": 30, "위원": 14, "평가": 8, "의견": 90}
    _write_table(
        ws,
        COMMENT_COLUMNS,
        widths,
        comments,
        lambda column: LEFT_WRAP if column in ("대상", "의견") else CENTER,
    )


def _write_roster(ws: Worksheet, members: list[dict[str, str]]) -> None:
    widths = {"성명": 10, "구분": 22, "소속기관/직위": 40}
    _write_table(
        ws,
        ROSTER_COLUMNS,
        widths,
        members,
        lambda column: LEFT if column == "소속기관/직위" else CENTER,
    )


def build_workbook(out_path: Path | str = OUT_PATH) -> Path:
    """Write the sample workbook built from the CSV sources to ``out_path``; return the path."""
    out_path = Path(out_path)
    sub_projects = load_sub_projects()
    comments = load_comments()

    wb = Workbook()
    meta = wb.active
    meta.title = "개요"
    _write_meta(meta)
    results = wb.create_sheet("시행결과")
    _write_results(results, sub_projects)
    results.page_setup.orientation = "landscape"
    results.page_setup.fitToWidth = 1
    results.page_setup.fitToHeight = 0
    results.sheet_properties.pageSetUpPr.fitToPage = True
    results.print_title_rows = f"{HEADER_TOP}:{HEADER_BOTTOM}"
    _write_comments(wb.create_sheet("모니터링의견"), comments)
    _write_roster(wb.create_sheet("모니터링단"), load_roster())

    wb.properties.creator = "scripts/make_sample.py"
    wb.properties.title = TITLE
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    out_path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out_path)
    return out_path


def main(argv: list[str]) -> int:
    out = build_workbook(Path(argv[0]) if argv else OUT_PATH)
    sub_projects = load_sub_projects()
    counts = {}
    for sp in sub_projects:
        counts[sp.values["체계"]] = counts.get(sp.values["체계"], 0) + 1
    summary = ", ".join(f"{system} {n}개 세부사업" for system, n in counts.items())
    print(
        f"wrote {out} ({summary}, 의견 {len(load_comments())}건, 모니터링단 {len(load_roster())}명)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
