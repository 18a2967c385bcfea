"""Several workbooks at once: years of one district, districts of one year.

Strategies are matched across years by 체계 and name, sub-projects by 체계 and 사업번호;
a sub-project whose name changed is reported as such.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lib import format as fmt
from lib.metrics import strategy_summaries, sub_project_rate, system_summaries
from lib.schema import Results, SubProject, System
from lib.strings_ko import ChangeText

Keep = Callable[[SubProject], bool]  # which sub-projects a view counts (e.g. the shared filter)


@dataclass(frozen=True)
class Catalog:
    """Loaded results, one per (시군구, 연도)."""

    entries: tuple[Results, ...]

    @classmethod
    def of(cls, results: Iterable[Results]) -> Catalog:
        """Keep the last one given for each (시군구, 연도); order by district then year."""
        by_key = {(r.meta.district, r.meta.year): r for r in results}
        return cls(tuple(by_key[k] for k in sorted(by_key)))

    def districts(self) -> list[str]:
        return sorted({r.meta.district for r in self.entries})

    def years(self, district: str | None = None) -> list[int]:
        return sorted(
            {r.meta.year for r in self.entries if district is None or r.meta.district == district}
        )

    def get(self, district: str, year: int) -> Results | None:
        return next(
            (r for r in self.entries if (r.meta.district, r.meta.year) == (district, year)), None
        )

    def previous(self, results: Results) -> Results | None:
        """The same district's nearest earlier year, if loaded."""
        earlier = [y for y in self.years(results.meta.district) if y < results.meta.year]
        return self.get(results.meta.district, max(earlier)) if earlier else None


@dataclass(frozen=True)
class Change:
    """A rate now and in the previous year."""

    current: Fraction | None
    previous: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def arrow(self) -> str:
        """▲ up, ▼ down, ＝ unchanged, '' when either year has no rate."""
        if self.delta is None:
            return ""
        return "▲" if self.delta > 0 else "▼" if self.delta < 0 else "＝"

    @property
    def shown_delta(self) -> Decimal | None:
        """The change as shown (%p, half up to one decimal)."""
        return None if self.delta is None else fmt.round_half_up(self.delta, 1)

    @property
    def shown_arrow(self) -> str:
        """The arrow of the change as shown: a change that rounds to 0.0%p reads ＝, not ▼."""
        shown = self.shown_delta
        if shown is None:
            return ""
        return "▲" if shown > 0 else "▼" if shown < 0 else "＝"


def change_label(change: Change) -> str:
    """``▲ 3.2%p``, ``▼ 0.5%p``, ``＝ 변화 없음``, or why there is no change (전년 없음)."""
    if change.previous is None:
        return ChangeText.NO_PREVIOUS
    if change.current is None:
        return ChangeText.NO_CURRENT
    arrow = change.shown_arrow
    if arrow == "＝":
        return ChangeText.SAME
    return f"{arrow} {fmt.percent_points(change.delta, signed=False)}"


def _pool(results: Results, keep: Keep | None) -> list[SubProject]:
    return [sp for sp in results.sub_projects if keep is None or keep(sp)]


def system_changes(
    current: Results, previous: Results, keep: Keep | None = None
) -> dict[System, Change]:
    """Per system of the current year; ``keep`` narrows both years alike (same filter)."""
    before = {
        s.system: s.achievement_rate for s in system_summaries(previous, _pool(previous, keep))
    }
    return {
        s.system: Change(s.achievement_rate, before.get(s.system))
        for s in system_summaries(current, _pool(current, keep))
    }


def strategy_changes(
    current: Results, previous: Results, keep: Keep | None = None
) -> dict[tuple[System, str], Change]:
    """Per (체계, 추진전략) of the current year, matched by name; ``keep`` as above."""
    before = {
        (s.system, s.strategy): s.achievement_rate
        for s in strategy_summaries(_pool(previous, keep))
    }
    return {
        (s.system, s.strategy or ""): Change(s.achievement_rate, before.get((s.system, s.strategy)))
        for s in strategy_summaries(_pool(current, keep))
    }


