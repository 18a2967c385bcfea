"""Monitoring rounds (모니터링 회차) in the store: one append-only event log per 시군구·연도.

Every action on a round is one row of ``round_events`` (seq 1, 2, … per 시군구·연도, no
gaps): the opening, settings, roster, status changes, each opinion written, edited or
withdrawn, each 추천, 제출, each merged point and its rewordings, each 선정, 확정 and every
reopen. The round as it stands (``RoundSnapshot``) is these events folded in order, so the
history *is* the record and nothing is ever updated. A writer locks the round (SQLite:
``BEGIN IMMEDIATE``; PostgreSQL: an exclusive advisory lock on the 시군구·연도), folds the
events, checks the action against the fold (role, roster, authorship, status, limits) and
inserts the next event in the same transaction, so two members submitting while the 사무국
merges are serialised and nothing is lost; should two writers still pick one seq, the
UNIQUE constraint refuses the second, which retries from a fresh read.

API (every write takes the ``Actor`` who acts; every refusal is a ``StoreError`` with a
Korean message; ``district``/``year`` name the round):

- ``open_round(engine, actor, results, settings=None)`` — 사무국. One round per 시군구·연도
  (``RoundExists``). Pins ``results.source_sha256`` and records which sub-projects exist
  and which are 폐지, against which 추천/선정 are checked. Starts in 준비 with
  ``default_settings()``.
- ``set_settings(…, settings)``, ``set_roster(…, roster)`` — 사무국, until 확정.
  ``roster_from_results(results)`` (lib.rounds) turns the 모니터링단 sheet into entries;
  every entry needs 성명; link ``RosterEntry.account`` to the member's sign-in identity
  (password username or OIDC e-mail; compared case-insensitively).
- ``advance_round(…, status)`` — 사무국: forward only (준비 → 의견 수렴 → 취합); 확정 only
  through ``confirm_round``.
- Members (on the roster by account, during 의견 수렴, before their 제출):
  ``add_opinion(…, category, text, target=None) -> Opinion``,
  ``edit_opinion(…, opinion_id, category=, text=, target=) -> Opinion`` and
  ``withdraw_opinion(…, opinion_id)`` (only the author: ``NotAuthor``),
  ``recommend(…, sub_project_id, reason)`` (≤ ``MAX_RECOMMENDATIONS``; again for the same
  project rewrites the reason; 폐지 or unknown refused), ``withdraw_recommendation(…, id)``,
  ``submit(…)`` and ``reopen_submission(…)`` (until 취합).
- 사무국 (during 의견 수렴 or 취합): ``add_merged_point(…, category, text, sources) ->
  MergedPoint`` (sources: opinion ids; the originals stay as written),
  ``edit_merged_point(…, point_id, text=, sources=, category=)`` (a new version),
  ``remove_merged_point(…, point_id)``, ``order_merged_points(…, category, point_ids)``,
  ``select_project(…, sub_project_id, reason)``, ``unselect_project(…, sub_project_id)``.
- ``confirm_round(…, results=None)`` — 사무국, from 취합: locks the round. With ``results``
  the pin moves to that workbook (the one the 사무국 confirmed on); later uploads for the
  시군구·연도 are kept but do not move it. While 확정, every write for the 시군구·연도 —
  round content and reviews alike — raises ``RoundLocked``.
- ``reopen_round(…, reason)`` — 사무국 with a non-empty reason: back to 취합, recorded.
- ``round_snapshot(engine, district, year) -> RoundSnapshot | None`` — what pages, exports
  and ``report --store`` read (ratings from the current reviews as ``MemberRating``).
- ``round_history(engine, district, year) -> list[RoundHistoryRow]`` — every action,
  oldest first, with a Korean label and a plain-text detail (escape it when rendering).

Reads never take a write lock.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import Connection, Engine, insert, select

from lib.format import count
from lib.rounds import (
    MAX_RECOMMENDATIONS,
    Actor,
    MemberRating,
    MergedPoint,
    Opinion,
    Recommendation,
    Role,
    RosterEntry,
    RoundSettings,
    RoundSnapshot,
    RoundStatus,
    Selection,
    Submission,
    default_settings,
)
from lib.schema import CommentCategory, Results
from lib.store.engine import (
    _now,
    _retried,
    _round_guard,
    _write,
    prepare,
)
from lib.store.errors import (
    InvalidRound,
    NotAllowed,
    NotAuthor,
    NotOnRoster,
    RoundExists,
    RoundLocked,
    RoundNotFound,
    WrongStatus,
)
from lib.store.reviews import (
    KEEP,
    Keep,
    _check_actor,
    _check_text,
    _check_year,
    clean_comment,
    current_reviews,
)
from lib.store.tables import (
    AUTHOR_ID_MAX_CHARS,
    AUTHOR_MAX_CHARS,
    DISTRICT_MAX_CHARS,
    REASON_MAX_CHARS,
    ROSTER_MAX_MEMBERS,
    ROUND_TEXT_MAX_CHARS,
    round_events,
)
from lib.strings_ko import LayoutText, StoreText
from lib.strings_ko import RoundActionText as A
from lib.strings_ko import RoundStoreText as T

_SUB_PROJECT_ID_MAX: Final = 80


class RoundAction(StrEnum):
    """What one ``round_events`` row records."""

    OPEN = "open"
    SETTINGS = "settings"
    ROSTER = "roster"
    ADVANCE = "advance"
    OPINION_ADD = "opinion_add"
    OPINION_EDIT = "opinion_edit"
    OPINION_WITHDRAW = "opinion_withdraw"
    RECOMMEND = "recommend"
    RECOMMEND_WITHDRAW = "recommend_withdraw"
    SUBMIT = "submit"
    SUBMIT_REOPEN = "submit_reopen"
    MERGE_ADD = "merge_add"
    MERGE_EDIT = "merge_edit"
    MERGE_REMOVE = "merge_remove"
    MERGE_ORDER = "merge_order"
    SELECT = "select"
    UNSELECT = "unselect"
    CONFIRM = "confirm"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        """The Korean name of the action, as the history shows it."""
        return str(getattr(A, self.name))


@dataclass(frozen=True)
class RoundHistoryRow:
    """One action in a round's history (for the 사무국's table and its Excel download)."""

    seq: int  # 1, 2, … in the order the actions happened
    at: datetime  # UTC
    action: RoundAction
    label: str  # Korean name of the action (회차 열기, 의견 작성, …)
    actor: str  # display name
    account: str  # sign-in identity
    role: Role
    detail: str  # plain text: the opinion, the reason, the status change, … (not escaped)


# ── The fold ────────────────────────────────────────────────────────────────────────


@dataclass
class _Round:
    """A round while its events are folded (mutable; frozen into a RoundSnapshot)."""

    district: str
    year: int
    status: RoundStatus = RoundStatus.PREPARING
    settings: RoundSettings = field(default_factory=default_settings)
    roster: tuple[RosterEntry, ...] = ()
    submitted: dict[str, datetime | None] = field(default_factory=dict)  # member_id → at
    opinions: dict[str, Opinion] = field(default_factory=dict)  # in the order written
    recommendations: dict[tuple[str, str], Recommendation] = field(default_factory=dict)
    points: dict[str, MergedPoint] = field(default_factory=dict)
    point_order: dict[CommentCategory, list[str]] = field(default_factory=dict)
    selections: dict[str, str] = field(default_factory=dict)  # sub_project_id → reason
    sha256: str | None = None
    sub_projects: frozenset[str] = frozenset()
    abolished: frozenset[str] = frozenset()
    confirmed_at: datetime | None = None
    notes: list[str] = field(default_factory=list)
    seq: int = 0

    def snapshot(self, ratings: tuple[MemberRating, ...] = ()) -> RoundSnapshot:
        merged: list[MergedPoint] = []
        for category in CommentCategory:
            for n, point_id in enumerate(self.point_order.get(category, []), start=1):
                merged.append(replace(self.points[point_id], order=n))
        return RoundSnapshot(
            district=self.district,
            year=self.year,
            status=self.status,
            settings=self.settings,
            roster=self.roster,
            submissions=tuple(
                Submission(
                    m.member_id, m.member_id in self.submitted, self.submitted.get(m.member_id)
                )
                for m in self.roster
            ),
            opinions=tuple(self.opinions.values()),
            recommendations=tuple(self.recommendations.values()),
            merged_points=tuple(merged),
            selections=tuple(
                Selection(sp, reason, n)
                for n, (sp, reason) in enumerate(self.selections.items(), start=1)
            ),
            ratings=ratings,
            workbook_sha256=self.sha256,
            confirmed_at=self.confirmed_at,
            notes=tuple(self.notes),
        )


def _settings_payload(settings: RoundSettings) -> dict[str, Any]:
    return {
        "composition": settings.composition,
        "requests": list(settings.requests),
        "methods": list(settings.methods),
        "legal_basis": settings.legal_basis,
        "deadline": None if settings.deadline is None else settings.deadline.isoformat(),
    }


def _settings_of(data: dict[str, Any]) -> RoundSettings:
    deadline = data.get("deadline")
    return RoundSettings(
        composition=data["composition"],
        requests=tuple(data["requests"]),
        methods=tuple(data["methods"]),
        legal_basis=data["legal_basis"],
        deadline=None if deadline is None else date.fromisoformat(deadline),
    )


def _apply(state: _Round, action: RoundAction, p: dict[str, Any], at: datetime) -> None:
    """Fold one event into the round (events are trusted: checks happened at write time)."""
    state.seq += 1
    if action is RoundAction.OPEN or action is RoundAction.CONFIRM:
        if p.get("sha256"):
            state.sha256 = p["sha256"]
            state.sub_projects = frozenset(p["sub_projects"])
            state.abolished = frozenset(p["abolished"])
        if action is RoundAction.OPEN:
            state.settings = _settings_of(p["settings"])
        else:
            state.status, state.confirmed_at = RoundStatus.CONFIRMED, at
    elif action is RoundAction.SETTINGS:
        state.settings = _settings_of(p["settings"])
    elif action is RoundAction.ROSTER:
        state.roster = tuple(RosterEntry(**entry) for entry in p["roster"])
    elif action is RoundAction.ADVANCE:
        state.status = RoundStatus(p["to"])
    elif action in (RoundAction.OPINION_ADD, RoundAction.OPINION_EDIT):
        state.opinions[p["opinion_id"]] = Opinion(
            opinion_id=p["opinion_id"],
            member_id=p["member_id"],
            category=CommentCategory(p["category"]),
            text=p["text"],
            target=p["target"],
            created_at=at,
            version=p["version"],
        )
    elif action is RoundAction.OPINION_WITHDRAW:
        state.opinions.pop(p["opinion_id"], None)
    elif action is RoundAction.RECOMMEND:
        rec = Recommendation(p["member_id"], p["sub_project_id"], p["reason"])
        state.recommendations[(rec.member_id, rec.sub_project_id)] = rec
    elif action is RoundAction.RECOMMEND_WITHDRAW:
        state.recommendations.pop((p["member_id"], p["sub_project_id"]), None)
    elif action is RoundAction.SUBMIT:
        state.submitted[p["member_id"]] = at
    elif action is RoundAction.SUBMIT_REOPEN:
        state.submitted.pop(p["member_id"], None)
    elif action in (RoundAction.MERGE_ADD, RoundAction.MERGE_EDIT):
        category = CommentCategory(p["category"])
        old = state.points.get(p["point_id"])
        if old is not None and old.category is not category:
            state.point_order[old.category].remove(old.point_id)
        if old is None or old.category is not category:
            state.point_order.setdefault(category, []).append(p["point_id"])
        state.points[p["point_id"]] = MergedPoint(
            point_id=p["point_id"],
            category=category,
            text=p["text"],
            order=0,  # numbered by snapshot()
            sources=tuple(p["sources"]),
            version=p["version"],
        )
    elif action is RoundAction.MERGE_REMOVE:
        point = state.points.pop(p["point_id"])
        state.point_order[point.category].remove(point.point_id)
    elif action is RoundAction.MERGE_ORDER:
        state.point_order[CommentCategory(p["category"])] = list(p["point_ids"])
    elif action is RoundAction.SELECT:
        state.selections[p["sub_project_id"]] = p["reason"]
    elif action is RoundAction.UNSELECT:
        state.selections.pop(p["sub_project_id"], None)
    elif action is RoundAction.REOPEN:
        state.status, state.confirmed_at = RoundStatus.MERGING, None
        state.notes.append(p["reason"])


def _fold(district: str, year: int, rows: Sequence[Any]) -> _Round | None:
    if not rows:
        return None
    state = _Round(district, year)
    for row in rows:
        _apply(state, RoundAction(row.action), json.loads(row.payload), row.created_at)
    return state


def _events(conn: Connection, district: str, year: int) -> list[Any]:
    return list(
        conn.execute(
            select(round_events)
            .where(round_events.c.district == district, round_events.c.year == year)
            .order_by(round_events.c.seq)
        ).all()
    )


# ── Writing ─────────────────────────────────────────────────────────────────────────

_Build = Callable[[_Round | None], tuple[RoundAction, dict[str, Any]] | None]


def _key(district: str, year: int) -> tuple[str, int]:
    return _check_text(district, StoreText.FIELD_DISTRICT, DISTRICT_MAX_CHARS), _check_year(year)


def _record(engine: Engine, actor: Actor, district: str, year: int, build: _Build) -> _Round:
    """Lock the round, fold it, let ``build`` check and describe the action, insert it."""
    prepare(engine)
    actor = _check_actor(actor)
    district, year = _key(district, year)

    def insert_next() -> _Round:
        with _write(engine) as conn:
            _round_guard(conn, district, year, exclusive=True, check=False)
            state = _fold(district, year, _events(conn, district, year))
            built = build(state)
            if built is None:
                assert state is not None
                return state
            action, payload = built
            at = _now()
            conn.execute(
                insert(round_events).values(
                    district=district,
                    year=year,
                    seq=1 if state is None else state.seq + 1,
                    action=action.value,
                    actor=actor.name,
                    actor_id=actor.account,
                    actor_role=actor.role.value,
                    created_at=at,
                    payload=json.dumps(payload, ensure_ascii=False),
                )
            )
            if state is None:
                state = _Round(district, year)
            _apply(state, action, payload, at)
            return state

    return _retried(insert_next, "uq_round_events_district_year_seq", ("district", "year", "seq"))


def _existing(state: _Round | None, district: str, year: int) -> _Round:
    if state is None:
        raise RoundNotFound(district, year)
    if state.status is RoundStatus.CONFIRMED:
        raise RoundLocked(district, year)
    return state


def _secretariat(actor: Actor, what: str) -> None:
    if actor.role is not Role.SECRETARIAT:
        raise NotAllowed(what)


def _need(state: _Round, what: str, *allowed: RoundStatus) -> None:
    if state.status not in allowed:
        raise WrongStatus(
            T.WRONG_STATUS.format(
                status=state.status.value, what=what, needed="·".join(s.value for s in allowed)
            )
        )


def _text(value: str, what: str, limit: int) -> str:
    cleaned = clean_comment(value)
    if not cleaned:
        raise InvalidRound(T.TEXT_MISSING.format(field=what))
    if len(cleaned) > limit:
        raise InvalidRound(
            T.TEXT_TOO_LONG.format(
                field=what,
                limit=count(limit, noun=LayoutText.CHARACTERS),
                length=count(len(cleaned), noun=LayoutText.CHARACTERS),
            )
        )
    return cleaned


def _same_account(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


def _member(state: _Round, actor: Actor) -> RosterEntry:
    found = next((m for m in state.roster if _same_account(m.account, actor.account)), None)
    if found is None:
        raise NotOnRoster(actor.name)
    return found


def _writing_member(state: _Round, actor: Actor, what: str) -> RosterEntry:
    """The roster entry of a member who may write now: 의견 수렴, not yet 제출."""
    member = _member(state, actor)
    _need(state, what, RoundStatus.COLLECTING)
    if member.member_id in state.submitted:
        raise WrongStatus(T.ALREADY_SUBMITTED)
    return member


def _project(state: _Round, sub_project_id: str) -> str:
    sub_project_id = sub_project_id.strip()
    if sub_project_id in state.abolished:
        raise InvalidRound(T.ABOLISHED_PROJECT.format(sub_project_id=sub_project_id))
    if sub_project_id not in state.sub_projects:
        raise InvalidRound(T.UNKNOWN_PROJECT.format(sub_project_id=sub_project_id))
    return sub_project_id


def _target(state: _Round, target: str | None) -> str | None:
    if target is None or not target.strip():
        return None
    target = target.strip()
    if target not in state.sub_projects:
        raise InvalidRound(T.UNKNOWN_PROJECT.format(sub_project_id=target[:_SUB_PROJECT_ID_MAX]))
    return target


def _pin(results: Results) -> dict[str, Any]:
    return {
        "sha256": results.source_sha256,
        "sub_projects": sorted(sp.id for sp in results.sub_projects),
        "abolished": sorted(sp.id for sp in results.sub_projects if sp.abolished),
    }


def _check_settings(settings: RoundSettings) -> RoundSettings:
    def short(value: str) -> str:
        value = clean_comment(value)
        if len(value) > ROUND_TEXT_MAX_CHARS:
            raise InvalidRound(
                T.TEXT_TOO_LONG.format(
                    field=T.FIELD_SETTINGS,
                    limit=count(ROUND_TEXT_MAX_CHARS, noun=LayoutText.CHARACTERS),
                    length=count(len(value), noun=LayoutText.CHARACTERS),
                )
            )
        return value

    return RoundSettings(
        composition=short(settings.composition),
        requests=tuple(short(r) for r in settings.requests if r.strip()),
        methods=tuple(short(m) for m in settings.methods if m.strip()),
        legal_basis=short(settings.legal_basis),
        deadline=settings.deadline,
    )


def _check_roster(roster: Sequence[RosterEntry]) -> list[dict[str, Any]]:
    if len(roster) > ROSTER_MAX_MEMBERS:
        raise InvalidRound(
            T.TEXT_TOO_LONG.format(
                field=T.WHAT_ROSTER,
                limit=count(ROSTER_MAX_MEMBERS, noun=LayoutText.PEOPLE),
                length=count(len(roster), noun=LayoutText.PEOPLE),
            )
        )
    entries: list[dict[str, Any]] = []
    ids: set[str] = set()
    accounts: set[str] = set()
    for n, entry in enumerate(roster, start=1):
        name = clean_comment(entry.name or "")
        if not name:
            raise InvalidRound(T.ROSTER_NAME_MISSING.format(row=n))
        member_id = clean_comment(entry.member_id or "") or f"m{n}"
        if member_id in ids:
            raise InvalidRound(T.ROSTER_DUPLICATE_ID.format(member_id=member_id))
        ids.add(member_id)
        account = clean_comment(entry.account or "") or None
        if account is not None:
            if account.casefold() in accounts:
                raise InvalidRound(T.ROSTER_DUPLICATE_ACCOUNT.format(account=account))
            accounts.add(account.casefold())
        entries.append(
            {
                "member_id": member_id[:50],
                "name": name[:AUTHOR_MAX_CHARS],
                "role": clean_comment(entry.role or "")[:AUTHOR_MAX_CHARS] or None,
                "affiliation": clean_comment(entry.affiliation or "")[:200] or None,
                "account": None if account is None else account[:AUTHOR_ID_MAX_CHARS],
            }
        )
    return entries


# ── Round-level actions (사무국) ──────────────────────────────────────────────────────


def open_round(
    engine: Engine, actor: Actor, results: Results, settings: RoundSettings | None = None
) -> RoundSnapshot:
    """Open the round of ``results``' 시군구·연도 in 준비, pinned to that workbook."""
    district, year = results.meta.district, results.meta.year

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        _secretariat(actor, T.WHAT_OPEN)
        if state is not None:
            raise RoundExists(district, year)
        checked = _check_settings(settings or default_settings())
        return RoundAction.OPEN, {**_pin(results), "settings": _settings_payload(checked)}

    return _record(engine, actor, district, year, build).snapshot()


