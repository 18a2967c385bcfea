"""Many writers at once: no row lost, versions gapless, no reviewer's change reverted."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from lib import store
from lib.rounds import Actor
from lib.schema import CommentCategory, Rating, System
from lib.store import ReviewKey, StaleReview

KEY = ReviewKey("부산광역시 사상구", 2023, System.SOCIAL_SECURITY, "1-1-1")


STRESS_BUSY_TIMEOUT_MS = 120_000


@pytest.fixture(autouse=True)
def _patient_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    """20 writers on a shared 2-core machine can wait on SQLite's lock longer than the 10 s
    a council's few writers ever would (then they are told, in Korean, to try again: see
    test_store_audit); these tests are about losing nothing, so they wait longer."""
    monkeypatch.setattr("lib.store.engine.SQLITE_BUSY_TIMEOUT_MS", STRESS_BUSY_TIMEOUT_MS)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    # One pooled connection per writer, so every writer really is in flight at once.
    eng = store.create_store_engine(store_url, pool_size=20, max_overflow=5)
    yield eng
    eng.dispose()


def _at_once(writers: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``writers`` threads released together; re-raise any failure."""
    barrier = threading.Barrier(writers)
    results: list[Any] = [None] * writers
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    if errors:
        raise errors[0]
    return results


def test_20_writers_by_50_reviews_give_exactly_1000_rows(engine: Engine) -> None:
    def write(writer: int) -> list[str]:
        return [
            store.create_review(
                engine,
                ReviewKey(KEY.district, KEY.year, KEY.system, f"1-{writer}-{n}"),
                actor=Actor(f"위원{writer}", f"위원{writer}"),
                rating_result=Rating.APPROPRIATE,
                comment=f"{writer}:{n}",
            ).review_id
            for n in range(50)
        ]

    ids = [i for batch in _at_once(20, write) for i in batch]
    assert len(set(ids)) == 1000
    with engine.connect() as conn:
        rows = conn.execute(select(store.review_versions.c.comment)).scalars().all()
    assert sorted(rows) == sorted(f"{w}:{n}" for w in range(20) for n in range(50))
    current = store.current_reviews(engine, KEY.district, KEY.year)
    assert len(current) == 1000
    assert {r.version for r in current} == {1}


def _assert_gapless(engine: Engine, review_id: str, versions: int) -> list[store.ReviewVersion]:
    trail = store.history(engine, review_id)
    assert [v.version for v in trail] == list(range(1, versions + 1))
    return trail


def test_concurrent_edits_of_one_review_keep_every_edit(engine: Engine) -> None:
    review = store.create_review(engine, KEY, actor=Actor("작성자", "작성자"), comment="처음")
    writers, edits = 8, 10

    def edit(writer: int) -> list[int]:
        return [
            store.edit_review(
                engine,
                review.review_id,
                actor=Actor("작성자", f"위원{writer}"),  # one author, many windows
                comment=f"{writer}:{n}",
            ).version
            for n in range(edits)
        ]

    got = [v for batch in _at_once(writers, edit) for v in batch]
    assert sorted(got) == list(range(2, writers * edits + 2))  # each edit its own version
    trail = _assert_gapless(engine, review.review_id, writers * edits + 1)
    assert sorted(v.comment for v in trail[1:]) == sorted(
        f"{w}:{n}" for w in range(writers) for n in range(edits)
    )
    for w in range(writers):  # each writer's edits appear in the order it made them
        mine = [v.comment for v in trail if v.author == f"위원{w}"]
        assert mine == [f"{w}:{n}" for n in range(edits)]


def test_concurrent_edits_of_different_fields_both_survive(engine: Engine) -> None:
    for _ in range(5):
        review = store.create_review(engine, KEY, actor=Actor("작성자", "작성자"), comment="처음")

        def edit(writer: int, review_id: str = review.review_id) -> None:
            if writer == 0:
                store.edit_review(
                    engine, review_id, actor=Actor("작성자", "김"), rating_plan=Rating.INAPPROPRIATE
                )
            elif writer == 1:
                store.edit_review(
                    engine, review_id, actor=Actor("작성자", "류"), comment="고친 의견"
                )
            else:
                store.edit_review(
                    engine,
                    review_id,
                    actor=Actor("작성자", "이"),
                    category=CommentCategory.COOPERATION,
                )

        _at_once(3, edit)
        latest = store.get_review(engine, review.review_id)
        assert latest.version == 4
        assert latest.rating_plan is Rating.INAPPROPRIATE
        assert latest.comment == "고친 의견"
        assert latest.category is CommentCategory.COOPERATION


def test_two_editors_of_the_same_seen_version_one_wins_one_is_told(engine: Engine) -> None:
    review = store.create_review(engine, KEY, actor=Actor("작성자", "작성자"), comment="처음")

    def edit(writer: int) -> str:
        try:
            store.edit_review(
                engine,
                review.review_id,
                actor=Actor("작성자", f"위원{writer}"),
                comment=f"위원{writer}의 판단",
                expected_version=1,
            )
        except StaleReview as stale:
            assert stale.current.version == 2
            return "stale"
        return "saved"

    outcomes = _at_once(6, edit)
    assert sorted(outcomes) == ["saved"] + ["stale"] * 5
    _assert_gapless(engine, review.review_id, 2)


def test_version_clashes_are_retried_when_writers_are_not_serialised(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL without its advisory lock: only the UNIQUE constraint and the retry remain.

    (SQLite needs no such test: BEGIN IMMEDIATE serialises every writer, so no clash occurs.)
    """
    clashes: list[int] = []
    original = store.engine._is_unique_violation

    def counting(*args: Any) -> bool:
        clash = original(*args)
        clashes.append(clash)
        return clash

    monkeypatch.setattr(
        store.reviews, "_lock", lambda *_: None
    )  # only the UNIQUE constraint is left
    monkeypatch.setattr(store.engine, "_is_unique_violation", counting)
    engine = store.create_store_engine(postgres_url, pool_size=20, max_overflow=5)
    try:
        review = store.create_review(engine, KEY, actor=Actor("작성자", "작성자"), comment="처음")
        writers, edits = 10, 5

        def edit(writer: int) -> None:
            for n in range(edits):
                store.edit_review(
                    engine, review.review_id, actor=Actor("작성자", "위원"), comment=f"{writer}:{n}"
                )

        _at_once(writers, edit)
        trail = _assert_gapless(engine, review.review_id, writers * edits + 1)
        assert len({v.comment for v in trail}) == writers * edits + 1
        assert clashes and all(clashes)  # the constraint fired and every clash was retried
    finally:
        engine.dispose()


def test_concurrent_uploads_for_one_district_year_get_distinct_versions(engine: Engine) -> None:
    def upload(writer: int) -> int:
        return store.save_workbook(
            engine,
            district=KEY.district,
            year=KEY.year,
            data=f"workbook {writer}".encode(),
            file_name=f"{writer}.xlsx",
            uploaded_by=f"직원{writer}",
        ).version

    assert sorted(_at_once(10, upload)) == list(range(1, 11))
    versions = store.workbook_versions(engine, KEY.district, KEY.year)
    assert [w.version for w in versions] == list(range(1, 11))
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(store.workbooks)) == 10
