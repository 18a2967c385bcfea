"""점검 입력: rate one sub-project's 계획수립 · 이행점검 · 결과확인 and write a comment beside
its numbers; below, its current reviews with edit, withdrawal and every version's history.

Opened from a project's detail as ``/review?project=체계/사업번호``. Reading needs no
sign-in; saving does (lib.ui.signin). Every save is a new version in the store (lib.store).
"""

from __future__ import annotations

import streamlit as st

from lib import comments, store
from lib import format as fmt
from lib.auth import SignInMode
from lib.flags import flags_of
from lib.metrics import sub_project_rate
from lib.schema import CommentCategory, Rating, SubProject
from lib.status import band_label, band_of
from lib.store import COMMENT_MAX_CHARS, ReviewKey, ReviewVersion, StaleReview
from lib.strings_ko import Common, StoreText
from lib.strings_ko import ReviewText as T
from lib.ui import reviews as rv
from lib.ui.data import current_results
from lib.ui.filters import current_filter
from lib.ui.keys import Key
from lib.ui.signin import Writer, current_mode, current_writer, sign_in_panel
from lib.ui.widgets import comment_list, escape_markdown, filter_line, provenance
from lib.views import filters, tables

results = current_results()
f = current_filter()
state = st.session_state
CATEGORIES = [c.value for c in CommentCategory]
RATINGS = [r.value for r in Rating]


def _rating(value: object) -> Rating | None:
    return Rating(str(value)) if value else None


def _label(sub_project: SubProject) -> str:
    """``사회보장사업 1-1-3 행복울타리 돌봄사업`` (and ``(폐지)``)."""
    label = T.PROJECT_OPTION.format(
        system=sub_project.system.value, code=sub_project.code, name=sub_project.name
    )
    return label + (T.PROJECT_ABOLISHED if sub_project.abolished else "")


def _widget(name: str, review_id: str) -> str:
    """Key of one per-review widget (edit form fields and buttons)."""
    return f"{Key.REVIEW_ACTION}:{name}:{review_id}"


def _fail(scope: str, message: str) -> None:
    """Keep a refusal to show once beside what was refused ("new" or a review id)."""
    state[Key.REVIEW_ERROR] = (scope, message)


def _show_failure(scope: str) -> None:
    failure = state.get(Key.REVIEW_ERROR)
    if isinstance(failure, tuple) and failure[0] == scope:
        state.pop(Key.REVIEW_ERROR, None)
        st.error(failure[1], icon=":material/warning:")


def _notify(scope: str, message: str) -> None:
    """Keep what was done to show once: "new" above the form, "list" above the reviews."""
    state[Key.REVIEW_NOTICE] = (scope, message)


def _show_notice(scope: str) -> None:
    notice = state.get(Key.REVIEW_NOTICE)
    if isinstance(notice, tuple) and notice[0] == scope:
        state.pop(Key.REVIEW_NOTICE, None)
        st.success(notice[1], icon=":material/check_circle:")


# ── Callbacks (run before the script, with the writer checked again) ─────────────────


def _choose() -> None:
    """A project picked: keep it in the URL (a link to share) and close open actions."""
    chosen = state.get(Key.REVIEW_PROJECT)
    if chosen:
        st.query_params[Key.PROJECT] = chosen
    elif Key.PROJECT in st.query_params:
        del st.query_params[Key.PROJECT]
    state.pop(Key.REVIEW_EDITING, None)
    state.pop(Key.REVIEW_WITHDRAWING, None)


def _create(sub_project_id: str) -> None:
    writer = current_writer()
    sub_project = results.sub_project(sub_project_id)
    if writer is None or sub_project is None:
        _fail("new", StoreText.AUTHOR_MISSING)
        return
    try:
        store.create_review(
            rv.reviews_engine(),
            ReviewKey.of(results, sub_project),
            actor=rv.actor_of(writer),
            category=CommentCategory(state.get(Key.REVIEW_CATEGORY) or CommentCategory.RESULTS),
            rating_plan=_rating(state.get(Key.REVIEW_PLAN)),
            rating_check=_rating(state.get(Key.REVIEW_CHECK)),
            rating_result=_rating(state.get(Key.REVIEW_RESULT)),
            comment=str(state.get(Key.REVIEW_COMMENT) or ""),
        )
    except rv.DATABASE_ERRORS as error:
        _fail("new", rv.problem_message(error))
        return
    rv.invalidate()
    for key in (Key.REVIEW_PLAN, Key.REVIEW_CHECK, Key.REVIEW_RESULT):
        state[key] = None
    state[Key.REVIEW_COMMENT] = ""
    _notify("new", T.SAVED)


