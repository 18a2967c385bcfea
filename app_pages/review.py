"""서면의견지: a T/F member's written opinion form for the round of the 시군구·연도 in view —
per sub-project ratings and comment, overall opinions under the two requests, up to three
우수사업 추천, and 제출. Every pick or edit is saved at once (lib.ui.review_actions).

Opened from a project's detail as ``/review?project=체계/사업번호``.
"""

from __future__ import annotations

import streamlit as st

from lib.rounds import STAGE_FIELDS
from lib.schema import CommentCategory, Rating
from lib.strings_ko import OpinionFormText as T
from lib.strings_ko import ReviewText as RT
from lib.ui import review_actions as act
from lib.ui.data import current_results
from lib.ui.filters import current_filter
from lib.ui.markup import escape_markdown
from lib.ui.review_widgets import project_label, project_numbers
from lib.ui.round_flash import show
from lib.ui.round_keys import RoundKey, item_key
from lib.ui.signin import sign_in_panel
from lib.ui.widgets import provenance

results = current_results()
f = current_filter()
by_id = {sp.id: sp for sp in results.sub_projects}
STAGE_LABELS = dict(zip(STAGE_FIELDS, act.STAGE_NAMES, strict=True))


def _projects(form: act.MemberForm) -> None:
    """Pick a sub-project; its numbers on the left, the member's rating and comment right."""
    act.sync_project_choice(results)
    st.selectbox(
        RT.PROJECT,
        list(by_id),
        format_func=lambda pid: project_label(by_id[pid]),
        key=RoundKey.FORM_PROJECT,
        on_change=act.project_chosen,
        index=None,
        placeholder=RT.PROJECT_PLACEHOLDER,
    )
    sp = by_id.get(st.session_state.get(RoundKey.FORM_PROJECT) or "")
    if sp is None:
        st.info(RT.PICK, icon=":material/touch_app:")
        return
    numbers_col, form_col = st.columns([1, 1], gap="large")
    with numbers_col:
        project_numbers(sp, f)
    mine = act.my_review(results, sp, form.actor)
    with form_col, st.container(border=True):
        st.markdown(f"**{T.MY_RATING}**")
        for stage in STAGE_FIELDS:
            st.segmented_control(
                STAGE_LABELS[stage],
                [r.value for r in Rating],
                default=act.rating_of(mine, stage),
                key=act.own_key(RoundKey.RATE_, form.actor, stage, sp.id),
                on_change=act.save_rating,
                args=(results, sp.id, stage),
                disabled=not form.can_rate,
            )
        st.text_area(
            T.MY_COMMENT,
            value=mine.comment if mine else "",
            key=act.own_key(RoundKey.COMMENT_, form.actor, sp.id),
            on_change=act.save_comment,
            args=(results, sp.id),
            disabled=not form.can_rate,
            max_chars=act.COMMENT_MAX_CHARS,
            placeholder=RT.COMMENT_PLACEHOLDER,
        )
        show(sp.id)
        others = act.others_reviews(results, sp, form.actor)
        st.caption(f"**{T.OTHERS}**  \n" + "  \n".join(act.stage_summary_lines(others)))


def _opinions(form: act.MemberForm) -> None:
    """The two requests, each a list of separate points, and an empty one to write next."""
    targets = [None, *by_id]
    for number, category in enumerate(CommentCategory, start=1):
        request = escape_markdown(act.request_label(form, category))
        st.subheader(T.REQUEST.format(number=number, request=request))
        for n, opinion in enumerate(form.my_opinions(category), start=1):
            with st.container(border=True):
                text_col, target_col, remove_col = st.columns([6, 3, 1], vertical_alignment="top")
                text_col.text_area(
                    T.POINT.format(n=n),
                    value=opinion.text,
                    key=item_key(RoundKey.OPINION_, opinion.opinion_id),
                    on_change=act.save_opinion,
                    args=(results, opinion.opinion_id),
                    disabled=not form.writable,
                    height=90,
                )
                target_col.selectbox(
                    T.POINT_TARGET,
                    targets,
                    index=targets.index(opinion.target) if opinion.target in by_id else 0,
                    format_func=act.target_label(results),
                    key=item_key(RoundKey.OPINION_TARGET_, opinion.opinion_id),
                    on_change=act.save_opinion,
                    args=(results, opinion.opinion_id),
                    disabled=not form.writable,
                )
                remove_col.button(
                    "",
                    icon=":material/delete:",
                    help=T.REMOVE_POINT,
                    key=item_key(RoundKey.OPINION_REMOVE_, opinion.opinion_id),
                    on_click=act.remove_opinion,
                    args=(results, opinion.opinion_id),
                    disabled=not form.writable,
                )
                show(opinion.opinion_id)
        st.text_area(
            T.NEW_POINT,
            key=item_key(RoundKey.NEW_OPINION_, category.name),
            on_change=act.add_opinion,
            args=(results, category),
            disabled=not form.writable,
            help=T.NEW_POINT_HELP,
            height=90,
        )
        show(category.name)


def _recommend(form: act.MemberForm) -> None:
    """Up to three 추천, each a sub-project (never 폐지) and a reason."""
    st.caption(T.RECOMMEND_HELP.format(n=len(act.SLOTS)))
    options = [sp.id for sp in act.recommendable(results)]
    current = form.my_recommendations()
    for slot in act.SLOTS:
        held = current[slot - 1] if slot <= len(current) else None
        with st.container(border=True):
            st.markdown(f"**{T.RECOMMEND_SLOT.format(n=slot)}**")
            project_col, reason_col = st.columns([2, 3])
            project_col.selectbox(
                T.RECOMMEND_PROJECT,
                options,
                index=options.index(held.sub_project_id) if held else None,
                format_func=lambda pid: project_label(by_id[pid]),
                key=act.own_key(RoundKey.REC_PROJECT_, form.actor, slot),
                on_change=act.save_recommendation,
                args=(results, slot),
                disabled=not form.writable,
                placeholder=RT.PROJECT_PLACEHOLDER,
            )
            reason_col.text_input(
                T.RECOMMEND_REASON,
                value=held.reason if held else "",
                key=act.own_key(RoundKey.REC_REASON_, form.actor, slot),
                on_change=act.save_recommendation,
                args=(results, slot),
                disabled=not form.writable,
            )
            show(f"rec{slot}")


def _submit(form: act.MemberForm) -> None:
    st.markdown(act.summary_line(results, form))
    show("submit")
    if form.submitted_at is not None:
        done = T.SUBMITTED if act.can_unsubmit(form) else T.SUBMITTED_CLOSED
        st.success(done.format(when=form.submitted_at), icon=":material/task_alt:")
        st.button(
            T.UNSUBMIT,
            key=RoundKey.UNSUBMIT,
            on_click=act.unsubmit,
            args=(results,),
            disabled=not act.can_unsubmit(form),
            icon=":material/undo:",
        )
        return
    st.caption(T.SUBMIT_HELP)
    st.button(
        T.SUBMIT,
        key=RoundKey.SUBMIT,
        on_click=act.submit,
        args=(results,),
        disabled=not form.writable,
        type="primary",
        icon=":material/send:",
    )


st.title(T.TITLE)
provenance(results)
st.caption(T.INTRO)
sign_in_panel()
form = act.member_form(results)
for level, message in act.form_notices(results, form):
    getattr(st, level)(message)
tabs = st.tabs([T.TAB_PROJECTS, T.TAB_OPINIONS, T.TAB_RECOMMEND, T.TAB_SUBMIT])
for tab, section in zip(tabs, (_projects, _opinions, _recommend, _submit), strict=True):
    with tab:
        section(form)
