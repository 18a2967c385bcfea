"""전략별 성과 page on the sample: both systems' strategies, drilling down and back up by
keyboard widgets and breadcrumb (a chart click is simulated through the path it sets),
comments beside each level, and the shared filter at every level."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from streamlit.testing.v1 import AppTest

from lib.schema import System
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.views import drilldown
from lib.views.drilldown import DrillPath
from tests.conftest import HEADER, ROWS, build_workbook, open_app, page_text

PAGE = "app_pages/strategies.py"
DEV = System.DEVELOPMENT
SOC = System.SOCIAL_SECURITY
GOVERNANCE = DrillPath(DEV, "지역사회 거버넌스 구축")
DONG_COOP = DrillPath(DEV, "지역사회 거버넌스 구축", "동 단위 민관협력 강화")
DONG_COUNCIL = DrillPath(DEV, "지역사회 거버넌스 구축", "동 단위 민관협력 강화", "발전전략/3-2-1")
GOVERNANCE_TF = (  # 모니터링 T/F comments whose 대상 is the strategy 지역사회 거버넌스 구축
    "민간기관과 공공기관 뿐만 아니라 민간기관 간 연계와 협력도 중요함.",
    "공통의 기능을 중심으로 공식적인 접촉과 연계를 위한 환경이 마련될 필요가 있겠음.",
    "지역사회보장협의체의 실무분과 활동 활성화를 통한 민관협력 증진",
)
MANAGER = "동 지역사회보장협의체 매니저 역할 활성화를 통한 민관협력 증진"


def open_page(**params: str | list[str]) -> AppTest:
    at = open_app(PAGE, query=params)
    assert not at.exception
    return at


def set_drill(at: AppTest, path: DrillPath) -> None:
    """Open ``path`` the way a link or a reload does: through the URL."""
    at.query_params[Key.PATH.value] = drilldown.path_values(path)


def drill(at: AppTest) -> DrillPath:
    """The path the URL holds after the run."""
    values = at.query_params.get(Key.PATH.value, [])
    values = [values] if isinstance(values, str) else list(values)
    sub_projects = at.session_state[Key.RESULTS].sub_projects
    return drilldown.path_from_values(values, sub_projects) or DrillPath()


def texts(at: AppTest) -> str:
    return page_text(at)


def pick(at: AppTest, path: DrillPath, system: System | None = None):
    """The '하위 항목 열기' selectbox of the node at ``path``."""
    return at.selectbox(key=drilldown.widget_key(Key.DRILL_PICK, path, path.system or system))


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def bar_ids(spec: dict) -> list[str]:
    return [row[0] for row in spec["data"][0]["customdata"]]


def rates(options: list[str]) -> dict[str, float]:
    """'담당인력 역량 강화 · 105.6% ● 달성' → {'담당인력 역량 강화': 105.6}."""
    parsed = (option.split(" · ") for option in options)
    return {name: float(rest.split("%")[0]) for name, rest in parsed}


def test_top_level_shows_both_systems_strategies_and_rates():
    app = open_page()
    assert [m.value for m in app.metric] == ["121.6%", "110.7%"]
    social = rates(pick(app, DrillPath(), SOC).options)
    development = rates(pick(app, DrillPath(), DEV).options)
    assert len(social) == 5 and len(development) == 4
    assert development == {
        "사회보장급여 이용·제공 기반 구축": 118.9,
        "담당인력 역량 강화": 105.6,
        "지역사회 거버넌스 구축": 107.6,
        "지역사회보장 인프라 확충": 112.2,
    }
    assert min(development, key=development.__getitem__) == "담당인력 역량 강화"
    social_chart, development_chart = charts(app)
    assert social_chart["layout"]["title"]["text"] == "지자체 사회보장사업 전략체계"
    assert development_chart["layout"]["title"]["text"] == "지역사회보장 발전 전략체계"
    assert bar_ids(development_chart)[0] == "발전전략/담당인력 역량 강화"  # lowest on top
    social_ids = bar_ids(social_chart)
    assert social_ids and all(i.startswith("사회보장사업/") for i in social_ids)
    assert "105.6% ● 달성" in development_chart["data"][0]["text"]
    # Beside each chart, the comment on that system.
    assert "4대 추진전략, 9개 대표 과업, 18개 세부과업" in texts(app)


def test_system_filter_shows_one_chart():
    app = open_page(system="발전전략")
    assert [m.value for m in app.metric] == ["110.7%"]
    assert len(charts(app)) == 1 and len(app.selectbox) == 1


def test_keyboard_drill_down_to_indicators_with_numbers_and_comments():
    app = open_page()
    pick(app, DrillPath(), DEV).select("발전전략/지역사회 거버넌스 구축").run()
    assert not app.exception
    assert drill(app) == GOVERNANCE
    assert [m.value for m in app.metric] == ["107.6%"]
    assert "- **대표과업** 3개\n- **세부과업** 6개" in texts(app)
    assert set(rates(pick(app, GOVERNANCE).options)) == {
        "구 지역사회보장협의체 기능 강화",
        "동 단위 민관협력 강화",
        "주민참여 복지공동체 조성",
    }
    for comment in GOVERNANCE_TF:
        assert comment in texts(app)
    assert "모니터링 T/F" in texts(app)
    assert MANAGER not in texts(app)  # that one is about a sub-project, not the strategy

    pick(app, GOVERNANCE).select("발전전략/지역사회 거버넌스 구축/동 단위 민관협력 강화").run()
    assert [m.value for m in app.metric] == ["106.2%"]
    assert rates(pick(app, DONG_COOP).options) == {
        "동 지역사회보장협의체 활성화": 115.3,
        "동 협의체 특화사업 지원": 97.1,
    }
    assert "이 항목에 대한 의견이 없습니다." in texts(app)

    pick(app, DONG_COOP).select("발전전략/3-2-1").run()
    assert not app.exception
    assert [m.value for m in app.metric] == ["115.3%"]
    assert MANAGER in texts(app)
    assert not any(c in texts(app) for c in GOVERNANCE_TF)
    table = app.table[0].value
    assert list(table["성과지표"]) == ["동 협의체 회의 개최 횟수", "위원 역량강화 교육 횟수"]
    assert list(table["목표"]) == ["144", "4"]
    assert list(table["실적"]) == ["152", "5"]
    assert list(table["달성률"]) == ["105.6% ● 달성", "125.0% ● 달성"]
    assert list(table["방향"]) == ["상향 (높을수록 좋음)"] * 2
    rate_chart, target_chart = charts(app)
    assert rate_chart["layout"]["title"]["text"] == "성과지표별 달성률"
    assert [trace["x"] for trace in target_chart["data"]] == [[144.0, 152.0], [4.0, 5.0]]


def test_sub_project_links_to_its_detail_page():
    app = open_page()
    set_drill(app, DONG_COUNCIL)
    app.run()
    links = app.get("page_link")
    assert len(links) == 1
    assert links[0].proto.page == "projects"
    assert parse_qs(links[0].proto.query_string) == {"project": ["발전전략/3-2-1"]}


def test_chart_click_opens_the_clicked_bar():
    """A click reaches the page as a selection point; the path it resolves to is shown."""
    app = open_page()
    development_chart = charts(app)[1]
    bar = development_chart["data"][0]
    point = {"point_index": 0, "y": bar["y"][0], "customdata": bar["customdata"][0]}
    siblings = drilldown.children(DrillPath(), app.session_state[Key.RESULTS].sub_projects, DEV)
    clicked = drilldown.resolve_selection([point], siblings)
    assert clicked == DrillPath(DEV, "담당인력 역량 강화")
    set_drill(app, clicked)
    app.run()
    assert [m.value for m in app.metric] == ["105.6%"]
    key_chart = charts(app)[0]
    assert bar_ids(key_chart) == [
        "발전전략/담당인력 역량 강화/복지공무원 전문성 강화",
        "발전전략/담당인력 역량 강화/민간 복지인력 역량 강화",
    ]


def test_breadcrumb_goes_back_up():
    app = open_page()
    set_drill(app, DONG_COUNCIL)
    app.run()
    assert [b.label for b in app.button if b.key and b.key.startswith(Key.DRILL_CRUMB)] == [
        "전체",
        "지역사회 거버넌스 구축",
        "동 단위 민관협력 강화",
    ]
    app.button(key=f"{Key.DRILL_CRUMB}:1").click().run()
    assert drill(app) == GOVERNANCE
    assert [m.value for m in app.metric] == ["107.6%"]
    app.button(key=f"{Key.DRILL_CRUMB}:0").click().run()
    assert drill(app) == DrillPath()
    assert [m.value for m in app.metric] == ["121.6%", "110.7%"]


def test_dong_filter_from_url_narrows_children_at_every_level():
    app = open_page(dong="모라1동", district_wide="false")
    assert "모라1동" in texts(app)
    assert list(rates(pick(app, DrillPath(), DEV).options)) == ["지역사회 거버넌스 구축"]
    assert len(pick(app, DrillPath(), SOC).options) == 5
    pick(app, DrillPath(), DEV).select("발전전략/지역사회 거버넌스 구축").run()
    assert list(rates(pick(app, GOVERNANCE).options)) == ["동 단위 민관협력 강화"]
    assert "- **대표과업** 3개 중 1개\n- **세부과업** 6개 중 1개" in texts(app)
    assert [m.value for m in app.metric] == ["97.1%"]
    # Which 모라1동 projects fell short, one level down in 사회보장사업.
    set_drill(app, DrillPath(SOC, "누구나 누리는 촘촘한 돌봄", "1인 가구 사회적 고립 예방"))
    app.run()
    assert pick(app, drill(app)).options == ["중장년 1인 가구 사회관계망 지원 · 77.7% ▼ 저조"]


def test_node_outside_the_filter_returns_to_the_top_with_a_notice():
    app = open_page(dong="모라1동", district_wide="false")
    set_drill(app, DrillPath(DEV, "담당인력 역량 강화"))
    app.run()
    assert not app.exception
    assert any("담당인력 역량 강화" in i.value for i in app.info)
    assert drill(app) == DrillPath()
    assert len(charts(app)) == 2


def test_abolished_sub_project_is_listed_and_explained():
    app = open_page()
    path = DrillPath(SOC, "누구나 누리는 촘촘한 돌봄", "1인 가구 사회적 고립 예방")
    set_drill(app, path)
    app.run()
    assert "홀몸어르신 안부우유 배달 (폐지) · –" in pick(app, path).options
    pick(app, path).select("사회보장사업/1-2-4").run()
    assert not app.exception
    assert any("폐지된 사업" in i.value for i in app.info)
    assert [m.value for m in app.metric] == ["–"]


def test_filter_that_empties_everything_says_how_to_widen():
    app = open_page(flag="폐지", system="발전전략")
    assert any("조건을 넓히" in w.value for w in app.warning)
    assert not charts(app)


def test_names_are_shown_as_typed_never_as_markup(tmp_path, monkeypatch):
    hostile = "<b>돌봄</b> *강화* [링크](http://x.example)"
    rows = [list(row) for row in ROWS]
    rows[0][HEADER.index("추진전략")] = hostile
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build_workbook(rows=rows))
    monkeypatch.setattr("lib.ui.data.SAMPLE_PATH", path)
    app = open_page()
    social_chart = charts(app)[0]
    annotations = [a["text"].replace("<br>", " ") for a in social_chart["layout"]["annotations"]]
    assert "&lt;b&gt;돌봄&lt;/b&gt; *강화* [링크](http://x.example)" in annotations
    assert social_chart["data"][0]["customdata"][0][:2] == [
        f"사회보장사업/{hostile}",
        "&lt;b&gt;돌봄&lt;/b&gt; *강화* [링크](http://x.example)",
    ]
    pick(app, DrillPath(), SOC).select(f"사회보장사업/{hostile}").run()
    assert not app.exception
    assert app.header[0].value == f"추진전략 · {escape_markdown(hostile)}"
    crumbs = [b.label for b in app.button if b.key and b.key.startswith(Key.DRILL_CRUMB)]
    assert crumbs == ["전체"]
    assert [m.value for m in app.metric] == ["116.6%"]  # (114.875 + 75 + 160) / 3


def test_bars_lowest_first_with_a_toggle_back_to_plan_order():
    app = open_page()
    assert bar_ids(charts(app)[1]) == [
        "발전전략/담당인력 역량 강화",  # 105.6%
        "발전전략/지역사회 거버넌스 구축",  # 107.6%
        "발전전략/지역사회보장 인프라 확충",  # 112.2%
        "발전전략/사회보장급여 이용·제공 기반 구축",  # 118.9%
    ]
    order = next(w for w in app.get("button_group") if w.key == Key.ORDER)
    order.set_value("계획 순서")
    plan = app.run()
    assert bar_ids(charts(plan)[1])[0] == "발전전략/사회보장급여 이용·제공 기반 구축"
    # Charts shown together share one x-axis.
    social, development = charts(plan)
    assert social["layout"]["xaxis"]["range"] == development["layout"]["xaxis"]["range"]


def test_drill_path_lives_in_the_url():
    app = open_page()
    pick(app, DrillPath(), DEV).select("발전전략/지역사회 거버넌스 구축").run()
    assert app.query_params[Key.PATH.value] == ["발전전략", "지역사회 거버넌스 구축"]
    fresh = open_page(**{Key.PATH.value: ["발전전략", "지역사회 거버넌스 구축"]})  # a reload
    assert [m.value for m in fresh.metric] == ["107.6%"]
    bad = open_page(**{Key.PATH.value: ["발전전략", "없는 전략"]})
    assert [m.value for m in bad.metric] == ["121.6%", "110.7%"]  # the top, no error
