"""The shared filter keeps the right sub-projects and says so."""

from lib.flags import Flag
from lib.schema import System
from lib.views.filters import (
    Filter,
    apply,
    describe,
    dong_counts,
    options,
    scope_counts,
)
from lib.workbook import read_workbook


def test_dong_filter_keeps_district_wide_only_when_asked(valid_bytes):
    sps = read_workbook(valid_bytes).sub_projects
    codes = lambda f: [sp.id for sp in apply(sps, f)]  # noqa: E731
    # By default a 동 selects the projects that name it.
    assert codes(Filter(dongs=("모라1동",))) == ["사회보장사업/1-1-2"]
    wide = Filter(dongs=("모라1동",), include_district_wide=True)
    assert "사회보장사업/1-1-2" in codes(wide)
    assert "사회보장사업/1-1-1" in codes(wide)  # 전체 matches every 동 when asked
    assert codes(Filter(dongs=("모라1동",), include_district_wide=False)) == ["사회보장사업/1-1-2"]
    assert codes(Filter(dongs=("삼락동",), include_district_wide=False)) == []


def test_system_strategy_and_flag_filters(valid_bytes):
    sps = read_workbook(valid_bytes).sub_projects
    assert [sp.id for sp in apply(sps, Filter(system=System.DEVELOPMENT))] == ["발전전략/1-1-1"]
    assert len(apply(sps, Filter(strategies=("돌봄 강화",)))) == 3
    assert [sp.id for sp in apply(sps, Filter(flags=(Flag.UNDERPERFORMING,)))] == [
        "사회보장사업/1-1-2"
    ]
    assert [sp.id for sp in apply(sps, Filter(flags=(Flag.NEW, Flag.OVER_ACHIEVING)))] == [
        "사회보장사업/1-1-2",
        "사회보장사업/1-2-1",
    ]


def test_describe_and_counts(valid_bytes):
    results = read_workbook(valid_bytes)
    f = Filter(system=System.SOCIAL_SECURITY, dongs=("모라1동",), include_district_wide=False)
    shown, total = scope_counts(results.sub_projects, f)
    assert (shown, total) == (1, 3)
    assert describe(f, shown, total) == "사회보장사업 · 모라1동 (전체 사업 제외) · 3개 중 1개"
    # With the sub-projects, the 동 part says what it keeps and what it leaves out.
    named, wide = dong_counts(results.sub_projects, f)
    assert (named, wide) == (1, 2)
    assert describe(f, shown, total, results.sub_projects) == (
        "사회보장사업 · 모라1동 사업 1개 (구 전체 사업 2개 제외) · 3개 중 1개"
    )
    with_wide = Filter(
        system=System.SOCIAL_SECURITY, dongs=("모라1동",), include_district_wide=True
    )
    shown, total = scope_counts(results.sub_projects, with_wide)
    assert describe(with_wide, shown, total, results.sub_projects) == (
        "사회보장사업 · 모라1동 사업 1개 + 구 전체 사업 2개 · 3개"
    )
    assert describe(Filter(), 4, 4) == "4개"


def test_options_in_order(valid_bytes):
    results = read_workbook(valid_bytes)
    opts = options(results)
    assert opts.dongs == ("덕포2동", "모라1동")  # 가나다 order
    assert opts.strategies == ("돌봄 강화", "거버넌스 구축")
    assert options(results, System.DEVELOPMENT).strategies == ("거버넌스 구축",)