def _owned(review_id: str) -> tuple[Writer, ReviewVersion] | None:
    """The writer and the review's latest version, if the writer wrote it."""
    writer = current_writer()
    if writer is None:
        _fail(review_id, StoreText.AUTHOR_MISSING)
        return None
    try:
        latest = store.get_review(rv.reviews_engine(), review_id)
    except rv.DATABASE_ERRORS as error:
        _fail(review_id, rv.problem_message(error))
        return None
    if latest.author_id != writer.identity:
        _fail(review_id, T.NOT_AUTHOR)
        return None
    return writer, latest


def _open(action: Key, review_id: str, version: int) -> None:
    """Open the edit form or the withdrawal question for one review (one at a time)."""
    state.pop(Key.REVIEW_EDITING, None)
    state.pop(Key.REVIEW_WITHDRAWING, None)
    state[action] = (review_id, version)


def _close() -> None:
    state.pop(Key.REVIEW_EDITING, None)
    state.pop(Key.REVIEW_WITHDRAWING, None)


def _save_edit(review_id: str) -> None:
    editing = state.get(Key.REVIEW_EDITING)
    owned = _owned(review_id)
    if owned is None or not isinstance(editing, tuple):
        return
    writer, _ = owned
    base = int(editing[1])
    try:
        saved = store.edit_review(
            rv.reviews_engine(),
            review_id,
            actor=rv.actor_of(writer),
            expected_version=base,
            category=CommentCategory(state.get(_widget("category", review_id))),
            rating_plan=_rating(state.get(_widget("rating_plan", review_id))),
            rating_check=_rating(state.get(_widget("rating_check", review_id))),
            rating_result=_rating(state.get(_widget("rating_result", review_id))),
            comment=str(state.get(_widget("comment", review_id)) or ""),
        )
    except StaleReview as stale:
        if stale.current.withdrawn:  # withdrawn from another window: nothing left to edit
            state.pop(Key.REVIEW_EDITING, None)
            _fail(review_id, StoreText.REVIEW_WITHDRAWN)
            return
        # Someone saved in between: say so, show the latest above, keep this draft open
        # on top of the version now shown (saving again is then a deliberate choice).
        _fail(review_id, str(stale))
        state[Key.REVIEW_EDITING] = (review_id, stale.current.version)
        return
    except rv.DATABASE_ERRORS as error:
        _fail(review_id, rv.problem_message(error))
        return
    state.pop(Key.REVIEW_EDITING, None)
    rv.invalidate()
    _notify(
        "list", T.UNCHANGED if saved.version == base else T.EDITED.format(version=saved.version)
    )


def _withdraw(review_id: str) -> None:
    asked = state.get(Key.REVIEW_WITHDRAWING)
    owned = _owned(review_id)
    state.pop(Key.REVIEW_WITHDRAWING, None)
    if owned is None or not isinstance(asked, tuple):
        return
    writer, _ = owned
    try:
        store.withdraw_review(
            rv.reviews_engine(),
            review_id,
            actor=rv.actor_of(writer),
            expected_version=int(asked[1]),
        )
    except StaleReview as stale:  # changed (or withdrawn) from another window: look first
        _fail(review_id, StoreText.REVIEW_WITHDRAWN if stale.current.withdrawn else str(stale))
        return
    except rv.DATABASE_ERRORS as error:
        _fail(review_id, rv.problem_message(error))
        return
    rv.invalidate()
    _notify("list", T.WITHDRAWN)


# ── What the page shows ─────────────────────────────────────────────────────────────


