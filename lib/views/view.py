"""One ``View`` per run: the loaded result seen through the shared filter, computed once.

``app.py`` builds it from the chosen workbook, the catalog and the sidebar's ``Filter``; the
CLI builds it the same way. Pages, exports and the CLI summary take it instead of filtering,
flagging and summarising again. Rates themselves are computed once per sub-project by
``lib.metrics.rates``; the view holds what depends on the filter (which sub-projects are
shown, their flags under its thresholds, the level summaries, the change from last year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from lib import format as fmt
from lib.flags import Flag, flags_of
from lib.metrics import (
    GroupSummary,
    rates,
    strategy_summaries,
    system_summaries,
)
from lib.schema import Results, SubProject, System
from lib.views import filters
from lib.views.collection import Catalog, YearChanges, year_changes
from lib.workbook import collector_paused


@dataclass(frozen=True)
class View:
    """What every page and export of one run shows."""

    results: Results
    filter: filters.Filter
    shown: tuple[SubProject, ...]  # the filtered sub-projects, workbook order
    systems: tuple[GroupSummary, ...]  # per system, the shown sub-projects
    systems_all: tuple[GroupSummary, ...]  # per system, the whole workbook
    strategies: tuple[GroupSummary, ...]  # per (체계, 추진전략) shown, 사회보장사업 first
    previous: Results | None = None  # the same district's nearest earlier year, when loaded
    changes: YearChanges | None = None  # against ``previous``, within the filter
    # Every sub-project's flags under the filter's thresholds (``flags_of`` looks them up),
    # by the identity (``id()``) of the loaded workbook's sub-projects, each with its
    # sub-project so a key is checked to be its own: no ``체계/사업번호`` id is made for it.
    _flags_by_object: Mapping[int, tuple[SubProject, tuple[Flag, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(
        cls, results: Results, f: filters.Filter | None = None, catalog: Catalog | None = None
    ) -> View:
        """The view of ``results`` through ``f`` (no narrowing by default), with the change
        from the nearest earlier year of the same district in ``catalog``."""
        f = f or filters.Filter()
        # Every rate is computed here, once (the flags need them all); what is made here
        # stays alive with the result, so the cyclic collector has nothing to find.
        thresholds = f.thresholds
        with collector_paused():
            found = [flags_of(sp, thresholds) for sp in results.sub_projects]
        flags_by_object = {
            id(sp): (sp, flagged) for sp, flagged in zip(results.sub_projects, found, strict=True)
        }
        shown = tuple(filters.apply(results.sub_projects, f)) if f.narrows else results.sub_projects
        strategies_all = strategy_summaries(by_system(results, results.sub_projects))
        systems_all = tuple(system_summaries(results, strategies=strategies_all))
        strategies = strategies_all
        systems = systems_all
        if f.narrows:
            strategies = strategy_summaries(by_system(results, shown))
            systems = tuple(system_summaries(results, strategies=strategies))
        previous = catalog.previous(results) if catalog is not None else None
        changes = None
        if previous is not None:
            changes = year_changes(results, previous, keep=lambda sp: filters.matches(sp, f))
        return cls(
            results=results,
            filter=f,
            shown=shown,
            systems=systems,
            systems_all=systems_all,
            strategies=tuple(strategies),
            previous=previous,
            changes=changes,
            _flags_by_object=flags_by_object,
        )

    def rate(self, sub_project: SubProject) -> Fraction | None:
        return rates(sub_project).achievement

    def rate_value(self, sub_project: SubProject) -> float | None:
        """Its rate as the one-decimal number output (``format.rate_value``), straight from
        the exact pair (≥ 0) the rates hold."""
        return fmt.pair_rate_value(rates(sub_project).achievement_pair)

    def flags_of(self, sub_project: SubProject) -> tuple[Flag, ...]:
        """Its flags under the filter's thresholds (looked up for the loaded workbook)."""
        kept = self._flags_by_object.get(id(sub_project))
        if kept is not None and kept[0] is sub_project:
            return kept[1]
        return flags_of(sub_project, self.filter.thresholds)  # e.g. last year's

    def flagged(
        self, sub_projects: Iterable[SubProject] | None = None
    ) -> dict[Flag, list[SubProject]]:
        """Every flag (all keys present) → its sub-projects among ``sub_projects`` (default:
        the shown ones), in the order given."""
        table: dict[Flag, list[SubProject]] = {flag: [] for flag in Flag}
        for sp in self.shown if sub_projects is None else sub_projects:
            for flag in self.flags_of(sp):
                table[flag].append(sp)
        return table

    def in_system(self, system: System) -> list[SubProject]:
        return [sp for sp in self.shown if sp.system is system]


def by_system(results: Results, sub_projects: Iterable[SubProject]) -> list[SubProject]:
    """The sub-projects grouped by system (사회보장사업 first), workbook order within each."""
    pool = list(sub_projects)
    return [sp for system in results.systems() for sp in pool if sp.system is system]
