"""A reload keeps the acknowledgement and the scenario (both in the tab's URL); a share link opened elsewhere asks once.

Every page that changes the scenario (Explore's builder, Load into builder, What if, Quiz's Next case) writes it to
the URL at once, and a reload of any page restores it without the gate."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from explorer import Scenario
from explorer.cases import load_cases
from explorer.scenario import FIELD_LABELS, value_label
from explorer.share import ACK_PARAM, to_query
from tests.browser.driver import ACKNOWLEDGE, EXPLORE_HEADING, RESULTS_HEADING, WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser

VIEWPORTS = [(1440, 900), (1280, 720), (390, 844)]
ACKED = {ACK_PARAM: "1"}
EDITED = Scenario(behaviour="malignant", region="cervical")


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def expect_url_query(app: AppDriver, wanted: dict[str, str]) -> None:
    """The address bar's query becomes `wanted` (the app rewrites it with history.replaceState after a run)."""
    app.page.wait_for_function("wanted => { const q = new URLSearchParams(location.search);"
                               " return [...q].length === Object.keys(wanted).length"
                               " && Object.entries(wanted).every(([k, v]) => q.get(k) === v); }",
                               arg=wanted, timeout=WAIT_MS)
    assert query_of(app.page.url) == wanted


def expect_gate(app: AppDriver) -> None:
    expect(app.page.get_by_role("button", name=ACKNOWLEDGE)).to_be_visible(timeout=WAIT_MS)
    expect(app.page.get_by_role("heading", name=RESULTS_HEADING)).to_have_count(0)
    expect(app.disclaimer).to_be_visible()


def expect_no_gate(app: AppDriver, heading: str) -> None:
    app.expect_heading(heading)
    app.wait_idle()
    expect(app.page.get_by_role("button", name=ACKNOWLEDGE)).to_have_count(0)
    expect(app.disclaimer).to_be_visible()  # the banner stays on every page


def expect_fields(app: AppDriver, scenario: Scenario, names: tuple[str, ...]) -> None:
    for name in names:
        box = app.page.get_by_role("combobox", name=FIELD_LABELS[name], exact=True)
        expect(box).to_have_value(value_label(getattr(scenario, name)), timeout=WAIT_MS)


def reload(app: AppDriver, heading: str) -> None:
    app.page.reload()
    expect_no_gate(app, heading)


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_a_reload_keeps_the_acknowledgement_and_a_share_link_still_asks_once(
        app: AppDriver, browser, width: int, height: int) -> None:  # noqa: ANN001
    viewport = {"width": width, "height": height}
    app.page.set_viewport_size(viewport)
    app.open(acknowledge=False)
    expect_gate(app)
    expect_url_query(app, {})  # no mark before the click
    app.screenshot(f"reload-gate-{width}x{height}")
    app.page.get_by_role("button", name=ACKNOWLEDGE).click()
    expect_no_gate(app, EXPLORE_HEADING)
    expect_url_query(app, ACKED)

    app.select(FIELD_LABELS["behaviour"], value_label(EDITED.behaviour))
    app.select(FIELD_LABELS["region"], value_label(EDITED.region))
    expect_url_query(app, {**to_query(EDITED), **ACKED})

    reload(app, EXPLORE_HEADING)
    expect_fields(app, EDITED, ("behaviour", "region"))
    expect_url_query(app, {**to_query(EDITED), **ACKED})
    app.page.evaluate("window.scrollTo(0, 0)")
    app.screenshot(f"reload-after-{width}x{height}")

    app.page.get_by_role("button", name=re.compile("^Share link")).click()
    share = app.page.locator('[data-testid="stPopoverBody"] code')
    expect(share).to_contain_text("behaviour=malignant", timeout=WAIT_MS)
    link = share.inner_text().strip()
    assert query_of(link) == to_query(EDITED), link  # the scenario, never this tab's mark

    context = browser.new_context(viewport=viewport)  # someone else: a browser that never acknowledged
    try:
        other = AppDriver(context.new_page(), app.base_url)
        other.page.set_default_timeout(WAIT_MS)
        other.page.goto(link)
        expect_gate(other)
        other.page.get_by_role("button", name=ACKNOWLEDGE).click()  # one click
        expect_no_gate(other, EXPLORE_HEADING)
        expect_fields(other, EDITED, ("behaviour", "region"))
        expect_url_query(other, {**to_query(EDITED), **ACKED})
        other.expect_no_error_output()
    finally:
        context.close()


def test_every_page_keeps_the_scenario_in_the_url_and_a_reload_restores_it(app: AppDriver) -> None:
    start = Scenario(behaviour="benign")
    library = load_cases()
    app.open_scenario(start)
    expect_url_query(app, {**to_query(start), **ACKED})

    app.go_to("Step through", "Step through the reasoning")
    expect_url_query(app, {**to_query(start), **ACKED})
    reload(app, "Step through the reasoning")
    expect_url_query(app, {**to_query(start), **ACKED})

    app.go_to("Quiz", "Quiz")
    app.click("Next case")  # loads the first library case (the current scenario is none of them)
    quiz_case = library[0].scenario_with_title()
    expect_url_query(app, {**to_query(quiz_case), **ACKED})
    reload(app, "Quiz")
    expect_url_query(app, {**to_query(quiz_case), **ACKED})

    app.go_to("What if", "What if?")
    app.open_tab("Compare two scenarios")
    app.page.get_by_text("A case from the library", exact=True).click()
    combo = app.page.get_by_role("combobox", name="Case to use as scenario B", exact=True)
    expect(combo).to_have_value(library[0].title, timeout=WAIT_MS)
    app.select("Case to use as scenario B", library[1].title)
    app.click("Make scenario B the current scenario")
    what_if_case = library[1].scenario_with_title()
    expect_url_query(app, {**to_query(what_if_case), **ACKED})
    reload(app, "What if?")
    expect_url_query(app, {**to_query(what_if_case), **ACKED})

    case = library[-1]
    app.go_to("Case library", "Case library")
    key_class = "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", f"load:{case.id}")  # how Streamlit names a keyed widget
    load = app.page.locator(f".{key_class}").get_by_role("button")
    load.scroll_into_view_if_needed()
    load.click()
    expect_no_gate(app, EXPLORE_HEADING)
    expect_url_query(app, {**to_query(case.scenario_with_title()), **ACKED})
    reload(app, EXPLORE_HEADING)
    expect_fields(app, case.scenario_with_title(), ("behaviour", "origin"))
    expect_url_query(app, {**to_query(case.scenario_with_title()), **ACKED})
    app.expect_no_error_output()
