"""Reviews in the store: an append-only audit trail, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, create_engine, delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from lib import store
from lib.rounds import Actor, Role
from lib.schema import CommentCategory, Rating, System
from lib.store import (
    AppendOnlyViolation,
    CommentTooLong,
    EmptyReview,
    InvalidReview,
    NotAuthor,
    ReviewKey,
    ReviewNotFound,
    ReviewWithdrawn,
    StaleReview,
)

DISTRICT = "부산광역시 사상구"
KEY = ReviewKey(DISTRICT, 2023, System.SOCIAL_SECURITY, "1-1-1")
OTHER_PROJECT = ReviewKey(DISTRICT, 2023, System.SOCIAL_SECURITY, "1-1-2")
DEVELOPMENT = ReviewKey(DISTRICT, 2023, System.DEVELOPMENT, "1-1-1")


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    eng = store.create_store_engine(store_url)
    yield eng
    eng.dispose()


def _row_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(store.review_versions)) or 0)


def test_create_review_saves_version_one_with_every_field(engine: Engine) -> None:
    before = datetime.now(UTC)
    review = store.create_review(
        engine,
        KEY,
        actor=Actor("kim", "김소영"),
        category=CommentCategory.COOPERATION,
        rating_plan=Rating.APPROPRIATE,
        rating_check=Rating.AVERAGE,
        rating_result=Rating.INAPPROPRIATE,
        comment="  민관 연계 강화 필요\r\n둘째 줄  ",
    )
    assert review.version == 1
    assert len(review.review_id) == 36
    assert review.key == KEY
    assert review.sub_project_id == "사회보장사업/1-1-1"
    assert (review.author, review.author_id) == ("김소영", "kim")
    assert review.category is CommentCategory.COOPERATION
    assert (review.rating_plan, review.rating_check, review.rating_result) == (
        Rating.APPROPRIATE,
        Rating.AVERAGE,
        Rating.INAPPROPRIATE,
    )
    assert review.comment == "민관 연계 강화 필요\n둘째 줄"
    assert review.withdrawn is False
    assert review.created_at.tzinfo is UTC
    assert before - timedelta(seconds=1) <= review.created_at <= datetime.now(UTC)
    assert store.history(engine, review.review_id) == [review]


def test_edit_adds_the_next_version_and_keeps_fields_it_does_not_set(engine: Engine) -> None:
    first = store.create_review(
        engine, KEY, actor=Actor("김소영", "김소영"), rating_plan=Rating.AVERAGE, comment="처음"
    )
    second = store.edit_review(  # the same account in another window, renamed since
        engine,
        first.review_id,
        actor=Actor("김소영", "김소영 위원"),
        rating_result=Rating.APPROPRIATE,
    )
    third = store.edit_review(
        engine, first.review_id, actor=Actor("김소영", "김소영"), comment="고친 의견"
    )
    assert [v.version for v in store.history(engine, first.review_id)] == [1, 2, 3]
    assert store.history(engine, first.review_id) == [first, second, third]
    assert (second.author, second.comment, second.rating_plan, second.rating_result) == (
        "김소영 위원",
        "처음",
        Rating.AVERAGE,
        Rating.APPROPRIATE,
    )
    assert (third.comment, third.rating_plan, third.rating_result) == (
        "고친 의견",
        Rating.AVERAGE,
        Rating.APPROPRIATE,
    )
    assert third.key == KEY
    assert store.current_reviews(engine, DISTRICT, 2023) == [third]


def test_edit_can_clear_a_rating(engine: Engine) -> None:
    first = store.create_review(
        engine, KEY, actor=Actor("김소영", "김소영"), rating_plan=Rating.AVERAGE, comment="의견"
    )
    edited = store.edit_review(
        engine, first.review_id, actor=Actor("김소영", "김소영"), rating_plan=None
    )
    assert edited.rating_plan is None
    assert edited.version == 2


def test_edit_that_changes_nothing_adds_no_version(engine: Engine) -> None:
    first = store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="같은 의견")
    same = store.edit_review(
        engine, first.review_id, actor=Actor("김소영", "김소영"), comment=" 같은 의견 "
    )
    assert same == first
    assert _row_count(engine) == 1


def test_withdrawal_is_a_version_and_hides_the_review(engine: Engine) -> None:
    kept = store.create_review(
        engine, OTHER_PROJECT, actor=Actor("이미정", "이미정"), comment="유지"
    )
    review = store.create_review(
        engine, KEY, actor=Actor("김소영", "김소영"), rating_check=Rating.AVERAGE
    )
    withdrawn = store.withdraw_review(engine, review.review_id, actor=Actor("김소영", "김소영"))
    assert withdrawn.version == 2
    assert withdrawn.withdrawn is True
    assert withdrawn.rating_check is Rating.AVERAGE  # content kept in the trail
    assert [v.withdrawn for v in store.history(engine, review.review_id)] == [False, True]
    assert store.current_reviews(engine, DISTRICT, 2023) == [kept]
    assert store.get_review(engine, review.review_id) == withdrawn


def test_a_withdrawn_review_cannot_be_edited_or_withdrawn_again(engine: Engine) -> None:
    review = store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="의견")
    store.withdraw_review(engine, review.review_id, actor=Actor("김소영", "김소영"))
    with pytest.raises(ReviewWithdrawn, match="철회된"):
        store.edit_review(
            engine, review.review_id, actor=Actor("김소영", "김소영"), comment="되살림"
        )
    with pytest.raises(ReviewWithdrawn):
        store.withdraw_review(engine, review.review_id, actor=Actor("김소영", "김소영"))
    assert _row_count(engine) == 2


def test_edit_with_a_stale_expected_version_is_refused(engine: Engine) -> None:
    review = store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="처음")
    store.edit_review(  # the author, in another window
        engine, review.review_id, actor=Actor("김소영", "김소영"), comment="류승일이 고침"
    )
    with pytest.raises(StaleReview, match="2번째 판") as caught:
        store.edit_review(
            engine,
            review.review_id,
            actor=Actor("김소영", "김소영"),
            comment="덮어쓰기",
            expected_version=1,
        )
    assert caught.value.current.comment == "류승일이 고침"
    ok = store.edit_review(
        engine,
        review.review_id,
        actor=Actor("김소영", "김소영"),
        comment="확인 후 고침",
        expected_version=2,
    )
    assert ok.version == 3


def test_unknown_review_id(engine: Engine) -> None:
    with pytest.raises(ReviewNotFound):
        store.edit_review(engine, "no-such-review", actor=Actor("김소영", "김소영"), comment="x")
    with pytest.raises(ReviewNotFound):
        store.withdraw_review(engine, "no-such-review", actor=Actor("김소영", "김소영"))
    with pytest.raises(ReviewNotFound):
        store.get_review(engine, "no-such-review")
    assert store.history(engine, "no-such-review") == []


def test_comment_of_2000_characters_is_kept_and_2001_refused_in_korean(engine: Engine) -> None:
    longest = store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="가" * 2000)
    assert len(store.history(engine, longest.review_id)[0].comment) == 2000
    with pytest.raises(CommentTooLong) as caught:
        store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="가" * 2001)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        "의견은 2,000자까지 쓸 수 있습니다. 지금 2,001자입니다. 줄여서 다시 저장해 주세요."
    )
    with pytest.raises(CommentTooLong):
        store.edit_review(
            engine, longest.review_id, actor=Actor("김소영", "김소영"), comment="나" * 2001
        )
    assert _row_count(engine) == 1


def test_a_review_needs_a_rating_or_a_comment(engine: Engine) -> None:
    with pytest.raises(EmptyReview, match="평가"):
        store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="  \n ")
    only_rating = store.create_review(
        engine, KEY, actor=Actor("김소영", "김소영"), rating_plan=Rating.AVERAGE
    )
    with pytest.raises(EmptyReview):
        store.edit_review(
            engine, only_rating.review_id, actor=Actor("김소영", "김소영"), rating_plan=None
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actor": Actor("kim", "  ")}, "로그인"),
        ({"actor": Actor("  ", "김소영")}, "로그인"),
        ({"actor": Actor("kim", "김" * 101)}, "작성자"),
        ({"key": ReviewKey("", 2023, System.SOCIAL_SECURITY, "1")}, "시군구"),
        ({"key": ReviewKey(DISTRICT, 1999, System.SOCIAL_SECURITY, "1")}, "연도"),
        ({"key": ReviewKey(DISTRICT, 2023, System.SOCIAL_SECURITY, " ")}, "사업번호"),
    ],
)
def test_invalid_fields_are_refused_in_korean(
    engine: Engine, change: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"key": KEY, "actor": Actor("kim", "김소영"), "comment": "의견"}
    arguments.update(change)
    with pytest.raises(InvalidReview, match=message):
        store.create_review(engine, **arguments)  # type: ignore[arg-type]
    assert _row_count(engine) == 0


def test_comment_text_is_stored_verbatim_through_bound_parameters(engine: Engine) -> None:
    hostile = "'); DROP TABLE review_versions; -- <script>alert(1)</script> **굵게** %s %(x)s"
    review = store.create_review(
        engine, KEY, actor=Actor("obrien", 'O\'Brien "김"'), comment=hostile
    )
    again = store.history(engine, review.review_id)[0]
    assert again.comment == hostile
    assert again.author == 'O\'Brien "김"'
    assert _row_count(engine) == 1


def test_control_characters_are_dropped_from_comments(engine: Engine) -> None:
    review = store.create_review(
        engine, KEY, actor=Actor("김소영", "김소영"), comment="a\x00b\x07c\td\ne"
    )
    assert review.comment == "ab" + "c\td\ne"


def test_current_reviews_are_per_workbook_and_ordered(engine: Engine) -> None:
    later_code = store.create_review(
        engine,
        ReviewKey(DISTRICT, 2023, System.SOCIAL_SECURITY, "1-10-1"),
        actor=Actor("가", "가"),
        comment="x",
    )
    development = store.create_review(engine, DEVELOPMENT, actor=Actor("나", "나"), comment="x")
    second_on_key = store.create_review(engine, KEY, actor=Actor("다", "다"), comment="x")
    earlier_code = store.create_review(
        engine,
        ReviewKey(DISTRICT, 2023, System.SOCIAL_SECURITY, "1-2-1"),
        actor=Actor("라", "라"),
        comment="x",
    )
    first_on_key = store.create_review(engine, KEY, actor=Actor("마", "마"), comment="x")
    first_on_key = store.edit_review(
        engine, first_on_key.review_id, actor=Actor("마", "마"), comment="y"
    )
    store.create_review(
        engine,
        ReviewKey(DISTRICT, 2024, KEY.system, KEY.code),
        actor=Actor("바", "바"),
        comment="x",
    )
    store.create_review(
        engine,
        ReviewKey("부산광역시 북구", 2023, KEY.system, KEY.code),
        actor=Actor("사", "사"),
        comment="x",
    )
    current = store.current_reviews(engine, DISTRICT, 2023)
    assert current == [second_on_key, first_on_key, earlier_code, later_code, development]


def test_reviews_for_project_lists_only_that_project(engine: Engine) -> None:
    one = store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="x")
    two = store.create_review(
        engine, KEY, actor=Actor("류승일", "류승일"), rating_result=Rating.AVERAGE
    )
    store.create_review(engine, OTHER_PROJECT, actor=Actor("김소영", "김소영"), comment="x")
    store.create_review(engine, DEVELOPMENT, actor=Actor("김소영", "김소영"), comment="x")
    gone = store.create_review(engine, KEY, actor=Actor("이미정", "이미정"), comment="x")
    store.withdraw_review(engine, gone.review_id, actor=Actor("이미정", "이미정"))
    found = store.reviews_for_project(engine, DISTRICT, 2023, System.SOCIAL_SECURITY, "1-1-1")
    assert found == [one, two]


def test_database_triggers_reject_update_and_delete(engine: Engine) -> None:
    review = store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="원래 의견")
    for statement in (
        "UPDATE review_versions SET comment = 'changed'",
        "DELETE FROM review_versions",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert store.history(engine, review.review_id) == [review]


def test_core_update_and_delete_are_refused_before_reaching_the_database(engine: Engine) -> None:
    store.create_review(engine, KEY, actor=Actor("김소영", "김소영"), comment="원래 의견")
    table = store.review_versions
    for statement in (update(table).values(comment="changed"), delete(table)):
        with (
            pytest.raises(AppendOnlyViolation, match="고치거나 지울 수 없습니다"),
            engine.begin() as conn,
        ):
            conn.execute(statement)
    assert _row_count(engine) == 1


def test_a_plain_engine_is_prepared_on_first_use(store_url: str) -> None:
    plain = create_engine(store_url)  # e.g. what st.connection builds
    try:
        review = store.create_review(plain, KEY, actor=Actor("김소영", "김소영"), comment="첫 사용")
        assert store.current_reviews(plain, DISTRICT, 2023) == [review]
    finally:
        plain.dispose()


@pytest.mark.parametrize("role", list(Role))
def test_only_the_author_may_edit_or_withdraw_a_review(engine: Engine, role: Role) -> None:
    """Whatever the other's role (사무국 included), another member's text is refused."""
    mine = store.create_review(engine, KEY, actor=Actor("kim", "김소영"), comment="김 의견")
    other = Actor("ryu", "류승일", role)
    with pytest.raises(NotAuthor, match="다른 분이 쓴"):
        store.edit_review(engine, mine.review_id, actor=other, comment="류가 고침")
    with pytest.raises(NotAuthor):
        store.withdraw_review(engine, mine.review_id, actor=other)
    same_name = Actor("impostor", "김소영")  # a display name is not an identity
    with pytest.raises(NotAuthor):
        store.edit_review(engine, mine.review_id, actor=same_name, comment="x")
    assert store.history(engine, mine.review_id) == [mine]
    # The author's account, in any case, still may.
    edited = store.edit_review(engine, mine.review_id, actor=Actor("KIM", "김소영"), comment="고침")
    assert edited.version == 2
    assert store.withdraw_review(engine, mine.review_id, actor=Actor("kim", "김소영")).withdrawn
