"""Real browser fixtures: Debian's Chromium driven by Playwright against `streamlit run`.

With ``CI=true`` a missing Chromium fails the run (never skips): CI installs
Debian's ``chromium`` through ``bash tasks.sh test``.  The server and the
browser are stopped by their process ids at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_executable() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def require_chromium() -> str:
    path = chromium_executable()
    if path is None:
        message = "Chromium not found: install Debian's 'chromium' (bash tasks.sh test does this as root) or set CHROMIUM"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """A `streamlit run` child process on a loopback port."""

    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start_server(script: str = "streamlit_app.py", *, timeout: float = 60, cwd: Path = ROOT) -> StreamlitServer:
    """Start a fresh server and wait for its health endpoint (not for any page: the first page request is the test's)."""
    port = free_port()
    log = open(ARTIFACTS / f"server-{port}.log", "wb") if ARTIFACTS.is_dir() else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    server = StreamlitServer(process, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError("streamlit did not become healthy in time")


@contextlib.contextmanager
def running_server(script: str = "streamlit_app.py", *, cwd: Path = ROOT) -> Iterator[StreamlitServer]:
    server = start_server(script, cwd=cwd)
    try:
        yield server
    finally:
        server.stop()


def wait_for_app(page, timeout_ms: float = 30_000) -> None:
    """Wait until the app has connected and its script run has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_timeout(200)  # let the last delta paint
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)


def wait_for_chart(page, timeout_ms: float = 30_000) -> None:
    """Wait until at least one Vega chart of the page has drawn its canvas or SVG marks.

    The one-pixel chart of a cold page's loading placeholder (``ui.loading``) does not count: it is removed before
    the page's first chart arrives, so a test that then takes the first chart gets the page's own.
    """
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].some(el => {
               const box = el.getBoundingClientRect();
               if (box.width < 100 || box.height < 100) return false;
               const c = el.querySelector('canvas');
               if (c && c.width > 0 && c.height > 0) return true;
               return el.querySelectorAll('svg g[class*="mark-"] path').length > 0;
           })""",
        timeout=timeout_ms,
    )


def the_map(page, provinces: int = 34, timeout_ms: float = 30_000):
    """The /map page's choropleth (the chart carrying the in-map year slider), once every province is drawn.

    Found by what it is, not by its place: on a loaded machine the first chart in the document is not always the
    map at the instant a test looks (CI once counted 15 paths of another chart there), and a map mounted but not yet
    drawn has no paths; so the test waits for the ``provinces``-th shape of the map itself.
    """
    chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has=page.locator("input[type=range]")).first
    chart.locator("g.mark-shape.role-mark path").nth(provinces - 1).wait_for(state="attached", timeout=timeout_ms)
    return chart


def wait_for_title(page, text: str, timeout_ms: float = 30_000, *, chart: int = 0) -> None:
    """Wait until the ``chart``-th chart of the page (larger than 100 px) has a title containing ``text``.

    The chart is looked up again at every poll: a handle taken once goes stale if the frontend mounts the chart
    anew (as after the first run of a session), and then never sees the title change.
    """
    page.wait_for_function(
        """([n, text]) => { const el = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
               .filter(e => { const b = e.getBoundingClientRect(); return b.width > 100 && b.height > 100; })[n];
           const title = el && el.querySelector('g.role-title');
           return !!title && title.textContent.includes(text); }""",
        arg=[chart, text], timeout=timeout_ms)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return require_chromium()


@pytest.fixture(scope="session")
def playwright_instance(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS, headless=True)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def server(chromium_path) -> Iterator[StreamlitServer]:
    ARTIFACTS.mkdir(exist_ok=True)
    with running_server() as srv:
        yield srv


@pytest.fixture()
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