def set_settings(
    engine: Engine, actor: Actor, district: str, year: int, settings: RoundSettings
) -> None:
    """Replace the round's texts and 회신 기한 (사무국, until 확정)."""
    checked = _check_settings(settings)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _existing(state, district, year)
        _secretariat(actor, T.WHAT_SETTINGS)
        if checked == state.settings:
            return None
        return RoundAction.SETTINGS, {"settings": _settings_payload(checked)}

    _record(engine, actor, district, year, build)


def set_roster(
    engine: Engine, actor: Actor, district: str, year: int, roster: Sequence[RosterEntry]
) -> tuple[RosterEntry, ...]:
    """Replace the roster (사무국, until 확정); returns it as stored (ids filled in)."""
    entries = _check_roster(roster)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _existing(state, district, year)
        _secretariat(actor, T.WHAT_ROSTER)
        if [RosterEntry(**e) for e in entries] == list(state.roster):
            return None
        return RoundAction.ROSTER, {"roster": entries}

    return _record(engine, actor, district, year, build).roster


def advance_round(
    engine: Engine, actor: Actor, district: str, year: int, status: RoundStatus
) -> RoundStatus:
    """Move the round forward (준비 → 의견 수렴 → 취합), 사무국 only."""
    status = RoundStatus(status)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _existing(state, district, year)
        _secretariat(actor, T.WHAT_ADVANCE)
        if status is RoundStatus.CONFIRMED:
            raise WrongStatus(T.CONFIRM_BY_CONFIRM)
        if status.step <= state.status.step:
            if status is state.status:
                return None
            raise WrongStatus(
                T.STATUS_BACKWARD.format(current=state.status.value, wanted=status.value)
            )
        return RoundAction.ADVANCE, {"from": state.status.value, "to": status.value}

    return _record(engine, actor, district, year, build).status


