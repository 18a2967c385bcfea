"""The audit trail holds: no REPLACE on SQLite, and a PostgreSQL app role that only reads
and inserts; a database that is down, slow, read-only or unreachable answers in Korean."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from lib import store
from lib.rounds import Actor, Role
from lib.schema import CommentCategory, System
from lib.store import ReviewKey, StoreUnavailable
from lib.workbook import read_workbook
from tests.conftest import SAMPLE
from tests.pg import PostgresRoles

KEY = ReviewKey("부산광역시 사상구", 2023, System.SOCIAL_SECURITY, "1-1-1")
KIM = Actor("kim", "김소영")
OFFICE = Actor("office", "사무국", Role.SECRETARIAT)


def _kept(engine: Engine) -> None:
    """One row in every append-only table."""
    store.create_review(engine, KEY, actor=KIM, comment="원래 의견")
    store.save_workbook(
        engine,
        district=KEY.district,
        year=KEY.year,
        data=b"original",
        file_name="a.xlsx",
        uploaded_by="직원",
    )
    store.open_round(engine, OFFICE, read_workbook(SAMPLE.read_bytes(), SAMPLE.name))


# ── SQLite: INSERT OR REPLACE cannot rewrite a kept row ──────────────────────────────

REPLACES = {
    "review_versions": (
        "INSERT OR REPLACE INTO review_versions SELECT id, review_id, version, district, "
        "year, system, code, author, author_id, created_at, category, rating_plan, "
        "rating_check, rating_result, '고쳐 쓴 의견', withdrawn FROM review_versions"
    ),
    "review_versions by key": (
        "INSERT OR REPLACE INTO review_versions (review_id, version, district, year, system, "
        "code, author, author_id, created_at, category, comment, withdrawn) SELECT review_id, "
        "version, district, year, system, code, author, author_id, created_at, category, "
        "'고쳐 쓴 의견', withdrawn FROM review_versions"
    ),
    "workbooks": (
        "INSERT OR REPLACE INTO workbooks SELECT id, district, year, version, sha256, "
        "file_name, size, X'00', uploaded_by, uploaded_by_id, uploaded_at FROM workbooks"
    ),
    "round_events": (
        "INSERT OR REPLACE INTO round_events SELECT id, district, year, seq, action, actor, "
        "actor_id, actor_role, created_at, '{}' FROM round_events"
    ),
    "round_events by key": (
        "REPLACE INTO round_events (district, year, seq, action, actor, actor_id, actor_role, "
        "created_at, payload) SELECT district, year, seq, 'reopen', actor, actor_id, "
        'actor_role, created_at, \'{"reason": "x"}\' FROM round_events'
    ),
}


@pytest.mark.parametrize("statement", list(REPLACES.values()), ids=list(REPLACES))
def test_sqlite_refuses_insert_or_replace_over_kept_rows(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "reviews.db"
    engine = store.create_store_engine(f"sqlite:///{path}")
    _kept(engine)
    engine.dispose()
    with sqlite3.connect(path) as raw:  # any client, not only this app's engine
        before = raw.execute("SELECT * FROM review_versions").fetchall()
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(statement)
        assert raw.execute("SELECT * FROM review_versions").fetchall() == before
        assert raw.execute("SELECT content FROM workbooks").fetchall() == [(b"original",)]
        assert raw.execute("SELECT count(*) FROM round_events").fetchone() == (1,)


def test_sqlite_refuses_update_and_delete_of_round_events(tmp_path: Path) -> None:
    path = tmp_path / "reviews.db"
    engine = store.create_store_engine(f"sqlite:///{path}")
    _kept(engine)
    engine.dispose()
    with sqlite3.connect(path) as raw:
        for statement in ("UPDATE round_events SET payload = '{}'", "DELETE FROM round_events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(statement)


# ── PostgreSQL: the app role only reads and inserts ──────────────────────────────────


@pytest.fixture
def app_engine(postgres_roles: PostgresRoles) -> Iterator[Engine]:
    owner = create_engine(postgres_roles.owner_url)
    try:
        store.migrate(owner, grant_to=postgres_roles.app_role)
    finally:
        owner.dispose()
    engine = store.create_store_engine(postgres_roles.app_url)
    yield engine
    engine.dispose()


def test_the_app_role_writes_reviews_workbooks_and_rounds(app_engine: Engine) -> None:
    _kept(app_engine)
    review = store.current_reviews(app_engine, KEY.district, KEY.year)[0]
    assert store.edit_review(app_engine, review.review_id, actor=KIM, comment="고침").version == 2
    snapshot = store.round_snapshot(app_engine, KEY.district, KEY.year)
    assert snapshot is not None


ATTACKS = [
    "UPDATE review_versions SET comment = 'x'",
    "DELETE FROM review_versions",
    "TRUNCATE review_versions",
    "UPDATE workbooks SET content = 'x'",
    "DELETE FROM round_events",
    "ALTER TABLE review_versions DISABLE TRIGGER USER",
    "ALTER TABLE round_events DISABLE TRIGGER round_events_append_only",
    "DROP TRIGGER review_versions_append_only ON review_versions",
    "CREATE OR REPLACE FUNCTION reject_append_only_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
    "DROP TABLE round_events",
    "ALTER TABLE review_versions OWNER TO CURRENT_USER",
    "INSERT INTO review_versions SELECT * FROM review_versions ON CONFLICT (id) DO UPDATE "
    "SET comment = 'x'",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_app_role_cannot_alter_or_delete_history(app_engine: Engine, attack: str) -> None:
    _kept(app_engine)
    with app_engine.connect() as conn:
        before = conn.execute(text("SELECT comment FROM review_versions")).all()
    with pytest.raises((DBAPIError, StoreUnavailable)), app_engine.begin() as conn:
        conn.exec_driver_sql(attack)
    with app_engine.connect() as conn:
        assert conn.execute(text("SELECT comment FROM review_versions")).all() == before
        assert conn.execute(text("SELECT count(*) FROM round_events")).scalar() == 1
        assert conn.execute(text("SELECT content FROM workbooks")).scalar() == b"original"


def test_the_app_role_cannot_migrate_and_says_so_in_korean(
    postgres_roles: PostgresRoles,
) -> None:
    engine = create_engine(postgres_roles.app_url)
    try:
        with pytest.raises(StoreUnavailable, match="구조가 앱보다 오래되었습니다"):
            store.prepare(engine)
    finally:
        engine.dispose()


# ── A database that is down, slow, read-only or not there ────────────────────────────


def _refused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again: connections are refused


def test_a_refused_postgresql_connection_is_a_korean_error() -> None:
    engine = create_engine(f"postgresql+psycopg://u@127.0.0.1:{_refused_port()}/x")
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="연결할 수 없습니다"):
        store.prepare(engine)
    assert time.monotonic() - started < store.tables.PG_CONNECT_TIMEOUT_S + 20  # no hang


def test_a_new_engine_at_a_dead_engines_address_still_gets_the_korean_error() -> None:
    """A failed connect's traceback keeps the dialect alive after its engine is gone;
    the next engine CPython places at that address must still be hooked."""
    url = f"postgresql+psycopg://u@127.0.0.1:{_refused_port()}/x"
    kept: list[object] = []  # what a kept traceback holds: the dialect, not the engine
    dead: set[int] = set()
    reused = 0
    for _ in range(400):
        engine = create_engine(url)
        reused += id(engine) in dead
        with pytest.raises(StoreUnavailable, match="연결할 수 없습니다"):
            store.prepare(engine)
        kept.append(engine.dialect)
        dead.add(id(engine))
        del engine
        if reused >= 3:
            break
    assert reused >= 3, "CPython placed no new engine at a freed one's address"


def test_a_silent_postgresql_host_answers_within_the_connect_timeout() -> None:
    """A listener that accepts and never speaks: the connect timeout ends the wait."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    engine = create_engine(f"postgresql+psycopg://u@127.0.0.1:{port}/x")
    started = time.monotonic()
    try:
        with pytest.raises(StoreUnavailable):
            store.prepare(engine)
        assert time.monotonic() - started < store.tables.PG_CONNECT_TIMEOUT_S + 20  # no hang
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()


