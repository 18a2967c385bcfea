"""Markup typed anywhere in a round — 시군구, roster names and 구분, opinions, merged points,
추천 and 선정 reasons, settings, the workbook's names — stays text on every round page, the
서면의견지 and ★ on 개요 and 세부사업."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lib import store
from lib.rounds import Actor, Role, RosterEntry, RoundSettings, RoundStatus
from lib.schema import CommentCategory, Rating, System
from lib.ui.keys import Key
from lib.ui.signin import Writer
from lib.workbook import read_workbook
from tests.hostile import (
    DISTRICT,
    FILE_NAME,
    HOSTILE_PROJECT,
    MARKUP,
    SHORT,
    YEAR,
    hostile_workbook,
    live_markup,
)
from tests.test_markup_pages import markdown_sources, open_page

OFFICE = Actor("office", "사무국 " + SHORT, Role.SECRETARIAT)
MEMBERS = (Actor("m-a", "위원 " + SHORT), Actor("m-b", "둘째 " + SHORT))


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A kept hostile workbook and a round on it at 취합, every text field markup."""
    url = f"sqlite:///{tmp_path_factory.mktemp('round_markup') / 'reviews.db'}"
    engine = store.create_store_engine(url)
    data = hostile_workbook()
    store.save_workbook(
        engine, district=DISTRICT, year=YEAR, data=data, file_name=FILE_NAME, uploaded_by="담당"
    )
    results = read_workbook(data, FILE_NAME)
    store.open_round(engine, OFFICE, results)
    store.set_settings(
        engine,
        OFFICE,
        DISTRICT,
        YEAR,
        RoundSettings(
            composition="구성 " + MARKUP,
            requests=("요청 " + MARKUP, "둘째 요청 " + MARKUP),
            methods=("방법 " + MARKUP,),
            legal_basis="근거 " + MARKUP,
        ),
    )
    store.set_roster(
        engine,
        OFFICE,
        DISTRICT,
        YEAR,
        [
            RosterEntry("m1", MEMBERS[0].name, "구분 " + SHORT, "소속 " + SHORT, "m-a"),
            RosterEntry("m2", MEMBERS[1].name, None, None, "m-b"),
        ],
    )
    store.advance_round(engine, OFFICE, DISTRICT, YEAR, RoundStatus.COLLECTING)
    for member, rating in zip(MEMBERS, (Rating.APPROPRIATE, Rating.INAPPROPRIATE), strict=True):
        store.add_opinion(
            engine, member, DISTRICT, YEAR, category=CommentCategory.RESULTS, text="의견 " + MARKUP
        )
        store.add_opinion(
            engine,
            member,
            DISTRICT,
            YEAR,
            category=CommentCategory.COOPERATION,
            text="민관 " + MARKUP,
            target=HOSTILE_PROJECT,
        )
        store.recommend(engine, member, DISTRICT, YEAR, HOSTILE_PROJECT, "추천 " + MARKUP)
        store.create_review(
            engine,
            store.ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-1"),
            actor=member,
            rating_plan=rating,
            comment="평가 " + MARKUP,
        )
    store.submit(engine, MEMBERS[0], DISTRICT, YEAR)
    store.advance_round(engine, OFFICE, DISTRICT, YEAR, RoundStatus.MERGING)
    opinion = store.round_snapshot(engine, DISTRICT, YEAR).opinions[0]
    store.add_merged_point(
        engine,
        OFFICE,
        DISTRICT,
        YEAR,
        category=CommentCategory.RESULTS,
        text="문장 " + MARKUP,
        sources=(opinion.opinion_id,),
    )
    store.select_project(engine, OFFICE, DISTRICT, YEAR, HOSTILE_PROJECT, "선정 " + MARKUP)
    engine.dispose()
    return url


def _as(at: Any, account: str, name: str, role: str | None) -> None:
    entry: dict[str, Any] = {"name": name, "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$"}
    entry["password_hash"] += "c2FsdHNhbHRzYWx0$" + "A" * 43
    if role:
        entry["role"] = role
    at.secrets["reviewers"] = {account: entry}
    at.session_state[Key.REVIEWER] = Writer(name=name, identity=account)


@pytest.mark.parametrize(
    ("page", "account", "name", "role"),
    [
        ("app_pages/round.py", "office", OFFICE.name, "사무국"),
        ("app_pages/round_merge.py", "office", OFFICE.name, "사무국"),
        ("app_pages/round_select.py", "office", OFFICE.name, "사무국"),
        ("app_pages/review.py", "m-a", MEMBERS[0].name, None),
        ("app_pages/overview.py", "m-a", MEMBERS[0].name, None),
        ("app_pages/projects.py", "m-a", MEMBERS[0].name, None),
        ("app_pages/flags.py", "m-a", MEMBERS[0].name, None),
    ],
)
def test_no_live_markup_on_round_pages(
    db_url: str, page: str, account: str, name: str, role: str | None
) -> None:
    at = open_page(db_url, page, project=HOSTILE_PROJECT)
    _as(at, account, name, role)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    sources = markdown_sources(at)
    assert any("★" in s for s in sources) or page in (
        "app_pages/round.py",
        "app_pages/round_merge.py",
        "app_pages/review.py",
    )
    leaks = {s: live_markup(s) for s in sources if live_markup(s)}
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)
