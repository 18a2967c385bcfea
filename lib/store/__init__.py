"""The store: workbooks, reviews and monitoring rounds, append-only in SQL (SQLite or PostgreSQL).

``from lib.store import …`` is the one way in; the package is cut along its jobs:

- ``engine``: preparing any SQLAlchemy engine (hooks, timeouts, Korean errors), numbered
  migrations, transactions and locks;
- ``tables``: limits, column types and the tables as the latest migration leaves them;
- ``errors``: every refusal, a ``StoreError`` with a Korean message fit to show;
- ``reviews``: per-project ratings and comments (``create_review``, ``edit_review``, …);
- ``kept_workbooks``: confirmed uploads kept as versions per 시군구·연도;
- ``rounds``: monitoring rounds (모니터링 회차) — its docstring is the API for the pages.

Who writes: every write takes an ``Actor`` (``lib.rounds``: account, display name, role).
Only the author (by account, case-insensitive) may edit or withdraw a review or an opinion
(``NotAuthor``), whatever their role; what only the 사무국 may do raises ``NotAllowed``; a
member not on a round's roster ``NotOnRoster``. When a 시군구·연도's round is 확정, every
write for it (reviews and round content) raises ``RoundLocked`` until the 사무국 reopens it
with a reason. A workbook confirmed later is kept but does not move the round's pin.

Reviews: a review belongs to one sub-project of one workbook: (시군구, 연도, 체계, 사업번호).
Every change is a new row in ``review_versions``: writing a review inserts version 1 under
a new ``review_id``, an edit inserts version n+1, a withdrawal inserts a version with
``withdrawn`` set. Uploaded workbooks (``workbooks``) are kept the same way, and rounds as
one ``round_events`` row per action.

The audit trail holds: nothing is ever UPDATEd or DELETEd. This package only inserts; an
engine event rejects Core UPDATE/DELETE on these tables; database triggers reject any
UPDATE, DELETE (PostgreSQL: and TRUNCATE) whoever sends it; on SQLite a BEFORE INSERT
trigger refuses an insert under a key already kept, so ``INSERT OR REPLACE`` (whose implicit
delete fires no trigger) cannot rewrite a row. On PostgreSQL, run migrations as the owner
role (``migrate(owner_engine, grant_to="app_role")``) and let the app connect as a role
with only SELECT and INSERT: it cannot disable triggers, replace the trigger function,
alter or truncate (README, "저장소").

Concurrency: ``(review_id, version)``, ``(district, year, version)`` and ``(district, year,
seq)`` are UNIQUE. A writer reads the latest version and inserts the next one in one
transaction, serialised per review (per 시군구·연도 for workbooks and rounds) by ``BEGIN
IMMEDIATE`` on SQLite and by a transaction-scoped advisory lock on PostgreSQL (review
writers also take the round's lock shared, so a review cannot slip past a 확정); should
two writers still pick the same number, the loser's insert fails on the constraint and it
retries from a fresh read. Fields an edit does not set are taken from the latest version
at write time, so a change is never silently reverted by another window's.
``expected_version`` turns this into optimistic locking (``StaleReview``).

Failures: a database that is down, too slow (PostgreSQL ``connect_timeout`` 5 s and
``statement_timeout`` 20 s; SQLite busy timeout 10 s), a path that cannot be created or
opened, a read-only file asked to write, or a role without permission raise
``StoreUnavailable`` with a Korean message. Reads take no write lock: an up-to-date
read-only SQLite file or a SELECT-only role reads fine.

Migrations: a small numbered runner instead of Alembic. Numbered Python steps recorded in
``schema_migrations`` run inside one transaction on both dialects (transactional DDL),
under PostgreSQL's advisory lock or SQLite's ``BEGIN IMMEDIATE`` so that two processes
starting at once apply each step exactly once; an up-to-date database is only read. Steps
define their own tables rather than reuse the query tables, so a later step cannot change
what an earlier one created. Numbers 4–19 are the rounds' and the audit trail's; 20+ are
free for others.

Any SQLAlchemy engine works (``st.connection("reviews", type="sql").engine`` included):
every function prepares it on first use. An in-memory SQLite URL is not supported.
"""

from __future__ import annotations

