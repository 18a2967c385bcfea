"""The dashboard in Debian's Chromium, the way a council member uses it.

Open every page (and keep a screenshot of each), find the published rates, click a
strategy bar to drill down, filter by 동 through the URL and through the sidebar, and
follow links to one project's detail. Every wait is bounded.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from lib.strings_ko import (
    CommentsText,
    FilterText,
    FlagsText,
    Nav,
    OverviewText,
    ProjectsText,
    StrategiesText,
)
from tests.e2e.conftest import VIEWPORT, reviews_secrets, serve_app

WAIT_MS = 20_000  # the longest any single expectation may take
PROJECT_ID = "사회보장사업/1-1-3"
PROJECT_NAME = "행복울타리 돌봄사업"
PROJECT_REASON = "돌봄 대상 가구 증가에 따른 증액"
DONG = "모라1동"

# (url path, screenshot name, the page's title)
PAGES = [
    ("", "overview", OverviewText.TITLE),
    ("strategies", "strategies", StrategiesText.TITLE),
    ("projects", "projects", ProjectsText.TITLE),
    ("flags", "flags", FlagsText.TITLE),
    ("comments", "comments", CommentsText.TITLE),
]


def go(page, url: str, wait_for_app) -> None:
    """Open a URL and wait until the script has run; fail on any Python exception shown."""
    page.goto(url, timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def main(page):
    return page.locator('[data-testid="stMain"]')


def capture(page, screenshot, name: str) -> None:
    """Save the first screen as {name}.png and the whole page as {name}_full.png.

    Streamlit scrolls inside <main>, so a full-page screenshot of the document shows only
    the first screen: grow the viewport to the content's height instead (capped).
    """
    assert screenshot(page, name).stat().st_size > 10_000
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 900), 9000)})
    page.wait_for_timeout(500)
    screenshot(page, f"{name}_full")
    page.set_viewport_size(VIEWPORT)


def scope_line(page):
    """The "보는 범위: … · 47개 중 46개" line that says a filter narrows the view."""
    return main(page).get_by_text(re.compile(r"^보는 범위: .*\d+개 중 \d+개$"))


@pytest.fixture(scope="module", autouse=True)
def app_started(app_url, browser) -> None:
    """Run the entry script once, as a first visitor to `/` would, before deep links.

    (On a fresh server a first visit straight to a sub-page is its own test below.)
    """
    context = browser.new_context()
    try:
        first = context.new_page()
        first.goto(app_url, timeout=WAIT_MS)
        first.get_by_role("heading", name=OverviewText.TITLE).wait_for(timeout=WAIT_MS)
    finally:
        context.close()


@pytest.mark.parametrize(("path", "name", "title"), PAGES, ids=[p[1] for p in PAGES])
def test_every_page_opens_with_navigation_and_filters(
    app_url, page, wait_for_app, screenshot, path, name, title
):
    go(page, f"{app_url}/{path}", wait_for_app)
    main(page).get_by_role("heading", name=title).first.wait_for(timeout=WAIT_MS)
    # The app's own navigation and the shared filters, not Streamlit's file list.
    nav = page.locator('[data-testid="stSidebarNav"]')
    for label in (Nav.OVERVIEW, Nav.STRATEGIES, Nav.PROJECTS, Nav.FLAGS, Nav.COMMENTS):
        assert nav.get_by_text(label, exact=True).count() == 1, label
    expect(sidebar(page).get_by_text(FilterText.HEADER, exact=True)).to_be_visible(timeout=WAIT_MS)
    if page.locator(".js-plotly-plot").count():
        page.locator(".js-plotly-plot .bars").first.wait_for(timeout=WAIT_MS)
    capture(page, screenshot, name)


def test_overview_shows_the_published_rates(app_url, page, wait_for_app):
    go(page, app_url, wait_for_app)
    metrics = page.locator('[data-testid="stMetricValue"]')
    # Both rates, exactly: waits while the page is still drawing the second.
    expect(metrics).to_have_text(["121.6%", "110.7%"], timeout=WAIT_MS)
    for rate in ("121.6%", "110.7%"):
        page.get_by_text(rate, exact=True).first.wait_for(timeout=WAIT_MS)


def test_clicking_a_strategy_bar_opens_its_key_projects(app_url, page, wait_for_app, screenshot):
    go(page, f"{app_url}/strategies?order={quote('계획 순서')}", wait_for_app)  # plan order
    # Plotly draws a drag layer over the bars, so a click on the <path> itself is
    # intercepted: click the bar's centre with the mouse, as a person would.
    bar = page.locator(".js-plotly-plot .bars .point path").first
    bar.wait_for(timeout=WAIT_MS)
    bar.scroll_into_view_if_needed(timeout=WAIT_MS)
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    strategy = "누구나 누리는 촘촘한 돌봄"  # the first strategy of 사회보장사업
    heading = StrategiesText.NODE_HEADER.format(level="추진전략", name=strategy)
    main(page).get_by_role("heading", name=heading).wait_for(timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    chart_title = StrategiesText.CHART.format(level="중점사업")
    page.locator(".js-plotly-plot").get_by_text(chart_title).wait_for(timeout=WAIT_MS)
    bars = page.locator(".js-plotly-plot").first.locator(".bars .point path")
    assert bars.count() == 2  # 어르신 지역사회 통합돌봄 강화, 1인 가구 사회적 고립 예방
    capture(page, screenshot, "strategies_drilled")
    # The breadcrumb goes back up.
    main(page).get_by_role("button", name="전체").click(timeout=WAIT_MS)
    main(page).get_by_role("heading", name=heading).wait_for(state="detached", timeout=WAIT_MS)


def test_dong_filter_through_the_url(app_url, page, wait_for_app, screenshot):
    go(page, app_url, wait_for_app)
    assert scope_line(page).count() == 0
    go(page, f"{app_url}/?dong={quote(DONG)}", wait_for_app)
    scope_line(page).wait_for(timeout=WAIT_MS)
    # By default a 동 selects the projects that name it, and says what it leaves out.
    assert scope_line(page).inner_text() == (
        f"보는 범위: {DONG} 사업 6개 (구 전체 사업 40개 제외) · 47개 중 6개"
    )
    chosen = sidebar(page).locator('[data-testid="stMultiSelect"]', has_text=FilterText.DONG)
    expect(chosen.get_by_text(DONG, exact=True)).to_be_visible(timeout=WAIT_MS)
    go(page, f"{app_url}/?dong={quote(DONG)}&district_wide=true", wait_for_app)
    scope_line(page).wait_for(timeout=WAIT_MS)
    assert scope_line(page).inner_text() == (
        f"보는 범위: {DONG} 사업 6개 + 구 전체 사업 40개 · 47개 중 46개"
    )
    capture(page, screenshot, "overview_dong_url")


def test_dong_filter_through_the_sidebar_widget(app_url, page, wait_for_app, screenshot):
    go(page, app_url, wait_for_app)
    assert scope_line(page).count() == 0
    dong = sidebar(page).locator('[data-testid="stMultiSelect"]', has_text=FilterText.DONG)
    dong.locator("input").click(timeout=WAIT_MS)
    page.get_by_role("option", name=DONG, exact=True).click(timeout=WAIT_MS)
    page.keyboard.press("Escape")
    scope_line(page).wait_for(timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    assert scope_line(page).inner_text() == (
        f"보는 범위: {DONG} 사업 6개 (구 전체 사업 40개 제외) · 47개 중 6개"
    )
    page.wait_for_url(re.compile(r"[?&]dong="), timeout=WAIT_MS)
    assert parse_qs(urlparse(page.url).query)["dong"] == [DONG]
    capture(page, screenshot, "overview_dong_widget")


def test_project_deep_link_shows_its_budget_reason(app_url, page, wait_for_app, screenshot):
    go(page, f"{app_url}/projects?project={quote(PROJECT_ID)}", wait_for_app)
    detail = main(page).get_by_role("heading", name=PROJECT_NAME)
    detail.wait_for(timeout=WAIT_MS)
    reason = main(page).get_by_text(PROJECT_REASON).first
    reason.wait_for(timeout=WAIT_MS)
    reason.scroll_into_view_if_needed(timeout=WAIT_MS)
    expect(reason).to_be_visible(timeout=WAIT_MS)
    capture(page, screenshot, "projects_deep_link")


def test_comment_target_links_to_the_project(app_url, page, wait_for_app):
    go(page, f"{app_url}/comments", wait_for_app)
    main(page).get_by_text("의견 20건", exact=True).wait_for(timeout=WAIT_MS)
    link = main(page).get_by_role("link", name=PROJECT_NAME).first
    link.scroll_into_view_if_needed(timeout=WAIT_MS)
    link.click(timeout=WAIT_MS)
    page.wait_for_url(re.compile(r"/projects\?"), timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    assert parse_qs(urlparse(page.url).query)["project"] == [PROJECT_ID]
    main(page).get_by_role("heading", name=PROJECT_NAME).wait_for(timeout=WAIT_MS)


@pytest.fixture
def fresh_app_url(tmp_path):
    """A server of its own that nobody has opened at `/` yet (what a restart leaves)."""
    with serve_app(tmp_path, reviews_secrets(tmp_path)) as url:
        yield url


def test_shared_link_opened_first_after_a_restart_keeps_the_app(
    fresh_app_url, page, wait_for_app, screenshot
):
    """A copied link is often the first thing opened after the server restarts."""
    go(page, f"{fresh_app_url}/projects?project={quote(PROJECT_ID)}", wait_for_app)
    main(page).get_by_role("heading", name=PROJECT_NAME).wait_for(timeout=WAIT_MS)
    screenshot(page, "projects_first_visit_after_restart")
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(Nav.OVERVIEW, exact=True).count() == 1, (
        "the sidebar lists files (app, comments, …) instead of the app's pages: with a "
        "`pages/` folder beside app.py, Streamlit runs the page without app.py until `/` "
        "has been opened (why the pages live in app_pages/)"
    )
    expect(sidebar(page).get_by_text(FilterText.HEADER, exact=True)).to_be_visible(timeout=WAIT_MS)
