"""Accessibility audit: axe-core (WCAG 2 A and AA rules) on every page; no serious or critical violation."""

from __future__ import annotations

import re

from typing import Any

import pytest

from explorer import Scenario
from tests.browser.driver import ACKNOWLEDGE, AppDriver
from tests.browser.server import REPO_ROOT

pytestmark = pytest.mark.browser

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))
    }));
}"""


@pytest.fixture(autouse=True)
def _axe_installed() -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core not installed ({AXE.relative_to(REPO_ROOT)} missing): `npm install` at the repo root")


def blocking_violations(app: AppDriver) -> list[dict[str, Any]]:
    app.page.add_script_tag(path=str(AXE))
    violations = app.page.evaluate(RUN_AXE)
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(where: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{where}] {v['impact']}: {v['id']} - {v['help']} ({v['helpUrl']})")
        lines += [f"      {node['target']}: {node['summary'].splitlines()[-1].strip()}" for node in v["nodes"][:5]]
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


def audit(app: AppDriver, where: str, found: list[str]) -> None:
    app.wait_idle()
    violations = blocking_violations(app)
    if violations:
        found.append(describe(where, violations))


def test_gate_has_no_serious_violations(app: AppDriver) -> None:
    app.open(acknowledge=False)
    app.page.get_by_role("button", name=ACKNOWLEDGE).wait_for()
    found: list[str] = []
    audit(app, "first-visit gate", found)
    assert not found, "\n" + "\n".join(found)


def test_every_page_has_no_serious_violations(app: AppDriver) -> None:
    app.open_scenario(Scenario(behaviour="malignant"))  # a scenario with results on every page
    found: list[str] = []
    for tab in ("Options", "Derivation graph"):
        app.open_tab(tab)
        audit(app, f"Explore / {tab}", found)
    for popover in ("Share link", "Handouts and downloads", "Teach with it"):  # the toolbar above the results
        app.page.get_by_role("button", name=re.compile(f"^{popover}")).click()
        app.page.locator('[data-testid="stPopoverBody"]').wait_for()
        audit(app, f"Explore / {popover}", found)
        app.page.keyboard.press("Escape")
    for title in app.visit_every_page():
        if title != "Explore a scenario":
            audit(app, title, found)
        if title == "Influence":  # its tabs are built only when opened
            for tab in ("Two factors", "Case coverage"):
                app.open_tab(tab)
                audit(app, f"Influence / {tab}", found)
    assert not found, "\n" + "\n".join(found)