from lib.store.engine import (
    MIGRATIONS,
    Migration,
    create_store_engine,
    migrate,
    prepare,
)
from lib.store.errors import (
    AppendOnlyViolation,
    CommentTooLong,
    EmptyReview,
    InvalidReview,
    InvalidRound,
    NotAllowed,
    NotAuthor,
    NotOnRoster,
    ReviewNotFound,
    ReviewWithdrawn,
    RoundExists,
    RoundLocked,
    RoundNotFound,
    SchemaTooNew,
    StaleReview,
    StoreError,
    StoreUnavailable,
    WorkbookNotFound,
    WriteConflict,
    WrongStatus,
)
from lib.store.kept_workbooks import (
    StoredWorkbook,
    get_workbook_bytes,
    latest_workbooks,
    save_workbook,
    workbook_by_sha256,
    workbook_versions,
)
from lib.store.reviews import (
    KEEP,
    Keep,
    ReviewKey,
    ReviewVersion,
    clean_comment,
    create_review,
    current_reviews,
    edit_review,
    get_review,
    history,
    reviews_for_project,
    to_comment_views,
    withdraw_review,
    withdrawn_reviews,
)
from lib.store.rounds import (
    RoundAction,
    RoundHistoryRow,
    add_merged_point,
    add_opinion,
    advance_round,
    confirm_round,
    edit_merged_point,
    edit_opinion,
    open_round,
    order_merged_points,
    recommend,
    remove_merged_point,
    reopen_round,
    reopen_submission,
    round_history,
    round_snapshot,
    select_project,
    set_roster,
    set_settings,
    submit,
    unselect_project,
    withdraw_opinion,
    withdraw_recommendation,
)
from lib.store.tables import (
    AUTHOR_ID_MAX_CHARS,
    AUTHOR_MAX_CHARS,
    CODE_MAX_CHARS,
    COMMENT_MAX_CHARS,
    DEFAULT_URL,
    DISTRICT_MAX_CHARS,
    FILE_NAME_MAX_CHARS,
    SQLITE_BUSY_TIMEOUT_MS,
    YEAR_RANGE,
    UTCDateTime,
    metadata,
    review_versions,
    schema_migrations,
    workbooks,
)

__all__ = [
    "AUTHOR_ID_MAX_CHARS",
    "AUTHOR_MAX_CHARS",
    "CODE_MAX_CHARS",
    "COMMENT_MAX_CHARS",
    "DEFAULT_URL",
    "DISTRICT_MAX_CHARS",
    "FILE_NAME_MAX_CHARS",
    "KEEP",
    "MIGRATIONS",
    "SQLITE_BUSY_TIMEOUT_MS",
    "YEAR_RANGE",
    "AppendOnlyViolation",
    "CommentTooLong",
    "EmptyReview",
    "InvalidReview",
    "InvalidRound",
    "Keep",
    "Migration",
    "NotAllowed",
    "NotAuthor",
    "NotOnRoster",
    "ReviewKey",
    "ReviewNotFound",
    "ReviewVersion",
    "ReviewWithdrawn",
    "RoundAction",
    "RoundExists",
    "RoundHistoryRow",
    "RoundLocked",
    "RoundNotFound",
    "SchemaTooNew",
    "StaleReview",
    "StoreError",
    "StoreUnavailable",
    "StoredWorkbook",
    "UTCDateTime",
    "WorkbookNotFound",
    "WriteConflict",
    "WrongStatus",
    "add_merged_point",
    "add_opinion",
    "advance_round",
    "clean_comment",
    "confirm_round",
    "create_review",
    "create_store_engine",
    "current_reviews",
    "edit_merged_point",
    "edit_opinion",
    "edit_review",
    "get_review",
    "get_workbook_bytes",
    "history",
    "latest_workbooks",
    "metadata",
    "migrate",
    "open_round",
    "order_merged_points",
    "prepare",
    "recommend",
    "remove_merged_point",
    "reopen_round",
    "reopen_submission",
    "review_versions",
    "reviews_for_project",
    "round_history",
    "round_snapshot",
    "save_workbook",
    "schema_migrations",
    "select_project",
    "set_roster",
    "set_settings",
    "submit",
    "to_comment_views",
    "unselect_project",
    "withdraw_opinion",
    "withdraw_recommendation",
    "withdraw_review",
    "withdrawn_reviews",
    "workbook_by_sha256",
    "workbook_versions",
    "workbooks",
]
