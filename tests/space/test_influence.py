"""Aggregation on the tiny pack, checked by hand; responsible rules; pairwise maps; figure exports."""

from __future__ import annotations

import csv
import io
import re
import struct
from html import escape

import pytest

from explorer import DISCLAIMER, InputError, Scenario
from explorer.space.figures import PNG_SCALE, figure_png, figure_svg
from explorer.space.influence import cells_csv, influence_spec, never_fired, never_shown, tally
from explorer.space.two_factor_map import NOT_VALID, cell_state, pair_csv, pair_map, pair_spec
from explorer.space.factor_rules import responsible
from explorer.space.sweep import run_sweep
from explorer.space.factors import factors, grid_rows, resolve_factors

# Grid behaviour (3) x cord_compression (2) x overall_health (4) over the empty scenario = 24 scenarios.
# observation: every one (no symptoms); radiation, chemotherapy: malignant = 8; palliative: poor = 6;
# surgery: malignant or compression = 24 - (2/3 * 1/2 * 24) = 16.


@pytest.fixture(scope="module")
def grid_tally(tiny):
    table = factors(tiny.pack.rules)
    chosen = resolve_factors(["behaviour", "cord_compression", "overall_health"], table)
    sweep = run_sweep(grid_rows(chosen).rows, tiny)
    return tally(sweep, chosen)


def cell(result, factor, level, category):
    return next(c for c in result.cells() if (c.factor, c.level, c.category) == (factor, level, category))


def test_category_frequencies_by_hand(grid_tally):
    assert grid_tally.total == 24
    counts = {c: n for c, n in grid_tally.category_counts.items() if n}
    assert counts == {"observation": 24, "surgery": 16, "radiation": 8, "chemotherapy": 8, "palliative": 6}


def test_shifts_by_hand(grid_tally):
    malignant = cell(grid_tally, "behaviour", "malignant", "surgery")
    assert (malignant.n, malignant.count) == (8, 8)
    assert malignant.shift_pp == pytest.approx(100 * (1 - 16 / 24))
    assert malignant.lift == pytest.approx(1.5)
    benign = cell(grid_tally, "behaviour", "benign", "surgery")  # compression only: 4 of 8
    assert benign.rate == pytest.approx(0.5) and benign.shift_pp == pytest.approx(50 - 100 * 16 / 24)
    no_compression = cell(grid_tally, "cord_compression", False, "surgery")  # malignant only: 4 of 12
    assert no_compression.rate == pytest.approx(4 / 12)
    poor = cell(grid_tally, "overall_health", "poor", "palliative")
    assert poor.shift_pp == pytest.approx(75.0) and poor.lift == pytest.approx(4.0)
    observation = cell(grid_tally, "overall_health", "good", "observation")
    assert observation.shift_pp == 0 and observation.lift == 1
    largest = grid_tally.largest_shifts(top=3)
    assert [(c.factor, c.level, c.category) for c in largest] == [
        ("overall_health", "poor", "palliative"), ("behaviour", "malignant", "radiation"),
        ("behaviour", "malignant", "chemotherapy")]


def test_never_fired_and_never_shown(tiny):
    table = factors(tiny.pack.rules)
    chosen = resolve_factors(["behaviour"], table)
    result = tally(run_sweep(grid_rows(chosen).rows, tiny), chosen)
    assert never_fired(result) == ["compression-surgery", "palliative-poor-health"]
    assert never_shown(result, tiny.pack) == ["tiny-pressure", "tiny-palliative", "tiny-uncited"]
    assert result.rule_counts == {"watch-asymptomatic": 3, "cancer-options": 1, "compression-surgery": 0,
                                  "palliative-poor-health": 0}


def test_responsible_rules_read_the_factor_and_conclude_the_category(tiny, explorer):
    table = factors(tiny.pack.rules)
    assert [r.rule for r in responsible(tiny.pack, table["behaviour"], "surgery")] == ["cancer-options"]
    assert [r.rule for r in responsible(tiny.pack, table["cord_compression"], "surgery")] == ["compression-surgery"]
    assert responsible(tiny.pack, table["overall_health"], "surgery") == []
    pain = responsible(tiny.pack, table["symptoms.pain"], "observation")
    assert [(r.rule, r.statements) for r in pain] == [("watch-asymptomatic", ("tiny-watch",))]
    # shipped pack: extent reaches complete-removal surgery only through derived facts
    shipped = {r.rule: r for r in responsible(explorer.pack, factors()["extent"], "surgery")}
    chain = shipped["surgery-complete-removal"]
    assert "surgery-complete-removal" not in chain.via and "one-portion-cancer-is-localised" in chain.via
    assert set(explorer.pack.rule_index["one-portion-cancer-is-localised"].spec.cites) <= set(chain.statements)


