"""Reviews: per-project ratings and comments, versioned and append-only."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    and_,
    false,
    func,
    insert,
    select,
)

from lib.comments import CommentView
from lib.format import count
from lib.rounds import Actor, Role
from lib.schema import (
    SYSTEM_ORDER,
    CommentCategory,
    CommentTarget,
    Rating,
    Results,
    SubProject,
    System,
    TargetKind,
)
from lib.store.engine import (
    _lock,
    _now,
    _retried,
    _round_guard,
    _write,
    prepare,
)
from lib.store.errors import (
    CommentTooLong,
    EmptyReview,
    InvalidReview,
    NotAuthor,
    ReviewNotFound,
    ReviewWithdrawn,
    StaleReview,
)
from lib.store.tables import (
    _REVIEW_LOCK_CLASS,
    AUTHOR_ID_MAX_CHARS,
    AUTHOR_MAX_CHARS,
    CODE_MAX_CHARS,
    COMMENT_MAX_CHARS,
    DISTRICT_MAX_CHARS,
    YEAR_RANGE,
    review_versions,
)
from lib.strings_ko import LayoutText, RoundStoreText, StoreText

# ── Reviews ─────────────────────────────────────────────────────────────────────────


class Keep(Enum):
    """Marker for an edit that leaves a field as the latest version has it."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True)
class ReviewKey:
    """What a review is about: one sub-project of one workbook."""

    district: str  # 시군구
    year: int  # 연도
    system: System  # 체계
    code: str  # 사업번호

    @classmethod
    def of(cls, results: Results, sub_project: SubProject) -> ReviewKey:
        return cls(results.meta.district, results.meta.year, sub_project.system, sub_project.code)

    @property
    def sub_project_id(self) -> str:
        return f"{self.system.value}/{self.code}"


@dataclass(frozen=True)
class ReviewVersion:
    """One row of the audit trail: a review as it stood after one save."""

    id: int  # row id, increasing in insertion order
    review_id: str  # stable id of the logical review (UUID)
    version: int  # 1 for the first save, then 2, 3, … with no gaps
    key: ReviewKey
    author: str  # display name of whoever saved this version
    author_id: str | None  # login identity (username or OIDC subject/email)
    created_at: datetime  # UTC
    category: CommentCategory  # 구분: 시행결과 / 민관협력
    rating_plan: Rating | None  # 계획수립
    rating_check: Rating | None  # 이행점검
    rating_result: Rating | None  # 결과확인
    comment: str
    withdrawn: bool

    @property
    def sub_project_id(self) -> str:
        return self.key.sub_project_id

    @property
    def overall_rating(self) -> Rating | None:
        """The rating of the furthest stage rated: 결과확인, else 이행점검, else 계획수립.

        The form walks a project from planning through implementation to results, so the
        latest stage a reviewer judged is their conclusion so far; this is what rating
        summaries (적절 5 · 보통 2 · 부적절 1) count, one per review.
        """
        for rating in (self.rating_result, self.rating_check, self.rating_plan):
            if rating is not None:
                return rating
        return None

    def stage_summary(self) -> str:
        """``계획수립 적절 · 이행점검 보통 · 결과확인 평가 없음``."""
        stages = (
            (StoreText.STAGE_PLAN, self.rating_plan),
            (StoreText.STAGE_CHECK, self.rating_check),
            (StoreText.STAGE_RESULT, self.rating_result),
        )
        return " · ".join(
            StoreText.STAGE_LINE.format(
                stage=stage, rating=rating.value if rating else StoreText.STAGE_UNRATED
            )
            for stage, rating in stages
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_comment(comment: str) -> str:
    """The comment as stored: newlines unified, control characters dropped, ends trimmed."""
    text_ = comment.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text_).strip()


