"""The 모니터링 의견 table: comments by 구분 and by target, with the target's numbers."""

from __future__ import annotations

import pytest

from lib.comments import Node, from_workbook
from lib.schema import CommentCategory, Results, System
from lib.views import comment_table as ct
from lib.views import filters
from lib.workbook import read_workbook
from tests.conftest import ROWS, build_workbook, with_cell

SS, DEV = System.SOCIAL_SECURITY, System.DEVELOPMENT

# Sheet 모니터링의견 for the small workbook in conftest (rows 2–9 in Excel).
COMMENTS = (
    ("구분", "대상", "위원", "평가", "의견"),
    ("시행결과", "전체", "김위원", "적절", "전반적으로 적절"),
    ("시행결과", "사회보장사업", None, None, "사회보장 체계 의견"),
    ("시행결과", "발전전략", "이위원", "보통", "발전 체계 의견"),
    ("민관협력", "돌봄 강화", "김위원", "부적절", "돌봄 전략 의견"),
    ("시행결과", "노인 돌봄", "이위원", None, "노인 돌봄 중점사업 의견"),
    ("민관협력", "행복울타리 돌봄사업, 1-1-2", "김위원", "적절", "두 사업 의견"),
    ("시행결과", "마을건강센터 운영", None, None, "마을건강센터 의견"),
    ("시행결과", "동 협의체 활성화", "이위원", "보통", "동 협의체 의견"),
)


@pytest.fixture(scope="module")
def results() -> Results:
    return read_workbook(build_workbook(comments=COMMENTS))


def table(results: Results, f: filters.Filter | None = None, **choice) -> ct.CommentTable:
    f = f or filters.Filter()
    shown = filters.apply(results.sub_projects, f)
    return ct.build(results, from_workbook(results), shown, f, ct.PageChoice(**choice))


def texts(t: ct.CommentTable) -> list[str]:
    """Each distinct comment shown, in order of first appearance."""
    seen = [c.text for s in t.sections for g in s.groups for c in g.comments]
    return list(dict.fromkeys(seen))


def target(t: ct.CommentTable, name: str) -> ct.Target:
    return next(x for s in t.sections for g in s.groups for x in g.targets if x.name == name)


def names(section: ct.Section) -> list[list[str]]:
    """Each group's target names, in order."""
    return [[x.name for x in g.targets] for g in section.groups]


def test_targets_in_workbook_order_overall_first(results):
    care, elderly = "돌봄 강화", "노인 돌봄"
    assert ct.target_nodes(results.sub_projects) == [
        Node(),
        Node(system=SS),
        Node(system=DEV),
        Node(SS, care),
        Node(SS, care, elderly),
        Node(SS, care, elderly, "사회보장사업/1-1-1"),
        Node(SS, care, elderly, "사회보장사업/1-1-2"),
        Node(SS, care, "건강 증진"),
        Node(SS, care, "건강 증진", "사회보장사업/1-2-1"),
        Node(DEV, "거버넌스 구축"),
        Node(DEV, "거버넌스 구축", "협의체 활성화"),
        Node(DEV, "거버넌스 구축", "협의체 활성화", "발전전략/1-1-1"),
    ]


def test_sections_by_category_then_groups_by_target(results):
    t = table(results)
    assert [(s.category, s.count) for s in t.sections] == [
        (CommentCategory.RESULTS, 6),
        (CommentCategory.COOPERATION, 2),
    ]
    results_section = t.sections[0]
    assert names(results_section) == [
        ["전체"],
        ["지자체 사회보장사업 전략체계"],
        ["지역사회보장 발전 전략체계"],
        ["노인 돌봄"],
        ["마을건강센터 운영"],
        ["동 협의체 활성화"],
    ]
    assert t.count_text == "8건"


def test_comment_on_several_targets_shown_once_beside_all_of_them(results):
    cooperation = table(results).sections[1]
    assert names(cooperation) == [["돌봄 강화"], ["행복울타리 돌봄사업", "방문건강관리"]]
    assert [c.text for c in cooperation.groups[1].comments] == ["두 사업 의견"]
    assert cooperation.count == 2
    assert cooperation.help == "민관협력 증진방안 및 보완사항"


def test_lone_target_before_a_set_that_begins_with_it():
    comments = (
        COMMENTS[0],
        ("시행결과", "방문건강관리, 행복울타리 돌봄사업", None, None, "둘"),
        ("시행결과", "행복울타리 돌봄사업", None, None, "하나"),
        ("시행결과", "1-1-2", None, None, "다른 하나"),
    )
    section = table(read_workbook(build_workbook(comments=comments))).sections[0]
    assert names(section) == [
        ["행복울타리 돌봄사업"],
        ["행복울타리 돌봄사업", "방문건강관리"],
        ["방문건강관리"],
    ]


