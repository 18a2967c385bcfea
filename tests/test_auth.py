"""Reviewer sign-in: the mode the secrets allow, argon2 passwords, failures rate-limited."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from argon2 import PasswordHasher

from lib import store
from lib.auth import (
    CLIENT_FAILURES,
    PAIR_FREE_FAILURES,
    SESSION_SECONDS,
    USER_CEILING,
    WINDOW_SECONDS,
    MemoryAttemptLog,
    PasswordSignIn,
    Reviewer,
    ReviewerConfigError,
    SignInMode,
    TooManyAttempts,
    WrongCredentials,
    client_address,
    hash_password,
    issue_session,
    oidc_provider,
    read_session,
    reviewers_from_secrets,
    sign_in_mode,
)
from lib.store.signin import StoreAttemptLog
from tests.conftest import ROOT

# Cheap parameters keep the tests fast; verify() reads them from each hash.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
KIM_PASSWORD = "정답은-사상구-2023"
RYU_PASSWORD = "another secret"


class Clock:
    """A wall clock (UNIX seconds) the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

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


ATTACKER = "203.0.113.9"
MEMBER = "198.51.100.1"


def refused(sign_in: PasswordSignIn, username: str, password: str, client: str | None) -> str:
    """Which refusal a try gets: 'wrong' or 'wait' (a success fails the test)."""
    try:
        sign_in.verify(username, password, client_key=client)
    except WrongCredentials:
        return "wrong"
    except TooManyAttempts:
        return "wait"
    raise AssertionError("signed in")


def test_failures_from_one_client_wait_longer_each_time(
    sign_in: PasswordSignIn, clock: Clock
) -> None:
    for _ in range(PAIR_FREE_FAILURES):
        assert refused(sign_in, "kim", "guess", ATTACKER) == "wrong"
    waits = []
    for _ in range(6):
        with pytest.raises(TooManyAttempts) as caught:
            sign_in.verify("kim", KIM_PASSWORD, client_key=ATTACKER)  # even the right one waits
        waits.append(caught.value.retry_after)
        clock.now += caught.value.retry_after
        assert refused(sign_in, "kim", "guess", ATTACKER) == "wrong"
    assert waits == [1, 2, 4, 8, 16, 32]
    assert "초 뒤에" in str(TooManyAttempts(5)) and "15분 뒤에" in str(TooManyAttempts(15 * 60))


def test_a_member_signs_in_while_an_attacker_hammers_their_username(
    sign_in: PasswordSignIn, clock: Clock
) -> None:
    outcomes = []
    for _ in range(500):  # one guess every 2 seconds for over 16 minutes
        outcomes.append(refused(sign_in, "kim", "guess", ATTACKER))
        clock.now += 2
    assert outcomes.count("wrong") <= CLIENT_FAILURES  # the attacker is slowed, then locked
    assert sign_in.verify("kim", KIM_PASSWORD, client_key=MEMBER).username == "kim"
    assert sign_in.verify("kim", KIM_PASSWORD, client_key=None).username == "kim"


def test_one_client_trying_many_usernames_is_locked(sign_in: PasswordSignIn) -> None:
    for n in range(CLIENT_FAILURES):
        assert refused(sign_in, f"user{n}", "guess", ATTACKER) == "wrong"
    assert refused(sign_in, "kim", KIM_PASSWORD, ATTACKER) == "wait"
    assert sign_in.verify("kim", KIM_PASSWORD, client_key=MEMBER).name == "김소영"


def test_many_attackers_meet_a_ceiling_the_members_own_client_passes(
    sign_in: PasswordSignIn, clock: Clock
) -> None:
    sign_in.verify("kim", KIM_PASSWORD, client_key=MEMBER)  # the member's usual client
    clock.now += 3600
    for n in range(USER_CEILING):
        assert refused(sign_in, "kim", "guess", f"10.0.{n // 250}.{n % 250}") == "wrong"
    assert refused(sign_in, "kim", KIM_PASSWORD, "192.0.2.77") == "wait"  # a new client
    assert sign_in.verify("kim", KIM_PASSWORD, client_key=MEMBER).username == "kim"
    clock.now += WINDOW_SECONDS
    assert sign_in.verify("kim", KIM_PASSWORD, client_key="192.0.2.77").username == "kim"


def test_the_members_own_mistakes_delay_only_their_client(sign_in: PasswordSignIn) -> None:
    for _ in range(PAIR_FREE_FAILURES):
        assert refused(sign_in, "kim", "guess", MEMBER) == "wrong"
    with pytest.raises(TooManyAttempts):
        sign_in.verify("kim", KIM_PASSWORD, client_key=MEMBER)


def test_success_then_failures_start_counting_again(sign_in: PasswordSignIn, clock: Clock) -> None:
    for _ in range(PAIR_FREE_FAILURES - 1):
        assert refused(sign_in, "kim", "guess", MEMBER) == "wrong"
    sign_in.verify("kim", KIM_PASSWORD, client_key=MEMBER)
    clock.now += 1
    for _ in range(PAIR_FREE_FAILURES):
        assert refused(sign_in, "kim", "guess", MEMBER) == "wrong"


