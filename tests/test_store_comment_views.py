"""Stored reviews join the workbook's comments as CommentViews about their sub-project."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from lib import comments
from lib.schema import CommentCategory, Rating, Results, System, TargetKind
from lib.store import ReviewKey, ReviewVersion, to_comment_views
from lib.workbook import read_workbook

WRITTEN = datetime(2024, 3, 15, 1, 30, tzinfo=UTC)


@pytest.fixture
def results(valid_bytes: bytes) -> Results:
    return read_workbook(valid_bytes, "t.xlsx")


def _review(results: Results, code: str = "1-1-2", **fields: object) -> ReviewVersion:
    base = ReviewVersion(
        id=1,
        review_id="r1",
        version=1,
        key=ReviewKey(results.meta.district, results.meta.year, System.SOCIAL_SECURITY, code),
        author="김소영",
        author_id="kim",
        created_at=WRITTEN,
        category=CommentCategory.COOPERATION,
        rating_plan=None,
        rating_check=None,
        rating_result=None,
        comment="민관 연계가 잘 되었음",
        withdrawn=False,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_a_review_becomes_a_comment_on_its_sub_project(results: Results) -> None:
    [view] = to_comment_views([_review(results, rating_check=Rating.AVERAGE)], results)
    assert view.text == "민관 연계가 잘 되었음"
    assert (view.reviewer, view.written_at, view.source) == ("김소영", WRITTEN, "점검 입력")
    assert view.category is CommentCategory.COOPERATION
    assert view.rating is Rating.AVERAGE
    [target] = view.targets
    sub_project = results.sub_project("사회보장사업/1-1-2")
    assert sub_project is not None
    assert target.kind is TargetKind.SUB_PROJECT
    assert (target.strategy, target.key_project) == ("돌봄 강화", "노인 돌봄")
    node = comments.Node.of(sub_project)
    assert comments.about([view], node) == [view]
    assert comments.above([view], sub_project) == []


@pytest.mark.parametrize(
    ("plan", "check", "result", "expected"),
    [
        (Rating.APPROPRIATE, Rating.AVERAGE, Rating.INAPPROPRIATE, Rating.INAPPROPRIATE),
        (Rating.INAPPROPRIATE, Rating.APPROPRIATE, None, Rating.APPROPRIATE),
        (Rating.AVERAGE, None, None, Rating.AVERAGE),
        (None, None, None, None),
    ],
)
def test_the_rating_counted_is_the_furthest_stage_rated(
    results: Results,
    plan: Rating | None,
    check: Rating | None,
    result: Rating | None,
    expected: Rating | None,
) -> None:
    review = _review(results, rating_plan=plan, rating_check=check, rating_result=result)
    assert review.overall_rating is expected
    [view] = to_comment_views([review], results)
    assert view.rating is expected


def test_a_ratings_only_review_reads_as_its_stage_ratings(results: Results) -> None:
    review = _review(
        results, comment="", rating_plan=Rating.APPROPRIATE, rating_result=Rating.AVERAGE
    )
    [view] = to_comment_views([review], results)
    assert view.text == "계획수립 적절 · 이행점검 평가 없음 · 결과확인 보통"


def test_reviews_of_other_workbooks_and_withdrawn_ones_are_left_out(results: Results) -> None:
    other_year = replace(
        _review(results),
        key=ReviewKey(results.meta.district, 2024, System.SOCIAL_SECURITY, "1-1-2"),
    )
    other_district = replace(
        _review(results), key=ReviewKey("부산광역시 북구", 2023, System.SOCIAL_SECURITY, "1-1-2")
    )
    withdrawn = _review(results, withdrawn=True)
    kept = _review(results, code="1-1-1", review_id="r2")
    assert [
        v.targets[0].sub_project_id
        for v in to_comment_views([other_year, other_district, withdrawn, kept], results)
    ] == ["사회보장사업/1-1-1"]


def test_a_review_of_a_project_the_workbook_no_longer_has_is_kept(results: Results) -> None:
    [view] = to_comment_views([_review(results, code="9-9-9")], results)
    [target] = view.targets
    assert (target.sub_project_id, target.strategy, target.key_project) == (
        "사회보장사업/9-9-9",
        None,
        None,
    )


def test_stored_reviews_count_in_the_rating_summary_beside_workbook_comments(
    results: Results,
) -> None:
    reviews = [
        _review(results, review_id="a", rating_result=Rating.APPROPRIATE),
        _review(results, review_id="b", rating_result=Rating.APPROPRIATE),
        _review(results, review_id="c", rating_check=Rating.INAPPROPRIATE),
    ]
    views = comments.from_workbook(results) + to_comment_views(reviews, results)
    sub_project = results.sub_project("사회보장사업/1-1-2")
    assert sub_project is not None
    on_project = comments.about(views, comments.Node.of(sub_project))
    # the workbook's own 적절 comment on 1-1-2 plus the three stored reviews
    assert (
        comments.rating_summary(comments.rating_counts(on_project)) == "적절 3 · 보통 0 · 부적절 1"
    )
