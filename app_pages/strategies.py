"""전략별 성과: drill down 추진전략 → 중점사업 → 세부사업 → 성과지표, comments beside each level;
with an earlier year loaded, each rate's change from it (▲/▼) and the names that changed."""

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from functools import partial

import streamlit as st

from lib import comments, figures
from lib import format as fmt
from lib.metrics import budget_sum
from lib.schema import SubProject, System
from lib.status import band_label, band_of, flag_badge
from lib.strings_ko import SYSTEM_FULL_NAME, ChangeText, Common
from lib.strings_ko import StrategiesText as T
from lib.ui.changes import against_short, metric_delta
from lib.ui.data import current_catalog, current_view
from lib.ui.keys import Key, PagePath
from lib.ui.reviews import comment_views
from lib.ui.widgets import by_rate_order, comment_list, escape_markdown, filter_line, provenance
from lib.views import drilldown, filters
from lib.views.collection import Change
from lib.views.drilldown import Child, DrillPath, Level

view = current_view()
results, f, shown = view.results, view.filter, list(view.shown)
catalog = current_catalog()
views = comment_views(results)
changes = view.changes
before = catalog.previous(results) if changes is not None else None
shown_before = filters.apply(before.sub_projects, f) if before is not None else []


def change_of(path: DrillPath, system: System | None = None) -> Change | None:
    """The node's change from last year: systems and strategies (and key projects) matched
    by name within the filter, sub-projects by 사업번호; None without an earlier year."""
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
        drilldown.node_rate(path, shown, system), drilldown.node_rate(path, shown_before, system)
    )


def previous_name(path: DrillPath, short: bool = False) -> str | None:
    """ "전년 이름: …" when the node's name changed from last year (a sub-project's by its
    사업번호; a strategy's is a guess from its sub-projects, and says so)."""
    if changes is None:
        return None
    if path.level is Level.SUB_PROJECT:
        found = changes.sub_projects.get(path.sub_project_id or "")
        if found is not None and found.previous_name is not None:
            return ChangeText.PREVIOUS_NAME.format(name=found.previous_name)
        return None
    if path.level is Level.STRATEGY and path.system is not None:
        old = changes.strategy_renames.get((path.system, path.strategy or ""))
        guess = ChangeText.PREVIOUS_NAME_GUESS_SHORT if short else ChangeText.PREVIOUS_NAME_GUESS
        return guess.format(name=old) if old else None
    return None


def with_change(item: figures.RateItem, child: Child) -> figures.RateItem:
    """A bar with its change from last year under the rate, and last year's name after its
    own when it changed (the name line has the chart's whole width)."""
    change = change_of(child.path)
    if change is None:
        return item
    old = previous_name(child.path, short=True)
    return replace(
        item, name=f"{item.name} · {old}" if old else item.name, change=against_short(change)
    )


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


def rate_with_band(rate: Fraction | None) -> str:
    return f"{fmt.percent(rate)} {band_label(band_of(rate, f.bands))}".strip()


def option_name(child: Child) -> str:
    """A '하위 항목 열기' choice: name, rate and band, and the change from last year."""
    parts = [drilldown.bar_name(child), rate_with_band(child.rate)]
    change = change_of(child.path)
    if change is not None:
        parts.append(against_short(change))
    old = previous_name(child.path, short=True)
    if old:
        parts.append(old)
    return " · ".join(parts)


def numbers(path: DrillPath, system: System | None, members: Sequence[SubProject]) -> None:
    """The node's rate as a big number, what lies beneath it, and its flags."""
    rate = drilldown.node_rate(path, shown, system)
    label = Common.RATE
    if path.level is not Level.TOP:
        label = T.RATE.format(level=drilldown.own_level_name(path))
    change = change_of(path, system)
    last_year = changes.previous_year if changes is not None else None
    st.metric(label, fmt.percent(rate), **metric_delta(change, last_year))
    band = band_label(band_of(rate, f.bands))
    lines = [T.RATE_CAPTION.format(band=band) if band else Common.TARGET_100]
    if change is not None and change.previous is not None and last_year is not None:
        lines.append(
            ChangeText.PREVIOUS_RATE.format(year=last_year, rate=fmt.percent(change.previous))
        )
    st.caption("  \n".join(lines))
    renamed = previous_name(path)
    if renamed:
        st.markdown(f"**{escape_markdown(renamed)}**")
    st.markdown(
        "\n".join(
            "- " + T.COUNT_LINE.format(label=c.label, count=c.text())
            for c in drilldown.counts(path, shown, results.sub_projects, system)
        )
    )
    if path.level is Level.SUB_PROJECT:
        sp = members[0]
        flag_lines([flag_badge(flag) for flag in view.flags_of(sp)])
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
        return
    table = view.flagged(members)
    flag_lines([f"{flag_badge(flag)} {fmt.count(len(sps))}" for flag, sps in table.items() if sps])


