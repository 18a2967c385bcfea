"""Several app servers, one database: two `streamlit run app.py` on two ports against one
throwaway PostgreSQL, driven by Chromium.

A review saved and a workbook confirmed on one server appear on the other within the
cache TTL; a password sign-in survives a reload (a signed cookie, the secret shared by both
servers); a forged or expired cookie is refused; a sign-out on one server revokes the
cookie on the other; sign-in limits are counted in the database both servers read.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from lib.auth import Reviewer, hash_password, issue_session
from lib.strings_ko import DataText
from lib.ui.data import STORED_LIST_SECONDS
from lib.ui.reviews import CACHE_SECONDS
from lib.ui.signin import SESSION_COOKIE
from tests.conftest import META, build_workbook
from tests.e2e.conftest import serve_app
from tests.pg import _admin

WAIT_MS = 30_000
SECRET = "a-long-random-cookie-secret-shared-by-both-servers"
USERNAME, NAME, PASSWORD = "kim", "김소영", "사상구-점검-2023"
PROJECT = "사회보장사업/1-1-3"  # 행복울타리 돌봄사업 in the bundled sample
NEW_DISTRICT, NEW_YEAR = "부산광역시 북구", 2024
SIGNED_IN = f"{NAME} 위원으로 로그인했습니다"


@dataclass(frozen=True)
class Servers:
    first: str
    second: str
    database: str


@pytest.fixture(scope="module")
def servers(postgres_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    name = f"t_{uuid.uuid4().hex}"
    _admin(postgres_server, f"CREATE DATABASE {name}")
    database = postgres_server.url(name)
    secrets = "\n".join(
        [
            "[connections.reviews]",
            f'url = "{database}"',
            "[signin]",
            f'cookie_secret = "{SECRET}"',
            f"[reviewers.{USERNAME}]",
            f'name = "{NAME}"',
            f'password_hash = "{hash_password(PASSWORD)}"',
            "",
        ]
    )
    with (
        serve_app(tmp_path_factory.mktemp("first"), secrets) as first,
        serve_app(tmp_path_factory.mktemp("second"), secrets) as second,
    ):
        yield Servers(first, second, database)
    _admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main(page):
    return page.locator('[data-testid="stMain"]')


def go(page, url: str, wait_for_app) -> None:
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    shown = page.locator('[data-testid="stException"]')
    assert shown.count() == 0, shown.first.inner_text()


def review_url(base: str) -> str:
    return f"{base}/review?project={quote(PROJECT, safe='')}"


def sign_in(page, wait_for_app) -> None:
    main(page).get_by_label("아이디").fill(USERNAME)
    main(page).get_by_label("비밀번호").fill(PASSWORD)
    main(page).get_by_role("button", name="로그인").click()
    wait_for_app(page, timeout_ms=WAIT_MS)
    main(page).get_by_text(SIGNED_IN).wait_for(timeout=WAIT_MS)


def session_cookie(page) -> str | None:
    """The session cookie once the browser has it (set by a script after the sign-in)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for cookie in page.context.cookies():
            if cookie["name"] == SESSION_COOKIE:
                return cookie["value"]
        page.wait_for_timeout(200)
    return None


def appears(page, url: str, text: str, wait_for_app, within: float) -> float:
    """Reload ``url`` until ``text`` shows; the seconds it took (fails after ``within``)."""
    start = time.monotonic()
    while True:
        go(page, url, wait_for_app)
        if page.get_by_text(text, exact=False).count() > 0:
            return time.monotonic() - start
        assert time.monotonic() - start < within, f"{text!r} not on {url} after {within:.0f} s"
        page.wait_for_timeout(1000)


def signed_in_on(page, url: str, wait_for_app) -> bool:
    """Open ``url``; whether it shows the reviewer signed in (else the sign-in form)."""
    go(page, url, wait_for_app)
    signed_in = main(page).get_by_text(SIGNED_IN)
    signed_in.or_(main(page).get_by_label("아이디")).first.wait_for(timeout=WAIT_MS)
    return signed_in.count() > 0


