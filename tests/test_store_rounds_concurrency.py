"""A round under concurrent writers: members submitting while the 사무국 merges lose nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine

from lib import store
from lib.rounds import Actor, Role, RosterEntry, RoundStatus
from lib.schema import CommentCategory, Rating, System
from lib.store import ReviewKey, RoundLocked
from lib.workbook import read_workbook
from tests.conftest import ROOT, SAMPLE
from tests.test_store_concurrency import _at_once as at_once
from tests.test_store_concurrency import _patient_sqlite  # noqa: F401  (autouse)

OFFICE = Actor("office", "사무국", Role.SECRETARIAT)
MEMBERS = 6
OPINIONS = 5
POINTS = 8
PROJECTS = [f"사회보장사업/1-1-{n}" for n in (1, 2, 3)]


def _member(n: int) -> Actor:
    return Actor(f"member{n}", f"위원{n}")


def _open(url: str) -> tuple[str, int]:
    engine = store.create_store_engine(url)
    try:
        results = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
        store.open_round(engine, OFFICE, results)
        d, y = results.meta.district, results.meta.year
        roster = [RosterEntry("", f"위원{n}", account=f"member{n}") for n in range(MEMBERS)]
        store.set_roster(engine, OFFICE, d, y, roster)
        store.advance_round(engine, OFFICE, d, y, RoundStatus.COLLECTING)
        return d, y
    finally:
        engine.dispose()


def _member_work(url: str, d: str, y: int, n: int) -> list[str]:
    """One member's whole 서면의견지: opinions, three 추천, 제출 (own engine, like a process)."""
    engine = create_engine(url)
    try:
        actor = _member(n)
        ids = [
            store.add_opinion(
                engine, actor, d, y, category=CommentCategory.RESULTS, text=f"{n}:{k}"
            ).opinion_id
            for k in range(OPINIONS)
        ]
        for project in PROJECTS:
            store.recommend(engine, actor, d, y, project, f"{n}의 추천")
        store.submit(engine, actor, d, y)
        return ids
    finally:
        engine.dispose()


def _office_work(url: str, d: str, y: int) -> list[str]:
    engine = create_engine(url)
    try:
        return [
            store.add_merged_point(
                engine, OFFICE, d, y, category=CommentCategory.COOPERATION, text=f"취합 {k}"
            ).point_id
            for k in range(POINTS)
        ]
    finally:
        engine.dispose()


def _at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    return at_once(len(jobs), lambda i: jobs[i]())


def _check(url: str, d: str, y: int) -> None:
    engine = store.create_store_engine(url)
    try:
        snap = store.round_snapshot(engine, d, y)
        assert snap is not None
        assert snap.submitted_count == MEMBERS
        assert sorted(o.text for o in snap.opinions) == sorted(
            f"{n}:{k}" for n in range(MEMBERS) for k in range(OPINIONS)
        )
        for n in range(MEMBERS):  # each member's points in the order written
            mine = [o.text for o in snap.opinions if o.member_id == f"m{n + 1}"]
            assert mine == [f"{n}:{k}" for k in range(OPINIONS)]
        assert len(snap.recommendations) == MEMBERS * len(PROJECTS)
        assert [p.text for p in snap.merged_points] == [f"취합 {k}" for k in range(POINTS)]
        history = store.round_history(engine, d, y)
        assert [h.seq for h in history] == list(range(1, len(history) + 1))
        assert len(history) == 3 + MEMBERS * (OPINIONS + len(PROJECTS) + 1) + POINTS
    finally:
        engine.dispose()


def test_members_submitting_while_the_office_merges_lose_nothing(store_url: str) -> None:
    d, y = _open(store_url)
    jobs: list[Callable[[], Any]] = [
        (lambda n=n: _member_work(store_url, d, y, n)) for n in range(MEMBERS)
    ]
    jobs.append(lambda: _office_work(store_url, d, y))
    _at_once(jobs)
    _check(store_url, d, y)


def test_separate_processes_lose_nothing(store_url: str) -> None:
    """Six members and the 사무국 in seven interpreters (each its own engine and pool)."""
    d, y = _open(store_url)
    script = (
        "import sys; from tests.test_store_rounds_concurrency import _office_work, _member_work; "
        "import lib.store.engine; from tests.test_store_concurrency import STRESS_BUSY_TIMEOUT_MS; "
        "lib.store.engine.SQLITE_BUSY_TIMEOUT_MS = STRESS_BUSY_TIMEOUT_MS; "  # as _patient_sqlite
        "url, d, y, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]); "
        "print(len(_office_work(url, d, y) if n < 0 else _member_work(url, d, y, n)))"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, store_url, d, str(y), str(n)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in [*range(MEMBERS), -1]
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0] * len(processes), [e for _, e in outputs]
    assert [int(out) for out, _ in outputs] == [OPINIONS] * MEMBERS + [POINTS]
    _check(store_url, d, y)


def test_reviews_racing_a_confirm_are_either_kept_or_refused(store_url: str) -> None:
    d, y = _open(store_url)
    engine = store.create_store_engine(store_url, pool_size=10, max_overflow=5)
    try:
        store.advance_round(engine, OFFICE, d, y, RoundStatus.MERGING)
        key = ReviewKey(d, y, System.SOCIAL_SECURITY, "1-1-1")
        saved: list[str] = []
        refused: list[int] = []
        lock = threading.Lock()

        def writer(n: int) -> None:
            while True:
                try:
                    review = store.create_review(
                        engine, key, actor=_member(n), rating_plan=Rating.AVERAGE
                    )
                except RoundLocked:
                    with lock:
                        refused.append(n)
                    return
                with lock:
                    saved.append(review.review_id)

        def confirm() -> None:
            store.confirm_round(engine, OFFICE, d, y)

        _at_once([*(lambda n=n: writer(n) for n in range(4)), confirm])
        assert sorted(refused) == [0, 1, 2, 3]  # every writer met the lock
        kept = store.current_reviews(engine, d, y)
        assert sorted(r.review_id for r in kept) == sorted(saved)  # none lost, none extra
        with pytest.raises(RoundLocked):
            store.create_review(engine, key, actor=_member(0), comment="확정 뒤")
    finally:
        engine.dispose()
