"""개요: each system's rate (and its change from last year), counts, budget and flags; the
trend over the years and the comparison of districts; strategy rates; overall comments."""

import streamlit as st

from lib import comments, figures
from lib import format as fmt
from lib.flags import flagged
from lib.metrics import strategy_summaries, system_summaries
from lib.schema import System
from lib.status import flag_badge
from lib.strings_ko import (
    LEVEL_NAMES,
    SYSTEM_FULL_NAME,
    ChangeText,
    Common,
    MeetingText,
    OverviewText,
)
from lib.ui.changes import (
    against_line,
    comparison_section,
    metric_delta,
    strategy_change_table,
    trend_section,
)
from lib.ui.data import current_catalog, current_results, current_view
from lib.ui.filters import current_filter, link_params
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.reviews import comment_views
from lib.ui.round_sections import excellent_box
from lib.ui.widgets import by_rate_order, comment_card, filter_line, provenance
from lib.views import filters
from lib.views.drilldown import RateItem

results = current_results()
catalog = current_catalog()
f = current_filter()
shown = filters.apply(results.sub_projects, f)
changes = current_view().changes
last_year = changes.previous_year if changes else None

st.title(OverviewText.TITLE)
provenance(results)
filter_line(results, f, key=Key.OVERVIEW_CLEAR)
excellent_box(results)
if not shown:
    st.warning(Common.EMPTY_FILTERED)
    st.stop()

everything = {s.system: s for s in system_summaries(results)}


def count_link(label: str, page: PagePath, **narrower: str | list[str]) -> None:
    """A count that opens the list behind it, with the same filter."""
    st.page_link(
        page.script,
        label=escape_markdown(label),
        query_params=link_params(f, **narrower),
        icon=":material/arrow_forward:",
    )


for summary in system_summaries(results, shown):
    total = everything[summary.system]
    names = LEVEL_NAMES[summary.system.value]
    system_param = {Key.SYSTEM.value: summary.system.value}
    with st.container(border=True):
        st.header(SYSTEM_FULL_NAME[summary.system.value], anchor=False)
        rate_col, count_col, budget_col, flag_col = st.columns([1.1, 1.3, 1.4, 1.4])
        change = changes.system(summary.system) if changes else None
        rate_col.metric(
            Common.RATE, fmt.percent(summary.achievement_rate), **metric_delta(change, last_year)
        )
        previous_rate = (
            ChangeText.PREVIOUS_RATE.format(year=last_year, rate=fmt.percent(change.previous))
            if change is not None and last_year is not None and change.previous is not None
            else ""
        )
        rate_col.caption(
            OverviewText.RATE_CAPTION + (f"  \n{previous_rate}" if previous_rate else "")
        )
        with count_col:
            for label, n, of, page in (
                (names["strategy"], summary.strategies, total.strategies, PagePath.STRATEGIES),
                (
                    names["key_project"],
                    summary.key_projects,
                    total.key_projects,
                    PagePath.STRATEGIES,
                ),
                (names["sub_project"], summary.sub_projects, total.sub_projects, PagePath.PROJECTS),
            ):
                count_link(f"{label} {fmt.count(n, of)}", page, **system_param)
        budget = summary.budget
        budget_col.markdown(
            f"**{MeetingText.BUDGET_HEAD}**\n\n"
            f"- {Common.BUDGET_PLANNED} {fmt.thousand_won(budget.planned)}\n"
            f"- {Common.BUDGET_FINAL} {fmt.thousand_won(budget.final)}\n"
            f"- {Common.BUDGET_EXECUTED} {fmt.thousand_won(budget.executed)} "
            f"({Common.EXECUTION_RATE} {fmt.percent(budget.execution_rate)})"
        )
        table = flagged([sp for sp in shown if sp.system is summary.system], f.thresholds)
        with flag_col:
            st.markdown(f"**{OverviewText.FLAGGED}**")
            if not any(table.values()):
                st.markdown(OverviewText.NO_FLAGS)
            for flag, sps in table.items():
                if sps:
                    label = f"{flag_badge(flag)} {fmt.count(len(sps))}"
                    count_link(
                        label, PagePath.PROJECTS, **system_param, **{Key.FLAG.value: flag.value}
                    )

if changes is not None and f.narrows:
    st.caption(ChangeText.FILTER_NOTE)

systems_shown = [s for s in results.systems() if f.system in (None, s)]
trend_section(catalog, results, systems_shown)
comparison_section(catalog, results, systems_shown, f.bands)

st.header(OverviewText.CHART, anchor=False)
st.caption(MeetingText.OPEN_IN_STRATEGIES)
by_rate = by_rate_order(Key.ORDER)
charts: dict[System, tuple[list, list[RateItem]]] = {}
for system in results.systems():
    in_system = [sp for sp in shown if sp.system is system]
    if not in_system:
        continue
    summaries = strategy_summaries(in_system)
    items = [
        RateItem(
            id=s.strategy or "",
            name=s.strategy or "",
            rate=s.achievement_rate,
            note=OverviewText.SUB_PROJECT_COUNT.format(n=s.sub_projects)
            + (
                f" · {against_line(changes.strategy(system, s.strategy or ''), last_year)}"
                if changes and last_year
                else ""
            ),
        )
        for s in summaries
    ]
    charts[system] = (summaries, figures.by_rate(items) if by_rate else items)
scale = figures.rate_scale(*(items for _, items in charts.values()))  # one x-axis for all
for system, (summaries, items) in charts.items():
    title = SYSTEM_FULL_NAME[system.value]
    key = f"overview_{system.name}"
    state = st.plotly_chart(
        figures.drill_bars(items, f.bands, title, scale=scale),
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"displayModeBar": False},
        alt=figures.alt_text(title, items, f.bands),
    )
    points = state["selection"]["points"] if state else []
    if points:  # a bar opens its strategy in 전략별 성과
        strategy = items[int(points[0]["point_index"])].id
        st.switch_page(
            PagePath.STRATEGIES.script,
            query_params={**link_params(f), Key.PATH.value: [system.value, strategy]},
        )
    if changes is not None:
        strategy_change_table(results, changes, system, summaries)

st.header(OverviewText.OVERALL_COMMENTS, anchor=False)
systems = [f.system] if f.system else list(results.systems())
overall = comments.overall(comment_views(results), systems)
if not overall:
    st.caption(Common.NO_COMMENTS)
for column, half in zip(st.columns(2, gap="medium"), (overall[::2], overall[1::2]), strict=True):
    with column:
        for comment in half:
            comment_card(comment, show_target=True)
