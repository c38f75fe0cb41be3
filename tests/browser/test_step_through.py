"""Step through: Next and Previous move through the trace and change the rule shown."""

from __future__ import annotations

import re

import pytest

from explorer import Explorer, Scenario
from tests.browser.driver import WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser

PAGE, HEADING = "Step through", "Step through the reasoning"


def expect_step(app: AppDriver, number: int, total: int, rule_id: str) -> None:
    heading = app.page.get_by_role("heading", name=re.compile(rf"^Step {number} of {total}\b"))
    expect(heading).to_be_visible(timeout=WAIT_MS)
    expect(app.main.locator("code", has_text=re.compile(f"^{re.escape(rule_id)}$")).first).to_be_visible()


def press(app: AppDriver, name: str) -> None:
    """Previous / Next: their accessible names also carry the arrow-key shortcut."""
    button = app.page.get_by_role("button", name=re.compile(f"^{name}"))
    expect(button).to_be_enabled(timeout=WAIT_MS)
    button.click()


def every_firing_with_ids(app: AppDriver) -> None:
    """Step through every rule firing (not teaching steps), rule ids shown."""
    app.page.get_by_text("Teaching steps", exact=True).click()
    app.wait_idle()
    app.page.get_by_text("Show rule ids").click()
    app.wait_idle()


def test_next_and_previous_change_the_rule_shown(app: AppDriver, explorer: Explorer) -> None:
    scenario = Scenario(behaviour="malignant")
    trace = explorer.evaluate(scenario).trace
    assert len(trace) >= 3, "precondition: the scenario needs a trace of several steps"
    app.open_scenario(scenario)
    app.go_to(PAGE, HEADING)
    every_firing_with_ids(app)

    expect_step(app, 1, len(trace), trace[0].rule)
    expect(app.page.get_by_role("button", name=re.compile("^Previous"))).to_be_disabled()
    press(app, "Next")
    expect_step(app, 2, len(trace), trace[1].rule)
    press(app, "Next")
    expect_step(app, 3, len(trace), trace[2].rule)
    press(app, "Previous")
    expect_step(app, 2, len(trace), trace[1].rule)
    expect(app.page.get_by_role("heading", name=re.compile(rf"^Step 2 of {len(trace)}: "))).to_contain_text(
        trace[1].title[:30]
    )
    app.expect_no_error_output()
