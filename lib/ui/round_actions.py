"""모니터링 회차 controller: who acts, the round of the 시군구·연도 in view, and the 사무국's
callbacks (open, settings, roster, advance, 취합, 선정, 확정, reopen, history).

Every write goes through ``lib.store``, which enforces roles, the forward-only status and
the lock; a refusal (``StoreError``) or a database failure is kept by ``run`` to show once
in Korean beside what was refused. Pages call these and never import ``lib.store``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from lib import format as fmt
from lib import store
from lib.auth import ReviewerConfigError
from lib.errors import WorkbookError
from lib.exports.round_history import render_history_xlsx
from lib.metrics import sub_project_rate
from lib.rounds import (
    Actor,
    Role,
    RosterEntry,
    RoundSettings,
    RoundSnapshot,
    RoundStatus,
    reply_counts,
    roster_from_results,
)
from lib.schema import Results, SubProject
from lib.strings_ko import LayoutText
from lib.strings_ko import RoundText as T
from lib.ui import db
from lib.ui import reviews as rv
from lib.ui.data import results_of, sample_results, version_bytes, workbook_versions
from lib.ui.db import read_secrets
from lib.ui.markup import escape_markdown
from lib.ui.round_flash import fail, notify
from lib.ui.round_keys import RoundKey, item_key
from lib.ui.signin import current_writer

_log = logging.getLogger(__name__)


def current_actor() -> Actor | None:
    """Who is signed in now, with the role the secrets give them (``None``: nobody)."""
    writer = current_writer()
    if writer is None:
        return None
    try:
        return rv.actor_of(writer)
    except ReviewerConfigError:  # a role the secrets misname: a plain member
        return Actor(account=writer.identity, name=writer.name, role=Role.MEMBER)


def write(scope: str, results: Results, action: Callable[..., Any], *args: Any, **kw: Any) -> bool:
    """``action(engine, actor, 시군구, 연도, *args, **kw)`` as the signed-in actor; a store
    refusal or database failure is kept to show at ``scope``. Whether it was saved."""
    actor = current_actor()
    if actor is None:
        fail(scope, T.SIGN_IN_FIRST)
        return False
    meta = results.meta
    return run(
        scope,
        lambda: action(db.reviews_engine(), actor, meta.district, meta.year, *args, **kw),
    )


def run(scope: str, action: Callable[..., Any], *args: Any, **kw: Any) -> bool:
    """``action(*args, **kw)``; a store refusal or database failure is kept to show at
    ``scope``. Whether it went through."""
    try:
        action(*args, **kw)
    except rv.DATABASE_ERRORS as error:
        fail(scope, rv.problem_message(error))
        return False
    finally:
        _cached_round.clear()
        rv.invalidate()
    return True


def round_of(results: Results) -> RoundSnapshot | None:
    """The round of ``results``' 시군구·연도, or ``None`` when none was opened."""
    meta = results.meta
    return store.round_snapshot(db.reviews_engine(), meta.district, meta.year)


# ── The 사무국's callbacks ──────────────────────────────────────────────────────────


def _open(engine: Any, actor: Actor, district: str, year: int, results: Results) -> None:
    store.open_round(engine, actor, results)


def open_round(results: Results) -> None:
    """Open the round on the workbook in view (the roster is imported or typed in next)."""
    if write("round", results, _open, results):
        notify("round", T.OPENED)


def lines(text: object) -> tuple[str, ...]:
    """A text area's non-empty lines, stripped (one request or method per line)."""
    return tuple(line.strip() for line in str(text or "").splitlines() if line.strip())


def save_settings(results: Results) -> None:
    state = st.session_state
    deadline = state.get(RoundKey.DEADLINE)
    settings = RoundSettings(
        composition=str(state.get(RoundKey.COMPOSITION) or "").strip(),
        requests=lines(state.get(RoundKey.REQUESTS)),
        methods=lines(state.get(RoundKey.METHODS)),
        legal_basis=str(state.get(RoundKey.LEGAL_BASIS) or "").strip(),
        deadline=deadline if isinstance(deadline, date) else None,
    )
    if write("settings", results, store.set_settings, settings):
        notify("settings", T.SETTINGS_SAVED)


