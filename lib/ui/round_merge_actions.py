"""취합 · 우수사업 controller: the 사무국 merges members' opinions into the report's points,
orders them, and selects the 우수사업 — each a store write (``lib.ui.round_actions.run``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import streamlit as st

from lib import format as fmt
from lib import store
from lib.format import LOCAL_TIME
from lib.rounds import (
    Actor,
    Disagreement,
    MergedPoint,
    Opinion,
    RoundSnapshot,
    RoundStatus,
    TallyRow,
    disagreements,
    opinions_by_target,
    recommendation_tally,
    reply_counts,
    tally_rows,
)
from lib.schema import CommentCategory, Results
from lib.strings_ko import RoundText as T
from lib.strings_ko import StoreText
from lib.ui.markup import escape_markdown
from lib.ui.round_actions import round_of, write
from lib.ui.round_flash import fail, notify
from lib.ui.round_keys import RoundKey, item_key
from lib.views.tables import flag_text

STAGE_NAMES = {
    "plan": StoreText.STAGE_PLAN,
    "check": StoreText.STAGE_CHECK,
    "result": StoreText.STAGE_RESULT,
}


def editable(snapshot: RoundSnapshot) -> bool:
    """The 사무국 merges and selects while the round is at 취합."""
    return snapshot.status is RoundStatus.MERGING


# ── What the pages show ─────────────────────────────────────────────────────────────


def reply_table(snapshot: RoundSnapshot) -> list[dict[str, str]]:
    """Per roster member: 성명, 구분, account, 제출 or 미제출, when."""
    done = {s.member_id: s for s in snapshot.submissions if s.submitted}
    rows = []
    for entry in snapshot.roster:
        submission = done.get(entry.member_id)
        rows.append(
            dict(
                zip(
                    T.REPLY_COLUMNS,
                    (
                        entry.name,
                        entry.role or "",
                        entry.account or T.NO_ACCOUNT,
                        T.SUBMITTED if submission else T.NOT_SUBMITTED,
                        fmt.datetime_label(submission.at) if submission and submission.at else "",
                    ),
                    strict=True,
                )
            )
        )
    return rows


def overdue_lines(snapshot: RoundSnapshot, today: date | None = None) -> list[str]:
    """A warning when the 회신 기한 has passed with members yet to submit."""
    deadline = snapshot.settings.deadline
    submitted, total = reply_counts(snapshot)
    today = today or datetime.now(LOCAL_TIME).date()
    if deadline is None or today <= deadline or submitted >= total:
        return []
    if snapshot.status is not RoundStatus.COLLECTING:
        return []
    return [T.OVERDUE.format(date=fmt.date_label(deadline), n=total - submitted)]


def merge_notices(snapshot: RoundSnapshot, actor: Actor | None) -> list[tuple[str, str]]:
    """Why the controls are off, as (st function name, message)."""
    if actor is None:
        return [("info", T.SIGN_IN_SECRETARIAT)]
    if not actor.is_secretariat:
        return [("info", T.ONLY_SECRETARIAT)]
    if snapshot.status is RoundStatus.CONFIRMED:
        return [
            (
                "success",
                T.CONFIRMED.format(
                    date=fmt.date_label(snapshot.confirmed_at) if snapshot.confirmed_at else ""
                ),
            )
        ]
    if snapshot.status is not RoundStatus.MERGING:
        return [("info", T.NOT_MERGING.format(status=snapshot.status.value))]
    return []


def request(snapshot: RoundSnapshot, category: CommentCategory) -> str:
    """The round's wording of one request (the seed's by default), escaped for markdown."""
    requests = snapshot.settings.requests
    index = list(CommentCategory).index(category)
    return escape_markdown(requests[index] if index < len(requests) else category.value)


def selectable(snapshot: RoundSnapshot, results: Results) -> list[str]:
    """Sub-projects that may still be selected: not 폐지, not selected yet; recommended first."""
    taken = set(snapshot.selected_ids)
    recommended = [sp_id for sp_id, _ in recommendation_tally(snapshot.recommendations)]
    rest = [sp.id for sp in results.sub_projects if sp.id not in recommended]
    return [
        sp_id
        for sp_id in recommended + rest
        if sp_id not in taken
        and (sp := results.sub_project(sp_id)) is not None
        and not sp.abolished
    ]


def reply_line(snapshot: RoundSnapshot) -> str:
    submitted, total = reply_counts(snapshot)
    return T.REPLIES.format(total=total, submitted=submitted)


def member_name(snapshot: RoundSnapshot, member_id: str) -> str:
    entry = snapshot.member(member_id)
    return entry.name if entry else member_id


def target_name(results: Results, target: str | None) -> str:
    sp = results.sub_project(target) if target else None
    if target is None:
        return T.TARGET_ALL
    return f"{sp.name} ({sp.code})" if sp else target


def opinion_groups(
    snapshot: RoundSnapshot, category: CommentCategory
) -> list[tuple[str | None, list[Opinion]]]:
    return opinions_by_target(snapshot.opinions, category)


def opinion_byline(snapshot: RoundSnapshot, opinion: Opinion) -> str:
    """``김소영 · 2024. 3. 15.`` escaped for markdown."""
    when = fmt.date_label(opinion.created_at) if opinion.created_at else ""
    return escape_markdown(
        T.OPINION_BY.format(member=member_name(snapshot, opinion.member_id), date=when)
    )


def opinion_choice(snapshot: RoundSnapshot, category: CommentCategory) -> dict[str, str]:
    """One request's opinion ids → ``김소영: 첫 40자…`` for the merge picker."""
    return {
        o.opinion_id: f"{member_name(snapshot, o.member_id)}: "
        + (o.text if len(o.text) <= 40 else o.text[:40] + "…")
        for o in snapshot.opinions
        if o.category is category
    }


