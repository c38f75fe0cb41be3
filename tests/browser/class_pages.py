"""Browser helpers for class sessions: a tutor page and student pages, each in its own browser context."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page

from explorer import Scenario
from tests.browser.driver import ACKNOWLEDGE, SCREENSHOTS, WAIT_MS, AppDriver, expect

TUTOR_HEADING, STUDENT_HEADING = "Class session", "Join a class"
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}


def new_page(browser: Browser, viewport: dict[str, int]) -> Page:
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(WAIT_MS)
    return page


def start_session(tutor: AppDriver, scenario: Scenario) -> tuple[str, str]:
    """From Step through, start a class session; return the join code and the join URL the page shows."""
    tutor.open_scenario(scenario)
    tutor.go_to("Step through", "Step through the reasoning")
    tutor.click("Start a class session")
    tutor.expect_heading(TUTOR_HEADING)
    code = tutor.page.locator('[aria-label^="Join code"]').inner_text().strip()
    url = tutor.main.locator("code", has_text="?join=").first.inner_text().strip()
    return code, url


def open_student(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name=ACKNOWLEDGE).click()
    expect(page.get_by_role("heading", name=STUDENT_HEADING, exact=True)).to_be_visible()


def expect_step(page: Page, number: int, total: int) -> None:
    heading = page.get_by_role("heading", name=re.compile(rf"^Step {number} of {total}: "))
    expect(heading).to_be_visible(timeout=WAIT_MS)


def choose_question(tutor: AppDriver, prompt: re.Pattern[str]) -> str:
    """Pick the first question whose prompt matches; return its text."""
    box = tutor.page.get_by_role("combobox", name="Question for the class")
    box.click()
    option = tutor.page.get_by_role("option", name=prompt).first
    text = option.inner_text().strip()
    option.click()
    expect(box).to_have_value(text)
    return text


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
