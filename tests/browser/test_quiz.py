"""Quiz: pick categories, reveal, and see a mark for every category with the library's verdict."""

from __future__ import annotations

import pytest

from explorer import Explorer, Scenario
from explorer.categories import CATEGORIES, CORE_CATEGORIES
from explorer.quiz import grade
from tests.browser.driver import WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser

PICK_LABEL = "Option categories you expect the sources to discuss for this scenario"


def test_pick_reveal_and_marks(app: AppDriver, explorer: Explorer) -> None:
    scenario = Scenario(behaviour="malignant")
    result = explorer.evaluate(scenario)
    discussed = result.categories[0]
    not_discussed = next(c for c in CORE_CATEGORIES if c not in result.categories)
    outcome = grade(result, [discussed, not_discussed])
    app.open_scenario(scenario)
    app.go_to("Quiz", "Quiz")

    picker = app.page.get_by_role("combobox", name=PICK_LABEL, exact=True)
    for category in (discussed, not_discussed):
        picker.click()
        app.page.get_by_role("option", name=CATEGORIES[category], exact=True).click()
        expect(app.main.get_by_text(CATEGORIES[category], exact=True).first).to_be_visible()
    app.page.keyboard.press("Escape")
    app.click("Reveal")

    app.expect_heading("How did you do?")
    expect(app.main.get_by_text(outcome.score, exact=True)).to_be_visible(timeout=WAIT_MS)
    verdicts = {mark.category: mark.verdict for mark in outcome.marks}
    assert verdicts[discussed] == "hit" and verdicts[not_discussed] == "wrong pick"
    for mark in outcome.marks:  # an icon and a word on every mark, never colour alone
        expect(app.main.get_by_text(f"{mark.icon} {mark.verdict}", exact=True).first).to_be_visible()
        expect(app.main.get_by_text(f"{mark.label} — ").first).to_be_visible()
    app.expect_no_error_output()
