"""Achievement and execution rates at every level, exact, each computed once per sub-project.

Rates are rounded only when shown (``lib.format``). 폐지 sub-projects are listed but
excluded from every rate, count and budget sum.

Why it is exact without ``Fraction`` arithmetic on the hot path: every cell is a ``Decimal``,
i.e. an integer over a power of ten, and ``Decimal.as_integer_ratio`` gives that integer pair
exactly. A rate is then a quotient of sums and products of those integers, so the whole
computation is integer arithmetic (Python integers have no overflow) kept as a
numerator/denominator pair; nothing is divided until a ``Fraction`` is built from the final
pair, and ``Fraction(n, d)`` of integers is exact. A mean over many sub-projects adds the pairs
two by two in rounds, each sum over the two denominators' least common multiple
(``math.gcd``), again in integers. A system's summary is made from its strategies' (which
partition its sub-projects), their means weighted by how many rates each holds: exact too.
Measured on 20,160 sub-projects this is several times faster than the same sums in
``Fraction`` (whose normalising ``__new__`` dominated), and faster than ``Decimal`` at a
stated precision, which would also need an argument that no rounding reaches the first
decimal; integers need none.
``tests/test_metrics_exact.py`` compares every rate with a ``Fraction`` reference on random
workbooks, .x5 edges and 하향 indicators included.

Each sub-project's rates are computed once (``rates``) and looked up afterwards by every
caller: flags, tables, figures, exports, the CLI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import compress, filterfalse
from math import gcd
from operator import attrgetter, not_
from typing import TypeVar

from lib.schema import Direction, Indicator, Results, SubProject, System

HUNDRED = Fraction(100)
_DOWN = Direction.DOWN

_K = TypeVar("_K")
Pair = tuple[int, int]  # numerator, denominator > 0: an exact rate not yet divided


def _indicator_pair(indicator: Indicator) -> Pair | None:
    """달성률 as an integer pair: 상향 100·실적÷목표; 하향 100·(2 − 실적÷목표), floored at 0."""
    target, actual = indicator.target, indicator.actual
    if target is None or actual is None:
        return None
    tn, td = target.as_integer_ratio()
    if tn <= 0:  # (the sign is the numerator's)
        return None
    an, ad = actual.as_integer_ratio()
    den = ad * tn  # actual ÷ target = (an·td) ÷ (ad·tn)
    num = an * td
    if indicator.direction is _DOWN:
        num = 2 * den - num
        if num < 0:
            num = 0
    return 100 * num, den


def _sub_project_pair(sub_project: SubProject, pairs: Sequence[Pair | None]) -> Pair | None:
    """Mean of the rated indicators, weighted by 가중치 when every rated one has one."""
    if len(pairs) == 1:
        return pairs[0]  # a mean of one, whatever its weight
    rated = [
        (pair, ind.weight)
        for pair, ind in zip(pairs, sub_project.indicators, strict=True)
        if pair is not None
    ]
    if len(rated) <= 1:
        return rated[0][0] if rated else None
    num, den = 0, 1
    if rated[0][1] is not None and all(w is not None for _, w in rated):
        wnum, wden = 0, 1
        for (n, d), w in rated:
            a, b = w.as_integer_ratio()  # type: ignore[union-attr]  # not None, checked above
            num, den = num * d * b + n * a * den, den * d * b
            wnum, wden = wnum * b + a * wden, wden * b
        return num * wden, den * wnum
    for (n, d), _ in rated:
        num, den = num * d + n * den, den * d
    return num, den * len(rated)


def _execution_pair(sub_project: SubProject) -> Pair | None:
    """집행률 as an integer pair: 100·집행액 ÷ (변경예산, or 당초예산 when unchanged)."""
    executed = sub_project.budget_executed
    base = sub_project.budget_changed
    if base is None:
        base = sub_project.budget_planned
    if executed is None or base is None:
        return None
    bn, bd = base.as_integer_ratio()
    if bn == 0:
        return None
    en, ed = executed.as_integer_ratio()
    return 100 * en * bd, ed * bn


def _reduced(pair: Pair | None) -> Pair | None:
    if pair is None:
        return None
    n, d = pair
    g = gcd(n, d)
    return (n // g, d // g) if g > 1 else pair


def _fraction(pair: Pair | None) -> Fraction | None:
    return None if pair is None else Fraction(*pair)


_UNSET = object()


class SubProjectRates:
    """One sub-project's numbers, computed once (``rates``) and looked up afterwards.

    The integer pairs are computed at once; each ``Fraction`` is built on first use only.
    Read-only: nothing outside this module sets an attribute.
    """

    __slots__ = (
        "_achievement",
        "_execution",
        "_indicator_pairs",
        "_indicators",
        "abolished",
        "achievement_pair",
        "budget_changed",
        "execution_pair",
    )

    achievement_pair: Pair | None  # the sub-project's rate, coprime; None when 폐지/no rate
    execution_pair: Pair | None  # 집행률
    budget_changed: bool  # 예산변경
    abolished: bool  # 폐지

    def __init__(self, sub_project: SubProject) -> None:
        indicators = sub_project.indicators
        pairs = list(map(_indicator_pair, indicators))
        self._indicator_pairs = pairs
        abolished = self.abolished = sub_project.abolished
        pair = None
        if not abolished:
            # The usual shapes without a call: a mean of one is that one, whatever its
            # weight; two rated indicators without weights are (a/b + c/d) ÷ 2.
            if len(pairs) == 1:
                pair = pairs[0]
            elif len(pairs) == 2 and indicators[0].weight is None and None not in pairs:
                (a, b), (c, d) = pairs  # type: ignore[misc]  # None is not in pairs
                pair = (a * d + c * b, 2 * b * d)
            else:
                pair = _sub_project_pair(sub_project, pairs)
        self.achievement_pair = _reduced(pair)
        self.execution_pair = _execution_pair(sub_project)
        changed, planned = sub_project.budget_changed, sub_project.budget_planned
        self.budget_changed = changed is not None and (planned is None or changed != planned)
        self._achievement: object = _UNSET
        self._execution: object = _UNSET
        self._indicators: object = _UNSET

    @property
    def achievement(self) -> Fraction | None:
        """달성률 of the sub-project; None when 폐지 or when no indicator has a rate."""
        if self._achievement is _UNSET:
            self._achievement = _fraction(self.achievement_pair)
        return self._achievement  # type: ignore[return-value]

    @property
    def execution(self) -> Fraction | None:
        """집행률."""
        if self._execution is _UNSET:
            self._execution = _fraction(self.execution_pair)
        return self._execution  # type: ignore[return-value]

    @property
    def indicators(self) -> tuple[Fraction | None, ...]:
        """Each indicator's rate as counted and shown, in order: all None under 폐지 (the one
        rule: a 폐지 sub-project is excluded from every rate, its indicators' too)."""
        if self._indicators is _UNSET:
            self._indicators = tuple(
                None if self.abolished else _fraction(p) for p in self._indicator_pairs
            )
        return self._indicators  # type: ignore[return-value]