def points(snapshot: RoundSnapshot, category: CommentCategory) -> list[MergedPoint]:
    return sorted(
        (p for p in snapshot.merged_points if p.category is category), key=lambda p: p.order
    )


def sources_line(snapshot: RoundSnapshot, point: MergedPoint) -> str:
    names = [
        member_name(snapshot, o.member_id)
        for o in snapshot.opinions
        if o.opinion_id in point.sources
    ]
    return escape_markdown(T.MERGED_FROM.format(sources=", ".join(names) or "-"))


def tally(snapshot: RoundSnapshot, results: Results, thresholds: object) -> list[TallyRow]:
    return tally_rows(snapshot.recommendations, snapshot.selections, results, thresholds)  # type: ignore[arg-type]


def tally_line(row: TallyRow) -> str:
    sp = row.sub_project
    return T.TALLY_LINE.format(
        name=escape_markdown(sp.name if sp else row.sub_project_id),
        system=sp.system.value if sp else "",
        code=sp.code if sp else "",
        count=row.count,
        rate=fmt.percent(row.rate),
        flags=flag_text(row.flags) or T.NO_FLAGS,
    )


def tally_reasons(snapshot: RoundSnapshot, row: TallyRow) -> list[str]:
    return [
        T.TALLY_REASON.format(member=member_name(snapshot, r.member_id), reason=r.reason)
        for r in row.recommendations
    ]


def disagreement_lines(snapshot: RoundSnapshot, results: Results) -> list[str]:
    found: list[Disagreement] = disagreements(snapshot.ratings)
    return [
        T.DISAGREE_LINE.format(
            name=escape_markdown(target_name(results, d.sub_project_id)),
            stage=STAGE_NAMES[d.stage],
            good=escape_markdown(", ".join(d.appropriate)),
            bad=escape_markdown(", ".join(d.inappropriate)),
        )
        for d in found
    ]


# ── Callbacks ───────────────────────────────────────────────────────────────────────


def add_point(results: Results, category: CommentCategory) -> None:
    """A new report point from the picked opinions and the wording typed for it."""
    scope = f"merge:{category.name}"
    state = st.session_state
    text_key = item_key(RoundKey.MERGE_TEXT_, category.name)
    sources_key = item_key(RoundKey.MERGE_SOURCES_, category.name)
    sources = tuple(state.get(sources_key) or ())
    text = str(state.get(text_key) or "").strip()
    if not text and len(sources) == 1:  # one opinion taken over as written
        text = next((o.text for o in _opinions(results) if o.opinion_id == sources[0]), "")
    saved = write(
        scope, results, store.add_merged_point, category=category, text=text, sources=sources
    )
    if saved:
        state[text_key] = ""
        state[sources_key] = []
        notify(scope, T.MERGED_SAVED)


def _opinions(results: Results) -> tuple[Opinion, ...]:
    snapshot = round_of(results)
    return snapshot.opinions if snapshot else ()


def save_point(results: Results, point_id: str) -> None:
    text = str(st.session_state.get(item_key(RoundKey.POINT_TEXT_, point_id)) or "")
    if write(point_id, results, store.edit_merged_point, point_id, text=text):
        notify(point_id, T.MERGED_SAVED)


def remove_point(results: Results, point_id: str) -> None:
    write(point_id, results, store.remove_merged_point, point_id)


def move_point(
    results: Results, category: CommentCategory, ordered: Sequence[str], point_id: str, step: int
) -> None:
    """Swap a point with its neighbour (``step`` −1 up, +1 down) and store the new order."""
    ids = list(ordered)
    if point_id not in ids:
        return
    i = ids.index(point_id)
    j = i + step
    if not 0 <= j < len(ids):
        return
    ids[i], ids[j] = ids[j], ids[i]
    write(point_id, results, store.order_merged_points, category, ids)


def select(results: Results) -> None:
    state = st.session_state
    chosen = state.get(RoundKey.SELECT_PROJECT)
    reason = str(state.get(RoundKey.SELECT_REASON) or "").strip()
    if not chosen:
        return
    if not reason:
        fail("select", T.REASON_MISSING)
        return
    if write("select", results, store.select_project, str(chosen), reason):
        sp = results.sub_project(str(chosen))
        state[RoundKey.SELECT_PROJECT] = None
        state[RoundKey.SELECT_REASON] = ""
        notify("select", T.SELECTED.format(name=sp.name if sp else chosen))


def unselect(results: Results, sub_project_id: str) -> None:
    write("select", results, store.unselect_project, sub_project_id)
