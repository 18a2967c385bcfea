"""Password sign-in on screen: the signed session cookie it sets and a sign-out revokes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib import store
from lib.auth import PasswordSignIn, Reviewer, hash_password, issue_session, read_session
from lib.store.signin import StoreAttemptLog
from lib.ui import signin
from lib.ui.keys import Key
from lib.ui.signin import SESSION_COOKIE
from tests.conftest import open_app

SECRET = "a-long-random-cookie-secret-for-tests"
PASSWORD = "정답은-사상구-2023"
REVIEWERS = {"kim": {"name": "김소영", "password_hash": hash_password(PASSWORD)}}


def review_page(db_url: str, cookie_secret: str | None = SECRET) -> AppTest:
    secrets: dict[str, Any] = {"reviewers": REVIEWERS}
    if cookie_secret is not None:
        secrets["signin"] = {"cookie_secret": cookie_secret, "session_hours": 2}
    at = open_app("app_pages/review.py", db_url=db_url, secrets=secrets)
    assert not at.exception
    return at


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key=Key.SIGNIN_USERNAME).input("kim")
    at.text_input(key=Key.SIGNIN_PASSWORD).input(password)
    at.button(key=Key.SIGNIN_SUBMIT).click().run()
    assert not at.exception
    return at


def cookie_scripts(at: AppTest) -> list[str]:
    return [str(h.proto.body) for h in at.get("html") if "document.cookie" in str(h.proto.body)]


def test_sign_in_sets_a_signed_expiring_cookie(tmp_path: Path) -> None:
    at = sign_in(review_page(f"sqlite:///{tmp_path / 'r.db'}"))
    [script] = cookie_scripts(at)
    token = re.search(rf"{SESSION_COOKIE}=([^;]+);", script).group(1)
    assert "Max-Age=7200" in script and "SameSite=Strict" in script
    assert read_session(SECRET, token)[:2] == ("kim", "김소영")
    assert read_session("another-secret-of-enough-length", token) is None
    at.run()
    assert cookie_scripts(at) == []  # set once, not on every rerun


def test_a_wrong_password_sets_no_cookie(tmp_path: Path) -> None:
    at = sign_in(review_page(f"sqlite:///{tmp_path / 'r.db'}"), password="wrong guess")
    assert cookie_scripts(at) == []


def test_without_a_cookie_secret_no_cookie_is_set(tmp_path: Path) -> None:
    at = sign_in(review_page(f"sqlite:///{tmp_path / 'r.db'}", cookie_secret=None))
    assert "김소영" in "".join(m.value for m in at.markdown)
    assert cookie_scripts(at) == []


def test_sign_out_removes_the_cookie_and_revokes_its_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    at = sign_in(review_page(url))
    token = re.search(rf"{SESSION_COOKIE}=([^;]+);", cookie_scripts(at)[0]).group(1)
    engine = store.create_store_engine(url)
    checker = PasswordSignIn(REVIEWERS, attempts=StoreAttemptLog(engine))
    assert checker.session_reviewer(SECRET, token) is not None
    at.button(key=Key.SIGNOUT).click().run()
    assert not at.exception
    assert any("Max-Age=0" in s for s in cookie_scripts(at))
    assert checker.session_reviewer(SECRET, token) is None  # refused on every server now
    engine.dispose()


def test_a_cookie_signs_the_reviewer_in_on_a_new_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AppTest cannot send cookies: the one the browser would send is put in st.context."""
    token = issue_session(SECRET, Reviewer("kim", "김소영", ""))
    monkeypatch.setattr(signin, "_request_cookie", lambda: token)
    at = review_page(f"sqlite:///{tmp_path / 'r.db'}")
    assert "**김소영** 위원으로 로그인했습니다 (kim)." in "".join(m.value for m in at.markdown)
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    monkeypatch.setattr(signin, "_request_cookie", lambda: token[:-2] + "xx")
    at = review_page(f"sqlite:///{tmp_path / 'r.db'}")
    assert "위원으로 로그인했습니다" not in "".join(m.value for m in at.markdown)
    assert at.text_input(key=Key.SIGNIN_USERNAME).value == ""  # the form instead
