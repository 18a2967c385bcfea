"""The review and workbook store: an append-only record in SQL (SQLite file or PostgreSQL).

A review belongs to one sub-project of one workbook: (시군구, 연도, 체계, 사업번호). Every
change is a new row in ``review_versions``: writing a review inserts version 1 under a new
``review_id``, an edit inserts version n+1, a withdrawal inserts a version with
``withdrawn`` set. Uploaded workbooks (``workbooks``) are kept the same way: confirming a
newer file for a 시군구·연도 inserts the next version and older ones stay retrievable.
Nothing is ever UPDATEd or DELETEd: this module only inserts, an engine event rejects
Core UPDATE/DELETE statements on these tables, and database triggers reject any UPDATE,
DELETE (and on PostgreSQL TRUNCATE) whoever sends it.

Concurrency: ``(review_id, version)`` and ``(district, year, version)`` are UNIQUE. A writer
reads the latest version and inserts the next one in one transaction, serialised per review
(per 시군구·연도 for workbooks) by ``BEGIN IMMEDIATE`` on SQLite and by a transaction-scoped
advisory lock on PostgreSQL; should two writers still pick the same number, the loser's
insert fails on the constraint and it retries from a fresh read. Two reviewers editing the
same review therefore both get a version; fields an edit does not set are taken from the
latest version at write time, so one reviewer's change is never silently reverted by
another's. ``expected_version`` turns this into optimistic locking for forms that show a
version and should not overwrite one they have not seen (``StaleReview``).

Migrations: a small numbered runner instead of Alembic. The schema is three tables and a
few triggers that only ever grow; numbered Python steps recorded in ``schema_migrations``
run inside one transaction on both dialects (SQLite and PostgreSQL have transactional DDL),
under PostgreSQL's advisory lock or SQLite's ``BEGIN IMMEDIATE`` so that two processes
starting at once apply each step exactly once. It runs on first use from the app itself,
with no alembic.ini, env.py or versions tree to ship and no extra dependency; Alembic's
strengths (autogenerate, branches, downgrades) buy little for an append-only schema.
Steps define their own tables rather than reuse the query tables below, so a later step
that adds a column cannot change what an earlier step created.

Any SQLAlchemy engine works (``st.connection("reviews", type="sql").engine`` included):
every function prepares it on first use (SQLite: parent directory, WAL, foreign keys, busy
timeout, explicit BEGIN; both: migrations). An in-memory SQLite URL is not supported.
"""

from __future__ import annotations

import hashlib
import random
import re
import sqlite3
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Final

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ColumnElement,
    Connection,
    DateTime,
    Dialect,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Row,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    and_,
    create_engine,
    event,
    false,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Delete, Update

from lib.comments import CommentView
from lib.format import count
from lib.schema import (
    SYSTEM_ORDER,
    CommentCategory,
    CommentTarget,
    Rating,
    Results,
    SubProject,
    System,
    TargetKind,
)
from lib.strings_ko import StoreText

DEFAULT_URL: Final = "sqlite:///data/reviews.db"
COMMENT_MAX_CHARS: Final = 2000
AUTHOR_MAX_CHARS: Final = 100
AUTHOR_ID_MAX_CHARS: Final = 200
DISTRICT_MAX_CHARS: Final = 100
CODE_MAX_CHARS: Final = 50
FILE_NAME_MAX_CHARS: Final = 255
YEAR_RANGE: Final = range(2000, 2101)
SQLITE_BUSY_TIMEOUT_MS: Final = 30_000
_MAX_ATTEMPTS: Final = 40
_BEGIN_OPTION: Final = "reviews_sqlite_begin"  # execution option read by the SQLite begin hook
# PostgreSQL advisory lock keys: one bigint for migrations, (class, hash) pairs for writers.
_MIGRATION_LOCK: Final = 0x7265766965777301  # "reviews" + 1
_REVIEW_LOCK_CLASS: Final = 0x5245
_WORKBOOK_LOCK_CLASS: Final = 0x5742
_APPEND_ONLY: Final = ("review_versions", "workbooks")


# ── Errors ──────────────────────────────────────────────────────────────────────────


