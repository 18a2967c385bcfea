"""Cell problems and cross-row problems are reported together in row order.

The reader validates a sheet's rows in one call and, when any row is invalid, goes back to
validating row by row; either way a user reads the problems from the top of the sheet.
"""

import pytest

from lib.errors import WorkbookError
from lib.workbook import read_workbook
from tests.conftest import build_workbook, with_cell


def located(data: bytes) -> list[tuple[int | None, str | None]]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(data)
    return [(p.row, p.column) for p in caught.value.problems]


def test_cross_row_conflict_above_a_bad_cell_comes_first():
    rows = with_cell(5, "목표", "약 300", with_cell(3, "세부사업", "다른 사업"))
    assert located(build_workbook(rows=rows)) == [(3, "세부사업"), (5, "목표")]


def test_bad_cell_above_a_cross_row_conflict_comes_first():
    continuation = (None, None, None, None, "다른 과업", None, None,
                    "참석률", None, None, 90, 95, None, None, None, None)  # fmt: skip
    rows = [*with_cell(4, "목표", "약 300"), continuation]  # row 7 continues row 6's 1-1-1
    assert located(build_workbook(rows=rows)) == [(4, "목표"), (7, "세부사업")]


def test_blank_and_whitespace_cells_read_as_empty():
    rows = with_cell(3, "세부사업", "   ", with_cell(3, "당초예산", ""))
    results = read_workbook(build_workbook(rows=rows))
    first = results.sub_projects[0]
    assert first.name == "행복울타리 돌봄사업"
    assert [i.row for i in first.indicators] == [2, 3]
