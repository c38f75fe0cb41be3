"""What a person sees: the why-not leads with a change, the summary stays in view, phones get results first, and the
projector view keeps its step header and Next button on the first screen, untruncated, at 1280x720 and 1024x768."""

from __future__ import annotations

import re

import pytest

from explorer import Explorer, Scenario
from explorer.smallest_change import smallest_changes
from explorer.teaching_steps import teaching_steps
from tests.browser.driver import WAIT_MS, AppDriver, expect
from tests.browser.test_accessibility import AXE, blocking_violations, describe

pytestmark = pytest.mark.browser

STEP_SCENARIO = Scenario(behaviour="malignant", origin="secondary", symptoms=("pain", "weakness"))
# No part of the element clips its text (Streamlit draws a button label in a markdown box with an ellipsis).
NOT_TRUNCATED = "el => [el, ...el.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)"


def in_viewport(app: AppDriver, locator) -> bool:
    box = locator.bounding_box()
    size = app.page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0 \
        and box["x"] + box["width"] <= size["width"]


def audit(app: AppDriver, where: str) -> None:
    if not AXE.exists():
        return  # test_accessibility.py reports the missing axe-core
    app.wait_idle()
    violations = blocking_violations(app)
    assert not violations, describe(where, violations)


@pytest.mark.parametrize("width, height", [(1440, 900), (1280, 720)])
def test_the_why_not_opens_on_its_smallest_change(app: AppDriver, explorer: Explorer, width: int, height: int) -> None:
    app.page.set_viewport_size({"width": width, "height": height})
    scenario = Scenario(behaviour="benign")
    result = explorer.evaluate(scenario)
    category = result.not_discussed[0]
    first = smallest_changes(explorer, scenario, category.category)[0]
    app.open_scenario(scenario)
    app.page.get_by_text(f"Why not {category.label}? What would bring it in").click()
    body = app.page.locator('[data-testid="stExpanderDetails"]').filter(has_text="Smallest change:").first
    expect(body).to_be_visible(timeout=WAIT_MS)
    first_line = body.locator('[data-testid="stMarkdownContainer"]').first.inner_text().splitlines()[0]
    assert first_line == f"Smallest change: {first.text()}"
    expect(body.get_by_text("Factor", exact=True)).to_have_count(0)  # the condition tables are one click away
    audit(app, f"Explore, why-not open, {width}x{height}")


def test_the_summary_strip_stays_in_view_while_editing(app: AppDriver, explorer: Explorer) -> None:
    app.page.set_viewport_size({"width": 1280, "height": 720})
    app.open_scenario(Scenario(behaviour="benign"))
    strip = app.page.locator(".st-key-summary_strip")
    expect(strip).to_contain_text("Discussed: ✓ Observation / monitoring")
    app.page.get_by_text("Teaching notes").first.scroll_into_view_if_needed()  # the far end of the form
    app.page.wait_for_timeout(300)
    assert in_viewport(app, strip), "the summary strip scrolled away"


def test_a_phone_shows_results_before_the_form(app: AppDriver) -> None:
    app.page.set_viewport_size({"width": 390, "height": 844})
    app.open_scenario(Scenario(behaviour="malignant"))
    results = app.page.get_by_role("heading", name="Options the sources discuss for this scenario").first
    form = app.page.get_by_role("heading", name="Scenario", exact=True).first
    assert results.bounding_box()["y"] < form.bounding_box()["y"]
    assert results.bounding_box()["y"] < 844 * 1.5, "the results start more than a screen and a half down"
    expect(app.page.get_by_text("Build a teaching scenario on the left")).to_have_count(0)
    audit(app, "Explore on a phone")


@pytest.mark.parametrize("width, height", [(1280, 720), (1024, 768)])
def test_projector_view_keeps_the_step_and_next_on_the_first_screen(app: AppDriver, width: int, height: int) -> None:
    app.page.set_viewport_size({"width": width, "height": height})
    app.open_scenario(STEP_SCENARIO)
    app.go_to("Step through", "Step through the reasoning")
    app.page.get_by_text("Presentation mode (projector)").click()
    app.wait_idle()
    expect(app.page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    total = len(teaching_steps(Explorer.load().evaluate(STEP_SCENARIO)))
    header = app.page.get_by_role("heading", name=re.compile(rf"^Step 1 of {total}: "))
    expect(header).to_be_visible(timeout=WAIT_MS)
    buttons = [app.page.get_by_role("button", name=re.compile(f"^{name}")) for name in ("Previous", "Next")]
    for item in (header, *buttons):
        assert in_viewport(app, item), f"{item} is not on the first screen at {width}x{height}"
    for button in buttons:
        assert button.evaluate(NOT_TRUNCATED), f"a truncated button label at {width}x{height}"
    header.click()  # focus the page, not a widget, then use the keyboard
    app.page.keyboard.press("ArrowRight")
    header2 = app.page.get_by_role("heading", name=re.compile(rf"^Step 2 of {total}: "))
    expect(header2).to_be_visible(timeout=WAIT_MS)
    app.page.get_by_text("Jump to step").scroll_into_view_if_needed()
    assert in_viewport(app, header2) and in_viewport(app, buttons[1]), "the step bar scrolled away"
    audit(app, f"Step through, presentation, {width}x{height}")


def test_predict_then_reveal_in_the_browser(app: AppDriver, explorer: Explorer) -> None:
    result = explorer.evaluate(STEP_SCENARIO)
    units = teaching_steps(result)
    concluding = result.trace[units[0].shown[0]].title
    app.open_scenario(STEP_SCENARIO)
    app.go_to("Step through", "Step through the reasoning")
    app.page.get_by_text("Predict, then reveal").click()
    expect(app.page.get_by_role("heading", name=f"Step 1 of {len(units)}: ?")).to_be_visible(timeout=WAIT_MS)
    expect(app.page.get_by_text(concluding, exact=True)).to_have_count(0)  # the answer is not given away
    app.page.get_by_role("radiogroup").get_by_text(units[0].label, exact=True).click()  # the class guess
    app.page.get_by_role("button", name=re.compile("^Reveal")).click()
    expect(app.page.get_by_role("heading", name=f"Step 1 of {len(units)}: {units[0].label}")).to_be_visible()
    expect(app.page.get_by_text("✓ Right: the class guessed")).to_be_visible()
    expect(app.page.get_by_text(concluding, exact=True).first).to_be_visible()
    audit(app, "Step through, predict")


def test_quiz_marks_use_an_icon_and_a_word(app: AppDriver, explorer: Explorer) -> None:
    from explorer.categories import CATEGORIES, CORE_CATEGORIES

    scenario = Scenario(behaviour="malignant")
    result = explorer.evaluate(scenario)
    wrong = next(c for c in CORE_CATEGORIES if c not in result.categories)
    app.open_scenario(scenario)
    app.go_to("Quiz", "Quiz")
    picker = app.page.get_by_role("combobox", name="Option categories you expect the sources to discuss for this scenario")
    picker.click()
    app.page.get_by_role("option", name=CATEGORIES[wrong], exact=True).click()
    app.page.keyboard.press("Escape")
    app.click("Reveal")
    app.expect_heading("How did you do?")
    mark = app.page.locator('[data-testid="stExpander"]').filter(has_text=f"{CATEGORIES[wrong]} — ").first
    expect(mark).to_contain_text("✗ wrong pick")
    mark.locator("summary").click()
    expect(mark.get_by_text("Smallest change:").first).to_be_visible(timeout=WAIT_MS)
    audit(app, "Quiz revealed")
