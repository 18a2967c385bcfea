"""서면의견지 page under AppTest: sign-in by mode, per-project ratings saved as picked,
overall opinions as separate points, 우수사업 추천, 제출, and what a round's status allows.

Every test uses its own SQLite file through ``at.secrets`` and its own argon2 hash.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from lib import store
from lib.rounds import MAX_RECOMMENDATIONS, RosterEntry, RoundStatus
from lib.schema import CommentCategory, Rating, System
from lib.store import ReviewKey
from lib.ui.data import sample_results
from lib.ui.keys import Key
from lib.ui.round_keys import RoundKey, item_key
from tests.conftest import open_app, page_text
from tests.round_app import (
    ABOLISHED,
    DISTRICT,
    KIM,
    PASSWORD,
    RYU,
    SECRETARIAT,
    YEAR,
    click,
    opened,
    rerun,
    reviewers,
    snapshot,
)
from tests.round_app import app as round_app

PROJECT = "사회보장사업/1-1-3"  # 행복울타리 돌봄사업 in the bundled sample
PROJECT_NAME = "행복울타리 돌봄사업"
KEY = ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3")
HOSTILE = '[x](http://e) <script>alert(1)</script> =HYPERLINK("http://e") **b** $x$'
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-cookie-secret",
    "client_id": "dashboard",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.example/.well-known/openid-configuration",
}


def bare(db_url: str, project: str | None = PROJECT, **secrets: Any) -> AppTest:
    """/review with ``secrets`` (no sign-in seeded), as the link from a project opens it."""
    at = open_app(
        "app_pages/review.py",
        db_url=db_url,
        secrets=secrets,
        query={} if project is None else {Key.PROJECT: project},
    )
    assert not at.exception, [e.value for e in at.exception]
    return at


def member(db_url: str, user: str = "kim") -> AppTest:
    at = round_app(db_url, user, "review.py")
    return at


def errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key=Key.SIGNIN_USERNAME).input(username)
    at.text_input(key=Key.SIGNIN_PASSWORD).input(password)
    return click(at, Key.SIGNIN_SUBMIT)


def new_point(at: AppTest, category: CommentCategory, text: str) -> AppTest:
    at.text_area(key=item_key(RoundKey.NEW_OPINION_, category.name)).input(text)
    return rerun(at)


def my_reviews(engine: Engine) -> list[store.ReviewVersion]:
    return store.reviews_for_project(engine, DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3")


# ── Sign-in ─────────────────────────────────────────────────────────────────────────


def test_the_page_is_the_members_written_opinion_form(db_url: str) -> None:
    at = bare(db_url, project=None)
    assert [t.value for t in at.title] == ["서면의견지"]
    assert [t.label for t in at.tabs] == [
        "① 세부사업 평가",
        "② 전반 의견",
        "③ 우수사업 추천",
        "④ 제출",
    ]


def test_readonly_mode_explains_how_to_turn_writing_on_and_disables_every_input(
    db_url: str,
) -> None:
    at = bare(db_url)
    shown = page_text(at)
    assert "지금은 읽기 전용입니다" in shown and "scripts/hash_password.py" in shown
    assert at.text_area and all(t.disabled for t in at.text_area)
    assert at.main.segmented_control and all(s.disabled for s in at.main.segmented_control)
    assert next(s.value for s in at.main.subheader) == PROJECT_NAME  # reading still works


def test_a_wrong_password_is_refused_in_korean(db_url: str) -> None:
    at = sign_in(bare(db_url, reviewers=reviewers()), "kim", "not the password")
    assert "아이디 또는 비밀번호가 맞지 않습니다." in errors(at)
    assert Key.REVIEWER not in at.session_state
    assert at.text_input(key=Key.SIGNIN_PASSWORD).value == ""  # never kept


def test_password_sign_in_opens_the_form_and_sign_out_closes_it(db_url: str) -> None:
    at = sign_in(bare(db_url, reviewers=reviewers()), "kim", PASSWORD)
    assert "**김소영** 위원으로 로그인했습니다 (kim)." in page_text(at).replace("\\", "")
    assert not at.main.segmented_control[0].disabled
    click(at, Key.SIGNOUT)
    assert at.main.segmented_control[0].disabled


def test_a_malformed_reviewer_list_is_reported_and_nobody_writes(db_url: str) -> None:
    bad = {"kim": {"name": "김소영", "password_hash": "plain text"}}
    at = bare(db_url, reviewers=bad)
    assert any("argon2 해시가 아닙니다" in e for e in errors(at))
    assert at.main.segmented_control and all(s.disabled for s in at.main.segmented_control)


def test_oidc_signed_in_user_rates_a_project(db_url: str, engine: Engine) -> None:
    at = open_app(
        "app_pages/review.py",
        db_url=db_url,
        secrets={"auth": OIDC},
        user={"is_logged_in": True, "email": "kim@example.go.kr", "name": "김소영"},
        query={Key.PROJECT: PROJECT},
    )
    assert not at.exception, [e.value for e in at.exception]
    at.segmented_control(
        key=item_key(RoundKey.RATE_, "kim@example.go.kr", "result", PROJECT)
    ).set_value("보통")
    rerun(at)
    [review] = my_reviews(engine)
    assert (review.author, review.author_id) == ("김소영", "kim@example.go.kr")
    assert review.rating_result is Rating.AVERAGE


def test_oidc_signed_out_user_is_offered_the_login_button(db_url: str) -> None:
    at = open_app(
        "app_pages/review.py",
        db_url=db_url,
        secrets={"auth": OIDC},
        user={"is_logged_in": False},
    )
    assert not at.exception, [e.value for e in at.exception]
    assert at.button(key=Key.SIGNIN_OIDC).label == "기관 계정으로 로그인"


# ── Per-project ratings (saved as picked) ───────────────────────────────────────────


def test_without_a_round_ratings_and_comment_save_as_picked(db_url: str, engine: Engine) -> None:
    at = member(db_url)
    at.query_params[Key.PROJECT] = PROJECT
    rerun(at)
    assert "모니터링 회차가 열리지 않았습니다" in page_text(at)
    at.segmented_control(key=item_key(RoundKey.RATE_, "kim", "plan", PROJECT)).set_value("적절")
    rerun(at)
    [review] = my_reviews(engine)
    assert review.rating_plan is Rating.APPROPRIATE and review.version == 1
    assert "저장됨" in page_text(at)
    at.text_area(key=item_key(RoundKey.COMMENT_, "kim", PROJECT)).input("홍보가 부족했음")
    rerun(at)
    [review] = my_reviews(engine)
    assert (review.comment, review.version, review.rating_plan) == (
        "홍보가 부족했음",
        2,
        Rating.APPROPRIATE,
    )
    at.segmented_control(key=item_key(RoundKey.RATE_, "kim", "plan", PROJECT)).set_value(None)
    at.text_area(key=item_key(RoundKey.COMMENT_, "kim", PROJECT)).input("")
    rerun(at)
    assert my_reviews(engine) == []  # nothing left: withdrawn, its history kept
    assert len(store.history(engine, review.review_id)) >= 3


def test_the_project_link_opens_that_project(db_url: str) -> None:
    at = member(db_url)
    at.query_params[Key.PROJECT] = PROJECT
    rerun(at)
    assert at.selectbox(key=RoundKey.FORM_PROJECT).value == PROJECT
    assert next(s.value for s in at.main.subheader) == PROJECT_NAME


def test_other_members_ratings_are_summed_beside_mine(db_url: str, engine: Engine) -> None:
    store.create_review(engine, KEY, actor=RYU, rating_result=Rating.INAPPROPRIATE)
    at = member(db_url)
    at.query_params[Key.PROJECT] = PROJECT
    rerun(at)
    assert "결과확인** 적절 0 · 보통 0 · 부적절 1" in page_text(at)


# ── The round: roster, opinions, 추천, 제출 ──────────────────────────────────────────


def test_a_member_not_on_the_roster_cannot_write(db_url: str, engine: Engine) -> None:
    store.open_round(engine, SECRETARIAT, sample_results())
    store.set_roster(
        engine, SECRETARIAT, DISTRICT, YEAR, [RosterEntry("m1", "김소영", account="kim")]
    )
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.COLLECTING)
    at = member(db_url, "ryu")
    assert "T/F 명단에 없어" in page_text(at)
    assert at.text_area(key=item_key(RoundKey.NEW_OPINION_, "RESULTS")).disabled
    assert at.button(key=RoundKey.SUBMIT).disabled
    with pytest.raises(store.StoreError, match="명단에 없어"):
        store.add_opinion(
            engine, RYU, DISTRICT, YEAR, category=CommentCategory.RESULTS, text="써 봄"
        )


def test_overall_opinions_are_separate_points_saved_as_typed(db_url: str, engine: Engine) -> None:
    opened(engine, sample_results())
    at = member(db_url)
    new_point(at, CommentCategory.RESULTS, "대상자 선정 절차가 적절함")
    new_point(at, CommentCategory.RESULTS, "홍보 방안이 필요함")
    new_point(at, CommentCategory.COOPERATION, "민관 소통 정례화")
    assert at.text_area(key=item_key(RoundKey.NEW_OPINION_, "RESULTS")).value == ""
    first, second, third = snapshot(engine).opinions
    assert [o.text for o in (first, second, third)] == [
        "대상자 선정 절차가 적절함",
        "홍보 방안이 필요함",
        "민관 소통 정례화",
    ]
    assert third.category is CommentCategory.COOPERATION
    at.text_area(key=item_key(RoundKey.OPINION_, first.opinion_id)).input("선정 절차 적절")
    at.selectbox(key=item_key(RoundKey.OPINION_TARGET_, first.opinion_id)).select(PROJECT)
    rerun(at)
    edited = snapshot(engine).opinions[0]
    assert (edited.text, edited.target, edited.version) == ("선정 절차 적절", PROJECT, 2)
    at.text_area(key=item_key(RoundKey.OPINION_, second.opinion_id)).input("")
    rerun(at)
    assert [o.opinion_id for o in snapshot(engine).opinions] == [
        first.opinion_id,
        third.opinion_id,
    ]
    assert "전반 의견 2개" in page_text(at)


def test_recommendations_take_a_reason_never_a_abolished_project_and_at_most_three(
    db_url: str, engine: Engine
) -> None:
    opened(engine, sample_results())
    at = member(db_url)
    options = at.selectbox(key=item_key(RoundKey.REC_PROJECT_, "kim", 1)).options
    assert len(options) == len(sample_results().sub_projects) - 1  # 폐지 not offered
    assert not any("(폐지)" in o for o in options)
    assert len([s for s in at.selectbox if s.key.startswith(RoundKey.REC_PROJECT_)]) == 3
    at.selectbox(key=item_key(RoundKey.REC_PROJECT_, "kim", 1)).select(PROJECT)
    rerun(at)
    assert "추천 이유를 적어야 저장됩니다." in errors(at)
    assert snapshot(engine).recommendations == ()
    at.text_input(key=item_key(RoundKey.REC_REASON_, "kim", 1)).input("돌봄 공백 해소")
    rerun(at)
    [rec] = snapshot(engine).recommendations
    assert (rec.sub_project_id, rec.reason) == (PROJECT, "돌봄 공백 해소")
    with pytest.raises(store.StoreError, match="폐지"):
        store.recommend(engine, KIM, DISTRICT, YEAR, ABOLISHED, "폐지 사업 추천")
    others = [sp.id for sp in sample_results().sub_projects if not sp.abolished][:4]
    for sub_project_id in [s for s in others if s != PROJECT][: MAX_RECOMMENDATIONS - 1]:
        store.recommend(engine, KIM, DISTRICT, YEAR, sub_project_id, "좋음")
    with pytest.raises(store.StoreError, match="까지 추천"):  # a 4th
        store.recommend(engine, KIM, DISTRICT, YEAR, others[-1], "넷째")


def test_submit_closes_the_form_and_can_be_taken_back_until_merging(
    db_url: str, engine: Engine
) -> None:
    opened(engine, sample_results())
    at = member(db_url)
    new_point(at, CommentCategory.RESULTS, "의견 하나")
    click(at, RoundKey.SUBMIT)
    assert "제출했습니다" in page_text(at)
    assert at.text_area(key=item_key(RoundKey.NEW_OPINION_, "RESULTS")).disabled
    assert "회신 1/2" in page_text(at)  # the sidebar line
    click(at, RoundKey.UNSUBMIT)
    assert not at.text_area(key=item_key(RoundKey.NEW_OPINION_, "RESULTS")).disabled
    click(at, RoundKey.SUBMIT)
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.MERGING)
    rerun(at)
    assert at.button(key=RoundKey.UNSUBMIT).disabled
    assert "'취합' 단계라 더 쓸 수 없습니다" in page_text(at)


def test_after_confirm_every_input_is_off_and_the_store_refuses(
    db_url: str, engine: Engine
) -> None:
    opened(engine, sample_results(), RoundStatus.CONFIRMED)
    at = member(db_url)
    at.query_params[Key.PROJECT] = PROJECT
    rerun(at)
    assert "'확정' 단계라 더 쓸 수 없습니다" in page_text(at)
    assert at.main.segmented_control and all(s.disabled for s in at.main.segmented_control)
    assert at.text_area and all(t.disabled for t in at.text_area)
    with pytest.raises(store.RoundLocked):
        store.create_review(engine, KEY, actor=KIM, comment="확정 뒤 의견")


def test_markup_in_an_opinion_is_stored_and_shown_as_typed(db_url: str, engine: Engine) -> None:
    opened(engine, sample_results())
    at = member(db_url)
    new_point(at, CommentCategory.RESULTS, HOSTILE)
    [opinion] = snapshot(engine).opinions
    assert opinion.text == HOSTILE
    assert at.text_area(key=item_key(RoundKey.OPINION_, opinion.opinion_id)).value == HOSTILE
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.MERGING)
    merge = round_app(db_url, "jang", "round_merge.py")
    assert HOSTILE in [str(t.value) for t in merge.text]  # st.text: never markdown
    assert "<script>" not in "".join(str(m.value) for m in merge.markdown)
