"""Engines and migrations: preparing any SQLAlchemy engine, transactions and locks."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, TypeVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.sql import Delete, Update

from lib.store import signin
from lib.store.errors import (
    AppendOnlyViolation,
    RoundLocked,
    SchemaTooNew,
    StoreUnavailable,
    WriteConflict,
)
from lib.store.tables import (
    _APPEND_ONLY,
    _BEGIN_OPTION,
    _CATEGORIES,
    _ID,
    _MAX_ATTEMPTS,
    _MIGRATION_LOCK,
    _RATINGS,
    _ROUND_LOCK_CLASS,
    _SYSTEMS,
    DEFAULT_URL,
    PG_CONNECT_TIMEOUT_S,
    PG_STATEMENT_TIMEOUT_MS,
    SQLITE_BUSY_TIMEOUT_MS,
    UTCDateTime,
    round_events,
    schema_migrations,
)
from lib.strings_ko import RoundStoreText

_T = TypeVar("_T")

# ── Migrations ──────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Migration:
    """One numbered schema step; ``apply`` runs inside the migration transaction."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _m001_review_versions(conn: Connection) -> None:
    md = MetaData()
    Table(
        "review_versions",
        md,
        Column("id", _ID, primary_key=True, autoincrement=True),
        Column("review_id", String(36), nullable=False),
        Column("version", Integer, nullable=False),
        Column("district", String(100), nullable=False),
        Column("year", Integer, nullable=False),
        Column("system", String(20), nullable=False),
        Column("code", String(50), nullable=False),
        Column("author", String(100), nullable=False),
        Column("author_id", String(200)),
        Column("created_at", UTCDateTime, nullable=False),
        Column("category", String(10), nullable=False),
        Column("rating_plan", String(5)),
        Column("rating_check", String(5)),
        Column("rating_result", String(5)),
        Column("comment", Text, nullable=False),
        Column("withdrawn", Boolean, nullable=False),
        UniqueConstraint("review_id", "version", name="uq_review_versions_review_version"),
        CheckConstraint("version >= 1", name="ck_review_versions_version"),
        CheckConstraint(f"system IN ({_SYSTEMS})", name="ck_review_versions_system"),
        CheckConstraint(f"category IN ({_CATEGORIES})", name="ck_review_versions_category"),
        *(
            CheckConstraint(f"{c} IS NULL OR {c} IN ({_RATINGS})", name=f"ck_review_versions_{c}")
            for c in ("rating_plan", "rating_check", "rating_result")
        ),
        Index("ix_review_versions_district_year", "district", "year"),
        Index("ix_review_versions_project", "district", "year", "system", "code"),
    )
    md.create_all(conn)


def _m002_workbooks(conn: Connection) -> None:
    md = MetaData()
    Table(
        "workbooks",
        md,
        Column("id", _ID, primary_key=True, autoincrement=True),
        Column("district", String(100), nullable=False),
        Column("year", Integer, nullable=False),
        Column("version", Integer, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("file_name", String(255), nullable=False),
        Column("size", BigInteger, nullable=False),
        Column("content", LargeBinary, nullable=False),
        Column("uploaded_by", String(100), nullable=False),
        Column("uploaded_by_id", String(200)),
        Column("uploaded_at", UTCDateTime, nullable=False),
        UniqueConstraint("district", "year", "version", name="uq_workbooks_district_year_version"),
        CheckConstraint("version >= 1", name="ck_workbooks_version"),
        Index("ix_workbooks_sha256", "sha256"),
    )
    md.create_all(conn)


def _m003_append_only_triggers(conn: Connection) -> None:
    _APPEND_ONLY = ("review_versions", "workbooks")
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE FUNCTION reject_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION USING ERRCODE = 'restrict_violation', "
            "MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' rejected'; END $$"
        )
        for table in _APPEND_ONLY:
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION reject_append_only_change()"
            )
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION reject_append_only_change()"
            )
        return
    for table in _APPEND_ONLY:
        for op in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} rejected'); END"
            )


