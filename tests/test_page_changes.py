"""With several workbooks loaded: the change from the previous year (▲/▼) on the overview,
the strategies page and a project's detail, names that changed, the trend chart with two
or more years of a 시군구 and the comparison chart with two or more 시군구 of a year.

The workbooks are this browser's uploads (session_state), as the 데이터 관리 page keeps
them: 사상구 2023 and 2024 (replacing the bundled 2023 sample) and 북구 2024.
"""

from __future__ import annotations

import hashlib
import json

from streamlit.testing.v1 import AppTest

from lib.schema import System
from lib.ui.data import SessionWorkbook
from lib.ui.keys import Key
from lib.views import drilldown
from lib.views.drilldown import DrillPath
from tests.conftest import META, build_workbook, open_app, page_text, with_cell

SASANG = "부산광역시 사상구"
BUKGU = "부산광역시 북구"
SOC = System.SOCIAL_SECURITY
DEV = System.DEVELOPMENT
CARE = DrillPath(SOC, "돌봄 강화")
ELDERLY = DrillPath(SOC, "돌봄 강화", "노인 돌봄")


def upload(year: int, rows=None, district: str = SASANG) -> SessionWorkbook:
    meta = [("시군구", district), ("연도", year), *META[2:]]
    data = build_workbook(meta=meta) if rows is None else build_workbook(rows=rows, meta=meta)
    return SessionWorkbook(hashlib.sha256(data).hexdigest(), f"{district} {year}.xlsx", data)


def rows_2024():
    """사상구 2024 against conftest's ROWS (2023):
    1-1-2 '방문건강관리' → '방문건강관리 확대', 75% → 100%; 1-2-1 160% → 100%
    (사회보장사업 116.625% → 104.958…%: ▼ 11.7%p); the 발전전략 strategy
    '거버넌스 구축' → '민관협력 거버넌스', 100% → 108.33…% (▲ 8.3%p)."""
    rows = with_cell(4, "세부사업", "방문건강관리 확대")
    rows = with_cell(4, "실적", 200, rows)
    rows = with_cell(5, "실적", 50, rows)
    rows = with_cell(6, "추진전략", "민관협력 거버넌스", rows)
    return with_cell(6, "실적", 13, rows)


TWO_YEARS = (upload(2023), upload(2024, rows_2024()))
# 북구 2024: 1-1-1's first indicator 90 (120 before): 사회보장사업 (99.875 + 75 + 160) / 3.
BUKGU_2024 = upload(2024, with_cell(2, "실적", 90), district=BUKGU)


def app(*uploads: SessionWorkbook, **params: str) -> AppTest:
    at = open_app(query=params, session={Key.SESSION_WORKBOOKS: list(uploads)})
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> list[tuple[str, str, str]]:
    """(value, delta, delta description) of every metric."""
    return [(m.value, m.proto.delta, m.proto.delta_description) for m in at.metric]


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trend_charts(at: AppTest) -> list[dict]:
    return [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "scatter"]


def comparison_charts(at: AppTest) -> list[dict]:
    return [c for c in charts(at) if "ticktext" in c["layout"].get("yaxis", {})]


def test_overview_shows_each_systems_change_from_last_year():
    at = app(*TWO_YEARS, BUKGU_2024)
    assert metrics(at) == [
        ("105.0%", "▼ 11.7%p", "전년(2023) 대비"),
        ("108.3%", "▲ 8.3%p", "전년(2023) 대비"),
    ]
    assert "전년(2023) 116.6%" in page_text(at) and "전년(2023) 100.0%" in page_text(at)