class StoreError(ValueError):
    """Something the store refused, with a Korean message fit to show the user."""


class InvalidReview(StoreError):
    """A field is missing, too long or out of range."""


class CommentTooLong(InvalidReview):
    """The comment exceeds ``COMMENT_MAX_CHARS``."""

    def __init__(self, length: int, limit: int = COMMENT_MAX_CHARS) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            StoreText.COMMENT_TOO_LONG.format(
                limit=count(limit, noun="자"), length=count(length, noun="자")
            )
        )


class EmptyReview(InvalidReview):
    """Neither a rating nor a comment."""

    def __init__(self) -> None:
        super().__init__(StoreText.EMPTY_REVIEW)


class ReviewNotFound(StoreError):
    def __init__(self, review_id: str) -> None:
        self.review_id = review_id
        super().__init__(StoreText.REVIEW_NOT_FOUND)


class ReviewWithdrawn(StoreError):
    """An edit or withdrawal of a review already withdrawn."""

    def __init__(self, current: ReviewVersion) -> None:
        self.current = current
        super().__init__(StoreText.REVIEW_WITHDRAWN)


class StaleReview(StoreError):
    """``expected_version`` is no longer the latest: someone saved in between."""

    def __init__(self, current: ReviewVersion) -> None:
        self.current = current
        super().__init__(
            StoreText.REVIEW_STALE.format(current=current.version, author=current.author)
        )


class WriteConflict(StoreError):
    """Still losing the race for a version number after every retry."""

    def __init__(self) -> None:
        super().__init__(StoreText.WRITE_CONFLICT)


class WorkbookNotFound(StoreError):
    def __init__(self, workbook_id: int) -> None:
        self.workbook_id = workbook_id
        super().__init__(StoreText.WORKBOOK_NOT_FOUND)


class AppendOnlyViolation(StoreError):
    """An UPDATE or DELETE of the audit trail was attempted through this engine."""

    def __init__(self, table: str) -> None:
        super().__init__(StoreText.APPEND_ONLY.format(table=table))


class SchemaTooNew(StoreError):
    """The database has migration steps this code does not know."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(StoreText.SCHEMA_TOO_NEW.format(found=found, known=known))


# ── Column types ────────────────────────────────────────────────────────────────────


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every dialect (SQLite stores naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_ID = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements INTEGER only
_RATINGS = ", ".join(f"'{r.value}'" for r in Rating)
_CATEGORIES = ", ".join(f"'{c.value}'" for c in CommentCategory)
_SYSTEMS = ", ".join(f"'{s.value}'" for s in System)


# ── Tables as the latest migration leaves them (queries use these) ───────────────────

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(100), nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

review_versions = Table(
    "review_versions",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("review_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("district", String(DISTRICT_MAX_CHARS), nullable=False),
    Column("year", Integer, nullable=False),
    Column("system", String(20), nullable=False),
    Column("code", String(CODE_MAX_CHARS), nullable=False),
    Column("author", String(AUTHOR_MAX_CHARS), nullable=False),
    Column("author_id", String(AUTHOR_ID_MAX_CHARS)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("category", String(10), nullable=False),
    Column("rating_plan", String(5)),
    Column("rating_check", String(5)),
    Column("rating_result", String(5)),
    Column("comment", Text, nullable=False),
    Column("withdrawn", Boolean, nullable=False),
)

workbooks = Table(
    "workbooks",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("district", String(DISTRICT_MAX_CHARS), nullable=False),
    Column("year", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("file_name", String(FILE_NAME_MAX_CHARS), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("uploaded_by", String(AUTHOR_MAX_CHARS), nullable=False),
    Column("uploaded_by_id", String(AUTHOR_ID_MAX_CHARS)),
    Column("uploaded_at", UTCDateTime, nullable=False),
)


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


MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "review_versions", _m001_review_versions),
    Migration(2, "workbooks", _m002_workbooks),
    Migration(3, "append_only_triggers", _m003_append_only_triggers),
)


def migrate(engine: Engine) -> list[int]:
    """Apply the steps this database lacks, once, even with several processes; returns them."""
    _install_hooks(engine)
    known = MIGRATIONS[-1].version
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


def _install_hooks(engine: Engine) -> None:
    if not event.contains(engine, "before_execute", _reject_update_delete):
        event.listen(engine, "before_execute", _reject_update_delete)
    if engine.dialect.name != "sqlite" or event.contains(engine, "connect", _sqlite_on_connect):
        return
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise ValueError(f"the store needs a SQLite file, not {engine.url!r}")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    engine.dispose()  # connections pooled before the hooks would miss the pragmas


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


def _is_unique_violation(exc: IntegrityError, constraint: str, columns: tuple[str, ...]) -> bool:
    diag = getattr(exc.orig, "diag", None)
    if diag is not None:  # psycopg
        return getattr(diag, "constraint_name", None) == constraint
    message = str(exc.orig)  # sqlite3: "UNIQUE constraint failed: t.a, t.b"
    return message.startswith("UNIQUE constraint failed") and all(c in message for c in columns)


def _backoff(attempt: int) -> None:
    time.sleep(random.uniform(0, min(0.05, 0.002 * (attempt + 1))))


def _now() -> datetime:
    return datetime.now(UTC)


# ── Reviews ─────────────────────────────────────────────────────────────────────────


class Keep(Enum):
    """Marker for an edit that leaves a field as the latest version has it."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True)
