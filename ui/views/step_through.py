"""Step through: replay the reasoning trace one rule firing at a time (with a projector mode)."""

from __future__ import annotations

import streamlit as st

from explorer.categories import CATEGORIES
from explorer.graph import derivation_dot

from ui import state
from ui.components.tensions import render_tensions
from ui.components.page import page_header
from ui.components.conditions import render_conditions
from ui.components.quote import render_quotes
from ui.components.summary import render_summary
from ui.components.text import md
from ui.resources import refs

STEP = "step"
PRESENTATION_CSS = """<style>
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] td, [data-testid="stMainBlockContainer"] th { font-size: 1.45rem !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 3rem !important; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2.3rem !important; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.9rem !important; }
</style>"""


def _move(delta: int, last: int) -> None:
    st.session_state[STEP] = min(max(st.session_state.get(STEP, 1) + delta, 1), last)


page_header("Step through the reasoning")
presenting = st.toggle("Presentation mode (large text for a projector)", key="presentation")
if presenting:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)

result = state.current_result()
render_summary(state.current_scenario())
trace, total = result.trace, len(result.trace)
if not total:
    st.info("No rule applies to this scenario yet: set some factors on the Explore page.")
    st.stop()

st.session_state[STEP] = min(max(st.session_state.get(STEP, 1), 1), total)
back, slider, forward = st.columns([1, 6, 1], vertical_alignment="bottom")
back.button("Previous", icon=":material/arrow_back:", on_click=_move, args=(-1, total),
            disabled=st.session_state[STEP] <= 1, width="stretch")
forward.button("Next", icon=":material/arrow_forward:", on_click=_move, args=(1, total),
               disabled=st.session_state[STEP] >= total, width="stretch")
with slider:
    if total > 1:
        st.slider("Step", min_value=1, max_value=total, key=STEP)
    else:
        st.markdown("The trace has a single step.")
number = st.session_state[STEP]
step = trace[number - 1]
fact_labels = {f.id: f.label for f in result.facts}

st.header(f"Step {number} of {total}: {md(step.title)}")
st.markdown(f"Rule `{step.rule}`")
used, sources = st.columns([1, 1], gap="large")
with used:
    st.subheader("What it used")
    render_conditions(step.used)
    st.subheader("What it added")
    added = [f"New fact: {md(fact_labels.get(f, f))}" for f in step.new_facts]
    added += [f"Option: **{md(c.role_label)}** ({md(CATEGORIES.get(c.category, c.category))})"
              + (f" — named: {md(', '.join(c.modality_labels))}" if c.modality_labels else "")
              for c in step.conclusions]
    added += [f"Points away from: {md(CATEGORIES.get(c, c))} (sources point different ways)" for c in step.counterpoints]
    st.markdown("\n".join(f"- {line}" for line in added) if added else "Nothing new (its conclusions were already established).")
    if step.note:
        st.caption(md(step.note))
with sources:
    st.subheader("What the sources say")
    render_quotes(refs(step.statements), f"step{number}")
    concluded = {c.category for c in step.conclusions}
    render_tensions([t for t in result.tensions if concluded & set(t.categories)], f"step{number}",
                    "Where the sources point different ways")
st.subheader("Derivation so far")
st.graphviz_chart(derivation_dot(result, highlight_step=number), width="stretch")
