"""세부사업: a sortable table of the sub-projects; a selected row or ?project=체계/사업번호
opens its detail (indicators, budget and its reason, 추진실적, comments, source rows)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib import format as fmt
from lib.flags import flags_of
from lib.metrics import sub_project_rate
from lib.schema import ProjectStatus, SubProject
from lib.strings_ko import ChangeText, Common, ProjectsText
from lib.ui.data import current_results, current_view, view_of
from lib.ui.edition import edition_note, export_edition
from lib.ui.exports import download_buttons
from lib.ui.filters import current_filter
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.project_detail import detail_numbers, detail_sections
from lib.ui.review_widgets import project_place
from lib.ui.reviews import readable_stored_views
from lib.ui.round_actions import star, starred_names
from lib.ui.round_sections import excellent_note
from lib.ui.widgets import filter_line, phone_only, provenance, wide_only
from lib.views import filters, tables

T = ProjectsText

results = current_results()
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
                "system": st.column_config.TextColumn(T.SYSTEM, width=98),
                "code": st.column_config.TextColumn(T.CODE, width=72),
                "name": st.column_config.TextColumn(T.NAME, width=236),
                "achievement_rate": st.column_config.ProgressColumn(
                    T.RATE,
                    format="%.1f%%",
                    min_value=0,
                    max_value=rate_max,
                    width=102,
                    help=T.RATE_HELP.format(max=rate_max),
                    color="blue",  # the band word beside it says 달성/미달/저조
                ),
                "band": st.column_config.TextColumn(T.BAND, width=62),
                "flags": st.column_config.TextColumn(T.FLAGS, width=184),
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
    st.caption(project_place(sp))
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

    detail_numbers(sp, f, last, last_year)
    detail_sections(results, sp, f)

    # After 확정 the file is the round's 확정본, which a newer upload does not move; the
    # screen stays on the version chosen in the sidebar, as on every other page.
    edition = export_edition(results)
    edition_note(edition)
    download_buttons(
        view_of(edition.results),
        readable_stored_views(edition.results),
        which=("xlsx",),
        key=Key.PROJECTS_DOWNLOAD,
        confirmed=edition.info_row(),
    )


st.divider()
if selected is None:
    st.info(T.PICK, icon=":material/touch_app:")
else:
    _detail(selected)
