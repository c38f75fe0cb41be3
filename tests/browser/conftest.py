"""Browser fixtures: one Streamlit server per session, headless Chromium, a new context per test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server import REPO_ROOT, AppServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = REPO_ROOT / "artifacts"
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The app (`ui/serve.py`, as `./dev app` starts it) on a free 127.0.0.1 port; stopped (process group) at the end."""
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "streamlit-browser-tests.log").open("wb") as log:
        server = AppServer(log)
        try:
            server.wait_healthy()
            yield server.url
        finally:
            server.stop()


@pytest.fixture(scope="package")
def browser():  # noqa: ANN201 - playwright is optional, so no import at module level
    """Chromium for this package's tests. Package scope: Playwright's sync API keeps an asyncio loop running in
    the main thread while it is open, which would make every later `asyncio.run()` in the session fail."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright package not installed: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):  # noqa: ANN001, ANN201
    """A fresh browser context per test; a full-page screenshot is saved when the test ends."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    from tests.browser.driver import SCREENSHOTS, WAIT_MS

    page.set_default_timeout(WAIT_MS)
    yield page

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def app(page, app_url: str):  # noqa: ANN001, ANN201
    from tests.browser.driver import AppDriver

    return AppDriver(page, app_url)
