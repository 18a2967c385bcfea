"""우수사업 선정 (사무국): the members' 추천 tallied with each project's rate and flags beside
it, the selection with a reason each, and the projects members rated both 적절 and 부적절.
"""

from __future__ import annotations

import streamlit as st

from lib.strings_ko import RoundText as T
from lib.ui import round_actions as act
from lib.ui import round_merge_actions as mg
from lib.ui.data import current_results
from lib.ui.filters import current_filter
from lib.ui.keys import PagePath
from lib.ui.review_widgets import project_label
from lib.ui.round_flash import show
from lib.ui.round_keys import RoundKey, item_key
from lib.ui.round_sections import secretariat_round

results = current_results()
f = current_filter()


def _tally(snapshot: act.RoundSnapshot) -> None:
    rows = mg.tally(snapshot, results, f.thresholds)
    recommended = [r for r in rows if r.count]
    st.subheader(T.TALLY, anchor=False)
    if not recommended:
        st.caption(T.TALLY_EMPTY)
    for row in recommended:
        with st.container(border=True):
            st.markdown(mg.tally_line(row))
            for reason in mg.tally_reasons(snapshot, row):
                st.text(reason)  # as typed


def _selection(snapshot: act.RoundSnapshot, allowed: bool) -> None:
    chosen = [r for r in mg.tally(snapshot, results, f.thresholds) if r.selection]
    chosen.sort(key=lambda r: r.selection.order if r.selection else 0)
    st.subheader(T.SELECTION.format(count=len(chosen)), anchor=False)
    st.caption(T.SELECTION_HELP)
    show("select")
    for row in chosen:
        with st.container(border=True):
            st.markdown(f"★ {mg.tally_line(row)}")
            st.text(row.selection.reason if row.selection else "")  # as typed
            st.button(
                T.SELECT_REMOVE,
                key=item_key(RoundKey.SELECT_REMOVE_, row.sub_project_id),
                on_click=mg.unselect,
                args=(results, row.sub_project_id),
                disabled=not allowed,
                icon=":material/star_border:",
            )
    options = mg.selectable(snapshot, results)
    by_id = {sp.id: sp for sp in results.sub_projects}
    with st.container(border=True):
        st.selectbox(
            T.SELECT_PROJECT,
            options,
            index=None,
            format_func=lambda pid: project_label(by_id[pid]),
            key=RoundKey.SELECT_PROJECT,
            disabled=not allowed,
            placeholder=T.SELECT_PLACEHOLDER,
        )
        st.text_input(T.SELECT_REASON, key=RoundKey.SELECT_REASON, disabled=not allowed)
        st.button(
            T.SELECT_ADD,
            key=RoundKey.SELECT_ADD,
            on_click=mg.select,
            args=(results,),
            disabled=not allowed,
            type="primary",
            icon=":material/star:",
        )


def _disagreements(snapshot: act.RoundSnapshot) -> None:
    lines = mg.disagreement_lines(snapshot, results)
    st.subheader(T.DISAGREE.format(count=len(lines)), anchor=False)
    st.markdown("  \n".join(lines) if lines else T.DISAGREE_NONE)


snapshot, allowed = secretariat_round(T.TITLE_SELECT, results)
st.markdown(act.status_line(snapshot))
tally_col, selection_col = st.columns([1, 1], gap="large")
with tally_col:
    _tally(snapshot)
with selection_col:
    _selection(snapshot, allowed)
st.divider()
_disagreements(snapshot)
st.page_link(PagePath.ROUND.script, label=T.NAV_CONFIRM, icon=":material/lock:")
