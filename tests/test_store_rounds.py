"""Monitoring rounds in the store: roles, roster, opinions, 추천, 제출, 취합, 확정, reopen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine

from lib import store
from lib.rounds import (
    Actor,
    Role,
    RosterEntry,
    RoundStatus,
    default_settings,
    roster_from_results,
)
from lib.schema import CommentCategory, Rating, Results, RosterMember, System
from lib.store import (
    InvalidRound,
    NotAllowed,
    NotAuthor,
    NotOnRoster,
    ReviewKey,
    RoundAction,
    RoundExists,
    RoundLocked,
    RoundNotFound,
    WrongStatus,
)
from lib.workbook import read_workbook
from tests.conftest import SAMPLE

OFFICE = Actor("office", "사무국 담당", Role.SECRETARIAT)
KIM = Actor("kim", "김소영")
RYU = Actor("ryu@example.go.kr", "류승일")
OUTSIDER = Actor("lee", "이미정")
ABOLISHED = "사회보장사업/1-2-4"
HOSTILE = '[x](http://e) <script>alert(1)</script> =HYPERLINK("http://e") **b** $x$'


@pytest.fixture(scope="module")
def results() -> Results:
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    eng = store.create_store_engine(store_url)
    yield eng
    eng.dispose()


def _district(results: Results) -> tuple[str, int]:
    return results.meta.district, results.meta.year


@pytest.fixture
def collecting(engine: Engine, results: Results) -> tuple[str, int]:
    """A round in 의견 수렴 with 김소영 and 류승일 linked to their accounts."""
    store.open_round(engine, OFFICE, results)
    d, y = _district(results)
    store.set_roster(
        engine,
        OFFICE,
        d,
        y,
        [
            RosterEntry("", "김소영", "위원장", "학장복지관", "kim"),
            RosterEntry("", "류승일", None, None, "RYU@example.go.kr"),
        ],
    )
    store.advance_round(engine, OFFICE, d, y, RoundStatus.COLLECTING)
    return d, y


def test_open_round_pins_the_workbook_and_starts_with_the_seed_settings(
    engine: Engine, results: Results
) -> None:
    snap = store.open_round(engine, OFFICE, results)
    assert snap.status is RoundStatus.PREPARING
    assert snap.workbook_sha256 == results.source_sha256
    assert snap.settings == default_settings()
    again = store.round_snapshot(engine, *_district(results))
    assert again is not None and again.status is RoundStatus.PREPARING
    assert store.round_snapshot(engine, "없는 구", 2023) is None


def test_a_round_is_opened_once_per_district_and_year(engine: Engine, results: Results) -> None:
    store.open_round(engine, OFFICE, results)
    with pytest.raises(RoundExists, match="이미 열려"):
        store.open_round(engine, OFFICE, results)
    assert [r.action for r in store.round_history(engine, *_district(results))] == [
        RoundAction.OPEN
    ]


def test_only_the_secretariat_runs_a_round(engine: Engine, results: Results) -> None:
    with pytest.raises(NotAllowed, match="사무국만"):
        store.open_round(engine, KIM, results)
    store.open_round(engine, OFFICE, results)
    d, y = _district(results)
    for action in (
        lambda: store.set_roster(engine, KIM, d, y, [RosterEntry("", "김소영")]),
        lambda: store.set_settings(engine, KIM, d, y, default_settings(date(2024, 3, 15))),
        lambda: store.advance_round(engine, KIM, d, y, RoundStatus.COLLECTING),
    ):
        with pytest.raises(NotAllowed):
            action()
    assert len(store.round_history(engine, d, y)) == 1


def test_writing_without_a_round_is_refused(engine: Engine) -> None:
    with pytest.raises(RoundNotFound, match="열리지 않았"):
        store.add_opinion(
            engine, KIM, "부산광역시 사상구", 2023, category=CommentCategory.RESULTS, text="x"
        )


def test_roster_rows_need_a_name_and_ids_are_filled(engine: Engine, results: Results) -> None:
    store.open_round(engine, OFFICE, results)
    d, y = _district(results)
    with pytest.raises(InvalidRound, match="2번째 줄에 성명이 없습니다"):
        store.set_roster(engine, OFFICE, d, y, [RosterEntry("", "김"), RosterEntry("", "  ")])
    with pytest.raises(InvalidRound, match="두 분에게"):
        store.set_roster(
            engine,
            OFFICE,
            d,
            y,
            [RosterEntry("", "김", account="kim"), RosterEntry("", "류", account="KIM")],
        )
    roster = store.set_roster(
        engine, OFFICE, d, y, [RosterEntry("", "김소영", account="kim"), RosterEntry("", "류")]
    )
    assert [(m.member_id, m.name, m.account) for m in roster] == [
        ("m1", "김소영", "kim"),
        ("m2", "류", None),
    ]


def test_roster_from_the_workbook_sheet(results: Results) -> None:
    sheet = results.model_copy(
        update={
            "roster": (
                RosterMember(name="류○○", role="위원장", affiliation="복지관", row=3),
                RosterMember(name="김○○", row=4),
            )
        }
    )
    assert roster_from_results(sheet) == (
        RosterEntry("m1", "류○○", "위원장", "복지관", None),
        RosterEntry("m2", "김○○", None, None, None),
    )


def test_status_only_moves_forward(engine: Engine, collecting: tuple[str, int]) -> None:
    d, y = collecting
    with pytest.raises(WrongStatus, match="앞으로만"):
        store.advance_round(engine, OFFICE, d, y, RoundStatus.PREPARING)
    with pytest.raises(WrongStatus, match="확정"):
        store.advance_round(engine, OFFICE, d, y, RoundStatus.CONFIRMED)
    assert store.advance_round(engine, OFFICE, d, y, RoundStatus.MERGING) is RoundStatus.MERGING


def test_members_write_opinions_as_several_points_kept_verbatim(
    engine: Engine, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    one = store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text=HOSTILE)
    two = store.add_opinion(
        engine,
        RYU,
        d,
        y,
        category=CommentCategory.COOPERATION,
        text="민관 연계 강화",
        target="사회보장사업/1-1-1",
    )
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None
    assert [(o.member_id, o.text, o.target) for o in snap.opinions] == [
        ("m1", HOSTILE, None),
        ("m2", "민관 연계 강화", "사회보장사업/1-1-1"),
    ]
    assert {one.opinion_id, two.opinion_id} == {o.opinion_id for o in snap.opinions}
    with pytest.raises(InvalidRound, match="워크북에 없는"):
        store.add_opinion(
            engine, KIM, d, y, category=CommentCategory.RESULTS, text="x", target="없는/9-9"
        )
    with pytest.raises(InvalidRound, match="비어"):
        store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text=" \n ")


def test_only_the_author_edits_or_withdraws_an_opinion(
    engine: Engine, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    mine = store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text="처음")
    with pytest.raises(NotAuthor):
        store.edit_opinion(engine, RYU, d, y, mine.opinion_id, text="류가 고침")
    with pytest.raises(NotAuthor):
        store.withdraw_opinion(engine, RYU, d, y, mine.opinion_id)
    edited = store.edit_opinion(engine, KIM, d, y, mine.opinion_id, text="고침")
    assert (edited.text, edited.version) == ("고침", 2)
    store.withdraw_opinion(engine, KIM, d, y, mine.opinion_id)
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None and snap.opinions == ()
    history = store.round_history(engine, d, y)
    assert [h.detail for h in history if h.action is RoundAction.OPINION_ADD] == ["처음"]
    assert [h.label for h in history][-3:] == ["의견 작성", "의견 수정", "의견 철회"]


def test_a_member_not_on_the_roster_cannot_write(
    engine: Engine, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    with pytest.raises(NotOnRoster, match="이미정 님은"):
        store.add_opinion(engine, OUTSIDER, d, y, category=CommentCategory.RESULTS, text="x")
    with pytest.raises(NotOnRoster):
        store.recommend(engine, OUTSIDER, d, y, "사회보장사업/1-1-1", "좋음")
    with pytest.raises(NotOnRoster):
        store.submit(engine, OUTSIDER, d, y)
    # The same display name under another account is not the member either.
    with pytest.raises(NotOnRoster):
        store.submit(engine, Actor("kim2", "김소영"), d, y)


def test_members_write_only_while_collecting(
    engine: Engine, results: Results, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    store.advance_round(engine, OFFICE, d, y, RoundStatus.MERGING)
    with pytest.raises(WrongStatus, match="의견 수렴"):
        store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text="늦은 의견")


def test_recommendations_at_most_three_a_reason_each_no_abolished(
    engine: Engine, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    for code in ("1-1-1", "1-1-2", "1-1-3"):
        store.recommend(engine, KIM, d, y, f"사회보장사업/{code}", f"{code} 잘 됨")
    with pytest.raises(InvalidRound, match="3개까지"):
        store.recommend(engine, KIM, d, y, "사회보장사업/1-1-4", "넷째")
    # Re-recommending one already chosen rewrites its reason; it is not a 4th.
    again = store.recommend(engine, KIM, d, y, "사회보장사업/1-1-1", "더 나은 이유")
    assert again.reason == "더 나은 이유"
    with pytest.raises(InvalidRound, match="폐지"):
        store.recommend(engine, RYU, d, y, ABOLISHED, "폐지 사업")
    with pytest.raises(InvalidRound, match="사유"):
        store.recommend(engine, RYU, d, y, "사회보장사업/1-1-1", "  ")
    store.withdraw_recommendation(engine, KIM, d, y, "사회보장사업/1-1-2")
    store.recommend(engine, KIM, d, y, "사회보장사업/1-1-4", "넷째")
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None
    assert [(r.sub_project_id, r.reason) for r in snap.recommendations] == [
        ("사회보장사업/1-1-1", "더 나은 이유"),
        ("사회보장사업/1-1-3", "1-1-3 잘 됨"),
        ("사회보장사업/1-1-4", "넷째"),
    ]


def test_submit_and_reopen_until_merging(engine: Engine, collecting: tuple[str, int]) -> None:
    d, y = collecting
    store.submit(engine, KIM, d, y)
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None and snap.submitted_count == 1 and len(snap.submissions) == 2
    with pytest.raises(WrongStatus, match="이미 제출"):
        store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text="추가")
    store.reopen_submission(engine, KIM, d, y)
    store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text="추가")
    store.submit(engine, KIM, d, y)
    store.advance_round(engine, OFFICE, d, y, RoundStatus.MERGING)
    with pytest.raises(WrongStatus):
        store.reopen_submission(engine, KIM, d, y)


def _through_merging(engine: Engine, d: str, y: int) -> tuple[str, str]:
    a = store.add_opinion(engine, KIM, d, y, category=CommentCategory.RESULTS, text="김 원문")
    b = store.add_opinion(engine, RYU, d, y, category=CommentCategory.RESULTS, text="류 원문")
    store.recommend(engine, KIM, d, y, "사회보장사업/1-1-1", "김 추천")
    store.submit(engine, KIM, d, y)
    store.advance_round(engine, OFFICE, d, y, RoundStatus.MERGING)
    return a.opinion_id, b.opinion_id


def test_merged_points_are_versioned_and_leave_the_originals(
    engine: Engine, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    a, b = _through_merging(engine, d, y)
    with pytest.raises(NotAllowed):
        store.add_merged_point(
            engine, KIM, d, y, category=CommentCategory.RESULTS, text="x", sources=[a]
        )
    first = store.add_merged_point(
        engine, OFFICE, d, y, category=CommentCategory.RESULTS, text="합친 문장", sources=[a, b]
    )
    second = store.add_merged_point(
        engine, OFFICE, d, y, category=CommentCategory.RESULTS, text="둘째", sources=[b]
    )
    reworded = store.edit_merged_point(engine, OFFICE, d, y, first.point_id, text="다듬은 문장")
    assert (reworded.version, reworded.sources) == (2, (a, b))
    store.order_merged_points(
        engine, OFFICE, d, y, CommentCategory.RESULTS, [second.point_id, first.point_id]
    )
    with pytest.raises(InvalidRound, match="찾을 수 없"):
        store.add_merged_point(
            engine, OFFICE, d, y, category=CommentCategory.RESULTS, text="x", sources=["nope"]
        )
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None
    assert [(p.text, p.order) for p in snap.merged_points] == [("둘째", 1), ("다듬은 문장", 2)]
    assert [o.text for o in snap.opinions] == ["김 원문", "류 원문"]  # untouched
    assert snap.report_points(CommentCategory.RESULTS) == ["둘째", "다듬은 문장"]
    assert snap.report_points(CommentCategory.COOPERATION) == []


def test_confirm_locks_every_write_for_the_district_year(
    engine: Engine, results: Results, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    key = ReviewKey(d, y, System.SOCIAL_SECURITY, "1-1-1")
    review = store.create_review(engine, key, actor=KIM, rating_result=Rating.APPROPRIATE)
    _through_merging(engine, d, y)
    with pytest.raises(InvalidRound, match="폐지"):
        store.select_project(engine, OFFICE, d, y, ABOLISHED, "x")
    store.select_project(engine, OFFICE, d, y, "사회보장사업/1-1-1", "성과가 뚜렷함")
    store.select_project(engine, OFFICE, d, y, "사회보장사업/1-1-3", "민관협력")
    with pytest.raises(NotAllowed):
        store.confirm_round(engine, KIM, d, y)
    snap = store.confirm_round(engine, OFFICE, d, y, results)
    assert snap.confirmed and snap.confirmed_at is not None
    assert snap.selected_ids == ("사회보장사업/1-1-1", "사회보장사업/1-1-3")
    before = len(store.round_history(engine, d, y))
    refused = [
        lambda: store.create_review(engine, key, actor=RYU, comment="확정 뒤"),
        lambda: store.edit_review(engine, review.review_id, actor=KIM, comment="확정 뒤"),
        lambda: store.withdraw_review(engine, review.review_id, actor=KIM),
        lambda: store.set_settings(engine, OFFICE, d, y, default_settings(date(2025, 1, 1))),
        lambda: store.set_roster(engine, OFFICE, d, y, [RosterEntry("", "새 위원")]),
        lambda: store.add_merged_point(
            engine, OFFICE, d, y, category=CommentCategory.RESULTS, text="x"
        ),
        lambda: store.select_project(engine, OFFICE, d, y, "사회보장사업/1-1-2", "x"),
        lambda: store.unselect_project(engine, OFFICE, d, y, "사회보장사업/1-1-1"),
        lambda: store.confirm_round(engine, OFFICE, d, y),
        lambda: store.reopen_submission(engine, KIM, d, y),
    ]
    for action in refused:
        with pytest.raises(RoundLocked, match="확정되어"):
            action()
    assert len(store.round_history(engine, d, y)) == before
    assert store.get_review(engine, review.review_id) == review
    # Reviews of another 시군구·연도 are not locked.
    store.create_review(engine, ReviewKey(d, y + 1, key.system, key.code), actor=KIM, comment="x")


def test_a_workbook_uploaded_after_confirm_does_not_move_the_pin(
    engine: Engine, results: Results, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    _through_merging(engine, d, y)
    store.confirm_round(engine, OFFICE, d, y, results)
    newer = store.save_workbook(
        engine, district=d, year=y, data=b"a newer upload", file_name="new.xlsx", uploaded_by="직원"
    )
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None and snap.workbook_sha256 == results.source_sha256
    assert newer.sha256 != snap.workbook_sha256
    assert store.latest_workbooks(engine, d, y) == [newer]
    assert store.workbook_by_sha256(engine, d, y, snap.workbook_sha256) is None  # the sample
    assert store.workbook_by_sha256(engine, d, y, newer.sha256) == newer


def test_the_pinned_version_stays_retrievable_after_a_newer_upload(
    engine: Engine, results: Results, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    kept = store.save_workbook(
        engine,
        district=d,
        year=y,
        data=SAMPLE.read_bytes(),
        file_name=SAMPLE.name,
        uploaded_by="직원",
    )
    _through_merging(engine, d, y)
    store.confirm_round(engine, OFFICE, d, y, results)
    store.save_workbook(
        engine, district=d, year=y, data=b"newer", file_name="new.xlsx", uploaded_by="직원"
    )
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None
    pinned = store.workbook_by_sha256(engine, d, y, snap.workbook_sha256 or "")
    assert pinned == kept
    assert store.get_workbook_bytes(engine, pinned.id) == SAMPLE.read_bytes()


def test_reopen_needs_the_secretariat_and_a_reason_and_is_recorded(
    engine: Engine, results: Results, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    with pytest.raises(WrongStatus, match="확정되지 않은"):
        store.reopen_round(engine, OFFICE, d, y, "사유")
    _through_merging(engine, d, y)
    store.confirm_round(engine, OFFICE, d, y, results)
    with pytest.raises(InvalidRound, match="사유"):
        store.reopen_round(engine, OFFICE, d, y, "  \n")
    with pytest.raises(NotAllowed):
        store.reopen_round(engine, KIM, d, y, "위원이 풀기")
    store.reopen_round(engine, OFFICE, d, y, "선정 사유 보완")
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None and snap.status is RoundStatus.MERGING and not snap.confirmed
    assert snap.notes == ("선정 사유 보완",)
    store.select_project(engine, OFFICE, d, y, "사회보장사업/1-1-2", "보완 후 선정")
    last = store.round_history(engine, d, y)[-2]
    assert (last.action, last.actor, last.role, last.detail) == (
        RoundAction.REOPEN,
        "사무국 담당",
        Role.SECRETARIAT,
        "사유: 선정 사유 보완",
    )


def test_history_records_every_action_in_order(
    engine: Engine, results: Results, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    _through_merging(engine, d, y)
    store.add_merged_point(engine, OFFICE, d, y, category=CommentCategory.RESULTS, text="점")
    store.select_project(engine, OFFICE, d, y, "사회보장사업/1-1-1", "이유")
    store.confirm_round(engine, OFFICE, d, y, results)
    history = store.round_history(engine, d, y)
    assert [h.seq for h in history] == list(range(1, len(history) + 1))
    assert [h.action for h in history] == [
        RoundAction.OPEN,
        RoundAction.ROSTER,
        RoundAction.ADVANCE,
        RoundAction.OPINION_ADD,
        RoundAction.OPINION_ADD,
        RoundAction.RECOMMEND,
        RoundAction.SUBMIT,
        RoundAction.ADVANCE,
        RoundAction.MERGE_ADD,
        RoundAction.SELECT,
        RoundAction.CONFIRM,
    ]
    assert history[2].detail == "준비 → 의견 수렴"
    assert all(h.at.tzinfo is not None for h in history)


def test_snapshot_carries_the_members_ratings_by_roster_name(
    engine: Engine, collecting: tuple[str, int]
) -> None:
    d, y = collecting
    key = ReviewKey(d, y, System.SOCIAL_SECURITY, "1-1-1")
    store.create_review(engine, key, actor=Actor("KIM", "kim 계정"), rating_plan=Rating.AVERAGE)
    store.create_review(engine, key, actor=RYU, comment="평가 없이 의견만")
    snap = store.round_snapshot(engine, d, y)
    assert snap is not None
    assert [(r.member, r.plan, r.result) for r in snap.ratings] == [
        ("김소영", Rating.AVERAGE, None)
    ]
