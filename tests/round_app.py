"""AppTest set-up for the round pages: a database per test, a password list with one 사무국
and two 위원, sign-in by seeding the session (as lib.ui.signin keeps it), store shortcuts."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from lib import store
from lib.auth import hash_password
from lib.rounds import Actor, Role, RosterEntry, RoundStatus
from lib.ui.keys import Key
from lib.ui.round_keys import RoundKey
from lib.ui.signin import Writer
from tests.conftest import open_app

DISTRICT, YEAR = "부산광역시 사상구", 2023
PASSWORD = "round-test-password"
PEOPLE = {"jang": ("장종윤", "사무국"), "kim": ("김소영", None), "ryu": ("류승일", None)}
SECRETARIAT = Actor("jang", "장종윤", Role.SECRETARIAT)
KIM = Actor("kim", "김소영", Role.MEMBER)
RYU = Actor("ryu", "류승일", Role.MEMBER)
ROSTER = (
    RosterEntry("m1", "김소영", "대표협의체 부위원장", "사상구청소년수련관 / 관장", "kim"),
    RosterEntry("m2", "류승일", "대표협의체 위원장", "학장종합사회복지관 / 관장", "ryu"),
)
ABOLISHED = "사회보장사업/1-2-4"  # the sample's 폐지 sub-project


def reviewers() -> dict[str, Any]:
    digest = hash_password(PASSWORD)
    table: dict[str, Any] = {}
    for username, (name, role) in PEOPLE.items():
        table[username] = {"name": name, "password_hash": digest}
        if role:
            table[username]["role"] = role
    return table


def app(db_url: str, user: str | None, page: str, table: dict[str, Any] | None = None) -> AppTest:
    """``page`` under the full app, signed in as ``user`` (or nobody)."""
    at = open_app(
        f"app_pages/{page}",
        db_url=db_url,
        secrets={"reviewers": table or reviewers()},
        session={} if user is None else {Key.REVIEWER: Writer(PEOPLE[user][0], user)},
    )
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return rerun(at)


def advance(at: AppTest) -> AppTest:
    """The next-step button, then 진행합니다."""
    click(at, RoundKey.ADVANCE)
    return click(at, RoundKey.ADVANCE_YES)


def opened(engine: Any, results: Any, status: RoundStatus = RoundStatus.COLLECTING) -> None:
    """A round of the sample with the two-member roster, moved on to ``status``."""
    store.open_round(engine, SECRETARIAT, results)
    store.set_roster(engine, SECRETARIAT, DISTRICT, YEAR, ROSTER)
    for step in (RoundStatus.COLLECTING, RoundStatus.MERGING):
        if step.step <= status.step and step is not RoundStatus.CONFIRMED:
            store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, step)
    if status is RoundStatus.CONFIRMED:
        store.confirm_round(engine, SECRETARIAT, DISTRICT, YEAR)


def snapshot(engine: Any) -> Any:
    return store.round_snapshot(engine, DISTRICT, YEAR)
