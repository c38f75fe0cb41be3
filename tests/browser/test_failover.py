"""A real browser tab keeps working, with its scenario, when the process behind it is killed (nginx + 2 processes)."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from cluster.serve import Cluster
from tests.browser.driver import EXPLORE_HEADING, WAIT_MS, AppDriver, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from tests.serve.conftest import nginx, two_replicas, upstream_of  # noqa: F401  (nginx + 2 app processes)

pytestmark = pytest.mark.browser
ATTEMPTS = 3


def choose(page, label: str, option: str) -> None:  # noqa: ANN001
    """Pick `option` in a selectbox. Right after a page load a click sometimes does not open the list yet
    (with or without this change), so the list gets up to three tries; the value must then show."""
    box = page.get_by_role("combobox", name=label, exact=True)
    for _ in range(ATTEMPTS):
        box.click()
        item = page.get_by_role("option", name=option, exact=True)
        try:
            item.wait_for(state="visible", timeout=3000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        item.click()
        break
    expect(box).to_have_value(option, timeout=WAIT_MS)


def test_a_tab_resumes_on_the_live_process_with_its_scenario(two_replicas: Cluster, page) -> None:  # noqa: ANN001, F811
    url = two_replicas.config.public_url
    app = AppDriver(page, url)
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket))
    app.open("behaviour=malignant")
    choose(page, "Extent", "widespread")
    expect(page).to_have_url(re.compile(r"extent=widespread"), timeout=WAIT_MS)
    route = next(c["value"] for c in page.context.cookies() if c["name"] == "explorer_route")
    serving = upstream_of(url, f"explorer_route={route}")
    victim = next(a for a in two_replicas.apps if serving.endswith(f":{two_replicas.port_of(a)}"))

    opened = len(sockets)
    os.kill(victim.pid, signal.SIGKILL)  # type: ignore[arg-type]
    # the tab reconnects by itself (to the other process) and reruns there, without the first-visit gate
    deadline = time.monotonic() + WAIT_MS / 1000
    while len(sockets) == opened and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert len(sockets) > opened, "the tab did not reconnect"
    app.wait_idle()
    app.expect_heading(EXPLORE_HEADING)
    expect(page.get_by_role("button", name="I understand")).to_have_count(0)
    choose(page, "Region of the spine", "thoracic")
    # ... and the new process rebuilt the scenario from the URL: the earlier changes are all still there
    for label, value in (("Behaviour", "malignant"), ("Extent", "widespread"), ("Region of the spine", "thoracic")):
        expect(page.get_by_role("combobox", name=label, exact=True)).to_have_value(value, timeout=WAIT_MS)
    every_change = re.compile(r"(?=.*behaviour=malignant)(?=.*extent=widespread)(?=.*region=thoracic)")
    expect(page).to_have_url(every_change, timeout=WAIT_MS)
    now = upstream_of(url, f"explorer_route={route}")
    assert now and now != serving and str(two_replicas.port_of(victim)) not in now
    app.expect_no_error_output()
