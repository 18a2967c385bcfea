"""The HTML report is one offline file: plotly.js inlined once, nothing fetched from outside,
user text escaped, the deck's content, and an A4 print stylesheet."""

import re
from html.parser import HTMLParser

import plotly.offline
import pytest

from lib.comments import CommentView
from lib.exports.deck import SlideKind, build_deck
from lib.exports.html import render_html
from lib.schema import CommentCategory, CommentTarget, TargetKind
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import build_workbook, with_cell

SCRIPT = "<script>alert(1)</script>"
PLOTLY_JS = plotly.offline.get_plotlyjs()


def review(text: str) -> CommentView:
    return CommentView(
        category=CommentCategory.RESULTS,
        targets=(CommentTarget(kind=TargetKind.ALL),),
        text=text,
        reviewer='"위원" <b>',
        rating=None,
        source="점검 입력",
    )


@pytest.fixture(scope="module")
def deck(sample_bytes):
    results = read_workbook(sample_bytes, "sasang_2023.xlsx")
    return build_deck(View.build(results), extra_comments=[review(SCRIPT)])


@pytest.fixture(scope="module")
def html(deck) -> str:
    return render_html(deck)


def without_plotly(html: str) -> str:
    assert html.count(PLOTLY_JS) == 1
    return html.replace(PLOTLY_JS, "")


class Tags(HTMLParser):
    """Every start tag with its attributes (script and style bodies are not tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_plotly_js_is_inlined_exactly_once(html, deck):
    assert html.count(PLOTLY_JS) == 1
    scripts = [a for t, a in tags(html) if t == "script"]
    assert scripts and all("src" not in a for a in scripts)
    charts = sum(1 for s in deck.slides if s.chart is not None)
    assert html.count("Plotly.newPlot(") == charts
    assert html.count('class="plotly-graph-div"') == charts


def test_nothing_is_fetched_from_outside(html):
    rest = without_plotly(html)
    # No attribute anywhere points outside the file; in-page anchors only.
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:|//|data:|file:)""", rest, re.I)
    for tag, attrs in tags(html):
        assert "src" not in attrs, tag
        if "href" in attrs:
            assert tag == "a" and (attrs["href"] or "").startswith("#"), attrs
    assert not re.search(r"@import|@font-face|url\(", rest, re.I)
    assert "cdn" not in rest.lower()
    assert "<link" not in rest.lower()


def test_user_text_is_escaped(html):
    rest = without_plotly(html)
    assert SCRIPT not in rest
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rest
    assert "&quot;위원&quot; &lt;b&gt;" in rest
    assert [t for t, _ in tags(html)].count("script") == 1 + html.count("Plotly.newPlot(")


def test_names_in_charts_are_not_markup():
    rows = with_cell(2, "추진전략", '돌봄 <a href="http://x">링크</a>')
    deck = build_deck(View.build(read_workbook(build_workbook(rows=rows))))
    rest = without_plotly(render_html(deck))
    # plotly writes non-ASCII as \\uXXXX in its JSON; read it back to see the names.
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), rest)
    # plotly would draw a link from a raw <a href> label (in-page TOC anchors are ours).
    assert not re.search(r"<a href=\\?[\"']?http", decoded)
    assert '"y":["돌봄 &lt;a' in decoded  # the chart's label, escaped so it shows as typed
    assert "<h2>돌봄 &lt;a href=&quot;http://x&quot;&gt;링크&lt;/a&gt;</h2>" in rest


def test_report_has_the_decks_content(html, deck):
    rest = without_plotly(html)
    assert "<title>2023년 지역사회보장 연차별 시행계획 시행결과 · 부산광역시 사상구" in rest
    for s in deck.slides:
        assert f"<h2>{s.section_title}</h2>" in rest or s.kind is SlideKind.TITLE
        for b in s.bullets:
            assert b.text.replace("&", "&amp;") in rest
    assert "121.6%" in rest and "110.7%" in rest
    assert "예시 자료 안내:" in rest  # the illustrative notice
    assert '<td class="num">+48,000</td>' in rest
    assert "돌봄 대상 가구 증가에 따른 증액" in rest


def test_continuation_slides_join_one_section(html, deck):
    rest = without_plotly(html)
    parted = [s for s in deck.slides if s.part and s.part[0] == 1]
    assert parted
    for s in parted:
        assert rest.count(f"<h2>{s.section_title}</h2>") == 1
        assert f"({s.part[0]}/{s.part[1]})" not in rest.split(f"<h2>{s.section_title}</h2>")[1][:50]


def test_print_stylesheet_for_a4(html):
    rest = without_plotly(html)
    assert re.search(r"@page\s*{\s*size:\s*A4", rest)
    printing = rest.split("@media print", 1)[1]
    assert "break-before: page" in printing
    assert "thead { display: table-header-group; }" in printing
    assert "table-layout: fixed" in rest and "overflow-wrap: anywhere" in rest


def test_korean_system_fonts_only(html):
    rest = without_plotly(html)
    assert '"Malgun Gothic", "맑은 고딕"' in rest and "Noto Sans CJK KR" in rest
    assert '<html lang="ko">' in rest and '<meta charset="utf-8">' in rest
