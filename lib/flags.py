"""Flags that mark a sub-project for attention, with adjustable thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from lib.metrics import below, rates
from lib.schema import ProjectStatus, SubProject


class Flag(StrEnum):
    """In the order the CLI and every list show them."""

    BUDGET_CHANGED = "예산변경"
    UNDERPERFORMING = "부진"
    OVER_ACHIEVING = "초과달성"
    LOW_EXECUTION = "집행부진"
    NEW = "신설"
    ABOLISHED = "폐지"


@dataclass(frozen=True)
class Thresholds:
    """Flag thresholds in percent; the defaults are the spec's."""

    underperforming: Fraction = Fraction(100)  # 부진: rate < this
    over_achieving: Fraction = Fraction(150)  # 초과달성: rate ≥ this
    low_execution: Fraction = Fraction(70)  # 집행부진: 집행률 < this


DEFAULT_THRESHOLDS = Thresholds()


def flags_of(
    sub_project: SubProject, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[Flag, ...]:
    """The flags one sub-project carries; a 폐지 one carries only 폐지. Exact comparisons."""
    if sub_project.status is ProjectStatus.ABOLISHED:
        return (Flag.ABOLISHED,)
    found: list[Flag] = []
    numbers = rates(sub_project)
    if numbers.budget_changed:
        found.append(Flag.BUDGET_CHANGED)
    rate = numbers.achievement_pair
    if below(rate, thresholds.underperforming):
        found.append(Flag.UNDERPERFORMING)
    if rate is not None and not below(rate, thresholds.over_achieving):
        found.append(Flag.OVER_ACHIEVING)
    if below(numbers.execution_pair, thresholds.low_execution):
        found.append(Flag.LOW_EXECUTION)
    if sub_project.status is ProjectStatus.NEW:
        found.append(Flag.NEW)
    return tuple(found)


def flagged(
    sub_projects: Sequence[SubProject], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> dict[Flag, list[SubProject]]:
    """Every flag (all keys present) → its sub-projects, in workbook order."""
    table: dict[Flag, list[SubProject]] = {flag: [] for flag in Flag}
    for sp in sub_projects:
        for flag in flags_of(sp, thresholds):
            table[flag].append(sp)
    return table
