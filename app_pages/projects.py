"""세부사업: a sortable table of the sub-projects; a selected row or ?project=체계/사업번호
opens its detail (indicators, budget and its reason, 추진실적, comments, source rows)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib import comments
from lib import format as fmt
from lib.flags import flags_of
from lib.metrics import sub_project_rate
from lib.schema import ProjectStatus, SubProject
from lib.status import band_label, band_of
from lib.strings_ko import ChangeText, Common, ProjectsText
from lib.ui.changes import metric_delta
from lib.ui.data import current_catalog, current_results, current_view
from lib.ui.exports import download_buttons
from lib.ui.filters import current_filter
from lib.ui.keys import Key, PagePath
from lib.ui.reviews import comment_views, readable_stored_views
from lib.ui.round_actions import star, starred_names
from lib.ui.round_sections import excellent_note
from lib.ui.widgets import (
    comment_list,
    escape_markdown,
    filter_line,
    phone_only,
    provenance,
    wide_only,
)
from lib.views import filters, tables

T = ProjectsText

results = current_results()
catalog = current_catalog()
f = current_filter()
table = tables.project_table(results, f)
table["name"] = starred_names(results, list(table["id"]), list(table["name"]))
ids: list[str] = list(table["id"])
project_id = st.query_params.get(Key.PROJECT)


def _select(row_ids: list[str]) -> None:
    """Row clicked or cleared: keep the choice in the URL so the link can be shared."""
    rows = st.session_state[Key.PROJECT_TABLE]["selection"]["rows"]
    if rows:
        st.query_params[Key.PROJECT] = row_ids[rows[0]]
    elif Key.PROJECT in st.query_params:
        del st.query_params[Key.PROJECT]


# The URL decides which row is highlighted (a deep link, or a filter that moved the row).
wanted = [ids.index(project_id)] if project_id in ids else []
state = st.session_state.get(Key.PROJECT_TABLE)
if state is None or list(state["selection"]["rows"]) != wanted:
    st.session_state[Key.PROJECT_TABLE] = {"selection": {"rows": wanted, "columns": []}}

selected = results.sub_project(project_id) if project_id else None

st.title(T.TITLE)
provenance(results)
filter_line(results, f, key=Key.PROJECTS_CLEAR)
if project_id and selected is None:
    st.warning(T.UNKNOWN_PROJECT.format(id=escape_markdown(project_id)), icon=":material/warning:")

if table.empty:
    st.warning(Common.EMPTY_FILTERED)
else:
    shown, total = filters.scope_counts(results.sub_projects, f)
    abolished = int((table["status"] == ProjectStatus.ABOLISHED.value).sum())
    count = T.COUNT.format(count=fmt.count(shown, total))
    st.caption(
        T.TABLE_CAPTION.format(
            count=count + (T.ABOLISHED_COUNT.format(n=abolished) if abolished else ""),
            achieved=fmt.plain_number(f.bands.achieved),
            low=fmt.plain_number(f.bands.low),
        )
        + " · "
        + T.HINT
    )
    rate_max = tables.rate_axis_max(table)
    # What a member reads first, in columns that fit a 1280×720 screen; budgets, 집행률,
    # 사업지역 and 부서 are in the detail below. On a phone: cards instead of the table.
    columns = ["code", "name", "achievement_rate", "band", "flags"]
    if f.system is None:
        columns.insert(0, "system")
    with wide_only(Key.PROJECT_TABLE_BOX):
        st.dataframe(
            table,
            key=Key.PROJECT_TABLE,
            on_select=partial(_select, ids),
            selection_mode="single-row",
            hide_index=True,
            height=min(36 * len(table) + 40, 300 if project_id else 520),
            column_order=columns,
            column_config={
                "system": st.column_config.TextColumn(T.SYSTEM, width=88),
                "code": st.column_config.TextColumn(T.CODE, width=58),
                "name": st.column_config.TextColumn(T.NAME, width=226),
                "achievement_rate": st.column_config.ProgressColumn(
                    T.RATE,
                    format="%.1f%%",
                    min_value=0,
                    max_value=rate_max,
                    width=112,
                    help=T.RATE_HELP.format(max=rate_max),
                    color="blue",  # the band word beside it says 달성/미달/저조
                ),
                "band": st.column_config.TextColumn(T.BAND, width=62),
                "flags": st.column_config.TextColumn(T.FLAGS, width=190),
            },
            placeholder=T.EMPTY,
            alt=T.TITLE,
        )
    with phone_only(Key.PROJECT_CARDS):
        for row in table.itertuples(index=False):
            rate = sub_project_rate(results.sub_project(row.id))  # exact, not the table's float
            words = [f"{row.code} {row.name}", fmt.percent(rate, empty=T.EMPTY), row.band]
            st.page_link(
                PagePath.PROJECTS.script,
                label=escape_markdown(" · ".join(w for w in (*words, row.flags) if w)),
                query_params={Key.PROJECT.value: row.id},
            )


def _detail(sp: SubProject) -> None:
    """Everything about one sub-project: numbers first, then reasons and comments."""
    rate = sub_project_rate(sp)
    budget = tables.budget_view(sp)
    changes = current_view().changes  # matched by 사업번호 (체계/사업번호 id)
    last = changes.sub_projects.get(sp.id) if changes is not None else None
    last_year = changes.previous_year if changes is not None else None
    renamed_from = last.previous_name if last is not None else None
    title, back = st.columns([3, 2], vertical_alignment="bottom")
    title.header(escape_markdown(star(results, sp.id) + sp.name), anchor=False)
    with back:
        st.page_link(
            PagePath.STRATEGIES.script,
            label=T.BACK_TO_STRATEGY.format(strategy=escape_markdown(sp.strategy)),
            icon=":material/arrow_back:",
        )
        st.page_link(
            PagePath.REVIEW.script,
            label=T.WRITE_REVIEW,
            icon=":material/rate_review:",
            query_params={Key.PROJECT.value: sp.id},
        )
    st.caption(
        T.DETAIL_CAPTION.format(
            system=sp.system.value,
            code=sp.code,
            strategy=escape_markdown(sp.strategy),
            key_project=escape_markdown(sp.key_project),
        )
    )
    excellent_note(results, sp.id)
    if renamed_from:
        st.markdown(f"**{escape_markdown(ChangeText.PREVIOUS_NAME.format(name=renamed_from))}**")
    badges = tables.flag_text(flags_of(sp, f.thresholds))
    if badges:
        st.markdown(f"**{T.FLAGS}** {escape_markdown(badges)}")
    if sp.abolished:
        st.warning(T.ABOLISHED, icon=":material/block:")
    if sp.id not in ids:
        st.caption(T.OUTSIDE_FILTER)

    # The rate's column is wider: with an earlier year it carries "▲ 3.2%p 전년(2023) 대비".
    rate_col, planned_col, changed_col, executed_col, execution_col = st.columns([1.4, 1, 1, 1, 1])
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

    left, right = st.columns([5, 3], gap="large")
    with left:
        st.markdown(f"### {T.INDICATORS}")
        weighted = any(i.weight is not None for i in sp.indicators)
        st.dataframe(
            tables.indicator_table(sp, f.bands),
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

    download_buttons(
        results, f, readable_stored_views(results), which=("xlsx",), key=Key.PROJECTS_DOWNLOAD
    )


st.divider()
if selected is None:
    st.info(T.PICK, icon=":material/touch_app:")
else:
    _detail(selected)