def children_chart(
    path: DrillPath, siblings: list[Child], system: System | None, scale: float | None = None
) -> None:
    """The children's rates (click a bar to open it) and the same choice for the keyboard;
    lowest first unless plan order is chosen; ``scale`` shared by charts shown together."""
    if BY_RATE:
        siblings = sorted(siblings, key=lambda c: (c.rate is None, c.rate or 0))
    level = drilldown.child_level_name(path, system)
    title, subtitle = T.CHART.format(level=level), ""
    if path.level is Level.TOP and system is not None:
        title, subtitle = SYSTEM_FULL_NAME[system.value], title
    chart_key = drilldown.widget_key(Key.DRILL_CHART, path, system)
    items = [
        with_change(item, child)
        for item, child in zip(drilldown.rate_items(siblings, system), siblings, strict=True)
    ]
    st.plotly_chart(
        figures.drill_bars(items, f.bands, title, subtitle, scale=scale),
        width="stretch",
        key=chart_key,
        on_select=partial(on_chart_select, chart_key, siblings),
        selection_mode="points",
        config={"displayModeBar": False},
        alt=figures.alt_text(f"{title} {subtitle}".strip(), items, f.bands),
    )
    pick_key = drilldown.widget_key(Key.DRILL_PICK, path, system)
    names = {c.id: option_name(c) for c in siblings}
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


def comments_beside(level: str, name: str, node: comments.Node, heading: str = "###") -> None:
    """The comments attached to exactly this node, headed by what they are about."""
    st.markdown(f"{heading} {Common.COMMENTS}")
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
    kids = {s: drilldown.children(DrillPath(), shown, s) for s in systems}
    scale = max([100.0, *(float(c.rate) for cs in kids.values() for c in cs if c.rate)])
    for system in systems:
        with st.container(border=True):
            children_chart(DrillPath(), kids[system], system, scale)  # full width, titled
            numbers_col, comments_col = st.columns([2, 3], gap="large")
            with numbers_col:
                numbers(DrillPath(), system, [sp for sp in shown if sp.system is system])
            with comments_col:
                comments_beside(
                    T.SYSTEM,
                    SYSTEM_FULL_NAME[system.value],
                    comments.Node(system=system),
                    heading="##",  # right under the page's title
                )


def group_level(path: DrillPath) -> None:
    members = drilldown.under(path, shown)
    own = drilldown.own_level_name(path)
    name = escape_markdown(drilldown.node_name(path, shown))
    st.header(T.NODE_HEADER.format(level=own, name=name), anchor=False)
    children_chart(path, drilldown.children(path, shown), path.system)  # full width
    numbers_col, comments_col = st.columns([2, 3], gap="large")
    with numbers_col:
        numbers(path, path.system, members)
    with comments_col:
        comments_beside(own, drilldown.node_name(path, shown), path.node)


def sub_project_level(path: DrillPath) -> None:
    members = drilldown.under(path, shown)
    sp = members[0]
    own = drilldown.own_level_name(path)
    st.header(T.NODE_HEADER.format(level=own, name=escape_markdown(sp.name)), anchor=False)
    if sp.abolished:
        st.info(T.ABOLISHED_NOTE, icon=":material/info:")
    indicators = drilldown.indicator_items(sp)
    st.plotly_chart(
        figures.drill_bars(indicators, f.bands, T.INDICATOR_CHART),
        width="stretch",
        key=drilldown.widget_key(Key.DRILL_CHART, path),
        config={"displayModeBar": False},
        alt=figures.alt_text(T.INDICATOR_CHART, indicators, f.bands),
    )
    numbers_col, comments_col = st.columns([2, 3], gap="large")
    with numbers_col:
        numbers(path, path.system, members)
    with comments_col:
        comments_beside(own, drilldown.node_name(path, shown), path.node)
    st.plotly_chart(
        figures.target_actual_panels(sp.indicators, T.TARGET_VS_ACTUAL),
        width="stretch",
        config={"displayModeBar": False},
        alt=T.TARGET_VS_ACTUAL,
    )
    st.markdown(f"### {T.TABLE_TITLE}")
    rows = drilldown.indicator_rows(sp, f.bands)
    st.table(  # st.table renders markdown: names and units from the workbook are escaped
        {
            T.TABLE_NAME: [escape_markdown(r.name) for r in rows],
            T.TABLE_UNIT: [escape_markdown(r.unit) for r in rows],
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
if changes is not None and f.narrows:
    st.caption(ChangeText.FILTER_NOTE)
if not shown:
    st.warning(Common.EMPTY_FILTERED)
    st.stop()

path = drilldown.path_from_values(st.query_params.get_all(Key.PATH), results.sub_projects)
path = path or DrillPath()
if not drilldown.still_shown(path, shown):
    name = escape_markdown(drilldown.node_name(path, results.sub_projects))
    st.info(T.RESET_NOTICE.format(name=name), icon=":material/undo:")
    path = DrillPath()
    go_to(path)

breadcrumb(path)
st.caption(escape_markdown(T.HOW_TO))
BY_RATE = by_rate_order(Key.ORDER)
if path.level is Level.TOP:
    top_level()
elif path.level is Level.SUB_PROJECT:
    sub_project_level(path)
else:
    group_level(path)