def test_a_long_postgresql_statement_is_cut_by_the_statement_timeout(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lib.store.engine.PG_STATEMENT_TIMEOUT_MS", 300)
    engine = store.create_store_engine(postgres_url)
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="제때 답하지"), engine.connect() as conn:
            conn.execute(text("SELECT pg_sleep(60)"))
        assert time.monotonic() - started < 30  # cut long before the sleep ends, even under load
    finally:
        engine.dispose()


def test_an_impossible_sqlite_path_is_a_korean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    engine = create_engine(f"sqlite:///{blocker / 'sub' / 'reviews.db'}")
    with pytest.raises(StoreUnavailable, match="만들거나 열 수 없습니다"):
        store.prepare(engine)


@contextlib.contextmanager
def _read_only(*paths: Path) -> Iterator[None]:
    """Make files and folders read-only, for root too (``chattr +i``: immutable)."""
    as_root = os.geteuid() == 0
    if as_root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: permissions do not bind")
    for path in paths:
        if as_root:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        else:
            path.chmod(stat.S_IRUSR | (stat.S_IXUSR if path.is_dir() else 0))
    try:
        yield
    finally:
        for path in reversed(paths):
            if as_root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(stat.S_IRWXU)


def test_an_unopenable_sqlite_file_is_a_korean_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    engine = create_engine(f"sqlite:///{folder / 'reviews.db'}")
    with _read_only(folder), pytest.raises(StoreUnavailable, match="열 수 없습니다"):
        store.prepare(engine)


