"""모니터링 회차 (사무국): open the round of the 시군구·연도 in view, name the T/F, set the
requests and the 회신 기한, move the round on step by step, 확정 or reopen it, and read or
download its history. Anyone may look; only a 사무국 account can change anything.
"""

from __future__ import annotations

import streamlit as st

from lib.rounds import ROUND_STATUS_ORDER, RoundStatus
from lib.strings_ko import RoundText as T
from lib.ui import round_actions as act
from lib.ui.data import current_results
from lib.ui.exports import report_download_buttons
from lib.ui.filters import current_filter
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.round_flash import show
from lib.ui.round_keys import RoundKey
from lib.ui.round_sections import history_section, no_round_notice, roster_section
from lib.ui.signin import sign_in_panel
from lib.ui.widgets import provenance

results = current_results()
meta = results.meta
STEP_HELP, ADVANCE, ADVANCE_HELP = dict(T.STEP_HELP), dict(T.ADVANCE), dict(T.ADVANCE_HELP)


def _steps(snapshot: act.RoundSnapshot) -> None:
    """준비 → 의견 수렴 → 취합 → 확정, with ✓ done, ● now, ○ to come (never colour alone)."""
    for column, status in zip(st.columns(len(ROUND_STATUS_ORDER)), ROUND_STATUS_ORDER, strict=True):
        mark = (
            "✓" if status.step < snapshot.status.step else "●" if status is snapshot.status else "○"
        )
        text = (
            f"**{mark} {status.value}**" if status is snapshot.status else f"{mark} {status.value}"
        )
        column.markdown(text, help=STEP_HELP[status.value])
    st.caption(STEP_HELP[snapshot.status.value])


def _advance(snapshot: act.RoundSnapshot, allowed: bool) -> None:
    """The next step's button; a second click confirms, since a step never goes back."""
    status = snapshot.status
    if status is RoundStatus.CONFIRMED:
        st.success(act.confirmed_line(snapshot), icon=":material/lock:")
        st.text_input(
            T.REOPEN_REASON, key=RoundKey.REOPEN_REASON, help=T.REOPEN_HELP, disabled=not allowed
        )
        st.button(
            T.REOPEN,
            key=RoundKey.REOPEN,
            on_click=act.reopen,
            args=(results,),
            disabled=not allowed,
            icon=":material/lock_open:",
        )
        show("reopen")
        return
    action = ADVANCE[status.value]
    if st.session_state.get(RoundKey.ADVANCE_ASKED) == status.value:
        st.warning(T.ADVANCE_CONFIRM.format(action=action, help=ADVANCE_HELP[status.value]))
        yes, no, _ = st.columns([2, 1, 4])
        yes.button(
            T.YES,
            key=RoundKey.ADVANCE_YES,
            on_click=act.advance,
            args=(results,),
            type="primary",
            width="stretch",
        )
        no.button(T.CANCEL, key=RoundKey.ADVANCE_NO, on_click=act.cancel_advance, width="stretch")
        return
    st.button(
        action,
        key=RoundKey.ADVANCE,
        on_click=act.ask_advance,
        args=(status,),
        type="primary",
        disabled=not allowed,
        help=ADVANCE_HELP[status.value],
        icon=":material/arrow_forward:",
    )


def _settings(snapshot: act.RoundSnapshot, allowed: bool) -> None:
    s = snapshot.settings
    with (
        st.expander(T.SETTINGS, icon=":material/tune:"),
        st.form(RoundKey.SETTINGS_FORM, border=False),
    ):
        st.text_area(T.COMPOSITION, value=s.composition, key=RoundKey.COMPOSITION, height=80)
        st.text_area(T.REQUESTS, value="\n".join(s.requests), key=RoundKey.REQUESTS, height=80)
        st.text_area(T.METHODS, value="\n".join(s.methods), key=RoundKey.METHODS, height=110)
        st.text_input(T.LEGAL_BASIS, value=s.legal_basis, key=RoundKey.LEGAL_BASIS)
        st.date_input(T.DEADLINE, value=s.deadline, key=RoundKey.DEADLINE, format="YYYY.MM.DD")
        st.form_submit_button(
            T.SAVE_SETTINGS,
            key=RoundKey.SETTINGS_SAVE,
            on_click=act.save_settings,
            args=(results,),
            disabled=not allowed or not act.settings_open(snapshot),
        )
    show("settings")


st.title(T.TITLE)
provenance(results)
st.caption(T.INTRO.format(district=escape_markdown(meta.district), year=meta.year))
actor = act.current_actor_after(sign_in_panel())
allowed = actor is not None and actor.is_secretariat
if actor is not None and not allowed:
    st.info(T.ONLY_SECRETARIAT, icon=":material/badge:")
snapshot = act.readable_round(results)
show("round")
if snapshot is None:
    no_round_notice(results)
    st.button(
        T.OPEN,
        key=RoundKey.OPEN,
        on_click=act.open_round,
        args=(results,),
        disabled=not allowed,
        type="primary",
        help=T.OPEN_HELP,
        icon=":material/add_circle:",
    )
    st.stop()
st.markdown(act.status_line(snapshot))
for line in act.pinned_lines(snapshot, results):
    st.caption(escape_markdown(line))
_steps(snapshot)
_advance(snapshot, allowed)
st.divider()
roster_section(results, snapshot, allowed)
_settings(snapshot, allowed)
with st.expander(T.REPORT, icon=":material/description:", expanded=snapshot.confirmed):
    f = current_filter()
    report_download_buttons(
        act.locked_results(results), snapshot, f.thresholds, f.bands, key=Key.ROUND_REPORT
    )
history_section(results)
