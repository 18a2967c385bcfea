"""Schema migrations: applied once on first use, idempotent, safe with several starters."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from lib import store
from tests.test_store_concurrency import STRESS_BUSY_TIMEOUT_MS


def _applied(url: str) -> list[tuple[int, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(store.schema_migrations.c.version, store.schema_migrations.c.name).order_by(
                    store.schema_migrations.c.version
                )
            )
            return [(int(v), str(n)) for v, n in rows]
    finally:
        engine.dispose()


def test_first_use_applies_every_step_and_the_second_none(store_url: str) -> None:
    engine = create_engine(store_url)
    try:
        assert store.migrate(engine) == [m.version for m in store.MIGRATIONS]
        assert store.migrate(engine) == []
    finally:
        engine.dispose()
    assert _applied(store_url) == [(m.version, m.name) for m in store.MIGRATIONS]


def test_migrated_schema_has_the_columns_the_queries_use(store_url: str) -> None:
    engine = store.create_store_engine(store_url)
    try:
        found = inspect(engine)
        for table in (
            store.review_versions,
            store.workbooks,
            store.tables.round_events,
            store.schema_migrations,
        ):
            columns = {c["name"] for c in found.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name
    finally:
        engine.dispose()


def test_processes_starting_at_once_apply_each_step_once(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # six starters on a loaded 2-core machine may wait on SQLite's lock past the usual 10 s
    monkeypatch.setattr("lib.store.engine.SQLITE_BUSY_TIMEOUT_MS", STRESS_BUSY_TIMEOUT_MS)
    starters = 6
    barrier = threading.Barrier(starters)
    applied: list[list[int]] = []
    errors: list[BaseException] = []

    def start() -> None:
        engine = create_engine(store_url)  # one engine each, as separate processes would have
        try:
            barrier.wait()
            applied.append(store.migrate(engine))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(starters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(applied, key=len) == [[]] * (starters - 1) + [
        [m.version for m in store.MIGRATIONS]
    ]
    assert len(_applied(store_url)) == len(store.MIGRATIONS)


def test_a_database_newer_than_the_code_is_refused(store_url: str) -> None:
    engine = store.create_store_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                store.schema_migrations.insert().values(
                    version=99, name="future", applied_at=store.engine._now()
                )
            )
    finally:
        engine.dispose()
    fresh = create_engine(store_url)
    try:
        with pytest.raises(store.SchemaTooNew, match="99단계"):
            store.migrate(fresh)
    finally:
        fresh.dispose()


def test_sqlite_file_and_directory_are_created_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "reviews.db"
    engine = store.create_store_engine(f"sqlite:///{path}")
    try:
        assert path.exists()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert (
                conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store.SQLITE_BUSY_TIMEOUT_MS
            )
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:  # WAL is a property of the file, seen by any client
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_in_memory_sqlite_is_refused() -> None:
    with pytest.raises(ValueError, match="SQLite file"):
        store.create_store_engine("sqlite://")
