"""Influence page: the heatmap renders and its CSV matches the library; the case-coverage figures match too."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import DISCLAIMER, Explorer
from explorer.cases import load_cases
from explorer.space.teaching_coverage import coverage
from explorer.space.influence import cells_csv, sample_tally
from tests.browser.driver import WAIT_MS, AppDriver, expect

pytestmark = pytest.mark.browser

PAGE = "Influence"


def test_heatmap_renders_and_its_csv_matches_the_library(app: AppDriver, explorer: Explorer) -> None:
    app.open()
    app.go_to(PAGE, PAGE)
    panel = app.open_tab("Heatmap")
    expect(panel.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=WAIT_MS)
    slider = panel.get_by_role("slider", name="Random scenarios")
    sample_size = int(slider.get_attribute("aria-valuetext") or 0)  # the value shown (aria-valuenow is its index)
    seed = int(panel.get_by_role("spinbutton", name="Seed").input_value())

    with app.page.expect_download(timeout=WAIT_MS) as download_info:
        panel.get_by_role("button", name="Heatmap data (CSV)").click()
    lines = Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()

    library = cells_csv(sample_tally(explorer, sample_size, seed).cells()).splitlines()
    assert lines[0] == f"# {DISCLAIMER}"
    assert lines[1] == library[1], "CSV header differs from the library's"
    assert len(lines) > 2
    unknown = set(lines[2:]) - set(library[2:])
    assert not unknown, f"{len(unknown)} CSV rows differ from the library's figures, e.g. {sorted(unknown)[0]}"

    # the figure files are rendered on click from the chart's own spec, the disclaimer in the figure
    with app.page.expect_download(timeout=WAIT_MS) as download_info:
        panel.get_by_role("button", name="Heatmap (SVG)").click()
    svg = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'aria-roledescription="rect mark"' in svg
    assert "Educational tool only: it shows which treatment options" in svg
    with app.page.expect_download(timeout=WAIT_MS) as download_info:
        panel.get_by_role("button", name="Heatmap (PNG)").click()
    assert Path(download_info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    app.expect_no_error_output()


def test_case_coverage_matches_the_library(app: AppDriver, explorer: Explorer) -> None:
    report = coverage(explorer, load_cases())
    core_total = len(report.core_shown) + len(report.core_missing)
    app.open()
    app.go_to(PAGE, PAGE)
    panel = app.open_tab("Case coverage")
    metric = panel.locator('[data-testid="stMetric"]', has_text="Core categories shown")
    expect(metric).to_contain_text(f"{len(report.core_shown)} of {core_total}", timeout=WAIT_MS)
    rules = panel.locator('[data-testid="stMetric"]', has_text="applied by a case")
    expect(rules).to_contain_text(f"{len(report.rules_fired)} of {len(report.rules_fireable)}")
    app.expect_no_error_output()
