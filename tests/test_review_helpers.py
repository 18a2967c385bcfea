"""Pure helpers behind the 점검 입력 page: database URL, sign-in identity, history words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from lib import format as fmt
from lib.auth import ReviewerConfigError
from lib.schema import CommentCategory, Rating, System
from lib.store import ReviewKey, ReviewVersion
from lib.ui import db, reviews
from lib.ui.signin import Writer, oidc_allow_list, oidc_writer
from tests.conftest import ROOT

FIRST = ReviewVersion(
    id=1,
    review_id="r",
    version=1,
    key=ReviewKey("부산광역시 사상구", 2023, System.SOCIAL_SECURITY, "1-1-3"),
    author="김소영",
    author_id="kim",
    created_at=datetime(2024, 3, 14, 16, 0, tzinfo=UTC),  # 2024. 3. 15. 01:00 in Korea
    category=CommentCategory.RESULTS,
    rating_plan=Rating.AVERAGE,
    rating_check=None,
    rating_result=None,
    comment="처음",
    withdrawn=False,
)


@pytest.mark.parametrize(
    ("secrets", "url"),
    [
        ({}, "default"),
        ({"connections": {"other": {"url": "sqlite:///x.db"}}}, "default"),
        (
            {"connections": {"reviews": {"url": " postgresql+psycopg://u:p@db:5432/reviews "}}},
            "postgresql+psycopg://u:p@db:5432/reviews",
        ),
        ({"connections": {"reviews": {"dialect": "postgresql", "host": "db"}}}, None),
    ],
)
def test_connection_url_prefers_the_secrets_and_defaults_to_the_sqlite_file(
    secrets: dict[str, Any], url: str | None
) -> None:
    expected = db.DEFAULT_URL if url == "default" else url
    assert db.connection_url(secrets) == expected


def test_the_default_database_is_data_reviews_db_in_the_app_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.undo()  # conftest points every other test at a temporary file
    assert db.DEFAULT_DATABASE == ROOT / "data" / "reviews.db"
    assert f"sqlite:///{ROOT / 'data' / 'reviews.db'}" == db.DEFAULT_URL


def test_dates_are_shown_in_korean_time_and_habit() -> None:
    assert fmt.date_label(FIRST.created_at) == "2024. 3. 15."
    assert fmt.datetime_label(FIRST.created_at) == "2024. 3. 15. 01:00"


def test_changes_name_each_field_an_edit_changed() -> None:
    second = replace(
        FIRST,
        version=2,
        rating_plan=Rating.APPROPRIATE,
        rating_result=Rating.INAPPROPRIATE,
        category=CommentCategory.COOPERATION,
        comment="고침",
    )
    assert reviews.changes(None, FIRST) == ["처음 작성"]
    assert reviews.changes(FIRST, second) == [
        "구분 시행결과 → 민관협력",
        "계획수립 보통 → 적절",
        "결과확인 평가 없음 → 부적절",
        "의견 문구",
    ]
    assert reviews.changes(second, replace(second, version=3, withdrawn=True)) == ["철회"]
    assert reviews.changes(FIRST, replace(FIRST, version=2)) == []


def test_history_lines_number_every_version_and_escape_the_author() -> None:
    trail = [
        replace(FIRST, author="*김*"),
        replace(FIRST, version=2, author="*김*", comment="고침"),
    ]
    lines = [line for _, line in reviews.history_lines(trail)]
    assert lines == [
        "**1번째 판** · \\*김\\* · 2024. 3. 15. 01:00 · 처음 작성",
        "**2번째 판** · \\*김\\* · 2024. 3. 15. 01:00 · 의견 문구",
    ]


def test_stage_counts_count_each_stage_of_current_reviews() -> None:
    listed = [
        FIRST,
        replace(FIRST, review_id="b", rating_plan=Rating.AVERAGE, rating_check=Rating.APPROPRIATE),
        replace(FIRST, review_id="c", rating_plan=Rating.INAPPROPRIATE, withdrawn=True),
    ]
    assert reviews.stage_summary_lines(listed) == [
        "**계획수립** 적절 0 · 보통 2 · 부적절 0",
        "**이행점검** 적절 1 · 보통 0 · 부적절 0",
        "**결과확인** 적절 0 · 보통 0 · 부적절 0",
    ]


def test_oidc_writer_is_the_signed_in_account_if_allowed() -> None:
    user = {"is_logged_in": True, "email": "Kim@Example.go.kr", "name": "김소영", "sub": "123"}
    assert oidc_writer(user, None) == Writer("김소영", "Kim@Example.go.kr")
    assert oidc_writer(user, frozenset({"kim@example.go.kr"})) == Writer(
        "김소영", "Kim@Example.go.kr"
    )
    assert oidc_writer(user, frozenset({"ryu@example.go.kr"})) is None
    assert oidc_writer({**user, "is_logged_in": False}, None) is None
    assert oidc_writer({"is_logged_in": True, "sub": "123"}, None) == Writer("123", "123")
    assert oidc_writer({"is_logged_in": True}, None) is None  # nobody to record


def test_oidc_allow_list_is_optional_and_must_be_a_list_of_emails() -> None:
    assert oidc_allow_list({}) is None
    assert oidc_allow_list({"reviewers_oidc": {"allow": [" Kim@Example.go.kr "]}}) == {
        "kim@example.go.kr"
    }
    for bad in ({"allow": "kim@example.go.kr"}, {"allow": [1]}, {}):
        with pytest.raises(ReviewerConfigError, match="이메일 목록"):
            oidc_allow_list({"reviewers_oidc": bad})