# Sub-projects are frozen, so their rates never change: each is computed on first use and
# kept beside it (keyed by identity, holding the sub-project so the key stays its own). The
# memo is dropped whole when it outgrows a national catalog several times over.
_MEMO: dict[int, tuple[SubProject, SubProjectRates]] = {}
_MEMO_LIMIT = 200_000
_MEMO_LOCK = threading.Lock()


def rates(sub_project: SubProject) -> SubProjectRates:
    """The sub-project's rates, computed on first use and looked up afterwards."""
    kept = _MEMO.get(id(sub_project))
    if kept is not None and kept[0] is sub_project:
        return kept[1]
    computed = SubProjectRates(sub_project)
    with _MEMO_LOCK:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[id(sub_project)] = (sub_project, computed)
    return computed


def indicator_rate(indicator: Indicator) -> Fraction | None:
    """달성률: 상향 실적÷목표×100; 하향 (2 − 실적÷목표)×100 floored at 0, whatever the
    sub-project's status. To show one, look it up: ``rates(sp).indicators[i]`` (None under 폐지)."""
    return _fraction(_indicator_pair(indicator))


def sub_project_rate(sub_project: SubProject) -> Fraction | None:
    """Mean of the indicators' rates, weighted by 가중치 where given; None when 폐지."""
    return rates(sub_project).achievement


