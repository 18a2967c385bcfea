"""No user string becomes live markup on any page: names, notes, departments, reviewer
names, file names, 시군구 and URL values reach markdown elements escaped."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib import store
from lib.rounds import Actor, Role
from lib.schema import CommentCategory, Rating, System
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.signin import Writer
from tests.conftest import open_app
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

PAGES = (
    "app_pages/overview.py",
    "app_pages/strategies.py",
    "app_pages/projects.py",
    "app_pages/flags.py",
    "app_pages/comments.py",
    "app_pages/review.py",
    "app_pages/round.py",
    "app_pages/round_merge.py",
    "app_pages/round_select.py",
    "app_pages/present.py",
    "app_pages/data.py",
)


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('markup') / 'reviews.db'}"
    engine = store.create_store_engine(url)
    store.save_workbook(
        engine, district=DISTRICT, year=YEAR, data=hostile_workbook(), file_name=FILE_NAME,
        uploaded_by="담당 " + SHORT, uploaded_by_id="up " + SHORT,
    )  # fmt: skip
    store.create_review(
        engine,
        store.ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-1"),
        actor=Actor(account="id " + SHORT, name="위원 " + SHORT),
        category=CommentCategory.RESULTS,
        rating_result=Rating.APPROPRIATE,
        comment="저장된 의견 " + SHORT,
    )
    engine.dispose()
    return url


INERT = ("Text", "Code", "DataFrame", "Arrow", "PlotlyChart", "Html", "Selectbox", "MultiSelect")


def _proto_strings(proto: Any) -> list[str]:
    """The strings of one element or block that Streamlit renders as markdown."""
    kind = type(proto).__name__
    if kind in INERT:
        return []
    found = [
        value
        for field in ("body", "label", "help", "placeholder", "caption")
        if isinstance(value := getattr(proto, field, None), str) and value
    ]
    for option in getattr(proto, "options", ()) if kind in ("Radio", "ButtonGroup") else ():
        found.append(option if isinstance(option, str) else getattr(option, "content", ""))
    if kind == "Block":
        for inner in ("expandable", "popover", "tab"):
            if proto.HasField(inner) if inner in proto.DESCRIPTOR.fields_by_name else False:
                found.append(getattr(proto, inner).label)
    return found


def markdown_sources(at: AppTest) -> list[str]:
    """Every string an element or block of this page renders as markdown (bodies, labels,
    help, radio and button-group options, expander/popover/tab labels)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.extend(_proto_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def plotly_specs(at: AppTest) -> list[str]:
    specs: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and type(proto).__name__ == "PlotlyChart":
            specs.append(proto.spec)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return specs


def open_page(db_url: str, page: str, **params: str) -> AppTest:
    at = open_app(
        None if page == PAGES[0] else page,
        db_url=db_url,
        query={Key.DISTRICT: DISTRICT, Key.YEAR: str(YEAR), **params},
        session={Key.REVIEWER: Writer(name="위원 " + SHORT, identity="id")},
    )
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_no_live_markup_from_user_strings(db_url: str, page: str) -> None:
    at = open_page(db_url, page, project=HOSTILE_PROJECT)
    assert at.selectbox(key=Key.DISTRICT).value == DISTRICT  # the hostile workbook is shown
    leaks = {s: live_markup(s) for s in markdown_sources(at) if live_markup(s)}
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)
    for spec in plotly_specs(at):
        assert "<b>h</b>" not in spec and "<a " not in spec.lower()


def test_every_slide_shows_names_as_text(db_url: str) -> None:
    at = open_page(db_url, "app_pages/present.py")
    counter = next(m.value for m in at.markdown if " / " in m.value)
    total = int(re.search(r"/ (\d+)", counter).group(1))
    assert total > 3
    for number in range(2, total + 1):
        at.query_params[Key.SLIDE] = str(number)
        at.run()
        assert not at.exception
        leaks = {s: live_markup(s) for s in markdown_sources(at) if live_markup(s)}
        assert not leaks, (number, json.dumps(leaks, ensure_ascii=False, indent=1))


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_drill_down_levels_show_names_as_text(db_url: str, depth: int) -> None:
    strategy, key_project = f"전략 {MARKUP}", f"중점 {MARKUP}"
    path = [System.SOCIAL_SECURITY.value, strategy, key_project, HOSTILE_PROJECT][: depth + 1]
    at = open_app(
        "app_pages/strategies.py",
        db_url=db_url,
        # the drill-down path, as a shared link carries it
        query={Key.DISTRICT: DISTRICT, Key.YEAR: str(YEAR), Key.PATH: path},
    )
    assert not at.exception
    assert any(escape_markdown(strategy) in s for s in markdown_sources(at))  # really drilled
    leaks = {s: live_markup(s) for s in markdown_sources(at) if live_markup(s)}
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def round_db_url(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same database with the round opened: hostile settings and T/F roster names."""
    from lib.rounds import RosterEntry, RoundSettings
    from lib.workbook import read_workbook

    engine = store.create_store_engine(db_url)
    results = read_workbook(hostile_workbook(), FILE_NAME)
    secretariat = Actor("office", "사무국 " + SHORT, Role.SECRETARIAT)
    settings = RoundSettings(
        composition="구성 " + MARKUP,
        requests=("요청 " + MARKUP,),
        methods=("방법 " + MARKUP,),
        legal_basis="근거 " + MARKUP,
    )
    store.open_round(engine, secretariat, results, settings)
    roster = (RosterEntry("m1", "위원 " + SHORT, "구분 " + SHORT, "소속 " + SHORT, "id"),)
    store.set_roster(engine, secretariat, DISTRICT, YEAR, roster)
    engine.dispose()
    return db_url


@pytest.mark.parametrize(
    "page", ["app_pages/round.py", "app_pages/round_merge.py", "app_pages/round_select.py",
             "app_pages/review.py"],
)  # fmt: skip
def test_round_pages_show_names_as_text(round_db_url: str, page: str) -> None:
    at = open_page(round_db_url, page, project=HOSTILE_PROJECT)
    leaks = {s: live_markup(s) for s in markdown_sources(at) if live_markup(s)}
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)
