"""Fixtures for end-to-end tests: a real Streamlit server and Debian's Chromium.

Tests here get the fixtures:
    app_url       (session)  base URL of `streamlit run APP_SCRIPT` on a free port
    browser       (session)  Playwright Browser on /usr/bin/chromium (headless)
    page          (function) fresh page in its own context, 1440x900, ko-KR locale
    screenshot    callable screenshot(page, name, *, full_page=False) -> Path
                  (tests/artifacts/screenshots/{name}.png)
    wait_for_app  callable wait_for_app(page, timeout_ms=30000, settle_ms=300):
                  returns once Streamlit has finished running the script
The same helpers are plain functions here too (`wait_for_app`,
`save_screenshot`), e.g. for use in page-object helpers.

Typical test:
    def test_overview(app_url, page, wait_for_app, screenshot):
        page.goto(app_url)
        wait_for_app(page)
        screenshot(page, "overview")

The browser is never downloaded (`playwright install` is not used): it comes
from Debian's `chromium` package, installed by scripts/system_deps.sh.
Every test collected under tests/e2e is marked `e2e`, so `-m "not e2e"` skips
them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# Script served by `app_url`, relative to the repo root (or absolute).
# The environment variable E2E_APP_SCRIPT overrides it.
APP_SCRIPT = "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1440, "height": 900}
SCREENSHOT_DIR = REPO_ROOT / "tests" / "artifacts" / "screenshots"
SERVER_START_TIMEOUT_S = 60.0
APP_IDLE_TIMEOUT_MS = 30_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def reviews_secrets(home: Path) -> str:
    """secrets.toml text pointing the reviews database at a SQLite file in ``home``."""
    return f'[connections.reviews]\nurl = "sqlite:///{home / "reviews.db"}"\n'


@contextlib.contextmanager
def serve_app(home: Path, secrets: str, script: str = APP_SCRIPT) -> Iterator[str]:
    """Run `streamlit run script` with ``secrets`` as its secrets file on a free port;
    yield the base URL once healthy, stop the whole process group afterwards."""
    secrets_file = home / "secrets.toml"
    secrets_file.write_text(secrets, encoding="utf-8")
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--secrets.files",
        str(secrets_file),
    ]
    # Logs go to temp files, not pipes: an unread pipe would block the server.
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # own process group, killed as a whole
        )

        def logs() -> str:
            err.seek(0)
            out.seek(0)
            return (
                f"stderr:\n{err.read().decode(errors='replace')}\n"
                f"stdout:\n{out.read().decode(errors='replace')}"
            )

        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT_S
            while not _health_ok(f"{base}/_stcore/health"):
                if proc.poll() is not None:
                    pytest.fail(
                        f"streamlit exited with code {proc.returncode} before it was "
                        f"healthy ({' '.join(cmd)})\n{logs()}",
                        pytrace=False,
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"streamlit not healthy after {SERVER_START_TIMEOUT_S:.0f} s\n{logs()}",
                        pytrace=False,
                    )
                time.sleep(0.25)
            yield base
        finally:
            _stop(proc)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app (or ``E2E_APP_SCRIPT``) on a free port, its reviews database in a temporary
    SQLite file so end-to-end runs never write into data/reviews.db."""
    home = tmp_path_factory.mktemp("app_url")
    with serve_app(
        home, reviews_secrets(home), os.environ.get("E2E_APP_SCRIPT", APP_SCRIPT)
    ) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `bash scripts/system_deps.sh`", pytrace=False)
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser):
    """A fresh page in its own context: 1440x900, locale ko-KR."""
    context = browser.new_context(viewport=VIEWPORT, locale="ko-KR")
    try:
        yield context.new_page()
    finally:
        context.close()


def save_screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG to tests/artifacts/screenshots/{name}.png and return its path."""
    path = SCREENSHOT_DIR / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """The `save_screenshot(page, name, *, full_page=False) -> Path` helper as a fixture."""
    return save_screenshot


def wait_for_app(page, timeout_ms: int = APP_IDLE_TIMEOUT_MS, settle_ms: int = 300) -> None:
    """Wait until Streamlit has rendered and finished running the script.

    Waits for `[data-testid="stApp"]`, then polls (bounded by timeout_ms) until
    the status widget's running indicator is gone and the app reports it is
    not running, twice in a row, then lets the page settle for settle_ms.
    """
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    idle_polls = 0
    while True:
        if _app_idle(page):
            idle_polls += 1
            if idle_polls >= 2:
                break
        else:
            idle_polls = 0
        if time.monotonic() > deadline:
            raise TimeoutError(f"Streamlit app still running after {timeout_ms} ms")
        page.wait_for_timeout(100)
    page.wait_for_timeout(settle_ms)


@pytest.fixture(name="wait_for_app")
def wait_for_app_fixture() -> Callable[..., None]:
    """The `wait_for_app(page, timeout_ms=30000, settle_ms=300)` helper as a fixture."""
    return wait_for_app


def _app_idle(page) -> bool:
    return page.evaluate(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app) return false;
            // stApp carries the script run state ("initial", "running",
            // "rerunRequested", "stopRequested", "notRunning", "compilationError")
            // and the websocket connection state.
            const state = app.getAttribute('data-test-script-state');
            if (state !== 'notRunning' && state !== 'compilationError') return false;
            const conn = app.getAttribute('data-test-connection-state');
            if (conn && conn !== 'CONNECTED') return false;
            const visible = (el) => !!el && el.getClientRects().length > 0;
            // Visible "Running..." indicator in the status widget.
            if (visible(document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'))) {
                return false;
            }
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            if (visible(status) && /running/i.test(status.textContent || '')) return false;
            // Skeleton shown before the first script run has rendered.
            if (visible(document.querySelector('[data-testid="stAppSkeleton"]'))) return false;
            return true;
        }"""
    )
