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
    "workbook_versions",
    "workbooks",
]
