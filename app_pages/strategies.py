"""전략별 성과: drill down 추진전략 → 중점사업 → 세부사업 → 성과지표, comments beside each level."""

from collections.abc import Sequence
from fractions import Fraction
from functools import partial

import streamlit as st

from lib import comments, drilldown, figures, filters
from lib import format as fmt
from lib.drilldown import Child, DrillPath, Level
from lib.flags import flagged, flags_of
from lib.metrics import budget_sum
from lib.schema import SubProject, System
from lib.status import band_label, band_of, flag_badge
from lib.strings_ko import SYSTEM_FULL_NAME, Common
from lib.strings_ko import StrategiesText as T
from lib.ui.data import current_results
from lib.ui.filters import current_filter
from lib.ui.keys import Key
from lib.ui.reviews import comment_views
from lib.ui.widgets import comment_list, escape_markdown, filter_line, provenance

results = current_results()
f = current_filter()
shown = filters.apply(results.sub_projects, f)
views = comment_views(results)


def go_to(path: DrillPath) -> None:
    st.session_state[Key.DRILL] = path


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


def rate_with_band(rate: Fraction | None) -> str:
    return f"{fmt.percent(rate)} {band_label(band_of(rate, f.bands))}".strip()


def numbers(path: DrillPath, system: System | None, members: Sequence[SubProject]) -> None:
    """The node's rate as a big number, what lies beneath it, and its flags."""
    rate = drilldown.node_rate(path, shown, system)
    label = Common.RATE
    if path.level is not Level.TOP:
        label = T.RATE.format(level=drilldown.own_level_name(path))
    st.metric(label, fmt.percent(rate))
    band = band_label(band_of(rate, f.bands))
    st.caption(T.RATE_CAPTION.format(band=band) if band else Common.TARGET_100)
    st.markdown(
        "\n".join(
            "- " + T.COUNT_LINE.format(label=c.label, count=c.text())
            for c in drilldown.counts(path, shown, results.sub_projects, system)
        )
    )
    if path.level is Level.SUB_PROJECT:
        sp = members[0]
        flag_lines([flag_badge(flag) for flag in flags_of(sp, f.thresholds)])
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
            "app_pages/projects.py",
            label=T.DETAIL_LINK,
            icon=":material/open_in_new:",
            query_params={"project": sp.id},
        )
        return
    table = flagged(list(members), f.thresholds)
    flag_lines([f"{flag_badge(flag)} {fmt.count(len(sps))}" for flag, sps in table.items() if sps])


def children_chart(path: DrillPath, siblings: list[Child], system: System | None) -> None:
    """The children's rates (click a bar to open it) and the same choice for the keyboard."""
    level = drilldown.child_level_name(path, system)
    title, subtitle = T.CHART.format(level=level), ""
    if path.level is Level.TOP and system is not None:
        title, subtitle = SYSTEM_FULL_NAME[system.value], title
    chart_key = drilldown.widget_key(Key.DRILL_CHART, path, system)
    st.plotly_chart(
        figures.drill_bars(drilldown.rate_items(siblings, system), f.bands, title, subtitle),
        width="stretch",
        key=chart_key,
        on_select=partial(on_chart_select, chart_key, siblings),
        selection_mode="points",
        config={"displayModeBar": False},
        alt=f"{title} {subtitle}".strip(),
    )
    pick_key = drilldown.widget_key(Key.DRILL_PICK, path, system)
    names = {c.id: f"{drilldown.bar_name(c)} · {rate_with_band(c.rate)}" for c in siblings}
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


def comments_beside(level: str, name: str, node: comments.Node) -> None:
    """The comments attached to exactly this node, headed by what they are about."""
    st.markdown(f"#### {Common.COMMENTS}")
    st.caption(escape_markdown(T.COMMENTS_ABOUT.format(level=level, name=name)))
    comment_list(comments.about(views, node))


def breadcrumb(path: DrillPath) -> None:
    """전체 › 추진전략 › 중점사업 › 세부사업: every step above the node goes back up to it."""
    steps = drilldown.trail(path, results.sub_projects)
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


def top_level() -> None:
    systems = [f.system] if f.system else drilldown.systems_shown(shown)
    for system in systems:
        with st.container(border=True):
            chart_col, side_col = st.columns([3, 2], gap="large")
            with chart_col:
                children_chart(DrillPath(), drilldown.children(DrillPath(), shown, system), system)
            with side_col:
                numbers(DrillPath(), system, [sp for sp in shown if sp.system is system])
                comments_beside(
                    T.SYSTEM, SYSTEM_FULL_NAME[system.value], comments.Node(system=system)
                )


def group_level(path: DrillPath) -> None:
    members = drilldown.under(path, shown)
    own = drilldown.own_level_name(path)
    name = escape_markdown(drilldown.node_name(path, shown))
    st.subheader(T.NODE_HEADER.format(level=own, name=name), anchor=False)
    chart_col, side_col = st.columns([3, 2], gap="large")
    with chart_col:
        children_chart(path, drilldown.children(path, shown), path.system)
    with side_col:
        numbers(path, path.system, members)
        comments_beside(own, drilldown.node_name(path, shown), path.node)


def sub_project_level(path: DrillPath) -> None:
    members = drilldown.under(path, shown)
    sp = members[0]
    own = drilldown.own_level_name(path)
    st.subheader(T.NODE_HEADER.format(level=own, name=escape_markdown(sp.name)), anchor=False)
    if sp.abolished:
        st.info(T.ABOLISHED_NOTE, icon="ℹ️")
    chart_col, side_col = st.columns([3, 2], gap="large")
    with chart_col:
        st.plotly_chart(
            figures.drill_bars(drilldown.indicator_items(sp), f.bands, T.INDICATOR_CHART),
            width="stretch",
            key=drilldown.widget_key(Key.DRILL_CHART, path),
            config={"displayModeBar": False},
            alt=T.INDICATOR_CHART,
        )
        st.plotly_chart(
            figures.target_actual_panels(sp.indicators, T.TARGET_VS_ACTUAL),
            width="stretch",
            config={"displayModeBar": False},
            alt=T.TARGET_VS_ACTUAL,
        )
    with side_col:
        numbers(path, path.system, members)
        comments_beside(own, drilldown.node_name(path, shown), path.node)
    st.markdown(f"#### {T.TABLE_TITLE}")
    rows = drilldown.indicator_rows(sp, f.bands)
    st.table(
        {
            T.TABLE_NAME: [r.name for r in rows],
            T.TABLE_UNIT: [r.unit for r in rows],
            T.TABLE_TARGET: [r.target for r in rows],
            T.TABLE_ACTUAL: [r.actual for r in rows],
            T.TABLE_RATE: [r.rate for r in rows],
            T.TABLE_DIRECTION: [r.direction for r in rows],
        },
        hide_index=True,
    )


st.title(T.TITLE)
provenance(results)
filter_line(results, f, key=Key.STRATEGIES_CLEAR)
if not shown:
    st.warning(Common.EMPTY_FILTERED)
    st.stop()

path = st.session_state.get(Key.DRILL)
if not isinstance(path, DrillPath):
    path = DrillPath()
if not drilldown.still_shown(path, shown):
    name = escape_markdown(drilldown.node_name(path, results.sub_projects))
    st.info(T.RESET_NOTICE.format(name=name), icon="↩️")
    path = DrillPath()
    go_to(path)

breadcrumb(path)
st.caption(escape_markdown(T.HOW_TO))
if path.level is Level.TOP:
    top_level()
elif path.level is Level.SUB_PROJECT:
    sub_project_level(path)
else:
    group_level(path)
