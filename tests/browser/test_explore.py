"""Explore page: changing a factor re-evaluates the scenario; the derivation graph renders."""

from __future__ import annotations

import re

import pytest

from explorer import Explorer, Result, Scenario
from explorer.categories import CORE_CATEGORIES
from explorer.scenario import FIELD_LABELS, value_label
from tests.browser.driver import WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser


def core_row_text(result: Result, category: str) -> str:
    """The start of the card title the Options tab shows for a core category."""
    label = CORE_CATEGORIES[category]
    return f"{label} · discussed" if category in result.categories else f"{label} · not discussed for this scenario"


def test_changing_a_factor_updates_the_options(app: AppDriver, explorer: Explorer) -> None:
    before = explorer.evaluate(Scenario())
    after = explorer.evaluate(Scenario(behaviour="malignant"))
    newly_discussed = [o for o in after.options if o.category not in before.categories]
    assert newly_discussed, "precondition: 'malignant' must add options to the default scenario"
    app.open()
    options = app.open_tab("Options")
    expect(options.get_by_text(core_row_text(before, "surgery"))).to_be_visible()

    app.select(FIELD_LABELS["behaviour"], value_label("malignant"))

    for option in newly_discussed:
        expect(options.get_by_text(f"{option.label} · discussed").first).to_be_visible(timeout=WAIT_MS)
    for category in CORE_CATEGORIES:
        expect(options.get_by_text(core_row_text(after, category))).to_be_visible()
    expect(app.page).to_have_url(re.compile(r"[?&]behaviour=malignant\b"))
    app.expect_no_error_output()


def test_an_option_card_shows_its_rule_chain(app: AppDriver, explorer: Explorer) -> None:
    scenario = Scenario(behaviour="malignant")
    option = explorer.evaluate(scenario).options[0]
    app.open_scenario(scenario)
    app.open_tab("Options").get_by_text(f"{option.label}: chain of rules and quotes").first.click()
    app.page.get_by_text("Show rule ids").first.click()  # ids are hidden until asked for
    for rule_id in option.chain:
        expect(app.main.locator("code", has_text=re.compile(f"^{re.escape(rule_id)}$")).first).to_be_visible()


def test_derivation_graph_renders_as_svg(app: AppDriver, explorer: Explorer) -> None:
    scenario = Scenario(behaviour="malignant")
    result = explorer.evaluate(scenario)
    app.open_scenario(scenario)
    chart = app.open_tab("Derivation graph").locator('[data-testid="stGraphVizChart"]')
    app.select("Show the derivation of", "every option")  # a large graph opens on one option's chain
    svg = chart.locator("svg").first
    expect(svg).to_be_visible(timeout=WAIT_MS)
    nodes = svg.locator("g.node")
    expect(nodes.first).to_be_visible()
    minimum = len(result.trace) + len(result.options)
    app.page.wait_for_function(  # the graph is redrawn for the new choice: wait for the whole one, bounded
        """n => document.querySelectorAll('[data-testid="stGraphVizChart"] svg g.node').length >= n""",
        arg=minimum, timeout=WAIT_MS)
    assert nodes.count() >= minimum
    expect(svg).to_contain_text(result.options[0].label)
