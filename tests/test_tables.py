"""lib.views.tables: the 세부사업 and 점검 필요 사업 tables, with exact values."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from lib import comments
from lib import format as fmt
from lib.flags import Flag, Thresholds, flag_evidence, flag_rule
from lib.schema import Results
from lib.status import DEFAULT_BANDS
from lib.views import tables
from lib.views.filters import Filter
from lib.workbook import read_workbook
from tests.conftest import build_workbook, with_cell


@pytest.fixture
def results(valid_bytes: bytes) -> Results:
    return read_workbook(valid_bytes, "valid.xlsx")


@pytest.fixture(scope="module")
def sample(sample_bytes: bytes) -> Results:
    return read_workbook(sample_bytes, "sasang_2023.xlsx")


def test_project_table_has_one_row_per_sub_project_with_exact_values(results):
    table = tables.project_table(results, Filter())
    assert list(table.columns) == list(tables.PROJECT_COLUMNS)
    assert list(table["id"]) == [
        "사회보장사업/1-1-1",
        "사회보장사업/1-1-2",
        "사회보장사업/1-2-1",
        "발전전략/1-1-1",
    ]
    # 1-1-1: (120% + 하향 40 → 36.1 = 109.75%) / 2 = 114.875 → 114.9
    assert list(table["achievement_rate"]) == [114.9, 75.0, 160.0, 100.0]
    assert list(table["band"]) == ["● 달성", "▼ 저조", "● 달성", "● 달성"]
    assert list(table["flags"]) == [
        "₩ 예산변경",
        "▽ 부진  ◐ 집행부진  ＋ 신설",
        "↑ 초과달성",
        "",
    ]
    assert list(table["budget_planned"]) == [1000, 500, 300, 100]
    assert list(table["budget_final"]) == [1200, 500, 300, 100]
    assert list(table["budget_executed"]) == [1100, 200, 290, 100]
    assert list(table["execution_rate"]) == [91.7, 40.0, 96.7, 100.0]
    assert list(table["area"]) == ["전체", "모라1동, 덕포2동", "전체", "전체"]
    assert list(table["status"]) == ["계속", "신설", "계속", "계속"]
    assert str(table["budget_planned"].dtype) == "Int64"
    assert table["achievement_rate"].dtype == "float64"


def test_project_table_follows_the_dong_filter(results):
    with_wide = tables.project_table(
        results, Filter(dongs=("모라1동",), include_district_wide=True)
    )
    assert len(with_wide) == 4  # 사업지역 전체 matches every 동
    only_dong = tables.project_table(
        results, Filter(dongs=("모라1동",), include_district_wide=False)
    )
    assert list(only_dong["id"]) == ["사회보장사업/1-1-2"]


def test_project_table_follows_the_flag_filter_and_thresholds(results):
    under = tables.project_table(results, Filter(flags=(Flag.UNDERPERFORMING,)))
    assert list(under["id"]) == ["사회보장사업/1-1-2"]
    stricter = Filter(
        flags=(Flag.UNDERPERFORMING,), thresholds=Thresholds(underperforming=Fraction(120))
    )
    assert list(tables.project_table(results, stricter)["id"]) == [
        "사회보장사업/1-1-1",
        "사회보장사업/1-1-2",
        "발전전략/1-1-1",
    ]


def test_abolished_project_is_listed_without_a_rate(sample):
    table = tables.project_table(sample, Filter())
    assert len(table) == 48  # 29 + 18 counted, and one 폐지 listed
    row = table.set_index("id").loc["사회보장사업/1-2-4"]
    assert pd.isna(row["achievement_rate"])
    assert row["band"] == ""
    assert row["flags"] == "✕ 폐지"
    assert pd.isna(row["budget_planned"])


def test_empty_filter_gives_an_empty_table_with_the_columns(results):
    table = tables.project_table(results, Filter(dongs=("없는동",), include_district_wide=False))
    assert table.empty
    assert list(table.columns) == list(tables.PROJECT_COLUMNS)


def test_rate_axis_ends_at_200_unless_a_rate_is_higher(results):
    assert tables.rate_axis_max(tables.project_table(results, Filter())) == 200
    rows = with_cell(5, "실적", 131)  # 1-2-1: 131 / 50 = 262%
    high = read_workbook(build_workbook(rows=rows), "high.xlsx")
    assert tables.rate_axis_max(tables.project_table(high, Filter())) == 300


def test_indicator_table_shows_each_indicator_with_its_row(results):
    sp = results.sub_project("사회보장사업/1-1-1")
    assert sp is not None
    table = tables.indicator_table(sp, DEFAULT_BANDS)
    assert table.to_dict("records") == [
        {
            "indicator": "돌봄 인원",
            "unit": "",
            "direction": "상향",
            "weight": "",
            "target": "100",
            "actual": "120",
            "achievement_rate": "120.0%",
            "band": "● 달성",
            "source": "2행",
        },
        {
            "indicator": "고독사 건수",
            "unit": "",
            "direction": "하향",
            "weight": "",
            "target": "40",
            "actual": "36.1",
            "achievement_rate": "109.8%",  # exactly 109.75, half up
            "band": "● 달성",
            "source": "3행",
        },
    ]


def test_sample_happy_fence_budget_and_sources(sample):
    sp = sample.sub_project("사회보장사업/1-1-3")
    assert sp is not None and sp.name == "행복울타리 돌봄사업"
    budget = tables.budget_view(sp)
    assert (budget.planned, budget.changed, budget.executed) == (420000, 468000, 461250)
    assert budget.is_changed and not budget.reason_missing
    assert budget.reason == "돌봄 대상 가구 증가에 따른 증액"
    assert budget.source == "시행결과 시트 8–9행"
    assert fmt.signed_thousand_won(budget.changed - budget.planned, unit=False) == "+48,000"
    indicators = tables.indicator_table(sp, DEFAULT_BANDS)
    assert list(indicators["source"]) == ["8행", "9행"]
    assert list(indicators["achievement_rate"]) == ["131.3%", "131.9%"]
    assert list(indicators["unit"]) == ["가구", "회"]


def test_budget_change_without_reason_is_marked(results):
    rows = with_cell(2, "예산변경사유", None)
    sp = read_workbook(build_workbook(rows=rows), "x.xlsx").sub_project("사회보장사업/1-1-1")
    assert sp is not None
    budget = tables.budget_view(sp)
    assert budget.is_changed and budget.reason_missing and budget.reason is None


def test_unchanged_budget_is_not_missing_a_reason(results):
    sp = results.sub_project("사회보장사업/1-2-1")
    assert sp is not None
    budget = tables.budget_view(sp)
    assert not budget.is_changed and not budget.reason_missing
    assert budget.final == 300 and budget.execution_rate is not None
    assert round(float(budget.execution_rate), 4) == 96.6667


def test_flag_table_gives_the_number_that_raised_each_flag(results):
    views = comments.from_workbook(results)
    sps = results.sub_projects
    th = Thresholds()
    changed = tables.flag_table(sps, Flag.BUDGET_CHANGED, th, views)
    assert changed.to_dict("records") == [
        {
            "id": "사회보장사업/1-1-1",
            "system": "사회보장사업",
            "code": "1-1-1",
            "name": "행복울타리 돌봄사업",
            "evidence": "당초 1,000 → 변경 1,200 (+200)",
            "reason": "대상자 증가",
            "reason_missing": False,
            "ratings": "적절 1 · 보통 0 · 부적절 0",
        }
    ]
    under = tables.flag_table(sps, Flag.UNDERPERFORMING, th, views)
    assert list(under["evidence"]) == ["달성률 75.0%"]
    assert list(under["ratings"]) == ["적절 1 · 보통 0 · 부적절 0"]  # 대상 1-1-2
    over = tables.flag_table(sps, Flag.OVER_ACHIEVING, th, views)
    assert list(over["evidence"]) == ["달성률 160.0%"]
    assert list(over["ratings"]) == [""]  # no rated comment about it
    low = tables.flag_table(sps, Flag.LOW_EXECUTION, th, views)
    assert list(low["evidence"]) == ["집행률 40.0% (집행액 200 / 최종예산 500)"]
    new = tables.flag_table(sps, Flag.NEW, th, views)
    assert list(new["evidence"]) == ["사업구분: 신설"]
    assert tables.flag_table(sps, Flag.ABOLISHED, th, views).empty


def test_flag_table_marks_a_change_without_reason(results):
    rows = with_cell(2, "예산변경사유", None)
    blank = read_workbook(build_workbook(rows=rows), "x.xlsx")
    table = tables.flag_table(blank.sub_projects, Flag.BUDGET_CHANGED, Thresholds())
    assert list(table["reason_missing"]) == [True]
    assert list(table["reason"]) == [""]


def test_budget_decrease_shows_a_minus_sign(sample):
    sp = sample.sub_project("사회보장사업/1-1-4")
    assert sp is not None
    assert flag_evidence(sp, Flag.BUDGET_CHANGED) == "당초 85,000 → 변경 72,000 (−13,000)"


def test_abolished_evidence_says_it_is_excluded(sample):
    sp = sample.sub_project("사회보장사업/1-2-4")
    assert sp is not None
    assert flag_evidence(sp, Flag.ABOLISHED) == "사업구분: 폐지 (달성률·예산 합계에서 제외)"


def test_flag_counts_on_the_sample_defaults(sample):
    counts = tables.flag_counts(sample, Filter())
    assert {flag.value: n for flag, (n, _) in counts.items()} == {
        "예산변경": 4,
        "부진": 7,
        "초과달성": 3,
        "집행부진": 3,
        "신설": 3,
        "폐지": 1,
    }
    assert all(shown == total for shown, total in counts.values())


def test_flag_counts_under_a_filter_keep_the_whole_count(sample):
    f = Filter(dongs=("모라1동",), include_district_wide=False)
    counts = tables.flag_counts(sample, f)
    assert counts[Flag.UNDERPERFORMING] == (4, 7)
    assert counts[Flag.BUDGET_CHANGED] == (1, 4)


def test_flag_counts_follow_the_threshold(sample):
    lower = Filter(thresholds=Thresholds(underperforming=Fraction(90)))
    assert tables.flag_counts(sample, lower)[Flag.UNDERPERFORMING] == (1, 1)


@pytest.mark.parametrize(
    ("flag", "thresholds", "expected"),
    [
        (Flag.UNDERPERFORMING, Thresholds(), "달성률 100% 미만"),
        (Flag.UNDERPERFORMING, Thresholds(underperforming=Fraction(85)), "달성률 85% 미만"),
        (Flag.OVER_ACHIEVING, Thresholds(over_achieving=Fraction(140)), "달성률 140% 이상"),
        (Flag.LOW_EXECUTION, Thresholds(), "집행률 70% 미만"),
        (Flag.BUDGET_CHANGED, Thresholds(), "변경예산이 당초예산과 다름"),
    ],
)
def test_flag_rule_states_the_active_threshold(flag, thresholds, expected):
    assert flag_rule(flag, thresholds) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [((12,), "12"), ((12, 13), "12–13"), ((8, 10, 11), "8, 10–11"), ((5, 3, 4, 9), "3–5, 9")],
)
def test_rows_label_compresses_runs(rows, expected):
    assert tables.rows_label(rows) == expected


def test_source_label_names_the_sheet():
    assert tables.source_label((12, 13)) == "시행결과 시트 12–13행"


def test_area_label_lists_the_dongs(results):
    sp = results.sub_project("사회보장사업/1-1-2")
    assert sp is not None
    assert tables.area_label(sp) == "모라1동, 덕포2동"
