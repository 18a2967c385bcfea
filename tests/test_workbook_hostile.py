"""Hostile workbooks (issue "Hardening"): each ends as Korean problems naming the place,
quickly and within memory, and the process that asked lives on."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal

import pytest

from lib import format as fmt
from lib.cli import summary
from lib.errors import Problem, WorkbookError
from lib.metrics import execution_rate, strategy_summaries, sub_project_rate, system_summaries
from lib.strings_ko import ReadMsg
from lib.workbook import DEFAULT_LIMITS, Limits, read_workbook
from lib.workbook.bounded import read_bounded, read_bounded_then
from tests.conftest import COMMENTS, META, ROOT, SAMPLE, build_workbook, with_cell

RESULTS_SHEET = "xl/worksheets/sheet2.xml"  # 개요, 시행결과, 모니터링의견 in build_workbook


def patch_part(data: bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one part's bytes edited (every other part as it was)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, edit(body) if info.filename == part else body)
    return out.getvalue()


def add_part(data: bytes, part: str, body: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(part, body)
    return out.getvalue()


def problems_of(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[Problem, ...]:
    """The problems of a bounded read (asserting it was refused, and did not hang: a hang
    guard only, generous for a loaded machine; the child has its own wall-time limit)."""
    start = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        read_bounded(data, "hostile.xlsx", limits)
    assert time.perf_counter() - start < limits.wall_seconds + 30
    assert caught.value.problems
    return caught.value.problems


def _moved(cell: str) -> Callable[[bytes], bytes]:
    """Move the last cell of data row 6 (A6) to ``cell``."""
    return lambda xml: xml.replace(b'r="A6"', f'r="{cell}"'.encode())


def _formula_at(cell: str) -> Callable[[bytes], bytes]:
    """A formula without a cached value at ``cell``."""
    formula = f'<row r="7"><c r="{cell}"><f>SUM(A1:A2)</f></c></row></sheetData>'
    return lambda xml: xml.replace(b"</sheetData>", formula.encode())


@pytest.mark.parametrize(
    ("edit", "row", "column", "cell"),
    [
        (_moved("XFD99999"), 99999, "XFD열", "XFD99999"),
        (_moved("XFD2000"), 2000, "XFD열", "XFD2000"),
        (_formula_at("A99999999"), 99999999, "A열", "A99999999"),
        (_formula_at("AAAAAAAAAA1"), 1, "AAAAAAAAAA열", "AAAAAAAAAA1"),
    ],
)
def test_cell_beyond_the_limits_is_refused_naming_it(edit, row, column, cell):
    (problem,) = problems_of(patch_part(build_workbook(), RESULTS_SHEET, edit))
    assert (problem.sheet, problem.row, problem.column) == ("시행결과", row, column)
    assert f"허용 범위 밖의 셀이 있습니다 ({cell})" in problem.message


def test_used_range_beyond_the_limits_is_refused():
    data = patch_part(build_workbook(), RESULTS_SHEET, lambda x: x.replace(b"A1:P6", b"A1:XFD1"))
    (problem,) = problems_of(data)
    assert problem.sheet == "시행결과" and "(A1:XFD1)" in problem.message


def test_merged_range_beyond_the_limits_is_refused():
    merge = b'<mergeCells count="1"><mergeCell ref="A1:AAAAAAAAAA1"/></mergeCells>'
    data = patch_part(
        build_workbook(),
        RESULTS_SHEET,
        lambda x: x.replace(b"</sheetData>", b"</sheetData>" + merge),
    )
    (problem,) = problems_of(data)
    assert problem.sheet == "시행결과" and "(A1:AAAAAAAAAA1)" in problem.message


def test_too_many_cells_within_the_row_and_column_limits():
    (problem,) = problems_of(patch_part(build_workbook(), RESULTS_SHEET, _moved("CV99999")))
    assert problem.sheet == "시행결과"
    assert problem.message == ReadMsg.TOO_MANY_CELLS.format(
        cell="CV99999", cells=100 * 99999, limit=DEFAULT_LIMITS.max_cells
    )


_MERGE_FAR = b'<mergeCells count="1"><mergeCell ref="A1:AAAAAAAAAA1"/></mergeCells>'
_BEYOND = {
    "far cell": _moved("XFD99999"),
    "far cell within the columns": _moved("IV2000"),
    "far row": _moved("A100001"),
    "far formula row": _formula_at("A99999999"),
    "far formula column": _formula_at("AAAAAAAAAA1"),
    "too many cells": _moved("CV99999"),
    "stated range": lambda x: x.replace(b"A1:P6", b"A1:XFD1"),
    "merged range": lambda x: x.replace(b"</sheetData>", b"</sheetData>" + _MERGE_FAR),
}


@pytest.mark.parametrize("edit", _BEYOND.values(), ids=_BEYOND.keys())
def test_unscreened_child_refuses_the_same_or_fails_and_the_caller_screens(edit):
    """The first read of an upload leaves the XML screening out (the operating system bounds
    the child); what calamine reads beyond the limits is screened then, so the same cell is
    named. A child that dies instead is read again, screened: the caller sees the same."""
    from lib.workbook.bounded import _ChildFailed, _read_in_child, whole

    data = patch_part(build_workbook(), RESULTS_SHEET, edit)
    with pytest.raises(WorkbookError) as screened:
        read_workbook(data, "hostile.xlsx")  # screened in this process: never reaches calamine
    try:
        _read_in_child(data, "hostile.xlsx", whole, DEFAULT_LIMITS, None, screen=False)
    except WorkbookError as unscreened:
        assert unscreened.problems == screened.value.problems
    except _ChildFailed:
        pass
    else:
        pytest.fail("read beyond the limits")
    assert problems_of(data) == tuple(screened.value.problems)


def test_unscreened_read_refuses_far_cells_itself():
    """Not every refusal waits for a crash: calamine's grid for CV99999 fits in the child,
    and its size is checked before a cell of it becomes a Python object."""
    from lib.workbook.bounded import _read_in_child, whole

    data = patch_part(build_workbook(), RESULTS_SHEET, _moved("CV99999"))
    with pytest.raises(WorkbookError) as caught:
        _read_in_child(data, "hostile.xlsx", whole, DEFAULT_LIMITS, None, screen=False)
    (problem,) = caught.value.problems
    assert problem.message.startswith("시트의 사용 범위가 CV99999까지로")


def test_kept_bytes_read_unscreened_give_the_same_results():
    data = (ROOT / "data" / "sample" / "sasang_2023.xlsx").read_bytes()
    assert read_workbook(data, "s.xlsx", screen=False) == read_workbook(data, "s.xlsx")


def test_zip_that_expands_to_190_mb_is_refused_quickly():
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(build_workbook()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        with dst.open("xl/media/padding.bin", "w") as padding:
            for _ in range(190):
                padding.write(b"\0" * (1024 * 1024))
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    (problem,) = problems_of(data)
    assert (
        problem.message.startswith("파일의 압축을 풀면 ") and "허용 한도(100MB)" in problem.message
    )


@pytest.mark.parametrize(
    ("part", "body"),
    [
        ("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
        ("xl/VBAPROJECT.BIN", b"x"),
    ],
)
def test_macro_enabled_workbook_is_refused(part, body):
    (problem,) = problems_of(add_part(build_workbook(), part, body))
    assert problem.message.startswith("매크로가 들어 있는 통합문서는 받지 않습니다")


def test_renamed_xlsm_is_refused_by_its_content_type():
    def xlsm(types: bytes) -> bytes:
        return types.replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )

    (problem,) = problems_of(patch_part(build_workbook(), "[Content_Types].xml", xlsm))
    assert "[Content_Types].xml" in problem.message


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("목표", "1e999999999", ReadMsg.NUMBER_RANGE),
        ("목표", "١e٩٩٩٩٩٩٩٩٩", "숫자가 아닙니다"),
        ("목표", "١٢", "숫자가 아닙니다"),
        ("목표", "１２", "숫자가 아닙니다"),
        ("실적", "1e400", ReadMsg.NUMBER_RANGE),
        ("목표", "1e-30", ReadMsg.NUMBER_RANGE),
        ("실적", "1e27", ReadMsg.NUMBER_RANGE),
        ("목표", 1e308, ReadMsg.NUMBER_RANGE),
        ("당초예산", "1e999999999", ReadMsg.NUMBER_RANGE),
        ("실적", "9" * 5000, "숫자의 자릿수가 너무 많습니다 (유효숫자 22자리까지)"),
        ("실적", "1." + "0" * 4000 + "1", "숫자의 자릿수가 너무 많습니다 (유효숫자 22자리까지)"),
        ("목표", "NaN", "숫자가 아닙니다"),
        ("목표", "Infinity", "숫자가 아닙니다"),
    ],
)
def test_numbers_beyond_the_limits_name_their_cell(column, value, message):
    (problem,) = problems_of(build_workbook(rows=with_cell(6, column, value)))
    assert (problem.sheet, problem.row, problem.column) == ("시행결과", 6, column)
    assert problem.message == message
    assert len(problem.value or "") <= 80  # a 5,000-digit value is cut when quoted


def _extreme_rows() -> list[list[object]]:
    """Every number at an edge the format allows."""
    rows = with_cell(2, "목표", "0.000001", with_cell(2, "실적", "1e15"))
    rows = with_cell(3, "목표", "1e15", with_cell(3, "실적", "0.000001", rows))
    rows = with_cell(4, "목표", "0.000001", with_cell(4, "실적", "999999999999999", rows))
    rows = with_cell(2, "당초예산", "1e15", with_cell(2, "변경예산", "0.000001", rows))
    rows = with_cell(2, "집행액", "1e15", rows)
    return with_cell(4, "당초예산", "1234567890.123456789012", rows)


@pytest.mark.parametrize("unit", ["천원", "백만원", "원"])
def test_extreme_allowed_numbers_never_raise_in_metrics_or_formats(unit):
    meta = [*META[:3], ("예산단위", unit)]
    results = read_workbook(build_workbook(rows=_extreme_rows(), meta=meta))
    for sp in results.sub_projects:
        for value in (sub_project_rate(sp), execution_rate(sp)):
            fmt.percent(value)
            fmt.rate_value(value)
            fmt.percent_points(value)
        for amount in (sp.budget_planned, sp.budget_final, sp.budget_executed):
            fmt.thousand_won(amount)
        for indicator in sp.indicators:
            fmt.plain_number(indicator.target)
            fmt.plain_number(indicator.actual)
    for s in system_summaries(results):
        fmt.percent(s.achievement_rate)
        fmt.thousand_won(s.budget.final)
        fmt.percent(s.budget.execution_rate)
    strategy_summaries(results.sub_projects)
    data = summary(results)
    json.dumps(data)
    assert data["sub_projects"][0]["achievement_rate"] == pytest.approx(5e22)


def test_control_characters_are_removed_and_every_export_writes(tmp_path):
    """``_x0001_`` is how Excel stores a control character in a cell."""
    rows = with_cell(2, "성과지표", "MARK_A", with_cell(2, "예산변경사유", "MARK_B"))
    comments = [*COMMENTS, ("시행결과", None, "MARK_C", None, "MARK_D")]
    data = build_workbook(rows=rows, comments=comments)
    for part in (RESULTS_SHEET, "xl/worksheets/sheet3.xml"):
        data = patch_part(
            data,
            part,
            lambda xml: xml.replace(b"MARK_", b"\xeb\x8f\x8c_x0001_\x0b&#x7;_x001F_\xeb\xb4\x84"),
        )
    results = read_workbook(data)
    sp = results.sub_projects[0]
    assert sp.indicators[0].name == "돌봄A" and sp.budget_change_reason == "돌봄B"
    assert (results.comments[-1].reviewer, results.comments[-1].text) == ("돌봄C", "돌봄D")
    path = tmp_path / "control.xlsx"
    path.write_bytes(data)
    outputs = [tmp_path / name for name in ("a.pptx", "a.xlsx", "a.html")]
    done = subprocess.run(
        [sys.executable, "-m", "lib.cli", "report", str(path), "--pptx", str(outputs[0]),
         "--xlsx", str(outputs[1]), "--html", str(outputs[2])],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert all(o.stat().st_size > 0 for o in outputs)


@pytest.mark.parametrize(("key", "limit"), [("시군구", 100), ("계획기수", 140)])
def test_long_metadata_is_refused_naming_its_cell(key, limit):
    meta = [(k, "가" * 300 if k == key else v) for k, v in META]
    (problem,) = problems_of(build_workbook(meta=meta))
    row = [k for k, _ in META].index(key) + 1
    assert (problem.sheet, problem.row, problem.column) == ("개요", row, key)
    assert problem.message == f"글자가 너무 깁니다 (300자, {limit}자까지)"


def test_text_cell_over_excels_limit_is_refused():
    data = build_workbook(rows=with_cell(6, "예산변경사유", "LONG"))
    data = patch_part(data, RESULTS_SHEET, lambda xml: xml.replace(b"LONG", b"x" * 9_000_000))
    (problem,) = problems_of(data)
    assert problem.message == "글자가 너무 깁니다 (9,000,000자, 32,767자까지)"
    assert (problem.sheet, problem.row, problem.column) == ("시행결과", 6, "예산변경사유")


def test_bounded_read_gives_the_same_results_as_reading_in_process():
    data = (ROOT / "data" / "sample" / "sasang_2023.xlsx").read_bytes()
    assert read_bounded(data, "s.xlsx") == read_workbook(data, "s.xlsx")


def test_a_child_that_overruns_memory_becomes_one_korean_line():
    """With the screening limits lifted, calamine asks for 52 GB for XFD99999: the child
    aborts under its memory limit and the caller gets one line."""
    data = patch_part(build_workbook(), RESULTS_SHEET, _moved("XFD99999"))
    unscreened = Limits(max_rows=10**9, max_columns=10**9, max_cells=10**18)
    assert [p.message for p in problems_of(data, unscreened)] == [ReadMsg.UNREADABLE]


def test_a_child_that_does_not_answer_in_time_is_killed():
    data = (ROOT / "data" / "sample" / "sasang_2023.xlsx").read_bytes()
    assert [p.message for p in problems_of(data, Limits(wall_seconds=0))] == [ReadMsg.UNREADABLE]


def test_cli_on_a_hostile_workbook_exits_2_with_one_korean_line(tmp_path):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(patch_part(build_workbook(), RESULTS_SHEET, _moved("XFD99999")))
    done = subprocess.run(
        [sys.executable, "-m", "lib.cli", "summary", str(path), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("시행결과 시트 99999행 'XFD열': 허용 범위 밖의 셀이 있습니다")
    assert "Traceback" not in done.stderr


def test_limits_are_stated_once():
    assert DEFAULT_LIMITS.memory_bytes <= 512 * 1024 * 1024
    assert DEFAULT_LIMITS.wall_seconds <= 30
    assert DEFAULT_LIMITS.number_max == Decimal("1e15")


def test_longest_allowed_metadata_fits_the_pptx_subject(tmp_path):
    """시군구 and 계획기수 at their limits: the deck's subtitle (the PPTX subject, 255
    characters at most) is still written."""
    meta = [
        ("시군구", "가" * DEFAULT_LIMITS.max_district_chars),
        ("연도", 2023),
        ("계획기수", "나" * DEFAULT_LIMITS.max_plan_term_chars),
    ]
    path = tmp_path / "long.xlsx"
    path.write_bytes(build_workbook(meta=meta))
    done = subprocess.run(
        [sys.executable, "-m", "lib.cli", "report", str(path), "--pptx", str(tmp_path / "a.pptx")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _district(results):
    return results.meta.district


def _broken(results):
    raise RuntimeError("a bug in what the child computes")


def test_bounded_then_sends_back_only_what_then_returns():
    data = (ROOT / "data" / "sample" / "sasang_2023.xlsx").read_bytes()
    assert read_bounded_then(data, "s.xlsx", _district) == "부산광역시 사상구"


def test_bounded_then_that_fails_is_one_korean_line():
    data = (ROOT / "data" / "sample" / "sasang_2023.xlsx").read_bytes()
    with pytest.raises(WorkbookError) as caught:
        read_bounded_then(data, "s.xlsx", _broken)
    assert [p.message for p in caught.value.problems] == [ReadMsg.UNREADABLE]


def test_bounded_then_still_reports_every_problem():
    data = build_workbook(rows=with_cell(6, "목표", "abc"))
    with pytest.raises(WorkbookError) as caught:
        read_bounded_then(data, "bad.xlsx", _district)
    assert tuple(caught.value.problems) == problems_of(data)


def test_a_child_from_the_fork_server_does_not_run_the_main_script_again(tmp_path):
    """With threads running (the app's server), children come from the fork server, which
    would run the parent's main script again in each (under ``streamlit run``: all of
    Streamlit, 0.6 s a read). The script below leaves a mark each time it runs."""
    mark = tmp_path / "ran"
    script = tmp_path / "main_script.py"
    script.write_text(
        "import pathlib, sys, threading\n"
        f"pathlib.Path({str(mark)!r}).open('a').write(__name__ + '\\n')\n"
        "if __name__ == '__main__':\n"
        f"    sys.path.insert(0, {str(ROOT)!r})\n"
        "    threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
        "    from lib.workbook.bounded import _context, read_bounded\n"
        "    assert _context().get_start_method() == 'forkserver'\n"
        f"    data = open({str(SAMPLE)!r}, 'rb').read()\n"
        "    for _ in range(2):\n"
        "        assert read_bounded(data, 's.xlsx').meta.district\n",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(script)], check=True, timeout=120)
    assert mark.read_text().split() == ["__main__"]