def confirm_round(
    engine: Engine, actor: Actor, district: str, year: int, results: Results | None = None
) -> RoundSnapshot:
    """확정 (사무국, from 취합): lock every write for the 시군구·연도.

    With ``results`` (the workbook the 사무국 is looking at) the pin moves to it.
    """
    if results is not None and (results.meta.district, results.meta.year) != (district, year):
        raise InvalidRound(
            T.WORKBOOK_MISMATCH.format(district=results.meta.district, year=results.meta.year)
        )

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _existing(state, district, year)
        _secretariat(actor, T.WHAT_CONFIRM)
        _need(state, T.WHAT_CONFIRM, RoundStatus.MERGING)
        return RoundAction.CONFIRM, {} if results is None else _pin(results)

    return _record(engine, actor, district, year, build).snapshot()


def reopen_round(engine: Engine, actor: Actor, district: str, year: int, reason: str) -> None:
    """Undo 확정 (사무국, with a reason that the history keeps): back to 취합."""
    if not clean_comment(reason):
        raise InvalidRound(T.REOPEN_REASON_MISSING)
    reason = _text(reason, T.FIELD_REASON, REASON_MAX_CHARS)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        if state is None:
            raise RoundNotFound(district, year)
        _secretariat(actor, T.WHAT_REOPEN)
        if state.status is not RoundStatus.CONFIRMED:
            raise WrongStatus(T.NOT_CONFIRMED)
        return RoundAction.REOPEN, {"reason": reason}

    _record(engine, actor, district, year, build)