class ReviewKey:
    """What a review is about: one sub-project of one workbook."""

    district: str  # 시군구
    year: int  # 연도
    system: System  # 체계
    code: str  # 사업번호

    @classmethod
    def of(cls, results: Results, sub_project: SubProject) -> ReviewKey:
        return cls(results.meta.district, results.meta.year, sub_project.system, sub_project.code)

    @property
    def sub_project_id(self) -> str:
        return f"{self.system.value}/{self.code}"


@dataclass(frozen=True)
class ReviewVersion:
    """One row of the audit trail: a review as it stood after one save."""

    id: int  # row id, increasing in insertion order
    review_id: str  # stable id of the logical review (UUID)
    version: int  # 1 for the first save, then 2, 3, … with no gaps
    key: ReviewKey
    author: str  # display name of whoever saved this version
    author_id: str | None  # login identity (username or OIDC subject/email)
    created_at: datetime  # UTC
    category: CommentCategory  # 구분: 시행결과 / 민관협력
    rating_plan: Rating | None  # 계획수립
    rating_check: Rating | None  # 이행점검
    rating_result: Rating | None  # 결과확인
    comment: str
    withdrawn: bool

    @property
    def sub_project_id(self) -> str:
        return self.key.sub_project_id

    @property
    def overall_rating(self) -> Rating | None:
        """The rating of the furthest stage rated: 결과확인, else 이행점검, else 계획수립.

        The form walks a project from planning through implementation to results, so the
        latest stage a reviewer judged is their conclusion so far; this is what rating
        summaries (적절 5 · 보통 2 · 부적절 1) count, one per review.
        """
        for rating in (self.rating_result, self.rating_check, self.rating_plan):
            if rating is not None:
                return rating
        return None

    def stage_summary(self) -> str:
        """``계획수립 적절 · 이행점검 보통 · 결과확인 평가 없음``."""
        stages = (
            (StoreText.STAGE_PLAN, self.rating_plan),
            (StoreText.STAGE_CHECK, self.rating_check),
            (StoreText.STAGE_RESULT, self.rating_result),
        )
        return " · ".join(
            StoreText.STAGE_LINE.format(
                stage=stage, rating=rating.value if rating else StoreText.STAGE_UNRATED
            )
            for stage, rating in stages
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_comment(comment: str) -> str:
    """The comment as stored: newlines unified, control characters dropped, ends trimmed."""
    text_ = comment.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text_).strip()


