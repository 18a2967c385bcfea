"""The meeting room in Chromium: every page at 1280×720, 1600×1000, 1920×1080 and 390×844
(no sideways scrolling, nothing sticking out of the page's column, charts not squeezed,
no table column cutting its text), axe-core on every page in the light and the dark theme,
slides that fit the screen (also with a 3,000-character comment and one of 40 lines, which
go on over several slides) and move with a clicker's keys, the 동 filter's count, and a
drill-down path that survives a reload and the Back button. One browser and the session's
one server (and one more with the long comments); a page per viewport.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import expect

from lib import store
from lib.strings_ko import FilterText, SplitCommentText, StrategiesText
from tests.e2e.a11y import (
    CHART_SHARE_JS,
    OVERFLOW_JS,
    TABLE_CLIP_JS,
    TABLES_DRAWN_JS,
    axe_violations,
    describe,
)
from tests.e2e.conftest import reviews_secrets, serve_app
from tests.e2e.test_dashboard import WAIT_MS, go, main, scope_line
from tests.long_comments import FILE_NAME as LONG_FILE
from tests.long_comments import LONG, MANY_LINES, long_comment_workbook

VIEWPORTS = {
    "projector": {"width": 1280, "height": 720},
    "laptop": {"width": 1600, "height": 1000},
    "full_hd": {"width": 1920, "height": 1080},
    "phone": {"width": 390, "height": 844},
}
PAGES = {
    "overview": "",
    "strategies": "strategies",
    "projects": "projects",
    "project_detail": "projects?project=" + quote("사회보장사업/1-1-3"),
    "flags": "flags",
    "comments": "comments",
    "review": "review",
    "present": "present",
    "data": "data",
}
GOES_ON = SplitCommentText.GOES_ON.format(text="").strip()
GOES_ON_FROM = SplitCommentText.GOES_ON_FROM.format(text="").strip()
CHART_SHARE = 0.6  # a chart's plot area takes at least this much of the column at 1280×720


@pytest.fixture(scope="module")
def tab(browser):
    """One page per viewport (and per theme), reused by the tests of this module."""
    contexts = {}

    def open_tab(viewport: str, scheme: str = "light"):
        if (viewport, scheme) not in contexts:
            context = browser.new_context(
                viewport=VIEWPORTS[viewport], locale="ko-KR", color_scheme=scheme
            )
            contexts[viewport, scheme] = (context, context.new_page())
        return contexts[viewport, scheme][1]

    yield open_tab
    for context, _ in contexts.values():
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_holds_at_the_viewport(app_url, tab, wait_for_app, screenshot, viewport):
    page = tab(viewport)
    problems: dict[str, list[str]] = {}
    for name, path in PAGES.items():
        go(page, f"{app_url}/{path}", wait_for_app)
        if page.locator(".js-plotly-plot").count():
            page.locator(".js-plotly-plot .bars").first.wait_for(timeout=WAIT_MS)
        if page.locator('[data-testid="stDataFrame"]:visible').count():
            page.wait_for_function(TABLES_DRAWN_JS, timeout=WAIT_MS)
        page.wait_for_timeout(500)  # fonts and the last elements drawn, for the screenshot
        screenshot(page, f"meeting/{name}_{viewport}")
        found = page.evaluate(OVERFLOW_JS) + page.evaluate(TABLE_CLIP_JS)
        if viewport == "projector":
            shares = page.evaluate(CHART_SHARE_JS)
            found += [f"chart {n} plot area {s:.0%} of the column" for n, s in enumerate(shares)]
            found = [p for p in found if not p.startswith("chart") or _share(p) < CHART_SHARE]
        if found:
            problems[name] = found
    assert not problems, problems


# A stand-in for st.dataframe's canvas: a row-selection column and two columns, the second
# one's text cut at its edge or not, as glide-data-grid draws them.
FAKE_TABLE = """
<div data-testid="stDataFrame"><canvas width="300" height="76"></canvas>
<table><tr><th role="columnheader">체계</th><th role="columnheader">사업번호</th></tr></table>
</div>
<script>
function draw(text) {
    const c = document.querySelector("canvas").getContext("2d");
    c.fillStyle = "#fff"; c.fillRect(0, 0, 300, 76);
    c.fillStyle = "#e8e8e8";
    for (const x of [32, 130, 299]) c.fillRect(x, 0, 1, 76);
    c.fillStyle = "#31333f"; c.font = "14px sans-serif";
    c.save(); c.beginPath(); c.rect(131, 0, 168, 76); c.clip();
    c.fillText("1-1-1", 40, 24); c.fillText(text, 139, 24);
    c.restore();
}
</script>
"""


def test_table_clip_check_finds_a_cut_cell_and_passes_one_that_fits(page):
    """The sweep's canvas check is not vacuous: a cell cut at its column's edge is found
    (and named), the same cell with room is not."""
    page.set_content(FAKE_TABLE)
    page.evaluate("() => draw('사회보장사업 사회보장사업 사회보장사업')")
    found = page.evaluate(TABLE_CLIP_JS)
    assert found and all("'사업번호' cuts its text" in p for p in found), found
    page.evaluate("() => draw('사회보장사업')")
    assert page.evaluate(TABLE_CLIP_JS) == []


def _share(problem: str) -> float:
    return float(re.search(r"(\d+)% of the column", problem).group(1)) / 100


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_contrast_heading_or_alt_problem(app_url, tab, wait_for_app, scheme):
    page = tab("projector", scheme)
    found = {}
    for name, path in PAGES.items():
        go(page, f"{app_url}/{path}", wait_for_app)
        violations = axe_violations(page)
        if violations:
            found[name] = describe(violations)
    assert not found, "\n\n".join(f"[{k}]\n{v}" for k, v in found.items())


def _slide_number(page) -> int:
    return int(parse_qs(urlparse(page.url).query).get("slide", ["1"])[0])


def _wait_slide(page, number: int, wait_for_app) -> None:
    page.wait_for_function(
        "(n) => new URLSearchParams(location.search).get('slide') === String(n)",
        arg=number,
        timeout=WAIT_MS,
    )
    wait_for_app(page, timeout_ms=WAIT_MS, settle_ms=150)


@pytest.mark.parametrize("viewport", ["projector", "full_hd"])
def test_every_slide_fits_the_screen(app_url, tab, wait_for_app, screenshot, viewport):
    _every_slide_fits(tab(viewport), app_url, viewport, wait_for_app, screenshot, "slide")


@pytest.fixture(scope="module")
def long_comment_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the sample with a 3,000-character comment on the whole plan and one of
    40 short lines on a strategy, kept as the newest 사상구 2023 version."""
    home = tmp_path_factory.mktemp("long_comments")
    engine = store.create_store_engine(f"sqlite:///{home / 'reviews.db'}")
    store.save_workbook(
        engine, district="부산광역시 사상구", year=2023, data=long_comment_workbook(),
        file_name=LONG_FILE, uploaded_by="사무국",
    )  # fmt: skip
    engine.dispose()
    with serve_app(home, reviews_secrets(home)) as url:
        yield url


