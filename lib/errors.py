"""What the reader reports when a workbook breaks the format."""

from __future__ import annotations

from dataclasses import dataclass

from lib.strings_ko import LayoutText


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, located as Excel shows it: sheet, 1-based row, column header."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str
    value: str | None = None

    def cells(self) -> tuple[str, int | None, str, str, str]:
        """The problem as a table row: 시트, 행, 열, 내용, 입력값 (blank where unknown)."""
        return (self.sheet or "", self.row, self.column or "", self.message, self.value or "")

    def __str__(self) -> str:
        """``시행결과 시트 14행 '목표': 숫자가 아닙니다 ('약 300')``."""
        where = []
        if self.sheet:
            where.append(LayoutText.ERROR_SHEET.format(sheet=self.sheet))
        if self.row is not None:
            where.append(LayoutText.ERROR_ROW.format(row=self.row))
        if self.column:
            where.append(f"'{self.column}'")
        text = self.message if self.value is None else f"{self.message} ('{self.value}')"
        return f"{' '.join(where)}: {text}" if where else text


class WorkbookError(Exception):
    """A workbook rejected as a whole; ``problems`` holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
