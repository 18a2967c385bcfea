"""Upload in a real browser: a broken workbook is explained row by row and changes nothing;
a good one is previewed and, shown in this browser, appears beside the 2023 sample."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import META, build_workbook, with_cell

WAIT_MS = 20_000


def _workbook(tmp_path: Path, name: str, rows=None) -> Path:
    meta = [("시군구", "부산광역시 사상구"), ("연도", 2024), *META[2:]]
    path = tmp_path / name
    path.write_bytes(build_workbook(meta=meta, comments=None, **({"rows": rows} if rows else {})))
    return path


def _upload(page, path: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def test_broken_workbook_is_explained_and_nothing_changes(
    app_url, page, wait_for_app, screenshot, tmp_path
):
    bad = _workbook(tmp_path, "broken.xlsx", with_cell(4, "목표", "약 300"))
    page.goto(f"{app_url}/data", timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    _upload(page, bad)
    page.get_by_text("'broken.xlsx'은(는) 반영하지 않았습니다: 문제 1건", exact=False).wait_for(
        timeout=WAIT_MS
    )
    page.get_by_text("문제 목록 내려받기 (.xlsx)").wait_for(timeout=WAIT_MS)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1000)  # the grid paints on a canvas after it appears
    screenshot(page, "data_rejected")
    page.goto(f"{app_url}/", timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    metrics = page.locator('[data-testid="stMetricValue"]')
    metrics.nth(1).wait_for(timeout=WAIT_MS)  # the page may still be drawing after the run
    assert metrics.all_inner_texts()[:2] == ["121.6%", "110.7%"]


def test_good_workbook_previewed_then_shown_beside_the_sample(
    app_url, page, wait_for_app, screenshot, tmp_path
):
    good = _workbook(tmp_path, "sasang_2024.xlsx")
    page.goto(f"{app_url}/data", timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    _upload(page, good)
    page.get_by_text("'sasang_2024.xlsx': 검사를 통과했습니다", exact=False).wait_for(
        timeout=WAIT_MS
    )
    screenshot(page, "data_preview")
    page.get_by_role("button", name="이 브라우저에서만 보기").click()
    page.get_by_text("이 브라우저에서만 보이도록 반영했습니다", exact=False).wait_for(
        timeout=WAIT_MS
    )
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("자료 선택").wait_for(timeout=WAIT_MS)  # two workbooks now: a choice
    page.locator('[data-testid="stSidebarNav"]').get_by_text("개요", exact=True).click()
    wait_for_app(page, timeout_ms=WAIT_MS)
    page.get_by_text("부산광역시 사상구 · 2024년", exact=False).first.wait_for(timeout=WAIT_MS)
    screenshot(page, "overview_2024_upload")


def test_hostile_upload_is_refused_and_the_server_keeps_answering(
    app_url, page, wait_for_app, screenshot, tmp_path
):
    """A 6 KB workbook with a cell at XFD99999 once made python-calamine abort the server."""
    from tests.e2e.conftest import _health_ok
    from tests.test_workbook_hostile import RESULTS_SHEET, patch_part

    path = _workbook(tmp_path, "xfd.xlsx")
    path.write_bytes(
        patch_part(
            path.read_bytes(), RESULTS_SHEET, lambda x: x.replace(b'r="A6"', b'r="XFD99999"')
        )
    )
    page.goto(f"{app_url}/data", timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    _upload(page, path)
    page.get_by_text("'xfd.xlsx'은(는) 반영하지 않았습니다: 문제 1건", exact=False).wait_for(
        timeout=WAIT_MS
    )
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1000)
    screenshot(page, "data_rejected_hostile")
    assert _health_ok(f"{app_url}/_stcore/health")
    page.goto(f"{app_url}/", timeout=WAIT_MS)
    wait_for_app(page, timeout_ms=WAIT_MS)
    metrics = page.locator('[data-testid="stMetricValue"]')
    metrics.nth(1).wait_for(timeout=WAIT_MS)  # the page may still be drawing after the run
    assert metrics.all_inner_texts()[:2] == ["121.6%", "110.7%"]
