"""How the browser tests drive the Streamlit app: open, acknowledge, pick values, switch pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("playwright.sync_api", reason="playwright package not installed: pip install -e '.[dev]'")
from playwright.sync_api import Locator, Page, expect  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from explorer import DISCLAIMER, Scenario  # noqa: E402
from explorer.share import to_query  # noqa: E402

WAIT_MS = 15_000  # generous but bounded; every wait in the browser tests uses it
ACKNOWLEDGE = "I understand"
EXPLORE_HEADING = "Explore a scenario"
RESULTS_HEADING = "Options the sources discuss for this scenario"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


class AppDriver:
    """One browser page on the running app."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    # --- navigation -------------------------------------------------------------------------
    def open(self, query: str = "", *, acknowledge: bool = True) -> None:
        """Load the app (optionally with a share-link query) and pass the first-visit gate."""
        self.page.goto(f"{self.base_url}/{'?' + query if query else ''}")
        expect(self.disclaimer).to_be_visible(timeout=WAIT_MS)
        if acknowledge:
            self.page.get_by_role("button", name=ACKNOWLEDGE).click()
            self.expect_heading(EXPLORE_HEADING)
            self.wait_idle()

    def open_scenario(self, scenario: Scenario) -> None:
        """Load the app through the share link of `scenario`."""
        self.open(urlencode(to_query(scenario)))

    def go_to(self, title: str, heading: str) -> None:
        """Switch page with the sidebar navigation (same session) and wait for its heading."""
        self.page.locator('[data-testid="stSidebarNavLink"]', has_text=title).click()
        self.expect_heading(heading)
        self.wait_idle()

    def visit_every_page(self) -> Iterator[str]:
        """Go through the sidebar pages in order; yield each title once that page has rendered."""
        links = self.page.locator('[data-testid="stSidebarNavLink"]')
        titles = [text.strip().splitlines()[-1] for text in links.all_inner_texts()]  # line 1: icon name
        assert len(titles) >= 6, f"expected at least six pages in the sidebar, found {titles}"
        title_heading = self.main.locator("h1").first
        for index, title in enumerate(titles):
            previous = title_heading.inner_text()
            if links.nth(index).get_attribute("aria-current") != "page":
                links.nth(index).click()
                expect(links.nth(index)).to_have_attribute("aria-current", "page")
                expect(title_heading).not_to_have_text(previous, timeout=WAIT_MS)
            self.wait_idle()
            yield title

    def open_tab(self, name: str) -> Locator:
        tab = self.page.get_by_role("tab", name=name)
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true", timeout=WAIT_MS)
        return self.page.get_by_role("tabpanel", name=name)

    # --- waiting ----------------------------------------------------------------------------
    def wait_idle(self) -> None:
        """The script run is over and no widget is still a loading skeleton (a helper; tests also
        wait on content only the new state shows)."""
        app = self.page.locator('[data-testid="stApp"]')
        expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=WAIT_MS)
        expect(self.page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=WAIT_MS)

    def expect_heading(self, text: str) -> None:
        expect(self.page.get_by_role("heading", name=text, exact=True).first).to_be_visible(timeout=WAIT_MS)

    # --- widgets ----------------------------------------------------------------------------
    def select(self, label: str, option: str) -> None:
        """Choose `option` in the selectbox labelled `label`."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        expect(box).to_be_enabled(timeout=WAIT_MS)
        box.click()
        choice = self.page.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(timeout=2_000)
        except PlaywrightTimeout:  # a click that lands while the page reruns does not open the list: once more
            box.click()
        choice.click()
        expect(box).to_have_value(option, timeout=WAIT_MS)

    def click(self, name: str) -> None:
        button = self.page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_enabled(timeout=WAIT_MS)
        button.click()

    # --- page content -----------------------------------------------------------------------
    @property
    def disclaimer(self) -> Locator:
        return self.page.get_by_text(DISCLAIMER, exact=False).first

    @property
    def main(self) -> Locator:
        return self.page.locator('[data-testid="stMain"]')

    def expect_no_error_output(self) -> None:
        """No exception box and no Python traceback text anywhere in the page."""
        expect(self.page.locator('[data-testid="stException"]')).to_have_count(0)
        expect(self.page.locator("body")).not_to_contain_text(re.compile(r"Traceback|Exception:"))

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path