def _numbers(sp: SubProject) -> None:
    """The project's rate, flags, budget and indicators, beside the form."""
    rate = sub_project_rate(sp)
    budget = tables.budget_view(sp)
    st.subheader(escape_markdown(sp.name), anchor=False)
    st.caption(
        T.PROJECT_CAPTION.format(
            system=sp.system.value,
            code=sp.code,
            strategy=escape_markdown(sp.strategy),
            key_project=escape_markdown(sp.key_project),
        )
    )
    if sp.abolished:
        st.warning(T.ABOLISHED, icon=":material/block:")
    rate_col, flag_col = st.columns([1, 1])
    rate_col.metric(T.RATE, fmt.percent(rate))
    rate_col.caption(
        T.RATE_CAPTION.format(band=band_label(band_of(rate, f.bands)))
        if rate is not None
        else T.NO_RATE
    )
    badges = tables.flag_text(flags_of(sp, f.thresholds))
    flag_col.markdown(f"**{T.FLAGS}**  \n{escape_markdown(badges) if badges else T.NO_FLAGS}")
    changed = (
        fmt.thousand_won(budget.changed, unit=False)
        if budget.changed is not None
        else T.BUDGET_UNCHANGED
    )
    lines = [
        f"**{T.BUDGET}** ({Common.UNIT_THOUSAND_WON})",
        T.BUDGET_LINE.format(
            planned=fmt.thousand_won(budget.planned, unit=False),
            changed=changed,
            executed=fmt.thousand_won(budget.executed, unit=False),
        ),
        T.EXECUTION.format(rate=fmt.percent(budget.execution_rate)),
    ]
    if budget.is_changed:
        lines.append(
            T.REASON_MISSING
            if budget.reason_missing
            else T.REASON.format(reason=escape_markdown(budget.reason or ""))
        )
    st.markdown("  \n".join(lines))
    st.markdown(f"**{T.INDICATORS}**")
    indicators = tables.indicator_table(sp, f.bands)
    indicators["achievement_rate"] = (
        indicators["achievement_rate"] + " " + indicators["band"]
    ).str.strip()
    st.dataframe(
        indicators,
        hide_index=True,
        column_order=["indicator", "unit", "target", "actual", "achievement_rate"],
        column_config={
            "indicator": st.column_config.TextColumn(T.INDICATOR),
            "unit": st.column_config.TextColumn(T.UNIT),
            "target": st.column_config.TextColumn(T.TARGET, alignment="right"),
            "actual": st.column_config.TextColumn(T.ACTUAL, alignment="right"),
            "achievement_rate": st.column_config.TextColumn(T.RATE, alignment="right"),
        },
    )
    st.page_link(
        "app_pages/projects.py",
        label=T.DETAIL_LINK,
        icon=":material/table_rows:",
        query_params={Key.PROJECT.value: sp.id},
    )


def _stage_controls(keys: dict[str, str], defaults: dict[str, Rating | None]) -> None:
    """계획수립 · 이행점검 · 결과확인, each 적절 / 보통 / 부적절 or none."""
    helps = (T.STAGE_PLAN_HELP, T.STAGE_CHECK_HELP, T.STAGE_RESULT_HELP)
    for (field, stage), help_text in zip(rv.STAGES, helps, strict=True):
        label_col, control_col = st.columns([2, 3], vertical_alignment="center")
        label_col.markdown(f"**{stage}**  \n:small[{help_text}]")
        default = defaults.get(field)
        control_col.segmented_control(
            stage,
            RATINGS,
            default=default.value if default else None,
            key=keys[field],
            label_visibility="collapsed",
        )


def _form(sp: SubProject, writer: Writer | None, can_write: bool) -> None:
    """The new-review form, or why there is none."""
    if writer is None:
        st.info(T.SIGN_IN_TO_WRITE if can_write else T.READONLY_FORM, icon=":material/edit_off:")
        return
    with st.form(Key.REVIEW_FORM, border=True):
        st.markdown(f"**{T.FORM_TITLE.format(name=escape_markdown(sp.name))}**")
        st.radio(
            T.CATEGORY, CATEGORIES, key=Key.REVIEW_CATEGORY, horizontal=True, help=T.CATEGORY_HELP
        )
        _stage_controls(
            {
                "rating_plan": Key.REVIEW_PLAN,
                "rating_check": Key.REVIEW_CHECK,
                "rating_result": Key.REVIEW_RESULT,
            },
            {},
        )
        st.caption(T.RATINGS_NOTE)
        st.text_area(
            T.COMMENT,
            key=Key.REVIEW_COMMENT,
            max_chars=COMMENT_MAX_CHARS,
            height=150,
            placeholder=T.COMMENT_PLACEHOLDER,
            help=T.COMMENT_HELP.format(limit=fmt.count(COMMENT_MAX_CHARS, noun="자")),
        )
        st.form_submit_button(
            T.SUBMIT,
            key=Key.REVIEW_SUBMIT,
            on_click=_create,
            args=(sp.id,),
            type="primary",
            icon=":material/save:",
        )
    _show_failure("new")


