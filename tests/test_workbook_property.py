"""Any mutation of a valid workbook either loads or raises WorkbookError, nothing else."""

import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from lib.errors import WorkbookError
from lib.strings_ko import Msg
from lib.workbook import read_workbook
from tests.conftest import build_workbook

VALID = build_workbook()

cell_values = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "약 300", "-", "1,234", "85%", "=1+1", "폐지", "하향", "전체", "Ⅱ", "1-1-1"]
    ),
    st.booleans(),
    st.dates(),
)
mutation = st.tuples(
    st.sampled_from(["개요", "시행결과", "모니터링의견"]),
    st.integers(1, 9),
    st.integers(1, 17),
    cell_values,
)


def _mutate(changes, delete_sheet: str | None, delete_row: int | None) -> bytes:
    wb = load_workbook(io.BytesIO(VALID))
    for sheet, row, col, value in changes:
        # openpyxl refuses some values (illegal characters): not a workbook anyone can make.
        with contextlib.suppress(ValueError, TypeError, IllegalCharacterError):
            wb[sheet].cell(row=row, column=col, value=value)
    if delete_row is not None:
        wb["시행결과"].delete_rows(delete_row)
    if delete_sheet is not None:
        del wb[delete_sheet]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(mutation, max_size=6),
    delete_sheet=st.none() | st.sampled_from(["개요", "시행결과", "모니터링의견"]),
    delete_row=st.none() | st.integers(1, 7),
)
def test_mutated_workbook_loads_or_raises_validation_error(changes, delete_sheet, delete_row):
    data = _mutate(changes, delete_sheet, delete_row)
    try:
        results = read_workbook(data)
    except WorkbookError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)
    else:
        assert results.sub_projects


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000), st.integers(0, len(VALID) - 1))
def test_corrupted_bytes_never_crash(noise, at):
    data = VALID[:at] + noise + VALID[at + len(noise) :]
    try:
        read_workbook(data)
    except WorkbookError as exc:
        assert exc.problems


def test_a_zip_of_an_unsupported_version_is_not_an_xlsx():
    """Found by the test above: bytes that make a central directory entry ask for zip
    version 6.4, which zipfile refuses with NotImplementedError."""
    at = VALID.index(b"PK\x01\x02") + 6  # "version needed to extract"
    data = VALID[:at] + bytes([64, 0]) + VALID[at + 2 :]
    try:
        read_workbook(data)
    except WorkbookError as exc:
        assert [p.message for p in exc.problems] == [Msg.NOT_XLSX]
    else:
        raise AssertionError("read")
