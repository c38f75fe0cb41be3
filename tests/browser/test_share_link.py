"""Share links: a link restores the scenario; a tampered link warns, falls back to defaults, never crashes."""

from __future__ import annotations

import re

from urllib.parse import urlencode

import pytest

from explorer import Explorer, Scenario
from explorer.scenario import FIELD_LABELS, value_label
from explorer.share import to_query
from tests.browser.driver import WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser

LINK_WARNING = "Some parts of the link could not be used"


def test_opening_a_share_link_restores_the_scenario(app: AppDriver, explorer: Explorer) -> None:
    scenario = Scenario(behaviour="benign", region="cervical", compartment="intramedullary")
    result = explorer.evaluate(scenario)
    app.open_scenario(scenario)

    for name in ("behaviour", "region", "compartment"):
        box = app.page.get_by_role("combobox", name=FIELD_LABELS[name], exact=True)
        expect(box).to_have_value(value_label(getattr(scenario, name)), timeout=WAIT_MS)
    options = app.open_tab("Options")
    for option in result.options:
        expect(options.get_by_text(f"{option.label} · discussed").first).to_be_visible()
    expect(app.page.get_by_text(LINK_WARNING)).to_have_count(0)

    app.page.get_by_role("button", name=re.compile("^Share link")).click()  # the toolbar above the results
    share = app.page.locator('[data-testid="stPopoverBody"]')
    expect(share.locator("code")).to_contain_text(urlencode(to_query(scenario)))
    app.expect_no_error_output()


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"behaviour": "nonsense", "age": "900"}, ("behaviour", "age")),
        ({"stage": "4"}, ("stage",)),  # a stage needs a malignant behaviour
        ({"no_such_field": "1", "symptoms": "pain,<script>alert(1)</script>"}, ("no_such_field", "symptoms")),
    ],
    ids=["bad-values", "inconsistent", "unknown-field-and-markup"],
)
def test_a_tampered_link_warns_and_falls_back(app: AppDriver, query: dict[str, str], named: tuple[str, ...]) -> None:
    dialogs: list[str] = []
    app.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    app.open(urlencode(query))

    warning = app.page.get_by_text(LINK_WARNING)
    expect(warning).to_be_visible(timeout=WAIT_MS)
    alert = app.page.locator('[data-testid="stAlert"]', has=warning)
    for name in named:
        expect(alert).to_contain_text(name)
    default_behaviour = value_label(Scenario().behaviour)  # no valid behaviour in any of these links
    behaviour = app.page.get_by_role("combobox", name=FIELD_LABELS["behaviour"], exact=True)
    expect(behaviour).to_have_value(default_behaviour)
    app.expect_no_error_output()
    assert not dialogs, f"markup from the link was executed: {dialogs}"
