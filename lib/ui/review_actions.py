"""서면의견지 controller: what the member's form reads and every on_change callback.

Each callback reads its widget's value from ``st.session_state`` and writes it to the store
at once (a meeting can outlast a websocket session); the store decides who may write what
and answers a refusal in Korean, which is kept to show once beside the widget
(``lib.ui.round_flash``). Pages call these; they never import ``lib.store``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from lib import format as fmt
from lib import store
from lib.rounds import (
    MAX_RECOMMENDATIONS,
    Actor,
    Opinion,
    Recommendation,
    RosterEntry,
    RoundSnapshot,
    RoundStatus,
)
from lib.schema import CommentCategory, Rating, Results, SubProject
from lib.store import KEEP, ReviewKey, ReviewVersion
from lib.strings_ko import OpinionFormText as T
from lib.strings_ko import ReviewText
from lib.ui import db
from lib.ui import reviews as rv
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.review_widgets import project_label
from lib.ui.round_actions import current_actor, round_of, run, write
from lib.ui.round_flash import fail, notify
from lib.ui.round_keys import RoundKey, item_key

STAGE_FIELDS = {"plan": "rating_plan", "check": "rating_check", "result": "rating_result"}


@dataclass(frozen=True)
class MemberForm:
    """What one member's 서면의견지 shows: the round, who writes, and whether they may."""

    snapshot: RoundSnapshot | None
    actor: Actor | None
    entry: RosterEntry | None  # the actor's roster entry, if linked

    @property
    def writable(self) -> bool:
        """The store would accept this member's round writes now."""
        return (
            self.snapshot is not None
            and self.entry is not None
            and self.snapshot.status is RoundStatus.COLLECTING
            and self.submitted_at is None
        )

    @property
    def can_rate(self) -> bool:
        """Per-project ratings: open unless the round is past 의견 수렴."""
        if self.actor is None:
            return False
        if self.snapshot is None:
            return True
        return self.snapshot.status in (RoundStatus.PREPARING, RoundStatus.COLLECTING)

    @property
    def submitted_at(self) -> str | None:
        if self.snapshot is None or self.entry is None:
            return None
        done = next(
            (
                s
                for s in self.snapshot.submissions
                if s.member_id == self.entry.member_id and s.submitted
            ),
            None,
        )
        if done is None:
            return None
        return fmt.datetime_label(done.at) if done.at else ""

    def my_opinions(self, category: CommentCategory) -> list[Opinion]:
        if self.snapshot is None or self.entry is None:
            return []
        return [
            o
            for o in self.snapshot.opinions
            if o.member_id == self.entry.member_id and o.category is category
        ]

    def my_recommendations(self) -> list[Recommendation]:
        if self.snapshot is None or self.entry is None:
            return []
        return [r for r in self.snapshot.recommendations if r.member_id == self.entry.member_id]


def own_key(prefix: RoundKey, actor: Actor | None, *parts: object) -> str:
    """The key of a widget that shows the signed-in member's own stored value: it names the
    account, so that signing in (or in as someone else) shows that member's value afresh."""
    return item_key(prefix, actor.account if actor else "-", *parts)


def member_form(results: Results) -> MemberForm:
    """The signed-in member's view of the 시군구·연도's round (may raise a database error)."""
    actor = current_actor()
    snapshot = round_of(results)
    entry = None
    if snapshot is not None and actor is not None:
        entry = next((m for m in snapshot.roster if m.account == actor.account), None)
    return MemberForm(snapshot, actor, entry)


def recommendable(results: Results) -> list[SubProject]:
    """Sub-projects a member may recommend: every one but 폐지."""
    return [sp for sp in results.sub_projects if not sp.abolished]


# ── Per-project rating and comment (the member's own review of each sub-project) ──────


def my_review(results: Results, sp: SubProject, actor: Actor | None) -> ReviewVersion | None:
    """The member's current review of one sub-project (the latest one they wrote)."""
    if actor is None:
        return None
    meta = results.meta
    mine = [
        r
        for r in store.reviews_for_project(
            db.reviews_engine(), meta.district, meta.year, sp.system, sp.code
        )
        if r.author_id == actor.account
    ]
    return mine[-1] if mine else None