def _check_text(value: str, field: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise InvalidReview(StoreText.FIELD_MISSING.format(field=field))
    if len(value) > limit:
        raise InvalidReview(
            StoreText.FIELD_TOO_LONG.format(field=field, limit=count(limit, noun="자"))
        )
    return value


def _check_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEAR_RANGE:
        raise InvalidReview(StoreText.YEAR_INVALID.format(value=year))
    return year


def _check_author(author: str, author_id: str | None) -> tuple[str, str | None]:
    if not author or not author.strip():
        raise InvalidReview(StoreText.AUTHOR_MISSING)
    name = _check_text(author, StoreText.FIELD_AUTHOR, AUTHOR_MAX_CHARS)
    if author_id is not None:
        author_id = _check_text(author_id, StoreText.FIELD_AUTHOR, AUTHOR_ID_MAX_CHARS)
    return name, author_id


def _check_content(
    category: CommentCategory,
    ratings: tuple[Rating | None, Rating | None, Rating | None],
    comment: str,
) -> tuple[CommentCategory, tuple[Rating | None, ...], str]:
    category = CommentCategory(category)
    checked = tuple(None if r is None else Rating(r) for r in ratings)
    comment = clean_comment(comment)
    if len(comment) > COMMENT_MAX_CHARS:
        raise CommentTooLong(len(comment))
    if not comment and all(r is None for r in checked):
        raise EmptyReview()
    return category, checked, comment


def _check_key(key: ReviewKey) -> ReviewKey:
    return ReviewKey(
        district=_check_text(key.district, StoreText.FIELD_DISTRICT, DISTRICT_MAX_CHARS),
        year=_check_year(key.year),
        system=System(key.system),
        code=_check_text(key.code, StoreText.FIELD_CODE, CODE_MAX_CHARS),
    )


def _review_values(
    review_id: str,
    version: int,
    key: ReviewKey,
    author: tuple[str, str | None],
    category: CommentCategory,
    ratings: tuple[Rating | None, ...],
    comment: str,
    withdrawn: bool,
) -> dict[str, Any]:
    return {
        "review_id": review_id,
        "version": version,
        "district": key.district,
        "year": key.year,
        "system": key.system.value,
        "code": key.code,
        "author": author[0],
        "author_id": author[1],
        "created_at": _now(),
        "category": category.value,
        "rating_plan": None if ratings[0] is None else ratings[0].value,
        "rating_check": None if ratings[1] is None else ratings[1].value,
        "rating_result": None if ratings[2] is None else ratings[2].value,
        "comment": comment,
        "withdrawn": withdrawn,
    }


def _review(row: Mapping[Any, Any]) -> ReviewVersion:
    def rating(value: str | None) -> Rating | None:
        return None if value is None else Rating(value)

    return ReviewVersion(
        id=int(row["id"]),
        review_id=row["review_id"],
        version=int(row["version"]),
        key=ReviewKey(row["district"], int(row["year"]), System(row["system"]), row["code"]),
        author=row["author"],
        author_id=row["author_id"],
        created_at=row["created_at"],
        category=CommentCategory(row["category"]),
        rating_plan=rating(row["rating_plan"]),
        rating_check=rating(row["rating_check"]),
        rating_result=rating(row["rating_result"]),
        comment=row["comment"],
        withdrawn=bool(row["withdrawn"]),
    )


def _insert_review(conn: Connection, values: dict[str, Any]) -> ReviewVersion:
    created = conn.execute(insert(review_versions).values(**values).returning(review_versions))
    return _review(created.one()._mapping)


def create_review(
    engine: Engine,
    key: ReviewKey,
    *,
    author: str,
    author_id: str | None = None,
    category: CommentCategory = CommentCategory.RESULTS,
    rating_plan: Rating | None = None,
    rating_check: Rating | None = None,
    rating_result: Rating | None = None,
    comment: str = "",
) -> ReviewVersion:
    """Save a new review (version 1 under a new ``review_id``)."""
    prepare(engine)
    key = _check_key(key)
    who = _check_author(author, author_id)
    category, ratings, comment = _check_content(
        category, (rating_plan, rating_check, rating_result), comment
    )
    values = _review_values(str(uuid.uuid4()), 1, key, who, category, ratings, comment, False)
    with _write(engine) as conn:
        return _insert_review(conn, values)


def _latest(conn: Connection, review_id: str) -> ReviewVersion | None:
    row = conn.execute(
        select(review_versions)
        .where(review_versions.c.review_id == review_id)
        .order_by(review_versions.c.version.desc())
        .limit(1)
    ).first()
    return None if row is None else _review(row._mapping)


def _append(
    engine: Engine,
    review_id: str,
    expected_version: int | None,
    build: Callable[[ReviewVersion], dict[str, Any] | None],
) -> ReviewVersion:
    """Insert the version after the latest, built from it; retried on a version clash."""
    prepare(engine)
    for attempt in range(_MAX_ATTEMPTS):
        try:
            with _write(engine) as conn:
                _lock(conn, _REVIEW_LOCK_CLASS, review_id)
                latest = _latest(conn, review_id)
                if latest is None:
                    raise ReviewNotFound(review_id)
                if expected_version is not None and latest.version != expected_version:
                    raise StaleReview(latest)
                if latest.withdrawn:
                    raise ReviewWithdrawn(latest)
                values = build(latest)
                if values is None:
                    return latest
                return _insert_review(conn, values)
        except IntegrityError as exc:
            if not _is_unique_violation(
                exc, "uq_review_versions_review_version", ("review_id", "version")
            ):
                raise
            _backoff(attempt)
    raise WriteConflict()


def edit_review(
    engine: Engine,
    review_id: str,
    *,
    author: str,
    author_id: str | None = None,
    expected_version: int | None = None,
    category: CommentCategory | Keep = KEEP,
    rating_plan: Rating | Keep | None = KEEP,
    rating_check: Rating | Keep | None = KEEP,
    rating_result: Rating | Keep | None = KEEP,
    comment: str | Keep = KEEP,
) -> ReviewVersion:
    """Save the next version: fields left as ``KEEP`` come from the latest version.

    With ``expected_version``, raise ``StaleReview`` unless it is still the latest. An edit
    that changes nothing returns the latest version and adds none.
    """
    who = _check_author(author, author_id)

    def build(latest: ReviewVersion) -> dict[str, Any] | None:
        new_category, ratings, new_comment = _check_content(
            latest.category if category is KEEP else category,
            (
                latest.rating_plan if rating_plan is KEEP else rating_plan,
                latest.rating_check if rating_check is KEEP else rating_check,
                latest.rating_result if rating_result is KEEP else rating_result,
            ),
            latest.comment if comment is KEEP else comment,
        )
        old = (
            latest.category,
            (latest.rating_plan, latest.rating_check, latest.rating_result),
            latest.comment,
        )
        if (new_category, ratings, new_comment) == old:
            return None
        return _review_values(
            review_id,
            latest.version + 1,
            latest.key,
            who,
            new_category,
            ratings,
            new_comment,
            False,
        )

    return _append(engine, review_id, expected_version, build)


def withdraw_review(
    engine: Engine,
    review_id: str,
    *,
    author: str,
    author_id: str | None = None,
    expected_version: int | None = None,
) -> ReviewVersion:
    """Withdraw a review: a last version, marked withdrawn, that keeps its content."""
    who = _check_author(author, author_id)

    def build(latest: ReviewVersion) -> dict[str, Any]:
        ratings = (latest.rating_plan, latest.rating_check, latest.rating_result)
        return _review_values(
            review_id,
            latest.version + 1,
            latest.key,
            who,
            latest.category,
            ratings,
            latest.comment,
            True,
        )

    return _append(engine, review_id, expected_version, build)


def get_review(engine: Engine, review_id: str) -> ReviewVersion:
    """The latest version of one review, withdrawn or not."""
    prepare(engine)
    with engine.connect() as conn:
        latest = _latest(conn, review_id)
    if latest is None:
        raise ReviewNotFound(review_id)
    return latest


def history(engine: Engine, review_id: str) -> list[ReviewVersion]:
    """Every version of one review, oldest first (empty for an unknown id)."""
    prepare(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            select(review_versions)
            .where(review_versions.c.review_id == review_id)
            .order_by(review_versions.c.version)
        ).all()
    return [_review(r._mapping) for r in rows]


def _natural(code: str) -> tuple[tuple[int, int | str], ...]:
    """``1-2-10`` after ``1-2-9``."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", code) if p)


def _current(engine: Engine, *where: ColumnElement[bool]) -> list[ReviewVersion]:
    prepare(engine)
    rv = review_versions
    latest = (
        select(
            rv.c.review_id,
            func.max(rv.c.version).label("latest_version"),
            func.min(rv.c.id).label("first_id"),
        )
        .where(*where)
        .group_by(rv.c.review_id)
        .subquery()
    )
    query = (
        select(rv, latest.c.first_id)
        .join(
            latest,
            and_(rv.c.review_id == latest.c.review_id, rv.c.version == latest.c.latest_version),
        )
        .where(rv.c.withdrawn == false())
    )
    with engine.connect() as conn:
        rows: list[Row[Any]] = list(conn.execute(query).all())

    def order(row: Row[Any]) -> tuple[Any, ...]:
        m = row._mapping
        return (SYSTEM_ORDER.index(System(m["system"])), _natural(m["code"]), m["first_id"])

    return [_review(r._mapping) for r in sorted(rows, key=order)]


def current_reviews(engine: Engine, district: str, year: int) -> list[ReviewVersion]:
    """The latest version of every review of a workbook that is not withdrawn.

    Ordered by 체계 (사회보장사업 first), 사업번호, then when each review was first written.
    """
    rv = review_versions
    return _current(engine, rv.c.district == district, rv.c.year == year)


def reviews_for_project(
    engine: Engine, district: str, year: int, system: System, code: str
) -> list[ReviewVersion]:
    """``current_reviews`` of one sub-project, oldest review first."""
    rv = review_versions
    return _current(
        engine,
        rv.c.district == district,
        rv.c.year == year,
        rv.c.system == System(system).value,
        rv.c.code == code,
    )


def to_comment_views(reviews: Iterable[ReviewVersion], results: Results) -> list[CommentView]:
    """Current reviews of ``results``' workbook as comments beside the workbook's own.

    Reviews of another 시군구·연도 and withdrawn ones are left out. Each speaks of its
    sub-project (strategy and key project filled from ``results`` when the project is still
    in the workbook; kept, by 체계/사업번호 alone, when a newer workbook dropped it). The text
    is the comment, or the stage ratings when only ratings were given; ``rating`` is
    ``ReviewVersion.overall_rating`` (결과확인, else 이행점검, else 계획수립).
    """
    meta = results.meta
    views: list[CommentView] = []
    for review in reviews:
        if review.withdrawn or (review.key.district, review.key.year) != (meta.district, meta.year):
            continue
        sub_project = results.sub_project(review.sub_project_id)
        target = CommentTarget(
            kind=TargetKind.SUB_PROJECT,
            system=review.key.system,
            strategy=sub_project.strategy if sub_project else None,
            key_project=sub_project.key_project if sub_project else None,
            sub_project_id=review.sub_project_id,
        )
        views.append(
            CommentView(
                category=review.category,
                targets=(target,),
                text=review.comment or review.stage_summary(),
                reviewer=review.author,
                rating=review.overall_rating,
                source=StoreText.SOURCE,
                written_at=review.created_at,
            )
        )
    return views


# ── Workbooks ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class StoredWorkbook:
    """One kept upload (without its bytes: ``get_workbook_bytes`` reads them)."""

    id: int
    district: str  # 시군구, as the workbook's 개요 states it
    year: int  # 연도
    version: int  # 1, 2, … per 시군구·연도; the highest is the one in use
    sha256: str  # hex digest of the original bytes
    file_name: str
    size: int  # bytes
    uploaded_by: str
    uploaded_by_id: str | None
    uploaded_at: datetime  # UTC


_WORKBOOK_COLUMNS = tuple(c for c in workbooks.c if c.name != "content")


def _workbook(row: Mapping[Any, Any]) -> StoredWorkbook:
    return StoredWorkbook(
        id=int(row["id"]),
        district=row["district"],
        year=int(row["year"]),
        version=int(row["version"]),
        sha256=row["sha256"],
        file_name=row["file_name"],
        size=int(row["size"]),
        uploaded_by=row["uploaded_by"],
        uploaded_by_id=row["uploaded_by_id"],
        uploaded_at=row["uploaded_at"],
    )


def _latest_workbook(conn: Connection, district: str, year: int) -> StoredWorkbook | None:
    row = conn.execute(
        select(*_WORKBOOK_COLUMNS)
        .where(workbooks.c.district == district, workbooks.c.year == year)
        .order_by(workbooks.c.version.desc())
        .limit(1)
    ).first()
    return None if row is None else _workbook(row._mapping)


def save_workbook(
    engine: Engine,
    *,
    district: str,
    year: int,
    data: bytes,
    file_name: str,
    uploaded_by: str,
    uploaded_by_id: str | None = None,
) -> StoredWorkbook:
    """Keep a confirmed workbook as the next version for its 시군구·연도.

    Re-confirming the bytes that are already the latest version adds nothing and returns
    that version; every other upload becomes the new latest, older ones stay retrievable.
    """
    prepare(engine)
    district = _check_text(district, StoreText.FIELD_DISTRICT, DISTRICT_MAX_CHARS)
    year = _check_year(year)
    file_name = _check_text(file_name, StoreText.FIELD_FILE_NAME, FILE_NAME_MAX_CHARS)
    who = _check_author(uploaded_by, uploaded_by_id)
    if not data:
        raise InvalidReview(StoreText.WORKBOOK_EMPTY)
    digest = hashlib.sha256(data).hexdigest()
    for attempt in range(_MAX_ATTEMPTS):
        try:
            with _write(engine) as conn:
                _lock(conn, _WORKBOOK_LOCK_CLASS, f"{district}\x1f{year}")
                latest = _latest_workbook(conn, district, year)
                if latest is not None and latest.sha256 == digest:
                    return latest
                values = {
                    "district": district,
                    "year": year,
                    "version": 1 if latest is None else latest.version + 1,
                    "sha256": digest,
                    "file_name": file_name,
                    "size": len(data),
                    "content": data,
                    "uploaded_by": who[0],
                    "uploaded_by_id": who[1],
                    "uploaded_at": _now(),
                }
                created = conn.execute(
                    insert(workbooks).values(**values).returning(*_WORKBOOK_COLUMNS)
                )
                return _workbook(created.one()._mapping)
        except IntegrityError as exc:
            if not _is_unique_violation(
                exc, "uq_workbooks_district_year_version", ("district", "year", "version")
            ):
                raise
            _backoff(attempt)
    raise WriteConflict()


def latest_workbooks(
    engine: Engine, district: str | None = None, year: int | None = None
) -> list[StoredWorkbook]:
    """The version in use of every kept 시군구·연도 (optionally one 시군구 or 연도), sorted."""
    prepare(engine)
    wb = workbooks
    where: list[ColumnElement[bool]] = []
    if district is not None:
        where.append(wb.c.district == district)
    if year is not None:
        where.append(wb.c.year == year)
    latest = (
        select(wb.c.district, wb.c.year, func.max(wb.c.version).label("latest_version"))
        .where(*where)
        .group_by(wb.c.district, wb.c.year)
        .subquery()
    )
    query = (
        select(*_WORKBOOK_COLUMNS)
        .join(
            latest,
            and_(
                wb.c.district == latest.c.district,
                wb.c.year == latest.c.year,
                wb.c.version == latest.c.latest_version,
            ),
        )
        .order_by(wb.c.district, wb.c.year)
    )
    with engine.connect() as conn:
        return [_workbook(r._mapping) for r in conn.execute(query)]


def workbook_versions(engine: Engine, district: str, year: int) -> list[StoredWorkbook]:
    """Every kept version for one 시군구·연도, oldest first."""
    prepare(engine)
    query = (
        select(*_WORKBOOK_COLUMNS)
        .where(workbooks.c.district == district, workbooks.c.year == year)
        .order_by(workbooks.c.version)
    )
    with engine.connect() as conn:
        return [_workbook(r._mapping) for r in conn.execute(query)]


def get_workbook_bytes(engine: Engine, workbook_id: int) -> bytes:
    """The original bytes of one kept workbook, exactly as uploaded."""
    prepare(engine)
    with engine.connect() as conn:
        data = conn.execute(
            select(workbooks.c.content).where(workbooks.c.id == workbook_id)
        ).scalar_one_or_none()
    if data is None:
        raise WorkbookNotFound(workbook_id)
    return bytes(data)
