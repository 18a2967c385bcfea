"""발표 모드: the export deck, slide by slide, following the filters, with downloads."""

import pytest
from streamlit.testing.v1 import AppTest

from lib.exports.deck import build_deck
from lib.schema import System
from lib.ui.keys import Key
from lib.views.filters import Filter
from lib.views.view import View
from lib.workbook import read_path
from tests.conftest import ROOT, SAMPLE, page_text


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def open_present(**params: str) -> AppTest:
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/present.py").run()
    assert not at.exception
    return at


def counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if " / " in m.value)


@pytest.fixture(scope="module")
def deck():
    return build_deck(View.build(read_path(str(SAMPLE))))


def test_first_slide_is_the_title_with_the_counter(deck):
    at = open_present()
    assert counter(at) == f"### 1 / {len(deck.slides)}"
    assert "2023년 지역사회보장 연차별 시행계획 시행결과" in page_text(at)
    assert at.button[0].disabled  # 이전 on the first slide


def test_next_and_previous_move_one_slide():
    at = open_present()
    at.button[1].click().run()
    assert counter(at).startswith("### 2 / ")
    assert "121.6%" in page_text(at) and "110.7%" in page_text(at)
    at.button[0].click().run()
    assert counter(at).startswith("### 1 / ")


def test_slide_number_in_the_url_and_out_of_range_clamped(deck):
    at = open_present(**{Key.SLIDE.value: "3"})
    assert counter(at) == f"### 3 / {len(deck.slides)}"
    assert deck.slides[2].title in page_text(at)
    at = open_present(**{Key.SLIDE.value: "999"})
    assert counter(at) == f"### {len(deck.slides)} / {len(deck.slides)}"


def test_follows_the_system_filter():
    at = open_present(system="발전전략")
    narrowed = build_deck(View.build(read_path(str(SAMPLE)), Filter(system=System.DEVELOPMENT)))
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
    at.button[1].click().run()
    assert counter(at) == f"### 6 / {len(deck.slides)}"