def test_two_servers_share_the_attempts_in_the_store(
    secrets_reviewers: dict[str, Any], clock: Clock, tmp_path: Any
) -> None:
    engine = store.create_store_engine(f"sqlite:///{tmp_path / 'reviews.db'}")
    first, second = (
        PasswordSignIn(
            secrets_reviewers, attempts=StoreAttemptLog(engine), clock=clock, hasher=FAST
        )
        for _ in range(2)
    )
    for n in range(CLIENT_FAILURES):
        server = first if n % 2 else second
        assert refused(server, f"user{n}", "guess", ATTACKER) == "wrong"
    assert refused(first, "kim", KIM_PASSWORD, ATTACKER) == "wait"
    assert refused(second, "kim", KIM_PASSWORD, ATTACKER) == "wait"
    assert second.verify("kim", KIM_PASSWORD, client_key=MEMBER).username == "kim"
    token = issue_session(SECRET, first.reviewers["kim"], clock=clock)
    assert second.session_reviewer(SECRET, token) is not None
    clock.now += 1
    first.sign_out("kim")  # on one server: refused on the other too
    assert second.session_reviewer(SECRET, token) is None
    engine.dispose()


SECRET = "a-test-cookie-secret-of-some-length"


def test_session_token_round_trip_expiry_and_forgery(sign_in: PasswordSignIn, clock: Clock) -> None:
    kim = sign_in.reviewers["kim"]
    token = issue_session(SECRET, kim, clock=clock)
    assert sign_in.session_reviewer(SECRET, token) == kim
    assert sign_in.session_reviewer("another-secret-of-some-length", token) is None
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert sign_in.session_reviewer(SECRET, forged) is None
    assert sign_in.session_reviewer(SECRET, "garbage") is None
    assert sign_in.session_reviewer(SECRET, "x" * 5000) is None
    assert read_session(SECRET, token, clock=clock)[:2] == ("kim", "김소영")
    clock.now += SESSION_SECONDS + 1
    assert sign_in.session_reviewer(SECRET, token) is None  # expired


def test_a_renamed_or_removed_reviewer_loses_the_session(
    secrets_reviewers: dict[str, Any], clock: Clock
) -> None:
    token = issue_session(SECRET, Reviewer("kim", "김소영", "h"), clock=clock)
    renamed = {**secrets_reviewers, "kim": {**secrets_reviewers["kim"], "name": "김소영2"}}
    assert PasswordSignIn(renamed, clock=clock, hasher=FAST).session_reviewer(SECRET, token) is None
    removed = {"ryu": secrets_reviewers["Ryu"]}
    assert PasswordSignIn(removed, clock=clock, hasher=FAST).session_reviewer(SECRET, token) is None


@pytest.mark.parametrize(
    ("connection", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.9", "1.2.3.4", [], "203.0.113.9"),  # no proxy configured: header ignored
        ("203.0.113.9", "1.2.3.4", ["10.0.0.5"], "203.0.113.9"),  # not from the proxy
        ("10.0.0.5", "1.2.3.4", ["10.0.0.5"], "1.2.3.4"),
        ("10.0.0.5", "6.6.6.6, 1.2.3.4", ["10.0.0.0/8"], "1.2.3.4"),  # spoofed left entry
        ("10.0.0.5", "1.2.3.4, 10.0.0.9", ["10.0.0.0/8"], "1.2.3.4"),  # two trusted hops
        ("10.0.0.5", "not-an-ip", ["10.0.0.5"], "10.0.0.5"),
        ("10.0.0.5", None, ["10.0.0.5"], "10.0.0.5"),
        ("10.0.0.5", "1.2.3.4", ["garbage"], "10.0.0.5"),
        (None, "1.2.3.4", [], None),
    ],
)
def test_client_address_trusts_forwarded_for_only_from_listed_proxies(
    connection: str | None, forwarded: str | None, trusted: list[str], expected: str | None
) -> None:
    assert client_address(connection, forwarded, trusted) == expected


def test_memory_attempt_log_is_bounded() -> None:
    log = MemoryAttemptLog(max_rows=100)
    log.record([f"k{n}" for n in range(1000)], 1.0, succeeded=False)
    assert len(log._rows) == 100
    assert log.failures("k999", 0) == [1.0] and log.failures("k0", 0) == []


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


# ── The attempt log in the store (SQLite and PostgreSQL, and the PostgreSQL app role) ──


def exercise_log(log: StoreAttemptLog) -> None:
    log.record(["pair", "client"], 1_800_000_000.0, succeeded=False)
    log.record(["pair"], 1_800_000_010.0, succeeded=True)
    log.record(["pair"], 1_800_000_020.5, succeeded=False)
    assert log.failures("pair", 0) == [1_800_000_000.0, 1_800_000_020.5]
    assert log.failures("pair", 1_800_000_010.0) == [1_800_000_020.5]
    assert log.last_success("pair") == 1_800_000_010.0 and log.last_success("client") is None
    assert log.failures("x" * 400, 0) == []  # long keys are cut, never refused
    log.sign_out("kim", 1_800_000_030.0)
    log.sign_out("kim", 1_800_000_040.0)
    assert log.signed_out_at("kim") == 1_800_000_040.0 and log.signed_out_at("ryu") is None


def test_store_attempt_log_on_both_databases(store_url: str) -> None:
    engine = store.create_store_engine(store_url)
    try:
        exercise_log(StoreAttemptLog(engine))
    finally:
        engine.dispose()


def test_the_postgres_app_role_may_use_the_sign_in_tables(postgres_roles: Any) -> None:
    from sqlalchemy import create_engine

    owner = create_engine(postgres_roles.owner_url)
    try:
        store.migrate(owner, grant_to=postgres_roles.app_role)
    finally:
        owner.dispose()
    app = store.create_store_engine(postgres_roles.app_url)
    try:
        exercise_log(StoreAttemptLog(app))
    finally:
        app.dispose()
