"""Sheet 시행결과 is read three ways, and all three give the same sub-projects or the same
problems: a column at a time and assembled a sub-project at a time (the fast path, for the
shape nearly every workbook has), a column at a time then row by row through the rules, and
row by row through the pydantic row model (the reference, which words every problem)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import _rows as generated_rows
from lib.errors import WorkbookError
from lib.schema import Indicator, Results, SubProject
from lib.workbook import RESULT_COLUMNS, read_workbook
from tests.conftest import HEADER, ROWS, SAMPLE, build_workbook

MODES = ("fast", "columns", "rows")


@contextlib.contextmanager
def _mode(mode: str) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        if mode in ("columns", "rows"):
            stack.enter_context(
                mock.patch("lib.workbook.results._regular_sub_projects", return_value=None)
            )
        if mode == "rows":
            stack.enter_context(
                mock.patch("lib.workbook.results.typed_result_columns", return_value=None)
            )
        yield


def _outcome(data: bytes, mode: str) -> Results | tuple:
    with _mode(mode):
        try:
            return read_workbook(data, "x.xlsx")
        except WorkbookError as error:
            return tuple(error.problems)


def _fields(results: Results) -> list[list[tuple[str, type, str]]]:
    """Every field of every sub-project and indicator with its type and repr: equal values
    of another type or form (``Decimal('1')`` against ``Decimal('1.0')``) differ here."""
    return [
        [(k, type(v), repr(v)) for k, v in sp.__dict__.items()]
        + [(k, type(v), repr(v)) for ind in sp.indicators for k, v in ind.__dict__.items()]
        for sp in results.sub_projects
    ]


def assert_same_three_ways(data: bytes) -> Results | tuple:
    fast, *others = (_outcome(data, mode) for mode in MODES)
    for other in others:
        assert other == fast
        if isinstance(fast, Results):
            assert isinstance(other, Results)
            assert _fields(other) == _fields(fast)
    return fast


def test_the_sample_reads_the_same_three_ways():
    results = assert_same_three_ways(SAMPLE.read_bytes())
    assert isinstance(results, Results) and len(results.sub_projects) == 29 + 18 + 1  # 1 폐지


def test_the_fast_path_is_taken_for_the_sample_and_for_fully_filled_rows():
    calls: list[bool] = []
    from lib.workbook import results as module

    original = module._regular_sub_projects

    def spy(*args):
        found = original(*args)
        calls.append(found is not None)
        return found

    import random

    rows = [list(r) for r in generated_rows(random.Random(3))]
    generated = build_workbook(rows=rows, header=RESULT_COLUMNS, comments=None)
    with mock.patch.object(module, "_regular_sub_projects", spy):
        read_workbook(SAMPLE.read_bytes())
        read_workbook(generated)
    assert calls == [True, True]
    assert_same_three_ways(generated)


def test_domain_objects_built_without_validation_equal_validated_ones():
    results = read_workbook(SAMPLE.read_bytes())
    for sp in results.sub_projects:
        again = SubProject.model_validate(sp.model_dump())
        assert again == sp and again.model_dump() == sp.model_dump()
        assert sp.model_fields_set == set(SubProject.model_fields)
        for ind in sp.indicators:
            assert Indicator.model_validate(ind.model_dump()) == ind
            assert ind.model_fields_set == set(Indicator.model_fields)
        assert hash(sp.indicators[0]) == hash(Indicator.model_validate(sp.indicators[0].__dict__))


# Values a cell may take: blanks, repeats of a neighbour's value, conflicts, the vocabulary,
# numbers in every form the reader accepts or refuses.
VALUES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "", " ", "사회보장사업", "발전전략", "Ⅱ", "1-1-1", "1-1-2", "돌봄 강화",
            "노인 돌봄", "전체", "모라1동, 덕포2동", "신설", "폐지", "변경", "하향", "상향",
            "Y", "N", "1,234", "85%", " 12 ", "abc", "-5", "0", "1e999999999", "=1+1",
            "행복울타리 돌봄사업", "x\ny", "_x0001_제어",
        ]
    ),
    st.integers(-5, 300),
    st.decimals(min_value=Decimal(-10), max_value=Decimal(500), places=2).map(float),
    st.just(0.0),
    st.just(-0.0),
    st.booleans(),
)  # fmt: skip
CHANGE = st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, len(HEADER) - 1), VALUES)
# Copy a cell from the row above (a repeated sub-project value) or blank it.
REPEAT = st.tuples(st.integers(1, len(ROWS) - 1), st.integers(0, len(HEADER) - 1), st.booleans())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(CHANGE, max_size=4), repeats=st.lists(REPEAT, max_size=6))
def test_any_sheet_reads_the_same_three_ways(changes, repeats):
    rows = [list(r) for r in ROWS]
    for r, c, copy in repeats:
        rows[r][c] = rows[r - 1][c] if copy else None
    for r, c, value in changes:
        rows[r][c] = value
    assert_same_three_ways(build_workbook(rows=rows))


@pytest.mark.parametrize(
    "edit",
    [
        lambda rows: rows[1].__setitem__(2, "돌봄 강화"),  # a continuation repeats 추진전략
        lambda rows: rows[1].__setitem__(2, "다른 전략"),  # … or contradicts it
        lambda rows: rows[1].__setitem__(0, "발전전략"),  # a continuation names another 체계
        lambda rows: rows[2].__setitem__(1, "1-1-1"),  # a code twice in one system
        lambda rows: rows[1].__setitem__(9, 2),  # one indicator weighted, the other not
        lambda rows: rows[0].__setitem__(13, -1),  # a negative budget
        lambda rows: rows[2].__setitem__(6, "폐지") or rows[2].__setitem__(10, None),
        lambda rows: rows[1].__setitem__(7, None),  # a row without 성과지표
        lambda rows: rows[0].__setitem__(0, None),  # nothing to carry 체계 from
    ],
)
def test_irregular_sheets_read_the_same_three_ways(edit):
    rows = [list(r) for r in ROWS]
    edit(rows)
    assert_same_three_ways(build_workbook(rows=rows))


@pytest.mark.parametrize("value", [True, 1, 0, -0.0])
def test_a_cell_equal_to_a_remembered_float_is_parsed_as_itself(value):
    """Parsed numbers are remembered across workbooks by value, and ``True == 1 == 1.0``:
    after a workbook with 1.0 and 0.0 in 목표, a True in 목표 is still 'not a number', an
    integer 1 still reads as 1 (not 1.0), as the row model reads them."""
    rows = [list(r) for r in ROWS]
    rows[0][HEADER.index("목표")] = 1.0
    rows[1][HEADER.index("실적")] = 0.0
    assert_same_three_ways(build_workbook(rows=rows))
    rows[0][HEADER.index("목표")] = value
    assert_same_three_ways(build_workbook(rows=rows))


def test_a_header_read_once_answers_for_the_same_cells_only():
    """Workbooks of a set share their header: it is read once, and its problems are given to
    every workbook that has it. Cells equal in value but not in type are not the same."""
    from lib.workbook.header import _header_of, _read_header
    from lib.workbook.package import _Sheet

    missing = [h for h in HEADER if h != "목표"]  # a required column left out
    sheet = _Sheet("시행결과", [missing, ROWS[0]])
    fresh: list = []
    expected = _header_of(sheet, fresh)
    assert fresh  # 목표 is missing
    for _ in range(2):
        problems: list = []
        assert _read_header(_Sheet("시행결과", [list(missing), ROWS[0]]), problems) == expected
        assert problems == fresh
    from lib.workbook import header

    numbered = [*HEADER, 1]  # a column past the header's, headed 1 or TRUE
    as_true = [*HEADER, True]  # (True == 1)
    header._HEADERS.clear()
    for row in (numbered, as_true):
        _read_header(_Sheet("시행결과", [row, ROWS[0]]), [])
    assert len(header._HEADERS) == 2
