"""A monitoring round (모니터링 회차): the T/F's review of one 시군구·연도, as plain data.

The seed's process: the 사무국 opens a round, names the T/F (roster) and sends it the
results with two requests; each member returns a 서면의견지 (per-project ratings, overall
opinions under the two requests, up to three 우수사업 추천) and marks it 제출; the 사무국
merges the opinions into the report's points (취합) and selects the 우수사업; 확정 locks
the round. This module holds the vocabulary and the frozen snapshot every reader uses
(pages, exports, the 결과보고); ``lib.store`` persists it and enforces the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction

from lib.flags import DEFAULT_THRESHOLDS, Flag, Thresholds, flags_of
from lib.metrics import sub_project_rate
from lib.schema import CommentCategory, Rating, Results, SubProject
from lib.strings_ko import RoundDefaults

MAX_RECOMMENDATIONS = 3  # 우수사업 추천 per member


class Role(StrEnum):
    """What a signed-in account may do."""

    MEMBER = "위원"  # a T/F member: writes their own 서면의견지
    SECRETARIAT = "사무국"  # runs rounds: roster, settings, 취합, 선정, 확정, reopen


class RoundStatus(StrEnum):
    """A round's status; it only moves forward (except a recorded reopen of 확정)."""

    PREPARING = "준비"
    COLLECTING = "의견 수렴"
    MERGING = "취합"
    CONFIRMED = "확정"

    @property
    def step(self) -> int:
        return ROUND_STATUS_ORDER.index(self)

    @property
    def next(self) -> RoundStatus | None:
        i = self.step + 1
        return ROUND_STATUS_ORDER[i] if i < len(ROUND_STATUS_ORDER) else None


ROUND_STATUS_ORDER: tuple[RoundStatus, ...] = (
    RoundStatus.PREPARING,
    RoundStatus.COLLECTING,
    RoundStatus.MERGING,
    RoundStatus.CONFIRMED,
)


@dataclass(frozen=True)
class Actor:
    """Who is writing: what every store write takes (the store checks role and authorship)."""

    account: str  # sign-in identity: password username or OIDC e-mail/sub (stored as author_id)
    name: str  # display name (stored as author)
    role: Role = Role.MEMBER

    @property
    def is_secretariat(self) -> bool:
        return self.role is Role.SECRETARIAT


@dataclass(frozen=True)
class RoundSettings:
    """The round's texts for sections 1, 2, 4 and 5 of the 결과보고, and the 회신 기한."""

    composition: str  # 모니터링단 구성방법
    requests: tuple[str, ...]  # 시행결과 모니터링 요청사항, one item each
    methods: tuple[str, ...]  # 모니터링 방법, one item each
    legal_basis: str  # 관련근거
    deadline: date | None = None  # 회신 기한


def default_settings(deadline: date | None = None) -> RoundSettings:
    """The seed's wording of sections 1, 2, 4 and 5, which a round starts from."""
    return RoundSettings(
        composition=RoundDefaults.COMPOSITION,
        requests=RoundDefaults.REQUESTS,
        methods=RoundDefaults.METHODS,
        legal_basis=RoundDefaults.LEGAL_BASIS,
        deadline=deadline,
    )


@dataclass(frozen=True)
class RosterEntry:
    """A T/F member in a round, optionally linked to a sign-in account."""

    member_id: str  # stable id within the round
    name: str  # 성명
    role: str | None = None  # 구분
    affiliation: str | None = None  # 소속기관/직위
    account: str | None = None  # sign-in identity (username or OIDC e-mail) that writes as them


@dataclass(frozen=True)
class Opinion:
    """One overall opinion point a member wrote under one of the two requests."""

    opinion_id: str
    member_id: str
    category: CommentCategory  # 시행결과 / 민관협력
    text: str
    target: str | None = None  # 체계/사업번호 when the point is about one sub-project
    created_at: datetime | None = None  # UTC, of the latest version
    version: int = 1  # 1, 2, … one per edit


@dataclass(frozen=True)
class Recommendation:
    """A member's 우수사업 추천: one sub-project and why."""

    member_id: str
    sub_project_id: str  # 체계/사업번호
    reason: str


@dataclass(frozen=True)
class MergedPoint:
    """A point of the 결과보고 as the 사무국 worded it, linked to the originals it merges."""

    point_id: str
    category: CommentCategory
    text: str
    order: int  # position within its category, from 1
    sources: tuple[str, ...] = ()  # opinion_ids of the members' originals
    version: int = 1  # 1, 2, … one per rewording (every version is in the round's history)


@dataclass(frozen=True)
class Selection:
    """A 우수사업 the 사무국 selected, with its reason."""

    sub_project_id: str
    reason: str
    order: int  # from 1


@dataclass(frozen=True)
class MemberRating:
    """One member's three-stage rating of one sub-project (계획수립·이행점검·결과확인)."""

    member: str  # display name
    sub_project_id: str
    plan: Rating | None
    check: Rating | None
    result: Rating | None


@dataclass(frozen=True)
class Submission:
    """Whether a member has marked their 서면의견지 제출, and when."""

    member_id: str
    submitted: bool
    at: datetime | None = None  # UTC


