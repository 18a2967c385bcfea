"""Drill-down helpers: where the user is, what lies below, which bar a click named."""

from __future__ import annotations

from fractions import Fraction

import pytest

from lib import figures
from lib.comments import Node
from lib.metrics import strategy_summaries
from lib.schema import Results, System
from lib.status import DEFAULT_BANDS
from lib.views import drilldown, filters
from lib.views.drilldown import DrillPath, Level
from lib.workbook import read_workbook
from tests.conftest import ROWS, build_workbook

DEV = System.DEVELOPMENT
SOC = System.SOCIAL_SECURITY
GOVERNANCE = DrillPath(DEV, "지역사회 거버넌스 구축")
DONG_COOP = DrillPath(DEV, "지역사회 거버넌스 구축", "동 단위 민관협력 강화")
DONG_COUNCIL = DrillPath(DEV, "지역사회 거버넌스 구축", "동 단위 민관협력 강화", "발전전략/3-2-1")


@pytest.fixture(scope="module")
def sample(sample_bytes: bytes) -> Results:
    return read_workbook(sample_bytes, "sasang_2023.xlsx")


def streamlit_point(fig, index: int, with_customdata: bool = True) -> dict:
    """A selected point as st.plotly_chart reports it (PlotlySelectionState.points[i])."""
    bar = fig.data[0]
    point = {
        "curve_number": 0,
        "point_number": index,
        "point_index": index,
        "x": bar.x[index],
        "y": bar.y[index],
    }
    if with_customdata:
        point["customdata"] = list(bar.customdata[index])
    return point


def test_path_levels_and_ancestors():
    assert DrillPath().level is Level.TOP
    assert GOVERNANCE.level is Level.STRATEGY
    assert DONG_COOP.level is Level.KEY_PROJECT
    assert DONG_COUNCIL.level is Level.SUB_PROJECT
    assert DONG_COUNCIL.ancestors() == [DrillPath(), GOVERNANCE, DONG_COOP, DONG_COUNCIL]
    assert DONG_COUNCIL.up_to(Level.STRATEGY) == GOVERNANCE
    assert GOVERNANCE.up_to(Level.SUB_PROJECT) == GOVERNANCE
    assert DONG_COUNCIL.node == Node(
        DEV, "지역사회 거버넌스 구축", "동 단위 민관협력 강화", "발전전략/3-2-1"
    )
    assert DrillPath().node == Node()


def test_top_children_are_each_systems_strategies_with_the_system_in_the_id(sample):
    social = drilldown.children(DrillPath(), sample.sub_projects, SOC)
    development = drilldown.children(DrillPath(), sample.sub_projects, DEV)
    assert len(social) == 5 and len(development) == 4
    assert [c.id for c in development] == [
        "발전전략/사회보장급여 이용·제공 기반 구축",
        "발전전략/담당인력 역량 강화",
        "발전전략/지역사회 거버넌스 구축",
        "발전전략/지역사회보장 인프라 확충",
    ]
    expected = {
        (s.system, s.strategy): s.achievement_rate for s in strategy_summaries(sample.sub_projects)
    }
    for child in [*social, *development]:
        assert child.rate == expected[(child.path.system, child.name)]
    lowest = min(development, key=lambda c: c.rate or Fraction(0))
    assert (lowest.name, str(lowest.rate and round(float(lowest.rate), 1))) == (
        "담당인력 역량 강화",
        "105.6",
    )


def test_same_strategy_name_in_both_systems_stays_two_nodes():
    rows = [*ROWS, ("발전전략", "1-2-1", "돌봄 강화", "돌봄 협의", "돌봄 회의", None, None,
                    "회의 횟수", None, None, 10, 5, None, None, None, None)]  # fmt: skip
    results = read_workbook(build_workbook(rows=rows))
    both = drilldown.children(DrillPath(), results.sub_projects)
    care = [c for c in both if c.name == "돌봄 강화"]
    assert [c.id for c in care] == ["사회보장사업/돌봄 강화", "발전전략/돌봄 강화"]
    assert [c.path.system for c in care] == [SOC, DEV]
    assert care[1].rate == Fraction(50)
    assert [c.name for c in drilldown.children(care[1].path, results.sub_projects)] == ["돌봄 협의"]


def test_children_one_level_down(sample):
    key_projects = drilldown.children(GOVERNANCE, sample.sub_projects)
    assert [c.name for c in key_projects] == [
        "구 지역사회보장협의체 기능 강화",
        "동 단위 민관협력 강화",
        "주민참여 복지공동체 조성",
    ]
    assert key_projects[1].path == DONG_COOP
    subs = drilldown.children(DONG_COOP, sample.sub_projects)
    assert [(c.id, c.name) for c in subs] == [
        ("발전전략/3-2-1", "동 지역사회보장협의체 활성화"),
        ("발전전략/3-2-2", "동 협의체 특화사업 지원"),
    ]
    assert subs[0].path == DONG_COUNCIL
    assert drilldown.children(DONG_COUNCIL, sample.sub_projects) == []


