"""Where the loaded results come from: the bundled sample, the workbooks kept in the
database, and this browser's unsaved uploads; each read once per content hash.

One content-addressed loader (``_parsed``): a workbook's bytes are parsed once per
(SHA-256, file name), whether they were just uploaded, kept in this browser or read back
from the database after 확정 — the upload's check is the parse every later use finds, and
the bytes are fetched from the database only on a miss. Uploads are untrusted and are read
in a bounded child process (``lib.workbook.bounded``); the sample and kept workbooks (kept
only after passing that check) are read in this process.

Parsed results are cached with ``st.cache_resource``: they are frozen pydantic models that
nothing mutates, and ``st.cache_data`` would unpickle a copy of every loaded workbook on
every rerun (229 of them at national scale). The whole catalog is cached too, keyed by a
fingerprint of what it holds, so that a rerun makes one cache lookup rather than one per
workbook (each lookup hashes its arguments) and does not rebuild ``Catalog.of``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from lib import format as fmt
from lib import store
from lib.errors import Problem, WorkbookError
from lib.schema import Results
from lib.strings_ko import DataText, ExportText, LayoutText, RoundStoreText
from lib.ui.db import DATABASE_ERRORS, database_key, read_problem, reviews_engine
from lib.ui.filters import current_filter
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.views.collection import Catalog
from lib.views.view import View
from lib.workbook import DEFAULT_LIMITS, Limits, collector_paused, read_workbook
from lib.workbook.bounded import read_bounded

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample" / "sasang_2023.xlsx"
STORED_LIST_SECONDS = 10  # how long the list of kept workbooks is reused before re-reading

_log = logging.getLogger(__name__)


UPLOAD_LIMITS: Limits = DEFAULT_LIMITS  # what 데이터 관리 tells users before they upload

Outcome = Results | tuple[Problem, ...]  # a workbook's results, or every problem in it


@st.cache_resource(show_spinner=LayoutText.READING, max_entries=1024)
def _parsed(sha256: str, name: str, _fetch: Callable[[], bytes], _untrusted: bool) -> Outcome:
    """The one loader: the bytes ``_fetch`` gives (only called on a miss), parsed once per
    content hash and name (the name is part of ``Results``); ``_untrusted`` bytes are read
    in a bounded child process. Neither underscored argument is part of the key: the same
    bytes read the same whoever asks first."""
    try:
        if _untrusted:
            return read_bounded(_fetch(), name, DEFAULT_LIMITS, sha256)
        # Kept bytes (read in a bounded child before they were kept) or the bundled sample.
        return read_workbook(_fetch(), name, DEFAULT_LIMITS, sha256, screen=False)
    except WorkbookError as error:
        return error.problems


def results_of(
    sha256: str, name: str, fetch: Callable[[], bytes], untrusted: bool = False
) -> Results:
    """A workbook's results through the one loader; ``WorkbookError`` when it is invalid."""
    outcome = _parsed(sha256, name, fetch, untrusted)
    if isinstance(outcome, Results):
        return outcome
    raise WorkbookError(list(outcome))


def sample_results() -> Results:
    data = SAMPLE_PATH.read_bytes()
    return results_of(hashlib.sha256(data).hexdigest(), SAMPLE_PATH.name, lambda: data)


@dataclass(frozen=True)
class SessionWorkbook:
    """An upload shown in this browser only (not confirmed into the database)."""

    sha256: str
    name: str
    data: bytes

    def fetch(self) -> bytes:
        """The bytes, as the loader asks for them on a miss (``results_of``'s ``fetch``)."""
        return self.data


@dataclass(frozen=True)
class Upload:
    """One uploaded file: hashed once and checked once (its outcome is what every later
    use of the same bytes and name finds in the loader)."""

    name: str
    sha256: str
    data: bytes
    outcome: Outcome

    @property
    def results(self) -> Results | None:
        return self.outcome if isinstance(self.outcome, Results) else None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return () if isinstance(self.outcome, Results) else self.outcome


def check_upload(name: str, data: bytes) -> Upload:
    """Hash and check an upload (in a bounded child process, once per content and name)."""
    sha256 = hashlib.sha256(data).hexdigest()
    return Upload(name, sha256, data, _parsed(sha256, name, lambda: data, True))


def keep_in_browser(upload: Upload) -> None:
    """Show an accepted upload in this browser only (no database)."""
    uploads: list[SessionWorkbook] = st.session_state.setdefault(Key.SESSION_WORKBOOKS, [])
    if all(u.sha256 != upload.sha256 for u in uploads):
        uploads.append(SessionWorkbook(upload.sha256, upload.name, upload.data))


def confirm_upload(upload: Upload, uploaded_by: str, uploaded_by_id: str) -> store.StoredWorkbook:
    """Keep an accepted upload in the database as the version in use of its 시군구·연도;
    raises one of ``DATABASE_ERRORS`` when the database cannot take it."""
    results = upload.results
    assert results is not None, "only an accepted upload is confirmed"
    saved = store.save_workbook(
        reviews_engine(),
        district=results.meta.district,
        year=results.meta.year,
        data=upload.data,
        file_name=upload.name,
        uploaded_by=uploaded_by,
        uploaded_by_id=uploaded_by_id,
    )
    forget_stored_list()
    return saved


