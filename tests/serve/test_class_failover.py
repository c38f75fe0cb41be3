"""A live class survives losing an app process: real nginx, two app processes and redis-server on loopback.

The tutor and three students are Chromium tabs in their own contexts (so nginx routes them by their own cookies).
A question is open and answered when the process behind one student is killed: that tab reconnects through nginx
to the live process, lands in the same session on the same step, with its answer kept and still counted.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from typing import Callable

import pytest

from cluster.serve import Cluster
from explorer import Scenario
from tests.browser.class_pages import PHONE, DESKTOP, choose_question, expect_step, new_page, open_student, start_session
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.driver import WAIT_MS, AppDriver, expect

from .conftest import upstream_of

pytestmark = pytest.mark.browser
SCENARIO = Scenario(behaviour="malignant", symptoms=("pain",))
MAX_STUDENTS = 8  # joins until one student is served by the other process than the tutor
TEST_LIMIT_S = 240.0


def in_own_browser(body: Callable[..., None]) -> None:
    """Run `body(browser)` with a Chromium of its own in a thread of its own: Playwright's sync API keeps an event
    loop for its thread, so this test neither meets a browser other modules started nor leaves one for asyncio
    tests that come after it."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    failure: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    body(browser)
                finally:
                    browser.close()
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's own thread
            failure.append(error)

    worker = threading.Thread(target=run, name="class-failover-browser")
    worker.start()
    worker.join(TEST_LIMIT_S)
    assert not worker.is_alive(), f"the browser part did not finish within {TEST_LIMIT_S:.0f} s"
    if failure:
        raise failure[0]


def served_by(cluster: Cluster, page) -> str:  # noqa: ANN001
    """The `host:port` of the app process nginx routes this browser context to."""
    route = next(c["value"] for c in page.context.cookies() if c["name"] == "explorer_route")
    return upstream_of(cluster.config.public_url, f"explorer_route={route}")


def test_students_reconnect_to_the_same_step_with_their_answers(two_replicas: Cluster) -> None:
    in_own_browser(lambda browser: class_survives_a_kill(two_replicas, browser))


def class_survives_a_kill(two_replicas: Cluster, browser) -> None:  # noqa: ANN001
    url = two_replicas.config.public_url
    tutor = AppDriver(new_page(browser, DESKTOP), url)
    code, join_url = start_session(tutor, SCENARIO)
    assert join_url == f"{url}/?join={code}"
    tutor_process = served_by(two_replicas, tutor.page)
    students = []
    for _ in range(MAX_STUDENTS):
        page = new_page(browser, PHONE)
        open_student(page, join_url)
        students.append(page)
        if len(students) >= 3 and any(served_by(two_replicas, p) != tutor_process for p in students):
            break
    moved = next(p for p in students if served_by(two_replicas, p) != tutor_process)
    victim = next(a for a in two_replicas.apps if served_by(two_replicas, moved).endswith(f":{two_replicas.port_of(a)}"))

    tutor.click("Next")
    heading = tutor.page.get_by_role("heading", name=re.compile(r"^Step 2 of \d+: "))
    expect(heading).to_be_visible()
    total = int(re.search(r"Step 2 of (\d+)", heading.inner_text()).group(1))
    prompt = choose_question(tutor, re.compile(r"^Is .* discussed for this scenario\?$"))
    tutor.click("Ask the class")
    for page in students:
        expect(page.get_by_role("heading", name=f"Question: {prompt}")).to_be_visible()
        page.get_by_role("button", name="Yes", exact=True).click()
        expect(page.get_by_role("button", name="✓ Yes (your answer)")).to_be_visible()
    expect(tutor.main.get_by_text(f"{len(students)} joined · {len(students)} answered")).to_be_visible()

    os.kill(victim.pid, signal.SIGKILL)  # type: ignore[arg-type]
    # the tab reconnects through nginx to the live process: same session, same step, its answer kept
    expect(moved.get_by_role("button", name="✓ Yes (your answer)")).to_be_visible(timeout=WAIT_MS)
    expect_step(moved, 2, total)
    expect(moved.get_by_role("button", name="I understand")).to_have_count(0)
    answering = served_by(two_replicas, moved).split(", ")[-1]  # nginx may try the dead one first, then moves on
    assert answering and not answering.endswith(f":{two_replicas.port_of(victim)}")

    moved.get_by_role("button", name="No", exact=True).click()  # still open: the answer can change there too
    expect(moved.get_by_role("button", name="✓ No (your answer)")).to_be_visible()
    expect(tutor.main.get_by_text(f"{len(students)} joined · {len(students)} answered")).to_be_visible()
    tutor.click("Reveal")
    expect(moved.get_by_text(re.compile(r"^Your answer: No\. "))).to_be_visible()
    for page in (tutor.page, *students):
        AppDriver(page, url).expect_no_error_output()
        page.context.close()
