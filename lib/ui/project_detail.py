"""The 세부사업 page's detail of one sub-project: its numbers (rate with last year's, the
budget and the reason it changed), its indicators and facts, and the comments about it."""

from __future__ import annotations

import streamlit as st

from lib import comments
from lib import format as fmt
from lib.metrics import sub_project_rate
from lib.schema import Results, SubProject
from lib.status import band_label, band_of
from lib.strings_ko import ChangeText
from lib.strings_ko import ProjectsText as T
from lib.ui.changes import metric_delta
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.reviews import comment_views
from lib.ui.widgets import comment_list, phone_only, wide_only
from lib.views import filters, tables
from lib.views.collection import SubProjectChange


def detail_numbers(
    sp: SubProject, f: filters.Filter, last: SubProjectChange | None, last_year: int | None
) -> None:
    """The rate (and its change from ``last_year``), the budget and why it changed."""
    rate = sub_project_rate(sp)
    budget = tables.budget_view(sp)
    # Rates in one row, the three amounts in the next: five metrics in one row cut
    # "468,000천원" to "468,000…" at projector width. The rate's column is wider: with an
    # earlier year it carries "▲ 3.2%p 전년(2023) 대비".
    rate_col, execution_col = st.columns([1.4, 1])
    planned_col, changed_col, executed_col = st.columns(3)
    rate_col.metric(
        T.RATE,
        fmt.percent(rate, empty=T.EMPTY),
        **metric_delta(last.change if last is not None else None, last_year),
    )
    if rate is not None:
        lines = [T.RATE_CAPTION.format(band=band_label(band_of(rate, f.bands)))]
    else:
        lines = [T.RATE_EXCLUDED if sp.abolished else T.NO_RATE]
    if last is not None and last_year is not None and last.change.previous is not None:
        lines.append(
            ChangeText.PREVIOUS_RATE.format(year=last_year, rate=fmt.percent(last.change.previous))
        )
    rate_col.caption("  \n".join(lines))
    planned_col.metric(T.PLANNED, fmt.thousand_won(budget.planned))
    if budget.changed is None:
        unchanged = T.BUDGET_UNCHANGED if budget.planned is not None else T.EMPTY
        changed_col.metric(T.BUDGET_CHANGED, unchanged)
    else:
        delta = budget.changed - (budget.planned or 0)
        changed_col.metric(
            T.BUDGET_CHANGED,
            fmt.thousand_won(budget.changed),
            delta=fmt.signed_thousand_won(delta) if budget.is_changed else None,
            delta_color="off",
        )
    executed_col.metric(T.EXECUTED, fmt.thousand_won(budget.executed))
    execution_col.metric(T.EXECUTION, fmt.percent(budget.execution_rate))
    if budget.is_changed:
        if budget.reason_missing:
            st.warning(
                f"**{T.REASON_MISSING}** · {T.REASON_MISSING_NOTE}", icon=":material/warning:"
            )
        else:
            st.markdown(f"**{T.REASON}** {escape_markdown(budget.reason or '')}")
    st.caption(T.SOURCE_LINE.format(where=budget.source))


def detail_sections(results: Results, sp: SubProject, f: filters.Filter) -> None:
    """Indicators across the page (beside the comments the table scrolled sideways at
    1280×720); under them 추진실적 and facts on the left, the comments on the right."""
    st.markdown(f"### {T.INDICATORS}")
    weighted = any(i.weight is not None for i in sp.indicators)
    indicators = tables.indicator_table(sp, f.bands)
    with phone_only(Key.INDICATOR_CARDS):
        for row in indicators.itertuples(index=False):
            line = T.INDICATOR_CARD.format(
                name=row.indicator,
                target=f"{row.target}{row.unit}",
                actual=f"{row.actual}{row.unit}",
                rate=row.achievement_rate,
                band=row.band,
            )
            st.markdown(escape_markdown(line))
    wide_only(Key.INDICATOR_TABLE_BOX).dataframe(
        indicators,
        hide_index=True,
        column_config={
            "indicator": st.column_config.TextColumn(T.INDICATOR),
            "unit": T.UNIT,
            "direction": T.DIRECTION,
            "weight": st.column_config.TextColumn(T.WEIGHT, alignment="right")
            if weighted
            else None,
            "target": st.column_config.TextColumn(T.TARGET, alignment="right"),
            "actual": st.column_config.TextColumn(T.ACTUAL, alignment="right"),
            "achievement_rate": st.column_config.TextColumn(T.RATE, alignment="right"),
            "band": T.BAND,
            "source": st.column_config.TextColumn(T.SOURCE, help=T.SOURCE_HELP),
        },
    )
    st.caption(T.INDICATOR_SOURCE)
    left, right = st.columns([5, 3], gap="large")
    with left:
        st.markdown(f"### {T.PERFORMANCE}")
        st.markdown(escape_markdown(sp.performance) if sp.performance else T.EMPTY)
        facts = [
            (T.TARGET_GROUP, sp.target_group),
            (T.DEPARTMENT, sp.department),
            (T.AREA, tables.area_label(sp)),
            (T.STATUS, sp.status.value),
            (T.NOTE, sp.note),
        ]
        st.markdown(
            "\n".join(
                f"- **{label}** {escape_markdown(value) if value else T.EMPTY}"
                for label, value in facts
            )
        )
        st.caption(T.SOURCE_LINE.format(where=tables.source_label(sp.rows)))
    with right:
        views = comment_views(results)
        about = comments.about(views, comments.Node.of(sp))
        st.markdown(f"### {T.COMMENTS_ABOUT}")
        st.caption(T.RATINGS.format(summary=comments.rating_summary(comments.rating_counts(about))))
        in_strategy = comments.within_strategy(views, sp.system, sp.strategy)
        st.caption(
            T.STRATEGY_RATINGS.format(
                strategy=escape_markdown(sp.strategy),
                summary=comments.rating_summary(comments.rating_counts(in_strategy)),
            )
        )
        comment_list(about)
        st.markdown(f"### {T.COMMENTS_ABOVE}")
        st.caption(T.COMMENTS_ABOVE_HELP)
        comment_list(comments.above(views, sp), show_target=True)
