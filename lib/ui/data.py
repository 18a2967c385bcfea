"""Where the loaded results come from: the bundled sample, the workbooks kept in the
database, and this browser's unsaved uploads; each read once per content hash.

Parsed results are cached with ``st.cache_resource``: they are frozen pydantic models that
nothing mutates, and ``st.cache_data`` would unpickle a copy of every loaded workbook on
every rerun (229 of them at national scale). The whole catalog is cached too, keyed by a
fingerprint of what it holds, so that a rerun makes one cache lookup rather than one per
workbook (each lookup hashes its arguments) and does not rebuild ``Catalog.of``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import Engine

from lib import store
from lib.schema import Results
from lib.ui.db import DATABASE_ERRORS, database_key, reviews_engine
from lib.ui.filters import current_filter
from lib.ui.keys import Key
from lib.views.collection import Catalog
from lib.views.view import View
from lib.workbook import collector_paused, read_workbook

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample" / "sasang_2023.xlsx"
STORED_LIST_SECONDS = 10  # how long the list of kept workbooks is reused before re-reading

_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="워크북을 읽는 중…", max_entries=1024)
def load_results(sha256: str, _data: bytes, name: str) -> Results:
    """Read a workbook once per content hash (``_data`` is not hashed again)."""
    return read_workbook(_data, name)


def sample_results() -> Results:
    data = SAMPLE_PATH.read_bytes()
    return load_results(hashlib.sha256(data).hexdigest(), data, SAMPLE_PATH.name)


@dataclass(frozen=True)
class SessionWorkbook:
    """An upload shown in this browser only (not confirmed into the database)."""

    sha256: str
    name: str
    data: bytes


@st.cache_data(ttl=STORED_LIST_SECONDS, show_spinner=False)
def _stored_list(database: str, _engine: Engine) -> list[store.StoredWorkbook]:
    return store.latest_workbooks(_engine)


@st.cache_resource(show_spinner="보관된 워크북을 읽는 중…", max_entries=1024)
def _stored_results(
    database: str, workbook_id: int, sha256: str, file_name: str, _engine: Engine
) -> Results:
    """A kept workbook, read from the database once per content hash."""
    return read_workbook(store.get_workbook_bytes(_engine, workbook_id), file_name)


def stored_workbooks() -> list[store.StoredWorkbook]:
    """The version in use of every kept 시군구·연도; empty when the database is unreadable."""
    try:
        engine = reviews_engine()
        return _stored_list(database_key(engine), engine)
    except DATABASE_ERRORS as error:
        _log.warning("kept workbooks not listed", exc_info=error)
        return []


def forget_stored_list() -> None:
    """Call after confirming a workbook so every page sees it at once."""
    _stored_list.clear()


def _fingerprint(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\x1f")
    return digest.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=8)
def _kept_results(
    database: str, fingerprint: str, _kept: tuple[store.StoredWorkbook, ...], _engine: Engine
) -> tuple[Results, ...]:
    """Every kept workbook in use, for one list of them (``fingerprint``: ids and hashes).

    A database error propagates and nothing is cached, so the next run tries again.
    """
    with collector_paused():  # once for the whole list (229 at national scale)
        return tuple(
            _stored_results(database, entry.id, entry.sha256, entry.file_name, _engine)
            for entry in _kept
        )


def _kept_entries(kept: list[store.StoredWorkbook]) -> list[Results]:
    engine = reviews_engine()
    key = database_key(engine)
    fingerprint = _fingerprint(f"{e.id}:{e.sha256}:{e.file_name}" for e in kept)
    try:
        return list(_kept_results(key, fingerprint, tuple(kept), engine))
    except DATABASE_ERRORS:
        pass  # some cannot be read now: keep the others, and say which
    entries = []
    for entry in kept:
        try:
            entries.append(_stored_results(key, entry.id, entry.sha256, entry.file_name, engine))
        except DATABASE_ERRORS as error:
            _log.warning("kept workbook %s not read", entry.id, exc_info=error)
    return entries


@st.cache_resource(show_spinner=False, max_entries=8)
def _catalog_of(fingerprint: str, _entries: tuple[Results, ...]) -> Catalog:
    """``Catalog.of`` once per sequence of workbooks (``fingerprint``: hash and name of each,
    in order; the same bytes and name always read into the same results)."""
    return Catalog.of(_entries)


def catalog() -> Catalog:
    """Everything loaded: the sample, then kept workbooks, then this browser's uploads.

    A later source replaces an earlier one for the same 시군구·연도 (a district's own 2023
    workbook replaces the bundled 2023 sample).
    """
    entries = [sample_results()]
    kept = stored_workbooks()
    if kept:
        entries += _kept_entries(kept)
    for upload in st.session_state.get(Key.SESSION_WORKBOOKS, []):
        entries.append(load_results(upload.sha256, upload.data, upload.name))
    fingerprint = _fingerprint(f"{r.source_sha256}:{r.source_name}" for r in entries)
    return _catalog_of(fingerprint, tuple(entries))


def current_results() -> Results:
    """The results every page shows this run (chosen in app.py)."""
    results = st.session_state.get(Key.RESULTS)
    return results if isinstance(results, Results) else sample_results()


def current_view() -> View:
    """The View app.py built this run: the chosen workbook through the sidebar's filter."""
    found = st.session_state.get(Key.VIEW)
    if isinstance(found, View):
        return found
    return View.build(current_results(), current_filter(), current_catalog())


def current_catalog() -> Catalog:
    """The catalog app.py built this run."""
    found = st.session_state.get(Key.CATALOG)
    return found if isinstance(found, Catalog) else Catalog.of([current_results()])
