"""What a person sees of issue 9's last items: the share/handout toolbar above the results, a one-click gate that keeps
a shared scenario, a readable derivation graph, conflicts said before the results, a class exercise that hides the
answers, "Load into builder" landing at the top, and tables (not collapsed charts) on a phone."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from explorer import Explorer, Scenario
from explorer.scenario import FIELD_LABELS, value_label
from explorer.share import to_query
from tests.browser.driver import ACKNOWLEDGE, RESULTS_HEADING, WAIT_MS, AppDriver, expect
from tests.browser.test_teaching_ux import NOT_TRUNCATED, audit, in_viewport

pytestmark = pytest.mark.browser

VIEWPORTS = [(1440, 900), (1280, 720), (390, 844)]
PHONE = {"width": 390, "height": 844}
LARGE = Scenario(behaviour="malignant", origin="secondary", symptoms=("pain", "weakness"))  # 20-odd rule firings
# The size a text is drawn at: its computed font size times the SVG's scale on screen.
DRAWN_FONT_PX = """els => els.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
CELL_WIDTHS = """els => els.map(e => e.getBoundingClientRect().width)"""


def open_page_at(app: AppDriver, path: str, scenario: Scenario, heading: str) -> None:
    """Open a page by its URL (a phone has no sidebar in view) through a share link, and pass the gate."""
    app.page.goto(f"{app.base_url}/{path}?{urlencode(to_query(scenario))}")
    app.page.get_by_role("button", name=ACKNOWLEDGE).click()
    app.expect_heading(heading)
    app.wait_idle()


def open_popover(app: AppDriver, name: str):
    app.page.get_by_role("button", name=re.compile(f"^{name}")).click()
    body = app.page.locator('[data-testid="stPopoverBody"]')
    expect(body).to_be_visible(timeout=WAIT_MS)
    app.wait_idle()
    return body


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_share_and_handouts_sit_in_a_toolbar_above_the_results(app: AppDriver, width: int, height: int) -> None:
    app.page.set_viewport_size({"width": width, "height": height})
    scenario = Scenario(behaviour="benign")
    app.open_scenario(scenario)
    expect(app.page.get_by_role("tab", name="Share and export")).to_have_count(0)
    share = app.page.get_by_role("button", name=re.compile("^Share link"))
    results = app.page.get_by_role("heading", name=RESULTS_HEADING).first
    assert share.bounding_box()["y"] < results.bounding_box()["y"], "the toolbar is not above the results"
    assert in_viewport(app, share), f"the share button is not on the first screen at {width}x{height}"
    for name in ("Share link", "Handouts and downloads", "Reset"):
        button = app.page.get_by_role("button", name=re.compile(f"^{name}")).first
        assert button.evaluate(NOT_TRUNCATED), f"'{name}' is drawn truncated at {width}x{height}"
    body = open_popover(app, "Share link")
    expect(body.locator("code")).to_contain_text(urlencode(to_query(scenario)))
    audit(app, f"Explore, share popover, {width}x{height}")
    app.page.keyboard.press("Escape")
    body = open_popover(app, "Handouts and downloads")
    expect(body.get_by_role("button", name="Handout (printable HTML)")).to_be_visible()


def test_one_click_on_the_gate_keeps_the_shared_scenario(app: AppDriver) -> None:
    scenario = Scenario(behaviour="malignant", region="cervical", symptoms=("pain",))
    query = urlencode(to_query(scenario))
    app.open(query, acknowledge=False)
    app.page.get_by_role("button", name=ACKNOWLEDGE).click()  # one click, nothing else
    app.expect_heading("Explore a scenario")
    app.wait_idle()
    for name in ("behaviour", "region"):
        box = app.page.get_by_role("combobox", name=FIELD_LABELS[name], exact=True)
        expect(box).to_have_value(value_label(getattr(scenario, name)))
    expect(app.page).to_have_url(re.compile(re.escape("?" + query + "&ack=1") + "$"))  # + this tab's mark


def test_the_derivation_graph_text_is_at_least_12_px_at_1280(app: AppDriver, explorer: Explorer) -> None:
    app.page.set_viewport_size({"width": 1280, "height": 720})
    result = explorer.evaluate(LARGE)
    first_core = next(o for o in result.options if o.kind == "core")
    app.open_scenario(LARGE)
    panel = app.open_tab("Derivation graph")
    focus = app.page.get_by_role("combobox", name="Show the derivation of")
    expect(focus).to_have_value(first_core.label)  # a large graph opens on one option's chain
    texts = panel.locator('[data-testid="stGraphVizChart"] svg text')
    expect(texts.first).to_be_visible(timeout=WAIT_MS)
    focused = texts.evaluate_all(DRAWN_FONT_PX)
    assert min(focused) >= 12, f"graph text drawn at {min(focused):.1f} px"
    audit(app, "Explore, derivation graph, 1280x720")
    app.select("Show the derivation of", "every option")
    app.wait_idle()
    expect(texts).not_to_have_count(len(focused), timeout=WAIT_MS)
    every = texts.evaluate_all(DRAWN_FONT_PX)
    assert len(every) > len(focused) and min(every) >= 12, f"whole graph text drawn at {min(every):.1f} px"


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844)])
def test_a_conflict_is_said_before_the_results(app: AppDriver, width: int, height: int) -> None:
    app.page.set_viewport_size({"width": width, "height": height})
    app.open_scenario(Scenario(origin="secondary"))
    app.select(FIELD_LABELS["behaviour"], value_label("benign"))
    warning = app.page.locator('[data-testid="stAlert"]', has_text="Inputs that conflict")
    expect(warning).to_contain_text("Behaviour: benign cannot go with Tumour origin: secondary, so Tumour origin was "
                                    "set to unknown", timeout=WAIT_MS)
    core = app.page.get_by_role("heading", name="Core categories").first
    assert warning.bounding_box()["y"] < core.bounding_box()["y"], "the conflict comes after the results"
    expect(app.page.get_by_role("combobox", name=FIELD_LABELS["origin"], exact=True)).to_have_value("unknown")
    app.expect_no_error_output()
    audit(app, f"Explore, conflict, {width}x{height}")


