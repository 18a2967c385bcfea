"""서면의견지 (per-project part) end to end in Chromium: sign in, rate and comment (saved as
picked, no save button), see it after a reload, on the project detail and the comments page,
and two reviewers rating one project at once.

The app runs on a server of its own, started with ``--secrets.files`` pointing at a
temporary secrets.toml (two reviewers with argon2 hashes, and a temporary SQLite file as
``[connections.reviews]``), so the repository's own .streamlit/secrets.toml and
data/reviews.db are never read or written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from lib import store
from lib.auth import hash_password
from lib.rounds import Actor
from lib.schema import Rating, System
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


def rate(page, ratings: tuple[str | None, str | None, str | None], wait_for_app) -> None:
    """Pick each stage's rating (each pick is saved at once)."""
    for stage, rating in zip(STAGES, ratings, strict=True):
        if rating is not None:
            group = main(page).get_by_role("radiogroup", name=stage)
            group.get_by_role("radio", name=rating, exact=True).click()
            wait_for_app(page, timeout_ms=WAIT_MS)


def comment(page, text: str, wait_for_app) -> None:
    box = main(page).get_by_label("이 사업에 대한 의견")
    box.fill(text)
    box.press("Tab")  # leaving the box saves it
    wait_for_app(page, timeout_ms=WAIT_MS)
    main(page).get_by_text("저장됨").first.wait_for(timeout=WAIT_MS)


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def stored(server: ReviewServer) -> list[store.ReviewVersion]:
    engine = store.create_store_engine(server.db_url)
    try:
        return store.reviews_for_project(engine, DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3")
    finally:
        engine.dispose()


SAVED_TEXT = "방문 돌봄 확대가 체감됨 <script>alert(1)</script>"


def test_signed_out_visitor_reads_and_cannot_write(review_server, page, wait_for_app):
    go(page, review_url(review_server), wait_for_app)
    main(page).get_by_role("heading", name=PROJECT_NAME).wait_for(timeout=WAIT_MS)
    assert main(page).get_by_label("이 사업에 대한 의견").is_disabled()
    shoot(page, "e2e_signed_out")


def test_sign_in_rate_and_comment_then_see_it_after_a_reload(review_server, page, wait_for_app):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    go(page, review_url(review_server), wait_for_app)
    sign_in(page, "kim", wait_for_app)
    rate(page, ("적절", "보통", "적절"), wait_for_app)
    comment(page, SAVED_TEXT, wait_for_app)
    shoot(page, "e2e_form_filled")
    [review] = [r for r in stored(review_server) if r.author_id == "kim"]
    assert (review.comment, review.rating_plan, review.rating_check) == (
        SAVED_TEXT,
        Rating.APPROPRIATE,
        Rating.AVERAGE,
    )
    page.reload()  # a new session: the saved form comes back from the store
    wait_for_app(page, timeout_ms=WAIT_MS)
    sign_in(page, "kim", wait_for_app)
    assert main(page).get_by_label("이 사업에 대한 의견").input_value() == SAVED_TEXT
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
    ensure_saved(review_server)
    go(page, f"{review_server.url}/projects?project={quote(PROJECT_ID, safe='')}", wait_for_app)
    main(page).get_by_role("heading", name=PROJECT_NAME).wait_for(timeout=WAIT_MS)
    assert main(page).get_by_text(SAVED_TEXT).count() >= 1


def test_the_saved_review_shows_on_the_comments_page(review_server, page, wait_for_app):
    ensure_saved(review_server)
    go(page, f"{review_server.url}/comments", wait_for_app)
    assert main(page).get_by_text(SAVED_TEXT).count() >= 1


def test_two_reviewers_rate_the_same_project_at_once(review_server, browser, wait_for_app):
    contexts = [browser.new_context(viewport=VIEWPORT, locale="ko-KR") for _ in range(2)]
    try:
        kim, ryu = (context.new_page() for context in contexts)
        for page, username in ((kim, "kim"), (ryu, "ryu")):
            go(page, review_url(review_server), wait_for_app)
            sign_in(page, username, wait_for_app)
        rate(kim, (None, None, "보통"), wait_for_app)  # a value kim has not picked before
        rate(ryu, (None, None, "부적절"), wait_for_app)
        by_author = {r.author_id: r for r in stored(review_server)}
        assert by_author["kim"].rating_result is Rating.AVERAGE
        assert by_author["ryu"].rating_result is Rating.INAPPROPRIATE
    finally:
        for context in contexts:
            context.close()
