"""The rejected upload's problem table: a problem with no row leaves 행 blank, never "None"."""

from __future__ import annotations

from lib.errors import Problem
from lib.strings_ko import ExportText
from lib.ui.data import problems_table


def test_a_problem_without_a_row_leaves_the_row_blank() -> None:
    frame = problems_table(
        (
            Problem(None, None, None, "엑셀 통합문서(.xlsx) 파일이 아닙니다."),
            Problem("시행결과", 14, "목표", "숫자가 아닙니다", "약 300"),
        )
    )
    assert list(frame.columns) == list(ExportText.PROBLEM_COLUMNS)
    assert frame.iloc[:, 1].tolist() == ["", "14"]
    assert frame.iloc[1].tolist() == ["시행결과", "14", "목표", "숫자가 아닙니다", "약 300"]
    assert "None" not in frame.to_string()
