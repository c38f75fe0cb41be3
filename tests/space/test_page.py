"""AppTest of the Influence page: heatmap, responsible rules for a selected cell, pair maps, coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import DISCLAIMER
from explorer.categories import CORE_CATEGORIES
from explorer.space.factors import factors

PAGE = Path(__file__).resolve().parents[2] / "ui" / "views" / "influence.py"


@pytest.fixture()
def page() -> AppTest:
    """A fresh page for every test (a shared one would carry one test's selections into the next)."""
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_heatmap_renders_factor_values_against_categories(page):
    assert DISCLAIMER in page.warning[0].body
    heat = charts(page)[0]
    assert heat["mark"]["type"] == "rect" and heat["encoding"]["color"]["field"] == "shift_pp"
    rows = heat["encoding"]["y"]["sort"]
    table = factors()
    expected = sum(len(f.levels) for name, f in table.items() if not name.startswith("symptoms."))
    assert len(rows) == expected  # 5,000 samples see every level of every non-symptom factor
    assert heat["encoding"]["x"]["sort"][:len(CORE_CATEGORIES)] == list(CORE_CATEGORIES.values())
    labels = [b.label for b in page.get("download_button")]
    assert {"Heatmap data (CSV)", "Heatmap (SVG)", "Heatmap (PNG)", "Chart spec (Vega-Lite JSON)"} <= set(labels)


def test_selecting_a_cell_lists_the_responsible_rules(page):
    value, category = page.selectbox[0], page.selectbox[1]
    value.set_value("Pressing on the spinal cord or nerves: yes")
    category.set_value("surgery")
    page.run()
    assert not page.exception
    titles = [e.label for e in page.expander]
    assert any(t.endswith("· surgery-decompression") for t in titles)
    metric = page.metric[0]
    assert metric.label == "Surgery with this value" and metric.value.endswith("%")


def open_tab(at: AppTest, label: str) -> None:
    """Tabs are built only when open (ui/components/lazy.py): open one the way a click does."""
    at.session_state["influence_tab"] = label
    at.run()
    assert not at.exception


def test_pair_view_draws_one_map_per_category(page):
    assert not [c for c in charts(page) if "layer" in c]  # the Two factors tab is not built while closed
    open_tab(page, "Two factors")
    maps = [c for c in charts(page) if "layer" in c]
    assert [m["title"]["text"][0] for m in maps] == ["Surgery", "Palliative care"]
    assert all(" ".join(m["title"]["subtitle"]) == DISCLAIMER for m in maps)  # in the figure the downloads render
    cells, words = maps[0]["layer"]
    assert cells["encoding"]["color"]["field"] == "state" and words["encoding"]["text"]["field"] == "mark"
    assert maps[0]["encoding"]["y"]["title"] == "Overall health and fitness"
    legend = cells["encoding"]["color"]["legend"]["labelExpr"]  # the legend pairs each colour with its word
    assert all(word in legend for word in ("✓ yes", "✗ no", "invalid"))
    assert not [c for c in charts(page) if c.get("encoding", {}).get("color", {}).get("field") == "shift_pp"]


def test_coverage_section(page):
    open_tab(page, "Case coverage")
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Core categories shown"].endswith("of 5")
    assert " of " in metrics["Rules that can apply, applied by a case"]
