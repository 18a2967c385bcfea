"""Each drill-down node's change from last year, and the name it had then (전략별 성과)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lib.schema import SubProject, System
from lib.strings_ko import ChangeText
from lib.views import drilldown, filters
from lib.views.collection import Change, YearChanges
from lib.views.drilldown import DrillPath, Level
from lib.views.view import View


@dataclass(frozen=True)
class DrillChanges:
    """The change from the previous year of every node the strategies page can show."""

    changes: YearChanges | None  # None without an earlier year loaded
    shown: Sequence[SubProject]  # this year's sub-projects within the filter
    shown_before: Sequence[SubProject]  # last year's, within the same filter

    @classmethod
    def of(cls, view: View) -> DrillChanges:
        before = view.previous if view.changes is not None else None
        shown_before = filters.apply(before.sub_projects, view.filter) if before else []
        return cls(view.changes, view.shown, shown_before)

    @property
    def previous_year(self) -> int | None:
        return self.changes.previous_year if self.changes is not None else None

    def change(self, path: DrillPath, system: System | None = None) -> Change | None:
        """The node's change from last year: systems and strategies matched by name within
        the filter, key projects by their rates within it, sub-projects by 사업번호; None
        without an earlier year (or for the top level without a system)."""
        changes = self.changes
        if changes is None:
            return None
        if path.level is Level.SUB_PROJECT:
            found = changes.sub_projects.get(path.sub_project_id or "")
            return found.change if found is not None else None
        if path.level is Level.TOP:
            return changes.system(system) if system is not None else None
        if path.level is Level.STRATEGY and path.system is not None:
            return changes.strategy(path.system, path.strategy or "")
        return Change(
            drilldown.node_rate(path, self.shown, system),
            drilldown.node_rate(path, self.shown_before, system),
        )

    def previous_name(self, path: DrillPath, short: bool = False) -> str | None:
        """ "전년 이름: …" when the node's name changed from last year (a sub-project's by its
        사업번호; a strategy's is a guess from its sub-projects, and says so)."""
        changes = self.changes
        if changes is None:
            return None
        if path.level is Level.SUB_PROJECT:
            found = changes.sub_projects.get(path.sub_project_id or "")
            if found is not None and found.previous_name is not None:
                return ChangeText.PREVIOUS_NAME.format(name=found.previous_name)
            return None
        if path.level is Level.STRATEGY and path.system is not None:
            old = changes.strategy_renames.get((path.system, path.strategy or ""))
            guess = (
                ChangeText.PREVIOUS_NAME_GUESS_SHORT if short else ChangeText.PREVIOUS_NAME_GUESS
            )
            return guess.format(name=old) if old else None
        return None