# ── A member's 서면의견지 ─────────────────────────────────────────────────────────────


def add_opinion(
    engine: Engine,
    actor: Actor,
    district: str,
    year: int,
    *,
    category: CommentCategory,
    text: str,
    target: str | None = None,
) -> Opinion:
    """A new overall opinion point of the actor (a member on the roster, 의견 수렴)."""
    category = CommentCategory(category)
    text = _text(text, T.FIELD_OPINION, ROUND_TEXT_MAX_CHARS)
    opinion_id = str(uuid.uuid4())

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _existing(state, district, year)
        member = _writing_member(state, actor, T.WHAT_OPINION)
        payload = {
            "opinion_id": opinion_id,
            "member_id": member.member_id,
            "category": category.value,
            "text": text,
            "target": _target(state, target),
            "version": 1,
        }
        return RoundAction.OPINION_ADD, payload

    return _record(engine, actor, district, year, build).opinions[opinion_id]


def _own_opinion(state: _Round, actor: Actor, opinion_id: str) -> Opinion:
    member = _writing_member(state, actor, T.WHAT_OPINION)
    opinion = state.opinions.get(opinion_id)
    if opinion is None:
        raise InvalidRound(T.OPINION_NOT_FOUND)
    if opinion.member_id != member.member_id:
        raise NotAuthor()
    return opinion


