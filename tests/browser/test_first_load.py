"""First visit: the disclaimer and the acknowledgement gate come before any result; every page keeps the disclaimer."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.driver import ACKNOWLEDGE, RESULTS_HEADING, WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser


def test_disclaimer_and_gate_come_before_the_results(app: AppDriver) -> None:
    app.open(acknowledge=False)
    expect(app.disclaimer).to_be_visible()
    gate = app.page.get_by_role("button", name=ACKNOWLEDGE)
    expect(gate).to_be_visible(timeout=WAIT_MS)
    expect(app.page.get_by_role("heading", name=RESULTS_HEADING)).to_have_count(0)

    gate.click()
    expect(app.page.get_by_role("heading", name=RESULTS_HEADING)).to_be_visible(timeout=WAIT_MS)
    expect(gate).to_have_count(0)
    expect(app.disclaimer).to_be_visible()
    app.wait_idle()
    app.expect_no_error_output()


def test_every_page_shows_the_disclaimer_without_errors(app: AppDriver) -> None:
    app.open()
    for title in app.visit_every_page():
        expect(app.disclaimer, f"disclaimer missing on page {title!r}").to_be_visible(timeout=WAIT_MS)
        app.expect_no_error_output()
        app.screenshot(f"page-{title.lower().replace(' ', '-')}")


def test_the_page_loads_nothing_from_other_hosts(app: AppDriver) -> None:
    """Fonts, icons and scripts come from the app itself (works offline, no third-party tracking)."""
    requested: list[str] = []
    app.page.on("request", lambda request: requested.append(request.url))
    app.open()
    app.wait_idle()
    host = urlsplit(app.base_url).netloc
    foreign = sorted({url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(url).netloc != host})
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