def _m004_round_events(conn: Connection) -> None:
    md = MetaData()
    Table(
        "round_events",
        md,
        Column("id", _ID, primary_key=True, autoincrement=True),
        Column("district", String(100), nullable=False),
        Column("year", Integer, nullable=False),
        Column("seq", Integer, nullable=False),
        Column("action", String(30), nullable=False),
        Column("actor", String(100), nullable=False),
        Column("actor_id", String(200), nullable=False),
        Column("actor_role", String(10), nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("payload", Text, nullable=False),
        UniqueConstraint("district", "year", "seq", name="uq_round_events_district_year_seq"),
        CheckConstraint("seq >= 1", name="ck_round_events_seq"),
    )
    md.create_all(conn)
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE TRIGGER round_events_append_only BEFORE UPDATE OR DELETE ON round_events "
            "FOR EACH ROW EXECUTE FUNCTION reject_append_only_change()"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER round_events_no_truncate BEFORE TRUNCATE ON round_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION reject_append_only_change()"
        )
        return
    for op in ("UPDATE", "DELETE"):
        conn.exec_driver_sql(
            f"CREATE TRIGGER round_events_no_{op.lower()} BEFORE {op} ON round_events "
            f"BEGIN SELECT RAISE(ABORT, 'round_events is append-only: {op} rejected'); END"
        )


# Every key under which an append-only table could hold a row: an INSERT that names one
# already kept is refused before SQLite's REPLACE could delete the kept row (REPLACE's
# implicit delete fires no trigger unless recursive_triggers is on, so this is the guard).
_SQLITE_KEYS: Final = {
    "review_versions": (("id",), ("review_id", "version")),
    "workbooks": (("id",), ("district", "year", "version")),
    "round_events": (("id",), ("district", "year", "seq")),
}


def _m005_sqlite_no_replace(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL has no INSERT OR REPLACE; ON CONFLICT DO UPDATE is an UPDATE
    for table, keys in _SQLITE_KEYS.items():
        clash = " OR ".join(
            f"EXISTS (SELECT 1 FROM {table} WHERE "
            + " AND ".join(f"{c} = NEW.{c}" for c in key)
            + ")"
            for key in keys
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} WHEN {clash} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: REPLACE rejected'); END"
        )


MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "review_versions", _m001_review_versions),
    Migration(2, "workbooks", _m002_workbooks),
    Migration(3, "append_only_triggers", _m003_append_only_triggers),
    Migration(4, "round_events", _m004_round_events),
    Migration(5, "sqlite_no_replace", _m005_sqlite_no_replace),
    Migration(20, "signin", signin.m020_signin),  # edge: sign-in attempts (lib/store/signin.py)
)


def _applied(conn: Connection) -> set[int] | None:
    """The steps recorded in this database (``None``: no migration table yet)."""
    if not inspect(conn).has_table(schema_migrations.name):
        return None
    return set(conn.scalars(select(schema_migrations.c.version)))


def migrate(engine: Engine, *, grant_to: str | None = None) -> list[int]:
    """Apply the steps this database lacks, once, even with several processes; returns them.

    An up-to-date database is only read (no write lock), so a read-only SQLite file or a
    PostgreSQL role without CREATE still opens. ``grant_to`` (PostgreSQL, run as the owner
    role): give that role SELECT and INSERT on every store table and nothing more.
    """
    _install_hooks(engine)
    known = MIGRATIONS[-1].version
    with engine.connect() as conn:
        applied = _applied(conn)
    if applied is not None and applied and max(applied) > known:
        raise SchemaTooNew(max(applied), known)
    done: list[int] = []
    if applied is None or not {m.version for m in MIGRATIONS} <= applied:
        try:
            done = _apply_steps(engine, known)
        except StoreUnavailable as error:
            if str(error) != RoundStoreText.NO_PERMISSION:
                raise
            # The app role may not create tables: the owner role has to migrate first.
            found = 0 if not applied else max(applied)
            raise StoreUnavailable(
                RoundStoreText.SCHEMA_BEHIND.format(found=found, known=known)
            ) from error
    if grant_to is not None:
        _grant(engine, grant_to)
    return done