def edit_opinion(
    engine: Engine,
    actor: Actor,
    district: str,
    year: int,
    opinion_id: str,
    *,
    category: CommentCategory | Keep = KEEP,
    text: str | Keep = KEEP,
    target: str | Keep | None = KEEP,
) -> Opinion:
    """The next version of the actor's own opinion (fields left as ``KEEP`` stay)."""
    new_text = (
        None if isinstance(text, Keep) else _text(text, T.FIELD_OPINION, ROUND_TEXT_MAX_CHARS)
    )

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _existing(state, district, year)
        old = _own_opinion(state, actor, opinion_id)
        payload = {
            "opinion_id": opinion_id,
            "member_id": old.member_id,
            "category": (
                old.category if isinstance(category, Keep) else CommentCategory(category)
            ).value,
            "text": old.text if new_text is None else new_text,
            "target": old.target if isinstance(target, Keep) else _target(state, target),
        }
        if (payload["category"], payload["text"], payload["target"]) == (
            old.category.value,
            old.text,
            old.target,
        ):
            return None
        return RoundAction.OPINION_EDIT, {**payload, "version": old.version + 1}

    return _record(engine, actor, district, year, build).opinions[opinion_id]


def withdraw_opinion(
    engine: Engine, actor: Actor, district: str, year: int, opinion_id: str
) -> None:
    """Withdraw the actor's own opinion (its versions stay in the history)."""

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _existing(state, district, year)
        _own_opinion(state, actor, opinion_id)
        return RoundAction.OPINION_WITHDRAW, {"opinion_id": opinion_id}

    _record(engine, actor, district, year, build)


