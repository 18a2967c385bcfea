"""The blank results workbook users fill in: exactly the format the reader accepts."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lib.workbook import (
    COMMENT_COLUMNS,
    COMMENT_REQUIRED,
    RESULT_COLUMNS,
    RESULT_REQUIRED,
    ROSTER_COLUMNS,
    ROSTER_REQUIRED,
    SHEET_COMMENTS,
    SHEET_META,
    SHEET_RESULTS,
    SHEET_ROSTER,
)

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_LISTS = {
    "체계": "사회보장사업,발전전략",
    "사업구분": "계속,신설,변경,폐지",
    "민관협력": "Y,N",
    "지표방향": "상향,하향",
    "구분": "시행결과,민관협력",
    "평가": "적절,보통,부적절",
}
_META_ROWS = (
    ("시군구", "", "필수 · 예: 부산광역시 사상구"),
    ("연도", "", "필수 · 예: 2023"),
    ("계획기수", "", "선택 · 예: 제5기"),
    ("예산단위", "천원", "선택 · 천원(기본), 백만원, 원"),
    ("비고", "", "선택 · 자료에 대한 안내 (예: 세부 수치는 예시)"),
)


def _header(ws: Worksheet, columns: tuple[str, ...], required: tuple[str, ...], rows: int) -> None:
    for c, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=name)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if name in required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = max(10, len(name) * 3)
        if name in _LISTS:
            rule = DataValidation(type="list", formula1=f'"{_LISTS[name]}"', allow_blank=True)
            rule.add(f"{cell.column_letter}2:{cell.column_letter}{rows}")
            ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def template_bytes() -> bytes:
    """The template as .xlsx bytes (also offered for download by the app)."""
    wb = Workbook()
    meta = wb.worksheets[0]  # the sheet a new workbook starts with
    meta.title = SHEET_META
    for key, value, hint in _META_ROWS:
        meta.append([key, value, hint])
        meta.cell(row=meta.max_row, column=1).font = Font(bold=True)
        meta.cell(row=meta.max_row, column=3).font = Font(color="808080")
    meta.column_dimensions["A"].width = 12
    meta.column_dimensions["B"].width = 28
    meta.column_dimensions["C"].width = 50
    _header(wb.create_sheet(SHEET_RESULTS), RESULT_COLUMNS, RESULT_REQUIRED, 1000)
    _header(wb.create_sheet(SHEET_COMMENTS), COMMENT_COLUMNS, COMMENT_REQUIRED, 500)
    wb[SHEET_COMMENTS].column_dimensions["E"].width = 80
    roster = wb.create_sheet(SHEET_ROSTER)  # optional: the T/F members the report lists
    _header(roster, ROSTER_COLUMNS, ROSTER_REQUIRED, 100)
    for letter, width in (("A", 12), ("B", 24), ("C", 40)):
        roster.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_template(path: Path) -> None:
    path.write_bytes(template_bytes())
