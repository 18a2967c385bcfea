"""세부사업 page on the sample: the table follows the filters; ?project= opens a detail."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app, page_text

HAPPY_FENCE = "사회보장사업/1-1-3"  # 행복울타리 돌봄사업 in data/sample/source/시행결과.csv


def open_projects(**params: str | list[str]) -> AppTest:
    """Open /projects with the given query parameters, as a copied link would."""
    at = open_app("app_pages/projects.py", query=params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_ids(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["id"])


def texts(at: AppTest) -> str:
    return page_text(at)


def test_projects_page_lists_every_sub_project():
    app = open_projects()
    assert len(table_ids(app)) == 48  # 29 + 18, and the 폐지 one listed
    assert "세부사업 47개 (폐지 1개" in texts(app)
    assert "표에서 사업을 고르면" in texts(app)  # no detail until one is chosen


def test_table_follows_the_dong_filter_from_the_url():
    app = open_projects(dong="모라1동", district_wide="true")
    assert len(table_ids(app)) == 47  # asked for: 사업지역 전체 projects match every 동
    named = open_projects(dong="모라1동")
    assert len(table_ids(named)) == 6  # by default only the projects that name 모라1동


def test_table_follows_the_dong_filter_without_district_wide_projects():
    app = open_projects(dong="모라1동", district_wide="false")
    assert table_ids(app) == [
        "사회보장사업/1-2-2",
        "사회보장사업/2-1-4",
        "사회보장사업/3-2-1",
        "사회보장사업/4-2-1",
        "사회보장사업/5-2-1",
        "발전전략/3-2-2",
    ]
    assert "47개 중 6개" in texts(app)


def test_table_follows_the_flag_filter():
    app = open_projects(flag="부진")
    ids = table_ids(app)
    assert len(ids) == 7
    rates = list(app.dataframe[0].value["achievement_rate"])
    assert all(rate < 100 for rate in rates)


def test_deep_link_opens_the_budget_change_and_its_reason():
    app = open_projects(project=HAPPY_FENCE)
    assert [s.value for s in app.main.header] == ["행복울타리 돌봄사업"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["당초예산"] == "420,000천원"  # the unit with the number, not in a caption
    assert metrics["변경예산"] == "468,000천원"
    assert metrics["집행액"] == "461,250천원"
    change = next(m for m in app.metric if m.label == "변경예산")
    assert change.proto.delta == "+48,000천원"  # a signed change with its unit
    assert metrics["집행률"] == "98.6%"
    assert metrics["달성률"] == "131.6%"
    shown = texts(app)
    assert "**예산변경사유** 돌봄 대상 가구 증가에 따른 증액" in shown
    assert "시행결과 시트 8–9행" in shown
    assert "₩ 예산변경" in shown


def test_deep_link_shows_the_task_force_comment_on_the_budget():
    app = open_projects(project=HAPPY_FENCE)
    shown = texts(app)
    assert "목표예산 변경" in shown and "행복울타리 돌봄사업" in shown
    assert "모니터링 T/F" in shown
    assert "모니터링의견 시트 5행" in shown
    assert "평가 요약: 적절 0 · 보통 0 · 부적절 0" in shown


def test_deep_link_shows_indicators_with_their_rows():
    app = open_projects(project=HAPPY_FENCE)
    indicators = app.dataframe[1].value
    assert list(indicators["indicator"]) == ["돌봄 대상 가구 수", "방문 돌봄 횟수"]
    assert list(indicators["target"]) == ["300", "3,600"]
    assert list(indicators["actual"]) == ["394", "4,750"]
    assert list(indicators["achievement_rate"]) == ["131.3%", "131.9%"]
    assert list(indicators["direction"]) == ["상향", "상향"]
    assert list(indicators["source"]) == ["8행", "9행"]


def test_deep_link_selects_the_row_in_the_table():
    app = open_projects(project=HAPPY_FENCE)
    assert app.session_state["_project_table"]["selection"]["rows"] == [2]


def test_deep_link_outside_the_filter_still_opens_with_a_note():
    app = open_projects(project=HAPPY_FENCE, system="발전전략")
    assert HAPPY_FENCE not in table_ids(app)
    assert [s.value for s in app.main.header] == ["행복울타리 돌봄사업"]
    assert "위 표에는 없습니다" in texts(app)


def test_abolished_project_says_it_is_excluded_from_rates():
    app = open_projects(project="사회보장사업/1-2-4")
    shown = texts(app)
    assert "폐지된 사업입니다" in shown and "제외" in shown
    assert {m.label: m.value for m in app.metric}["달성률"] == "–"


def test_unknown_project_shows_a_notice_not_an_exception():
    app = open_projects(project="사회보장사업/9-9-9")
    assert any("찾을 수 없습니다" in w.value for w in app.warning)
    assert not app.main.header
    assert len(table_ids(app)) == 48
