"""Limits, column types and the tables as the latest migration leaves them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

from lib.schema import (
    CommentCategory,
    Rating,
    System,
)

DEFAULT_URL: Final = "sqlite:///data/reviews.db"
COMMENT_MAX_CHARS: Final = 2000
AUTHOR_MAX_CHARS: Final = 100
AUTHOR_ID_MAX_CHARS: Final = 200
DISTRICT_MAX_CHARS: Final = 100
CODE_MAX_CHARS: Final = 50
FILE_NAME_MAX_CHARS: Final = 255
YEAR_RANGE: Final = range(2000, 2101)
SQLITE_BUSY_TIMEOUT_MS: Final = 10_000  # a writer waits this long for another's lock
PG_CONNECT_TIMEOUT_S: Final = 5  # a host that drops packets answers within seconds
PG_STATEMENT_TIMEOUT_MS: Final = 20_000  # no statement (or lock wait) runs longer
ROUND_TEXT_MAX_CHARS: Final = 2000  # an opinion, a merged point, a settings text
REASON_MAX_CHARS: Final = 1000  # a 추천/선정/reopen reason
ROSTER_MAX_MEMBERS: Final = 200
_MAX_ATTEMPTS: Final = 40
_BEGIN_OPTION: Final = "reviews_sqlite_begin"  # execution option read by the SQLite begin hook
# PostgreSQL advisory lock keys: one bigint for migrations, (class, hash) pairs for writers.
_MIGRATION_LOCK: Final = 0x7265766965777301  # "reviews" + 1
_REVIEW_LOCK_CLASS: Final = 0x5245
_WORKBOOK_LOCK_CLASS: Final = 0x5742
_ROUND_LOCK_CLASS: Final = 0x524E
_APPEND_ONLY: Final = ("review_versions", "workbooks", "round_events")


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

round_events = Table(
    "round_events",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("district", String(DISTRICT_MAX_CHARS), nullable=False),
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=False),  # 1 (the opening), 2, … per 시군구·연도, no gaps
    Column("action", String(30), nullable=False),  # a RoundAction
    Column("actor", String(AUTHOR_MAX_CHARS), nullable=False),
    Column("actor_id", String(AUTHOR_ID_MAX_CHARS), nullable=False),
    Column("actor_role", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("payload", Text, nullable=False),  # JSON object, the action's arguments
)