def others_reviews(results: Results, sp: SubProject, actor: Actor | None) -> list[ReviewVersion]:
    meta = results.meta
    every = store.reviews_for_project(
        db.reviews_engine(), meta.district, meta.year, sp.system, sp.code
    )
    return [r for r in every if actor is None or r.author_id != actor.account]


def _save_review(results: Results, sub_project_id: str, **change: object) -> None:
    """Create the member's review of a sub-project, or save its next version with
    ``change``; a review left with neither rating nor comment is withdrawn."""
    actor = current_actor()
    sp = results.sub_project(sub_project_id)
    if actor is None or sp is None:
        fail(sub_project_id, ReviewText.SIGN_IN_TO_WRITE)
        return
    engine = db.reviews_engine()
    current = my_review(results, sp, actor)
    if current is None:
        store.create_review(
            engine,
            ReviewKey.of(results, sp),
            actor=actor,
            **change,  # type: ignore[arg-type]
        )
    else:
        after = {
            field: change.get(field, getattr(current, field))
            for field in (*STAGE_FIELDS.values(), "comment")
        }
        if not any(after.values()):
            store.withdraw_review(engine, current.review_id, actor=actor)
        else:
            edits = {k: change.get(k, KEEP) for k in (*STAGE_FIELDS.values(), "comment")}
            store.edit_review(
                engine,
                current.review_id,
                actor=actor,
                **edits,  # type: ignore[arg-type]
            )
    rv.invalidate()
    notify(sub_project_id, T.SAVED_AT.format(when=fmt.datetime_label(datetime.now(UTC))))


def save_rating(results: Results, sub_project_id: str, stage: str) -> None:
    value = st.session_state.get(own_key(RoundKey.RATE_, current_actor(), stage, sub_project_id))
    rating = Rating(str(value)) if value else None
    run(sub_project_id, _save_review, results, sub_project_id, **{STAGE_FIELDS[stage]: rating})


def save_comment(results: Results, sub_project_id: str) -> None:
    key = own_key(RoundKey.COMMENT_, current_actor(), sub_project_id)
    text = str(st.session_state.get(key) or "")
    run(sub_project_id, _save_review, results, sub_project_id, comment=text)


def rating_of(review: ReviewVersion | None, stage: str) -> str | None:
    value = getattr(review, STAGE_FIELDS[stage]) if review is not None else None
    return value.value if value is not None else None


SLOTS = tuple(range(1, MAX_RECOMMENDATIONS + 1))
COMMENT_MAX_CHARS = store.COMMENT_MAX_CHARS
STAGE_NAMES = tuple(name for _, name in rv.STAGES)
stage_summary_lines = rv.stage_summary_lines


def sync_project_choice(results: Results) -> None:
    """Follow ``?project=`` (the link from a project's detail) into the project picker."""
    wanted = st.query_params.get(Key.PROJECT)
    known = wanted is not None and results.sub_project(wanted) is not None
    if known and st.session_state.get(RoundKey.FORM_PROJECT) != wanted:
        st.session_state[RoundKey.FORM_PROJECT] = wanted


def project_chosen() -> None:
    """A project picked: keep it in the URL, a link to share."""
    chosen = st.session_state.get(RoundKey.FORM_PROJECT)
    if chosen:
        st.query_params[Key.PROJECT] = chosen
    elif Key.PROJECT in st.query_params:
        del st.query_params[Key.PROJECT]


def form_notices(results: Results, form: MemberForm) -> list[tuple[str, str]]:
    """What the member should know before writing, as (st function name, message)."""
    meta = results.meta
    snap = form.snapshot
    if snap is None:
        return [
            ("info", T.NO_ROUND.format(district=escape_markdown(meta.district), year=meta.year))
        ]
    notices = [
        (
            "caption",
            T.ROUND_LINE.format(
                district=escape_markdown(meta.district), year=meta.year, status=snap.status.value
            ),
        )
    ]
    if form.actor is not None and form.entry is None and not form.actor.is_secretariat:
        notices.append(
            (
                "warning",
                T.NOT_ON_ROSTER.format(
                    name=escape_markdown(form.actor.name),
                    identity=escape_markdown(form.actor.account),
                ),
            )
        )
    elif form.entry is not None:
        notices.append(
            (
                "markdown",
                T.AS_MEMBER.format(
                    name=escape_markdown(form.entry.name),
                    role=escape_markdown(form.entry.role or "-"),
                ),
            )
        )
    if snap.status is RoundStatus.PREPARING:
        notices.append(("info", T.NOT_OPEN_YET))
    elif snap.status in (RoundStatus.MERGING, RoundStatus.CONFIRMED):
        notices.append(("info", T.CLOSED.format(status=snap.status.value)))
    return notices


