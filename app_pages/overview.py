"""개요: each system's rate (and its change from last year), counts, budget and flags; the
trend over the years and the comparison of districts; strategy rates; overall comments."""

import streamlit as st

from lib import comments, figures
from lib import format as fmt
from lib.status import flag_badge
from lib.strings_ko import LEVEL_NAMES, SYSTEM_FULL_NAME, ChangeText, Common, OverviewText
from lib.ui.changes import (
    against_line,
    comparison_section,
    metric_delta,
    strategy_change_table,
    trend_section,
)
from lib.ui.data import current_catalog, current_view
from lib.ui.reviews import comment_views
from lib.ui.widgets import comment_list, filter_line, provenance
from lib.views.drilldown import RateItem

view = current_view()
results, f, shown, changes = view.results, view.filter, list(view.shown), view.changes
catalog = current_catalog()
last_year = changes.previous_year if changes else None

st.title(OverviewText.TITLE)
provenance(results)
filter_line(results, f, key="overview_clear")
if not shown:
    st.warning(Common.EMPTY_FILTERED)
    st.stop()

everything = {s.system: s for s in view.systems_all}
for summary in view.systems:
    total = everything[summary.system]
    names = LEVEL_NAMES[summary.system.value]
    with st.container(border=True):
        st.subheader(SYSTEM_FULL_NAME[summary.system.value])
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
        count_col.markdown(
            "\n".join(
                f"- **{label}** {fmt.count(n, of)}"
                for label, n, of in (
                    (names["strategy"], summary.strategies, total.strategies),
                    (names["key_project"], summary.key_projects, total.key_projects),
                    (names["sub_project"], summary.sub_projects, total.sub_projects),
                )
            )
        )
        budget = summary.budget
        budget_col.markdown(
            f"**{OverviewText.BUDGET}**\n\n"
            f"- {Common.BUDGET_PLANNED} {fmt.thousand_won(budget.planned, unit=False)}\n"
            f"- {Common.BUDGET_FINAL} {fmt.thousand_won(budget.final, unit=False)}\n"
            f"- {Common.BUDGET_EXECUTED} {fmt.thousand_won(budget.executed, unit=False)} "
            f"({Common.EXECUTION_RATE} {fmt.percent(budget.execution_rate)})"
        )
        table = view.flagged(view.in_system(summary.system))
        lines = [f"- {flag_badge(flag)} {len(sps)}개" for flag, sps in table.items() if sps]
        flag_col.markdown(
            f"**{OverviewText.FLAGGED}**\n\n" + ("\n".join(lines) or OverviewText.NO_FLAGS)
        )

if changes is not None and f.narrows:
    st.caption(ChangeText.FILTER_NOTE)

systems_shown = [s for s in results.systems() if f.system in (None, s)]
trend_section(catalog, results, systems_shown)
comparison_section(catalog, results, systems_shown, f.bands)

chart_col, comment_col = st.columns([2, 1], gap="large")
with chart_col:
    st.subheader(OverviewText.CHART)
    for system in results.systems():
        in_system = [sp for sp in shown if sp.system is system]
        if not in_system:
            continue
        summaries = [s for s in view.strategies if s.system is system]
        items = [
            RateItem(
                id=f"{s.system.value}/{s.strategy}",
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
        figure = figures.rate_bars(items, f.bands, title=SYSTEM_FULL_NAME[system.value])
        st.plotly_chart(figure, width="stretch", key=f"overview_{system.name}")
        if changes is not None:
            strategy_change_table(results, changes, system, summaries)
with comment_col:
    st.subheader(OverviewText.OVERALL_COMMENTS)
    systems = [f.system] if f.system else list(results.systems())
    comment_list(comments.overall(comment_views(results), systems), show_target=True)
