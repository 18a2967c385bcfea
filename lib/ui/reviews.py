"""Stored reviews on screen: the reviews database, and comments from both sources.

The database is ``st.connection("reviews", type="sql")``. Its URL is
``[connections.reviews] url`` in ``.streamlit/secrets.toml`` (PostgreSQL:
``postgresql+psycopg://user:password@host:5432/reviews``); without one, the SQLite file
``data/reviews.db`` in the app folder (created on first use). The URL is passed to
``st.connection`` explicitly, so the connection is cached per URL (and ``AppTest.secrets``,
which ``st.connection`` itself does not read, reaches it too).

``comment_views(results)`` is what every page lists as comments: the workbook's
모니터링의견 followed by the current stored reviews of the same 시군구·연도. The stored part
is cached for a few seconds per database, 시군구, 연도 and workbook hash, and cleared by
``invalidate()`` after every write from this server.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import streamlit as st
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from lib import comments, store
from lib import format as fmt
from lib.comments import CommentView
from lib.schema import Rating, Results, System
from lib.store import ReviewVersion, StoreError
from lib.strings_ko import ReviewText, StoreText
from lib.ui.signin import read_secrets
from lib.ui.widgets import escape_markdown

CONNECTION: Final = "reviews"
DEFAULT_DATABASE: Final = Path(__file__).resolve().parents[2] / "data" / "reviews.db"
DEFAULT_URL: Final = f"sqlite:///{DEFAULT_DATABASE}"
CACHE_SECONDS: Final = 5
# Connection settings other than ``url`` that let st.connection build a URL itself.
_URL_PARTS: Final = ("dialect", "host", "username")

_log = logging.getLogger(__name__)

# Errors a read or write of the database may raise that the user should read in Korean.
DATABASE_ERRORS: Final = (SQLAlchemyError, StoreError, ValueError, OSError)

STAGES: Final[tuple[tuple[str, str], ...]] = (
    ("rating_plan", StoreText.STAGE_PLAN),
    ("rating_check", StoreText.STAGE_CHECK),
    ("rating_result", StoreText.STAGE_RESULT),
)


# ── The connection ──────────────────────────────────────────────────────────────────


def connection_url(secrets: Mapping[str, Any]) -> str | None:
    """The URL to pass to ``st.connection``: the secrets' own, else ``DEFAULT_URL``.

    ``None`` when ``[connections.reviews]`` describes the database in parts (dialect, host,
    username, …) instead of a url: then st.connection builds the URL from the secrets.
    """
    connections = secrets.get("connections")
    section = connections.get(CONNECTION) if isinstance(connections, Mapping) else None
    if isinstance(section, Mapping):
        url = section.get("url")
        if isinstance(url, str) and url.strip():
            return url.strip()
        if any(section.get(part) for part in _URL_PARTS):
            return None
    return DEFAULT_URL


def reviews_engine() -> Engine:
    """The reviews database engine (cached by st.connection), migrated on first use."""
    url = connection_url(read_secrets())
    if url is None:
        connection = st.connection(CONNECTION, type="sql")
    else:
        connection = st.connection(CONNECTION, type="sql", url=url)
    return store.prepare(connection.engine)


def database_key(engine: Engine) -> str:
    """Which database an engine reaches (password hidden), for cache keys."""
    return engine.url.render_as_string(hide_password=True)


def problem_message(error: BaseException) -> str:
    """A store refusal's own Korean message, or a general one for a database failure."""
    if isinstance(error, StoreError):
        return str(error)
    _log.warning("reviews database error", exc_info=error)
    return ReviewText.WRITE_FAILED


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


def withdrawn_reviews(
    engine: Engine, district: str, year: int, system: System, code: str
) -> list[list[ReviewVersion]]:
    """Every version of each withdrawn review of one sub-project, oldest review first.

    (A read of the store's table; ``lib.store`` lists only current reviews.)
    """
    store.prepare(engine)
    rv = store.review_versions
    query = (
        select(rv.c.review_id, rv.c.id)
        .where(
            rv.c.district == district,
            rv.c.year == year,
            rv.c.system == System(system).value,
            rv.c.code == code,
            rv.c.withdrawn.is_(True),
        )
        .order_by(rv.c.id)
    )
    with engine.connect() as conn:
        review_ids = list(dict.fromkeys(row.review_id for row in conn.execute(query)))
    trails = [store.history(engine, review_id) for review_id in review_ids]
    return sorted((t for t in trails if t), key=lambda t: t[0].id)


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