def roster_rows(entries: Sequence[RosterEntry]) -> list[dict[str, str]]:
    """The roster as the editor's rows (member_id kept so a row keeps its submissions)."""
    return [
        {
            "member_id": e.member_id,
            "name": e.name,
            "role": e.role or "",
            "affiliation": e.affiliation or "",
            "account": e.account or "",
        }
        for e in entries
    ]


def _cell(value: object) -> str | None:
    cleaned = "" if value is None or value != value else str(value).strip()  # NaN != NaN
    return cleaned or None


def entries_from_rows(rows: Sequence[Mapping[str, object]]) -> list[RosterEntry]:
    """The editor's rows as roster entries: blank rows dropped, new rows numbered after the
    highest ``m<n>`` id; a row without 성명 is kept (with an empty name) to be refused."""
    kept = [r for r in rows if any(_cell(r.get(c)) for c in ROSTER_FIELDS)]
    used = [
        int(str(r.get("member_id"))[1:])
        for r in kept
        if re.fullmatch(r"m[0-9]+", str(r.get("member_id") or ""))
    ]
    next_id = max(used, default=0) + 1
    entries = []
    for row in kept:
        member_id = _cell(row.get("member_id"))
        if member_id is None:
            member_id, next_id = f"m{next_id}", next_id + 1
        entries.append(
            RosterEntry(
                member_id,
                _cell(row.get("name")) or "",
                _cell(row.get("role")),
                _cell(row.get("affiliation")),
                _cell(row.get("account")),
            )
        )
    return entries


ROSTER_FIELDS = ("name", "role", "affiliation", "account")


def save_roster(results: Results, rows: Sequence[Mapping[str, object]]) -> None:
    entries = entries_from_rows(rows)
    missing = [n for n, e in enumerate(entries, start=1) if not e.name]
    if missing:
        fail("roster", T.ROSTER_NAME_MISSING.format(rows=", ".join(map(str, missing))))
        return
    if write("roster", results, store.set_roster, entries):
        notify(
            "roster", T.ROSTER_SAVED.format(count=fmt.count(len(entries), noun=LayoutText.PEOPLE))
        )


def import_roster(results: Results) -> None:
    """Replace the roster with the workbook's 모니터링단 sheet."""
    save_roster(results, roster_rows(roster_from_results(results)))


def ask_advance(status: RoundStatus) -> None:
    st.session_state[RoundKey.ADVANCE_ASKED] = status.value


def cancel_advance() -> None:
    st.session_state.pop(RoundKey.ADVANCE_ASKED, None)


def advance(results: Results) -> None:
    """Move the round one step on; the last step is 확정 on the workbook in view."""
    asked = st.session_state.pop(RoundKey.ADVANCE_ASKED, None)
    target = RoundStatus(asked).next if asked else None
    if target is None:
        return
    if target is RoundStatus.CONFIRMED:
        done = write("round", results, store.confirm_round, results)
    else:
        done = write("round", results, store.advance_round, target)
    if done:
        notify("round", T.ADVANCED.format(status=target.value))


def reopen(results: Results) -> None:
    reason = str(st.session_state.get(RoundKey.REOPEN_REASON) or "")
    if write("reopen", results, store.reopen_round, reason):
        st.session_state[RoundKey.REOPEN_REASON] = ""
        notify("round", T.REOPENED)


# ── What the 회차 page shows ────────────────────────────────────────────────────────

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def current_actor_after(writer: object) -> Actor | None:
    """The actor once ``sign_in_panel()`` has drawn (``None`` when it returned no writer)."""
    return current_actor() if writer is not None else None


def readable_round(results: Results) -> RoundSnapshot | None:
    """``round_of``, or ``None`` with a warning when the database cannot be read."""
    try:
        return round_of(results)
    except rv.DATABASE_ERRORS as error:
        _log.warning("round not read", exc_info=error)
        st.warning(rv.problem_message(error), icon=":material/warning:")
        return None


