"""Influence: which factor values raise or lower the chance of each option category, pairwise maps, case coverage."""

from __future__ import annotations

import json
from functools import partial
from typing import Callable

import pandas as pd
import streamlit as st

from explorer import parse_scenario
from explorer.categories import CATEGORIES
from explorer.space.teaching_coverage import Coverage, coverage
from explorer.space.influence import Cell, cells_csv, influence_spec, sample_tally, select_cells, shift_table, strongest
from explorer.space.two_factor_map import (PAIR_MARKS, PairMap, illustrative_index, pair_csv, pair_map, pair_spec,
                                           pair_table, varies)
from explorer.space.factor_rules import responsible
from explorer.space.figures import figure_png, figure_svg
from explorer.space.factors import Factor, factors

from ui import state
from ui.components.layout import phone_only, wide_only
from ui.components.lazy import render_open_tab
from ui.components.page import page_header
from ui.components.quote import render_quotes
from ui.components.summary import render_summary
from ui.components.text import md
from ui.resources import cases, explorer, refs

SAMPLE_SIZES = (1_000, 2_000, 5_000, 10_000)
CURRENT, FROM_CASE = "The current scenario", "A case from the library"
TAB_KEY = "influence_tab"
SAMPLES, SEED, CORE_ONLY, FACTORS = "inf_samples", "inf_seed", "inf_core_only", "inf_factors"
ROWS, COLUMNS, PICKED, BASE_MODE = "pair_rows", "pair_columns", "pair_categories", "pair_base"


@st.cache_resource(show_spinner=False)
def factor_table() -> dict[str, Factor]:
    return factors(explorer().pack.rules)


@st.cache_data(max_entries=8, show_spinner=False)
def influence_cells(n: int, seed: int) -> list[Cell]:
    """Every factor value x category over n random scenarios (evaluated in this process)."""
    return sample_tally(explorer(), n, seed).cells()


@st.cache_data(max_entries=64, show_spinner=False)
def pair_cells(base_json: str, a: str, b: str) -> PairMap:
    table = factor_table()
    return pair_map(explorer(), parse_scenario(json.loads(base_json)), table[a], table[b])


def scenario_key(scenario) -> str:
    return json.dumps(scenario.public_dict(), sort_keys=True)


def illustrative_case(library, a: str, b: str, picked: list[str]) -> int:
    """The first case over which every picked category changes on this grid (else the first case)."""
    return illustrative_index((pair_cells(scenario_key(case.scenario), a, b) for case in library), picked)


@st.cache_data(show_spinner=False)
def case_coverage() -> Coverage:
    return coverage(explorer(), cases())


def download(label: str, data: str | Callable[[], str | bytes], file_name: str, mime: str) -> None:
    """A download button; a callable `data` runs only when the button is clicked (the figures take ~0.2 s each)."""
    st.download_button(label, data, file_name=file_name, mime=mime, icon=":material/download:", on_click="ignore")


def figure_downloads(spec: dict, stem: str, label: str) -> None:
    """The chart the page draws, as SVG and PNG files (rendered by vl-convert from the same spec)."""
    download(f"{label} (SVG)", partial(figure_svg, spec), f"{stem}.svg", "image/svg+xml")
    download(f"{label} (PNG)", partial(figure_png, spec), f"{stem}.png", "image/png")


