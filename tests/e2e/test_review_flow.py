"""점검 입력 end to end in Chromium: sign in, rate, save, see it, reload, two reviewers at once.

The app runs on a server of its own, started with ``--secrets.files`` pointing at a
temporary secrets.toml (two reviewers with argon2 hashes, and a temporary SQLite file as
``[connections.reviews]``), so the repository's own .streamlit/secrets.toml and
data/reviews.db are never read or written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest

from lib import store
from lib.auth import hash_password
from lib.format import date_label
from lib.rounds import Actor
from lib.schema import System
from lib.strings_ko import ReviewText
from tests.e2e.conftest import CHROMIUM, VIEWPORT, reviews_secrets, serve_app

WAIT_MS = 20_000
PROJECT_ID = "사회보장사업/1-1-3"
PROJECT_NAME = "행복울타리 돌봄사업"
DISTRICT, YEAR = "부산광역시 사상구", 2023
REVIEWERS = {"kim": ("김소영", "사상구-점검-2023"), "ryu": ("류승일", "another secret 99")}
SHOTS = Path("/tmp/shots_review")
STAGES = ("계획수립", "이행점검", "결과확인")


@dataclass(frozen=True)
class ReviewServer:
    url: str
    db_url: str


@pytest.fixture(scope="module")
def review_server() -> Iterator[ReviewServer]:
    """The app with a reviewer list and a reviews database of its own."""
    root = Path(tempfile.mkdtemp(prefix="review-e2e-"))
    lines = [reviews_secrets(root)]
    for username, (name, password) in REVIEWERS.items():
        lines += [
            f"[reviewers.{username}]",
            f'name = "{name}"',
            f'password_hash = "{hash_password(password)}"',
            "",
        ]
    with serve_app(root, "\n".join(lines)) as url:
        yield ReviewServer(url, f"sqlite:///{root / 'reviews.db'}")


@pytest.fixture(scope="module", autouse=True)
def app_started(review_server: ReviewServer, browser) -> None:
    """Open `/` once, as a first visitor would, before the deep links below."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing", pytrace=False)
    context = browser.new_context()
    try:
        first = context.new_page()
        first.goto(review_server.url, timeout=WAIT_MS)
        first.locator('[data-testid="stSidebarNav"]').wait_for(timeout=WAIT_MS)
    finally:
        context.close()


def go(page, url: str, wait_for_app) -> None:
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()


def review_url(server: ReviewServer) -> str:
    return f"{server.url}/review?project={quote(PROJECT_ID, safe='')}"


def main(page):
    return page.locator('[data-testid="stMain"]')


def sign_in(page, username: str, wait_for_app) -> None:
    password = REVIEWERS[username][1]
    main(page).get_by_label("아이디").fill(username)
    main(page).get_by_label("비밀번호").fill(password)
    main(page).get_by_role("button", name="로그인").click()
    wait_for_app(page, timeout_ms=WAIT_MS)
    signed_in = f"{REVIEWERS[username][0]} 위원으로 로그인했습니다"
    main(page).get_by_text(signed_in).wait_for(timeout=WAIT_MS)


def fill_review(page, comment: str, ratings: tuple[str | None, str | None, str | None]) -> None:
    """Fill the new-review form (not yet saved)."""
    form = main(page).locator('[data-testid="stForm"]')
    for stage, rating in zip(STAGES, ratings, strict=True):
        if rating is not None:
            group = form.get_by_role("radiogroup", name=stage)
            group.get_by_role("radio", name=rating, exact=True).click()
    form.locator("textarea").fill(comment)


def save(page) -> None:
    main(page).locator('[data-testid="stForm"]').get_by_role("button", name="저장").click()


def card(page, text: str):
    """The bordered container of one listed review, found by its text."""
    return main(page).locator('[class*="st-key-_review_action-card-"]').filter(has_text=text)


