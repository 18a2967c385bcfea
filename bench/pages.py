"""Each page's AppTest rerun time, with many workbooks kept in the database or none."""

from __future__ import annotations

import logging
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit import logger
from streamlit.testing.v1 import AppTest

from lib.ui.keys import Key

ROOT = Path(__file__).resolve().parent.parent
PAGES: tuple[str, ...] = (
    "overview",
    "strategies",
    "projects",
    "flags",
    "comments",
    "review",
    "present",
    "data",
)
TIMEOUT = 300  # seconds; the first run reads every kept workbook


def clear_caches() -> None:
    """Forget every st.cache_resource / st.cache_data entry of this process (outside a
    script run Streamlit warns that there is no runtime, at a level each AppTest resets)."""
    logger.set_log_level(logging.ERROR)
    st.cache_resource.clear()
    st.cache_data.clear()


def app(url: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.secrets["connections"] = {"reviews": {"url": url}}
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def _errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.exception]


def _catalog_script() -> None:
    """Build the app's catalog once and say how long it took and what it holds."""
    import time

    import streamlit as st

    from lib.ui.data import catalog

    start = time.perf_counter()
    loaded = catalog()
    seconds = time.perf_counter() - start
    st.text(f"{seconds!r} {len(loaded.entries)}")


@dataclass(frozen=True)
class CatalogTiming:
    entries: int
    cold: float  # empty caches: every kept workbook read from the database and parsed
    warm: float  # the next rerun: every workbook from the content-hash cache
    relisted: float  # the list of kept workbooks read again (its 10 s cache expired)


def catalog_timing(url: str) -> CatalogTiming:
    from lib.ui.data import forget_stored_list

    clear_caches()
    at = AppTest.from_function(_catalog_script, default_timeout=TIMEOUT)
    at.secrets["connections"] = {"reviews": {"url": url}}

    def once() -> tuple[float, int]:
        at.run()
        if at.exception:
            raise RuntimeError(_errors(at))
        seconds, entries = at.text[0].value.split()
        return float(seconds), int(entries)

    cold, entries = once()
    warm = statistics.median(once()[0] for _ in range(5))
    relisted = []
    for _ in range(5):
        forget_stored_list()
        relisted.append(once()[0])
    return CatalogTiming(entries, cold, warm, statistics.median(relisted))


@dataclass(frozen=True)
class PageTiming:
    page: str
    median: float  # seconds
    runs: tuple[float, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class PagesResult:
    label: str
    first_run: float  # app.py's very first run (caches cleared)
    districts: int  # options of the 시군구 selector (1 when there is none)
    shown: str  # 시군구 · 연도 the pages showed
    pages: dict[str, PageTiming]


def page_times(
    label: str, url: str, reruns: int, query: dict[str, str] | None = None
) -> PagesResult:
    """app.py, then each page: one warm-up run, then ``reruns`` timed reruns (median)."""
    clear_caches()
    at = app(url, query)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{label}: {_errors(at)}")
    selectors = [s for s in at.selectbox if s.key == Key.DISTRICT]
    districts = len(selectors[0].options) if selectors else 1
    results = at.session_state[Key.RESULTS]
    shown = f"{results.meta.district} · {results.meta.year}"
    pages: dict[str, PageTiming] = {}
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py")
        at.run()  # warm-up
        runs = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - start)
        pages[page] = PageTiming(page, statistics.median(runs), tuple(runs), tuple(_errors(at)))
    return PagesResult(label, first, districts, shown, pages)