@dataclass(frozen=True)
class RoundSnapshot:
    """A round as it stands: everything pages, exports and the 결과보고 show of it."""

    district: str
    year: int
    status: RoundStatus
    settings: RoundSettings
    roster: tuple[RosterEntry, ...] = ()
    submissions: tuple[Submission, ...] = ()
    opinions: tuple[Opinion, ...] = ()  # members' originals, in the order written
    recommendations: tuple[Recommendation, ...] = ()
    merged_points: tuple[MergedPoint, ...] = ()
    selections: tuple[Selection, ...] = ()
    ratings: tuple[MemberRating, ...] = ()
    workbook_sha256: str | None = None  # the workbook version the round is pinned to
    confirmed_at: datetime | None = None  # UTC, when 확정 (None before)
    notes: tuple[str, ...] = field(default=())  # free remarks, e.g. the last reopen reason

    @property
    def confirmed(self) -> bool:
        return self.status is RoundStatus.CONFIRMED

    @property
    def submitted_count(self) -> int:
        return sum(1 for s in self.submissions if s.submitted)

    @property
    def selected_ids(self) -> tuple[str, ...]:
        return tuple(s.sub_project_id for s in sorted(self.selections, key=lambda s: s.order))

    def member(self, member_id: str) -> RosterEntry | None:
        return next((m for m in self.roster if m.member_id == member_id), None)

    def report_points(self, category: CommentCategory) -> list[str]:
        """The points the 결과보고 prints for one request: merged wording when the 사무국
        has merged any, else the members' originals in the order written."""
        merged = sorted(
            (p for p in self.merged_points if p.category is category), key=lambda p: p.order
        )
        if merged:
            return [p.text for p in merged]
        return [o.text for o in self.opinions if o.category is category]


def roster_from_results(results: Results) -> tuple[RosterEntry, ...]:
    """The workbook's 모니터링단 sheet as a roster (member ids m1, m2, … in sheet order)."""
    return tuple(
        RosterEntry(
            member_id=f"m{n}", name=m.name, role=m.role, affiliation=m.affiliation, account=None
        )
        for n, m in enumerate(results.roster, start=1)
    )


def recommendation_tally(
    recommendations: Sequence[Recommendation],
) -> list[tuple[str, list[Recommendation]]]:
    """우수사업 추천 grouped by sub-project, most recommended first (ties: first recommended)."""
    groups: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        groups.setdefault(rec.sub_project_id, []).append(rec)
    return sorted(groups.items(), key=lambda item: -len(item[1]))


# ── rounds branch: pure helpers for the round pages (취합, sidebar, history) ─────────

STAGE_FIELDS: tuple[str, ...] = ("plan", "check", "result")  # MemberRating's three stages


@dataclass(frozen=True)
class Disagreement:
    """One stage of one sub-project that members rated both 적절 and 부적절."""

    sub_project_id: str
    stage: str  # one of STAGE_FIELDS
    appropriate: tuple[str, ...]  # members who rated it 적절, in rating order
    inappropriate: tuple[str, ...]  # members who rated it 부적절


def disagreements(ratings: Sequence[MemberRating]) -> list[Disagreement]:
    """Every (sub-project, stage) rated 적절 by some members and 부적절 by others.

    In the order the sub-projects were first rated, stages in STAGE_FIELDS order.
    """
    order: dict[str, None] = {}
    for rating in ratings:
        order.setdefault(rating.sub_project_id, None)
    found: list[Disagreement] = []
    for sub_project_id in order:
        about = [r for r in ratings if r.sub_project_id == sub_project_id]
        for stage in STAGE_FIELDS:
            good = tuple(r.member for r in about if getattr(r, stage) is Rating.APPROPRIATE)
            bad = tuple(r.member for r in about if getattr(r, stage) is Rating.INAPPROPRIATE)
            if good and bad:
                found.append(Disagreement(sub_project_id, stage, good, bad))
    return found


@dataclass(frozen=True)
class TallyRow:
    """One recommended (or selected) sub-project, with what the 사무국 weighs beside it."""

    sub_project_id: str
    sub_project: SubProject | None  # None when the workbook no longer has it
    recommendations: tuple[Recommendation, ...]
    rate: Fraction | None  # 달성률 (None for 폐지 or without indicators)
    flags: tuple[Flag, ...]
    selection: Selection | None  # the 사무국's selection, if made

    @property
    def count(self) -> int:
        return len(self.recommendations)


def tally_rows(
    recommendations: Sequence[Recommendation],
    selections: Sequence[Selection],
    results: Results,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[TallyRow]:
    """``recommendation_tally`` with each project's rate, flags and selection; selected
    projects nobody recommended are listed after the recommended ones."""
    chosen = {s.sub_project_id: s for s in selections}
    rows: list[TallyRow] = []
    grouped = recommendation_tally(recommendations)
    for sub_project_id in [g[0] for g in grouped] + [
        s.sub_project_id
        for s in sorted(selections, key=lambda s: s.order)
        if s.sub_project_id not in {g[0] for g in grouped}
    ]:
        sp = results.sub_project(sub_project_id)
        recs = next((tuple(g[1]) for g in grouped if g[0] == sub_project_id), ())
        rows.append(
            TallyRow(
                sub_project_id=sub_project_id,
                sub_project=sp,
                recommendations=recs,
                rate=None if sp is None or sp.abolished else sub_project_rate(sp),
                flags=() if sp is None else flags_of(sp, thresholds),
                selection=chosen.get(sub_project_id),
            )
        )
    return rows


def reply_counts(snapshot: RoundSnapshot) -> tuple[int, int]:
    """(submitted, roster size): members on the roster who have marked 제출, of all."""
    on_roster = {m.member_id for m in snapshot.roster}
    submitted = {s.member_id for s in snapshot.submissions if s.submitted}
    return len(submitted & on_roster), len(on_roster)


def opinions_by_target(
    opinions: Sequence[Opinion], category: CommentCategory
) -> list[tuple[str | None, list[Opinion]]]:
    """One request's opinions grouped by target (overall points, ``None``, first), each
    group in the order written."""
    groups: dict[str | None, list[Opinion]] = {}
    for opinion in opinions:
        if opinion.category is category:
            groups.setdefault(opinion.target, []).append(opinion)
    return sorted(groups.items(), key=lambda item: item[0] is not None)