def problems_table(problems: tuple[Problem, ...]) -> pd.DataFrame:
    """Problems as the rejected upload's table (시트, 행, 열, 내용, 입력값)."""
    rows = [
        (sheet, "" if row is None else str(row), column, message, value)  # never "None"
        for sheet, row, column, message, value in (p.cells() for p in problems)
    ]
    return pd.DataFrame(rows, columns=list(ExportText.PROBLEM_COLUMNS))


def kept_table(kept: list[store.StoredWorkbook]) -> pd.DataFrame:
    """The kept workbooks in use, one row each, as 데이터 관리 lists them."""
    rows = [
        (
            w.district,
            w.year,
            w.version,
            w.file_name,
            w.uploaded_by,
            fmt.datetime_label(w.uploaded_at),
            f"{w.size / 1024:,.0f}KB",
        )
        for w in kept
    ]
    return pd.DataFrame(rows, columns=list(DataText.KEPT_COLUMNS))


def kept_version(results: Results) -> store.StoredWorkbook | None:
    """The kept version in use of this workbook's 시군구·연도, if any."""
    meta = results.meta
    return next(
        (w for w in stored_workbooks() if (w.district, w.year) == (meta.district, meta.year)),
        None,
    )


def workbook_versions(district: str, year: int) -> list[store.StoredWorkbook]:
    """Every kept version of one 시군구·연도, oldest first."""
    return list(store.workbook_versions(reviews_engine(), district, year))


def version_bytes(workbook_id: int) -> Callable[[], bytes]:
    """A download callback giving one kept version's bytes (read only when clicked)."""
    engine = reviews_engine()
    return lambda: store.get_workbook_bytes(engine, workbook_id)


@st.cache_data(ttl=STORED_LIST_SECONDS, show_spinner=False)
def _stored_list(database: str, _engine: Engine) -> list[store.StoredWorkbook]:
    return store.latest_workbooks(_engine)


def _stored_results(entry: store.StoredWorkbook, engine: Engine) -> Results:
    """A kept workbook through the one loader: its bytes are read from the database only
    when these bytes and name were not parsed before (an upload confirmed in this server
    was)."""
    return results_of(
        entry.sha256, entry.file_name, lambda: store.get_workbook_bytes(engine, entry.id)
    )


def stored_workbooks(report: bool = False) -> list[store.StoredWorkbook]:
    """The version in use of every kept 시군구·연도; empty when the database is unreadable,
    and then, with ``report`` (once per run, from ``catalog``), said plainly on the page."""
    try:
        engine = reviews_engine()
        return _stored_list(database_key(engine), engine)
    except DATABASE_ERRORS as error:
        _log.warning("kept workbooks not listed", exc_info=error)
        if report:
            problem = read_problem(error)
            st.error(RoundStoreText.CATALOG_DOWN.format(problem=problem), icon=":material/error:")
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
        return tuple(_stored_results(entry, _engine) for entry in _kept)


def _kept_entries(kept: list[store.StoredWorkbook]) -> list[Results]:
    engine = reviews_engine()
    key = database_key(engine)
    fingerprint = _fingerprint(f"{e.id}:{e.sha256}:{e.file_name}" for e in kept)
    try:
        return list(_kept_results(key, fingerprint, tuple(kept), engine))
    except (*DATABASE_ERRORS, WorkbookError):
        pass  # some cannot be read now: keep the others, and say which
    entries = []
    failed: list[BaseException] = []
    for entry in kept:
        try:
            entries.append(_stored_results(entry, engine))
        except WorkbookError as error:  # kept under older rules that it no longer meets
            st.warning(
                DataText.KEPT_INVALID.format(
                    district=escape_markdown(entry.district),
                    year=entry.year,
                    name=escape_markdown(entry.file_name),
                    problem=escape_markdown(str(error.problems[0])),
                ),
                icon=":material/warning:",
            )
        except DATABASE_ERRORS as error:
            _log.warning("kept workbook %s not read", entry.id, exc_info=error)
            failed.append(error)
    if failed:
        st.error(
            RoundStoreText.KEPT_UNREADABLE.format(
                count=fmt.count(len(failed)), problem=read_problem(failed[0])
            ),
            icon=":material/error:",
        )
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
    kept = stored_workbooks(report=True)
    if kept:
        entries += _kept_entries(kept)
    uploads: list[SessionWorkbook] = st.session_state.get(Key.SESSION_WORKBOOKS, [])
    for upload in uploads:
        entries.append(results_of(upload.sha256, upload.name, upload.fetch, True))
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


def view_of(results: Results) -> View:
    """``results`` through the sidebar's filter: this run's View when it is of the same
    workbook, else one built now (e.g. of the version a round was confirmed on)."""
    view = current_view()
    if view.results.source_sha256 == results.source_sha256:
        return view
    return View.build(results, current_filter(), current_catalog())


def current_catalog() -> Catalog:
    """The catalog app.py built this run."""
    found = st.session_state.get(Key.CATALOG)
    return found if isinstance(found, Catalog) else Catalog.of([current_results()])