def request_label(form: MemberForm, category: CommentCategory) -> str:
    """The round's wording of a request (the seed's by default), escaped for markdown."""
    requests = form.snapshot.settings.requests if form.snapshot else ()
    index = list(CommentCategory).index(category)
    return escape_markdown(requests[index] if index < len(requests) else category.value)


def target_label(results: Results) -> Callable[[str | None], str]:
    def label(sub_project_id: str | None) -> str:
        sp = results.sub_project(sub_project_id) if sub_project_id else None
        return T.POINT_TARGET_NONE if sp is None else project_label(sp)

    return label


def summary_line(results: Results, form: MemberForm) -> str:
    rated = 0
    if form.actor is not None:
        meta = results.meta
        rated = len(
            {
                r.sub_project_id
                for r in store.current_reviews(db.reviews_engine(), meta.district, meta.year)
                if r.author_id == form.actor.account
            }
        )
    opinions = sum(len(form.my_opinions(c)) for c in CommentCategory)
    return T.SUMMARY.format(rated=rated, opinions=opinions, recs=len(form.my_recommendations()))


def can_unsubmit(form: MemberForm) -> bool:
    return form.snapshot is not None and form.snapshot.status is RoundStatus.COLLECTING


# ── Overall opinions, 추천, 제출 (round writes: the store checks roster and status) ───


def _saved(scope: str) -> None:
    notify(scope, T.SAVED_AT.format(when=fmt.datetime_label(datetime.now(UTC))))


def add_opinion(results: Results, category: CommentCategory) -> None:
    """The empty point was written in: save it as a new opinion, and empty the box."""
    widget = item_key(RoundKey.NEW_OPINION_, category.name)
    text = str(st.session_state.get(widget) or "")
    if not text.strip():
        return
    if write(category.name, results, store.add_opinion, category=category, text=text):
        st.session_state[widget] = ""
        _saved(category.name)


def save_opinion(results: Results, opinion_id: str) -> None:
    """An opinion's text or target changed (emptied: it is withdrawn)."""
    text = str(st.session_state.get(item_key(RoundKey.OPINION_, opinion_id)) or "")
    target = st.session_state.get(item_key(RoundKey.OPINION_TARGET_, opinion_id))
    if not text.strip():
        remove_opinion(results, opinion_id)
        return
    if write(opinion_id, results, store.edit_opinion, opinion_id, text=text, target=target):
        _saved(opinion_id)


def remove_opinion(results: Results, opinion_id: str) -> None:
    write(opinion_id, results, store.withdraw_opinion, opinion_id)


def save_recommendation(results: Results, slot: int) -> None:
    """Slot ``slot`` changed: replace what it held with the project and reason now shown
    (the same project again only rewrites its reason)."""
    scope = f"rec{slot}"
    form = member_form(results)
    chosen = st.session_state.get(own_key(RoundKey.REC_PROJECT_, form.actor, slot))
    reason_key = own_key(RoundKey.REC_REASON_, form.actor, slot)
    reason = str(st.session_state.get(reason_key) or "").strip()
    current = form.my_recommendations()
    held = current[slot - 1] if slot <= len(current) else None
    if chosen and not reason:
        fail(scope, T.RECOMMEND_REASON_MISSING)
        return
    moved = held is not None and held.sub_project_id != chosen
    if (
        moved
        and held is not None
        and not write(scope, results, store.withdraw_recommendation, held.sub_project_id)
    ):
        return
    unchanged = held is not None and not moved and held.reason == reason
    if chosen and not unchanged:
        if write(scope, results, store.recommend, str(chosen), reason):
            _saved(scope)
    elif moved:
        _saved(scope)


def submit(results: Results) -> None:
    write("submit", results, store.submit)


def unsubmit(results: Results) -> None:
    write("submit", results, store.reopen_submission)
