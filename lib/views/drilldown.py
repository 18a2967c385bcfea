"""Drill-down through the strategy tree: 추진전략 → 중점사업 → 세부사업 → 성과지표.

Pure helpers for the 전략별 성과 page: where the user is (``DrillPath``), what lies one level
below (``children``), which child a chart click named (``resolve_selection``), whether the
shared filter still holds the node (``still_shown``), and the numbers and table rows shown
at each level. No streamlit here.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction
from typing import Any

from lib import format as fmt
from lib.comments import Node
from lib.metrics import mean_rate, rates, sub_project_rate
from lib.schema import SYSTEM_ORDER, Direction, SubProject, System
from lib.status import BandBounds
from lib.strings_ko import LEVEL_NAMES
from lib.strings_ko import StrategiesText as T
from lib.views import tables


@dataclass(frozen=True)
class RateItem:
    """One bar: an id to drill into (customdata), its name and exact rate."""

    id: str
    name: str
    rate: Fraction | None
    note: str = ""  # e.g. "세부사업 6개", shown in the hover
    change: str = ""  # e.g. "전년(2023) 대비 ▲ 2.1%p": lines under the rate label


class Level(IntEnum):
    """How deep the user is; each level's chart shows the level below it."""

    TOP = 0  # strategies of each system
    STRATEGY = 1  # key projects (대표과업) of one strategy
    KEY_PROJECT = 2  # sub-projects (세부과업) of one key project
    SUB_PROJECT = 3  # indicators (성과지표) of one sub-project


# What the bars at each level are, as LEVEL_NAMES keys (성과지표 is the same in both systems).
_CHILD_LEVEL = {
    Level.TOP: "strategy",
    Level.STRATEGY: "key_project",
    Level.KEY_PROJECT: "sub_project",
}
_OWN_LEVEL = {
    Level.STRATEGY: "strategy",
    Level.KEY_PROJECT: "key_project",
    Level.SUB_PROJECT: "sub_project",
}


@dataclass(frozen=True)
class DrillPath:
    """Where the user is in the tree; all fields empty is the top (every strategy)."""

    system: System | None = None
    strategy: str | None = None
    key_project: str | None = None
    sub_project_id: str | None = None  # 체계/사업번호

    @property
    def level(self) -> Level:
        if self.sub_project_id is not None:
            return Level.SUB_PROJECT
        if self.key_project is not None:
            return Level.KEY_PROJECT
        if self.strategy is not None:
            return Level.STRATEGY
        return Level.TOP

    @property
    def node(self) -> Node:
        """The comment node this path names (the top is the whole workbook)."""
        return Node(self.system, self.strategy, self.key_project, self.sub_project_id)

    def up_to(self, level: Level) -> DrillPath:
        """This path cut back to ``level`` (no deeper than it already is)."""
        if level >= self.level:
            return self
        if level is Level.TOP:
            return DrillPath()
        if level is Level.STRATEGY:
            return DrillPath(self.system, self.strategy)
        return DrillPath(self.system, self.strategy, self.key_project)

    def ancestors(self) -> list[DrillPath]:
        """From the top down to this path, inclusive."""
        return [self.up_to(Level(depth)) for depth in range(self.level + 1)]

    def holds(self, sub_project: SubProject) -> bool:
        """Whether the sub-project lies under this node."""
        level = self.level
        if level is Level.TOP:
            return True
        if sub_project.system is not self.system or sub_project.strategy != self.strategy:
            return False
        if level >= Level.KEY_PROJECT and sub_project.key_project != self.key_project:
            return False
        return level < Level.SUB_PROJECT or sub_project.id == self.sub_project_id

    @classmethod
    def of(cls, sub_project: SubProject) -> DrillPath:
        return cls(
            sub_project.system, sub_project.strategy, sub_project.key_project, sub_project.id
        )


def under(path: DrillPath, sub_projects: Sequence[SubProject]) -> list[SubProject]:
    """The sub-projects under the node (폐지 ones included), in workbook order."""
    return [sp for sp in sub_projects if path.holds(sp)]


def still_shown(path: DrillPath, sub_projects: Sequence[SubProject]) -> bool:
    """Whether the filtered sub-projects still hold the node (the top always is)."""
    return path.level is Level.TOP or bool(under(path, sub_projects))


def systems_shown(sub_projects: Sequence[SubProject]) -> list[System]:
    """Systems with at least one sub-project, 사회보장사업 first."""
    present = {sp.system for sp in sub_projects}
    return [s for s in SYSTEM_ORDER if s in present]


@dataclass(frozen=True)
class Child:
    """One bar one level below the current node: where clicking it leads, and its numbers."""

    id: str  # customdata[0] of its bar; unique among its siblings
    name: str
    path: DrillPath
    rate: Fraction | None
    sub_projects: int  # counted (not 폐지) sub-projects beneath it
    abolished: bool = False  # a 폐지 sub-project: listed, never rated