def test_a_read_only_sqlite_file_is_read_without_a_write_lock(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    path = folder / "reviews.db"
    engine = store.create_store_engine(f"sqlite:///{path}")
    _kept(engine)
    engine.dispose()
    with sqlite3.connect(path) as raw:  # as an operator would hand it over: checkpointed
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with _read_only(path, folder):
        reader = create_engine(f"sqlite:///{path}")
        try:
            assert [r.comment for r in store.current_reviews(reader, KEY.district, 2023)] == [
                "원래 의견"
            ]
            assert store.round_snapshot(reader, KEY.district, KEY.year) is not None
            with pytest.raises(StoreUnavailable, match="읽기 전용"):
                store.create_review(reader, KEY, actor=KIM, comment="저장 안 됨")
        finally:
            reader.dispose()


def test_a_busy_sqlite_database_answers_within_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lib.store.engine.SQLITE_BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "reviews.db"
    engine = store.create_store_engine(f"sqlite:///{path}")
    try:
        with sqlite3.connect(path, isolation_level=None) as holder:
            holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="제때 답하지"):
                store.create_review(engine, KEY, actor=KIM, comment="기다림")
            # the patched 0.3 s, not the usual 10 s (generous: a loaded machine is slow)
            assert time.monotonic() - started < store.tables.SQLITE_BUSY_TIMEOUT_MS / 1000 - 2
            holder.execute("ROLLBACK")
        assert store.create_review(engine, KEY, actor=KIM, comment="이제 됨").version == 1
    finally:
        engine.dispose()


def test_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "reviews.db"
    engine = store.create_store_engine(f"sqlite:///{path}")
    try:
        store.create_review(
            engine, KEY, actor=KIM, comment="읽을 것", category=CommentCategory.RESULTS
        )
        with sqlite3.connect(path, isolation_level=None) as holder:
            holder.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            fresh = create_engine(f"sqlite:///{path}")
            try:
                assert len(store.current_reviews(fresh, KEY.district, KEY.year)) == 1
            finally:
                fresh.dispose()
            # a waiting read would wait the whole busy timeout (10 s); generous under load
            assert time.monotonic() - started < store.tables.SQLITE_BUSY_TIMEOUT_MS / 1000 - 2
            holder.execute("ROLLBACK")
    finally:
        engine.dispose()