def strategy_renames(current: Results, previous: Results) -> dict[tuple[System, str], str]:
    """A guess of which strategies were renamed: (체계, this year's name) → last year's name.

    A strategy with no same-name strategy last year (in its 체계) was renamed from last
    year's strategy X when X's name is gone this year and more than half of this strategy's
    sub-projects (by 사업번호) were under X. When two strategies point at the same X, the one
    with more of X's sub-projects keeps it (a tie keeps neither: a split, not a rename).
    """
    names_now = {(sp.system, sp.strategy) for sp in current.sub_projects}
    names_before = {(sp.system, sp.strategy) for sp in previous.sub_projects}
    strategy_before = {sp.id: sp.strategy for sp in previous.sub_projects}
    codes: dict[tuple[System, str], list[str]] = {}
    for sp in current.sub_projects:
        codes.setdefault((sp.system, sp.strategy), []).append(sp.id)
    claims: dict[tuple[System, str], list[tuple[int, tuple[System, str]]]] = {}
    for (system, name), ids in codes.items():
        if (system, name) in names_before:
            continue
        counted = Counter(
            strategy_before[i]
            for i in ids
            if i in strategy_before and (system, strategy_before[i]) not in names_now
        )
        if not counted:
            continue
        old, shared = counted.most_common(1)[0]
        if 2 * shared > len(ids):
            claims.setdefault((system, old), []).append((shared, (system, name)))
    renames: dict[tuple[System, str], str] = {}
    for (_, old), claimants in claims.items():
        ranked = sorted(claimants, key=lambda c: c[0], reverse=True)
        if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
            renames[ranked[0][1]] = old
    return renames


@dataclass(frozen=True)
class SubProjectChange:
    change: Change
    previous_name: str | None  # the name last year, when it differs; None when the same or new

    @property
    def renamed(self) -> bool:
        return self.previous_name is not None


def sub_project_changes(current: Results, previous: Results) -> dict[str, SubProjectChange]:
    """Per sub-project id (체계/사업번호) of the current year."""
    before = {sp.id: sp for sp in previous.sub_projects}
    changes: dict[str, SubProjectChange] = {}
    for sp in current.sub_projects:
        old = before.get(sp.id)
        changes[sp.id] = SubProjectChange(
            change=Change(sub_project_rate(sp), sub_project_rate(old) if old else None),
            previous_name=old.name if old is not None and old.name != sp.name else None,
        )
    return changes


@dataclass(frozen=True)
class YearChanges:
    """Everything that changed from the previous year, computed once per page run."""

    previous_year: int
    systems: dict[System, Change]  # within ``keep``
    strategies: dict[tuple[System, str], Change]  # within ``keep``, matched by name
    sub_projects: dict[str, SubProjectChange]  # every sub-project, by 체계/사업번호
    strategy_renames: dict[tuple[System, str], str]  # guessed: this year's → last year's name

    def system(self, system: System) -> Change:
        return self.systems.get(system, Change(None, None))

    def strategy(self, system: System, name: str) -> Change:
        return self.strategies.get((system, name), Change(None, None))


def year_changes(current: Results, previous: Results, keep: Keep | None = None) -> YearChanges:
    """System and strategy changes within ``keep`` (both years alike), every sub-project's
    change and the guessed strategy renames."""
    return YearChanges(
        previous_year=previous.meta.year,
        systems=system_changes(current, previous, keep),
        strategies=strategy_changes(current, previous, keep),
        sub_projects=sub_project_changes(current, previous),
        strategy_renames=strategy_renames(current, previous),
    )


@dataclass(frozen=True)
class RatePoint:
    """One point of a trend or comparison chart."""

    district: str
    year: int
    system: System
    rate: Fraction | None


def trend(catalog: Catalog, district: str) -> list[RatePoint]:
    """Each system's rate per year for one district, oldest first."""
    points: list[RatePoint] = []
    for year in catalog.years(district):
        results = catalog.get(district, year)
        assert results is not None
        points += [
            RatePoint(district, year, s.system, s.achievement_rate)
            for s in system_summaries(results)
        ]
    return points


def comparison(
    catalog: Catalog, year: int, districts: Sequence[str] | None = None
) -> list[RatePoint]:
    """Each district's system rates in one year."""
    return [
        RatePoint(results.meta.district, year, s.system, s.achievement_rate)
        for results in catalog.entries
        if results.meta.year == year and (not districts or results.meta.district in districts)
        for s in system_summaries(results)
    ]
