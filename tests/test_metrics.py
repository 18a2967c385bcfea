"""Rates computed exactly at every level; 폐지 excluded; half-up rounding only when shown."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lib.format import percent, round_half_up
from lib.metrics import (
    budget_changed,
    execution_rate,
    indicator_rate,
    key_project_summaries,
    mean_rate,
    strategy_summaries,
    sub_project_rate,
    system_summaries,
)
from lib.schema import Direction, Indicator, ProjectStatus, SubProject, System
from lib.workbook import read_workbook


def ind(target, actual, direction=Direction.UP, weight=None) -> Indicator:
    d = lambda v: None if v is None else Decimal(str(v))  # noqa: E731
    return Indicator(
        name="지표",
        target=d(target),
        actual=d(actual),
        direction=direction,
        weight=d(weight),
        row=2,
    )


def sp(
    *indicators,
    code="1-1-1",
    status=ProjectStatus.CONTINUING,
    strategy="전략",
    key="중점",
    **budget,
) -> SubProject:
    return SubProject(
        system=System.SOCIAL_SECURITY,
        code=code,
        strategy=strategy,
        key_project=key,
        name=f"사업 {code}",
        status=status,
        indicators=indicators,
        rows=(2,),
        **{k: Decimal(str(v)) for k, v in budget.items()},
    )


def test_upward_indicator():
    assert indicator_rate(ind(100, 121)) == 121


def test_downward_indicator_is_exact():
    rate = indicator_rate(ind(40, "36.1", Direction.DOWN))
    assert rate == Fraction(10975, 100)
    assert percent(rate) == "109.8%"  # a binary float would give 109.7
    assert float(rate) * 1 == 109.75


def test_downward_indicator_floored_at_zero():
    assert indicator_rate(ind(10, 30, Direction.DOWN)) == 0


def test_weighted_sub_project_rate():
    rate = sub_project_rate(sp(ind(100, 100, weight=3), ind(100, 200, weight=1)))
    assert rate == 125


def test_unweighted_sub_project_rate_is_plain_mean():
    assert sub_project_rate(sp(ind(100, 100), ind(100, 200))) == 150


def test_abolished_has_no_rate_and_is_excluded():
    gone = sp(ind(None, None), code="9", status=ProjectStatus.ABOLISHED, budget_planned=500)
    kept = sp(ind(100, 80), code="1", budget_planned=100)
    assert sub_project_rate(gone) is None
    assert mean_rate([gone, kept]) == 80
    (summary,) = strategy_summaries([gone, kept])
    assert summary.sub_projects == 1 and summary.budget.planned == 100


def test_higher_levels_are_mean_of_sub_projects_not_mean_of_means():
    a = sp(ind(100, 100), code="1", key="가")
    b = sp(ind(100, 200), code="2", key="나")
    c = sp(ind(100, 300), code="3", key="나")
    (strategy,) = strategy_summaries([a, b, c])
    assert strategy.achievement_rate == 200  # (100+200+300)/3, not (100+250)/2
    assert [k.achievement_rate for k in key_project_summaries([a, b, c])] == [100, 250]


def test_same_key_project_name_under_two_strategies_is_two():
    a = sp(ind(1, 1), code="1", strategy="갑", key="같은 이름")
    b = sp(ind(1, 1), code="2", strategy="을", key="같은 이름")
    assert len(key_project_summaries([a, b])) == 2


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        ({"budget_planned": 100, "budget_executed": 50}, 50),
        ({"budget_planned": 100, "budget_changed": 200, "budget_executed": 50}, 25),
        ({"budget_planned": 100}, None),
        ({"budget_planned": 0, "budget_executed": 5}, None),
        ({"budget_executed": 5}, None),
    ],
)
def test_execution_rate(budget, expected):
    assert execution_rate(sp(ind(1, 1), **budget)) == expected


def test_budget_change_rules():
    assert budget_changed(sp(ind(1, 1), budget_planned=100, budget_changed=120))
    assert not budget_changed(sp(ind(1, 1), budget_planned=100, budget_changed=100))
    assert not budget_changed(sp(ind(1, 1), budget_planned=100))
    assert budget_changed(sp(ind(1, 1), budget_changed=50))  # 당초 blank counts as a change


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(12165, 100), "121.7"),
        (Fraction(12164999, 100000), "121.6"),
        (Fraction(9996, 100), "100.0"),
        (Fraction(1, 3) * 100, "33.3"),
        (Fraction(0), "0.0"),
    ],
)
def test_round_half_up(value, shown):
    assert str(round_half_up(value)) == shown


def test_small_workbook_end_to_end(valid_bytes):
    results = read_workbook(valid_bytes)
    social, development = system_summaries(results)
    # 1-1-1: (120 + 109.75)/2 = 114.875; 1-1-2: 75; 1-2-1: 160 → mean 116.625
    assert social.achievement_rate == Fraction(116625, 1000)
    assert percent(social.achievement_rate) == "116.6%"
    assert (social.strategies, social.key_projects, social.sub_projects) == (1, 2, 3)
    assert (
        social.budget.planned == 1800
        and social.budget.final == 2000
        and social.budget.executed == 1590
    )
    assert development.achievement_rate == 100
