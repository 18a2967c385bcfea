"""A valid workbook reads into the right sub-projects, indicators, budgets and comments."""

from decimal import Decimal

from lib.schema import Direction, ProjectStatus, System, TargetKind
from lib.workbook import read_workbook
from tests.conftest import build_workbook


def test_reads_meta(valid_bytes):
    results = read_workbook(valid_bytes, "x.xlsx")
    assert results.meta.district == "부산광역시 사상구"
    assert results.meta.year == 2023
    assert results.meta.plan_term == "제5기"
    assert results.source_name == "x.xlsx"
    assert len(results.source_sha256) == 64


def test_groups_rows_into_sub_projects_in_workbook_order(valid_bytes):
    results = read_workbook(valid_bytes)
    assert [sp.id for sp in results.sub_projects] == [
        "사회보장사업/1-1-1",
        "사회보장사업/1-1-2",
        "사회보장사업/1-2-1",
        "발전전략/1-1-1",
    ]
    first = results.sub_projects[0]
    assert first.rows == (2, 3)
    assert [i.name for i in first.indicators] == ["돌봄 인원", "고독사 건수"]
    assert first.indicators[1].direction is Direction.DOWN
    assert first.indicators[1].actual == Decimal("36.1")


def test_carries_strategy_and_key_project_down(valid_bytes):
    second, third = read_workbook(valid_bytes).sub_projects[1:3]
    assert (second.system, second.strategy, second.key_project) == (
        System.SOCIAL_SECURITY,
        "돌봄 강화",
        "노인 돌봄",
    )
    assert (third.strategy, third.key_project) == ("돌봄 강화", "건강 증진")


def test_continuation_rows_carry_sub_project_columns(valid_bytes):
    first = read_workbook(valid_bytes).sub_projects[0]
    assert first.budget_planned == Decimal(1000)
    assert first.budget_changed == Decimal(1200)
    assert first.budget_change_reason == "대상자 증가"


def test_dongs_status_and_defaults(valid_bytes):
    sps = read_workbook(valid_bytes).sub_projects
    assert sps[0].dongs == () and sps[0].district_wide
    assert sps[1].dongs == ("모라1동", "덕포2동")
    assert sps[1].status is ProjectStatus.NEW
    assert sps[3].status is ProjectStatus.CONTINUING
    assert sps[3].indicators[0].direction is Direction.UP


def test_comments_resolve_targets(valid_bytes):
    comments = read_workbook(valid_bytes).comments
    assert comments[0].targets[0].kind is TargetKind.SYSTEM
    assert [t.sub_project_id for t in comments[1].targets] == [
        "사회보장사업/1-1-1",
        "사회보장사업/1-1-2",
    ]
    assert comments[1].rating.value == "적절"
    assert comments[1].row == 3


def test_numbers_typed_as_text():
    rows = [list(r) for r in ROWS_TEXT]
    results = read_workbook(build_workbook(rows=rows, comments=None))
    ind = results.sub_projects[0].indicators[0]
    assert (ind.target, ind.actual) == (Decimal(1234), Decimal(85))
    assert results.sub_projects[0].budget_planned == Decimal("1500.5")


ROWS_TEXT = [
    ("사회보장사업", "1-1-1", "전략", "중점", "사업", None, None,
     "지표", None, None, "1,234", " 85% ", " 1,500.5 ", None, None, None),
]  # fmt: skip


def test_header_with_line_breaks_units_any_order_and_unknown_columns():
    header = [
        "실적\n(명)",
        "목표 (명)",
        "성과 지표",
        "세부사업",
        "중점사업",
        "추진전략",
        "사업번호",
        "체계",
        "메모",
        "당초 예산(천원)",
    ]
    rows = [[5, 10, "지표", "사업", "중점", "전략", "1-1", "사회보장사업", "아무거나", "1,000"]]
    results = read_workbook(build_workbook(rows=rows, header=header, comments=None))
    sp = results.sub_projects[0]
    assert sp.indicators[0].target == 10 and sp.indicators[0].actual == 5
    assert sp.budget_planned == 1000


def test_header_below_title_rows():
    above = [["2023년 시행결과"], ["(단위: 명, 천원)"]]
    results = read_workbook(build_workbook(above_header=above, comments=None))
    assert results.sub_projects[0].rows == (4, 5)


def test_budget_unit_million_converts_to_thousand():
    meta = [*META_NO_UNIT, ("예산단위", "백만원")]
    results = read_workbook(build_workbook(meta=meta, comments=None))
    assert results.sub_projects[0].budget_planned == Decimal(1_000_000)


META_NO_UNIT = (("시군구", "부산광역시 사상구"), ("연도", "2023년"))


def test_two_row_header_with_budget_group_and_merged_cells():
    def form(wb):
        ws = wb.create_sheet("시행결과")
        ws.append(["시행결과 (예시)"])
        top = [
            "체계",
            "사업번호",
            "추진전략",
            "중점사업",
            "세부사업",
            "성과지표",
            "목표",
            "실적",
            "예산(단위:백만원)",
            None,
            None,
        ]
        ws.append(top)
        ws.append([None] * 8 + ["당초", "변경", "집행"])
        for c in range(1, 9):
            ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
        ws.merge_cells(start_row=2, start_column=9, end_row=2, end_column=11)
        ws.append(["사회보장사업", "1-1-1", "전략", "중점", "사업", "지표1", 10, 12, 2, 3, 1])
        ws.append([None, None, None, None, None, "지표2", 10, 8, None, None, None])
        ws.append([None, "1-1-2", None, None, "사업2", "지표", 5, 5, 1, None, 1])
        ws.merge_cells("A4:A6")
        ws.merge_cells("C4:C6")
        ws.merge_cells("E4:E5")

    data = build_workbook(rows=[], meta=META_NO_UNIT, comments=None, edit=_replace_results(form))
    results = read_workbook(data)
    first, second = results.sub_projects
    assert first.rows == (4, 5)
    assert (
        first.budget_planned == 2000
        and first.budget_changed == 3000
        and first.budget_executed == 1000
    )
    assert second.strategy == "전략" and second.system is System.SOCIAL_SECURITY


def _replace_results(form):
    def edit(wb):
        del wb["시행결과"]
        form(wb)

    return edit


def test_formula_with_cached_value_reads_the_value(tmp_path):
    # openpyxl writes formulas without cached values; add one by editing the XML.
    data = build_workbook(rows=[list(ROWS_TEXT[0])], comments=None)
    patched = _set_cached_formula(data, "L2", "SUM(1,84)", "85")
    ind = read_workbook(patched).sub_projects[0].indicators[0]
    assert ind.actual == 85


def _set_cached_formula(data: bytes, ref: str, formula: str, value: str) -> bytes:
    import io
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                text = body.decode()
                text = re.sub(
                    rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)',
                    f'<c r="{ref}"><f>{formula}</f><v>{value}</v></c>',
                    text,
                    count=1,
                )
                body = text.encode()
            dst.writestr(info, body)
    return out.getvalue()