def test_abolished_sub_project_is_listed_without_a_rate(sample):
    path = DrillPath(SOC, "누구나 누리는 촘촘한 돌봄", "1인 가구 사회적 고립 예방")
    subs = drilldown.children(path, sample.sub_projects)
    abolished = [c for c in subs if c.abolished]
    assert [c.name for c in abolished] == ["홀몸어르신 안부우유 배달"]
    assert abolished[0].rate is None
    assert drilldown.bar_name(abolished[0]) == "홀몸어르신 안부우유 배달 (폐지)"
    counts = drilldown.counts(path, sample.sub_projects, sample.sub_projects)
    assert [(c.label, c.text()) for c in counts] == [("세부사업", "3개")]


def test_click_resolves_by_customdata(sample):
    siblings = drilldown.children(DrillPath(), sample.sub_projects, DEV)
    fig = figures.drill_bars(drilldown.rate_items(siblings, DEV), DEFAULT_BANDS, "t", "s")
    for index, child in enumerate(siblings):
        assert drilldown.resolve_selection([streamlit_point(fig, index)], siblings) == child.path


def test_click_without_customdata_falls_back_to_index_then_label(sample):
    siblings = drilldown.children(GOVERNANCE, sample.sub_projects)
    fig = figures.drill_bars(drilldown.rate_items(siblings), DEFAULT_BANDS)
    bare = streamlit_point(fig, 2, with_customdata=False)
    assert drilldown.resolve_selection([bare], siblings) == siblings[2].path
    label_only = {"y": fig.data[0].y[1]}
    assert drilldown.resolve_selection([label_only], siblings) == siblings[1].path
    scalar = {"customdata": siblings[0].id}
    assert drilldown.resolve_selection([scalar], siblings) == siblings[0].path


@pytest.mark.parametrize(
    "points",
    [
        [],
        [{"customdata": ["없는 전략"], "y": "없는 전략"}],
        [{"customdata": ["발전전략/없는 전략"], "point_index": 0}],  # stale: never a neighbour
        [{"point_index": 9}],
        [{"x": 100}],
    ],
)
def test_click_on_nothing_known_goes_nowhere(sample, points):
    siblings = drilldown.children(GOVERNANCE, sample.sub_projects)
    assert drilldown.resolve_selection(points, siblings) is None


def test_filter_narrows_children_and_drops_nodes(sample):
    f = filters.Filter(dongs=("모라1동",), include_district_wide=False)
    shown = filters.apply(sample.sub_projects, f)
    development = drilldown.children(DrillPath(), shown, DEV)
    assert [c.name for c in development] == ["지역사회 거버넌스 구축"]
    assert [c.name for c in drilldown.children(GOVERNANCE, shown)] == ["동 단위 민관협력 강화"]
    counts = drilldown.counts(GOVERNANCE, shown, sample.sub_projects)
    assert [(c.label, c.text()) for c in counts] == [
        ("대표과업", "3개 중 1개"),
        ("세부과업", "6개 중 1개"),
    ]
    assert drilldown.still_shown(GOVERNANCE, shown)
    assert not drilldown.still_shown(DrillPath(DEV, "담당인력 역량 강화"), shown)
    assert not drilldown.still_shown(DONG_COUNCIL, shown)  # 3-2-1 serves 전체
    assert drilldown.still_shown(DrillPath(), [])


def test_node_rate_and_counts_at_every_level(sample):
    subs = sample.sub_projects
    assert f"{float(drilldown.node_rate(DrillPath(), subs, SOC)):.1f}" == "121.6"
    assert f"{float(drilldown.node_rate(DrillPath(), subs, DEV)):.1f}" == "110.7"
    assert f"{float(drilldown.node_rate(GOVERNANCE, subs)):.1f}" == "107.6"
    assert f"{float(drilldown.node_rate(DONG_COOP, subs)):.1f}" == "106.2"
    assert f"{float(drilldown.node_rate(DONG_COUNCIL, subs)):.1f}" == "115.3"
    top = drilldown.counts(DrillPath(), subs, subs, DEV)
    assert [(c.label, c.text()) for c in top] == [
        ("추진전략", "4개"),
        ("대표과업", "9개"),
        ("세부과업", "18개"),
    ]
    social = drilldown.counts(DrillPath(), subs, subs, SOC)
    assert [(c.label, c.text()) for c in social] == [
        ("추진전략", "5개"),
        ("중점사업", "10개"),
        ("세부사업", "29개"),
    ]
    assert [(c.label, c.text()) for c in drilldown.counts(DONG_COUNCIL, subs, subs)] == [
        ("성과지표", "2개")
    ]