def status_line(snapshot: RoundSnapshot) -> str:
    submitted, total = reply_counts(snapshot)
    line = T.STATUS_LINE.format(
        district=escape_markdown(snapshot.district),
        year=snapshot.year,
        status=snapshot.status.value,
        submitted=submitted,
        total=total,
    )
    if snapshot.settings.deadline is not None:
        line += T.DEADLINE_LINE.format(date=fmt.date_label(snapshot.settings.deadline))
    return line


def pinned_lines(snapshot: RoundSnapshot, results: Results) -> list[str]:
    """Which workbook version the round stands on, and a word when it is not the one in view."""
    if not snapshot.workbook_sha256:
        return []
    found = [T.PINNED.format(name=results.source_name, sha=snapshot.workbook_sha256[:8])]
    if snapshot.workbook_sha256 != results.source_sha256:
        found = [T.PINNED_OTHER]
    return found


def confirmed_line(snapshot: RoundSnapshot) -> str:
    when = fmt.datetime_label(snapshot.confirmed_at) if snapshot.confirmed_at else ""
    return T.CONFIRMED.format(date=when)


def settings_open(snapshot: RoundSnapshot) -> bool:
    return snapshot.status is not RoundStatus.CONFIRMED


def roster_open(snapshot: RoundSnapshot) -> bool:
    return snapshot.status is not RoundStatus.CONFIRMED


def member_count(snapshot: RoundSnapshot) -> str:
    return fmt.count(len(snapshot.roster), noun=LayoutText.PEOPLE)


def roster_frame(snapshot: RoundSnapshot) -> pd.DataFrame:
    columns = ["member_id", *ROSTER_FIELDS]
    return pd.DataFrame(roster_rows(snapshot.roster), columns=columns).astype(str)


def history_rows(results: Results) -> list[dict[str, str]]:
    """The round's append-only history, oldest first, as the table and the Excel show it."""
    meta = results.meta
    events = store.round_history(db.reviews_engine(), meta.district, meta.year)
    return [dict(zip(T.HISTORY_COLUMNS, history_cells(e), strict=True)) for e in events]


def history_cells(event: store.RoundHistoryRow) -> tuple[str, str, str, str]:
    """때, 누가, 무엇을, 내용: plain text (the table and the Excel show it as text)."""
    return (
        fmt.datetime_label(event.at),
        f"{event.actor} ({event.role.value})",
        event.label,
        event.detail,
    )


def history_xlsx(results: Results, rows: Sequence[Mapping[str, str]]) -> bytes:
    return render_history_xlsx(T.HISTORY_SHEET, T.HISTORY_COLUMNS, rows)


def history_file_name(results: Results) -> str:
    meta = results.meta
    return LayoutText.HISTORY_FILE.format(district=meta.district, year=meta.year)


# ── The round elsewhere: sidebar line, ★ 우수사업 ─────────────────────────────────────


@st.cache_data(ttl=rv.CACHE_SECONDS, max_entries=64, show_spinner=False)
def _cached_round(database: str, district: str, year: int, _engine: Any) -> RoundSnapshot | None:
    return store.round_snapshot(_engine, district, year)


def shown_round(results: Results) -> RoundSnapshot | None:
    """The round for display on any page (cached a few seconds; ``None`` on a db error)."""
    try:
        engine = db.reviews_engine()
        meta = results.meta
        return _cached_round(db.database_key(engine), meta.district, meta.year, engine)
    except rv.DATABASE_ERRORS as error:
        _log.warning("round not read", exc_info=error)
        return None


def excellent_ids(results: Results) -> frozenset[str]:
    """The sub-projects the round selected as 우수사업 (★), empty without a round."""
    snapshot = shown_round(results)
    return frozenset(snapshot.selected_ids) if snapshot else frozenset()


def star(results: Results, sub_project_id: str) -> str:
    """``★ `` before a 우수사업's name, else nothing."""
    return f"{T.STAR} " if sub_project_id in excellent_ids(results) else ""


