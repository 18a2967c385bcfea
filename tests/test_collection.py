"""Several years and districts: changes from the previous year, trends, comparisons."""

from fractions import Fraction

from lib.collection import (
    Catalog,
    Change,
    comparison,
    strategy_changes,
    sub_project_changes,
    system_changes,
    trend,
)
from lib.schema import System
from lib.workbook import read_workbook
from tests.conftest import META, build_workbook, with_cell


def year(y: int, rows=None, district: str = "부산광역시 사상구"):
    meta = [("시군구", district), ("연도", y), *META[2:]]
    kwargs = {"rows": rows} if rows is not None else {}
    return read_workbook(build_workbook(meta=meta, comments=None, **kwargs))


def test_previous_year_and_arrows():
    y2023 = year(2023)
    # 2024: 1-2-1 falls from 160% to 100%, 1-1-2 renamed and up from 75% to 100%.
    rows = with_cell(
        5, "실적", 50, with_cell(4, "실적", 200, with_cell(4, "세부사업", "방문건강관리 확대"))
    )
    y2024 = year(2024, rows)
    catalog = Catalog.of([y2024, y2023, year(2023, district="부산광역시 북구")])
    assert catalog.previous(y2024) is y2023
    assert catalog.previous(y2023) is None
    changes = sub_project_changes(y2024, y2023)
    assert changes["사회보장사업/1-2-1"].change.arrow == "▼"
    assert changes["사회보장사업/1-2-1"].change.delta == -60
    assert changes["사회보장사업/1-1-2"].change.arrow == "▲"
    assert changes["사회보장사업/1-1-2"].previous_name == "방문건강관리"
    assert (
        changes["사회보장사업/1-1-1"].change.arrow == "＝"
        and not changes["사회보장사업/1-1-1"].renamed
    )
    social = system_changes(y2024, y2023)[System.SOCIAL_SECURITY]
    assert social.delta == Fraction(114875 + 100000 + 100000, 3000) - Fraction(116625, 1000)
    assert strategy_changes(y2024, y2023)[(System.DEVELOPMENT, "거버넌스 구축")].arrow == "＝"


def test_change_without_previous_rate_has_no_arrow():
    assert Change(Fraction(100), None).arrow == "" and Change(Fraction(100), None).delta is None


def test_trend_and_comparison():
    catalog = Catalog.of([year(2024), year(2023), year(2023, district="부산광역시 북구")])
    assert catalog.districts() == ["부산광역시 북구", "부산광역시 사상구"]
    assert [(p.year, p.system) for p in trend(catalog, "부산광역시 사상구")] == [
        (2023, System.SOCIAL_SECURITY),
        (2023, System.DEVELOPMENT),
        (2024, System.SOCIAL_SECURITY),
        (2024, System.DEVELOPMENT),
    ]
    assert {p.district for p in comparison(catalog, 2023)} == {
        "부산광역시 북구",
        "부산광역시 사상구",
    }


def test_later_upload_of_same_district_year_replaces_earlier_in_catalog():
    first, second = year(2023), year(2023, with_cell(2, "실적", 10))
    assert Catalog.of([first, second]).entries == (second,)