def shoot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if full:
        height = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 900), 6000)})
        page.wait_for_timeout(400)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size(VIEWPORT)


def stored(server: ReviewServer) -> list[store.ReviewVersion]:
    engine = store.create_store_engine(server.db_url)
    try:
        return store.reviews_for_project(engine, DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3")
    finally:
        engine.dispose()


def trail(server: ReviewServer, review_id: str) -> list[store.ReviewVersion]:
    engine = store.create_store_engine(server.db_url)
    try:
        return store.history(engine, review_id)
    finally:
        engine.dispose()


# ── One reviewer: sign in, save, see it, reload ─────────────────────────────────────

SAVED_TEXT = "방문 돌봄 확대가 체감됨 <script>alert(1)</script>"


def test_signed_out_visitor_reads_and_is_asked_to_sign_in(review_server, page, wait_for_app):
    go(page, review_url(review_server), wait_for_app)
    main(page).get_by_role("heading", name=PROJECT_NAME).wait_for(timeout=WAIT_MS)
    assert main(page).get_by_text(ReviewText.SIGN_IN_TO_WRITE).is_visible()
    assert main(page).locator("textarea").count() == 0
    shoot(page, "e2e_signed_out")


def test_sign_in_save_and_see_the_review_after_a_reload(review_server, page, wait_for_app):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    go(page, review_url(review_server), wait_for_app)
    sign_in(page, "kim", wait_for_app)
    fill_review(page, SAVED_TEXT, ("적절", "보통", "적절"))
    shoot(page, "e2e_form_filled")
    save(page)
    wait_for_app(page, timeout_ms=WAIT_MS)
    main(page).get_by_text(ReviewText.SAVED).wait_for(timeout=WAIT_MS)
    listed = card(page, SAVED_TEXT)
    listed.wait_for(timeout=WAIT_MS)
    assert f"김소영 · {date_label(datetime.now(UTC))}" in listed.inner_text()
    assert "계획수립 적절 · 이행점검 보통 · 결과확인 적절" in listed.inner_text()
    assert main(page).get_by_text("계획수립 적절 1 · 보통 0 · 부적절 0").is_visible()
    shoot(page, "e2e_saved", full=True)
    [review] = [r for r in stored(review_server) if r.comment == SAVED_TEXT]
    assert (review.author, review.author_id) == ("김소영", "kim")

    page.reload()
    wait_for_app(page, timeout_ms=WAIT_MS)
    card(page, SAVED_TEXT).wait_for(timeout=WAIT_MS)  # still there, signed in or not
    assert dialogs == []  # the script-like text never ran


def ensure_saved(server: ReviewServer) -> None:
    """The review the flow above saves (written directly when that test was not run)."""
    if any(r.comment == SAVED_TEXT for r in stored(server)):
        return
    engine = store.create_store_engine(server.db_url)
    try:
        key = store.ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3")
        store.create_review(engine, key, actor=Actor("kim", "김소영"), comment=SAVED_TEXT)
    finally:
        engine.dispose()


def test_the_saved_review_shows_on_the_project_detail_page(review_server, page, wait_for_app):
    """Passes once app_pages/projects.py lists lib.ui.reviews.comment_views(results)."""
    ensure_saved(review_server)
    go(page, f"{review_server.url}/projects?project={quote(PROJECT_ID, safe='')}", wait_for_app)
    main(page).get_by_role("heading", name=PROJECT_NAME).wait_for(timeout=WAIT_MS)
    detail = main(page).get_by_text(SAVED_TEXT)
    assert detail.count() >= 1, (
        "the stored review is not on the project's detail: wire "
        "lib.ui.reviews.comment_views(results) into app_pages/projects.py"
    )
    assert main(page).get_by_text("김소영").count() >= 1
    page.reload()
    wait_for_app(page, timeout_ms=WAIT_MS)
    assert main(page).get_by_text(SAVED_TEXT).count() >= 1


def test_the_saved_review_shows_on_the_comments_page(review_server, page, wait_for_app):
    """Passes once app_pages/comments.py lists lib.ui.reviews.comment_views(results)."""
    ensure_saved(review_server)
    go(page, f"{review_server.url}/comments", wait_for_app)
    assert main(page).get_by_text(SAVED_TEXT).count() >= 1, (
        "the stored review is not on the comments page: wire "
        "lib.ui.reviews.comment_views(results) into app_pages/comments.py"
    )


# ── Two reviewers at the same time ──────────────────────────────────────────────────


def test_two_reviewers_rate_the_same_project_at_once(review_server, browser, wait_for_app):
    contexts = [browser.new_context(viewport=VIEWPORT, locale="ko-KR") for _ in range(2)]
    try:
        kim, ryu = (context.new_page() for context in contexts)
        for page, username in ((kim, "kim"), (ryu, "ryu")):
            go(page, review_url(review_server), wait_for_app)
            sign_in(page, username, wait_for_app)
        fill_review(kim, "김소영: 예산 변경 사유가 분명함", ("적절", None, "적절"))
        fill_review(ryu, "류승일: 참여 실적 확인 필요", (None, "보통", "부적절"))
        save(kim)  # both saves are in flight together: neither waits for the other
        save(ryu)
        for page in (kim, ryu):
            wait_for_app(page, timeout_ms=WAIT_MS)
            page.reload()
            wait_for_app(page, timeout_ms=WAIT_MS)
            for text, author in (
                ("김소영: 예산 변경 사유가 분명함", "김소영"),
                ("류승일: 참여 실적 확인 필요", "류승일"),
            ):
                listed = card(page, text)
                listed.wait_for(timeout=WAIT_MS)
                assert author in listed.inner_text()

        # Kim edits theirs; the history then shows both versions, Ryu's its one.
        sign_in(kim, "kim", wait_for_app)  # a reload starts a new session
        mine = card(kim, "김소영: 예산 변경 사유가 분명함")
        mine.get_by_role("button", name="수정").click()
        wait_for_app(kim, timeout_ms=WAIT_MS)
        edit = main(kim).locator('[data-testid="stForm"]').filter(has_text="번째 판을 고칩니다")
        edit.locator("textarea").fill("김소영: 예산 변경 사유가 분명함 (집행률도 확인)")
        edit.get_by_role("button", name="고친 내용 저장").click()
        wait_for_app(kim, timeout_ms=WAIT_MS)
        main(kim).get_by_text("고친 내용을 저장했습니다 (2번째 판).").wait_for(timeout=WAIT_MS)
        for page in (kim, ryu):
            page.reload()
            wait_for_app(page, timeout_ms=WAIT_MS)
            edited = card(page, "(집행률도 확인)")
            edited.get_by_text("이력 (2개 판)").click()
            edited.get_by_text("1번째 판", exact=False).first.wait_for(timeout=WAIT_MS)
            assert "2번째 판" in edited.inner_text()
            theirs = card(page, "류승일: 참여 실적 확인 필요")
            theirs.get_by_text("이력 (1개 판)").click()
            theirs.get_by_text("1번째 판", exact=False).first.wait_for(timeout=WAIT_MS)
        shoot(ryu, "e2e_two_reviewers", full=True)

        current = stored(review_server)
        [edited_review] = [r for r in current if r.comment.endswith("(집행률도 확인)")]
        [ryu_review] = [r for r in current if r.author == "류승일"]
        assert (edited_review.author, edited_review.version) == ("김소영", 2)
        assert [v.comment for v in trail(review_server, edited_review.review_id)] == [
            "김소영: 예산 변경 사유가 분명함",
            "김소영: 예산 변경 사유가 분명함 (집행률도 확인)",
        ]
        assert [v.version for v in trail(review_server, ryu_review.review_id)] == [1]
    finally:
        for context in contexts:
            context.close()
