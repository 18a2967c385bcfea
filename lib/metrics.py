"""Achievement and execution rates at every level, computed exactly (``Fraction``).

Rates are rounded only when shown (``lib.format``). 폐지 sub-projects are listed but
excluded from every rate, count and budget sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lib.schema import Direction, Indicator, Results, SubProject, System

HUNDRED = Fraction(100)


def indicator_rate(indicator: Indicator) -> Fraction | None:
    """달성률: 상향 실적÷목표×100; 하향 (2 − 실적÷목표)×100 floored at 0."""
    if indicator.target is None or indicator.actual is None or indicator.target <= 0:
        return None
    ratio = Fraction(indicator.actual) / Fraction(indicator.target)
    if indicator.direction is Direction.DOWN:
        return max(Fraction(0), (2 - ratio) * HUNDRED)
    return ratio * HUNDRED


def sub_project_rate(sub_project: SubProject) -> Fraction | None:
    """Mean of the indicators' rates, weighted by 가중치 where given; None when 폐지."""
    if sub_project.abolished:
        return None
    rated = [
        (ind, rate) for ind in sub_project.indicators if (rate := indicator_rate(ind)) is not None
    ]
    if not rated:
        return None
    if all(ind.weight is not None for ind, _ in rated):
        total = sum(Fraction(ind.weight) for ind, _ in rated if ind.weight is not None)
        return (
            sum(Fraction(ind.weight) * rate for ind, rate in rated if ind.weight is not None)
            / total
        )
    return sum((rate for _, rate in rated), Fraction(0)) / len(rated)


def mean_rate(sub_projects: Iterable[SubProject]) -> Fraction | None:
    """Unweighted mean of the sub-project rates (not a mean of means)."""
    rates = [r for sp in sub_projects if (r := sub_project_rate(sp)) is not None]
    return sum(rates, Fraction(0)) / len(rates) if rates else None


def execution_rate(sub_project: SubProject) -> Fraction | None:
    """집행률: 집행액 ÷ (변경예산, or 당초예산 when unchanged) × 100."""
    base = sub_project.budget_final
    if sub_project.budget_executed is None or base is None or base == 0:
        return None
    return Fraction(sub_project.budget_executed) / Fraction(base) * HUNDRED


def budget_changed(sub_project: SubProject) -> bool:
    """예산변경: 변경예산 given and different from 당초예산 (blank 당초 counts as a change)."""
    return sub_project.budget_changed is not None and (
        sub_project.budget_planned is None
        or sub_project.budget_changed != sub_project.budget_planned
    )


def active(sub_projects: Iterable[SubProject]) -> list[SubProject]:
    """The sub-projects that count: all but 폐지."""
    return [sp for sp in sub_projects if not sp.abolished]


@dataclass(frozen=True)
class Budget:
    """Budget sums in 천원 (final = 변경예산 where given, else 당초예산)."""

    planned: Decimal
    final: Decimal
    executed: Decimal

    @property
    def execution_rate(self) -> Fraction | None:
        return None if self.final == 0 else Fraction(self.executed) / Fraction(self.final) * HUNDRED


def budget_sum(sub_projects: Iterable[SubProject]) -> Budget:
    counted = active(sub_projects)
    return Budget(
        planned=sum((sp.budget_planned or Decimal(0) for sp in counted), Decimal(0)),
        final=sum((sp.budget_final or Decimal(0) for sp in counted), Decimal(0)),
        executed=sum((sp.budget_executed or Decimal(0) for sp in counted), Decimal(0)),
    )


@dataclass(frozen=True)
class GroupSummary:
    """One system, strategy or key project: its counts, rate and budget."""

    system: System
    strategy: str | None  # None for a system
    key_project: str | None  # None for a system or strategy
    strategies: int
    key_projects: int
    sub_projects: int
    achievement_rate: Fraction | None
    budget: Budget

    @property
    def name(self) -> str:
        return self.key_project or self.strategy or self.system.value


def summarise(
    system: System,
    sub_projects: Sequence[SubProject],
    strategy: str | None = None,
    key_project: str | None = None,
) -> GroupSummary:
    counted = active(sub_projects)
    return GroupSummary(
        system=system,
        strategy=strategy,
        key_project=key_project,
        strategies=len({sp.strategy for sp in counted}),
        key_projects=len({(sp.strategy, sp.key_project) for sp in counted}),
        sub_projects=len(counted),
        achievement_rate=mean_rate(counted),
        budget=budget_sum(counted),
    )


def system_summaries(
    results: Results, sub_projects: Sequence[SubProject] | None = None
) -> list[GroupSummary]:
    """Per system present, 사회보장사업 first."""
    pool = results.sub_projects if sub_projects is None else sub_projects
    return [
        summarise(system, [sp for sp in pool if sp.system is system])
        for system in results.systems()
        if any(sp.system is system for sp in pool)
    ]


def strategy_summaries(sub_projects: Sequence[SubProject]) -> list[GroupSummary]:
    """Per (체계, 추진전략), in workbook order of first appearance."""
    keys = list(dict.fromkeys((sp.system, sp.strategy) for sp in sub_projects))
    return [
        summarise(
            system,
            [sp for sp in sub_projects if (sp.system, sp.strategy) == (system, strategy)],
            strategy,
        )
        for system, strategy in keys
    ]


def key_project_summaries(sub_projects: Sequence[SubProject]) -> list[GroupSummary]:
    """Per (체계, 추진전략, 중점사업), in workbook order of first appearance."""
    keys = list(dict.fromkeys((sp.system, sp.strategy, sp.key_project) for sp in sub_projects))
    return [
        summarise(
            system,
            [sp for sp in sub_projects if (sp.system, sp.strategy, sp.key_project) == key],
            strategy,
            key_project,
        )
        for key in keys
        for system, strategy, key_project in [key]
    ]
