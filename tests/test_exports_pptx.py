"""The PPTX opens in python-pptx with one 16:9 slide per deck slide, native editable charts,
comments in the speaker notes, and 맑은 고딕 set as the East Asian font on every run."""

import io
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from lib.comments import CommentView
from lib.exports.deck import SlideKind, build_deck
from lib.exports.pptx import render_pptx
from lib.schema import CommentCategory, CommentTarget, TargetKind
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import build_workbook, with_cell

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
SCRIPT = "<script>alert(1)</script> & 의견"


@pytest.fixture(scope="module")
def deck(sample_bytes):
    results = read_workbook(sample_bytes, "sasang_2023.xlsx")
    review = CommentView(
        category=CommentCategory.RESULTS,
        targets=(CommentTarget(kind=TargetKind.ALL),),
        text=SCRIPT,
        reviewer="김위원",
        rating=None,
        source="점검 입력",
    )
    return build_deck(View.build(results), extra_comments=[review])


@pytest.fixture(scope="module")
def data(deck) -> bytes:
    return render_pptx(deck)


@pytest.fixture(scope="module")
def prs(data):
    return Presentation(io.BytesIO(data))


def charts(prs):
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def test_one_16_9_slide_per_deck_slide(prs, deck):
    assert len(prs.slides) == len(deck.slides)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [
        " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in prs.slides
    ]
    for text, s in zip(titles, deck.slides, strict=True):
        assert s.title in text


def test_charts_are_native_clustered_bars_with_the_data_embedded(prs, deck):
    found = charts(prs)
    assert len(found) == sum(1 for s in deck.slides if s.chart is not None)
    for chart in found:
        assert chart.chart_type is XL_CHART_TYPE.BAR_CLUSTERED
        assert chart.part.chart_workbook.xlsx_part is not None  # editable in PowerPoint
    overview = found[0]
    assert list(overview.plots[0].categories) == [
        "지자체 사회보장사업 전략체계",
        "지역사회보장 발전 전략체계",
    ]
    assert list(overview.series[0].values) == [121.6, 110.7]
    every_value = {v for chart in found for v in chart.series[0].values}
    assert {121.6, 110.7, 77.7}.issubset(every_value)


def test_embedded_workbook_holds_the_same_numbers(prs):
    from openpyxl import load_workbook

    chart = charts(prs)[0]
    book = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    values = [row for row in book.active.iter_rows(values_only=True)]
    assert values[1][1] == 121.6 and values[2][1] == 110.7


def test_labels_show_the_rate_with_its_band_symbol_and_the_target_is_the_axis_line(prs):
    chart = charts(prs)[0]
    labels = chart.plots[0].series[0].data_labels
    assert labels.show_value
    assert labels.number_format == '[>=100]0.0"% ●";[>=80]0.0"% ▲";0.0"% ▼"'
    axis = chart.value_axis
    assert axis.major_unit == 100.0 and axis.minimum_scale == 0
    assert axis.has_major_gridlines  # the dashed 목표 100% line
    assert chart.category_axis.reverse_order  # first item on top


def test_rounding_across_a_band_bound_pins_that_label():
    # 99.96% shows as 100.0 but is 미달: the conditional format alone would say ●.
    rows = with_cell(6, "실적", 9996, with_cell(6, "목표", 10000))
    deck = build_deck(View.build(read_workbook(build_workbook(rows=rows))))
    prs = Presentation(io.BytesIO(render_pptx(deck)))
    chart = charts(prs)[-1]
    assert list(chart.series[0].values) == [100.0]
    xml = etree.tostring(chart.element, encoding="unicode")
    assert 'formatCode="0.0&quot;% ▲&quot;"' in xml


def test_comments_are_in_the_speaker_notes(prs, deck):
    notes = {
        i: slide.notes_slide.notes_text_frame.text
        for i, slide in enumerate(prs.slides)
        if slide.has_notes_slide
    }
    for i, s in enumerate(deck.slides):
        for comment in s.comments:
            assert comment.text in notes[i]
    governance = next(i for i, s in enumerate(deck.slides) if s.title == "지역사회 거버넌스 구축")
    assert "민간기관과 공공기관 뿐만 아니라 민간기관 간 연계와 협력도 중요함." in notes[governance]
    assert "3-2-2 동 협의체 특화사업 지원: 97.1%" in notes[governance]
    # User text goes in as text: markup is not interpreted, and the file stays valid XML.
    overview = next(i for i, s in enumerate(deck.slides) if s.kind is SlideKind.OVERVIEW)
    assert SCRIPT in notes[overview]


def _parts(data: bytes, prefix: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith(prefix) and name.endswith(".xml")
        }


@pytest.mark.parametrize("prefix", ["ppt/slides/slide", "ppt/notesSlides/", "ppt/charts/"])
def test_every_run_has_malgun_gothic_as_latin_and_east_asian_font(data, prefix):
    parts = _parts(data, prefix)
    assert parts
    for name, root in parts.items():
        runs = root.findall(".//a:r", NS)
        props = root.findall(".//a:rPr", NS) + root.findall(".//a:defRPr", NS)
        assert runs or props, name
        for run in runs:
            rpr = run.find("a:rPr", NS)
            assert rpr is not None, name
            assert rpr.find("a:ea", NS).get("typeface") == "맑은 고딕", name
            assert rpr.find("a:latin", NS).get("typeface") == "맑은 고딕", name
        for rpr in props:
            assert rpr.find("a:ea", NS).get("typeface") == "맑은 고딕", name
            # Schema order: a:latin, then a:ea (PowerPoint repairs files that break it).
            children = [etree.QName(c).localname for c in rpr]
            assert children.index("latin") + 1 == children.index("ea"), name


def test_chart_text_has_the_east_asian_font(data):
    for name, root in _parts(data, "ppt/charts/").items():
        txpr = root.find("c:txPr", NS)
        assert txpr is not None, name
        assert txpr.find(".//a:defRPr/a:ea", NS).get("typeface") == "맑은 고딕"


def test_theme_fonts_are_malgun_gothic(data):
    (theme,) = _parts(data, "ppt/theme/theme1").values()
    for group in ("majorFont", "minorFont"):
        assert theme.find(f".//a:{group}/a:ea", NS).get("typeface") == "맑은 고딕"


def test_budget_changes_are_a_native_table(prs, deck):
    i = next(i for i, s in enumerate(deck.slides) if s.kind is SlideKind.BUDGET_CHANGES)
    (table,) = [shape.table for shape in prs.slides[i].shapes if shape.has_table]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["사업번호", "세부사업", "당초", "변경", "증감", "변경 사유"]
    assert [cell.text for cell in table.rows[1].cells][2:5] == ["420,000", "468,000", "+48,000"]