def test_a_class_exercise_hides_the_answers(app: AppDriver, explorer: Explorer) -> None:
    scenario = Scenario(behaviour="benign")
    label = explorer.evaluate(scenario).options[0].label
    app.open_scenario(scenario)
    expect(app.page.get_by_text(f"{label} · discussed").first).to_be_visible()
    app.click("Hide the answers (class exercise)")
    expect(app.page.get_by_text("Answers hidden", exact=False).first).to_be_visible(timeout=WAIT_MS)
    expect(app.page.get_by_text(f"{label} · discussed")).to_have_count(0)
    expect(app.page.get_by_text(f"✓ {label}")).to_have_count(0)
    audit(app, "Explore, answers hidden")
    app.click("Show the answers")
    expect(app.page.get_by_text(f"{label} · discussed").first).to_be_visible(timeout=WAIT_MS)


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844)])
def test_load_into_builder_lands_at_the_top_with_the_case_in_view(app: AppDriver, width: int, height: int) -> None:
    from explorer.cases import load_cases

    app.page.set_viewport_size({"width": width, "height": height})
    case = load_cases()[-1]  # the last card: far down the library
    open_page_at(app, "cases", Scenario(), "Case library")
    key_class = "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", f"load:{case.id}")  # how Streamlit names a keyed widget
    load = app.page.locator(f".{key_class}").get_by_role("button")  # the card's own button
    load.scroll_into_view_if_needed()
    load.click()
    app.expect_heading("Explore a scenario")
    app.wait_idle()
    note = app.page.get_by_text(f"Loaded case “{case.title}”.")
    expect(note).to_be_visible(timeout=WAIT_MS)
    title = app.page.get_by_role("heading", name="Explore a scenario").first
    assert in_viewport(app, title), "Explore did not open at the top"
    assert in_viewport(app, note), "the loaded case is not in view"


@pytest.mark.parametrize(("path", "heading", "tab", "name"), [
    ("what_if", "What if?", None, "what_if_heatmap"),
    ("influence", "Influence", None, "influence_heatmap"),
    ("influence", "Influence", "Two factors", "pair_"),
])
def test_a_phone_gets_tables_not_collapsed_charts(app: AppDriver, path: str, heading: str, tab: str | None,
                                                  name: str) -> None:
    app.page.set_viewport_size(PHONE)
    open_page_at(app, path, LARGE, heading)
    if tab:
        app.open_tab(tab)
    table = app.page.locator(f'[class*="st-key-phone_only_{name}"] table').first
    expect(table).to_be_visible(timeout=WAIT_MS)
    widths = table.locator("td").evaluate_all(CELL_WIDTHS)
    assert widths and min(widths) > 8, f"table cells {min(widths or [0]):.1f} px wide on a phone"
    assert table.bounding_box()["x"] >= 0
    expect(app.page.locator(f'[class*="st-key-wide_only_{name}"]').first).to_be_hidden()
    app.expect_no_error_output()
    audit(app, f"{heading} {tab or ''} on a phone")


def test_wide_screens_keep_the_charts(app: AppDriver) -> None:
    app.page.set_viewport_size({"width": 1440, "height": 900})
    open_page_at(app, "what_if", LARGE, "What if?")
    chart = app.page.locator('[class*="st-key-wide_only_what_if_heatmap"] [data-testid="stVegaLiteChart"]')
    expect(chart).to_be_visible(timeout=WAIT_MS)
    assert chart.bounding_box()["width"] > 400
    expect(app.page.locator('[class*="st-key-phone_only_what_if_heatmap"]')).to_be_hidden()


def test_screenshots_for_review(app: AppDriver) -> None:
    """Not an assertion of layout: the phone tables and the toolbar as a person sees them, saved for review."""
    app.page.set_viewport_size(PHONE)
    open_page_at(app, "what_if", LARGE, "What if?")
    app.page.locator('[class*="st-key-phone_only_what_if_heatmap"]').screenshot(path="/tmp/uxshots/phone-whatif.png")
    open_page_at(app, "influence", LARGE, "Influence")
    app.page.locator('[class*="st-key-phone_only_influence_heatmap"]').screenshot(path="/tmp/uxshots/phone-inf.png")
    app.open_tab("Two factors")
    app.page.locator('[class*="st-key-phone_only_pair_"]').first.screenshot(path="/tmp/uxshots/phone-pair.png")
