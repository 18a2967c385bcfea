"""Stored reviews on screen: comments from both sources, the actor who writes, history.

The database and its engine are in ``lib.ui.db`` (re-exported here for the pages that
import them from this module).

``comment_views(results)`` is what every page lists as comments: the workbook's
모니터링의견 followed by the current stored reviews of the same 시군구·연도. The stored part
is cached for a few seconds per database, 시군구, 연도 and workbook hash, and cleared by
``invalidate()`` after every write from this server.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Final

import streamlit as st
from sqlalchemy import Engine

from lib import comments, store
from lib import format as fmt
from lib.auth import ReviewerConfigError, role_for
from lib.comments import CommentView
from lib.rounds import Actor, Role
from lib.schema import Rating, Results
from lib.store import ReviewVersion, withdrawn_reviews
from lib.strings_ko import ReviewText, StoreText
from lib.ui.db import (
    DATABASE_ERRORS,
    DEFAULT_DATABASE,
    DEFAULT_URL,
    connection_url,
    database_key,
    problem_message,
    read_secrets,
    reviews_engine,
)
from lib.ui.markup import escape_markdown
from lib.ui.signin import Writer, current_writer

__all__ = [  # the database names pages import from here (their home is lib.ui.db)
    "DATABASE_ERRORS",
    "DEFAULT_DATABASE",
    "DEFAULT_URL",
    "connection_url",
    "problem_message",
    "withdrawn_reviews",
]

CACHE_SECONDS: Final = 5

_log = logging.getLogger(__name__)

STAGES: Final[tuple[tuple[str, str], ...]] = (
    ("rating_plan", StoreText.STAGE_PLAN),
    ("rating_check", StoreText.STAGE_CHECK),
    ("rating_result", StoreText.STAGE_RESULT),
)


def actor_of(writer: Writer) -> Actor:
    """The store's ``Actor`` for a signed-in writer, with the role the secrets give them
    (위원 when the secrets name an unknown role: logged, and the store refuses what only the
    사무국 may do)."""
    try:
        role = role_for(read_secrets(), writer.identity)
    except ReviewerConfigError as error:
        _log.warning("role of %s not read", writer.identity, exc_info=error)
        role = Role.MEMBER
    return Actor(account=writer.identity, name=writer.name, role=role)


def current_actor() -> Actor | None:
    """Who writes in this session, as the store's ``Actor`` (``None``: not signed in)."""
    writer = current_writer()
    return None if writer is None else actor_of(writer)


# ── Comments from both sources ──────────────────────────────────────────────────────


@st.cache_data(ttl=CACHE_SECONDS, max_entries=64, show_spinner=False)
def _stored_views(
    database: str, district: str, year: int, sha256: str, _engine: Engine, _results: Results
) -> list[CommentView]:
    """Current stored reviews of one workbook as comments (cached briefly)."""
    return store.to_comment_views(store.current_reviews(_engine, district, year), _results)


def stored_views(results: Results) -> list[CommentView]:
    """The current stored reviews of ``results``' 시군구·연도 as comments (may raise)."""
    engine = reviews_engine()
    meta = results.meta
    return _stored_views(
        database_key(engine), meta.district, meta.year, results.source_sha256, engine, results
    )


def readable_stored_views(results: Results) -> list[CommentView]:
    """The stored reviews as comments; none, with a warning, when the database cannot be read."""
    try:
        return stored_views(results)
    except DATABASE_ERRORS as error:
        _log.warning("stored reviews not read", exc_info=error)
        st.warning(ReviewText.STORE_UNAVAILABLE, icon=":material/warning:")
        return []


def comment_views(results: Results) -> list[CommentView]:
    """Every comment to show: the workbook's 모니터링의견, then the stored reviews."""
    return comments.from_workbook(results) + readable_stored_views(results)


def invalidate() -> None:
    """Forget the cached stored reviews (call after every write)."""
    _stored_views.clear()


# ── One project's reviews ───────────────────────────────────────────────────────────


def stage_counts(reviews: Iterable[ReviewVersion]) -> list[tuple[str, dict[Rating, int]]]:
    """Per stage (계획수립, 이행점검, 결과확인): how many reviews rated it 적절 / 보통 / 부적절."""
    listed = [r for r in reviews if not r.withdrawn]
    result: list[tuple[str, dict[Rating, int]]] = []
    for field, stage in STAGES:
        counts = dict.fromkeys(Rating, 0)
        for review in listed:
            rating = getattr(review, field)
            if rating is not None:
                counts[rating] += 1
        result.append((stage, counts))
    return result


def stage_summary_lines(reviews: Iterable[ReviewVersion]) -> list[str]:
    """``계획수립 적절 2 · 보통 1 · 부적절 0`` for each stage (markdown, stage in bold)."""
    return [
        ReviewText.SUMMARY_LINE.format(stage=stage, summary=comments.rating_summary(counts))
        for stage, counts in stage_counts(reviews)
    ]


def _rating_text(rating: Rating | None) -> str:
    return rating.value if rating is not None else ReviewText.UNRATED


def changes(previous: ReviewVersion | None, current: ReviewVersion) -> list[str]:
    """What one version changed from the one before, in words.

    ``처음 작성`` for version 1, ``철회`` for a withdrawal, else e.g.
    ``['결과확인 보통 → 적절', '의견 문구']`` (empty when nothing differs).
    """
    if previous is None:
        return [ReviewText.HISTORY_CREATED]
    if current.withdrawn and not previous.withdrawn:
        return [ReviewText.HISTORY_WITHDRAWN]
    found: list[str] = []
    if current.category is not previous.category:
        found.append(
            ReviewText.CHANGE.format(
                what=ReviewText.CHANGE_CATEGORY,
                old=previous.category.value,
                new=current.category.value,
            )
        )
    for field, stage in STAGES:
        old, new = getattr(previous, field), getattr(current, field)
        if old is not new:
            found.append(
                ReviewText.CHANGE.format(what=stage, old=_rating_text(old), new=_rating_text(new))
            )
    if current.comment != previous.comment:
        found.append(ReviewText.CHANGE_COMMENT)
    return found


def history_lines(trail: list[ReviewVersion]) -> list[tuple[ReviewVersion, str]]:
    """Each version with its markdown line (author escaped):
    ``**2번째 판** · 김소영 · 2024. 3. 15. 14:05 · 결과확인 보통 → 적절``."""
    lines: list[tuple[ReviewVersion, str]] = []
    previous: ReviewVersion | None = None
    for version in trail:
        what = ", ".join(changes(previous, version)) or ReviewText.HISTORY_NO_CHANGE
        lines.append(
            (
                version,
                ReviewText.HISTORY_LINE.format(
                    version=version.version,
                    author=escape_markdown(version.author),
                    when=fmt.datetime_label(version.created_at),
                    what=what,
                ),
            )
        )
        previous = version
    return lines
