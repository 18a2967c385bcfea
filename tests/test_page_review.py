"""점검 입력 page under AppTest: sign-in by mode, saving, editing, withdrawing, history.

Every test uses its own SQLite file through ``at.secrets`` ([connections.reviews] url),
so nothing touches data/reviews.db, and its own argon2 hash (so the per-server failure
counters of one test never reach another).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from lib import store
from lib.auth import hash_password
from lib.format import date_label
from lib.rounds import Actor
from lib.schema import CommentCategory, Rating, System
from lib.store import ReviewKey
from lib.ui.keys import Key
from lib.ui.widgets import escape_markdown
from tests.conftest import ROOT

PROJECT = "사회보장사업/1-1-3"  # 행복울타리 돌봄사업 in the bundled sample
PROJECT_NAME = "행복울타리 돌봄사업"
KEY = ReviewKey("부산광역시 사상구", 2023, System.SOCIAL_SECURITY, "1-1-3")
KIM_PASSWORD = "사상구-점검-2023"
RYU_PASSWORD = "another secret 99"
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-cookie-secret",
    "client_id": "dashboard",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.example/.well-known/openid-configuration",
}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reviews.db'}"


@pytest.fixture
def engine(db_url: str) -> Any:
    eng = store.create_store_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def reviewers() -> dict[str, Any]:
    """[reviewers] with real argon2 hashes, made afresh for each test."""
    return {
        "kim": {"name": "김소영", "password_hash": hash_password(KIM_PASSWORD)},
        "ryu": {"name": "류승일", "password_hash": hash_password(RYU_PASSWORD)},
    }


def app(db_url: str, **secrets: Any) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["connections"] = {"reviews": {"url": db_url}}
    for section, value in secrets.items():
        at.secrets[section] = value
    return at


def open_review(at: AppTest, project: str | None = PROJECT) -> AppTest:
    """Open /review (with ?project=), as the link from a project's detail does."""
    if project is not None:
        at.query_params[Key.PROJECT] = project
    at.run()
    at.switch_page("app_pages/review.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return rerun(at)


def texts(at: AppTest) -> str:
    return "\n".join(
        str(e.value)
        for e in [
            *at.markdown,
            *at.caption,
            *at.info,
            *at.warning,
            *at.error,
            *at.success,
            *at.code,
        ]
    )


def errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def sign_in(at: AppTest, username: str = "kim", password: str = KIM_PASSWORD) -> AppTest:
    at.text_input(key=Key.SIGNIN_USERNAME).input(username)
    at.text_input(key=Key.SIGNIN_PASSWORD).input(password)
    return press(at, Key.SIGNIN_SUBMIT)


def submit(
    at: AppTest,
    comment: str = "",
    *,
    plan: str | None = None,
    check: str | None = None,
    result: str | None = None,
    category: str | None = None,
) -> AppTest:
    if category is not None:
        at.radio(key=Key.REVIEW_CATEGORY).set_value(category)
    for key, value in ((Key.REVIEW_PLAN, plan), (Key.REVIEW_CHECK, check)):
        at.segmented_control(key=key).set_value(value)
    at.segmented_control(key=Key.REVIEW_RESULT).set_value(result)
    at.text_area(key=Key.REVIEW_COMMENT).set_value(comment)
    return press(at, Key.REVIEW_SUBMIT)


def action(name: str, review_id: str) -> str:
    return f"{Key.REVIEW_ACTION}:{name}:{review_id}"


def only_review(engine: Engine) -> store.ReviewVersion:
    [review] = store.reviews_for_project(
        engine, KEY.district, KEY.year, System.SOCIAL_SECURITY, "1-1-3"
    )
    return review


def _views_script() -> None:
    import streamlit as st

    from lib.ui.data import sample_results
    from lib.ui.reviews import comment_views

    for view in comment_views(sample_results()):
        targets = ",".join(t.sub_project_id or t.label for t in view.targets)
        rating = view.rating.value if view.rating else "-"
        st.text(f"{view.source}|{view.reviewer}|{rating}|{targets}|{view.text}")


def comment_view_lines(db_url: str) -> list[str]:
    """What ``lib.ui.reviews.comment_views`` returns for the sample, against ``db_url``."""
    at = AppTest.from_function(_views_script, default_timeout=30)
    at.secrets["connections"] = {"reviews": {"url": db_url}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return [str(t.value) for t in at.text]


# ── Read-only ───────────────────────────────────────────────────────────────────────


def test_the_page_is_registered_as_review(db_url: str) -> None:
    at = open_review(app(db_url), project=None)
    assert [t.value for t in at.title] == ["점검 입력"]
    assert "세부사업을 고르면" in texts(at)


def test_readonly_mode_explains_how_to_turn_reviews_on(db_url: str) -> None:
    at = open_review(app(db_url))
    shown = texts(at)
    assert "지금은 읽기 전용입니다" in shown
    assert "scripts/hash_password.py" in shown
    assert "[reviewers.kim]" in shown and "password_hash" in shown and "[auth]" in shown
    assert next(e.label for e in at.expander) == "점검 입력을 켜는 방법 (관리자용)"
    assert "입력 양식이 없습니다" in shown
    assert len(at.text_area) == 0 and len(at.text_input) == 0  # no form, no sign-in
    assert next(s.value for s in at.main.subheader) == PROJECT_NAME  # reading still works


def test_readonly_mode_still_lists_stored_reviews(db_url: str, engine: Engine) -> None:
    store.create_review(engine, KEY, actor=Actor("ryu", "류승일"), comment="읽기는 누구나")
    at = open_review(app(db_url))
    assert "읽기는 누구나" in texts(at)
    assert [b.label for b in at.button if b.label in ("수정", "철회")] == []


# ── Password sign-in ────────────────────────────────────────────────────────────────


def test_password_sign_in_then_a_review_is_listed_and_joins_comment_views(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    at = open_review(app(db_url, reviewers=reviewers))
    assert len(at.text_area) == 0  # signed out: no form yet
    sign_in(at)
    assert "**김소영** 위원으로 로그인했습니다 (kim)." in texts(at)
    submit(
        at,
        "방문 돌봄 확대가 체감됨",
        plan="적절",
        check="보통",
        result="적절",
        category="민관협력",
    )
    shown = texts(at)
    assert "저장했습니다" in shown
    assert "방문 돌봄 확대가 체감됨" in shown
    assert "민관협력 · 계획수립 적절 · 이행점검 보통 · 결과확인 적절" in shown
    assert escape_markdown(f"김소영 · {date_label(datetime.now(UTC))}") in shown
    assert "**계획수립** 적절 1 · 보통 0 · 부적절 0" in shown
    assert "**이행점검** 적절 0 · 보통 1 · 부적절 0" in shown
    assert at.text_area(key=Key.REVIEW_COMMENT).value == ""  # the form is cleared
    review = only_review(engine)
    assert (review.author, review.author_id, review.category) == (
        "김소영",
        "kim",
        CommentCategory.COOPERATION,
    )
    assert (review.rating_plan, review.rating_check, review.rating_result) == (
        Rating.APPROPRIATE,
        Rating.AVERAGE,
        Rating.APPROPRIATE,
    )
    lines = comment_view_lines(db_url)
    assert f"점검 입력|김소영|적절|{PROJECT}|방문 돌봄 확대가 체감됨" in lines
    assert any(line.startswith("모니터링의견 시트") for line in lines)  # the workbook's too


def test_a_wrong_password_is_refused_in_korean(db_url: str, reviewers: dict[str, Any]) -> None:
    at = open_review(app(db_url, reviewers=reviewers))
    sign_in(at, "kim", "not the password")
    assert errors(at) == ["아이디 또는 비밀번호가 맞지 않습니다."]
    assert len(at.text_area) == 0
    assert Key.REVIEWER not in at.session_state
    assert at.text_input(key=Key.SIGNIN_PASSWORD).value == ""  # never kept


def test_repeated_failures_slow_this_client_but_lock_nobody_out(
    db_url: str, reviewers: dict[str, Any]
) -> None:
    at = open_review(app(db_url, reviewers=reviewers))
    for _ in range(3):  # free tries, then a delay that doubles with each failure
        sign_in(at, "kim", "guess")
        assert errors(at) == ["아이디 또는 비밀번호가 맞지 않습니다."]
    refusals = []
    for _ in range(8):  # waits of 1, 2, 4, … 128 s: some try comes too early
        refusals += errors(sign_in(at, "kim", "guess"))
    assert any(r.endswith("뒤에 다시 시도해 주세요.") for r in refusals)
    assert len(at.text_area) == 0
    sign_in(at, "ryu", RYU_PASSWORD)  # another reviewer is not locked out
    assert "**류승일** 위원으로 로그인했습니다 (ryu)." in texts(at)


def test_sign_out_ends_writing(db_url: str, reviewers: dict[str, Any]) -> None:
    at = open_review(app(db_url, reviewers=reviewers))
    sign_in(at)
    assert len(at.text_area) == 1
    press(at, Key.SIGNOUT)
    assert len(at.text_area) == 0
    assert "위원 로그인" in texts(at)


def test_a_malformed_reviewer_list_is_reported_and_nobody_writes(db_url: str) -> None:
    bad = {"kim": {"name": "김소영", "password_hash": "plain text"}}
    at = open_review(app(db_url, reviewers=bad))
    assert any("argon2 해시가 아닙니다" in e for e in errors(at))
    assert len(at.text_input) == 0 and len(at.text_area) == 0


# ── OIDC (st.login) ─────────────────────────────────────────────────────────────────


def test_oidc_signed_in_user_may_write(db_url: str, engine: Engine) -> None:
    at = app(db_url, auth=OIDC)
    at.user = {"is_logged_in": True, "email": "kim@example.go.kr", "name": "김소영"}
    open_review(at)
    assert f"**김소영** 위원으로 로그인했습니다 ({escape_markdown('kim@example.go.kr')})." in texts(
        at
    )
    submit(at, "기관 계정으로 남긴 의견", result="보통")
    review = only_review(engine)
    assert (review.author, review.author_id) == ("김소영", "kim@example.go.kr")
    assert review.rating_result is Rating.AVERAGE


def test_oidc_signed_out_user_is_offered_the_login_button(db_url: str) -> None:
    at = app(db_url, auth=OIDC)
    at.user = {"is_logged_in": False}
    open_review(at)
    assert at.button(key=Key.SIGNIN_OIDC).label == "기관 계정으로 로그인"
    assert len(at.text_area) == 0


def test_oidc_allow_list_keeps_other_accounts_reading_only(db_url: str) -> None:
    at = app(db_url, auth=OIDC, reviewers_oidc={"allow": ["Kim@Example.go.kr"]})
    at.user = {"is_logged_in": True, "email": "lee@example.go.kr", "name": "이미정"}
    open_review(at)
    assert "허용된 계정 목록에 없습니다" in texts(at)
    assert len(at.text_area) == 0
    at.user = {"is_logged_in": True, "email": "kim@example.go.kr", "name": "김소영"}
    rerun(at)
    assert len(at.text_area) == 1  # allowed, whatever the case of the address


# ── What is saved and shown ─────────────────────────────────────────────────────────


def test_script_like_text_is_stored_verbatim_and_shown_as_literal_text(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    hostile = "<script>alert(1)</script> **굵게** [링크](javascript:alert(1))"
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, hostile)
    assert only_review(engine).comment == hostile
    shown = [m for m in at.markdown if "script" in str(m.value)]
    assert shown and all(not m.allow_html for m in shown)
    assert escape_markdown(hostile) in [m.value for m in shown]
    # The only HTML on the page is the app's own static style, never the comment.
    assert all("alert" not in str(h.proto) for h in at.get("html"))


def test_the_comment_box_counts_to_the_store_limit(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    box = at.text_area(key=Key.REVIEW_COMMENT)
    assert box.max_chars == store.COMMENT_MAX_CHARS == 2000  # the browser shows n/2000
    assert "2,000자까지" in box.help
    submit(at, "가" * 2000)
    assert len(only_review(engine).comment) == 2000


def test_a_comment_the_store_finds_too_long_is_refused_in_korean_and_the_draft_kept(
    db_url: str, engine: Engine, reviewers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store counts after cleaning the text; whatever it refuses, the page says why."""

    def too_long(*_args: Any, **kwargs: Any) -> None:
        raise store.CommentTooLong(len(kwargs["comment"]) + 1)

    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    monkeypatch.setattr(store, "create_review", too_long)
    submit(at, "나" * 1999)
    assert errors(at) == [
        "의견은 2,000자까지 쓸 수 있습니다. 지금 2,000자입니다. 줄여서 다시 저장해 주세요."
    ]
    assert at.text_area(key=Key.REVIEW_COMMENT).value == "나" * 1999  # nothing typed is lost
    assert "저장했습니다" not in texts(at)


def test_an_empty_review_is_refused(db_url: str, reviewers: dict[str, Any]) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "   ")
    assert errors(at) == ["평가(적절·보통·부적절)를 하나 이상 고르거나 의견을 적어 주세요."]


def test_edit_creates_version_two_and_history_shows_both(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "처음 의견", result="보통")
    review_id = only_review(engine).review_id
    press(at, action("edit", review_id))
    assert "1번째 판을 고칩니다" in texts(at)
    at.segmented_control(key=action("rating_result", review_id)).set_value("적절")
    at.text_area(key=action("comment", review_id)).set_value("고친 의견")
    press(at, action("save", review_id))
    shown = texts(at)
    assert "고친 내용을 저장했습니다 (2번째 판)." in shown
    assert "고친 의견" in shown
    assert escape_markdown(" · 2번째 판 (고침)") in shown
    assert "이력 (2개 판)" in [e.label for e in at.expander]
    history = [m.value for m in at.markdown if "번째 판**" in str(m.value)]
    assert history[0].startswith("**1번째 판** · 김소영 · ") and history[0].endswith("처음 작성")
    assert history[1].startswith("**2번째 판** · 김소영 · ")
    assert history[1].endswith("결과확인 보통 → 적절, 의견 문구")
    trail = store.history(engine, review_id)
    assert [(v.version, v.comment) for v in trail] == [(1, "처음 의견"), (2, "고친 의견")]


def test_an_edit_after_someone_else_saved_is_stopped_with_a_korean_message(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "처음 의견")
    review_id = only_review(engine).review_id
    press(at, action("edit", review_id))
    # Meanwhile the same reviewer saves from another browser.
    store.edit_review(engine, review_id, actor=Actor("kim", "김소영"), comment="다른 창에서")
    at.text_area(key=action("comment", review_id)).set_value("이 창에서")
    press(at, action("save", review_id))
    assert errors(at) == [
        "그사이 이 의견이 바뀌었습니다 (지금 2번째 판, 김소영). "
        "최신 내용을 확인한 뒤 다시 저장해 주세요."
    ]
    assert "다른 창에서" in texts(at)  # the latest is shown
    assert at.text_area(key=action("comment", review_id)).value == "이 창에서"  # draft kept
    assert "2번째 판을 고칩니다" in texts(at)
    press(at, action("save", review_id))  # saving again is deliberate
    assert [v.comment for v in store.history(engine, review_id)] == [
        "처음 의견",
        "다른 창에서",
        "이 창에서",
    ]


def test_withdraw_asks_first_then_hides_the_review_and_history_keeps_it(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "철회할 의견", plan="부적절")
    review_id = only_review(engine).review_id
    press(at, action("withdraw", review_id))
    assert "이 의견을 철회할까요?" in texts(at)
    assert store.history(engine, review_id)[-1].withdrawn is False  # not yet
    press(at, action("withdraw_yes", review_id))
    shown = texts(at)
    assert "의견을 철회했습니다" in shown
    assert "이 사업의 점검 의견 0건" in [s.value for s in at.main.subheader]
    assert "**계획수립** 적절 0 · 보통 0 · 부적절 1" not in shown
    assert "철회된 의견 1건 (이력)" in [e.label for e in at.expander]
    assert any(str(m.value).endswith("철회") and "2번째 판" in str(m.value) for m in at.markdown)
    assert [v.withdrawn for v in store.history(engine, review_id)] == [False, True]
    assert store.current_reviews(engine, KEY.district, KEY.year) == []
    assert not any("철회할 의견" in line for line in comment_view_lines(db_url))


def test_withdraw_can_be_cancelled(db_url: str, engine: Engine, reviewers: dict[str, Any]) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "남길 의견")
    review_id = only_review(engine).review_id
    press(at, action("withdraw", review_id))
    press(at, action("withdraw_no", review_id))
    assert "이 의견을 철회할까요?" not in texts(at)
    assert len(store.history(engine, review_id)) == 1


def test_only_the_author_may_edit_or_withdraw(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    theirs = store.create_review(engine, KEY, actor=Actor("ryu", "류승일"), comment="류 의견")
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "김 의견")
    mine = next(
        r for r in store.current_reviews(engine, KEY.district, KEY.year) if r.author_id == "kim"
    )
    keys = {b.key for b in at.button}
    assert action("edit", mine.review_id) in keys and action("withdraw", mine.review_id) in keys
    assert action("edit", theirs.review_id) not in keys
    assert action("withdraw", theirs.review_id) not in keys


def test_stage_summary_counts_every_current_review(db_url: str, engine: Engine) -> None:
    for author, plan, result in (
        ("가", Rating.APPROPRIATE, Rating.APPROPRIATE),
        ("나", Rating.APPROPRIATE, Rating.INAPPROPRIATE),
        ("다", Rating.AVERAGE, None),
    ):
        store.create_review(
            engine, KEY, actor=Actor(author, author), rating_plan=plan, rating_result=result
        )
    gone = store.create_review(
        engine, KEY, actor=Actor("라", "라"), rating_plan=Rating.INAPPROPRIATE
    )
    store.withdraw_review(engine, gone.review_id, actor=Actor("라", "라"))
    shown = texts(open_review(app(db_url)))
    assert "**계획수립** 적절 2 · 보통 1 · 부적절 0" in shown
    assert "**이행점검** 적절 0 · 보통 0 · 부적절 0" in shown
    assert "**결과확인** 적절 1 · 보통 0 · 부적절 1" in shown


# ── Choosing the project ────────────────────────────────────────────────────────────


def test_choosing_a_project_puts_it_in_the_url(db_url: str) -> None:
    at = open_review(app(db_url), project=None)
    box = at.selectbox(key=Key.REVIEW_PROJECT)
    assert box.value is None
    assert "사회보장사업 1-1-3 행복울타리 돌봄사업" in box.options
    box.select(PROJECT)
    rerun(at)
    assert at.query_params[Key.PROJECT] == PROJECT
    assert next(s.value for s in at.main.subheader) == PROJECT_NAME


def test_an_unknown_project_in_the_url_is_named(db_url: str) -> None:
    at = open_review(app(db_url), project="사회보장사업/9-9-9")
    assert any("찾을 수 없습니다" in str(w.value) for w in at.warning)
    assert at.selectbox(key=Key.REVIEW_PROJECT).value is None


def test_a_linked_project_outside_the_filter_is_still_offered(db_url: str) -> None:
    at = app(db_url)
    at.query_params["system"] = "발전전략"
    at = open_review(at)
    assert at.selectbox(key=Key.REVIEW_PROJECT).value == PROJECT
    assert "보기 설정(필터)에 들지 않지만" in texts(at)


def test_the_numbers_stay_beside_the_form(db_url: str, reviewers: dict[str, Any]) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["달성률"] == "131.6%"
    shown = texts(at)
    assert "당초 420,000 → 변경 468,000 → 집행 461,250" in shown
    assert "집행률 98.6%" in shown
    assert "₩ 예산변경" in shown
    indicators = at.dataframe[0].value
    assert list(indicators["achievement_rate"]) == ["131.3% ● 달성", "131.9% ● 달성"]


def test_an_edit_of_a_review_withdrawn_meanwhile_says_so(
    db_url: str, engine: Engine, reviewers: dict[str, Any]
) -> None:
    at = sign_in(open_review(app(db_url, reviewers=reviewers)))
    submit(at, "곧 철회될 의견")
    review_id = only_review(engine).review_id
    press(at, action("edit", review_id))
    store.withdraw_review(engine, review_id, actor=Actor("kim", "김소영"))  # another window
    at.text_area(key=action("comment", review_id)).set_value("고치려던 내용")
    press(at, action("save", review_id))
    assert errors(at) == ["이미 철회된 의견이라 고치거나 다시 철회할 수 없습니다."]
    assert [v.withdrawn for v in store.history(engine, review_id)] == [False, True]