def test_overview_strategy_charts_carry_each_strategys_change():
    at = app(*TWO_YEARS)
    social, development = (at.table[0].value, at.table[1].value)
    assert list(social.columns) == ["추진전략", "2024년", "2023년", "전년 대비"]
    assert social.values.tolist() == [["돌봄 강화", "105.0%", "116.6%", "▼ 11.7%p"]]
    # Renamed: strategies match by name, so no change; the old name is guessed and said.
    ((name, now, before, change),) = development.values.tolist()
    assert name.replace("\\", "") == (
        "민관협력 거버넌스  \n전년 이름: 거버넌스 구축 (세부사업 번호로 추정)"
    )
    assert (now, before, change) == ("108.3%", "–", "전년 없음")
    strategy_charts = [c for c in charts(at) if c["data"][0].get("customdata")]
    hover = [row[2] for c in strategy_charts for row in c["data"][0]["customdata"]]
    assert hover == ["세부사업 3개 · 전년(2023) 대비 ▼ 11.7%p", "세부사업 1개 · 전년 없음"]


def test_trend_with_two_years_and_comparison_with_two_districts():
    at = app(*TWO_YEARS, BUKGU_2024)
    (trend,) = trend_charts(at)
    social, development = trend["data"]
    assert social["x"] == ["2023년", "2024년"] and social["y"] == [116.6, 105.0]
    assert development["y"] == [100.0, 108.3]
    social_bars, development_bars = comparison_charts(at)  # one tab per system
    assert social_bars["layout"]["yaxis"]["ticktext"] == ["북구", "<b>▶ 사상구 (선택)</b>"]
    assert social_bars["data"][0]["text"] == ["111.6% · ● 달성 · 1위", "105.0% · ● 달성 · 2위"]
    assert development_bars["layout"]["yaxis"]["ticktext"] == ["<b>▶ 사상구 (선택)</b>", "북구"]
    assert "(모두 부산광역시)" in page_text(at)


def test_one_year_of_two_districts_has_a_comparison_but_no_trend_or_arrows():
    at = app(upload(2024, rows_2024()), BUKGU_2024)  # the bundled sample stays as 사상구 2023
    at.selectbox(key=Key.DISTRICT).set_value(BUKGU).run()
    assert [(value, delta) for value, delta, _ in metrics(at)] == [("111.6%", ""), ("100.0%", "")]
    assert trend_charts(at) == []
    assert comparison_charts(at)[0]["layout"]["yaxis"]["ticktext"] == [
        "<b>▶ 북구 (선택)</b>",
        "사상구",
    ]
    assert not at.table  # no change table under the strategy charts


def test_district_from_the_url():
    at = app(*TWO_YEARS, BUKGU_2024, district=BUKGU)
    assert at.selectbox(key=Key.DISTRICT).value == BUKGU
    assert [delta for _, delta, _ in metrics(at)] == ["", ""]
    assert trend_charts(at) == [] and len(comparison_charts(at)) == 2


def test_two_years_of_one_district_have_a_trend_but_no_comparison():
    at = app(*TWO_YEARS)
    assert len(trend_charts(at)) == 1
    assert comparison_charts(at) == []


def test_earliest_year_has_no_arrows():
    at = app(*TWO_YEARS, BUKGU_2024)
    at.selectbox(key=Key.YEAR).set_value(2023).run()
    assert metrics(at) == [("116.6%", "", ""), ("100.0%", "", "")]
    assert "전년(" not in page_text(at)
    assert len(trend_charts(at)) == 1  # both years are still loaded
    assert comparison_charts(at) == []  # 2023 has one 시군구


def test_year_from_the_url_selects_the_earlier_year():
    at = app(*TWO_YEARS, district=SASANG, year="2023")
    assert at.selectbox(key=Key.YEAR).value == 2023
    assert metrics(at) == [("116.6%", "", ""), ("100.0%", "", "")]


def test_the_sample_alone_shows_no_change_trend_or_comparison():
    at = app()
    assert [delta for _, delta, _ in metrics(at)] == ["", ""]
    assert trend_charts(at) == [] and comparison_charts(at) == []