@pytest.mark.parametrize("viewport", ["projector", "laptop"])
def test_long_comments_go_on_over_slides_that_fit(
    long_comment_app, browser, wait_for_app, screenshot, viewport
):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="ko-KR")
    try:
        shown = _every_slide_fits(
            context.new_page(), long_comment_app, viewport, wait_for_app, screenshot, "long"
        )
    finally:
        context.close()
    flat = "".join(shown.split())
    for original in (LONG, MANY_LINES):  # every word is on some screen, none cut
        assert "".join(original.split()) in re.sub(r"\(계속\)|\(이어서\)", "", flat)
    assert shown.count(GOES_ON) >= 5 and shown.count(GOES_ON_FROM) >= 5


def _every_slide_fits(page, base: str, viewport: str, wait_for_app, screenshot, name: str) -> str:
    """Step through every slide with the → key: each fits the screen (no scrolling, no
    sideways overflow) with text at 24 px or more. The comments' text, slide by slide."""
    height = VIEWPORTS[viewport]["height"]
    go(page, f"{base}/present?slide=1", wait_for_app)
    total = int(
        re.search(r"/ (\d+)", main(page).get_by_text(re.compile(r"^1 / \d+$")).inner_text()).group(
            1
        )
    )
    too_tall, sideways, comments = [], [], []
    for number in range(1, total + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            _wait_slide(page, number, wait_for_app)
        box = page.locator(".st-key-slide").bounding_box()
        scroll = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return [m.scrollHeight, m.clientHeight]; }"
        )
        if box is None or box["y"] + box["height"] > height or scroll[0] > scroll[1] + 1:
            too_tall.append((number, box, scroll))
            screenshot(page, f"meeting/{name}_{number:02d}_{viewport}_too_tall")
        out = page.evaluate(OVERFLOW_JS)
        if out:
            sideways.append((number, out))
        if number in (1, 2, 5, total):
            screenshot(page, f"meeting/{name}_{number:02d}_{viewport}")
        text_px = page.evaluate(
            "() => Math.min(...[...document.querySelectorAll('.slide-body li, .slide-body p,"
            " .slide-body td')].map((e) => parseFloat(getComputedStyle(e).fontSize)), 99)"
        )
        assert text_px >= 24, f"slide {number}: text at {text_px}px"
        comments += page.locator(".slide-body .card p:not(.byline)").all_inner_texts()
    assert not too_tall, too_tall
    assert not sideways, sideways
    return "\n".join(comments)


