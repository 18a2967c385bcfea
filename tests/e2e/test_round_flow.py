"""A whole monitoring round in Chromium, as a council runs it: the 사무국 opens the round on
the sample, names two members and links their accounts; the two members, each in a
browser of their own, write overall opinions and 추천; one submits; the 사무국 sees 1/2,
merges, selects two 우수사업 and confirms; then a member's write is refused and ★ shows
on 개요. Every new screen is saved at 1280×720 under tests/artifacts/screenshots/.

The app runs with a temporary secrets.toml (three accounts with argon2 hashes, one of them
사무국) and a temporary SQLite database, so nothing of the repository's is read or written.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lib import store
from lib.auth import hash_password
from lib.rounds import Actor, RoundStatus
from lib.schema import CommentCategory
from tests.e2e.conftest import CHROMIUM, reviews_secrets, save_screenshot, serve_app

WAIT_MS = 30_000
DISTRICT, YEAR = "부산광역시 사상구", 2023
PEOPLE = {
    "jang": ("장종윤", "round-e2e-secretariat", "사무국"),
    "kim": ("김소영", "round-e2e-kim", None),
    "ryu": ("류승일", "round-e2e-ryu", None),
}
PROJECTOR = {"width": 1280, "height": 720}
HOSTILE = '돌봄 공백 해소 <img src=x onerror=alert(1)> =HYPERLINK("http://e") **b**'


@dataclass(frozen=True)
class RoundServer:
    url: str
    db_url: str


@pytest.fixture(scope="module")
def round_server() -> Iterator[RoundServer]:
    root = Path(tempfile.mkdtemp(prefix="round-e2e-"))
    lines = [reviews_secrets(root)]
    for username, (name, password, role) in PEOPLE.items():
        lines += [f"[reviewers.{username}]", f'name = "{name}"']
        lines += [f'password_hash = "{hash_password(password)}"']
        lines += [f'role = "{role}"'] if role else []
        lines.append("")
    with serve_app(root, "\n".join(lines)) as url:
        yield RoundServer(url, f"sqlite:///{root / 'reviews.db'}")


def browser_page(browser):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing", pytrace=False)
    context = browser.new_context(viewport=PROJECTOR, locale="ko-KR")
    return context, context.new_page()


def main(page):
    return page.locator('[data-testid="stMain"]')


def keyed(page, key: str):
    """The element of one widget key (Streamlit's class ``st-key-…``; ':' reads '-')."""
    return main(page).locator(f'[class*="st-key-{key.replace(":", "-")}"]').first


def go(page, url: str, wait_for_app) -> None:
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    settle(page, wait_for_app)


def settle(page, wait_for_app) -> None:
    wait_for_app(page, timeout_ms=WAIT_MS)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()


def nav(page, label: str, wait_for_app) -> None:
    """Another page through the sidebar (the same session: still signed in)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=label).click()
    settle(page, wait_for_app)
    main(page).get_by_role("heading", name=label).first.wait_for(timeout=WAIT_MS)


def sign_in(page, username: str, wait_for_app) -> None:
    name, password, _ = PEOPLE[username]
    main(page).get_by_label("아이디").fill(username)
    main(page).get_by_label("비밀번호").fill(password)
    main(page).get_by_role("button", name="로그인").click()
    settle(page, wait_for_app)
    main(page).get_by_text(f"{name}").first.wait_for(timeout=WAIT_MS)


def pick(page, key: str, option: str, wait_for_app) -> None:
    """Choose ``option`` in the selectbox of ``key``."""
    keyed(page, key).get_by_role("combobox").click()
    page.keyboard.type(option)  # filter (the list is virtualised)
    page.get_by_role("option", name=option).first.click()
    settle(page, wait_for_app)


def press(page, label: str, wait_for_app) -> None:
    main(page).get_by_role("button", name=label, exact=True).click()
    settle(page, wait_for_app)


def type_and_leave(page, key: str, text: str, wait_for_app) -> None:
    """Type into a text box and leave it (which saves it)."""
    box = keyed(page, key).locator("textarea, input").first
    box.fill(text)
    box.press("Tab")
    settle(page, wait_for_app)


def shoot(page, name: str) -> None:
    save_screenshot(page, f"round_{name}")


def snapshot(server: RoundServer):
    engine = store.create_store_engine(server.db_url)
    try:
        return store.round_snapshot(engine, DISTRICT, YEAR)
    finally:
        engine.dispose()


def test_a_whole_round_from_opening_to_confirmed(round_server, browser, wait_for_app):
    office_context, office = browser_page(browser)
    kim_context, kim = browser_page(browser)
    ryu_context, ryu = browser_page(browser)
    try:
        # 사무국 opens the round and names the T/F.
        go(office, f"{round_server.url}/round", wait_for_app)
        shoot(office, "01_not_open")
        sign_in(office, "jang", wait_for_app)
        press(office, "회차 열기", wait_for_app)
        main(office).get_by_text("회차를 열었습니다").wait_for(timeout=WAIT_MS)
        for name, role in (("김소영", "대표협의체 부위원장"), ("류승일", "대표협의체 위원장")):
            keyed(office, "_round_member_name").locator("input").fill(name)
            keyed(office, "_round_member_role").locator("input").fill(role)
            press(office, "명단에 추가", wait_for_app)
        roster = snapshot(round_server).roster
        assert [m.name for m in roster] == ["김소영", "류승일"]
        pick(office, f"_round_link_{roster[0].member_id}", "김소영 (kim)", wait_for_app)
        pick(office, f"_round_link_{roster[1].member_id}", "류승일 (ryu)", wait_for_app)
        assert [m.account for m in snapshot(round_server).roster] == ["kim", "ryu"]
        shoot(office, "02_roster")
        press(office, "의견 수렴 시작", wait_for_app)
        shoot(office, "03_confirm_step")
        press(office, "진행합니다", wait_for_app)
        assert snapshot(round_server).status is RoundStatus.COLLECTING

        # Two members, two browsers: overall opinions and 추천; 김소영 submits.
        for page, username, opinion, project, reason in (
            (kim, "kim", HOSTILE, "행복울타리 돌봄사업", "돌봄 공백 해소"),
            (ryu, "ryu", "민관 소통 정례화 필요", "노인맞춤돌봄서비스", "참여 확대"),
        ):
            go(page, f"{round_server.url}/review", wait_for_app)
            sign_in(page, username, wait_for_app)
            if username == "kim":  # ① a project's three-stage rating, saved as picked
                pick(page, "_round_form_project", "행복울타리 돌봄사업", wait_for_app)
                group = main(page).get_by_role("radiogroup", name="계획수립")
                group.get_by_role("radio", name="적절", exact=True).click()
                settle(page, wait_for_app)
                main(page).get_by_text("저장됨").first.wait_for(timeout=WAIT_MS)
                shoot(page, "04a_member_project_rating")
            main(page).get_by_role("tab", name="② 전반 의견").click()
            type_and_leave(page, "_round_new_opinion_RESULTS", opinion, wait_for_app)
            main(page).get_by_text("저장됨").first.wait_for(timeout=WAIT_MS)
            if username == "kim":
                shoot(page, "04_member_opinions")
            main(page).get_by_role("tab", name="③ 우수사업 추천").click()
            pick(page, f"_round_rec_project_{username}:1", project, wait_for_app)
            type_and_leave(page, f"_round_rec_reason_{username}:1", reason, wait_for_app)
            if username == "kim":
                shoot(page, "05_member_recommend")
        main(kim).get_by_role("tab", name="④ 제출").click()
        press(kim, "제출", wait_for_app)
        main(kim).get_by_text("제출했습니다").wait_for(timeout=WAIT_MS)
        shoot(kim, "06_member_submitted")
        snap = snapshot(round_server)
        assert [o.text for o in snap.opinions] == [HOSTILE, "민관 소통 정례화 필요"]
        assert len(snap.recommendations) == 2 and snap.submitted_count == 1

        # 사무국: 1/2 replied; 취합; merge; select two; 확정.
        nav(office, "의견 취합", wait_for_app)
        main(office).get_by_text("회신 현황: 2명 중 1명 제출").wait_for(timeout=WAIT_MS)
        main(office).get_by_text(HOSTILE).first.wait_for(timeout=WAIT_MS)  # as typed
        shoot(office, "07_merge_replies")
        nav(office, "모니터링 회차", wait_for_app)
        press(office, "취합 시작 (제출 마감)", wait_for_app)
        press(office, "진행합니다", wait_for_app)
        nav(office, "의견 취합", wait_for_app)
        sources = keyed(office, "_round_merge_sources_RESULTS")
        sources.get_by_role("combobox").click()
        office.keyboard.type("김소영")
        office.get_by_role("option", name=re.compile("김소영")).first.click()
        settle(office, wait_for_app)
        office.keyboard.press("Escape")
        keyed(office, "_round_merge_text_RESULTS").locator("textarea").fill(
            "서비스 대상자 선정 절차가 적절하고 돌봄 공백 해소에 기여함"
        )
        keyed(office, "_round_merge_text_RESULTS").locator("textarea").press("Tab")
        settle(office, wait_for_app)
        keyed(office, "_round_merge_add_RESULTS").locator("button").click()
        settle(office, wait_for_app)
        main(office).get_by_text("문장을 저장했습니다").wait_for(timeout=WAIT_MS)
        shoot(office, "08_merged")
        assert [p.sources for p in snapshot(round_server).merged_points] == [
            (snap.opinions[0].opinion_id,)
        ]
        nav(office, "우수사업 선정", wait_for_app)
        for project, reason in (
            ("행복울타리 돌봄사업", "추천, 돌봄 공백 해소"),
            ("노인맞춤돌봄서비스", "참여 확대"),
        ):
            pick(office, "_round_select_project", project, wait_for_app)
            keyed(office, "_round_select_reason").locator("input").fill(reason)
            keyed(office, "_round_select_reason").locator("input").press("Tab")
            settle(office, wait_for_app)
            press(office, "선정에 추가", wait_for_app)
        assert len(snapshot(round_server).selections) == 2
        shoot(office, "09_selected")
        nav(office, "모니터링 회차", wait_for_app)
        press(office, "확정", wait_for_app)
        press(office, "진행합니다", wait_for_app)
        main(office).get_by_text("확정된 회차입니다").wait_for(timeout=WAIT_MS)
        shoot(office, "10_confirmed")
        assert snapshot(round_server).status is RoundStatus.CONFIRMED

        # A member's write is refused: the form is locked, and so is the store.
        go(ryu, f"{round_server.url}/review", wait_for_app)
        sign_in(ryu, "ryu", wait_for_app)
        main(ryu).get_by_text("'확정' 단계라 더 쓸 수 없습니다").wait_for(timeout=WAIT_MS)
        main(ryu).get_by_role("tab", name="② 전반 의견").click()
        assert keyed(ryu, "_round_new_opinion_RESULTS").locator("textarea").is_disabled()
        shoot(ryu, "11_member_locked")
        engine = store.create_store_engine(round_server.db_url)
        try:
            with pytest.raises(store.RoundLocked):
                store.add_opinion(
                    engine,
                    Actor("ryu", "류승일"),
                    DISTRICT,
                    YEAR,
                    category=CommentCategory.RESULTS,
                    text="확정 뒤에 쓴 의견",
                )
        finally:
            engine.dispose()

        # ★ 우수사업 on 개요, for anyone.
        go(ryu, round_server.url, wait_for_app)
        main(ryu).get_by_text("★ 우수사업 (2)").wait_for(timeout=WAIT_MS)
        shoot(ryu, "12_overview_star")
    finally:
        for context in (office_context, kim_context, ryu_context):
            context.close()