def test_a_review_saved_on_one_server_appears_on_the_other(servers, browser, wait_for_app):
    writer, reader = browser.new_context(), browser.new_context()
    try:
        page = writer.new_page()
        go(page, review_url(servers.first), wait_for_app)
        sign_in(page, wait_for_app)
        comment = f"두 서버 확인 {uuid.uuid4().hex[:8]}"
        box = main(page).get_by_label("이 사업에 대한 의견")
        box.fill(comment)
        box.press("Tab")  # leaving the box saves it
        wait_for_app(page, timeout_ms=WAIT_MS)
        main(page).get_by_text("저장됨").first.wait_for(timeout=WAIT_MS)
        other = reader.new_page()  # another browser, not signed in, on the other server
        detail = f"{servers.second}/projects?project={quote(PROJECT, safe='')}"
        took = appears(other, detail, comment, wait_for_app, CACHE_SECONDS + 20)
        print(f"review on the second server after {took:.1f} s")
        assert main(other).get_by_text(SIGNED_IN).count() == 0
    finally:
        writer.close()
        reader.close()


def test_a_workbook_confirmed_on_one_server_appears_on_the_other(
    servers, browser, wait_for_app, tmp_path: Path
):
    workbook = tmp_path / "bukgu_2024.xlsx"
    meta = [("시군구", NEW_DISTRICT), ("연도", NEW_YEAR), *META[2:]]
    workbook.write_bytes(build_workbook(meta=meta))
    writer, reader = browser.new_context(), browser.new_context()
    try:
        page = writer.new_page()
        go(page, review_url(servers.first), wait_for_app)
        sign_in(page, wait_for_app)
        assert session_cookie(page) is not None  # the data page opens in a new session
        go(page, f"{servers.first}/data", wait_for_app)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(workbook))
        main(page).get_by_text("검사를 통과했습니다", exact=False).wait_for(timeout=WAIT_MS)
        wait_for_app(page, timeout_ms=WAIT_MS)
        main(page).get_by_role("button", name=DataText.CONFIRM).click()
        wait_for_app(page, timeout_ms=WAIT_MS)
        confirmed = DataText.CONFIRMED.format(district=NEW_DISTRICT, year=NEW_YEAR, version=1)
        main(page).get_by_text(confirmed.split(" 모든")[0], exact=False).wait_for(timeout=WAIT_MS)
        other = reader.new_page()
        url = f"{servers.second}/?district={quote(NEW_DISTRICT)}&year={NEW_YEAR}"
        took = appears(
            other, url, f"{NEW_DISTRICT} · {NEW_YEAR}년", wait_for_app, STORED_LIST_SECONDS + 20
        )
        print(f"workbook on the second server after {took:.1f} s")
    finally:
        writer.close()
        reader.close()


def test_a_password_session_survives_a_reload_and_reaches_the_other_server(
    servers, browser, wait_for_app
):
    context = browser.new_context()
    try:
        page = context.new_page()
        go(page, review_url(servers.first), wait_for_app)
        sign_in(page, wait_for_app)
        assert session_cookie(page) is not None
        assert signed_in_on(page, review_url(servers.first), wait_for_app)  # a reload
        # Cookies are per host, not per port: the second server reads the same cookie and,
        # with the same secret, knows the reviewer (what a proxy failover would do).
        assert signed_in_on(page, review_url(servers.second), wait_for_app)
        main(page).get_by_role("button", name="로그아웃").click()
        wait_for_app(page, timeout_ms=WAIT_MS)
        main(page).get_by_label("아이디").wait_for(timeout=WAIT_MS)
        assert not signed_in_on(page, review_url(servers.second), wait_for_app)
        assert not signed_in_on(page, review_url(servers.first), wait_for_app)
    finally:
        context.close()


def test_a_revoked_forged_or_expired_cookie_is_refused(servers, browser, wait_for_app):
    reviewer = Reviewer(USERNAME, NAME, "")
    now = time.time()
    genuine = issue_session(SECRET, reviewer)
    cases = {
        "forged": issue_session("not-the-servers-secret-at-all-00", reviewer),
        "altered": genuine[:-3] + ("xyz" if not genuine.endswith("xyz") else "abc"),
        "expired": issue_session(SECRET, reviewer, clock=lambda: now - 13 * 3600),
        "garbage": "not-a-token",
    }
    for label, token in cases.items():
        context = browser.new_context()
        try:
            context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": servers.first}])
            page = context.new_page()
            assert not signed_in_on(page, review_url(servers.first), wait_for_app), label
            expect(main(page).get_by_label("아이디"), label).to_be_visible(timeout=WAIT_MS)
        finally:
            context.close()
    context = browser.new_context()  # the control: a fresh genuine cookie is accepted
    try:
        fresh = issue_session(SECRET, reviewer)
        context.add_cookies([{"name": SESSION_COOKIE, "value": fresh, "url": servers.second}])
        assert signed_in_on(context.new_page(), review_url(servers.second), wait_for_app)
    finally:
        context.close()
