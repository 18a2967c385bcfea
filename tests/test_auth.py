"""Reviewer sign-in: the mode the secrets allow, argon2 passwords, failures rate-limited."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from argon2 import PasswordHasher

from lib.auth import (
    PasswordSignIn,
    RateLimiter,
    Reviewer,
    ReviewerConfigError,
    SignInMode,
    TooManyAttempts,
    WrongCredentials,
    hash_password,
    oidc_provider,
    reviewers_from_secrets,
    sign_in_mode,
)
from tests.conftest import ROOT

# Cheap parameters keep the tests fast; verify() reads them from each hash.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
KIM_PASSWORD = "정답은-사상구-2023"
RYU_PASSWORD = "another secret"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def secrets_reviewers() -> dict[str, Any]:
    return {
        "kim": {"name": "김소영", "password_hash": hash_password(KIM_PASSWORD, FAST)},
        "Ryu": {"name": "류승일 ", "password_hash": hash_password(RYU_PASSWORD, FAST)},
    }


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sign_in(secrets_reviewers: dict[str, Any], clock: Clock) -> PasswordSignIn:
    return PasswordSignIn(secrets_reviewers, clock=clock, hasher=FAST)


OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "s3cret",
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.example/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("secrets", "mode"),
    [
        ({"auth": OIDC}, SignInMode.OIDC),
        ({"auth": OIDC, "reviewers": {"kim": {}}}, SignInMode.OIDC),
        (
            {
                "auth": {
                    "redirect_uri": OIDC["redirect_uri"],
                    "cookie_secret": "x",
                    "google": {
                        k: OIDC[k] for k in ("client_id", "client_secret", "server_metadata_url")
                    },
                }
            },
            SignInMode.OIDC,
        ),
        ({"reviewers": {"kim": {"name": "김소영", "password_hash": "h"}}}, SignInMode.PASSWORD),
        ({"auth": {**OIDC, "cookie_secret": ""}, "reviewers": {"kim": {}}}, SignInMode.PASSWORD),
        ({"auth": {"redirect_uri": "x", "cookie_secret": "y"}}, SignInMode.READONLY),
        ({"reviewers": {}}, SignInMode.READONLY),
        ({"connections": {"reviews": {"url": "sqlite:///data/reviews.db"}}}, SignInMode.READONLY),
        ({}, SignInMode.READONLY),
    ],
)
def test_sign_in_mode_follows_the_secrets(secrets: dict[str, Any], mode: SignInMode) -> None:
    assert sign_in_mode(secrets) is mode


def test_oidc_provider_names_the_section_to_pass_to_st_login() -> None:
    assert oidc_provider({"auth": OIDC}) is None
    named = {
        "redirect_uri": "u",
        "cookie_secret": "c",
        "microsoft": {k: OIDC[k] for k in ("client_id", "client_secret", "server_metadata_url")},
    }
    assert oidc_provider({"auth": named}) == "microsoft"
    with pytest.raises(LookupError):
        oidc_provider({"reviewers": {}})


def test_reviewers_from_secrets_normalises_usernames_and_names(
    secrets_reviewers: dict[str, Any],
) -> None:
    reviewers = reviewers_from_secrets(secrets_reviewers)
    assert sorted(reviewers) == ["kim", "ryu"]
    assert reviewers["ryu"].name == "류승일"
    assert "argon2" not in repr(reviewers["kim"])  # the hash stays out of logs


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "김소영", "password_hash": "plain text password"}, "argon2 해시가 아닙니다"),
        ({"name": "김소영"}, "올바르지 않습니다"),
        ({"password_hash": "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA"}, "올바르지"),
        ("not a table", "올바르지 않습니다"),
    ],
)
def test_malformed_reviewer_entries_are_refused_in_korean(entry: Any, message: str) -> None:
    with pytest.raises(ReviewerConfigError, match=message) as caught:
        reviewers_from_secrets({"kim": entry})
    assert "[reviewers.kim]" in str(caught.value)


def test_the_right_password_signs_in(sign_in: PasswordSignIn) -> None:
    reviewer = sign_in.verify("kim", KIM_PASSWORD)
    assert reviewer == Reviewer("kim", "김소영", reviewer.password_hash)
    assert sign_in.verify("  RYU ", RYU_PASSWORD).name == "류승일"


def test_a_wrong_password_or_unknown_user_gets_the_same_message(sign_in: PasswordSignIn) -> None:
    with pytest.raises(WrongCredentials) as wrong_password:
        sign_in.verify("kim", RYU_PASSWORD)
    with pytest.raises(WrongCredentials) as unknown_user:
        sign_in.verify("nobody", KIM_PASSWORD)
    assert isinstance(wrong_password.value, ValueError)
    assert (
        str(wrong_password.value)
        == str(unknown_user.value)
        == ("아이디 또는 비밀번호가 맞지 않습니다.")
    )
    with pytest.raises(WrongCredentials):
        sign_in.verify("kim", "x" * 5000)  # refused without hashing


def test_five_failures_lock_the_username_for_15_minutes(
    sign_in: PasswordSignIn, clock: Clock
) -> None:
    for _ in range(5):
        with pytest.raises(WrongCredentials):
            sign_in.verify("kim", "guess")
        clock.now += 10
    with pytest.raises(TooManyAttempts, match="15분 뒤에") as locked:
        sign_in.verify("kim", KIM_PASSWORD)  # even the right password waits
    assert locked.value.retry_after == pytest.approx(15 * 60 - 50)
    assert sign_in.verify("ryu", RYU_PASSWORD).username == "ryu"  # others are not locked
    clock.now += 15 * 60 - 50 - 1
    with pytest.raises(TooManyAttempts, match="1분 뒤에"):
        sign_in.verify("KIM", KIM_PASSWORD)
    clock.now += 1
    assert sign_in.verify("kim", KIM_PASSWORD).username == "kim"


def test_a_success_clears_the_username_failures(sign_in: PasswordSignIn) -> None:
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            sign_in.verify("kim", "guess")
    sign_in.verify("kim", KIM_PASSWORD)
    for _ in range(4):
        with pytest.raises(WrongCredentials):
            sign_in.verify("kim", "guess")
    assert sign_in.verify("kim", KIM_PASSWORD).username == "kim"


def test_one_client_trying_many_usernames_is_locked(sign_in: PasswordSignIn) -> None:
    for n in range(20):
        with pytest.raises(WrongCredentials):
            sign_in.verify(f"user{n}", "guess", client_key="203.0.113.9")
    with pytest.raises(TooManyAttempts):
        sign_in.verify("kim", KIM_PASSWORD, client_key="203.0.113.9")
    assert sign_in.verify("kim", KIM_PASSWORD, client_key="198.51.100.1").name == "김소영"


def test_rate_limiter_window_slides(clock: Clock) -> None:
    limiter = RateLimiter(3, window=60, clock=clock)
    for step in (0, 10, 20):
        clock.now = 1000 + step
        limiter.record_failure("k")
    assert limiter.retry_after("k") == pytest.approx(40)
    clock.now = 1060  # the first failure has left the window
    assert limiter.retry_after("k") == 0
    limiter.record_failure("k")
    assert limiter.retry_after("k") == pytest.approx(10)
    limiter.reset("k")
    assert limiter.retry_after("k") == 0


def test_rate_limiter_memory_is_bounded(clock: Clock) -> None:
    limiter = RateLimiter(2, window=60, clock=clock, max_keys=100)
    for n in range(1000):
        limiter.record_failure(f"k{n}")
    assert len(limiter._failures) <= 101
    limiter.record_failure("k999")  # the most recent keys are the ones kept
    assert limiter.retry_after("k999") > 0


def test_hash_password_script_prints_a_hash_that_verifies() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "hash_password.py")],
        input="correct horse battery\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed = done.stdout.strip()
    assert printed.startswith("$argon2id$")
    assert "password_hash" in done.stderr
    sign_in = PasswordSignIn({"kim": {"name": "김소영", "password_hash": printed}})
    assert sign_in.verify("kim", "correct horse battery").name == "김소영"


def test_hash_password_script_refuses_a_short_password() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "hash_password.py")],
        input="short\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "8자 이상" in done.stderr
