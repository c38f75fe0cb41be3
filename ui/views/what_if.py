"""What if: which factors change the options (sensitivity, heatmap), and scenario A against scenario B."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import InputError
from explorer.categories import CATEGORIES
from explorer.scenario import ATTRIBUTES, FIELD_LABELS
from explorer.whatif import EffectCell, Variation, changing, compare_results, effect_cells, sensitivity

from ui import state
from ui.components.lazy import render_open_tab
from ui.components.page import page_header
from ui.components.layout import phone_only, wide_only
from ui.components.fields import render_field, to_widget
from ui.components.summary import render_summary
from ui.components.text import md
from ui.resources import cases, explorer

A_WITH_CHANGES, FROM_CASE = "Scenario A with some factors changed", "A case from the library"
TAB_KEY = "what_if_tab"
B_MODE, B_CASE, B_FACTORS, B_FIELD, CHANGING_ONLY = "b_mode", "b_case", "b_factors", "b:", "changing_only"


def _names(categories) -> str:
    return ", ".join(CATEGORIES.get(c, c) for c in categories)


def sensitivity_table(rows: tuple[Variation, ...], changing_only: bool) -> pd.DataFrame:
    shown = changing(rows) if changing_only else rows
    return pd.DataFrame(
        [{"Factor": r.label, "Now": r.current, "Alternative": r.alternative, "Adds": _names(r.added),
          "Removes": _names(r.removed), "Note": r.note} for r in shown],
        columns=["Factor", "Now", "Alternative", "Adds", "Removes", "Note"],
    )


EFFECT_COLOURS = {"adds": "#0b5cad", "removes": "#a34400", "adds and removes": "#5b3a8c"}  # white text: >= 4.5:1


def heatmap_frame(cells: tuple[EffectCell, ...]) -> pd.DataFrame:
    return pd.DataFrame([{"Factor": c.factor, "Category": c.category, "Adds": c.adds, "Removes": c.removes,
                          "Effect": c.effect, "Cell": c.counts} for c in cells],
                        columns=["Factor", "Category", "Adds", "Removes", "Effect", "Cell"])


def heatmap_spec(cells: tuple[EffectCell, ...]) -> dict:
    """Two colours, and the counts written in the cells, so colour is never alone. A plain Vega-Lite spec (not an
    altair object): building and validating altair charts costs ~80 ms a rerun."""
    axis = {"labelOverlap": False, "labelColor": "#1b1b1b", "labelFontSize": 13}
    return {
        "height": {"step": 28},
        "padding": {"right": 90},
        "encoding": {
            "x": {"field": "Category", "type": "nominal", "sort": list(CATEGORIES.values()), "title": None,
                  "axis": {**axis, "orient": "top", "labelAngle": -40, "labelLimit": 220}},
            "y": {"field": "Factor", "type": "nominal", "sort": list(dict.fromkeys(c.factor for c in cells)),
                  "title": None, "axis": {**axis, "labelLimit": 320}},
        },
        "layer": [
            {"mark": {"type": "rect", "stroke": "#c4ccd4"},
             "encoding": {"color": {"field": "Effect", "type": "nominal", "title": "Changing the factor",
                                    "scale": {"domain": list(EFFECT_COLOURS), "range": list(EFFECT_COLOURS.values())},
                                    "legend": {"orient": "bottom", "labelColor": "#1b1b1b", "titleColor": "#1b1b1b"}},
                          "tooltip": [{"field": f} for f in ("Factor", "Category", "Adds", "Removes")]}},
            {"mark": {"type": "text", "color": "#ffffff", "fontWeight": "bold", "fontSize": 13},
             "encoding": {"text": {"field": "Cell"}}},
        ],
    }


def scenario_b(a):
    """Scenario B, built from A with a few changed factors or taken from the case library."""
    library = cases()
    mode = st.radio("Scenario B", [A_WITH_CHANGES, FROM_CASE] if library else [A_WITH_CHANGES], horizontal=True,
                    key=B_MODE)
    if mode == FROM_CASE:
        case = st.selectbox("Case to use as scenario B", library, format_func=lambda c: c.title, key=B_CASE)
        return case.scenario_with_title()
    names = st.multiselect("Factors to change in scenario B", list(ATTRIBUTES), format_func=FIELD_LABELS.get,
                           placeholder="Choose one or more factors", key=B_FACTORS)
    b = a
    for name in (n for n in names if n in ATTRIBUTES):  # a crafted message may name a factor never offered
        key = B_FIELD + name
        if key not in st.session_state:
            st.session_state[key] = to_widget(name, getattr(a, name))
        try:
            b, note = state.varied(b, name, render_field(name, key))
        except InputError as exc:
            note = state.refusal_note(exc)
        if note:
            st.caption(md(note))
    return b


def render_comparison(a, result_a) -> None:
    b = scenario_b(a)
    result_b = explorer().evaluate(b)
    cmp = compare_results(result_a, result_b)
    titles = {s.rule: s.title for s in (*result_a.trace, *result_b.trace)}
    st.subheader("Changed inputs")
    if cmp.changed_inputs:
        st.table(pd.DataFrame(cmp.changed_inputs, columns=["Factor", "Scenario A", "Scenario B"]), hide_index=True)
    else:
        st.markdown("Scenario B has the same factors as scenario A.")
    st.subheader("Changed rules")
    only_a, only_b = st.columns(2)
    for column, heading, rules in ((only_a, "Fired only for A", cmp.rules_only_a), (only_b, "Fired only for B", cmp.rules_only_b)):
        column.markdown(f"**{heading}**\n\n" + ("\n".join(f"- {md(titles[r])} `{r}`" for r in rules) or "none"))
    st.subheader("Changed options")
    st.table(pd.DataFrame([
        {"": "Discussed only for A", "Options": _names(cmp.options_only_a) or "none"},
        {"": "Discussed only for B", "Options": _names(cmp.options_only_b) or "none"},
        {"": "Discussed for both", "Options": _names(cmp.options_both) or "none"},
    ]), hide_index=True)
    for category, roles_a, roles_b in cmp.roles_changed:
        st.markdown(f"**{md(CATEGORIES[category])}** changes role: A — {md('; '.join(roles_a))}; B — {md('; '.join(roles_b))}")
    if b != a and st.button("Make scenario B the current scenario", icon=":material/swap_horiz:"):
        state.set_scenario(b)
        st.rerun()


def render_sensitivity(scenario) -> None:
    rows = sensitivity(explorer(), scenario)  # cached in the library, shared by every session
    st.subheader("Which factors change the options")
    st.caption("A cell counts the other values of a factor that would add (+, blue) or remove (−, orange) that option "
               "category for this scenario; purple: some values add it, others remove it. Factors whose other values "
               "change nothing are left out. The table below lists each value.")
    cells = effect_cells(rows)
    if not cells:
        st.markdown("No single factor change adds or removes an option category for this scenario.")
    else:
        data = heatmap_frame(cells)
        with wide_only("what_if_heatmap"):
            st.vega_lite_chart(data, heatmap_spec(cells), width="stretch", theme=None,
                               alt="Factors against option categories: how many other values add or remove each; "
                                   "the table below lists the same changes.")
        with phone_only("what_if_heatmap"):  # a chart this wide would shrink to nothing on a phone
            st.table(data[["Factor", "Category", "Cell"]].rename(columns={"Cell": "Adds (+) / removes (−)"}),
                     hide_index=True)
    st.session_state.setdefault(CHANGING_ONLY, True)
    changing_only = st.toggle("Only alternatives that change the options", key=CHANGING_ONLY)
    st.table(sensitivity_table(rows, changing_only), hide_index=True)


page_header("What if?")
scenario, result = state.current_scenario(), state.current_result()
render_summary(scenario, "Scenario A (current)")
# Only the open tab is built: switching tabs reruns the page, and the closed tab's settings are kept.
render_open_tab(TAB_KEY, {
    "Sensitivity": lambda: render_sensitivity(scenario),
    "Compare two scenarios": lambda: render_comparison(scenario, result),
}, keep={
    "Sensitivity": [CHANGING_ONLY],
    "Compare two scenarios": [B_MODE, B_CASE, B_FACTORS, *(B_FIELD + name for name in ATTRIBUTES)],
})
