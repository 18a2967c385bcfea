"""The Excel export: filtered rows, formats, frozen header, autofilter, and text that looks
like a formula stored as text."""

import io
import zipfile

import pytest
from lxml import etree
from openpyxl import load_workbook

from lib.comments import CommentView
from lib.exports.xlsx import render_xlsx
from lib.schema import CommentCategory, CommentTarget, System, TargetKind
from lib.views.filters import Filter
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import COMMENTS, build_workbook, with_cell

HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="module")
def sample(sample_bytes):
    return read_workbook(sample_bytes, "sasang_2023.xlsx")


@pytest.fixture(scope="module")
def book(sample):
    return load_workbook(io.BytesIO(render_xlsx(View.build(sample))))


def rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_sheets_and_headers_say_the_unit(book):
    assert book.sheetnames == ["세부사업", "성과지표", "모니터링의견", "자료 정보"]
    header = [c.value for c in book["세부사업"][1]]
    assert header == [
        "체계", "사업번호", "추진전략", "중점사업", "세부사업", "담당부서", "사업지역",
        "사업구분", "달성률", "상태", "당초예산(천원)", "변경예산(천원)", "집행액(천원)",
        "집행률", "점검 표시", "예산변경사유",
    ]  # fmt: skip


def test_one_row_per_sub_project_with_numbers_as_numbers(book):
    data = rows(book["세부사업"])
    assert len(data) == 48  # 29 + 18 counted, and the abolished one listed
    changed = next(r for r in data if r["세부사업"] == "행복울타리 돌봄사업")
    assert changed["달성률"] == 131.6
    assert (changed["당초예산(천원)"], changed["변경예산(천원)"]) == (420000, 468000)
    assert changed["점검 표시"] == "예산변경"
    assert changed["예산변경사유"] == "돌봄 대상 가구 증가에 따른 증액"
    assert changed["상태"] == "● 달성"
    gone = next(r for r in data if r["사업구분"] == "폐지")
    assert gone["달성률"] is None and gone["점검 표시"] == "폐지"
    new = next(r for r in data if r["세부사업"] == "중장년 1인 가구 사회관계망 지원")
    assert new["사업지역"] == "모라1동, 모라3동, 덕포1동"
    assert new["집행률"] == 58.0 and new["점검 표시"] == "부진, 집행부진, 신설"


def test_number_formats_for_rates_and_money(book):
    ws = book["세부사업"]
    assert ws["I2"].number_format == '0.0"%"'  # 달성률
    assert ws["N2"].number_format == '0.0"%"'  # 집행률
    assert ws["K2"].number_format == "#,##0"  # 당초예산(천원)
    assert ws["M2"].number_format == "#,##0"  # 집행액(천원)
    assert book["성과지표"]["J2"].number_format == '0.0"%"'


@pytest.mark.parametrize("sheet", ["세부사업", "성과지표", "모니터링의견"])
def test_header_is_styled_frozen_and_filterable(book, sheet):
    ws = book[sheet]
    assert ws.freeze_panes == "A2"
    last = ws.cell(row=1, column=ws.max_column).column_letter
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"
    assert all(c.font.b for c in ws[1])
    assert ws["A1"].fill.fgColor.rgb.endswith("1F2A44")
    assert all(ws.column_dimensions[c.column_letter].width >= 9 for c in ws[1])


def test_indicators_and_comments_sheets(book, sample):
    indicators = rows(book["성과지표"])
    assert len(indicators) == sum(len(sp.indicators) for sp in sample.sub_projects)
    first = indicators[0]
    assert (first["목표"], first["실적"], first["달성률"]) == (1850, 2267, 122.5)
    assert first["원본 행"] == sample.sub_projects[0].indicators[0].row
    comments = rows(book["모니터링의견"])
    assert len(comments) == len(sample.comments)
    assert comments[0]["구분"] == "시행결과" and comments[0]["출처"] == "모니터링의견 시트 2행"
    budget = next(c for c in comments if c["의견"].startswith("계획예산 대비"))
    assert "행복울타리 돌봄사업 (1-1-3)" in budget["대상"]


def test_filter_keeps_only_what_it_names(sample):
    book = load_workbook(
        io.BytesIO(render_xlsx(View.build(sample, Filter(system=System.DEVELOPMENT))))
    )
    data = rows(book["세부사업"])
    assert len(data) == 18 and {r["체계"] for r in data} == {"발전전략"}
    assert {r["체계"] for r in rows(book["성과지표"])} == {"발전전략"}
    info = {r[0]: r[1] for r in book["자료 정보"].iter_rows(values_only=True)}
    assert info["보는 범위"] == "발전전략 · 18개"
    assert info["시군구"] == "부산광역시 사상구" and info["원본 파일"] == "sasang_2023.xlsx"


@pytest.fixture(scope="module")
def hostile():
    """Texts that start with =, +, - and @: in the workbook and in a stored review."""
    rows_ = with_cell(5, "세부사업", "+마을 사업", with_cell(2, "예산변경사유", "-감액 @부서"))
    comments = (*COMMENTS, ("민관협력", "전체", "모니터링 T/F", None, "-협력 강화"))
    results = read_workbook(build_workbook(rows=rows_, comments=comments))
    review = CommentView(
        category=CommentCategory.RESULTS,
        targets=(CommentTarget(kind=TargetKind.ALL),),
        text=HYPERLINK,
        reviewer="@위원",
        rating=None,
        source="점검 입력",
    )
    return render_xlsx(View.build(results), extra_comments=[review])


def test_formula_like_text_is_kept_as_text(hostile):
    book = load_workbook(io.BytesIO(hostile))
    comments = rows(book["모니터링의견"])
    assert HYPERLINK in [c["의견"] for c in comments]
    assert "@위원" in [c["위원"] for c in comments]
    assert "-협력 강화" in [c["의견"] for c in comments]
    sub = rows(book["세부사업"])
    assert sub[0]["예산변경사유"] == "-감액 @부서"
    assert "+마을 사업" in [r["세부사업"] for r in sub]
    ws = book["모니터링의견"]
    cell = next(c for c in ws["E"] if c.value == HYPERLINK)
    assert cell.data_type == "s" and cell.quotePrefix


def test_saved_file_has_no_formula(hostile):
    """In the saved XML: no <f> element anywhere, and the text is a string cell, verbatim."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(hostile)) as archive:
        names = archive.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = etree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = ["".join(si.itertext()) for si in root.findall("m:si", ns)]
        sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            root = etree.fromstring(archive.read(name))
            assert root.findall(".//m:f", ns) == [], name
            for cell in root.findall(".//m:c", ns):
                kind = cell.get("t")
                if kind == "inlineStr":
                    texts.append("".join(cell.find("m:is", ns).itertext()))
                elif kind == "s":
                    texts.append(shared[int(cell.find("m:v", ns).text)])
                else:
                    assert kind != "str", name  # a formula's cached string
    assert HYPERLINK in texts and "@위원" in texts and "-협력 강화" in texts
