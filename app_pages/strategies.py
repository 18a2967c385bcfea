"""전략별 성과: drill down 추진전략 → 중점사업 → 세부사업 → 성과지표, comments beside each level;
with an earlier year loaded, each rate's change from it (▲/▼) and the names that changed."""

import streamlit as st

from lib import comments, figures
from lib.strings_ko import SYSTEM_FULL_NAME, ChangeText, Common
from lib.strings_ko import StrategiesText as T
from lib.ui.data import current_view
from lib.ui.drill import Drill, breadcrumb, comments_beside, go_to
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.reviews import comment_views
from lib.ui.widgets import by_rate_order, filter_line, provenance
from lib.views import drilldown
from lib.views.drill_changes import DrillChanges
from lib.views.drilldown import DrillPath, Level

view = current_view()
results, f, shown = view.results, view.filter, list(view.shown)
views = comment_views(results)


def top_level(drill: Drill) -> None:
    systems = [f.system] if f.system else drilldown.systems_shown(shown)
    kids = {s: drilldown.children(DrillPath(), shown, s) for s in systems}
    scale = max([100.0, *(float(c.rate) for cs in kids.values() for c in cs if c.rate)])
    for system in systems:
        with st.container(border=True):
            drill.children_chart(DrillPath(), kids[system], system, scale)  # full width, titled
            numbers_col, comments_col = st.columns([2, 3], gap="large")
            with numbers_col:
                drill.numbers(DrillPath(), system, view.in_system(system))
            with comments_col:
                comments_beside(
                    views,
                    T.SYSTEM,
                    SYSTEM_FULL_NAME[system.value],
                    comments.Node(system=system),
                    heading="##",  # right under the page's title
                )


def group_level(drill: Drill, path: DrillPath) -> None:
    members = drilldown.under(path, shown)
    own = drilldown.own_level_name(path)
    name = escape_markdown(drilldown.node_name(path, shown))
    st.header(T.NODE_HEADER.format(level=own, name=name), anchor=False)
    drill.children_chart(path, drilldown.children(path, shown), path.system)  # full width
    numbers_col, comments_col = st.columns([2, 3], gap="large")
    with numbers_col:
        drill.numbers(path, path.system, members)
    with comments_col:
        comments_beside(views, own, drilldown.node_name(path, shown), path.node)


def sub_project_level(drill: Drill, path: DrillPath) -> None:
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
        drill.numbers(path, path.system, members)
    with comments_col:
        comments_beside(views, own, drilldown.node_name(path, shown), path.node)
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
if view.changes is not None and f.narrows:
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

breadcrumb(path, results.sub_projects)
st.caption(escape_markdown(T.HOW_TO))
drill = Drill(view, DrillChanges.of(view), by_rate=by_rate_order(Key.ORDER))
if path.level is Level.TOP:
    top_level(drill)
elif path.level is Level.SUB_PROJECT:
    sub_project_level(drill, path)
else:
    group_level(drill, path)