def test_filter_narrows_both_years_alike():
    at = app(*TWO_YEARS, flag="신설")  # only 1-1-2 is 신설: 75% → 100% (and no 발전전략)
    assert metrics(at) == [("100.0%", "▲ 25.0%p", "전년(2023) 대비")]
    assert "전년도 자료에도 같은 보기 설정(필터)을 적용해 비교했습니다." in page_text(at)


def pick(at: AppTest, path: DrillPath, system: System | None = None):
    return at.selectbox(key=drilldown.widget_key(Key.DRILL_PICK, path, path.system or system))


def test_strategies_page_shows_changes_and_renamed_names_at_every_level():
    at = open_page(app(*TWO_YEARS), "app_pages/strategies.py")
    assert metrics(at) == [
        ("105.0%", "▼ 11.7%p", "전년(2023) 대비"),
        ("108.3%", "▲ 8.3%p", "전년(2023) 대비"),
    ]
    assert pick(at, DrillPath(), SOC).options == ["돌봄 강화 · 105.0% ● 달성 · 전년 대비 ▼ 11.7%p"]
    assert pick(at, DrillPath(), DEV).options == [
        "민관협력 거버넌스 · 108.3% ● 달성 · 전년 없음 · 전년 이름: 거버넌스 구축 (추정)"
    ]
    social_chart = charts(at)[0]
    labels = [a["text"] for a in social_chart["layout"]["annotations"]]
    assert "105.0% ● 달성<br>전년 대비 ▼ 11.7%p" in labels

    pick(at, DrillPath(), SOC).select("사회보장사업/돌봄 강화").run()
    assert metrics(at) == [("105.0%", "▼ 11.7%p", "전년(2023) 대비")]
    # Key projects are matched by name too: 노인 돌봄 (114.875 + 75) / 2 → (114.875 + 100) / 2.
    assert pick(at, CARE).options == [  # lowest rate first
        "건강 증진 · 100.0% ● 달성 · 전년 대비 ▼ 60.0%p",
        "노인 돌봄 · 107.4% ● 달성 · 전년 대비 ▲ 12.5%p",
    ]

    pick(at, CARE).select("사회보장사업/돌봄 강화/노인 돌봄").run()
    assert pick(at, ELDERLY).options == [  # lowest rate first
        "방문건강관리 확대 · 100.0% ● 달성 · 전년 대비 ▲ 25.0%p · 전년 이름: 방문건강관리",
        "행복울타리 돌봄사업 · 114.9% ● 달성 · 전년 대비 ＝ 변화 없음",
    ]

    pick(at, ELDERLY).select("사회보장사업/1-1-2").run()
    assert metrics(at) == [("100.0%", "▲ 25.0%p", "전년(2023) 대비")]
    assert "전년 이름: 방문건강관리" in page_text(at)
    assert "전년(2023) 75.0%" in page_text(at)


def test_strategies_page_names_a_renamed_strategy():
    at = open_page(app(*TWO_YEARS), "app_pages/strategies.py")
    pick(at, DrillPath(), DEV).select("발전전략/민관협력 거버넌스").run()
    assert metrics(at) == [("108.3%", "전년 없음", "")]
    assert "전년 이름: 거버넌스 구축 (세부사업 번호로 추정)" in page_text(at)


def test_project_detail_shows_last_years_rate_change_and_name():
    at = app(*TWO_YEARS, project="사회보장사업/1-1-2")
    open_page(at, "app_pages/projects.py")
    assert metrics(at)[0] == ("100.0%", "▲ 25.0%p", "전년(2023) 대비")
    assert "전년(2023) 75.0%" in page_text(at)
    assert "전년 이름: 방문건강관리" in page_text(at)


def test_project_detail_without_an_earlier_year_has_no_change():
    at = app(*TWO_YEARS, project="사회보장사업/1-1-2")
    at.selectbox(key=Key.YEAR).set_value(2023).run()
    open_page(at, "app_pages/projects.py")
    assert metrics(at)[0] == ("75.0%", "", "")
    assert "전년" not in page_text(at)