def test_clicker_keys_move_the_slides(app_url, page, wait_for_app):
    page.set_viewport_size(VIEWPORTS["projector"])
    go(page, f"{app_url}/present?slide=1", wait_for_app)
    # The page's key script is in place (it arrives with the script run's last elements).
    page.wait_for_function("() => window.__councilSlideKeys === true", timeout=WAIT_MS)
    for key, expected in (
        ("ArrowRight", 2),
        ("PageDown", 3),  # what a clicker sends
        ("Space", 4),
        ("PageUp", 3),
        ("ArrowLeft", 2),
        ("End", None),
        ("Home", 1),
    ):
        page.keyboard.press(key)
        if expected is None:
            page.wait_for_function(
                "() => Number(new URLSearchParams(location.search).get('slide')) > 10",
                timeout=WAIT_MS,
            )
            wait_for_app(page, timeout_ms=WAIT_MS, settle_ms=150)
            last = _slide_number(page)
            assert last > 10
            assert main(page).get_by_role("button", name="다음").is_disabled()
            continue
        try:
            _wait_slide(page, expected, wait_for_app)
        except Exception as error:
            raise AssertionError(f"{key} did not reach slide {expected} ({page.url})") from error
        assert _slide_number(page) == expected, key
    page.reload()
    wait_for_app(page, timeout_ms=WAIT_MS)
    assert _slide_number(page) == 1  # the slide stays in the URL over a reload
    page.keyboard.press("ArrowLeft")  # nothing before the first slide
    page.wait_for_timeout(500)
    assert _slide_number(page) == 1
    toggle = page.locator(".fullscreen-toggle")
    expect(toggle).to_be_visible(timeout=WAIT_MS)
    toggle.click()
    page.wait_for_function("() => !!document.fullscreenElement", timeout=WAIT_MS)
    page.keyboard.press("f")
    page.wait_for_function("() => !document.fullscreenElement", timeout=WAIT_MS)


def test_dong_filter_counts_the_projects_that_name_it(app_url, tab, wait_for_app):
    page = tab("projector")
    go(page, f"{app_url}/?dong={quote('모라1동')}", wait_for_app)
    scope_line(page).wait_for(timeout=WAIT_MS)
    assert scope_line(page).inner_text() == (
        "보는 범위: 모라1동 사업 6개 (구 전체 사업 40개 제외) · 47개 중 6개"
    )
    sidebar = page.locator('[data-testid="stSidebar"]')
    wide = sidebar.get_by_text(FilterText.DISTRICT_WIDE)
    wide.click(timeout=WAIT_MS)
    page.wait_for_url(re.compile(r"district_wide=true"), timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    assert scope_line(page).inner_text() == (
        "보는 범위: 모라1동 사업 6개 + 구 전체 사업 40개 · 47개 중 46개"
    )
    dong = sidebar.locator('[data-testid="stMultiSelect"]', has_text=FilterText.DONG)
    dong.locator("input").click(timeout=WAIT_MS)
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert options == sorted(options)  # 가나다 order
    assert not any("Select all" in o for o in options)


def test_drill_path_survives_reload_and_back(app_url, tab, wait_for_app, screenshot):
    page = tab("projector")
    go(page, f"{app_url}/", wait_for_app)
    # A bar on 개요 opens its strategy in 전략별 성과.
    bar = page.locator(".js-plotly-plot .bars .point path").first
    bar.wait_for(timeout=WAIT_MS)
    bar.scroll_into_view_if_needed(timeout=WAIT_MS)
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/strategies\?.*path="), timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    lowest = "자립과 안정을 지원하는 포용 사상"  # 113.0%, the lowest of 사회보장사업: on top
    heading = StrategiesText.NODE_HEADER.format(level="추진전략", name=lowest)
    main(page).get_by_role("heading", name=heading).wait_for(timeout=WAIT_MS)
    screenshot(page, "meeting/strategies_from_overview")
    # One level deeper by the bar, then reload and Back.
    bar = page.locator(".js-plotly-plot .bars .point path").first
    bar.scroll_into_view_if_needed(timeout=WAIT_MS)
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).getAll('path').length === 3",
        timeout=WAIT_MS,
    )
    wait_for_app(page, timeout_ms=WAIT_MS)
    deeper = main(page).get_by_role("heading", level=2).first.inner_text()
    assert deeper.startswith("중점사업 · ")
    page.reload()
    wait_for_app(page, timeout_ms=WAIT_MS)
    main(page).get_by_role("heading", name=deeper).wait_for(timeout=WAIT_MS)
    page.go_back()
    main(page).get_by_role("heading", name=heading).wait_for(timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    assert parse_qs(urlparse(page.url).query)["path"] == ["사회보장사업", lowest]


def test_offline_and_korean_chrome(app_url, tab, wait_for_app):
    page = tab("projector")
    go(page, f"{app_url}/", wait_for_app)
    icon = page.evaluate("() => document.querySelector('link[rel*=icon]').href")
    assert icon.startswith(app_url), icon  # served by the app, not a font CDN
    assert page.locator('[data-testid="stMainMenu"]').count() == 0  # no English ⋮ menu
    # The nav link is read as "개요", not "dashboard 개요" (icon words hidden from readers).
    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name="개요", exact=True).wait_for(timeout=WAIT_MS)
    assert page.evaluate("() => document.documentElement.lang") == "ko"
