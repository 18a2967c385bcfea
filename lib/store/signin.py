"""Sign-in attempts and sign-outs in the shared database, so that every app server sees them.

Two insert-only tables (migration 20): ``signin_attempts`` (one row per key a password
attempt counts against, failed or succeeded, with its time) and ``signin_signouts`` (a
reviewer signed out: password sessions issued before that moment are refused). Nothing is
updated or deleted, so the PostgreSQL app role needs only SELECT and INSERT here too; old
attempt rows are simply outside every window the limiter reads (``prune_attempts`` lets an
owner-role job drop them).

``StoreAttemptLog`` is ``lib.auth.AttemptLog`` on these tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
)

import lib.store.engine as store_engine
from lib.store.tables import _ID, UTCDateTime, metadata

KEY_MAX_CHARS: Final = 300  # "user:…|client:…" (usernames and addresses are short)
USERNAME_MAX_CHARS: Final = 200
SIGNIN_TABLES: Final = ("signin_attempts", "signin_signouts")  # SELECT, INSERT for the app

signin_attempts = Table(
    "signin_attempts",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("key", String(KEY_MAX_CHARS), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("succeeded", Boolean, nullable=False),
)

signin_signouts = Table(
    "signin_signouts",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("username", String(USERNAME_MAX_CHARS), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)


def m020_signin(conn: Connection) -> None:
    """Migration 20: the attempt log and sign-outs (their own definitions, as every step)."""
    md = MetaData()
    Table(
        "signin_attempts",
        md,
        Column("id", _ID, primary_key=True, autoincrement=True),
        Column("key", String(KEY_MAX_CHARS), nullable=False),
        Column("at", UTCDateTime, nullable=False),
        Column("succeeded", Boolean, nullable=False),
        Index("ix_signin_attempts_key_at", "key", "succeeded", "at"),
    )
    Table(
        "signin_signouts",
        md,
        Column("id", _ID, primary_key=True, autoincrement=True),
        Column("username", String(USERNAME_MAX_CHARS), nullable=False),
        Column("at", UTCDateTime, nullable=False),
        Index("ix_signin_signouts_username_at", "username", "at"),
    )
    md.create_all(conn)


def _time(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _cut(key: str) -> str:
    return key[:KEY_MAX_CHARS]


class StoreAttemptLog:
    """``lib.auth.AttemptLog`` in the store: every server reads the same attempts."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, keys: Sequence[str], at: float, succeeded: bool) -> None:
        store_engine.prepare(self.engine)
        rows = [{"key": _cut(k), "at": _time(at), "succeeded": succeeded} for k in keys]
        with self.engine.begin() as conn:
            conn.execute(insert(signin_attempts), rows)

    def last_success(self, key: str) -> float | None:
        store_engine.prepare(self.engine)
        query = select(func.max(signin_attempts.c.at)).where(
            signin_attempts.c.key == _cut(key), signin_attempts.c.succeeded.is_(True)
        )
        with self.engine.connect() as conn:
            found = conn.scalar(query)
        return None if found is None else found.timestamp()

    def failures(self, key: str, since: float) -> list[float]:
        store_engine.prepare(self.engine)
        query = (
            select(signin_attempts.c.at)
            .where(
                signin_attempts.c.key == _cut(key),
                signin_attempts.c.succeeded.is_(False),
                signin_attempts.c.at > _time(since),
            )
            .order_by(signin_attempts.c.at)
        )
        with self.engine.connect() as conn:
            return [at.timestamp() for at in conn.scalars(query)]

    def sign_out(self, username: str, at: float) -> None:
        store_engine.prepare(self.engine)
        with self.engine.begin() as conn:
            conn.execute(
                insert(signin_signouts).values(username=username[:USERNAME_MAX_CHARS], at=_time(at))
            )

    def signed_out_at(self, username: str) -> float | None:
        store_engine.prepare(self.engine)
        query = select(func.max(signin_signouts.c.at)).where(
            signin_signouts.c.username == username[:USERNAME_MAX_CHARS]
        )
        with self.engine.connect() as conn:
            found = conn.scalar(query)
        return None if found is None else found.timestamp()


def prune_attempts(engine: Engine, before: datetime) -> int:
    """Drop attempt rows older than ``before`` (run as the owner role); how many went."""
    store_engine.prepare(engine)
    with engine.begin() as conn:
        return conn.execute(delete(signin_attempts).where(signin_attempts.c.at < before)).rowcount
