"""The shared database on screen: secrets, the engine, and what to say when it is down.

One module that every reader of the store uses (the data loader, reviews, rounds) without
importing sign-in. The database is ``st.connection("reviews", type="sql")``; its URL is
``[connections.reviews] url`` in ``.streamlit/secrets.toml`` (PostgreSQL:
``postgresql+psycopg://app_user:password@host:5432/reviews``); without one, the SQLite
file ``data/reviews.db`` in the app folder (created on first use). The URL is passed to
``st.connection`` explicitly, so the connection is cached per URL (and ``AppTest.secrets``,
which ``st.connection`` itself does not read, reaches it too).

PostgreSQL with two roles (see the README's storage section): when
``[connections.reviews_owner] url`` names the owner role, the schema is migrated through
it once per server process and the app role is granted SELECT/INSERT only; the app's own
connection then never needs to create or alter anything.

Failures: ``DATABASE_ERRORS`` are what a read or write may raise; ``problem_message`` turns
one into Korean (a store refusal's own message; ``StoreUnavailable`` says the database is
down); ``database_down(error)`` tells a page to say so instead of showing other data.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import streamlit as st
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError

from lib import store
from lib.store import StoreError, StoreUnavailable
from lib.strings_ko import ReviewText, RoundStoreText

CONNECTION: Final = "reviews"
OWNER_CONNECTION: Final = "reviews_owner"
DEFAULT_DATABASE: Final = Path(__file__).resolve().parents[2] / "data" / "reviews.db"
DEFAULT_URL: Final = f"sqlite:///{DEFAULT_DATABASE}"
# Connection settings other than ``url`` that let st.connection build a URL itself.
_URL_PARTS: Final = ("dialect", "host", "username")

# Errors a read or write of the database may raise that the user should read in Korean.
DATABASE_ERRORS: Final = (SQLAlchemyError, StoreError, ValueError, OSError)

_log = logging.getLogger(__name__)


def read_secrets() -> dict[str, Any]:
    """``st.secrets`` as a plain dict; empty when there is no secrets.toml at all."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file
        return {}


def _section(secrets: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    connections = secrets.get("connections")
    section = connections.get(name) if isinstance(connections, Mapping) else None
    return section if isinstance(section, Mapping) else None


def connection_url(secrets: Mapping[str, Any]) -> str | None:
    """The URL to pass to ``st.connection``: the secrets' own, else ``DEFAULT_URL``.

    ``None`` when ``[connections.reviews]`` describes the database in parts (dialect, host,
    username, …) instead of a url: then st.connection builds the URL from the secrets.
    """
    section = _section(secrets, CONNECTION)
    if section is not None:
        url = section.get("url")
        if isinstance(url, str) and url.strip():
            return url.strip()
        if any(section.get(part) for part in _URL_PARTS):
            return None
    return DEFAULT_URL


def owner_url(secrets: Mapping[str, Any]) -> str | None:
    """``[connections.reviews_owner] url``: the role that owns the schema, if configured."""
    section = _section(secrets, OWNER_CONNECTION)
    url = None if section is None else section.get("url")
    return url.strip() if isinstance(url, str) and url.strip() else None


@st.cache_resource(show_spinner=False, max_entries=4)
def _migrated_by_owner(owner: str, app_role: str | None) -> bool:
    """Migrate once per server process through the owner role, granting the app role."""
    engine = create_engine(owner)
    try:
        store.migrate(engine, grant_to=app_role)
    finally:
        engine.dispose()
    return True


def reviews_engine() -> Engine:
    """The database engine (cached by st.connection), migrated and ready.

    Raises ``StoreUnavailable`` (Korean) when the database cannot be reached or used.
    """
    secrets = read_secrets()
    url = connection_url(secrets)
    if url is None:
        connection = st.connection(CONNECTION, type="sql")
    else:
        connection = st.connection(CONNECTION, type="sql", url=url)
    engine = connection.engine
    owner = owner_url(secrets)
    if owner is not None:
        _migrated_by_owner(owner, engine.url.username)
    return store.prepare(engine)


def database_key(engine: Engine) -> str:
    """Which database an engine reaches (password hidden), for cache keys."""
    return engine.url.render_as_string(hide_password=True)


def database_down(error: BaseException) -> bool:
    """Whether ``error`` means the database cannot be used at all (not a refusal)."""
    return isinstance(error, StoreUnavailable) or not isinstance(error, StoreError)


def read_problem(error: BaseException) -> str:
    """Why a read failed, in Korean: the store's own words, else that the database is down."""
    if isinstance(error, StoreError):
        return str(error)
    _log.warning("database read failed", exc_info=error)
    return RoundStoreText.UNAVAILABLE


def problem_message(error: BaseException) -> str:
    """A store refusal's own Korean message, or a general one for a database failure."""
    if isinstance(error, StoreError):
        return str(error)
    _log.warning("reviews database error", exc_info=error)
    return ReviewText.WRITE_FAILED