def mean_rate(sub_projects: Iterable[SubProject]) -> Fraction | None:
    """Unweighted mean of the sub-project rates (not a mean of means), exact."""
    return _mean(sub_projects)[0]


def _mean(sub_projects: Iterable[SubProject]) -> tuple[Fraction | None, int]:
    """The mean rate and how many rates it is the mean of."""
    return _mean_of(list(filter(None, map(_ACHIEVEMENT, map(rates, sub_projects)))))


def _mean_of(pairs: list[Pair]) -> tuple[Fraction | None, int]:
    """The mean of rates given as pairs (filter(None, …) left out the missing ones: a pair
    is a tuple of two, never false), and how many it is the mean of."""
    if not pairs:
        return None, 0
    num, den = _sum_of(pairs)
    return Fraction(num, den * len(pairs)), len(pairs)


def _sum_of(pairs: list[Pair]) -> Pair:
    """The exact sum of the fractions, added pairwise in rounds: each round halves the list,
    so the denominators grow evenly instead of one running least common denominator
    (hundreds of digits over 20,160 sub-projects) meeting every pair in turn; half the time
    of the running sum there, the same sum."""
    while len(pairs) > 1:
        odd = [pairs[-1]] if len(pairs) % 2 else []
        pairs = [
            (a * (d // g) + c * (b // g), b // g * d)
            for (a, b), (c, d) in zip(pairs[0::2], pairs[1::2], strict=False)  # odd one after
            for g in (gcd(b, d),)
        ] + odd
    return pairs[0]


def execution_rate(sub_project: SubProject) -> Fraction | None:
    """집행률: 집행액 ÷ (변경예산, or 당초예산 when unchanged) × 100."""
    return rates(sub_project).execution


def budget_changed(sub_project: SubProject) -> bool:
    """예산변경: 변경예산 given and different from 당초예산 (blank 당초 counts as a change)."""
    return rates(sub_project).budget_changed


def active(sub_projects: Iterable[SubProject]) -> list[SubProject]:
    """The sub-projects that count: all but 폐지."""
    return list(filterfalse(_ABOLISHED, sub_projects))


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
    return _budget(active(sub_projects))


def _budget(counted: Sequence[SubProject]) -> Budget:
    """``budget_sum`` of sub-projects that all count (no 폐지 among them)."""
    zero = Decimal(0)
    # filter(None, …): blanks and zeros add nothing; the sums stay in C
    return Budget(
        planned=sum(filter(None, map(_PLANNED, counted)), zero),
        final=sum(filter(None, map(_FINAL, counted)), zero),
        executed=sum(filter(None, map(_EXECUTED, counted)), zero),
    )


_ACHIEVEMENT = attrgetter("achievement_pair")
_ABOLISHED = attrgetter("abolished")
_PLANNED = attrgetter("budget_planned")
_FINAL = attrgetter("budget_final")
_EXECUTED = attrgetter("budget_executed")


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
    rated: int = field(default=0, repr=False)  # sub-projects with a rate (the mean's count)

    @property
    def name(self) -> str:
        return self.key_project or self.strategy or self.system.value


def summarise(
    system: System,
    sub_projects: Sequence[SubProject],
    strategy: str | None = None,
    key_project: str | None = None,
) -> GroupSummary:
    # Looked up once, each sub-project's rates say whether it counts (not 폐지) and give its
    # rate (a 폐지 one has none, so the mean needs no second filter).
    numbers = list(map(rates, sub_projects))
    counted = list(compress(sub_projects, map(not_, map(_ABOLISHED, numbers))))
    mean, rated = _mean_of(list(filter(None, map(_ACHIEVEMENT, numbers))))
    strategies = set(map(_STRATEGY, counted))
    # (within one 추진전략, its 중점사업 by name alone: no pair made per sub-project)
    key_projects = set(
        map(_KEY_PROJECT if len(strategies) <= 1 else _STRATEGY_KEY_PROJECT, counted)
    )
    return GroupSummary(
        system=system,
        strategy=strategy,
        key_project=key_project,
        strategies=len(strategies),
        key_projects=len(key_projects),
        sub_projects=len(counted),
        achievement_rate=mean,
        budget=_budget(counted),
        rated=rated,
    )


def _system_of(system: System, strategies: Sequence[GroupSummary]) -> GroupSummary:
    """A system's summary from its strategies' (which partition its sub-projects): the same
    figures as ``summarise`` over them, without a second pass over every sub-project."""
    rated = sum(s.rated for s in strategies)
    total = sum(
        (s.achievement_rate * s.rated for s in strategies if s.achievement_rate is not None),
        Fraction(0),
    )
    return GroupSummary(
        system=system,
        strategy=None,
        key_project=None,
        strategies=sum(1 for s in strategies if s.sub_projects),
        key_projects=sum(s.key_projects for s in strategies),
        sub_projects=sum(s.sub_projects for s in strategies),
        achievement_rate=total / rated if rated else None,
        budget=Budget(
            planned=sum((s.budget.planned for s in strategies), Decimal(0)),
            final=sum((s.budget.final for s in strategies), Decimal(0)),
            executed=sum((s.budget.executed for s in strategies), Decimal(0)),
        ),
        rated=rated,
    )


_STRATEGY = attrgetter("strategy")
_KEY_PROJECT = attrgetter("key_project")
_STRATEGY_KEY_PROJECT = attrgetter("strategy", "key_project")
_BY_SYSTEM = attrgetter("system")
_BY_STRATEGY = attrgetter("system", "strategy")
_BY_KEY_PROJECT = attrgetter("system", "strategy", "key_project")


def _grouped(
    sub_projects: Iterable[SubProject], key: Callable[[SubProject], _K]
) -> dict[_K, list[SubProject]]:
    """The sub-projects by ``key``, keys in order of first appearance (one pass)."""
    groups: dict[_K, list[SubProject]] = {}
    for sp in sub_projects:
        groups.setdefault(key(sp), []).append(sp)
    return groups


def system_summaries(
    results: Results,
    sub_projects: Sequence[SubProject] | None = None,
    strategies: Sequence[GroupSummary] | None = None,
) -> list[GroupSummary]:
    """Per system present, 사회보장사업 first: of ``sub_projects`` (default: all), made from
    ``strategies`` when the caller has their strategy summaries already (``View``)."""
    if strategies is None:
        pool = results.sub_projects if sub_projects is None else sub_projects
        by_system = _grouped(pool, _BY_SYSTEM)
        return [
            summarise(system, by_system[system])
            for system in results.systems()
            if system in by_system
        ]
    groups: dict[System, list[GroupSummary]] = {}
    for s in strategies:
        groups.setdefault(s.system, []).append(s)
    return [_system_of(system, groups[system]) for system in results.systems() if system in groups]


def strategy_summaries(sub_projects: Sequence[SubProject]) -> list[GroupSummary]:
    """Per (체계, 추진전략), in workbook order of first appearance."""
    groups = _grouped(sub_projects, _BY_STRATEGY)
    return [summarise(system, members, strategy) for (system, strategy), members in groups.items()]


def key_project_summaries(sub_projects: Sequence[SubProject]) -> list[GroupSummary]:
    """Per (체계, 추진전략, 중점사업), in workbook order of first appearance."""
    groups = _grouped(sub_projects, _BY_KEY_PROJECT)
    return [
        summarise(system, members, strategy, key_project)
        for (system, strategy, key_project), members in groups.items()
    ]
