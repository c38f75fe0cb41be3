"""The two-factor map says each cell's state in words (page, download and phone table alike), not colour alone."""

from __future__ import annotations

from explorer import Scenario
from explorer.space.factors import factors
from explorer.space.figures import figure_svg
from explorer.space.two_factor_map import pair_map, pair_spec, pair_table


def test_not_valid_and_not_discussed_read_differently(explorer) -> None:
    table = factors(explorer.pack.rules)
    pair = pair_map(explorer, Scenario(), table["behaviour"], table["stage"])  # a stage needs a malignant tumour
    rows = {row["Behaviour"]: row for row in pair_table(pair, "chemotherapy")}
    assert rows["benign"] == {"Behaviour": "benign", "1": "invalid", "2": "invalid", "3": "invalid", "4": "invalid",
                              "not given": "✗ no"}
    svg = figure_svg(pair_spec(pair, "chemotherapy"))  # the SVG/PNG download draws the same words
    assert svg.count(">invalid<") == 8 and ">✗ no<" in svg and ">✓ yes<" in svg
    assert "not a valid scenario: invalid" in svg  # the legend pairs each colour with its word