def _group_child(path: DrillPath, members: Sequence[SubProject], name: str) -> Child:
    counted = [sp for sp in members if not sp.abolished]
    return Child(
        id="/".join(p for p in (path.system, path.strategy, path.key_project) if p is not None),
        name=name,
        path=path,
        rate=mean_rate(counted),
        sub_projects=len(counted),
    )


def children(
    path: DrillPath, sub_projects: Sequence[SubProject], system: System | None = None
) -> list[Child]:
    """The nodes one level below ``path`` among ``sub_projects``, in workbook order.

    At the top, ``system`` picks one system's strategies (ids are ``체계/추진전략``, so the
    same strategy name in both systems stays two bars). A sub-project has no child nodes:
    its indicators are shown, not drilled into.
    """
    level = path.level
    members = under(path, sub_projects)
    if level is Level.TOP:
        keys = dict.fromkeys(
            (sp.system, sp.strategy) for sp in members if system is None or sp.system is system
        )
        return [
            _group_child(
                DrillPath(s, strategy),
                [sp for sp in members if (sp.system, sp.strategy) == (s, strategy)],
                strategy,
            )
            for s, strategy in keys
        ]
    if level is Level.STRATEGY:
        names = dict.fromkeys(sp.key_project for sp in members)
        return [
            _group_child(
                DrillPath(path.system, path.strategy, key_project),
                [sp for sp in members if sp.key_project == key_project],
                key_project,
            )
            for key_project in names
        ]
    if level is Level.KEY_PROJECT:
        return [
            Child(
                id=sp.id,
                name=sp.name,
                path=DrillPath.of(sp),
                rate=sub_project_rate(sp),
                sub_projects=0 if sp.abolished else 1,
                abolished=sp.abolished,
            )
            for sp in members
        ]
    return []


def _squash(text: str) -> str:
    return "".join(html.unescape(text.replace("<br>", " ")).split())


def resolve_selection(
    points: Sequence[Mapping[str, Any]], siblings: Sequence[Child]
) -> DrillPath | None:
    """The child a chart selection names, or None.

    Reads the first point's ``customdata[0]`` (the child's id); only where a point lacks
    it (e.g. a click reported on a bar's text label) falls back to the point's index among
    the bars, then to its category label (``y``, possibly wrapped with ``<br>``).
    """
    if not points:
        return None
    point = points[0]
    by_id = {c.id: c for c in siblings}
    custom = point.get("customdata")
    first = custom[0] if isinstance(custom, list | tuple) and custom else custom
    if isinstance(first, str):
        # An id that names no sibling is a stale or foreign point: go nowhere.
        return by_id[first].path if first in by_id else None
    for key in ("point_index", "point_number", "pointIndex", "pointNumber"):
        index = point.get(key)
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(siblings):
            return siblings[index].path
    label = point.get("y")
    if isinstance(label, str):
        wanted = _squash(label)
        matches = [c for c in siblings if _squash(bar_name(c)) == wanted]
        if not matches:
            matches = [c for c in siblings if _squash(c.name) == wanted]
        if len(matches) == 1:
            return matches[0].path
    return None


def level_name(system: System | None, key: str) -> str:
    """추진전략 / 중점사업 (대표과업) / 세부사업 (세부과업) as the system calls it."""
    names = LEVEL_NAMES[(system or System.SOCIAL_SECURITY).value]
    return T.INDICATOR if key == "indicator" else names[key]


def own_level_name(path: DrillPath) -> str:
    """What the node itself is called (the top: the system or 전체)."""
    if path.level is Level.TOP:
        return T.ROOT
    return level_name(path.system, _OWN_LEVEL[path.level])


def child_level_name(path: DrillPath, system: System | None = None) -> str:
    """What the bars below the node are called (성과지표 under a sub-project)."""
    if path.level is Level.SUB_PROJECT:
        return T.INDICATOR
    return level_name(path.system or system, _CHILD_LEVEL[path.level])


def bar_name(child: Child) -> str:
    """A bar's label: the name, marked when the sub-project is 폐지."""
    return f"{child.name} ({T.ABOLISHED})" if child.abolished else child.name


def rate_items(siblings: Sequence[Child], system: System | None = None) -> list[RateItem]:
    """The bars of one chart; ``customdata[0]`` is each child's id."""
    items: list[RateItem] = []
    for child in siblings:
        if child.path.level is Level.SUB_PROJECT:
            note = T.ABOLISHED_NOTE if child.abolished else child.path.sub_project_id or ""
        else:
            label = level_name(child.path.system or system, "sub_project")
            note = T.HOVER_NOTE.format(label=label, count=fmt.count(child.sub_projects))
        items.append(RateItem(id=child.id, name=bar_name(child), rate=child.rate, note=note))
    return items


def indicator_items(sub_project: SubProject) -> list[RateItem]:
    """One bar per indicator (id: its Excel row in sheet 시행결과)."""
    return [
        RateItem(
            id=str(indicator.row),
            name=indicator.name,
            rate=rate,
            note=f"{fmt.plain_number(indicator.actual)} / {fmt.plain_number(indicator.target)}"
            + (f" {indicator.unit}" if indicator.unit else ""),
        )
        for indicator, rate in zip(
            sub_project.indicators, rates(sub_project).indicators, strict=True
        )
    ]