def _edit_form(review: ReviewVersion, base: int) -> None:
    rid = review.review_id
    with st.form(_widget("form", rid), border=False):
        st.caption(T.EDIT_BASE.format(version=base, next=base + 1))
        st.radio(
            T.CATEGORY,
            CATEGORIES,
            index=CATEGORIES.index(review.category.value),
            key=_widget("category", rid),
            horizontal=True,
        )
        _stage_controls(
            {field: _widget(field, rid) for field, _ in rv.STAGES},
            {field: getattr(review, field) for field, _ in rv.STAGES},
        )
        st.text_area(
            T.COMMENT,
            value=review.comment,
            key=_widget("comment", rid),
            max_chars=COMMENT_MAX_CHARS,
            height=150,
        )
        save_col, cancel_col, _ = st.columns([2, 1, 3])
        save_col.form_submit_button(
            T.SAVE_EDIT,
            key=_widget("save", rid),
            on_click=_save_edit,
            args=(rid,),
            type="primary",
            icon=":material/save:",
            width="stretch",
        )
        cancel_col.form_submit_button(
            T.CANCEL, key=_widget("cancel", rid), on_click=_close, width="stretch"
        )


def _history(trail: list[ReviewVersion]) -> None:
    """Every version: number, author, time, what changed, and the text as it then read."""
    with st.expander(T.HISTORY.format(count=len(trail)), icon=":material/history:"):
        previous: ReviewVersion | None = None
        for version, line in rv.history_lines(trail):
            st.markdown(line)
            if version.comment and (previous is None or version.comment != previous.comment):
                st.caption(escape_markdown(version.comment))
            previous = version


def _card(review: ReviewVersion, writer: Writer | None, trail: list[ReviewVersion]) -> None:
    """One current review: text, ratings, who and when; the author may edit or withdraw."""
    rid = review.review_id
    mine = writer is not None and review.author_id == writer.identity
    editing = state.get(Key.REVIEW_EDITING)
    asked = state.get(Key.REVIEW_WITHDRAWING)
    with st.container(border=True, key=_widget("card", rid)):
        text_col, action_col = st.columns([6, 1]) if mine else (st.container(), None)
        with text_col:
            st.markdown(escape_markdown(review.comment) if review.comment else T.NO_COMMENT)
            by = T.CARD_BY.format(author=review.author, date=fmt.date_label(review.created_at))
            if review.version > 1:
                by += T.CARD_VERSION.format(version=review.version)
            stages = T.CARD_STAGES.format(
                category=review.category.value, stages=review.stage_summary()
            )
            st.caption(f"**{escape_markdown(by)}**  \n{stages}")
        if action_col is not None:
            action_col.button(
                T.EDIT,
                key=_widget("edit", rid),
                on_click=_open,
                args=(Key.REVIEW_EDITING, rid, review.version),
                icon=":material/edit:",
                width="stretch",
            )
            action_col.button(
                T.WITHDRAW,
                key=_widget("withdraw", rid),
                on_click=_open,
                args=(Key.REVIEW_WITHDRAWING, rid, review.version),
                icon=":material/undo:",
                width="stretch",
            )
        _show_failure(rid)
        if mine and isinstance(asked, tuple) and asked[0] == rid:
            st.warning(T.WITHDRAW_CONFIRM, icon=":material/warning:")
            yes_col, no_col, _ = st.columns([2, 1, 3])
            yes_col.button(
                T.WITHDRAW_YES,
                key=_widget("withdraw_yes", rid),
                on_click=_withdraw,
                args=(rid,),
                type="primary",
                width="stretch",
            )
            no_col.button(
                T.CANCEL, key=_widget("withdraw_no", rid), on_click=_close, width="stretch"
            )
        if mine and isinstance(editing, tuple) and editing[0] == rid:
            _edit_form(review, int(editing[1]))
        _history(trail)


