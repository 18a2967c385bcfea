"""개요 page on the sample: rates, counts, filters from the URL, unknown URL values."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app, page_text


@pytest.fixture
def app() -> AppTest:
    return open_app(run=False)


def texts(at: AppTest) -> str:
    return page_text(at)


def test_overview_shows_published_rates(app):
    app.run()
    assert not app.exception
    assert [m.value for m in app.metric] == ["121.6%", "110.7%"]
    labels = [link.proto.label for link in app.get("page_link")]
    assert "세부사업 29개" in labels and "세부과업 18개" in labels
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
    assert "모라1동 사업 6개 (구 전체 사업 40개 제외)" in texts(app)
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
    before = [m.value for m in app.metric]
    app.multiselect(key="flag").set_value(["부진"]).run()
    rates = [m.value for m in app.metric]
    assert not app.exception
    assert rates, "the filtered page shows no rate at all"
    assert rates != before
    assert all(float(r.rstrip("%")) < 100 for r in rates)


def test_clear_button_resets_filters(app):
    app.query_params["system"] = "발전전략"
    app.run()
    app.sidebar.button[0].click().run()
    assert [m.value for m in app.metric] == ["121.6%", "110.7%"]


def test_every_count_links_to_the_list_behind_it(app):
    app.query_params["dong"] = "모라1동"
    app.run()
    assert not app.exception
    links = {link.proto.label: link.proto for link in app.get("page_link")}
    sub_projects = links.get("세부사업 29개 중 5개")
    assert sub_projects is not None, sorted(links)
    assert sub_projects.page.endswith("projects")
    assert (
        "system=%EC%82%AC%ED%9A%8C%EB%B3%B4%EC%9E%A5%EC%82%AC%EC%97%85" in sub_projects.query_string
    )
    assert "dong=" in sub_projects.query_string  # the filter goes along
    underperforming = next(p for label, p in links.items() if label.startswith("▽ 부진"))
    assert "flag=%EB%B6%80%EC%A7%84" in underperforming.query_string