def recommend(
    engine: Engine, actor: Actor, district: str, year: int, sub_project_id: str, reason: str
) -> Recommendation:
    """The actor's 우수사업 추천 (at most ``MAX_RECOMMENDATIONS``; again: a new reason)."""
    reason = _text(reason, T.FIELD_REASON, REASON_MAX_CHARS)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _existing(state, district, year)
        member = _writing_member(state, actor, T.WHAT_RECOMMEND)
        project = _project(state, sub_project_id)
        mine = [k for k in state.recommendations if k[0] == member.member_id]
        old = state.recommendations.get((member.member_id, project))
        if old is None and len(mine) >= MAX_RECOMMENDATIONS:
            raise InvalidRound(T.TOO_MANY_RECOMMENDATIONS.format(limit=count(MAX_RECOMMENDATIONS)))
        if old is not None and old.reason == reason:
            return None
        payload = {"member_id": member.member_id, "sub_project_id": project, "reason": reason}
        return RoundAction.RECOMMEND, payload

    state = _record(engine, actor, district, year, build)
    member = _member(state, actor)
    return state.recommendations[(member.member_id, sub_project_id.strip())]


def withdraw_recommendation(
    engine: Engine, actor: Actor, district: str, year: int, sub_project_id: str
) -> None:
    """Take back one of the actor's 추천 (nothing happens when there is none)."""

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _existing(state, district, year)
        member = _writing_member(state, actor, T.WHAT_RECOMMEND)
        if (member.member_id, sub_project_id.strip()) not in state.recommendations:
            return None
        payload = {"member_id": member.member_id, "sub_project_id": sub_project_id.strip()}
        return RoundAction.RECOMMEND_WITHDRAW, payload

    _record(engine, actor, district, year, build)