def _check_text(value: str, field: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise InvalidReview(StoreText.FIELD_MISSING.format(field=field))
    if len(value) > limit:
        raise InvalidReview(
            StoreText.FIELD_TOO_LONG.format(
                field=field, limit=count(limit, noun=LayoutText.CHARACTERS)
            )
        )
    return value


def _check_year(year: int) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEAR_RANGE:
        raise InvalidReview(StoreText.YEAR_INVALID.format(value=year))
    return year


def _check_author(author: str, author_id: str | None) -> tuple[str, str | None]:
    if not author or not author.strip():
        raise InvalidReview(StoreText.AUTHOR_MISSING)
    name = _check_text(author, StoreText.FIELD_AUTHOR, AUTHOR_MAX_CHARS)
    if author_id is not None:
        author_id = _check_text(author_id, StoreText.FIELD_AUTHOR, AUTHOR_ID_MAX_CHARS)
    return name, author_id


def _check_actor(actor: Actor) -> Actor:
    """The actor with name and account trimmed; ``InvalidReview`` when either is missing."""
    if not isinstance(actor, Actor) or not actor.account or not actor.account.strip():
        raise InvalidReview(RoundStoreText.NOT_SIGNED_IN)
    name, account = _check_author(actor.name, actor.account)
    assert account is not None
    return Actor(account=account, name=name, role=Role(actor.role))


def _is_author(actor: Actor, first: ReviewVersion) -> bool:
    """Whether ``actor`` wrote the review whose first version is ``first``.

    Accounts compare case-insensitively (usernames are case-folded, e-mails are not case
    sensitive); a review kept without an account (before sign-in identities were stored)
    belongs to whoever has its display name.
    """
    if first.author_id is None:
        return first.author == actor.name
    return first.author_id.strip().casefold() == actor.account.strip().casefold()


def _check_content(
    category: CommentCategory,
    ratings: tuple[Rating | None, Rating | None, Rating | None],
    comment: str,
) -> tuple[CommentCategory, tuple[Rating | None, ...], str]:
    category = CommentCategory(category)
    checked = tuple(None if r is None else Rating(r) for r in ratings)
    comment = clean_comment(comment)
    if len(comment) > COMMENT_MAX_CHARS:
        raise CommentTooLong(len(comment))
    if not comment and all(r is None for r in checked):
        raise EmptyReview()
    return category, checked, comment


def _check_key(key: ReviewKey) -> ReviewKey:
    return ReviewKey(
        district=_check_text(key.district, StoreText.FIELD_DISTRICT, DISTRICT_MAX_CHARS),
        year=_check_year(key.year),
        system=System(key.system),
        code=_check_text(key.code, StoreText.FIELD_CODE, CODE_MAX_CHARS),
    )


def _review_values(
    review_id: str,
    version: int,
    key: ReviewKey,
    author: tuple[str, str | None],
    category: CommentCategory,
    ratings: tuple[Rating | None, ...],
    comment: str,
    withdrawn: bool,
) -> dict[str, Any]:
    return {
        "review_id": review_id,
        "version": version,
        "district": key.district,
        "year": key.year,
        "system": key.system.value,
        "code": key.code,
        "author": author[0],
        "author_id": author[1],
        "created_at": _now(),
        "category": category.value,
        "rating_plan": None if ratings[0] is None else ratings[0].value,
        "rating_check": None if ratings[1] is None else ratings[1].value,
        "rating_result": None if ratings[2] is None else ratings[2].value,
        "comment": comment,
        "withdrawn": withdrawn,
    }


def _review(row: Mapping[Any, Any]) -> ReviewVersion:
    def rating(value: str | None) -> Rating | None:
        return None if value is None else Rating(value)

    return ReviewVersion(
        id=int(row["id"]),
        review_id=row["review_id"],
        version=int(row["version"]),
        key=ReviewKey(row["district"], int(row["year"]), System(row["system"]), row["code"]),
        author=row["author"],
        author_id=row["author_id"],
        created_at=row["created_at"],
        category=CommentCategory(row["category"]),
        rating_plan=rating(row["rating_plan"]),
        rating_check=rating(row["rating_check"]),
        rating_result=rating(row["rating_result"]),
        comment=row["comment"],
        withdrawn=bool(row["withdrawn"]),
    )


def _insert_review(conn: Connection, values: dict[str, Any]) -> ReviewVersion:
    created = conn.execute(insert(review_versions).values(**values).returning(review_versions))
    return _review(created.one()._mapping)


def create_review(
    engine: Engine,
    key: ReviewKey,
    *,
    actor: Actor,
    category: CommentCategory = CommentCategory.RESULTS,
    rating_plan: Rating | None = None,
    rating_check: Rating | None = None,
    rating_result: Rating | None = None,
    comment: str = "",
) -> ReviewVersion:
    """Save a new review (version 1 under a new ``review_id``); ``RoundLocked`` when the
    round of its 시군구·연도 is 확정."""
    prepare(engine)
    key = _check_key(key)
    actor = _check_actor(actor)
    who = (actor.name, actor.account)
    category, ratings, comment = _check_content(
        category, (rating_plan, rating_check, rating_result), comment
    )
    values = _review_values(str(uuid.uuid4()), 1, key, who, category, ratings, comment, False)
    with _write(engine) as conn:
        _round_guard(conn, key.district, key.year, exclusive=False)
        return _insert_review(conn, values)


def _latest(conn: Connection, review_id: str) -> ReviewVersion | None:
    row = conn.execute(
        select(review_versions)
        .where(review_versions.c.review_id == review_id)
        .order_by(review_versions.c.version.desc())
        .limit(1)
    ).first()
    return None if row is None else _review(row._mapping)


def _first(conn: Connection, review_id: str) -> ReviewVersion | None:
    row = conn.execute(
        select(review_versions).where(
            review_versions.c.review_id == review_id, review_versions.c.version == 1
        )
    ).first()
    return None if row is None else _review(row._mapping)


def _append(
    engine: Engine,
    review_id: str,
    actor: Actor,
    expected_version: int | None,
    build: Callable[[ReviewVersion], dict[str, Any] | None],
) -> ReviewVersion:
    """Insert the version after the latest, built from it; retried on a version clash.

    Only the review's author may (``NotAuthor``), and not while its round is 확정.
    """
    prepare(engine)

    def insert_next() -> ReviewVersion:
        with _write(engine) as conn:
            _lock(conn, _REVIEW_LOCK_CLASS, review_id)
            latest = _latest(conn, review_id)
            first = _first(conn, review_id)
            if latest is None or first is None:
                raise ReviewNotFound(review_id)
            if not _is_author(actor, first):
                raise NotAuthor()
            _round_guard(conn, latest.key.district, latest.key.year, exclusive=False)
            if expected_version is not None and latest.version != expected_version:
                raise StaleReview(latest)
            if latest.withdrawn:
                raise ReviewWithdrawn(latest)
            values = build(latest)
            if values is None:
                return latest
            return _insert_review(conn, values)

    return _retried(insert_next, "uq_review_versions_review_version", ("review_id", "version"))


def edit_review(
    engine: Engine,
    review_id: str,
    *,
    actor: Actor,
    expected_version: int | None = None,
    category: CommentCategory | Keep = KEEP,
    rating_plan: Rating | Keep | None = KEEP,
    rating_check: Rating | Keep | None = KEEP,
    rating_result: Rating | Keep | None = KEEP,
    comment: str | Keep = KEEP,
) -> ReviewVersion:
    """Save the next version: fields left as ``KEEP`` come from the latest version.

    With ``expected_version``, raise ``StaleReview`` unless it is still the latest. An edit
    that changes nothing returns the latest version and adds none.
    """
    actor = _check_actor(actor)
    who = (actor.name, actor.account)

    def build(latest: ReviewVersion) -> dict[str, Any] | None:
        new_category, ratings, new_comment = _check_content(
            latest.category if category is KEEP else category,
            (
                latest.rating_plan if rating_plan is KEEP else rating_plan,
                latest.rating_check if rating_check is KEEP else rating_check,
                latest.rating_result if rating_result is KEEP else rating_result,
            ),
            latest.comment if comment is KEEP else comment,
        )
        old = (
            latest.category,
            (latest.rating_plan, latest.rating_check, latest.rating_result),
            latest.comment,
        )
        if (new_category, ratings, new_comment) == old:
            return None
        return _review_values(
            review_id,
            latest.version + 1,
            latest.key,
            who,
            new_category,
            ratings,
            new_comment,
            False,
        )

    return _append(engine, review_id, actor, expected_version, build)


def withdraw_review(
    engine: Engine,
    review_id: str,
    *,
    actor: Actor,
    expected_version: int | None = None,
) -> ReviewVersion:
    """Withdraw a review: a last version, marked withdrawn, that keeps its content."""
    actor = _check_actor(actor)
    who = (actor.name, actor.account)

    def build(latest: ReviewVersion) -> dict[str, Any]:
        ratings = (latest.rating_plan, latest.rating_check, latest.rating_result)
        return _review_values(
            review_id,
            latest.version + 1,
            latest.key,
            who,
            latest.category,
            ratings,
            latest.comment,
            True,
        )

    return _append(engine, review_id, actor, expected_version, build)


def get_review(engine: Engine, review_id: str) -> ReviewVersion:
    """The latest version of one review, withdrawn or not."""
    prepare(engine)
    with engine.connect() as conn:
        latest = _latest(conn, review_id)
    if latest is None:
        raise ReviewNotFound(review_id)
    return latest


def history(engine: Engine, review_id: str) -> list[ReviewVersion]:
    """Every version of one review, oldest first (empty for an unknown id)."""
    prepare(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            select(review_versions)
            .where(review_versions.c.review_id == review_id)
            .order_by(review_versions.c.version)
        ).all()
    return [_review(r._mapping) for r in rows]


def withdrawn_reviews(
    engine: Engine, district: str, year: int, system: System, code: str
) -> list[list[ReviewVersion]]:
    """Every version of each withdrawn review of one sub-project, oldest review first."""
    prepare(engine)
    rv = review_versions
    query = (
        select(rv)
        .where(
            rv.c.review_id.in_(
                select(rv.c.review_id).where(
                    rv.c.district == district,
                    rv.c.year == year,
                    rv.c.system == System(system).value,
                    rv.c.code == code,
                    rv.c.withdrawn.is_(True),
                )
            )
        )
        .order_by(rv.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    trails: dict[str, list[ReviewVersion]] = {}
    for row in rows:
        version = _review(row._mapping)
        trails.setdefault(version.review_id, []).append(version)
    ordered = (sorted(t, key=lambda v: v.version) for t in trails.values())
    return sorted(ordered, key=lambda t: t[0].id)


def _natural(code: str) -> tuple[tuple[int, int | str], ...]:
    """``1-2-10`` after ``1-2-9``."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", code) if p)


def _current(engine: Engine, *where: ColumnElement[bool]) -> list[ReviewVersion]:
    prepare(engine)
    rv = review_versions
    latest = (
        select(
            rv.c.review_id,
            func.max(rv.c.version).label("latest_version"),
            func.min(rv.c.id).label("first_id"),
        )
        .where(*where)
        .group_by(rv.c.review_id)
        .subquery()
    )
    query = (
        select(rv, latest.c.first_id)
        .join(
            latest,
            and_(rv.c.review_id == latest.c.review_id, rv.c.version == latest.c.latest_version),
        )
        .where(rv.c.withdrawn == false())
    )
    with engine.connect() as conn:
        rows: list[Row[Any]] = list(conn.execute(query).all())

    def order(row: Row[Any]) -> tuple[Any, ...]:
        m = row._mapping
        return (SYSTEM_ORDER.index(System(m["system"])), _natural(m["code"]), m["first_id"])

    return [_review(r._mapping) for r in sorted(rows, key=order)]


def current_reviews(engine: Engine, district: str, year: int) -> list[ReviewVersion]:
    """The latest version of every review of a workbook that is not withdrawn.

    Ordered by 체계 (사회보장사업 first), 사업번호, then when each review was first written.
    """
    rv = review_versions
    return _current(engine, rv.c.district == district, rv.c.year == year)


def reviews_for_project(
    engine: Engine, district: str, year: int, system: System, code: str
) -> list[ReviewVersion]:
    """``current_reviews`` of one sub-project, oldest review first."""
    rv = review_versions
    return _current(
        engine,
        rv.c.district == district,
        rv.c.year == year,
        rv.c.system == System(system).value,
        rv.c.code == code,
    )


def to_comment_views(reviews: Iterable[ReviewVersion], results: Results) -> list[CommentView]:
    """Current reviews of ``results``' workbook as comments beside the workbook's own.

    Reviews of another 시군구·연도 and withdrawn ones are left out. Each speaks of its
    sub-project (strategy and key project filled from ``results`` when the project is still
    in the workbook; kept, by 체계/사업번호 alone, when a newer workbook dropped it). The text
    is the comment, or the stage ratings when only ratings were given; ``rating`` is
    ``ReviewVersion.overall_rating`` (결과확인, else 이행점검, else 계획수립).
    """
    meta = results.meta
    views: list[CommentView] = []
    for review in reviews:
        if review.withdrawn or (review.key.district, review.key.year) != (meta.district, meta.year):
            continue
        sub_project = results.sub_project(review.sub_project_id)
        target = CommentTarget(
            kind=TargetKind.SUB_PROJECT,
            system=review.key.system,
            strategy=sub_project.strategy if sub_project else None,
            key_project=sub_project.key_project if sub_project else None,
            sub_project_id=review.sub_project_id,
        )
        views.append(
            CommentView(
                category=review.category,
                targets=(target,),
                text=review.comment or review.stage_summary(),
                reviewer=review.author,
                rating=review.overall_rating,
                source=StoreText.SOURCE,
                written_at=review.created_at,
            )
        )
    return views
