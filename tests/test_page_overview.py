"""개요 page on the sample: rates, counts, filters from the URL, unknown URL values."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, page_text


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


def texts(at: AppTest) -> str:
    return page_text(at)


def test_overview_shows_published_rates(app):
    app.run()
    assert not app.exception
    assert [m.value for m in app.metric] == ["121.6%", "110.7%"]
    assert "세부사업** 29개" in texts(app) and "세부과업** 18개" in texts(app)
    assert "예시 자료 안내" in texts(app)
    assert "부산광역시 사상구 · 2023년" in texts(app)


def test_overview_attributes_comments_to_the_task_force(app):
    app.run()
    assert "모니터링 T/F" in texts(app)
    for name in ("류승일", "김소영", "이미정", "정선희", "한지나", "조의종", "장종윤"):
        assert name not in texts(app)


def test_system_filter_from_url(app):
    app.query_params["system"] = "발전전략"
    app.run()
    assert [m.value for m in app.metric] == ["110.7%"]


def test_dong_filter_narrows_counts(app):
    app.query_params["dong"] = "모라1동"
    app.query_params["district_wide"] = "false"
    app.run()
    assert not app.exception
    assert app.multiselect(key="dong").value == ["모라1동"]
    assert "모라1동 (전체 사업 제외)" in texts(app)
    assert "47개 중 " in texts(app)


def test_unknown_url_values_are_dropped_with_a_notice(app):
    app.query_params["dong"] = ["모라1동", "없는동"]
    app.query_params["flag"] = "이상함"
    app.run()
    assert not app.exception
    notice = re.sub(r"\\(.)", r"\1", app.sidebar.warning[0].value)  # user values are escaped
    assert "dong=없는동" in notice and "flag=이상함" in notice
    assert app.multiselect(key="dong").value == ["모라1동"]


def test_filter_widget_changes_rates(app):
    app.run()
    app.multiselect(key="flag").set_value(["부진"]).run()
    rates = [m.value for m in app.metric]
    assert all(float(r.rstrip("%")) < 100 for r in rates)


def test_clear_button_resets_filters(app):
    app.query_params["system"] = "발전전략"
    app.run()
    app.sidebar.button[0].click().run()
    assert [m.value for m in app.metric] == ["121.6%", "110.7%"]