def submit(engine: Engine, actor: Actor, district: str, year: int) -> None:
    """Mark the actor's 서면의견지 제출 (again: refused, ``ALREADY_SUBMITTED``)."""

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _existing(state, district, year)
        member = _writing_member(state, actor, T.WHAT_SUBMIT)
        return RoundAction.SUBMIT, {"member_id": member.member_id}

    _record(engine, actor, district, year, build)


def reopen_submission(engine: Engine, actor: Actor, district: str, year: int) -> None:
    """Take back the actor's 제출 to write more (during 의견 수렴 only)."""

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _existing(state, district, year)
        member = _member(state, actor)
        _need(state, T.WHAT_SUBMIT, RoundStatus.COLLECTING)
        if member.member_id not in state.submitted:
            raise WrongStatus(T.NOT_SUBMITTED)
        return RoundAction.SUBMIT_REOPEN, {"member_id": member.member_id}

    _record(engine, actor, district, year, build)


# ── 취합 and 선정 (사무국) ─────────────────────────────────────────────────────────────


def _merging(state: _Round | None, actor: Actor, district: str, year: int, what: str) -> _Round:
    state = _existing(state, district, year)
    _secretariat(actor, what)
    _need(state, what, RoundStatus.COLLECTING, RoundStatus.MERGING)
    return state


def _sources(state: _Round, sources: Sequence[str]) -> list[str]:
    checked = list(dict.fromkeys(s.strip() for s in sources))
    for opinion_id in checked:
        if opinion_id not in state.opinions:
            raise InvalidRound(T.SOURCE_NOT_FOUND.format(opinion_id=opinion_id[:40]))
    return checked


def add_merged_point(
    engine: Engine,
    actor: Actor,
    district: str,
    year: int,
    *,
    category: CommentCategory,
    text: str,
    sources: Sequence[str] = (),
) -> MergedPoint:
    """A point of the 결과보고 in the 사무국's wording, last in its category."""
    category = CommentCategory(category)
    text = _text(text, T.FIELD_OPINION, ROUND_TEXT_MAX_CHARS)
    point_id = str(uuid.uuid4())

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _merging(state, actor, district, year, T.WHAT_MERGE)
        payload = {
            "point_id": point_id,
            "category": category.value,
            "text": text,
            "sources": _sources(state, sources),
            "version": 1,
        }
        return RoundAction.MERGE_ADD, payload

    return _point(_record(engine, actor, district, year, build), point_id)


def _point(state: _Round, point_id: str) -> MergedPoint:
    return next(p for p in state.snapshot().merged_points if p.point_id == point_id)


def edit_merged_point(
    engine: Engine,
    actor: Actor,
    district: str,
    year: int,
    point_id: str,
    *,
    category: CommentCategory | Keep = KEEP,
    text: str | Keep = KEEP,
    sources: Sequence[str] | Keep = KEEP,
) -> MergedPoint:
    """The next version of a merged point (a category change moves it to that list's end)."""
    new_text = (
        None if isinstance(text, Keep) else _text(text, T.FIELD_OPINION, ROUND_TEXT_MAX_CHARS)
    )

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _merging(state, actor, district, year, T.WHAT_MERGE)
        old = state.points.get(point_id)
        if old is None:
            raise InvalidRound(T.POINT_NOT_FOUND)
        payload = {
            "point_id": point_id,
            "category": (
                old.category if isinstance(category, Keep) else CommentCategory(category)
            ).value,
            "text": old.text if new_text is None else new_text,
            "sources": list(old.sources) if isinstance(sources, Keep) else _sources(state, sources),
        }
        if (payload["category"], payload["text"], tuple(payload["sources"])) == (
            old.category.value,
            old.text,
            old.sources,
        ):
            return None
        return RoundAction.MERGE_EDIT, {**payload, "version": old.version + 1}

    return _point(_record(engine, actor, district, year, build), point_id)


def remove_merged_point(
    engine: Engine, actor: Actor, district: str, year: int, point_id: str
) -> None:
    """Drop a merged point from the report (its versions stay in the history)."""

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _merging(state, actor, district, year, T.WHAT_MERGE)
        if point_id not in state.points:
            raise InvalidRound(T.POINT_NOT_FOUND)
        return RoundAction.MERGE_REMOVE, {"point_id": point_id}

    _record(engine, actor, district, year, build)