@dataclass(frozen=True)
class Count:
    """One "중점사업 10개 중 3개" line: what is counted, shown and in all."""

    label: str
    shown: int
    total: int

    def text(self) -> str:
        return fmt.count(self.shown, self.total)


def _distinct(sub_projects: Sequence[SubProject], key: str) -> int:
    counted = [sp for sp in sub_projects if not sp.abolished]
    if key == "strategy":
        return len({(sp.system, sp.strategy) for sp in counted})
    if key == "key_project":
        return len({(sp.system, sp.strategy, sp.key_project) for sp in counted})
    return len(counted)


def counts(
    path: DrillPath,
    shown: Sequence[SubProject],
    everything: Sequence[SubProject],
    system: System | None = None,
) -> list[Count]:
    """What lies beneath the node, filtered against unfiltered ("10개 중 3개").

    ``system`` narrows the top to one system. Under a sub-project: its indicators.
    """
    scope = DrillPath(system) if path.level is Level.TOP and system is not None else path

    def pick(pool: Sequence[SubProject]) -> list[SubProject]:
        if scope.level is Level.TOP and scope.system is not None:
            return [sp for sp in pool if sp.system is scope.system]
        return under(scope, pool)

    mine, all_of_it = pick(shown), pick(everything)
    if path.level is Level.SUB_PROJECT:
        n = sum(len(sp.indicators) for sp in mine)
        return [Count(T.INDICATOR, n, n)]
    keys = ("strategy", "key_project", "sub_project")[path.level :]
    return [
        Count(
            level_name(path.system or system, key), _distinct(mine, key), _distinct(all_of_it, key)
        )
        for key in keys
    ]


def node_rate(
    path: DrillPath, sub_projects: Sequence[SubProject], system: System | None = None
) -> Fraction | None:
    """The node's own rate over the (filtered) sub-projects beneath it."""
    if path.level is Level.TOP:
        return mean_rate(sp for sp in sub_projects if system is None or sp.system is system)
    members = under(path, sub_projects)
    if path.level is Level.SUB_PROJECT:
        return sub_project_rate(members[0]) if members else None
    return mean_rate(members)


def node_name(path: DrillPath, sub_projects: Sequence[SubProject]) -> str:
    """How the node reads: strategy, key project or sub-project name (the top: 전체)."""
    if path.level is Level.SUB_PROJECT:
        found = next((sp for sp in sub_projects if sp.id == path.sub_project_id), None)
        return found.name if found is not None else str(path.sub_project_id)
    return path.key_project or path.strategy or T.ROOT


def trail(path: DrillPath, sub_projects: Sequence[SubProject]) -> list[tuple[str, DrillPath]]:
    """The breadcrumb: (label, path) from 전체 down to the node."""
    return [(node_name(step, sub_projects), step) for step in path.ancestors()]


@dataclass(frozen=True)
class IndicatorLine:
    """One row of the 전략별 성과 page's 목표 / 실적 / 달성률 / 방향 table."""

    name: str
    unit: str
    target: str
    actual: str
    rate: str
    direction: str


def indicator_rows(sub_project: SubProject, bands: BandBounds) -> list[IndicatorLine]:
    """``tables.indicator_rows`` worded for this page: rate with its band, the direction
    explained."""
    return [
        IndicatorLine(
            name=row.indicator.name,
            unit=row.indicator.unit or "",
            target=fmt.plain_number(row.indicator.target),
            actual=fmt.plain_number(row.indicator.actual),
            rate=f"{row.rate_text} {row.band}".strip(),
            direction=T.DIRECTION_DOWN
            if row.indicator.direction is Direction.DOWN
            else T.DIRECTION_UP,
        )
        for row in tables.indicator_rows(sub_project, bands)
    ]


def widget_key(prefix: str, path: DrillPath, system: System | None = None) -> str:
    """A widget key unique to the node (and system), so each level's chart starts unselected."""
    parts = (path.system, path.strategy, path.key_project, path.sub_project_id, system)
    token = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}:{hashlib.sha1(token.encode()).hexdigest()[:12]}"


def path_values(path: DrillPath) -> list[str]:
    """The path as URL values (``?path=체계&path=추진전략…``), top first; [] at the top."""
    values = [path.system.value if path.system else None, path.strategy, path.key_project]
    values.append(path.sub_project_id)
    return [v for v in values if v is not None]


def path_from_values(values: Sequence[str], sub_projects: Sequence[SubProject]) -> DrillPath | None:
    """The path URL values name, or None when they name nothing in ``sub_projects``."""
    if not 2 <= len(values) <= 4:
        return None
    try:
        system = System(values[0])
    except ValueError:
        return None
    rest: list[str | None] = [*values[1:], None, None, None]
    path = DrillPath(system, rest[0], rest[1], rest[2])
    return path if path.level == len(values) - 1 and still_shown(path, sub_projects) else None
