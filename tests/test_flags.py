"""Flags follow the spec's rules and compare exact, unrounded rates."""

from fractions import Fraction

from lib.flags import Flag, Thresholds, flagged, flags_of
from lib.schema import Direction, ProjectStatus
from tests.test_metrics import ind, sp


def test_underperforming_compares_unrounded_rate():
    almost = sp(ind(10000, 9996))  # 99.96 shows as 100.0 and is still below 100
    assert Flag.UNDERPERFORMING in flags_of(almost)


def test_over_achieving_at_exactly_150():
    assert flags_of(sp(ind(100, 150))) == (Flag.OVER_ACHIEVING,)
    assert flags_of(sp(ind(100, 149))) == ()


def test_low_execution_and_budget_change_and_new():
    project = sp(
        ind(100, 100),
        status=ProjectStatus.NEW,
        budget_planned=100,
        budget_changed=200,
        budget_executed=100,
    )
    assert flags_of(project) == (Flag.BUDGET_CHANGED, Flag.LOW_EXECUTION, Flag.NEW)


def test_abolished_carries_only_its_flag():
    gone = sp(ind(100, 10), status=ProjectStatus.ABOLISHED, budget_planned=100, budget_changed=50)
    assert flags_of(gone) == (Flag.ABOLISHED,)


def test_thresholds_are_parameters():
    project = sp(ind(100, 90, Direction.UP))
    assert Flag.UNDERPERFORMING in flags_of(project)
    assert Flag.UNDERPERFORMING not in flags_of(project, Thresholds(underperforming=Fraction(80)))


def test_flagged_lists_every_flag_in_workbook_order():
    a, b = sp(ind(1, 2), code="1"), sp(ind(1, 0), code="2")
    table = flagged([a, b])
    assert list(table) == list(Flag)
    assert table[Flag.OVER_ACHIEVING] == [a] and table[Flag.UNDERPERFORMING] == [b]
