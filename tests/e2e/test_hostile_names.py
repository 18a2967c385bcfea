"""Hostile names in Chromium: a kept workbook whose every text field holds markdown, KaTeX,
colour directives, bare URLs and HTML, and a URL with markup in its values. On every page
none of it becomes a link, an image, a formula or markup, and no request leaves 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from lib import store
from lib.rounds import Actor
from lib.schema import CommentCategory, Rating, System
from tests.e2e.conftest import VIEWPORT, reviews_secrets, serve_app
from tests.hostile import DISTRICT, FILE_NAME, HOSTILE_PROJECT, SHORT, YEAR, hostile_workbook

WAIT_MS = 30_000
PAGES = ("", "strategies", "projects", "flags", "comments", "review", "present", "data")


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("hostile")
    engine = store.create_store_engine(f"sqlite:///{home / 'reviews.db'}")
    store.save_workbook(
        engine, district=DISTRICT, year=YEAR, data=hostile_workbook(), file_name=FILE_NAME,
        uploaded_by="담당 " + SHORT,
    )  # fmt: skip
    store.create_review(
        engine,
        store.ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-1"),
        actor=Actor("id", "위원 " + SHORT),
        category=CommentCategory.RESULTS,
        rating_result=Rating.APPROPRIATE,
        comment="저장된 의견 " + SHORT,
    )
    engine.dispose()
    with serve_app(home, reviews_secrets(home)) as url:
        yield url


# Elements that markup would have produced: images, KaTeX, e-mail links, bold, tables (links
# to other hosts are checked on every <a> below).
LIVE_SELECTORS = (
    'img[src*=".test"]',
    ".katex",
    '[data-testid="stMarkdownContainer"] a[href^="mailto:"]',
    '[data-testid="stMarkdownContainer"] b',
    '[data-testid="stMarkdownContainer"] table',
)


def test_no_markup_from_names_and_no_request_leaves_the_host(hostile_app, page, wait_for_app):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 1280, "height": 720})
    query = (
        f"?district={quote(DISTRICT, safe='')}&year={YEAR}"
        f"&project={quote(HOSTILE_PROJECT, safe='')}"
        "&strategy=" + quote("[x](http://x.test)", safe="")
        + "&dong=" + quote("![i](http://i.test/i.png)", safe="")
    )  # fmt: skip
    shown_literally = 0
    for path in PAGES:
        page.goto(f"{hostile_app}/{path}{query}", timeout=WAIT_MS)
        wait_for_app(page, timeout_ms=WAIT_MS)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        for selector in LIVE_SELECTORS:
            found = page.locator(selector)
            assert found.count() == 0, (path, selector, found.first.evaluate("e => e.outerHTML"))
        hosts = page.evaluate(
            "() => [...document.querySelectorAll('a[href]')].map(a => new URL(a.href).hostname)"
        )
        assert set(hosts) <= {"127.0.0.1"}, (path, hosts)  # every link stays in the app
        text = page.locator('[data-testid="stApp"]').inner_text()
        shown_literally += "**b**" in text and ":red[r]" in text
        if path in ("", "projects"):
            page.screenshot(path=str(_shot(f"hostile_{path or 'overview'}")))
    assert shown_literally >= len(PAGES) - 1  # the names are there, as typed
    outside = {urlparse(u).hostname for u in requested} - {"127.0.0.1"}
    assert not outside, [u for u in requested if "127.0.0.1" not in u]
    page.set_viewport_size(VIEWPORT)


def _shot(name: str) -> Path:
    path = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
