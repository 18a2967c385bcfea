"""The strategies page's drill-down widgets: charts that open a level, the numbers beside
each node, the breadcrumb and the comments about exactly that node."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import partial

import streamlit as st

from lib import comments, figures
from lib import format as fmt
from lib.comments import CommentView
from lib.metrics import budget_sum
from lib.schema import SubProject, System
from lib.status import band_label, band_of, flag_badge
from lib.strings_ko import SYSTEM_FULL_NAME, ChangeText, Common
from lib.strings_ko import StrategiesText as T
from lib.ui.changes import against_short, metric_delta
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.widgets import comment_list
from lib.views import drilldown
from lib.views.drill_changes import DrillChanges
from lib.views.drilldown import Child, DrillPath, Level, RateItem
from lib.views.view import View


def go_to(path: DrillPath) -> None:
    """Open ``path``: kept in the URL (?path=…), so reload and Back return to it."""
    values = drilldown.path_values(path)
    if values:
        st.query_params[Key.PATH] = values
    elif Key.PATH in st.query_params:
        del st.query_params[Key.PATH]


def on_pick(key: str, siblings: Sequence[Child]) -> None:
    """'하위 항목 열기' chose a child: open it."""
    chosen = next((c for c in siblings if c.id == st.session_state.get(key)), None)
    if chosen is not None:
        go_to(chosen.path)


def on_chart_select(key: str, siblings: Sequence[Child]) -> None:
    """A bar was clicked: open it (the next level's chart has its own key, so starts unselected)."""
    state = st.session_state.get(key)
    points = state["selection"]["points"] if state else []
    target = drilldown.resolve_selection(points, siblings)
    if target is not None:
        go_to(target)


def flag_lines(lines: Sequence[str]) -> None:
    """Flags as a list under '점검 표시', one per line (text badges, never colour alone)."""
    if not lines:
        st.markdown(T.NO_FLAGS)
        return
    st.markdown(f"**{T.FLAGS}**\n\n" + "\n".join(f"- {line}" for line in lines))


def comments_beside(
    views: Sequence[CommentView], level: str, name: str, node: comments.Node, heading: str = "###"
) -> None:
    """The comments attached to exactly this node, headed by what they are about."""
    st.markdown(f"{heading} {Common.COMMENTS}")
    st.caption(escape_markdown(T.COMMENTS_ABOUT.format(level=level, name=name)))
    comment_list(comments.about(views, node))


def breadcrumb(path: DrillPath, sub_projects: Sequence[SubProject]) -> None:
    """전체 › 추진전략 › 중점사업 › 세부사업: every step above the node goes back up to it."""
    steps = drilldown.trail(path, sub_projects)
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(f"**{T.BREADCRUMB}**", width="content")
        for depth, (label, step) in enumerate(steps):
            if depth:
                st.markdown(T.SEPARATOR, width="content")
            if step == path:
                st.markdown(f"**{escape_markdown(label)}**", width="content")
                continue
            st.button(
                escape_markdown(label),
                key=f"{Key.DRILL_CRUMB}:{depth}",
                on_click=go_to,
                args=(step,),
                type="tertiary",
                icon=":material/home:" if depth == 0 else ":material/arrow_upward:",
            )


@dataclass(frozen=True)
class Drill:
    """What every level of the drill-down draws from: the run's view, last year's changes
    and whether bars go lowest first."""

    view: View
    changes: DrillChanges
    by_rate: bool

    def rate_with_band(self, rate: Fraction | None) -> str:
        return f"{fmt.percent(rate)} {band_label(band_of(rate, self.view.filter.bands))}".strip()

    def with_change(self, item: RateItem, child: Child) -> RateItem:
        """A bar with its change from last year under the rate, and last year's name after
        its own when it changed (the name line has the chart's whole width)."""
        change = self.changes.change(child.path)
        if change is None:
            return item
        old = self.changes.previous_name(child.path, short=True)
        name = f"{item.name} · {old}" if old else item.name
        return replace(item, name=name, change=against_short(change))

    def option_name(self, child: Child) -> str:
        """A '하위 항목 열기' choice: name, rate and band, and the change from last year."""
        parts = [drilldown.bar_name(child), self.rate_with_band(child.rate)]
        change = self.changes.change(child.path)
        if change is not None:
            parts.append(against_short(change))
        old = self.changes.previous_name(child.path, short=True)
        if old:
            parts.append(old)
        return " · ".join(parts)

    def numbers(
        self, path: DrillPath, system: System | None, members: Sequence[SubProject]
    ) -> None:
        """The node's rate as a big number, what lies beneath it, and its flags."""
        view, shown = self.view, self.view.shown
        rate = drilldown.node_rate(path, shown, system)
        label = Common.RATE
        if path.level is not Level.TOP:
            label = T.RATE.format(level=drilldown.own_level_name(path))
        change = self.changes.change(path, system)
        last_year = self.changes.previous_year
        st.metric(label, fmt.percent(rate), **metric_delta(change, last_year))
        band = band_label(band_of(rate, view.filter.bands))
        lines = [T.RATE_CAPTION.format(band=band) if band else Common.TARGET_100]
        if change is not None and change.previous is not None and last_year is not None:
            previous = fmt.percent(change.previous)
            lines.append(ChangeText.PREVIOUS_RATE.format(year=last_year, rate=previous))
        st.caption("  \n".join(lines))
        renamed = self.changes.previous_name(path)
        if renamed:
            st.markdown(f"**{escape_markdown(renamed)}**")
        counts = drilldown.counts(path, shown, view.results.sub_projects, system)
        st.markdown(
            "\n".join("- " + T.COUNT_LINE.format(label=c.label, count=c.text()) for c in counts)
        )
        if path.level is Level.SUB_PROJECT:
            self.sub_project_numbers(members[0])
            return
        table = view.flagged(members)
        flag_lines(
            [f"{flag_badge(flag)} {fmt.count(len(sps))}" for flag, sps in table.items() if sps]
        )

    def sub_project_numbers(self, sp: SubProject) -> None:
        """A sub-project's flags and budget, and the way to its full page."""
        flag_lines([flag_badge(flag) for flag in self.view.flags_of(sp)])
        st.markdown(
            T.BUDGET.format(
                planned=fmt.thousand_won(sp.budget_planned, unit=False),
                final=fmt.thousand_won(sp.budget_final, unit=False),
                executed=fmt.thousand_won(sp.budget_executed, unit=False),
                rate_label=Common.EXECUTION_RATE,
                rate=fmt.percent(budget_sum([sp]).execution_rate),
            )
        )
        st.page_link(
            PagePath.PROJECTS.script,
            label=T.DETAIL_LINK,
            icon=":material/open_in_new:",
            query_params={Key.PROJECT.value: sp.id},
        )

    def children_chart(
        self,
        path: DrillPath,
        siblings: list[Child],
        system: System | None,
        scale: float | None = None,
    ) -> None:
        """The children's rates (click a bar to open it) and the same choice for the
        keyboard; lowest first unless plan order is chosen; ``scale`` shared by charts shown
        together."""
        bands = self.view.filter.bands
        if self.by_rate:
            siblings = sorted(siblings, key=lambda c: (c.rate is None, c.rate or 0))
        level = drilldown.child_level_name(path, system)
        title, subtitle = T.CHART.format(level=level), ""
        if path.level is Level.TOP and system is not None:
            title, subtitle = SYSTEM_FULL_NAME[system.value], title
        chart_key = drilldown.widget_key(Key.DRILL_CHART, path, system)
        items = [
            self.with_change(item, child)
            for item, child in zip(drilldown.rate_items(siblings, system), siblings, strict=True)
        ]
        st.plotly_chart(
            figures.drill_bars(items, bands, title, subtitle, scale=scale),
            width="stretch",
            key=chart_key,
            on_select=partial(on_chart_select, chart_key, siblings),
            selection_mode="points",
            config={"displayModeBar": False},
            alt=figures.alt_text(f"{title} {subtitle}".strip(), items, bands),
        )
        pick_key = drilldown.widget_key(Key.DRILL_PICK, path, system)
        names = {c.id: self.option_name(c) for c in siblings}
        st.selectbox(
            T.OPEN_CHILD,
            list(names),
            index=None,
            format_func=names.__getitem__,
            placeholder=T.OPEN_PLACEHOLDER.format(level=level),
            key=pick_key,
            on_change=on_pick,
            args=(pick_key, siblings),
        )
