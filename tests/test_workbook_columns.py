"""The column-spec table is the one home of column knowledge: every row model reads exactly
the columns the table lists, under the table's headers."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from lib.workbook.columns import (
    BUDGET_COLUMNS,
    COMMENT_TABLE,
    HEADER_ALIASES,
    RESULT_COLUMNS,
    RESULT_REQUIRED,
    RESULT_TABLE,
    ROSTER_TABLE,
    SUB_PROJECT_COLUMNS,
    Column,
    normalise_header,
)
from lib.workbook.rows import CommentRow, ResultRow, RosterRow


@pytest.mark.parametrize(
    ("model", "table"),
    [(ResultRow, RESULT_TABLE), (CommentRow, COMMENT_TABLE), (RosterRow, ROSTER_TABLE)],
)
def test_row_model_fields_are_the_tables_columns(model: type[BaseModel], table: tuple[Column, ...]):
    fields = {name: f.validation_alias for name, f in model.model_fields.items()}
    assert fields == {c.attr: c.header for c in table}


def test_derived_lists_follow_the_table():
    assert RESULT_COLUMNS[:5] == ("체계", "사업번호", "추진전략", "중점사업", "세부사업")
    assert set(RESULT_REQUIRED) == {
        "체계",
        "사업번호",
        "추진전략",
        "중점사업",
        "세부사업",
        "성과지표",
        "목표",
        "실적",
    }
    assert BUDGET_COLUMNS == ("당초예산", "변경예산", "집행액")
    assert set(BUDGET_COLUMNS) <= set(SUB_PROJECT_COLUMNS)
    assert HEADER_ALIASES["대표과업"] == "중점사업" and HEADER_ALIASES["집행"] == "집행액"


def test_aliases_are_normalised_and_unambiguous():
    headers = {c.header for c in RESULT_TABLE}
    for alias, header in HEADER_ALIASES.items():
        assert normalise_header(alias) == alias and alias not in headers and header in headers
