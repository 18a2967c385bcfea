"""Sections of the 모니터링 회차 page that hold several widgets: the T/F roster (table,
one-member form, account links) and the round's history with its Excel download."""

from __future__ import annotations

import streamlit as st

from lib.rounds import RoundSnapshot
from lib.schema import Results
from lib.strings_ko import RoundText as T
from lib.ui import round_actions as act
from lib.ui import round_merge_actions as mg
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.round_flash import show
from lib.ui.round_keys import RoundKey, item_key
from lib.ui.signin import sign_in_panel
from lib.ui.widgets import provenance

COLUMNS = dict(T.ROSTER_COLUMNS)


def roster_section(results: Results, snapshot: RoundSnapshot, allowed: bool) -> None:
    """성명 · 구분 · 소속 in an editable table, a form to add one member, and per member
    the sign-in account that writes as them."""
    st.subheader(T.ROSTER.format(count=act.member_count(snapshot)), anchor=False)
    editing = allowed and act.roster_open(snapshot)
    if not snapshot.roster:
        st.info(T.ROSTER_EMPTY, icon=":material/group_add:")
    edited = st.data_editor(
        act.roster_frame(snapshot),
        key=RoundKey.ROSTER_TABLE,
        num_rows="dynamic" if editing else "fixed",
        disabled=not editing,
        hide_index=True,
        column_order=[c for c in COLUMNS if c != "account"],
        column_config={k: st.column_config.TextColumn(v) for k, v in COLUMNS.items()},
        width="stretch",
    )
    save_col, import_col = st.columns([1, 2])
    save_col.button(
        T.SAVE_ROSTER,
        key=RoundKey.ROSTER_SAVE,
        on_click=act.save_roster,
        args=(results, edited.to_dict("records")),
        disabled=not editing,
        icon=":material/save:",
    )
    if results.roster:
        import_col.button(
            T.ROSTER_IMPORT.format(count=len(results.roster)),
            key=RoundKey.ROSTER_IMPORT,
            on_click=act.import_roster,
            args=(results,),
            disabled=not editing,
            icon=":material/upload:",
        )
    else:
        import_col.caption(T.ROSTER_NO_SHEET)
    show("roster")
    with st.form(RoundKey.MEMBER_FORM, clear_on_submit=True, border=True):
        st.markdown(f"**{T.ADD_MEMBER}**")
        name_col, role_col, affiliation_col = st.columns(3)
        name_col.text_input(COLUMNS["name"], key=RoundKey.MEMBER_NAME)
        role_col.text_input(COLUMNS["role"], key=RoundKey.MEMBER_ROLE)
        affiliation_col.text_input(COLUMNS["affiliation"], key=RoundKey.MEMBER_AFFILIATION)
        st.form_submit_button(
            T.ADD_MEMBER_BUTTON,
            key=RoundKey.MEMBER_ADD,
            on_click=act.add_member,
            args=(results,),
            disabled=not editing,
            icon=":material/person_add:",
        )
    if snapshot.roster:
        _accounts(results, snapshot, editing)


def _accounts(results: Results, snapshot: RoundSnapshot, editing: bool) -> None:
    st.markdown(f"**{T.LINKS}**", help=T.LINKS_HELP)
    known = act.known_accounts()
    for entry in snapshot.roster:
        name_col, account_col = st.columns([1, 2], vertical_alignment="center")
        name_col.text(entry.name)  # as typed
        key = item_key(RoundKey.LINK_, entry.member_id)
        if known:
            options = [None, *known]
            if entry.account and entry.account not in known:
                options.append(entry.account)
            account_col.selectbox(
                T.LINK_ACCOUNT.format(name=escape_markdown(entry.name)),
                options,
                index=options.index(entry.account) if entry.account in options else 0,
                format_func=lambda a: T.NO_ACCOUNT if a is None else known.get(a, a),
                key=key,
                on_change=act.link_account,
                args=(results, entry.member_id),
                disabled=not editing,
                label_visibility="collapsed",
            )
        else:
            account_col.text_input(
                T.LINK_ACCOUNT.format(name=escape_markdown(entry.name)),
                value=entry.account or "",
                key=key,
                on_change=act.link_account,
                args=(results, entry.member_id),
                disabled=not editing,
                label_visibility="collapsed",
                placeholder=T.LINK_PLACEHOLDER,
            )
        show(entry.member_id)


def history_section(results: Results) -> None:
    """Every action on the round, oldest first, and the same as an .xlsx."""
    rows = act.history_rows(results)
    with st.expander(T.HISTORY.format(count=len(rows)), icon=":material/history:"):
        st.dataframe(rows, hide_index=True, width="stretch")
        st.download_button(
            T.HISTORY_DOWNLOAD,
            data=act.history_xlsx(results, rows),
            file_name=act.history_file_name(results),
            mime=act.XLSX_MIME,
            key=RoundKey.HISTORY_DOWNLOAD,
            on_click="ignore",
            icon=":material/download:",
        )


def excellent_box(results: Results) -> None:
    """★ 우수사업 of the round, each a link to its detail with its 선정 사유 (nothing when
    none is selected)."""
    snapshot = act.shown_round(results)
    if snapshot is None or not snapshot.selections:
        return
    with st.container(border=True):
        st.markdown(f"**{T.EXCELLENT_BOX.format(count=len(snapshot.selections))}**")
        if not snapshot.confirmed:
            st.caption(T.EXCELLENT_PENDING.format(status=snapshot.status.value))
        for selection in sorted(snapshot.selections, key=lambda s: s.order):
            sp = results.sub_project(selection.sub_project_id)
            if sp is None:
                continue
            st.page_link(
                PagePath.PROJECTS.script,
                label=escape_markdown(act.excellent_label(sp)),
                query_params={Key.PROJECT.value: sp.id},
                icon=":material/arrow_forward:",
            )
            st.caption(escape_markdown(T.EXCELLENT_REASON.format(reason=selection.reason)))


def excellent_note(results: Results, sub_project_id: str) -> None:
    """Under a project's title: ★ 우수사업 and why, when the round selected it."""
    snapshot = act.shown_round(results)
    chosen = next(
        (
            s
            for s in (snapshot.selections if snapshot else ())
            if s.sub_project_id == sub_project_id
        ),
        None,
    )
    if chosen is not None:
        st.markdown(
            f"**{T.STAR_LABEL}** · "
            + escape_markdown(T.EXCELLENT_REASON.format(reason=chosen.reason))
        )


def no_round_notice(results: Results) -> None:
    """The notice that this 시군구·연도 has no monitoring round yet."""
    meta = results.meta
    st.info(
        T.NONE_YET.format(district=escape_markdown(meta.district), year=meta.year),
        icon=":material/event:",
    )


def secretariat_round(title: str, results: Results) -> tuple[RoundSnapshot, bool]:
    """The head of a page of the secretariat's round work (취합, 우수사업 선정): the title,
    where the data came from and the sign-in panel; without a round yet, the notice and a
    link to the round page, and the page stops. Returns the round and whether the person
    signed in may change it, after saying why not where they may not."""
    st.title(title)
    provenance(results)
    actor = act.current_actor_after(sign_in_panel())
    snapshot = act.readable_round(results)
    if snapshot is None:
        no_round_notice(results)
        st.page_link(PagePath.ROUND.script, label=T.NAV, icon=":material/event_note:")
        st.stop()
    allowed = actor is not None and actor.is_secretariat and mg.editable(snapshot)
    for level, message in mg.merge_notices(snapshot, actor):
        getattr(st, level)(message)
    return snapshot, allowed
