"""The 결과보고 files read back: DOCX with python-docx, HWPX with python-hwpx (and its
validators). Text, table shapes, fonts, page setup, header and footer; user text stays
text (no field, no hyperlink)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from hwpx import HwpxDocument
from hwpx.tools.package_validator import validate_editor_open_safety, validate_package
from hwpx.tools.validator import validate_document

from lib.report import build_report
from lib.report.docx_file import render_docx
from lib.report.hwpx_file import render_hwpx
from lib.report.model import Heading, Table
from lib.rounds import Opinion, RosterEntry, RoundStatus
from lib.schema import CommentCategory
from lib.workbook import read_workbook
from tests.conftest import SAMPLE, build_workbook
from tests.test_report_document import MADE_ON, MARKUP, SEED_HEADINGS, a_round

FONT = "맑은 고딕"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


@pytest.fixture(scope="module")
def sample_report():
    return build_report(read_workbook(SAMPLE.read_bytes(), SAMPLE.name), made_on=MADE_ON)


@pytest.fixture(scope="module")
def round_report():
    """The small workbook with a round whose texts carry markup everywhere."""
    results = read_workbook(build_workbook(), "small.xlsx")
    round_ = a_round(
        opinions=(
            Opinion("o1", "m1", CommentCategory.RESULTS, MARKUP),
            Opinion("o2", "m1", CommentCategory.RESULTS, "첫 줄\n둘째 줄"),
        ),
        roster=(
            RosterEntry("m1", "류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
            RosterEntry("m2", MARKUP, None, "https://example.com"),
        ),
    )
    return build_report(results, round_, made_on=MADE_ON)


@pytest.fixture(scope="module")
def sample_docx(sample_report):
    return Document(io.BytesIO(render_docx(sample_report)))


@pytest.fixture(scope="module")
def round_docx_bytes(round_report):
    return render_docx(round_report)


@pytest.fixture(scope="module")
def sample_hwpx_bytes(sample_report):
    return render_hwpx(sample_report)


@pytest.fixture(scope="module")
def round_hwpx_bytes(round_report):
    return render_hwpx(round_report)


def docx_text(document) -> str:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


# ---------------------------------------------------------------- DOCX


def test_docx_is_a4_portrait_with_header_and_page_numbers(sample_docx):
    section = sample_docx.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert section.header.paragraphs[0].text == "초안 · 모니터링 결과 확정 전"
    footer = section.footer._element
    instructions = [t.text for t in footer.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert section.footer.paragraphs[0].text.startswith("- ")


def test_docx_headings_use_word_heading_styles(sample_docx, sample_report):
    found = [
        (p.style.name, p.text)
        for p in sample_docx.paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]
    expected = [("Title", sample_report.title)] + [
        (f"Heading {b.level}", b.text) for b in sample_report.blocks if isinstance(b, Heading)
    ]
    assert found == expected
    assert [text for _, text in found[1:]] == SEED_HEADINGS


def test_docx_text_matches_the_model(sample_docx, sample_report):
    paragraphs = [p.text for p in sample_docx.paragraphs if p.text]
    assert paragraphs[0] == sample_report.title
    lines = [p for p in paragraphs if p.startswith("- 지자체 사회보장사업 전략체계")]
    assert lines == [
        "- 지자체 사회보장사업 전략체계 5대 추진전략, 10개 중점사업, 29개 세부사업의 목표 "
        "달성률 121.6%로 목표대비 향상된 성과 지표를 보이고 있음"
    ]
    assert (
        "- 지역사회보장 발전 전략체계 4대 추진전략, 9개 대표과업, 18개 세부과업의 목표 달성률 110.7%로 목표대비 향상된 성과 지표를 보이고 있음"
        in paragraphs
    )


def test_docx_tables_have_the_models_shape_and_repeat_their_header(sample_docx, sample_report):
    model_tables = [b for b in sample_report.blocks if isinstance(b, Table)]
    # The T/F roster (the sample holds the seed's seven members) and 붙임 1.
    assert len(sample_docx.tables) == len(model_tables) == 2
    for table, model, rows in zip(sample_docx.tables, model_tables, (8, 49), strict=True):
        assert len(table.rows) == 1 + len(model.rows) == rows
        assert len(table.columns) == len(model.columns)
        assert tuple(c.text for c in table.rows[0].cells) == model.columns
        assert tuple(c.text for c in table.rows[1].cells) == model.rows[0]
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"


def test_docx_every_run_is_malgun_gothic_east_asian(round_docx_bytes):
    document = Document(io.BytesIO(round_docx_bytes))
    section = document.sections[0]
    parts = [document.element.body, section.header._element, section.footer._element]
    runs = [r for part in parts for r in part.iter(qn("w:r"))]
    assert len(runs) > 100
    for run in runs:
        fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts is not None and fonts.get(qn("w:eastAsia")) == FONT
        assert fonts.get(qn("w:ascii")) == FONT
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == FONT


def test_docx_roster_table_and_user_text_literal(round_docx_bytes):
    document = Document(io.BytesIO(round_docx_bytes))
    roster = document.tables[0]
    assert [[c.text for c in row.cells] for row in roster.rows] == [
        ["성명", "구분", "소속기관/직위"],
        ["류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"],
        [MARKUP, "", "https://example.com"],
    ]
    text = docx_text(document)
    assert f"- {MARKUP}" in text
    assert "- 첫 줄\n둘째 줄" in text  # a line break, not a new bullet
    body = document.element.body
    # Nothing in the body is a field, a hyperlink or a formula: only run text.
    for tag in ("w:hyperlink", "w:fldSimple", "w:fldChar", "w:instrText"):
        assert list(body.iter(qn(tag))) == [], tag
    with zipfile.ZipFile(io.BytesIO(round_docx_bytes)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "hyperlink" not in rels


def test_docx_round_tables(round_docx_bytes):
    document = Document(io.BytesIO(round_docx_bytes))
    shapes = [(len(t.rows), len(t.columns)) for t in document.tables]
    assert shapes == [(3, 3), (2, 5), (5, 9), (3, 6)]  # roster, 우수사업, 붙임 1, 붙임 2


def test_docx_confirmed_has_no_draft_header():
    from datetime import UTC, datetime

    results = read_workbook(build_workbook(), "small.xlsx")
    round_ = a_round(RoundStatus.CONFIRMED, confirmed_at=datetime(2024, 3, 20, tzinfo=UTC))
    document = Document(io.BytesIO(render_docx(build_report(results, round_))))
    header = document.sections[0].header.paragraphs[0].text
    assert header == "부산광역시 사상구 지역사회보장협의체 · 2024. 3. 20. 확정"
    assert "초안" not in docx_text(document)


# ---------------------------------------------------------------- HWPX


def test_hwpx_passes_python_hwpx_validation(sample_hwpx_bytes, round_hwpx_bytes):
    for data in (sample_hwpx_bytes, round_hwpx_bytes):
        report = validate_document(data)
        assert report.ok and not report.errors, [str(i) for i in report.issues]
        assert not report.warnings, [str(i) for i in report.warnings]
        package = validate_package(data)
        assert package.ok, [str(i) for i in package.errors]
        safety = validate_editor_open_safety(data)
        assert safety.ok, safety.summary


def test_hwpx_reopens_with_the_same_text(sample_hwpx_bytes, sample_report):
    document = HwpxDocument.open(sample_hwpx_bytes)
    text = document.text.plain()
    lines = text.splitlines()
    assert lines[0] == sample_report.title
    assert "초안" not in lines[0]
    for heading in SEED_HEADINGS:
        assert heading in lines
    assert (
        "- 지자체 사회보장사업 전략체계 5대 추진전략, 10개 중점사업, 29개 세부사업의 목표 "
        "달성률 121.6%로 목표대비 향상된 성과 지표를 보이고 있음"
    ) in lines
    assert any(line.startswith("- 지역사회보장 발전 전략체계 4대 추진전략") for line in lines)


def test_hwpx_tables_shape_header_and_repeat(round_hwpx_bytes):
    document = HwpxDocument.open(round_hwpx_bytes)
    tables = document.tables.all
    assert [(t.row_count, t.column_count) for t in tables] == [(3, 3), (2, 5), (5, 9), (3, 6)]
    roster = tables[0]
    assert [roster.cell(0, c).text for c in range(3)] == ["성명", "구분", "소속기관/직위"]
    assert [roster.cell(2, c).text for c in range(3)] == [MARKUP, "", "https://example.com"]
    for table in tables:
        assert table.element.get("repeatHeader") == "1"
        first_row = table.element.find(f"{HP}tr")
        cells = first_row.findall(f"{HP}tc")
        assert cells and all(cell.get("header") == "1" for cell in cells)


def test_hwpx_page_setup_header_and_page_number(sample_hwpx_bytes):
    with zipfile.ZipFile(io.BytesIO(sample_hwpx_bytes)) as archive:
        section = archive.read("Contents/section0.xml").decode()
    page = re.search(r"<hp:pagePr [^>]*>", section).group(0)
    width, height = (int(re.search(rf'{k}="(\d+)"', page).group(1)) for k in ("width", "height"))
    assert (width, height) == (59528, 84189)  # A4 portrait in HWPUNIT
    assert "초안 · 모니터링 결과 확정 전" in section  # 머리말
    assert '<hp:autoNum num="1" numType="PAGE"' in section  # 쪽 번호 in the 꼬리말


def test_hwpx_every_character_shape_is_malgun_gothic(round_hwpx_bytes):
    document = HwpxDocument.open(round_hwpx_bytes)
    for lang in ("HANGUL", "LATIN"):
        assert {f.face for f in document.styles.fonts(lang).values()} == {FONT}
    with zipfile.ZipFile(io.BytesIO(round_hwpx_bytes)) as archive:
        section = archive.read("Contents/section0.xml").decode()
    used = set(re.findall(r'charPrIDRef="(\d+)"', section))
    assert len(used) >= 5
    for char_pr in used:
        assert document.styles.font_face(char_pr, "HANGUL") == FONT
        assert document.styles.font_face(char_pr, "LATIN") == FONT


def test_hwpx_user_text_is_literal(round_hwpx_bytes):
    document = HwpxDocument.open(round_hwpx_bytes)
    lines = document.text.plain().splitlines()
    assert f"- {MARKUP}" in lines
    assert "- 첫 줄" in lines and "둘째 줄" in lines
    with zipfile.ZipFile(io.BytesIO(round_hwpx_bytes)) as archive:
        section = archive.read("Contents/section0.xml").decode()
    for element in ("fieldBegin", "fieldEnd", "hyperlink"):
        assert f"<hp:{element}" not in section, element
    assert "&lt;script&gt;" in section and "<script>" not in section


def test_hostile_text_stays_text_in_both_files():
    """Markup (tests/hostile.py) in the district, project names, notes and opinions is
    written as typed."""
    from tests.hostile import MARKUP as HOSTILE
    from tests.hostile import SHORT

    small = read_workbook(build_workbook(), "small.xlsx")
    results = small.model_copy(
        update={
            "meta": small.meta.model_copy(
                update={"district": f"사상구 {SHORT}", "illustrative_note": HOSTILE}
            ),
            "sub_projects": tuple(
                sp.model_copy(update={"name": f"세부 {HOSTILE}"}) for sp in small.sub_projects
            ),
            "comments": tuple(
                c.model_copy(update={"text": f"의견 {HOSTILE}"}) for c in small.comments
            ),
        }
    )
    report = build_report(results, made_on=MADE_ON)
    docx_bytes, hwpx_bytes = render_docx(report), render_hwpx(report)
    document = Document(io.BytesIO(docx_bytes))
    text = docx_text(document)
    assert f"사상구 {SHORT} 지역사회보장협의체" in text
    assert f"예시 자료 안내: {HOSTILE}" in text
    assert f"- 의견 {HOSTILE}" in text
    assert f"세부 {HOSTILE}" in text  # the annex table
    assert f"목표예산 변경(세부 {HOSTILE})" in text
    for tag in ("w:hyperlink", "w:fldSimple", "w:fldChar", "w:instrText", "w:drawing"):
        assert list(document.element.body.iter(qn(tag))) == [], tag
    assert validate_document(hwpx_bytes).ok
    plain = HwpxDocument.open(hwpx_bytes).text.plain()
    assert f"- 의견 {HOSTILE}" in plain and f"사상구 {SHORT} 지역사회보장협의체" in plain
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as archive:
        section = archive.read("Contents/section0.xml").decode()
    for element in ("fieldBegin", "pic", "hyperlink"):
        assert f"<hp:{element}" not in section, element
    assert "<b>h</b>" not in section and "&lt;b&gt;h&lt;/b&gt;" in section


def test_hwpx_metadata_is_this_documents(sample_hwpx_bytes, sample_report):
    with zipfile.ZipFile(io.BytesIO(sample_hwpx_bytes)) as archive:
        content = archive.read("Contents/content.hpf").decode()
    assert f"<opf:title>{sample_report.title}</opf:title>" in content
    assert "synthetic" not in content and "2025-" not in content
    assert re.search(r'name="CreatedDate" content="text">20\d\d-', content)


def test_docx_metadata_is_this_documents(sample_docx, sample_report):
    core = sample_docx.core_properties
    assert core.title == sample_report.title
    assert core.author == "" and core.created.year >= 2024
    assert not any("thumbnail" in rel.reltype for rel in sample_docx.part.package.rels.values())