def order_merged_points(
    engine: Engine,
    actor: Actor,
    district: str,
    year: int,
    category: CommentCategory,
    point_ids: Sequence[str],
) -> None:
    """Put one category's merged points in this order (every point of it, once each)."""
    category = CommentCategory(category)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _merging(state, actor, district, year, T.WHAT_MERGE)
        current = state.point_order.get(category, [])
        if sorted(point_ids) != sorted(current) or len(set(point_ids)) != len(point_ids):
            raise InvalidRound(T.ORDER_MISMATCH)
        if list(point_ids) == current:
            return None
        return RoundAction.MERGE_ORDER, {"category": category.value, "point_ids": list(point_ids)}

    _record(engine, actor, district, year, build)


def select_project(
    engine: Engine, actor: Actor, district: str, year: int, sub_project_id: str, reason: str
) -> None:
    """Select a 우수사업 with its reason (again: a new reason, same place in the order)."""
    reason = _text(reason, T.FIELD_REASON, REASON_MAX_CHARS)

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]] | None:
        state = _merging(state, actor, district, year, T.WHAT_SELECT)
        project = _project(state, sub_project_id)
        if state.selections.get(project) == reason:
            return None
        return RoundAction.SELECT, {"sub_project_id": project, "reason": reason}

    _record(engine, actor, district, year, build)


def unselect_project(
    engine: Engine, actor: Actor, district: str, year: int, sub_project_id: str
) -> None:
    """Take a 우수사업 off the selection."""

    def build(state: _Round | None) -> tuple[RoundAction, dict[str, Any]]:
        state = _merging(state, actor, district, year, T.WHAT_SELECT)
        if sub_project_id.strip() not in state.selections:
            raise InvalidRound(T.NOT_SELECTED.format(sub_project_id=sub_project_id[:40]))
        return RoundAction.UNSELECT, {"sub_project_id": sub_project_id.strip()}

    _record(engine, actor, district, year, build)


# ── Reading ─────────────────────────────────────────────────────────────────────────


def _ratings(engine: Engine, state: _Round) -> tuple[MemberRating, ...]:
    names = {m.account.casefold(): m.name for m in state.roster if m.account}
    ratings: list[MemberRating] = []
    for review in current_reviews(engine, state.district, state.year):
        if (
            review.rating_plan is None
            and review.rating_check is None
            and review.rating_result is None
        ):
            continue
        name = names.get((review.author_id or "").casefold(), review.author)
        ratings.append(
            MemberRating(
                member=name,
                sub_project_id=review.sub_project_id,
                plan=review.rating_plan,
                check=review.rating_check,
                result=review.rating_result,
            )
        )
    return tuple(ratings)


def round_snapshot(engine: Engine, district: str, year: int) -> RoundSnapshot | None:
    """The round of one 시군구·연도 as it stands now, or ``None`` when none was opened."""
    prepare(engine)
    with engine.connect() as conn:
        state = _fold(district, year, _events(conn, district, year))
    if state is None:
        return None
    return state.snapshot(_ratings(engine, state))


def _detail(action: RoundAction, p: dict[str, Any]) -> str:
    if action is RoundAction.ADVANCE:
        return A.DETAIL_STATUS.format(old=p["from"], new=p["to"])
    if action is RoundAction.ROSTER:
        return A.DETAIL_ROSTER.format(count=len(p["roster"]))
    if action in (RoundAction.OPINION_ADD, RoundAction.OPINION_EDIT):
        return str(p["text"])
    if action in (RoundAction.RECOMMEND, RoundAction.SELECT):
        return A.DETAIL_PROJECT.format(sub_project_id=p["sub_project_id"], reason=p["reason"])
    if action in (RoundAction.RECOMMEND_WITHDRAW, RoundAction.UNSELECT):
        return str(p["sub_project_id"])
    if action in (RoundAction.MERGE_ADD, RoundAction.MERGE_EDIT):
        return A.DETAIL_SOURCES.format(text=p["text"], count=len(p["sources"]))
    if action is RoundAction.REOPEN:
        return A.DETAIL_REOPEN.format(reason=p["reason"])
    if action in (RoundAction.OPEN, RoundAction.CONFIRM) and p.get("sha256"):
        return str(p["sha256"])[:12]
    return ""


def round_history(engine: Engine, district: str, year: int) -> list[RoundHistoryRow]:
    """Every action on the round, oldest first (empty when no round was opened)."""
    prepare(engine)
    with engine.connect() as conn:
        rows = _events(conn, district, year)
    history: list[RoundHistoryRow] = []
    for row in rows:
        action = RoundAction(row.action)
        history.append(
            RoundHistoryRow(
                seq=int(row.seq),
                at=row.created_at,
                action=action,
                label=action.label,
                actor=row.actor,
                account=row.actor_id,
                role=Role(row.actor_role),
                detail=_detail(action, json.loads(row.payload)),
            )
        )
    return history