def _reviews(sp: SubProject, writer: Writer | None) -> None:
    """The project's current reviews, their stage summary, and the withdrawn ones' trails."""
    engine = rv.reviews_engine()
    meta = results.meta
    current = store.reviews_for_project(engine, meta.district, meta.year, sp.system, sp.code)
    st.subheader(T.REVIEWS.format(count=fmt.count(len(current), noun="건")), anchor=False)
    _show_notice("list")
    failure = state.get(Key.REVIEW_ERROR)
    if isinstance(failure, tuple) and failure[0] not in {r.review_id for r in current}:
        _show_failure(failure[0])  # about a review no longer listed (withdrawn meanwhile)
    if not current:
        st.caption(T.NO_REVIEWS)
    else:
        st.markdown(f"**{T.SUMMARY}**  \n" + "  \n".join(rv.stage_summary_lines(current)))
    for review in current:
        _card(review, writer, store.history(engine, review.review_id))
    withdrawn = rv.withdrawn_reviews(engine, meta.district, meta.year, sp.system, sp.code)
    if withdrawn:
        with st.expander(
            T.WITHDRAWN_REVIEWS.format(count=fmt.count(len(withdrawn), noun="건")),
            icon=":material/undo:",
        ):
            for number, trail in enumerate(withdrawn):
                if number:
                    st.divider()
                last = trail[-1]
                st.markdown(escape_markdown(last.comment) if last.comment else T.NO_COMMENT)
                st.caption(
                    escape_markdown(
                        T.WITHDRAWN_BY.format(
                            author=last.author, date=fmt.date_label(last.created_at)
                        )
                    )
                )
                for _, line in rv.history_lines(trail):
                    st.markdown(line)


# ── The page ────────────────────────────────────────────────────────────────────────

st.title(T.TITLE)
provenance(results)
st.caption(T.INTRO)
writer = sign_in_panel()
can_write = current_mode() is not SignInMode.READONLY
filter_line(results, f, key=Key.REVIEW_CLEAR)

shown = filters.apply(results.sub_projects, f)
wanted = st.query_params.get(Key.PROJECT)
chosen = results.sub_project(wanted) if wanted else None
options = [sp.id for sp in shown]
if chosen is not None and chosen.id not in options:
    options.insert(0, chosen.id)
if state.get(Key.REVIEW_PROJECT) != (chosen.id if chosen else None):
    state[Key.REVIEW_PROJECT] = chosen.id if chosen else None
by_id = {sp.id: sp for sp in results.sub_projects}
st.selectbox(
    T.PROJECT,
    options,
    index=None,
    format_func=lambda sub_project_id: _label(by_id[sub_project_id]),
    key=Key.REVIEW_PROJECT,
    on_change=_choose,
    placeholder=T.PROJECT_PLACEHOLDER,
    help=T.PROJECT_HELP,
)
if wanted and chosen is None:
    st.warning(T.UNKNOWN_PROJECT.format(id=escape_markdown(wanted)), icon=":material/warning:")
if chosen is None:
    if not options:
        st.warning(Common.EMPTY_FILTERED)
    else:
        st.info(T.PICK, icon=":material/touch_app:")
    st.stop()
if chosen.id not in {sp.id for sp in shown}:
    st.caption(T.OUTSIDE_FILTER)

_show_notice("new")

numbers_col, form_col = st.columns([1, 1], gap="large")
with numbers_col:
    _numbers(chosen)
with form_col:
    _form(chosen, writer, can_write)

st.divider()
try:
    _reviews(chosen, writer)
except rv.DATABASE_ERRORS as error:
    st.error(
        str(error) if isinstance(error, store.StoreError) else T.STORE_UNAVAILABLE,
        icon=":material/warning:",
    )
in_workbook = comments.about(comments.from_workbook(results), comments.Node.of(chosen))
if in_workbook:
    with st.expander(
        T.WORKBOOK_COMMENTS.format(count=fmt.count(len(in_workbook), noun="건")),
        icon=":material/description:",
    ):
        comment_list(in_workbook)