def render_cell_detail(shown: list[Cell]) -> None:
    """Pick a factor value and a category; list the rules and statements responsible."""
    st.subheader("Why does a factor value matter for a category?")
    top = strongest(shown)
    rows = list(dict.fromkeys(c.row for c in shown))
    cats = list(dict.fromkeys(c.category for c in shown))
    left, right = st.columns(2)
    row = left.selectbox("Factor value", rows, index=rows.index(top.row))
    cat = right.selectbox("Category", cats, index=cats.index(top.category), format_func=CATEGORIES.get)
    cell = next(c for c in shown if c.row == row and c.category == cat)
    a, b, c = st.columns(3)
    a.metric(f"{CATEGORIES[cat]} with this value", f"{cell.rate:.1%}", f"{cell.shift_pp:+.1f} points", delta_color="off")
    b.metric("Across all sampled scenarios", f"{cell.overall:.1%}")
    c.metric("Scenarios with this value", f"{cell.n:,}")
    found = responsible(explorer().pack, factor_table()[cell.factor], cat)
    if not found:
        st.info(f"No rule that concludes {md(CATEGORIES[cat])} reads {md(cell.factor_label)}. Any shift comes from how "
                "the sampled scenarios tie this value to other factors (a stage, for example, is only given for a "
                "malignant tumour).", icon=":material/info:")
    titles = {r.id: r.title for r in explorer().pack.rules}
    for item in found:
        with st.expander(f"{item.title} · {item.rule}"):
            via = [v for v in item.via if v != item.rule]
            if via:
                st.markdown("Reads the factor through: " + "; ".join(f"{md(titles[v])} `{v}`" for v in via))
            render_quotes(refs(item.statements), f"inf:{item.rule}")


def render_heatmap() -> None:
    st.header("Factor values against option categories")
    st.caption("Random valid teaching scenarios are evaluated; each cell compares how often the sources discuss a "
               "category among scenarios with that factor value against how often across all of them. Blue: more "
               "often; orange: less often.")
    table = factor_table()
    for key, value in ((SAMPLES, 5_000), (SEED, 0.0), (CORE_ONLY, True),
                       (FACTORS, [f for f in table if not f.startswith("symptoms.")])):
        st.session_state.setdefault(key, value)  # initial values from session state, so a closed tab keeps them
    c1, c2, c3 = st.columns(3)
    n = c1.select_slider("Random scenarios", SAMPLE_SIZES, key=SAMPLES)
    # A float widget shown as a whole number (see ui/components/fields.py: a crafted NaN must not break the page).
    seed = int(c2.number_input("Seed", min_value=0.0, max_value=1e9, step=1.0, format="%.0f", key=SEED,
                               help="The number that fixes which random scenarios are drawn: the same seed gives the "
                                    "same sample, so a class sees the same figures"))
    core_only = c3.toggle("Core categories only", key=CORE_ONLY)
    with st.spinner(f"Evaluating {n:,} random scenarios…"):
        cells = influence_cells(n, seed)
    chosen = st.multiselect("Factors", list(table), key=FACTORS, format_func=lambda f: table[f].label,
                            placeholder="Choose factors to show")
    shown = select_cells(cells, chosen, core_only)
    if not shown:
        st.info("Choose at least one factor.")
        return
    spec = influence_spec(shown)
    with wide_only("influence_heatmap"):
        st.vega_lite_chart(spec, width="stretch", theme=None)
    with phone_only("influence_heatmap"):  # the chart would shrink to nothing on a phone
        st.caption("Each cell: how many percentage points more (+) or less (−) often the category is discussed with "
                   "this factor value than across all sampled scenarios.")
        st.table(pd.DataFrame(shift_table(shown)), hide_index=True)
    d1, d2, d3 = st.columns(3)
    with d1:
        download("Heatmap data (CSV)", cells_csv(shown), "influence.csv", "text/csv")
        download("Chart spec (Vega-Lite JSON)", json.dumps(spec, indent=2), "influence.vl.json", "application/json")
    with d2:
        figure_downloads(spec, "influence", "Heatmap")
    render_cell_detail(shown)