def test_breadcrumb_trail(sample):
    assert drilldown.trail(DONG_COUNCIL, sample.sub_projects) == [
        ("전체", DrillPath()),
        ("지역사회 거버넌스 구축", GOVERNANCE),
        ("동 단위 민관협력 강화", DONG_COOP),
        ("동 지역사회보장협의체 활성화", DONG_COUNCIL),
    ]
    assert drilldown.own_level_name(DONG_COOP) == "대표과업"
    assert drilldown.child_level_name(DrillPath(), SOC) == "추진전략"
    assert drilldown.child_level_name(DONG_COOP) == "세부과업"
    assert drilldown.child_level_name(DONG_COUNCIL) == "성과지표"


def test_indicator_rows_show_exact_rates_with_band_and_direction(valid_bytes):
    results = read_workbook(valid_bytes)
    care = results.sub_projects[0]
    rows = drilldown.indicator_rows(care, DEFAULT_BANDS)
    assert [(r.name, r.target, r.actual, r.rate) for r in rows] == [
        ("돌봄 인원", "100", "120", "120.0% ● 달성"),
        ("고독사 건수", "40", "36.1", "109.8% ● 달성"),  # 하향: (2 − 36.1/40) × 100 = 109.75
    ]
    assert [r.direction for r in rows] == ["상향 (높을수록 좋음)", "하향 (낮을수록 좋음)"]
    visits = drilldown.indicator_rows(results.sub_projects[1], DEFAULT_BANDS)
    assert visits[0].rate == "75.0% ▼ 저조"


def test_widget_keys_differ_per_node_and_system():
    keys = {
        drilldown.widget_key("chart", DrillPath(), SOC),
        drilldown.widget_key("chart", DrillPath(), DEV),
        drilldown.widget_key("chart", GOVERNANCE),
        drilldown.widget_key("chart", DONG_COOP),
        drilldown.widget_key("chart", DONG_COUNCIL),
    }
    assert len(keys) == 5
    assert drilldown.widget_key("chart", GOVERNANCE) == drilldown.widget_key("chart", GOVERNANCE)
    assert drilldown.widget_key("chart", GOVERNANCE).startswith("chart:")


def test_drill_bars_keep_names_and_labels_clear_and_clickable(sample):
    siblings = drilldown.children(DONG_COOP, sample.sub_projects)  # 115.3% and 97.1%
    fig = figures.drill_bars(drilldown.rate_items(siblings), DEFAULT_BANDS, "세부과업별 달성률")
    assert [row[0] for row in fig.data[0].customdata] == ["발전전략/3-2-1", "발전전략/3-2-2"]
    texts = {a.text: a for a in fig.layout.annotations}
    assert "동 지역사회보장협의체 활성화" in texts and "동 협의체 특화사업 지원" in texts
    # A short bar's label starts past the 100% line; a long bar's label past its end.
    assert texts["97.1% ▲ 미달"].x == 100
    assert texts["115.3% ● 달성"].x == pytest.approx(115.28, abs=0.01)
    assert fig.layout.xaxis.range[1] >= 115.3 * 1.5  # labels inside the plot area
    assert fig.layout.hovermode == "y" and fig.layout.hoverdistance == -1
    assert fig.layout.yaxis.showticklabels is False
    assert fig.layout.shapes and all(shape.x0 == shape.x1 == 100 for shape in fig.layout.shapes)
    assert len(fig.layout.shapes) == 2


def test_target_actual_panels_give_each_indicator_its_own_scale(sample):
    council = sample.sub_project("발전전략/3-2-1")
    assert council is not None
    fig = figures.target_actual_panels(council.indicators, "목표와 실적")
    assert [list(trace.x) for trace in fig.data] == [[144.0, 152.0], [4.0, 5.0]]
    assert [trace.text for trace in fig.data] == [("144회", "152회"), ("4회", "5회")]
    assert fig.layout.xaxis.range == (0, 152 * 1.25)
    assert fig.layout.xaxis2.range == (0, 5 * 1.25)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["동 협의체 회의 개최 횟수 (회)", "위원 역량강화 교육 횟수 (회)"]


def test_target_actual_panels_say_when_lower_is_better(valid_bytes):
    care = read_workbook(valid_bytes).sub_projects[0]
    fig = figures.target_actual_panels(care.indicators)
    assert [a.text for a in fig.layout.annotations] == ["돌봄 인원", "고독사 건수 · 낮을수록 좋음"]
