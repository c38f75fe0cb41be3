"""Influence: tabs built only when opened, settings kept, and the two-factor map's states told apart in words."""

from __future__ import annotations

import pandas as pd

from .conftest import open_lazy, open_page

TAB_KEY = "influence_tab"  # key of the page's tabs (ui/views/influence.py)
PAIR_ROWS, PAIR_COLUMNS, PAIR_CATEGORIES = "pair_rows", "pair_columns", "pair_categories"


def test_only_the_open_tab_is_built_and_its_settings_are_kept(app) -> None:
    open_page(app, "influence")
    assert [s.label for s in app.get("select_slider")] == ["Random scenarios"]  # the heatmap tab
    assert not any(m.label == "Core categories shown" for m in app.metric)  # the coverage tab is not built
    app.session_state["inf_seed"] = 7.0
    app.run()
    open_lazy(app, TAB_KEY, "Case coverage")
    assert any(m.label == "Core categories shown" for m in app.metric)
    assert not app.get("select_slider")
    open_lazy(app, TAB_KEY, "Heatmap")
    assert app.number_input(key="inf_seed").value == 7.0


def test_the_two_factor_map_says_not_valid_apart_from_not_discussed(app) -> None:
    """Behaviour x stage over an empty base: a stage needs a malignant tumour, so benign with a stage is refused."""
    open_page(app, "influence")
    app.session_state[PAIR_ROWS], app.session_state[PAIR_COLUMNS] = "behaviour", "stage"
    app.session_state[PAIR_CATEGORIES] = ["chemotherapy"]
    app.session_state["pair_base"] = "The current scenario"
    open_lazy(app, TAB_KEY, "Two factors")
    table: pd.DataFrame = app.table[0].value  # the phone table (the chart's twin); rows: behaviour
    rows = {row["Behaviour"]: row for row in table.to_dict("records")}
    # the sources discuss chemotherapy for a malignant tumour, whatever its stage; a benign one has no stage
    assert rows["benign"] == {"Behaviour": "benign", "1": "invalid", "2": "invalid", "3": "invalid", "4": "invalid",
                              "not given": "✗ no"}
    assert rows["malignant"] == {"Behaviour": "malignant", "1": "✓ yes", "2": "✓ yes", "3": "✓ yes", "4": "✓ yes",
                                 "not given": "✓ yes"}
    assert any("invalid" in c.value and "not a valid scenario" in c.value for c in app.caption)
