"""Bad input: every problem reported with sheet, Excel row, column and value, in Korean."""

import io
import struct
import zipfile
import zlib

import pytest

from lib.errors import Problem, WorkbookError
from lib.workbook import Limits, read_workbook
from tests.conftest import COMMENTS, HEADER, ROWS, build_workbook, with_cell


def problems(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(data, **kwargs)
    assert caught.value.problems, "a rejected workbook names at least one problem"
    return [str(p) for p in caught.value.problems]


def test_problem_reads_like_the_spec_example():
    problem = Problem("시행결과", 14, "목표", "숫자가 아닙니다", "약 300")
    assert str(problem) == "시행결과 시트 14행 '목표': 숫자가 아닙니다 ('약 300')"


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04broken", "한글 텍스트".encode()])
def test_not_an_xlsx(data):
    assert problems(data) == [
        "엑셀 통합문서(.xlsx) 파일이 아닙니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장해 주세요."
    ]


def test_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "x")
    assert "xlsx" in problems(out.getvalue())[0]


def test_corrupt_part_inside_a_workbook(valid_bytes):
    src = zipfile.ZipFile(io.BytesIO(valid_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                body = body[: len(body) // 2]
            dst.writestr(info, body)
    found = problems(out.getvalue())
    assert len(found) == 1 and "손상" in found[0]


def _sheet_with_a_wrong_crc(data: bytes) -> bytes:
    """``data`` with one bit of sheet 시행결과's deflate stream flipped where the stream still
    inflates to the declared size: only the CRC tells it from the original."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet2.xml")
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    for position in range(start + info.compress_size // 2, start + info.compress_size):
        for bit in range(8):
            damaged = bytearray(data)
            damaged[position] ^= 1 << bit
            raw = bytes(damaged[start : start + info.compress_size])
            try:
                part = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw)
            except zlib.error:
                continue
            if len(part) == info.file_size and zlib.crc32(part) != info.CRC:
                return bytes(damaged)
    raise AssertionError("no such bit in this workbook")


@pytest.mark.parametrize("screen", [True, False])
def test_sheet_that_inflates_but_fails_its_crc_is_corrupt(valid_bytes, screen):
    """The reader inflates each sheet itself (for the screening and the formula scan): a
    part whose bytes inflate but whose CRC does not match is refused as damaged."""
    found = problems(_sheet_with_a_wrong_crc(valid_bytes), screen=screen)
    assert len(found) == 1 and "손상" in found[0]


def test_missing_sheets():
    data = build_workbook(
        meta=None, comments=None, edit=lambda wb: wb.__setitem__ if False else None
    )
    assert problems(data) == [
        "개요 시트: 필수 시트가 없습니다. 시트 이름을 '개요'(으)로 맞춰 주세요."
    ]


def test_missing_required_column():
    header = [h if h != "실적" else "실적내용" for h in HEADER]
    assert problems(build_workbook(header=header, comments=None)) == [
        "시행결과 시트 1행 '실적': 필수 열이 없습니다."
    ]


def test_header_not_found():
    found = problems(build_workbook(header=["가", "나", "다"], rows=[], comments=None))
    assert found[0].startswith("시행결과 시트: 머리글 행을 찾지 못했습니다.")


@pytest.mark.parametrize("value", ["약 300", "-", "1O0", "$5"])
def test_text_in_number_cell(value):
    data = build_workbook(rows=with_cell(4, "목표", value), comments=None)
    assert problems(data) == [f"시행결과 시트 4행 '목표': 숫자가 아닙니다 ('{value}')"]


@pytest.mark.parametrize("value", [0, -5, "0"])
def test_target_zero_or_below(value):
    data = build_workbook(rows=with_cell(5, "목표", value), comments=None)
    assert problems(data) == [f"시행결과 시트 5행 '목표': 목표는 0보다 커야 합니다 ('{value}')"]


def test_negative_actual_and_budget():
    rows = with_cell(5, "실적", -1, with_cell(5, "집행액", -3))
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 5행 '실적': 0 이상이어야 합니다 ('-1')",
        "시행결과 시트 5행 '집행액': 0 이상이어야 합니다 ('-3')",
    ]


def test_blank_target_is_required_but_not_in_abolished_project():
    rows = with_cell(5, "목표", None)
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 5행 '목표': 값이 비어 있습니다."
    ]
    abolished = with_cell(5, "사업구분", "폐지", with_cell(5, "실적", None, rows))
    assert read_workbook(build_workbook(rows=abolished, comments=None)).sub_projects[2].abolished


def test_unknown_system():
    data = build_workbook(rows=with_cell(6, "체계", "기타사업"), comments=None)
    assert problems(data) == [
        "시행결과 시트 6행 '체계': 허용되지 않는 값입니다 (가능한 값: 사회보장사업, 발전전략) ('기타사업')"
    ]


@pytest.mark.parametrize("name", ["Ⅱ", "II", "지역사회보장 발전 전략체계"])
def test_system_aliases(name):
    results = read_workbook(build_workbook(rows=with_cell(6, "체계", name), comments=None))
    assert results.sub_projects[-1].id == "발전전략/1-1-1"


def test_unknown_status_direction_and_weight():
    rows = with_cell(4, "사업구분", "중단", with_cell(4, "지표방향", "위로"))
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 4행 '사업구분': 허용되지 않는 값입니다 (가능한 값: 계속, 신설, 변경, 폐지) ('중단')",
        "시행결과 시트 4행 '지표방향': 허용되지 않는 값입니다 (가능한 값: 상향, 하향) ('위로')",
    ]


def test_one_code_with_conflicting_names():
    rows = [
        *ROWS,
        (
            "사회보장사업",
            "1-1-2",
            "돌봄 강화",
            "노인 돌봄",
            "다른 이름",
            None,
            None,
            "지표",
            None,
            None,
            1,
            1,
        ),
    ]
    rows = [list(r) + [None] * (len(HEADER) - len(r)) for r in rows]
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 7행 '세부사업': 사업번호 '1-1-2'의 값이 4행과 다릅니다 ('방문건강관리' ≠ '다른 이름')"
    ]


def test_partial_weights():
    rows = with_cell(2, "가중치", 2)
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 3행 '가중치': 가중치는 한 세부사업의 모든 지표에 적거나 모두 비워야 합니다 (사업번호 '1-1-1')"
    ]


def test_comment_target_that_names_nothing_suggests_closest():
    comments = [*COMMENTS, ("시행결과", "행복울타리 돌봄", None, None, "의견")]
    found = problems(build_workbook(comments=comments))
    assert found == [
        "모니터링의견 시트 4행 '대상': 대상을 워크북에서 찾을 수 없습니다. 비슷한 이름: "
        "'행복울타리 돌봄사업'" + found[0].split("'행복울타리 돌봄사업'", 1)[1]
    ]
    assert found[0].endswith("('행복울타리 돌봄')")


def test_ambiguous_code_in_comment_asks_for_system():
    comments = [*COMMENTS, ("시행결과", "1-1-1", None, None, "의견")]
    assert problems(build_workbook(comments=comments)) == [
        "모니터링의견 시트 4행 '대상': 사업번호가 두 체계에 모두 있습니다. "
        "'사회보장사업/1-1-1'처럼 체계를 함께 적어 주세요 ('1-1-1')"
    ]


def test_comment_with_bad_category_rating_and_blank_text():
    comments = [*COMMENTS, ("기타", None, None, "좋음", None)]
    assert problems(build_workbook(comments=comments)) == [
        "모니터링의견 시트 4행 '구분': 허용되지 않는 값입니다 (가능한 값: 시행결과, 민관협력) ('기타')",
        "모니터링의견 시트 4행 '평가': 허용되지 않는 값입니다 (가능한 값: 적절, 보통, 부적절) ('좋음')",
    ]


def test_comment_text_required():
    comments = [*COMMENTS, ("시행결과", None, None, None, "  ")]
    assert problems(build_workbook(comments=comments)) == [
        "모니터링의견 시트 4행 '의견': 값이 비어 있습니다."
    ]


def test_missing_district_and_year():
    assert problems(build_workbook(meta=[("계획기수", "제5기")], comments=None)) == [
        "개요 시트: '시군구': 값이 비어 있습니다.".replace("시트: ", "시트 "),
        "개요 시트 '연도': 값이 비어 있습니다.",
    ]


def test_bad_year():
    meta = [("시군구", "사상구"), ("연도", "이천이십삼")]
    assert problems(build_workbook(meta=meta, comments=None)) == [
        "개요 시트 2행 '연도': 연도는 2000~2100 사이의 정수여야 합니다 ('이천이십삼')"
    ]


def test_blank_rows_are_skipped_and_rows_keep_excel_numbers():
    rows = [ROWS[0], ROWS[1], [None] * len(HEADER), [None] * len(HEADER), *ROWS[2:]]
    rows = [list(r) for r in rows]
    rows[4][HEADER.index("목표")] = "많이"
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 6행 '목표': 숫자가 아닙니다 ('많이')"
    ]


def test_formula_without_cached_value_names_the_cell():
    data = build_workbook(rows=with_cell(4, "실적", "=K4*2"), comments=None)
    assert problems(data) == [
        "시행결과 시트 4행 '실적': 수식의 계산 결과가 저장되어 있지 않습니다. "
        "엑셀에서 열어 저장한 뒤 다시 올려 주세요 ('=K4*2')"
    ]


def test_text_that_starts_with_equals_in_a_text_cell_is_fine_when_cached():
    # A formula in a text column without cached value is an error too (its value is unknown).
    data = build_workbook(rows=with_cell(4, "예산변경사유", '="사유"'), comments=None)
    assert "수식의 계산 결과" in problems(data)[0]


def test_budget_unit_disagreement():
    above = [["(단위: 백만원)"]]
    found = problems(build_workbook(above_header=above, comments=None))
    assert found == [
        "시행결과 시트 2행 '예산단위': 예산단위가 서로 다릅니다: 개요 시트 예산단위 '천원', "
        "시행결과 시트 '(단위: 백만원)'. 한 가지 단위로 맞춰 주세요"
    ]


def test_continuation_row_without_a_project_above():
    rows = with_cell(2, "사업번호", None)
    assert problems(build_workbook(rows=rows, comments=None)) == [
        "시행결과 시트 2행 '사업번호': 사업번호가 비어 있는데 이어 받을 위 세부사업이 없습니다.",
    ]


def test_many_problems_reported_at_once():
    rows = with_cell(2, "목표", "약 300", with_cell(4, "실적", "-", with_cell(6, "체계", "???")))
    meta = [("시군구", "사상구")]
    comments = [*COMMENTS, ("시행결과", "없는사업", None, None, "x")]
    found = problems(build_workbook(rows=rows, meta=meta, comments=comments))
    assert "개요 시트 '연도': 값이 비어 있습니다." in found
    assert "시행결과 시트 2행 '목표': 숫자가 아닙니다 ('약 300')" in found
    assert "시행결과 시트 4행 '실적': 숫자가 아닙니다 ('-')" in found
    assert any(p.startswith("시행결과 시트 6행 '체계'") for p in found)


def test_refuses_a_file_that_expands_past_the_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (5 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 100_000
    found = problems(data, limits=Limits(max_uncompressed_bytes=1024 * 1024))
    assert len(found) == 1 and "허용 한도" in found[0]


def test_refuses_too_many_rows():
    found = problems(build_workbook(comments=None), limits=Limits(max_rows=3))
    assert found[-1] == (
        "시행결과 시트: 시트의 사용 범위가 허용 범위를 넘습니다 (A1:P6). 한 시트는 3행, "
        "256열(IV)까지 읽습니다. 쓰지 않는 행과 열을 지워 주세요."
    )


def test_script_like_text_is_kept_as_plain_text():
    comments = [*COMMENTS, ("시행결과", None, None, None, "<script>alert(1)</script>")]
    results = read_workbook(build_workbook(comments=comments))
    assert results.comments[-1].text == "<script>alert(1)</script>"