def _apply_steps(engine: Engine, known: int) -> list[int]:
    with _write(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        schema_migrations.create(conn, checkfirst=True)
        applied = set(conn.scalars(select(schema_migrations.c.version)))
        if applied and max(applied) > known:
            raise SchemaTooNew(max(applied), known)
        done: list[int] = []
        for step in MIGRATIONS:
            if step.version in applied:
                continue
            step.apply(conn)
            conn.execute(
                insert(schema_migrations).values(
                    version=step.version, name=step.name, applied_at=_now()
                )
            )
            done.append(step.version)
        return done


def _grant(engine: Engine, role: str) -> None:
    """SELECT and INSERT (and the id sequences) to the app role: no UPDATE, DELETE,
    TRUNCATE, TRIGGER or ownership, so it cannot disable the triggers or rewrite history."""
    if engine.dialect.name != "postgresql":
        return
    quoted = engine.dialect.identifier_preparer.quote(role)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        conn.exec_driver_sql(f"GRANT SELECT ON schema_migrations TO {quoted}")
        for table in (*_APPEND_ONLY, *signin.SIGNIN_TABLES):
            conn.exec_driver_sql(f"GRANT SELECT, INSERT ON {table} TO {quoted}")
            conn.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {table}_id_seq TO {quoted}")


# ── Engines ─────────────────────────────────────────────────────────────────────────


def create_store_engine(url: str = DEFAULT_URL, **engine_kwargs: Any) -> Engine:
    """An engine for ``url`` (SQLite file or ``postgresql+psycopg://``), migrated and ready."""
    return prepare(create_engine(url, **engine_kwargs))


_prepared: weakref.WeakSet[Engine] = weakref.WeakSet()
_prepare_lock = threading.Lock()


def prepare(engine: Engine) -> Engine:
    """Make any engine ready for the store (hooks, directory, migrations); cheap once done."""
    if engine in _prepared:
        return engine
    with _prepare_lock:
        if engine not in _prepared:
            migrate(engine)
            _prepared.add(engine)
    return engine


_hooked: weakref.WeakSet[Engine] = weakref.WeakSet()


def _install_hooks(engine: Engine) -> None:
    """Listen once per engine. Not ``event.contains``: SQLAlchemy keys that by ``id(engine)``
    and keeps the key while the engine's dialect lives (a traceback can hold it), so a new
    engine at a dead one's address looked hooked and its errors went untranslated."""
    if engine in _hooked:
        return
    dialect = engine.dialect.name
    if dialect == "sqlite":
        database = engine.url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            raise ValueError(f"the store needs a SQLite file, not {engine.url!r}")
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(RoundStoreText.PATH_UNUSABLE.format(path=database)) from error
    event.listen(engine, "before_execute", _reject_update_delete)
    event.listen(engine, "handle_error", _translate_error)
    if dialect == "postgresql":
        event.listen(engine, "do_connect", _pg_on_do_connect)
        event.listen(engine, "connect", _pg_on_connect)
    elif dialect == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    engine.dispose()  # connections pooled before the hooks would miss the timeouts or pragmas
    _hooked.add(engine)


def _pg_on_do_connect(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
    # A host that drops packets would otherwise block a page for minutes.
    params.setdefault("connect_timeout", PG_CONNECT_TIMEOUT_S)


def _pg_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SET (not SET LOCAL): for the session, so every statement and lock wait is bounded.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(PG_STATEMENT_TIMEOUT_MS)}")
    finally:
        dbapi_connection.autocommit = autocommit


def _translate_error(context: ExceptionContext) -> None:
    """Database failures as ``StoreUnavailable`` with a Korean message (refusals such as a
    UNIQUE clash stay what they are, for the writers' retries)."""
    error = context.sqlalchemy_exception
    if not isinstance(error, OperationalError | ProgrammingError):
        return
    original = str(context.original_exception)
    sqlstate = getattr(context.original_exception, "sqlstate", None)
    if sqlstate == "42501" or "readonly database" in original:
        message = (
            RoundStoreText.READ_ONLY
            if "readonly database" in original
            else RoundStoreText.NO_PERMISSION
        )
    elif sqlstate == "57014" or "database is locked" in original:  # statement timeout / busy
        seconds = (
            PG_STATEMENT_TIMEOUT_MS if sqlstate == "57014" else SQLITE_BUSY_TIMEOUT_MS
        ) // 1000
        message = RoundStoreText.TIMEOUT.format(seconds=seconds)
    elif "unable to open database file" in original and context.engine is not None:
        message = RoundStoreText.PATH_UNUSABLE.format(path=context.engine.url.database)
    elif isinstance(error, OperationalError):
        message = RoundStoreText.UNAVAILABLE
    else:
        return  # a programming error is a bug: keep its own traceback
    raise StoreUnavailable(message) from context.original_exception


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would defer BEGIN and break BEGIN IMMEDIATE;
    # with isolation_level None, _sqlite_on_begin emits BEGIN itself (SQLAlchemy's recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _sqlite_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")  # an audit trail survives power loss
    finally:
        cursor.close()


def _sqlite_wal(cursor: Any) -> None:
    """Switch the file to WAL (persistent, so usually a no-op read).

    SQLite's busy handler does not cover the journal-mode switch: when several processes
    open a new database at once, all but one get "database is locked" at once. Retry
    within the same bound as the busy timeout.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {'IMMEDIATE' if mode == 'IMMEDIATE' else 'DEFERRED'}")


def _reject_update_delete(
    _conn: Connection, clause: Any, _multiparams: Any, _params: Any, _options: Any
) -> None:
    if isinstance(clause, Update | Delete):
        name = getattr(clause.table, "name", None)
        if name in _APPEND_ONLY:
            raise AppendOnlyViolation(str(name))


@contextmanager
def _write(engine: Engine) -> Iterator[Connection]:
    """A write transaction: SQLite takes its write lock at BEGIN, not at the first insert."""
    target = engine
    if engine.dialect.name == "sqlite":
        target = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
    with target.begin() as conn:
        yield conn


def _lock(conn: Connection, lock_class: int, key: str) -> None:
    """Serialise writers of one review (or 시군구·연도) on PostgreSQL until commit."""
    if conn.dialect.name != "postgresql":
        return  # SQLite: BEGIN IMMEDIATE already serialises every writer
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big", signed=True)
    conn.execute(
        text("SELECT pg_advisory_xact_lock(:cls, :key)"), {"cls": lock_class, "key": digest}
    )


def _round_guard(
    conn: Connection, district: str, year: int, *, exclusive: bool, check: bool = True
) -> None:
    """Lock the round of one 시군구·연도 for this transaction and, with ``check``, refuse a
    write when it is 확정 (``RoundLocked``).

    PostgreSQL: round writers take the advisory lock exclusively, review writers shared, so
    a review cannot slip in while the round is being confirmed. SQLite: ``BEGIN IMMEDIATE``
    already serialises every writer.
    """
    if conn.dialect.name == "postgresql":
        digest = int.from_bytes(
            hashlib.sha256(f"{district}\x1f{year}".encode()).digest()[:4], "big", signed=True
        )
        function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        conn.execute(
            text(f"SELECT {function}(:cls, :key)"), {"cls": _ROUND_LOCK_CLASS, "key": digest}
        )
    if not check:
        return
    last = conn.execute(
        select(round_events.c.action)
        .where(
            round_events.c.district == district,
            round_events.c.year == year,
            round_events.c.action.in_(("confirm", "reopen")),
        )
        .order_by(round_events.c.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    if last == "confirm":
        raise RoundLocked(district, year)


def _is_unique_violation(exc: IntegrityError, constraint: str, columns: tuple[str, ...]) -> bool:
    diag = getattr(exc.orig, "diag", None)
    if diag is not None:  # psycopg
        return getattr(diag, "constraint_name", None) == constraint
    message = str(exc.orig)  # sqlite3: "UNIQUE constraint failed: t.a, t.b"
    return message.startswith("UNIQUE constraint failed") and all(c in message for c in columns)


def _backoff(attempt: int) -> None:
    time.sleep(random.uniform(0, min(0.05, 0.002 * (attempt + 1))))


def _retried(write: Callable[[], _T], constraint: str, columns: tuple[str, ...]) -> _T:
    """``write()`` (one transaction that inserts the next number of a sequence), tried again
    after a short pause while another writer took that number first (``constraint`` on
    ``columns`` refused it); ``WriteConflict`` when that keeps happening."""
    for attempt in range(_MAX_ATTEMPTS):
        try:
            return write()
        except IntegrityError as exc:
            if not _is_unique_violation(exc, constraint, columns):
                raise
            _backoff(attempt)
    raise WriteConflict()


def _now() -> datetime:
    return datetime.now(UTC)