def test_sub_project_shows_rate_band_budget_and_flags(results):
    t = table(results)
    # 1-1-1: (120/100 = 120%, 하향 40 → 36.1 = 109.75%) → 114.875%; 집행 1,100 / 1,200.
    happy = target(t, "행복울타리 돌봄사업")
    assert happy.kind_line == "세부사업 · 사회보장사업 1-1-1"
    assert happy.numbers == (
        "달성률 **114.9%** ● 달성",
        "최종예산 1,200천원 · 집행률 91.7%",
        "₩ 예산변경",
    )
    # 1-1-2: 150 / 200 = 75% (저조); 집행 200 / 500 = 40%; 신설.
    visit = target(t, "방문건강관리")
    assert visit.numbers == (
        "달성률 **75.0%** ▼ 저조",
        "최종예산 500천원 · 집행률 40.0%",
        "▽ 부진  ◐ 집행부진  ＋ 신설",
    )


def test_groups_show_mean_rate_and_count(results):
    t = table(results)
    # 돌봄 강화: (114.875 + 75 + 160) / 3 = 116.625 → 116.6%.
    assert target(t, "돌봄 강화").numbers == ("달성률 **116.6%** ● 달성", "세부사업 3개")
    assert target(t, "돌봄 강화").kind_line == "추진전략 · 사회보장사업"
    # 노인 돌봄: (114.875 + 75) / 2 = 94.9375 → 94.9%.
    assert target(t, "노인 돌봄").numbers == ("달성률 **94.9%** ▲ 미달", "세부사업 2개")
    assert target(t, "노인 돌봄").kind_line == "중점사업 · 사회보장사업 · 돌봄 강화"
    assert target(t, "지역사회보장 발전 전략체계").numbers == (
        "달성률 **100.0%** ● 달성",
        "세부과업 1개",
    )
    assert target(t, "전체").numbers == (
        "사회보장사업 **116.6%** ● 달성 · 세부사업 3개",
        "발전전략 **100.0%** ● 달성 · 세부과업 1개",
    )


def test_band_bounds_from_the_filter_change_the_band(results):
    f = filters.Filter(bands=filters.BandBounds(achieved=120, low=100))
    assert target(table(results, f), "돌봄 강화").numbers[0] == "달성률 **116.6%** ▲ 미달"


def test_dong_filter_keeps_comments_with_any_target_in_view(results):
    f = filters.Filter(dongs=("모라1동",), include_district_wide=False)
    t = table(results, f)
    assert texts(t) == [
        "전반적으로 적절",
        "사회보장 체계 의견",
        "발전 체계 의견",
        "노인 돌봄 중점사업 의견",
        "돌봄 전략 의견",
        "두 사업 의견",
    ]
    assert t.count_text == "8건 중 6건"
    # The two-project comment shows beside the one project in view.
    assert names(t.sections[1]) == [["돌봄 강화"], ["방문건강관리"]]
    # Group numbers are of the filtered sub-projects, and say so.
    assert target(t, "돌봄 강화").numbers == ("달성률 **75.0%** ▼ 저조", "세부사업 3개 중 1개")
    assert target(t, "전체").numbers[0] == "사회보장사업 **75.0%** ▼ 저조 · 세부사업 3개 중 1개"


def test_system_filter_hides_the_other_systems_comments(results):
    t = table(results, filters.Filter(system=DEV))
    assert texts(t) == ["전반적으로 적절", "발전 체계 의견", "동 협의체 의견"]
    assert target(t, "전체").numbers == ("발전전략 **100.0%** ● 달성 · 세부과업 1개",)


def test_page_choices_narrow_by_category_reviewer_and_rating(results):
    assert texts(table(results, categories=(CommentCategory.COOPERATION,))) == [
        "돌봄 전략 의견",
        "두 사업 의견",
    ]
    assert texts(table(results, reviewers=("이위원",))) == [
        "발전 체계 의견",
        "노인 돌봄 중점사업 의견",
        "동 협의체 의견",
    ]
    assert texts(table(results, reviewers=("작성자 미상",))) == [
        "사회보장 체계 의견",
        "마을건강센터 의견",
    ]
    assert texts(table(results, ratings=("적절", "평가 없음"))) == [
        "전반적으로 적절",
        "사회보장 체계 의견",
        "노인 돌봄 중점사업 의견",
        "마을건강센터 의견",
        "두 사업 의견",
    ]
    none = table(results, reviewers=("이위원",), categories=(CommentCategory.COOPERATION,))
    assert none.sections == () and none.count_text == "8건 중 0건"


def test_filter_options_list_what_occurs(results):
    views = from_workbook(results)
    assert ct.reviewer_options(views) == ["김위원", "작성자 미상", "이위원"]
    assert ct.rating_options(views) == ["적절", "보통", "부적절", "평가 없음"]
    assert ct.rating_options(views[:1]) == ["적절"]


def test_abolished_sub_project_says_so_instead_of_a_rate():
    rows = with_cell(4, "사업구분", "폐지", rows=with_cell(4, "목표", None))
    comments = (COMMENTS[0], ("시행결과", "1-1-2", None, None, "폐지 사업 의견"))
    results = read_workbook(build_workbook(rows=rows, comments=comments))
    numbers = target(table(results), "방문건강관리").numbers
    assert numbers[0] == "폐지된 사업 (달성률 계산에서 제외)"
    assert numbers[2] == "✕ 폐지"


def test_no_comments_no_sections():
    results = read_workbook(build_workbook(rows=ROWS, comments=None))
    t = table(results)
    assert t.sections == () and t.count_text == "0건"
