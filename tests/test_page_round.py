"""모니터링 회차 page (사무국) under AppTest: open, roster, steps, 확정, reopen, history."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from lib import store
from lib.rounds import RoundStatus
from lib.ui.data import sample_results
from lib.ui.round_keys import RoundKey, item_key
from tests.conftest import page_text
from tests.round_app import (
    DISTRICT,
    KIM,
    SECRETARIAT,
    YEAR,
    advance,
    app,
    click,
    opened,
    rerun,
    snapshot,
)

PAGE = "round.py"


def test_nobody_signed_in_sees_that_no_round_is_open_and_cannot_open_one(db_url: str) -> None:
    at = app(db_url, None, PAGE)
    assert [t.value for t in at.title] == ["모니터링 회차"]
    assert "2023년 모니터링 회차가 아직 열리지 않았습니다" in page_text(at)
    assert at.button(key=RoundKey.OPEN).disabled


def test_a_member_is_told_the_page_is_the_secretariats(db_url: str) -> None:
    at = app(db_url, "kim", PAGE)
    assert "사무국 계정만" in page_text(at)
    assert at.button(key=RoundKey.OPEN).disabled


def test_secretariat_opens_the_round_on_the_workbook_in_view(db_url: str, engine: Any) -> None:
    at = click(app(db_url, "jang", PAGE), RoundKey.OPEN)
    shown = page_text(at)
    assert "회차를 열었습니다" in shown
    assert "지금 단계: **준비**" in shown and "회신 0/0" in shown
    snap = snapshot(engine)
    assert snap.status is RoundStatus.PREPARING
    assert snap.workbook_sha256 == sample_results().source_sha256
    assert snap.settings.requests[1] == "민관협력 증진 방안 및 보완사항"  # the seed's default
    assert "모니터링 회차: 준비 · 회신 0/0" in page_text(at)  # the sidebar line


def test_round_opened_twice_is_refused_with_a_korean_message(db_url: str, engine: Any) -> None:
    first = app(db_url, "jang", PAGE)
    second = app(db_url, "jang", PAGE)  # a second window, still showing 회차 열기
    click(first, RoundKey.OPEN)
    click(second, RoundKey.OPEN)
    assert any("이미 열려 있습니다" in str(e.value) for e in second.error)
    assert [r.label for r in store.round_history(engine, DISTRICT, YEAR)] == ["회차 열기"]


def test_the_roster_is_imported_from_the_workbooks_sheet(db_url: str, engine: Any) -> None:
    at = click(app(db_url, "jang", PAGE), RoundKey.OPEN)
    assert snapshot(engine).roster == ()
    click(at, RoundKey.ROSTER_IMPORT)
    roster = snapshot(engine).roster
    assert [m.name for m in roster] == [m.name for m in sample_results().roster]
    assert (roster[0].role, roster[0].affiliation) == (
        sample_results().roster[0].role,
        sample_results().roster[0].affiliation,
    )
    assert f"명단 ({len(roster)}명)" in page_text(at)


def test_members_are_added_one_at_a_time_and_linked_to_accounts(db_url: str, engine: Any) -> None:
    at = click(app(db_url, "jang", PAGE), RoundKey.OPEN)
    at.text_input(key=RoundKey.MEMBER_NAME).input("김소영")
    at.text_input(key=RoundKey.MEMBER_ROLE).input("대표협의체 부위원장")
    click(at, RoundKey.MEMBER_ADD)
    [entry] = snapshot(engine).roster
    assert (entry.name, entry.role, entry.account) == ("김소영", "대표협의체 부위원장", None)
    at.selectbox(key=item_key(RoundKey.LINK_, entry.member_id)).select("kim")
    rerun(at)
    assert snapshot(engine).roster[0].account == "kim"
    assert "명단 (1명)" in page_text(at)


def test_a_roster_row_without_a_name_is_refused(db_url: str, engine: Any) -> None:
    at = click(app(db_url, "jang", PAGE), RoundKey.OPEN)
    at.text_input(key=RoundKey.MEMBER_ROLE).input("위원")
    click(at, RoundKey.MEMBER_ADD)
    assert any("성명을 적어야" in str(e.value) for e in at.error)
    assert snapshot(engine).roster == ()
    with pytest.raises(store.StoreError, match="성명"):  # the store refuses it too
        store.set_roster(engine, SECRETARIAT, DISTRICT, YEAR, [store_entry(name="", account="kim")])


def store_entry(name: str, account: str | None) -> Any:
    from lib.rounds import RosterEntry

    return RosterEntry("m9", name, None, None, account)


def test_each_step_asks_once_more_then_moves_forward(db_url: str, engine: Any) -> None:
    at = click(app(db_url, "jang", PAGE), RoundKey.OPEN)
    click(at, RoundKey.ADVANCE)
    assert "'의견 수렴 시작'을(를) 진행할까요?" in page_text(at)
    click(at, RoundKey.ADVANCE_NO)
    assert snapshot(engine).status is RoundStatus.PREPARING
    advance(at)
    assert snapshot(engine).status is RoundStatus.COLLECTING
    assert "회차가 '의견 수렴' 단계가 되었습니다" in page_text(at)
    assert [m.value for m in at.markdown if m.value.startswith(("✓", "**●", "○"))] == [
        "✓ 준비",
        "**● 의견 수렴**",
        "○ 취합",
        "○ 확정",
    ]


def test_confirm_locks_writes_and_reopen_needs_a_reason(db_url: str, engine: Any) -> None:
    opened(engine, sample_results(), RoundStatus.MERGING)
    at = advance(app(db_url, "jang", PAGE))  # 취합 → 확정
    assert snapshot(engine).status is RoundStatus.CONFIRMED
    assert "확정된 회차입니다" in page_text(at)
    assert at.button(key=RoundKey.MEMBER_ADD).disabled
    with pytest.raises(store.StoreError, match="확정"):  # writing after 확정: the store
        store.add_opinion(
            engine, KIM, DISTRICT, YEAR, category=_results_category(), text="늦은 의견"
        )
    click(at, RoundKey.REOPEN)  # no reason
    assert any("사유" in str(e.value) for e in at.error)
    assert snapshot(engine).status is RoundStatus.CONFIRMED
    at.text_input(key=RoundKey.REOPEN_REASON).input("우수사업 사유 보완")
    click(at, RoundKey.REOPEN)
    assert snapshot(engine).status is RoundStatus.MERGING
    details = [r.detail for r in store.round_history(engine, DISTRICT, YEAR)]
    assert any("우수사업 사유 보완" in d for d in details)


def _results_category() -> Any:
    from lib.schema import CommentCategory

    return CommentCategory.RESULTS


def test_history_downloads_as_excel_with_text_kept_as_text(db_url: str, engine: Any) -> None:
    opened(engine, sample_results())
    hostile = '=HYPERLINK("http://e","x") <script>alert(1)</script> **b** $x$'
    store.add_opinion(engine, KIM, DISTRICT, YEAR, category=_results_category(), text=hostile)
    at = app(db_url, "jang", PAGE)
    [expander] = [e for e in at.expander if e.label.startswith("회차 이력")]
    assert "(4)" in expander.label  # opened, roster, 의견 수렴, one opinion
    from lib.ui.round_actions import history_cells, history_xlsx  # the bytes the button sends

    rows = [
        dict(zip(("때", "누가", "무엇을", "내용"), history_cells(e), strict=True))
        for e in store.round_history(engine, DISTRICT, YEAR)
    ]
    sheet = load_workbook(io.BytesIO(history_xlsx(sample_results(), rows))).active
    cells = [c for c in sheet.iter_rows(min_row=2, values_only=True)]
    assert cells[-1][2] == "의견 작성" and cells[-1][3] == hostile
    assert sheet.cell(row=len(cells) + 1, column=4).data_type == "s"  # never a formula
