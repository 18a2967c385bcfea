"""Several workbooks at once: years of one district, districts of one year.

Strategies are matched across years by 체계 and name, sub-projects by 체계 and 사업번호;
a sub-project whose name changed is reported as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from lib.metrics import strategy_summaries, sub_project_rate, system_summaries
from lib.schema import Results, System


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


def system_changes(current: Results, previous: Results) -> dict[System, Change]:
    before = {s.system: s.achievement_rate for s in system_summaries(previous)}
    return {
        s.system: Change(s.achievement_rate, before.get(s.system))
        for s in system_summaries(current)
    }


def strategy_changes(current: Results, previous: Results) -> dict[tuple[System, str], Change]:
    """Per (체계, 추진전략) of the current year, matched by name."""
    before = {
        (s.system, s.strategy): s.achievement_rate
        for s in strategy_summaries(previous.sub_projects)
    }
    return {
        (s.system, s.strategy or ""): Change(s.achievement_rate, before.get((s.system, s.strategy)))
        for s in strategy_summaries(current.sub_projects)
    }


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
