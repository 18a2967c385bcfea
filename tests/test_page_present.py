"""발표 모드: the export deck, slide by slide, following the filters, with downloads."""

import pytest
from streamlit.testing.v1 import AppTest

from lib.exports.deck import build_deck, screen_slides
from lib.schema import System
from lib.ui.keys import Key
from lib.views.filters import Filter
from lib.views.view import View
from lib.workbook import read_path
from tests.conftest import HEADER, ROWS, SAMPLE, build_workbook, open_app, page_text


def open_present(**params: str) -> AppTest:
    at = open_app("app_pages/present.py", query=params)
    assert not at.exception
    return at


def counter(at: AppTest) -> str:
    """``### 3 / 40``: the slide counter, as it read before the slides fitted the screen."""
    return "### " + next(m.value for m in at.markdown if " / " in m.value).strip("*")


def slide_text(at: AppTest) -> str:
    """The slide's own words: titles and captions, and the HTML of its lines and comments."""
    return page_text(at) + "\n".join(str(h.proto.body) for h in at.get("html"))


class Screens:
    """The deck as it is shown: slides cut to fit the screen (``screen_slides``)."""

    def __init__(self, f: Filter | None = None) -> None:
        self.slides = screen_slides(build_deck(View.build(read_path(str(SAMPLE)), f)))


@pytest.fixture(scope="module")
def deck():
    return Screens()


def test_first_slide_is_the_title_with_the_counter(deck):
    at = open_present()
    assert counter(at) == f"### 1 / {len(deck.slides)}"
    assert "2023년 지역사회보장 연차별 시행계획 시행결과" in page_text(at)
    assert at.button(key="slide_prev").disabled  # 이전 on the first slide


def test_next_and_previous_move_one_slide():
    at = open_present()
    at.button(key="slide_next").click().run()
    assert counter(at).startswith("### 2 / ")
    assert "121.6%" in slide_text(at) and "110.7%" in slide_text(at)
    at.button(key="slide_prev").click().run()
    assert counter(at).startswith("### 1 / ")


def test_slide_number_in_the_url_and_out_of_range_clamped(deck):
    at = open_present(**{Key.SLIDE.value: "3"})
    assert counter(at) == f"### 3 / {len(deck.slides)}"
    assert deck.slides[2].title in page_text(at)
    at = open_present(**{Key.SLIDE.value: "999"})
    assert counter(at) == f"### {len(deck.slides)} / {len(deck.slides)}"


def test_follows_the_system_filter():
    at = open_present(system="발전전략")
    narrowed = Screens(Filter(system=System.DEVELOPMENT))
    assert counter(at) == f"### 1 / {len(narrowed.slides)}"


def test_downloads_for_all_three_formats_and_the_report():
    at = open_present()
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "발표 자료 (PPTX)", "세부사업 표 (Excel)", "보고서 (HTML)",
        "결과보고서 (Word)", "결과보고서 (한글)",
    ]  # fmt: skip


def test_jump_to_a_slide_by_title(deck):
    at = open_present()
    at.selectbox(key=Key.SLIDE_PICK).set_value(f"5. {deck.slides[4].title}").run()
    assert counter(at) == f"### 5 / {len(deck.slides)}"
    at.button(key="slide_next").click().run()
    assert counter(at) == f"### 6 / {len(deck.slides)}"


def test_every_slide_fits_the_screen_by_its_own_measure(deck):
    """What the e2e test measures in Chromium, estimated here: no slide's parts add up to
    more than a 1280×720 screen holds, at 24 px type."""
    from lib.exports import deck as d

    for slide in deck.slides:
        used = d.chart_height_px(len(slide.chart.categories)) if slide.chart else 0
        used += sum(d._bullet_px(b) for b in slide.bullets)
        assert used <= d.SCREEN_BODY_PX or len(slide.bullets) <= 1, slide.title
        assert not slide.chart or len(slide.chart.categories) <= d.SCREEN_MAX_BARS


def test_a_long_slide_continues_rather_than_shrinks(deck):
    built = build_deck(View.build(read_path(str(SAMPLE))))
    assert len(deck.slides) > len(built.slides)
    comments_before = sum(len(s.comments) for s in built.slides)
    assert sum(len(s.comments) for s in deck.slides) == comments_before  # nothing dropped
    bullets_before = sum(len(s.bullets) for s in built.slides)
    assert sum(len(s.bullets) for s in deck.slides) == bullets_before
    assert any(s.title.endswith("· 의견") for s in deck.slides)


def test_slide_text_is_shown_as_typed(tmp_path, monkeypatch):
    hostile = "<script>alert(1)</script> *강화*"
    rows = [list(row) for row in ROWS]
    rows[0][HEADER.index("중점사업")] = hostile  # a key project line on the strategy slide
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build_workbook(rows=rows))
    monkeypatch.setattr("lib.ui.data.SAMPLE_PATH", path)
    shown = ""
    for number in range(1, 8):
        at = open_present(**{Key.SLIDE.value: str(number)})
        shown += "\n".join(
            str(h.proto.body) for h in at.get("html") if "slide-body" in h.proto.body
        )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *강화*" in shown
    assert "<script>alert" not in shown
