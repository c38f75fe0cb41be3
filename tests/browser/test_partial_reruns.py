"""A change in the builder reruns only the parts it makes stale (keyed fragments, ui/components/rerun_scope.py):
in a real browser, everything that depends on the change still follows it, and nothing is left greyed out."""

from __future__ import annotations

import re

import pytest

from explorer import Scenario
from tests.browser.driver import WAIT_MS, AppDriver, expect
from tests.browser.test_failover import choose

pytestmark = pytest.mark.browser
STAGE_CAPTION = "Applies only when Behaviour is malignant"


def test_a_change_updates_the_options_summary_caption_and_link(app: AppDriver) -> None:
    app.open_scenario(Scenario(behaviour="benign"))
    strip = app.page.locator(".st-key-summary_strip")
    expect(strip).to_contain_text("Discussed: ✓ Observation / monitoring")
    expect(app.page.get_by_text(STAGE_CAPTION)).to_have_count(1)  # the Stage group's caption, before the change

    choose(app.page, "Behaviour", "malignant")  # an Origin widget; its group itself need not rerun
    expect(app.page).to_have_url(re.compile(r"behaviour=malignant"), timeout=WAIT_MS)
    expect(strip).to_contain_text("✓ Radiation therapy", timeout=WAIT_MS)  # the summary strip follows
    expect(app.main.get_by_text(re.compile(r"^✓ Radiation therapy · discussed"))).to_have_count(1)  # the options
    expect(app.page.get_by_text(STAGE_CAPTION)).to_have_count(0)  # the Stage group reran: its caption went
    app.wait_idle()
    expect(app.page.locator('[data-stale="true"]')).to_have_count(0)  # no part left from the previous run

    choose(app.page, "Region of the spine", "thoracic")  # nothing else reads it: only options and summary rerun
    expect(app.page).to_have_url(re.compile(r"(?=.*behaviour=malignant)(?=.*region=thoracic)"), timeout=WAIT_MS)
    app.wait_idle()
    expect(app.page.get_by_role("combobox", name="Behaviour", exact=True)).to_have_value("malignant")
    expect(app.page.locator('[data-stale="true"]')).to_have_count(0)
    app.expect_no_error_output()
