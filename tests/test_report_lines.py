"""The 결과보고's generated lines: counts, rates and named projects from the same metrics
and flags as every other screen, in the seed's words."""

from __future__ import annotations

import pytest

from lib.flags import Thresholds
from lib.report import generated_lines
from lib.report.model import Fact, generated_facts
from lib.workbook import read_workbook
from tests.conftest import ROWS, SAMPLE, build_workbook, with_cell

SOCIAL = "지자체 사회보장사업 전략체계"
DEVELOPMENT = "지역사회보장 발전 전략체계"


def results_of(rows=ROWS):
    return read_workbook(build_workbook(rows=rows), "test.xlsx")


@pytest.fixture(scope="module")
def sample():
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


def test_sample_first_two_lines_carry_the_seed_numbers(sample):
    lines = generated_lines(sample)
    assert lines[0] == (
        f"{SOCIAL} 5대 추진전략, 10개 중점사업, 29개 세부사업의 목표 달성률 121.6%로 "
        "목표대비 향상된 성과 지표를 보이고 있음"
    )
    assert lines[1] == (
        f"{DEVELOPMENT} 4대 추진전략, 9개 대표과업, 18개 세부과업의 목표 달성률 110.7%로 "
        "목표대비 향상된 성과 지표를 보이고 있음"
    )


def test_sample_budget_changes_named_in_workbook_order(sample):
    # The sample's rows hold them as 1-1-3, 1-1-4, 2-1-3, 2-1-4 (the seed listed the same
    # four in another order); the report follows the workbook, like the flags page.
    line = generated_lines(sample)[2]
    assert line == (
        "계획예산 대비 사업지원 실적에 차이가 있는 사업은 목표예산 변경(행복울타리 돌봄사업, "
        "노후준비지원센터 운영, 복지N건강 상담지원, 마을건강센터 운영)을 통해 예산을 조정하였음"
    )


def test_sample_new_abolished_and_underperforming(sample):
    lines = generated_lines(sample)
    assert lines[3] == (
        "지역사회 환경 및 여건변화에 따라 신설(중장년 1인 가구 사회관계망 지원, AI 안부확인 "
        "서비스, SNS 복지소식 알림)·폐지(홀몸어르신 안부우유 배달) 사항을 반영하였음"
    )
    assert lines[4].startswith(
        "목표 달성률 100% 미만인 부진 사업(경로당 건강·여가 프로그램 운영, 중장년 1인 가구"
    )
    assert lines[4].endswith("동 협의체 특화사업 지원)은 추진상황 점검 및 보완이 필요함")
    assert len(lines) == 5


def test_built_workbook_lines():
    lines = generated_lines(results_of())
    assert lines == [
        f"{SOCIAL} 1대 추진전략, 2개 중점사업, 3개 세부사업의 목표 달성률 116.6%로 "
        "목표대비 향상된 성과 지표를 보이고 있음",
        f"{DEVELOPMENT} 1대 추진전략, 1개 대표과업, 1개 세부과업의 목표 달성률 100.0%로 "
        "목표를 달성하였음",
        "계획예산 대비 사업지원 실적에 차이가 있는 사업은 목표예산 변경(행복울타리 돌봄사업)을 "
        "통해 예산을 조정하였음",
        "지역사회 환경 및 여건변화에 따라 신설(방문건강관리) 사항을 반영하였음",
        "목표 달성률 100% 미만인 부진 사업(방문건강관리)은 추진상황 점검 및 보완이 필요함",
    ]


def test_a_system_below_100_says_the_target_was_not_met():
    lines = generated_lines(results_of(with_cell(6, "실적", 6)))
    assert lines[1] == (
        f"{DEVELOPMENT} 1대 추진전략, 1개 대표과업, 1개 세부과업의 목표 달성률 50.0%로 "
        "목표에 미치지 못하였음"
    )
    assert "부진 사업(방문건강관리, 동 협의체 활성화)" in lines[-1]


def test_a_rate_that_shows_as_100_is_met():
    # 99.96% shows as 100.0%: the words follow the number the reader sees.
    lines = generated_lines(results_of(with_cell(6, "실적", 11.9952)))
    assert "목표 달성률 100.0%로 목표를 달성하였음" in lines[1]


def test_no_budget_change_no_budget_line():
    lines = generated_lines(results_of(with_cell(2, "변경예산", None)))
    assert not any("목표예산 변경" in line for line in lines)


def test_an_abolished_project_is_named_and_left_out_of_the_counts():
    lines = generated_lines(results_of(with_cell(5, "사업구분", "폐지")))
    assert lines[0].startswith(f"{SOCIAL} 1대 추진전략, 1개 중점사업, 2개 세부사업의")
    assert lines[3] == (
        "지역사회 환경 및 여건변화에 따라 신설(방문건강관리)·폐지(마을건강센터 운영) "
        "사항을 반영하였음"
    )


def test_nothing_flagged_only_the_system_lines():
    rows = with_cell(
        2, "변경예산", None, with_cell(4, "사업구분", "계속", with_cell(4, "실적", 200))
    )
    assert len(generated_lines(results_of(rows))) == 2


def test_thresholds_are_the_dashboard_ones():
    lines = generated_lines(results_of(), Thresholds(underperforming=120))
    assert lines[-1] == (
        "목표 달성률 120% 미만인 부진 사업(행복울타리 돌봄사업, 방문건강관리, 동 협의체 활성화)은 "
        "추진상황 점검 및 보완이 필요함"
    )


def test_a_system_whose_projects_are_all_abolished_gets_no_rate_line():
    lines = generated_lines(results_of(with_cell(6, "사업구분", "폐지")))
    assert [line for line in lines if line.startswith(DEVELOPMENT)] == []
    assert "폐지(동 협의체 활성화)" in lines[-2]


def test_an_opinion_restating_a_fact_is_recognised(sample):
    facts = generated_facts(sample)
    seed_rate = (
        "지자체 사회보장사업 전략체계 5대 추진전략, 10개 중점사업, 29개 세부사업의 목표 "
        "달성률 121.6%로 목표대비 향상된 성과 지표를 보이고 있음"
    )
    seed_budget = (
        "계획예산 대비 사업지원 실적이 차이가 있는 경우 목표예산 변경(복지N건강 상담지원, "
        "행복울타리 돌봄사업, 마을건강센터운영, 노후준비지원센터 운영)을 통해 예산의 적절성을 "
        "확보하였음."
    )
    assert facts[0].restated_by(seed_rate)
    assert facts[2].restated_by(seed_budget)
    # A different rate, or only some of the projects, is the reviewer's own point.
    assert not facts[0].restated_by(seed_rate.replace("121.6%", "120.0%"))
    assert not facts[2].restated_by(
        "목표예산 변경(복지N건강 상담지원, 행복울타리 돌봄사업)이 적절함"
    )


def test_a_fact_without_figures_or_names_is_restated_by_nothing():
    # A system line without a rate has nothing to recognise it by: "( )" must not match.
    assert not Fact("실적이 입력되지 않아 목표 달성률을 계산할 수 없음").restated_by("의견 ( ) 끝")
