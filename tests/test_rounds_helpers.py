"""Pure helpers of the round pages: disagreement, the enriched tally, 회신 N/M, grouping."""

from __future__ import annotations

from lib.flags import Flag
from lib.rounds import (
    Disagreement,
    MemberRating,
    Opinion,
    Recommendation,
    RosterEntry,
    RoundSnapshot,
    RoundStatus,
    Selection,
    Submission,
    default_settings,
    disagreements,
    opinions_by_target,
    reply_counts,
    tally_rows,
)
from lib.schema import CommentCategory, Rating
from lib.workbook import read_workbook
from tests.conftest import build_workbook

A, B, X = Rating.APPROPRIATE, Rating.AVERAGE, Rating.INAPPROPRIATE


def test_disagreement_only_where_one_stage_got_both_extremes() -> None:
    ratings = [
        MemberRating("김", "사회보장사업/1-1-1", A, A, B),
        MemberRating("류", "사회보장사업/1-1-1", X, A, A),
        MemberRating("이", "사회보장사업/1-1-1", None, B, X),
        MemberRating("김", "발전전략/1-1-1", A, B, None),
        MemberRating("류", "발전전략/1-1-1", B, B, None),
    ]
    assert disagreements(ratings) == [
        Disagreement("사회보장사업/1-1-1", "plan", ("김",), ("류",)),
        Disagreement("사회보장사업/1-1-1", "result", ("류",), ("이",)),
    ]


def test_no_disagreement_without_ratings_or_with_one_member() -> None:
    assert disagreements([]) == []
    assert disagreements([MemberRating("김", "x/1", A, X, None)]) == []


def test_tally_rows_carry_rate_flags_and_selection_and_list_unrecommended_selections() -> None:
    results = read_workbook(build_workbook(), "t.xlsx")
    recs = [
        Recommendation("m1", "사회보장사업/1-1-2", "신설 사업 안착"),
        Recommendation("m2", "사회보장사업/1-2-1", "참여 확대"),
        Recommendation("m3", "사회보장사업/1-2-1", "성과 우수"),
    ]
    selections = [
        Selection("사회보장사업/1-2-1", "추천 2명, 달성률 160%", 1),
        Selection("발전전략/1-1-1", "거버넌스 모범", 2),
    ]
    rows = tally_rows(recs, selections, results)
    assert [r.sub_project_id for r in rows] == [
        "사회보장사업/1-2-1",
        "사회보장사업/1-1-2",
        "발전전략/1-1-1",
    ]
    assert [r.count for r in rows] == [2, 1, 0]
    assert rows[0].rate == 160 and Flag.OVER_ACHIEVING in rows[0].flags
    assert rows[1].rate == 75 and rows[1].flags == (
        Flag.UNDERPERFORMING,
        Flag.LOW_EXECUTION,
        Flag.NEW,
    )
    assert rows[0].selection is not None and rows[1].selection is None
    assert rows[2].selection is not None and rows[2].selection.reason == "거버넌스 모범"


def test_tally_row_of_a_project_the_workbook_no_longer_has() -> None:
    results = read_workbook(build_workbook(), "t.xlsx")
    [row] = tally_rows([Recommendation("m1", "사회보장사업/9-9-9", "?")], [], results)
    assert row.sub_project is None and row.rate is None and row.flags == ()


def _snapshot(**fields: object) -> RoundSnapshot:
    return RoundSnapshot(
        district="부산광역시 사상구",
        year=2023,
        status=RoundStatus.COLLECTING,
        settings=default_settings(),
        **fields,  # type: ignore[arg-type]
    )


def test_reply_counts_count_only_submitted_roster_members() -> None:
    snap = _snapshot(
        roster=(RosterEntry("m1", "김"), RosterEntry("m2", "류"), RosterEntry("m3", "이")),
        submissions=(
            Submission("m1", True),
            Submission("m2", False),
            Submission("gone", True),  # no longer on the roster
        ),
    )
    assert reply_counts(snap) == (1, 3)
    assert reply_counts(_snapshot()) == (0, 0)


def test_opinions_grouped_by_target_overall_first_in_written_order() -> None:
    ops = [
        Opinion("o1", "m1", CommentCategory.RESULTS, "첫째", target="사회보장사업/1-1-1"),
        Opinion("o2", "m2", CommentCategory.RESULTS, "둘째"),
        Opinion("o3", "m1", CommentCategory.COOPERATION, "민관"),
        Opinion("o4", "m3", CommentCategory.RESULTS, "셋째", target="사회보장사업/1-1-1"),
    ]
    groups = opinions_by_target(ops, CommentCategory.RESULTS)
    assert [(t, [o.opinion_id for o in g]) for t, g in groups] == [
        (None, ["o2"]),
        ("사회보장사업/1-1-1", ["o1", "o4"]),
    ]