def test_pair_map_marks_invalid_combinations(tiny):
    table = factors(tiny.pack.rules)
    pair = pair_map(tiny, Scenario(), table["stage"], table["behaviour"])
    invalid = [(c.a_level, c.b_level) for c in pair.cells if c.categories is None]
    assert len(pair.cells) == 15 and len(invalid) == 8
    assert all(a is not None and b != "malignant" for a, b in invalid)
    staged = next(c for c in pair.cells if (c.a_level, c.b_level) == (3, "malignant"))
    assert cell_state(staged, "chemotherapy") == "discussed"
    assert cell_state(next(c for c in pair.cells if c.categories is None), "surgery") == NOT_VALID
    with pytest.raises(InputError, match="two different factors"):
        pair_map(tiny, Scenario(), table["stage"], table["stage"])


def test_pair_map_over_a_base_scenario(tiny):
    table = factors(tiny.pack.rules)
    pair = pair_map(tiny, Scenario(symptoms=("pain",)), table["overall_health"], table["cord_compression"])
    surgery = {(c.a_level, c.b_level) for c in pair.cells if "surgery" in c.categories}
    assert surgery == {(h, True) for h in ("good", "fair", "poor", "unknown")}
    assert not any("observation" in c.categories for c in pair.cells)  # the base has a symptom
    rows = list(csv.DictReader(line for line in pair_csv(pair).splitlines() if not line.startswith("#")))
    assert len(rows) == 8 and {r["palliative"] for r in rows if r["overall_health"] == "poor"} == {"yes"}


def test_figure_exports_carry_the_disclaimer(grid_tally, tiny):
    cells = grid_tally.cells()
    text = cells_csv(cells)
    assert text.startswith(f"# {DISCLAIMER}\n")
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))
    assert len(rows) == len(cells)
    poor = next(r for r in rows if r["factor"] == "overall_health" and r["level"] == "poor" and r["category"] == "palliative")
    assert float(poor["shift_pp"]) == pytest.approx(75.0)
    table = factors(tiny.pack.rules)
    pair = pair_map(tiny, Scenario(), table["overall_health"], table["behaviour"])
    assert DISCLAIMER in pair_csv(pair)
    for spec in (influence_spec(cells), pair_spec(pair, "palliative")):
        assert " ".join(spec["title"]["subtitle"]) == DISCLAIMER and spec["description"].endswith(DISCLAIMER)
        svg = figure_svg(spec)
        assert svg.startswith("<svg") and f"Subtitle text '{escape(DISCLAIMER, {chr(39): '&#39;'})}'" in svg
        assert all(f"<tspan{attrs}>{escape(line)}</tspan>" in svg
                   for line, attrs in zip(spec["title"]["subtitle"], ("", *[' x="0" dy="14"'] * 9)))


def test_figures_are_the_page_spec_rendered(grid_tally, tiny):
    """The SVG and PNG downloads are the Vega-Lite spec the page draws: every cell, with the CSV's numbers."""
    cells = grid_tally.cells()
    spec = influence_spec(cells)
    csv_rows = list(csv.DictReader(io.StringIO(cells_csv(cells).split("\n", 1)[1])))
    assert [(r["factor"], r["level"], r["category"]) for r in spec["data"]["values"]] == \
        [(r["factor"], r["level"], r["category"]) for r in csv_rows]
    svg = figure_svg(spec)
    assert svg.count('aria-roledescription="rect mark"') == len(cells)  # one rect per factor value x category
    poor = next(c for c in cells if c.factor == "overall_health" and c.level == "poor" and c.category == "palliative")
    assert f"Factor value: {escape(poor.row)}; Category: Palliative care; Rate with this value: {poor.rate:.1%}" in svg
    png = figure_png(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    svg_width, svg_height = (int(v) for v in re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg).groups())
    assert (width, height) == (svg_width * PNG_SCALE, svg_height * PNG_SCALE)  # the same figure, twice the pixels