def sidebar_line(results: Results) -> None:
    """``모니터링 회차: 의견 수렴 · 회신 1/2`` under the sidebar's data choice."""
    snapshot = shown_round(results)
    if snapshot is None:
        return
    submitted, total = reply_counts(snapshot)
    st.sidebar.caption(
        T.SIDEBAR.format(status=snapshot.status.value, submitted=submitted, total=total)
    )


# ── Roster, one member at a time ────────────────────────────────────────────────────


def known_accounts() -> dict[str, str]:
    """Password-list accounts as username → ``김소영 (kim)``; empty with OIDC (typed in)."""
    reviewers = read_secrets().get("reviewers")
    if not isinstance(reviewers, Mapping):
        return {}
    return {
        str(username).strip().casefold(): f"{entry.get('name')} ({username})"
        for username, entry in reviewers.items()
        if isinstance(entry, Mapping)
    }


def add_member(results: Results) -> None:
    """The 한 명 추가 form: append one member to the roster as it is now."""
    state = st.session_state
    snapshot = round_of(results)
    if snapshot is None:
        return
    name = str(state.get(RoundKey.MEMBER_NAME) or "").strip()
    if not name:
        fail("roster", T.MEMBER_NAME_MISSING)
        return
    rows = roster_rows(snapshot.roster)
    rows.append(
        {
            "name": name,
            "role": str(state.get(RoundKey.MEMBER_ROLE) or ""),
            "affiliation": str(state.get(RoundKey.MEMBER_AFFILIATION) or ""),
        }
    )
    save_roster(results, rows)


def link_account(results: Results, member_id: str) -> None:
    """Link (or unlink) the sign-in account that writes as one roster member."""
    chosen = st.session_state.get(item_key(RoundKey.LINK_, member_id))
    snapshot = round_of(results)
    if snapshot is None:
        return
    rows = roster_rows(snapshot.roster)
    for row in rows:
        if row["member_id"] == member_id:
            row["account"] = str(chosen or "").strip()
    entries = entries_from_rows(rows)
    if write(member_id, results, store.set_roster, entries):
        notify(member_id, T.LINKED)


def excellent_label(sp: SubProject) -> str:
    """``★ 행복울타리 돌봄사업 (사회보장사업 1-1-3) · 달성률 131.6%``."""
    return T.EXCELLENT_ITEM.format(
        name=sp.name,
        system=sp.system.value,
        code=sp.code,
        rate=fmt.percent(None if sp.abolished else sub_project_rate(sp)),
    )


def excellent_pairs(results: Results) -> tuple[tuple[str, str], ...]:
    """The round's 우수사업 as (체계/사업번호, 선정 사유) in order, for the deck."""
    snapshot = shown_round(results)
    if snapshot is None:
        return ()
    return tuple(
        (s.sub_project_id, s.reason) for s in sorted(snapshot.selections, key=lambda s: s.order)
    )


def starred_names(results: Results, ids: Sequence[str], names: Sequence[str]) -> list[str]:
    """Names with ``★ `` before each 우수사업 (for a table's name column)."""
    chosen = excellent_ids(results)
    return [f"{T.STAR} {n}" if i in chosen else n for i, n in zip(ids, names, strict=True)]


def locked_results(results: Results) -> Results:
    """After 확정, the workbook version the round was confirmed on (when a newer one was
    uploaded since); otherwise ``results`` itself."""
    snapshot = shown_round(results)
    pinned = snapshot.workbook_sha256 if snapshot and snapshot.confirmed else None
    if not pinned or pinned == results.source_sha256:
        return results
    if pinned == sample_results().source_sha256:  # confirmed on the bundled sample
        return sample_results()
    meta = results.meta
    try:
        kept = next(
            (w for w in workbook_versions(meta.district, meta.year) if w.sha256 == pinned),
            None,
        )
        if kept is None:
            return results
        return results_of(kept.sha256, kept.file_name, version_bytes(kept.id))
    except (*rv.DATABASE_ERRORS, WorkbookError) as error:
        _log.warning("locked workbook not read", exc_info=error)
        return results
