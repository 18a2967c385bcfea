"""Each drill-down node's change from last year and its earlier name (전략별 성과)."""

from __future__ import annotations

from fractions import Fraction

from lib.schema import Results, System
from lib.views import filters
from lib.views.collection import Catalog, Change
from lib.views.drill_changes import DrillChanges
from lib.views.drilldown import DrillPath
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import META, build_workbook, with_cell

SOC, DEV = System.SOCIAL_SECURITY, System.DEVELOPMENT


def year(y: int, rows=None) -> Results:
    meta = [("시군구", "부산광역시 사상구"), ("연도", y), *META[2:]]
    kwargs = {"rows": rows} if rows is not None else {}
    return read_workbook(build_workbook(meta=meta, comments=None, **kwargs))


def two_years(f: filters.Filter | None = None) -> DrillChanges:
    """2024 against 2023: 1-1-2 renamed (75% → 100%), 1-2-1 down (160% → 100%), the 발전전략
    strategy renamed '거버넌스 구축' → '민관협력 거버넌스'."""
    rows = with_cell(4, "세부사업", "방문건강관리 확대")
    rows = with_cell(4, "실적", 200, rows)
    rows = with_cell(5, "실적", 50, rows)
    rows = with_cell(6, "추진전략", "민관협력 거버넌스", rows)
    rows = with_cell(6, "실적", 13, rows)  # 발전전략: 100% → 108.33…%
    y2023, y2024 = year(2023), year(2024, rows)
    return DrillChanges.of(View.build(y2024, f, Catalog.of([y2024, y2023])))


def test_without_an_earlier_year_nothing_changed() -> None:
    only = year(2024)
    drill = DrillChanges.of(View.build(only, None, Catalog.of([only])))
    assert drill.previous_year is None
    assert drill.change(DrillPath(), SOC) is None
    assert drill.change(DrillPath(SOC, "돌봄 강화")) is None
    assert (
        drill.previous_name(DrillPath(SOC, "돌봄 강화", "노인 돌봄", "사회보장사업/1-1-2")) is None
    )


def test_each_level_is_matched_its_own_way() -> None:
    drill = two_years()
    assert drill.previous_year == 2023
    assert drill.change(DrillPath()) is None  # the top without a system has no one rate
    assert drill.change(DrillPath(), DEV) == Change(Fraction(325, 3), Fraction(100))
    # The renamed strategy is matched by name, so has no rate last year.
    assert drill.change(DrillPath(DEV, "민관협력 거버넌스")) == Change(Fraction(325, 3), None)
    # A key project: its rate within the filter, both years.
    assert drill.change(DrillPath(SOC, "돌봄 강화", "건강 증진")) == Change(
        Fraction(100), Fraction(160)
    )
    sub = DrillPath(SOC, "돌봄 강화", "노인 돌봄", "사회보장사업/1-1-2")
    assert drill.change(sub) == Change(Fraction(100), Fraction(75))
    assert drill.change(DrillPath(SOC, "돌봄 강화", "노인 돌봄", "사회보장사업/9-9-9")) is None


def test_key_project_change_follows_the_filter_in_both_years() -> None:
    narrowed = two_years(filters.Filter(dongs=("모라1동",)))
    # Only 1-1-2 (모라1동) is left under 노인 돌봄: 75% → 100%, not the whole key project.
    assert narrowed.change(DrillPath(SOC, "돌봄 강화", "노인 돌봄")) == Change(
        Fraction(100), Fraction(75)
    )


def test_earlier_names_say_when_they_are_a_guess() -> None:
    drill = two_years()
    sub = DrillPath(SOC, "돌봄 강화", "노인 돌봄", "사회보장사업/1-1-2")
    assert drill.previous_name(sub) == "전년 이름: 방문건강관리"
    assert (
        drill.previous_name(DrillPath(SOC, "돌봄 강화", "노인 돌봄", "사회보장사업/1-1-1")) is None
    )
    strategy = DrillPath(DEV, "민관협력 거버넌스")
    assert drill.previous_name(strategy) == "전년 이름: 거버넌스 구축 (세부사업 번호로 추정)"
    assert drill.previous_name(strategy, short=True) == "전년 이름: 거버넌스 구축 (추정)"
    assert drill.previous_name(DrillPath(SOC, "돌봄 강화")) is None
    assert drill.previous_name(DrillPath(SOC, "돌봄 강화", "노인 돌봄")) is None