def render_pairwise() -> None:
    st.header("Two factors at a time")
    st.caption("Every combination of two factors' values, all other factors held at a base scenario.")
    table = factor_table()
    names = list(table)
    for key, value in ((ROWS, "overall_health"), (COLUMNS, "extent"), (PICKED, ["surgery", "palliative"])):
        st.session_state.setdefault(key, value)  # initial values from session state, so a closed tab keeps them
    c1, c2 = st.columns(2)
    a = c1.selectbox("Rows", names, key=ROWS, format_func=lambda f: table[f].label)
    b = c2.selectbox("Columns", names, key=COLUMNS, format_func=lambda f: table[f].label)
    picked = st.multiselect("Categories", list(CATEGORIES), key=PICKED, format_func=CATEGORIES.get, max_selections=3)
    if a == b:
        st.warning("Pick two different factors.")
        return
    library = cases()
    current = state.current_scenario()
    modes = [CURRENT, FROM_CASE] if library else [CURRENT]
    st.session_state.setdefault(BASE_MODE, modes[-1] if not current.public_dict() else modes[0])
    mode = st.radio("Base scenario", modes, horizontal=True, key=BASE_MODE, help="With an empty current scenario, a case from the library is the default base.")
    base = current
    if mode == FROM_CASE:
        base = st.selectbox("Case", library, format_func=lambda c: c.title,
                            index=illustrative_case(library, a, b, picked)).scenario
    render_summary(base, "Base")
    with st.spinner("Evaluating the combinations…"):
        pair = pair_cells(scenario_key(base), a, b)
    if not all(varies(pair, cat) for cat in picked):
        st.caption("A map in one colour means that category does not change over this grid for this base scenario: "
                   "try another base or other factors.")
    st.caption("In each cell: " + "; ".join(f"**{mark}**: {md(state)}" for state, mark in PAIR_MARKS.items())
               + " (a combination the scenario format refuses, such as a stage for a benign tumour).")
    for column, category in zip(st.columns(max(len(picked), 1)), picked):
        with column:
            spec = pair_spec(pair, category)
            with wide_only(f"pair_{category}"):
                st.vega_lite_chart(spec, width="stretch", theme=None)
            with phone_only(f"pair_{category}"):
                st.markdown(f"**{md(CATEGORIES[category])}** (columns: {md(table[b].label)})")
                st.table(pd.DataFrame(pair_table(pair, category)), hide_index=True)
            figure_downloads(spec, f"pair-{category}", f"{CATEGORIES[category]} map")
    download("All categories for every combination (CSV)", pair_csv(pair), f"pair-{a}-{b}.csv", "text/csv")


def render_coverage() -> None:
    st.header("Teaching coverage of the case library")
    report = case_coverage()
    n_core = len(report.core_shown) + len(report.core_missing)
    n_adj = len(report.adjunct_shown) + len(report.adjunct_missing)
    m = st.columns(4)
    m[0].metric("Core categories shown", f"{len(report.core_shown)} of {n_core}")
    m[1].metric("Adjuncts shown", f"{len(report.adjunct_shown)} of {n_adj}")
    m[2].metric("Rules that can apply, applied by a case", f"{len(report.rules_fired)} of {len(report.rules_fireable)}")
    m[3].metric("Statements shown", f"{len(report.statements_shown)} of {report.statements_total}")
    missing = [CATEGORIES[c] for c in (*report.core_missing, *report.adjunct_missing)]
    if missing:
        st.markdown("**Categories no case shows:** " + md(", ".join(missing)))
    titles = {r.id: r.title for r in explorer().pack.rules}
    if report.rules_missed:
        st.markdown("**Rules that can apply but no case applies** (with a scenario where each applies):")
        for rid in report.rules_missed:
            st.markdown(f"- {md(titles[rid])} `{rid}`: `{json.dumps(report.witnesses[rid])}`")
    else:
        st.markdown("Every rule that can apply is applied by at least one case.")
    if report.statements_not_shown:
        st.markdown("**Statements rules cite that no case shows:** " + md(", ".join(report.statements_not_shown)))
    st.caption(f"{len(report.statements_uncited)} catalogued statements are cited by no rule, so no scenario shows "
               "them.")
    with st.expander("Cases and the categories they show"):
        st.table(pd.DataFrame([{"Case": r.title, "Categories": ", ".join(CATEGORIES[c] for c in r.categories)}
                               for r in report.runs], columns=["Case", "Categories"]), hide_index=True)


page_header("Influence", "Which factors shift which options across many teaching scenarios: a view of the rule "
                         "pack, not of any person.")
# Only the open tab is built (each evaluates many scenarios); switching tabs reruns the page, settings are kept.
render_open_tab(TAB_KEY, {"Heatmap": render_heatmap, "Two factors": render_pairwise, "Case coverage": render_coverage},
                keep={"Heatmap": [SAMPLES, SEED, CORE_ONLY, FACTORS], "Two factors": [ROWS, COLUMNS, PICKED, BASE_MODE]})
