"""Flags that mark a sub-project for attention: the rule, its adjustable threshold, its
wording and the evidence shown beside it. The one home of each: the screen, every export and
the report word a flag through these functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property

from lib import format as fmt
from lib.metrics import Pair, rates
from lib.schema import ProjectStatus, SubProject
from lib.strings_ko import FlagsText


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

    @cached_property
    def bounds(self) -> tuple[Pair, Pair, Pair]:
        """The three thresholds as integer pairs (numerator, denominator), in field order:
        what ``flags_of`` compares a rate's own pair with, in integers alone."""
        return (
            Fraction(self.underperforming).as_integer_ratio(),
            Fraction(self.over_achieving).as_integer_ratio(),
            Fraction(self.low_execution).as_integer_ratio(),
        )


DEFAULT_THRESHOLDS = Thresholds()


def flags_of(
    sub_project: SubProject, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[Flag, ...]:
    """The flags one sub-project carries; a 폐지 one carries only 폐지. Exact comparisons:
    a rate n/d is below a threshold p/q when n·q < p·d (d, q > 0)."""
    status = sub_project.status
    if status is _ABOLISHED:
        return _ONLY_ABOLISHED
    found: list[Flag] = []
    numbers = rates(sub_project)
    (under, under_den), (over, over_den), (low, low_den) = thresholds.bounds
    if numbers.budget_changed:
        found.append(Flag.BUDGET_CHANGED)
    rate = numbers.achievement_pair
    if rate is not None:
        n, d = rate
        if n * under_den < under * d:
            found.append(Flag.UNDERPERFORMING)
        if n * over_den >= over * d:
            found.append(Flag.OVER_ACHIEVING)
    execution = numbers.execution_pair
    if execution is not None and execution[0] * low_den < low * execution[1]:
        found.append(Flag.LOW_EXECUTION)
    if status is _NEW:
        found.append(Flag.NEW)
    return tuple(found)


_ABOLISHED, _NEW = ProjectStatus.ABOLISHED, ProjectStatus.NEW
_ONLY_ABOLISHED = (Flag.ABOLISHED,)


def flagged(
    sub_projects: Sequence[SubProject], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> dict[Flag, list[SubProject]]:
    """Every flag (all keys present) → its sub-projects, in workbook order."""
    table: dict[Flag, list[SubProject]] = {flag: [] for flag in Flag}
    for sp in sub_projects:
        for flag in flags_of(sp, thresholds):
            table[flag].append(sp)
    return table


def threshold_of(flag: Flag, thresholds: Thresholds) -> Fraction | None:
    """The adjustable threshold behind a flag (None for 예산변경, 신설, 폐지)."""
    if flag is Flag.UNDERPERFORMING:
        return thresholds.underperforming
    if flag is Flag.OVER_ACHIEVING:
        return thresholds.over_achieving
    if flag is Flag.LOW_EXECUTION:
        return thresholds.low_execution
    return None


_RULES: dict[Flag, str] = {
    Flag.BUDGET_CHANGED: FlagsText.RULE_BUDGET_CHANGED,
    Flag.UNDERPERFORMING: FlagsText.RULE_UNDERPERFORMING,
    Flag.OVER_ACHIEVING: FlagsText.RULE_OVER_ACHIEVING,
    Flag.LOW_EXECUTION: FlagsText.RULE_LOW_EXECUTION,
    Flag.NEW: FlagsText.RULE_NEW,
    Flag.ABOLISHED: FlagsText.RULE_ABOLISHED,
}
_NOTES: dict[Flag, str] = {
    Flag.BUDGET_CHANGED: FlagsText.NOTE_BUDGET_CHANGED,
    Flag.UNDERPERFORMING: FlagsText.NOTE_UNDERPERFORMING,
    Flag.OVER_ACHIEVING: FlagsText.NOTE_OVER_ACHIEVING,
    Flag.LOW_EXECUTION: FlagsText.NOTE_LOW_EXECUTION,
    Flag.NEW: FlagsText.NOTE_NEW,
    Flag.ABOLISHED: FlagsText.NOTE_ABOLISHED,
}


def flag_rule(flag: Flag, thresholds: Thresholds) -> str:
    """What the flag means with the active threshold: ``달성률 100% 미만``."""
    threshold = threshold_of(flag, thresholds)
    text = _RULES[flag]
    return text if threshold is None else text.format(threshold=fmt.plain_number(threshold))


def flag_note(flag: Flag) -> str:
    """One line under a flag's header: what to read into it."""
    return _NOTES[flag]


def flag_evidence(sub_project: SubProject, flag: Flag, unit: bool = False) -> str:
    """The number that raised the flag, as text. ``unit=False`` for a table captioned
    "단위: 천원" (the screen, Excel); ``unit=True`` where no caption says it (slides)."""
    numbers = rates(sub_project)
    if flag in (Flag.UNDERPERFORMING, Flag.OVER_ACHIEVING):
        return FlagsText.RATE.format(rate=fmt.percent(numbers.achievement))
    if flag is Flag.LOW_EXECUTION:
        return FlagsText.EXECUTION.format(
            rate=fmt.percent(numbers.execution),
            executed=fmt.thousand_won(sub_project.budget_executed, unit=unit),
            final=fmt.thousand_won(sub_project.budget_final, unit=unit),
        )
    if flag is Flag.BUDGET_CHANGED:
        changed = sub_project.budget_changed
        planned = sub_project.budget_planned
        return FlagsText.BUDGET.format(
            planned=fmt.thousand_won(planned, unit=unit),
            changed=fmt.thousand_won(changed, unit=unit),
            delta=fmt.signed_thousand_won(
                (changed or Decimal(0)) - (planned or Decimal(0)), unit=unit
            ),
        )
    if flag is Flag.ABOLISHED:
        return FlagsText.ABOLISHED_STATUS
    return FlagsText.STATUS.format(status=sub_project.status.value)
