"""Several years and districts: changes from the previous year, trends, comparisons."""

from fractions import Fraction

from lib.schema import System
from lib.views.collection import (
    Catalog,
    Change,
    change_label,
    comparison,
    strategy_changes,
    strategy_renames,
    sub_project_changes,
    system_changes,
    trend,
    year_changes,
)
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


# ── Changes within a filter, labels, renamed strategies ─────────────────────────────────


def rows_2024():
    """1-1-2 renamed and up from 75% to 100%; 1-2-1 down from 160% to 100%; the 발전전략
    strategy renamed '거버넌스 구축' → '민관협력 거버넌스' and up from 100% to 108.33…%."""
    rows = with_cell(4, "세부사업", "방문건강관리 확대")
    rows = with_cell(4, "실적", 200, rows)
    rows = with_cell(5, "실적", 50, rows)
    rows = with_cell(6, "추진전략", "민관협력 거버넌스", rows)
    return with_cell(6, "실적", 13, rows)


def test_year_changes_gathers_every_level_once():
    y2023, y2024 = year(2023), year(2024, rows_2024())
    changes = year_changes(y2024, y2023)
    assert changes.previous_year == 2023
    social = changes.system(System.SOCIAL_SECURITY)
    assert social == Change(Fraction(314875, 3000), Fraction(116625, 1000))
    assert change_label(social) == "▼ 11.7%p"  # 104.958… − 116.625 = −11.666…
    development = changes.system(System.DEVELOPMENT)
    assert development == Change(Fraction(325, 3), Fraction(100))
    assert change_label(development) == "▲ 8.3%p"
    # Strategies match by name: the renamed one has no previous rate.
    assert change_label(changes.strategy(System.DEVELOPMENT, "민관협력 거버넌스")) == "전년 없음"
    assert changes.strategy(System.SOCIAL_SECURITY, "돌봄 강화") == social
    assert changes.strategy_renames == {(System.DEVELOPMENT, "민관협력 거버넌스"): "거버넌스 구축"}
    assert changes.sub_projects["사회보장사업/1-1-2"].previous_name == "방문건강관리"
    assert change_label(changes.sub_projects["사회보장사업/1-1-2"].change) == "▲ 25.0%p"


def test_changes_within_a_filter_narrow_both_years_alike():
    y2023, y2024 = year(2023), year(2024, rows_2024())
    # Only the 건강 증진 key project (1-2-1): 160% → 100% in both the system and its strategy.
    keep = lambda sp: sp.key_project == "건강 증진"  # noqa: E731
    assert system_changes(y2024, y2023, keep) == {
        System.SOCIAL_SECURITY: Change(Fraction(100), Fraction(160))
    }
    assert strategy_changes(y2024, y2023, keep) == {
        (System.SOCIAL_SECURITY, "돌봄 강화"): Change(Fraction(100), Fraction(160))
    }


def test_change_labels_follow_the_rounded_change():
    assert change_label(Change(Fraction(10004, 100), Fraction(100))) == "＝ 변화 없음"  # +0.04
    assert change_label(Change(Fraction(9996, 100), Fraction(100))) == "＝ 변화 없음"  # −0.04
    assert Change(Fraction(9996, 100), Fraction(100)).arrow == "▼"  # the exact sign stays
    assert change_label(Change(Fraction(9995, 100), Fraction(100))) == "▼ 0.1%p"  # half up
    assert change_label(Change(Fraction(100), Fraction(100))) == "＝ 변화 없음"
    assert change_label(Change(None, Fraction(100))) == "올해 달성률 없음"
    assert change_label(Change(Fraction(100), None)) == "전년 없음"


def strategy_rows(names_and_codes):
    """One 사회보장사업 sub-project (one indicator, 100%) per (strategy, 사업번호)."""
    return [
        ("사회보장사업", code, strategy, "중점", f"사업 {code}", "전체", "계속",
         "인원", "상향", None, 10, 10, None, None, None, None)
        for strategy, code in names_and_codes
    ]  # fmt: skip


def renames(before, now):
    return strategy_renames(year(2024, strategy_rows(now)), year(2023, strategy_rows(before)))


def test_strategy_renamed_when_most_of_its_sub_projects_were_under_a_vanished_one():
    before = [("돌봄", "1-1-1"), ("돌봄", "1-1-2"), ("돌봄", "1-1-3"), ("건강", "2-1-1")]
    now = [("따뜻한 돌봄", "1-1-1"), ("따뜻한 돌봄", "1-1-2"), ("따뜻한 돌봄", "1-1-4"),
           ("건강", "2-1-1")]  # fmt: skip
    assert renames(before, now) == {(System.SOCIAL_SECURITY, "따뜻한 돌봄"): "돌봄"}


def test_strategy_not_renamed_from_one_still_there_or_without_a_majority():
    before = [("돌봄", "1-1-1"), ("돌봄", "1-1-2"), ("건강", "2-1-1")]
    # '돌봄' keeps its name: its sub-projects moving to a new strategy is no rename.
    assert renames(before, [("돌봄", "1-1-1"), ("새 전략", "1-1-2"), ("건강", "2-1-1")]) == {}
    # Half of the new strategy's sub-projects is not "most".
    now = [("새 전략", "1-1-1"), ("새 전략", "9-9-9"), ("건강", "2-1-1")]
    assert renames(before, now) == {}


def test_strategy_split_in_two_equal_halves_is_no_rename():
    before = [("돌봄", "1-1-1"), ("돌봄", "1-1-2"), ("건강", "2-1-1")]
    now = [("돌봄 A", "1-1-1"), ("돌봄 B", "1-1-2"), ("건강", "2-1-1")]
    assert renames(before, now) == {}
    # An unequal split: the part with more of the old sub-projects keeps the old name.
    before = [("돌봄", "1-1-1"), ("돌봄", "1-1-2"), ("돌봄", "1-1-3"), ("건강", "2-1-1")]
    now = [("돌봄 A", "1-1-1"), ("돌봄 A", "1-1-2"), ("돌봄 B", "1-1-3"), ("건강", "2-1-1")]
    assert renames(before, now) == {(System.SOCIAL_SECURITY, "돌봄 A"): "돌봄"}
