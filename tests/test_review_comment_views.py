"""lib.ui.reviews.comment_views: the workbook's comments joined by the stored reviews.

Run inside AppTest scripts (st.connection and st.cache_data need a script run), each
against its own SQLite file given through ``at.secrets``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from lib import store
from lib.rounds import Actor
from lib.schema import Rating, System
from lib.store import ReviewKey

DISTRICT = "부산광역시 사상구"
PROJECT = ReviewKey(DISTRICT, 2023, System.SOCIAL_SECURITY, "1-1-3")


def _list_views() -> None:
    import streamlit as st

    from lib.ui.data import sample_results
    from lib.ui.reviews import comment_views

    for view in comment_views(sample_results()):
        targets = ",".join(t.sub_project_id or t.label for t in view.targets)
        rating = view.rating.value if view.rating else "-"
        st.text(f"{view.source}|{view.reviewer}|{rating}|{targets}|{view.text}")


def _write_between_reads(url: str) -> None:
    """Read, save a review, read again: without and then with invalidate()."""
    import streamlit as st

    from lib import store
    from lib.rounds import Actor
    from lib.schema import System
    from lib.store import ReviewKey
    from lib.ui.data import sample_results
    from lib.ui.reviews import comment_views, invalidate

    def stored() -> int:
        return sum(1 for v in comment_views(results) if v.source == "점검 입력")

    results = sample_results()
    engine = store.create_store_engine(url)
    key = ReviewKey("부산광역시 사상구", 2023, System.SOCIAL_SECURITY, "1-1-3")
    before = stored()
    store.create_review(engine, key, actor=Actor("김소영", "김소영"), comment="방금 저장")
    cached = stored()  # within the few seconds the stored part is cached
    invalidate()
    st.text(f"{before} {cached} {stored()}")
    engine.dispose()


def run(script: Any, db_url: str, args: tuple[Any, ...] = ()) -> AppTest:
    at = AppTest.from_function(script, default_timeout=30, args=args)
    at.secrets["connections"] = {"reviews": {"url": db_url}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_comment_views_are_the_workbook_comments_then_the_stored_reviews(db_url: str) -> None:
    engine = store.create_store_engine(db_url)
    try:
        store.create_review(
            engine,
            PROJECT,
            actor=Actor("김소영", "김소영"),
            rating_result=Rating.APPROPRIATE,
            comment="잘 됨",
        )
        store.create_review(
            engine,
            ReviewKey(DISTRICT, 2024, System.SOCIAL_SECURITY, "1-1-3"),
            actor=Actor("다른 해", "다른 해"),
            comment="2024년 워크북의 의견",
        )
        gone = store.create_review(
            engine, PROJECT, actor=Actor("류승일", "류승일"), comment="철회된 의견"
        )
        store.withdraw_review(engine, gone.review_id, actor=Actor("류승일", "류승일"))
    finally:
        engine.dispose()
    lines = [str(t.value) for t in run(_list_views, db_url).text]
    workbook = [line for line in lines if line.startswith("모니터링의견 시트")]
    assert len(workbook) == len(lines) - 1 > 0
    assert lines[-1] == "점검 입력|김소영|적절|사회보장사업/1-1-3|잘 됨"
    assert not any("2024년" in line or "철회된" in line for line in lines)


def test_the_stored_part_is_cached_briefly_and_a_write_clears_it(db_url: str) -> None:
    at = run(_write_between_reads, db_url, args=(db_url,))
    assert [t.value for t in at.text] == ["0 0 1"]


def test_an_unreachable_database_leaves_the_workbook_comments_and_says_so(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the database folder should be")
    at = run(_list_views, f"sqlite:///{blocked / 'reviews.db'}")
    lines = [str(t.value) for t in at.text]
    assert lines and all(line.startswith("모니터링의견 시트") for line in lines)
    assert any("저장된 점검 의견을 불러오지 못했습니다" in str(w.value) for w in at.warning)
