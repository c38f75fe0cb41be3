"""Step through: replay the reasoning one teaching step (or one rule firing) at a time, with a projector mode."""

from __future__ import annotations

import streamlit as st

from explorer.categories import CATEGORIES, CORE_CATEGORIES
from explorer.graph import derivation_dot
from explorer.result import Result, Step, TensionResult
from explorer.teaching_steps import TeachingStep, teaching_steps

from ui import state
from ui.components.class_launcher import render_class_launcher
from ui.components.conditions import render_conditions
from ui.components.jargon import render_ids_toggle, rule_id
from ui.components.page import page_header
from ui.components.style import PRESENTATION_CSS
from ui.components.quote import render_quotes
from ui.components.summary import render_summary
from ui.components.tensions import render_tensions
from ui.components.text import md
from ui.resources import refs

STEP = "step"
TEACHING = "teaching_steps"
PREDICT = "predict"
GUESS = "guess:{}"
REVEALED = "revealed"
BAR_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-step_bar) { position: sticky; top: 3.75rem; z-index: 5;
  background: #ffffff; border-bottom: 1px solid #d5dae0; }
</style>"""


def _revealed() -> set[int]:
    return st.session_state.setdefault(REVEALED, set())


def _move(delta: int, last: int, predicting: bool) -> None:
    number = st.session_state.get(STEP, 1)
    if delta > 0 and predicting and number not in _revealed():
        _revealed().add(number)  # Next first reveals the option the class was asked to predict
        return
    st.session_state[STEP] = min(max(number + delta, 1), last)


def render_bar(number: int, total: int, heading: str, predicting: bool) -> None:
    """Previous, the step header with its counter, Next: one row kept in view (arrow keys work too)."""
    with st.container(key="step_bar"):
        back, title, forward = st.columns([1.2, 5, 1.2], vertical_alignment="center")
        back.button("Previous", icon=":material/arrow_back:", on_click=_move, args=(-1, total, predicting),
                    disabled=number <= 1, width="stretch", shortcut="Left")
        waiting = predicting and number not in _revealed()
        forward.button("Reveal" if waiting else "Next", icon=":material/arrow_forward:", icon_position="right",
                       on_click=_move, args=(1, total, predicting), disabled=number >= total and not waiting,
                       width="stretch", shortcut="Right", type="primary")
        title.header(f"Step {number} of {total}: {md(heading)}")


def render_firing(step: Step, number: int, fact_labels: dict[str, str], tensions: tuple[TensionResult, ...]) -> None:
    """One rule firing: what it used, what it added, what the sources say."""
    st.subheader(f"{md(step.title)}{rule_id(step.rule)}")
    used, sources = st.columns([1, 1], gap="large")
    with used:
        st.markdown("**What it used**")
        render_conditions(step.used)
        added = [f"Concluded: {md(fact_labels.get(f, f))}" for f in step.new_facts]
        added += [f"Option: **{md(c.role_label)}** ({md(CATEGORIES.get(c.category, c.category))})"
                  + (f" — named: {md(', '.join(c.modality_labels))}" if c.modality_labels else "")
                  for c in step.conclusions]
        added += [f"Points away from: {md(CATEGORIES.get(c, c))} (sources point different ways)"
                  for c in step.counterpoints]
        st.markdown("**What it added**\n" + ("\n".join(f"- {line}" for line in added) if added
                                            else "\nNothing new (its conclusions were already established)."))
        if step.note:
            st.caption(md(step.note))
    with sources:
        st.markdown("**What the sources say**")
        render_quotes(refs(step.statements), f"step{number}")
        concluded = {c.category for c in step.conclusions}
        render_tensions([t for t in tensions if concluded & set(t.categories)], f"step{number}",
                        "Where the sources point different ways")


def render_teaching_step(result: Result, unit: TeachingStep, number: int, earlier: list[str],
                         predicting: bool) -> None:
    fact_labels = {f.id: f.label for f in result.facts}
    if unit.folded:
        titles = "; ".join(md(result.trace[i].title) for i in unit.folded)
        st.markdown(f"**Leading up to it** ({len(unit.folded)} folded step{'s' if len(unit.folded) != 1 else ''}): "
                    f"{titles}")
    if predicting and number not in _revealed():
        st.subheader("Which option do the sources discuss next?")
        choices = [c for c in CORE_CATEGORIES if c not in earlier] + ["adjuncts"]
        st.radio("The class's guess", choices, key=GUESS.format(number), horizontal=True, index=None,
                 format_func=lambda c: CATEGORIES.get(c, "Adjuncts only"))
        st.caption("Press Reveal (or the right arrow key) to show it.")
        return
    guess = st.session_state.get(GUESS.format(number))
    if predicting and guess:
        right = guess in unit.categories or (guess == "adjuncts" and not set(unit.categories) & set(CORE_CATEGORIES))
        st.markdown(f"{'✓ Right' if right else '✗ Not this one'}: the class guessed "
                    f"{md(CATEGORIES.get(guess, 'adjuncts only'))}.")
    for i in unit.shown:
        render_firing(result.trace[i], i + 1, fact_labels, result.tensions)


page_header("Step through the reasoning")
options = st.columns(4)
presenting = options[0].toggle("Presentation mode (projector)", key="presentation")
teaching = options[1].toggle("Teaching steps", value=True, key=TEACHING,
                             help="One step per option, the rules that only conclude facts folded in")
predicting = teaching and options[2].toggle("Predict, then reveal", key=PREDICT,
                                            help="Each step first asks which option comes next")
with options[3]:
    render_ids_toggle()
st.html(BAR_CSS + (PRESENTATION_CSS if presenting else ""))
render_class_launcher(1 if teaching else st.session_state.get(STEP, 1))  # class session hook (issue 13)

result = state.current_result()
if not presenting:
    render_summary(state.current_scenario())
units = teaching_steps(result) if teaching else []
total = len(units) if teaching else len(result.trace)
if not total:
    st.info("No rule applies to this scenario yet: set some factors on the Explore page.")
    st.stop()

st.session_state[STEP] = min(max(st.session_state.get(STEP, 1), 1), total)
number = st.session_state[STEP]
if teaching:
    unit = units[number - 1]
    render_bar(number, total, "?" if predicting and number not in _revealed() else unit.label, predicting)
    earlier = [c for u in units[:number - 1] for c in u.categories]
    render_teaching_step(result, unit, number, earlier, predicting)
    last = max(unit.steps) + 1
else:
    step = result.trace[number - 1]
    render_bar(number, total, step.title, False)
    render_firing(step, number, {f.id: f.label for f in result.facts}, result.tensions)
    last = number
if total > 1:
    st.slider("Jump to step", min_value=1, max_value=total, key=STEP)
if not presenting:
    st.subheader("Derivation so far")
    st.graphviz_chart(derivation_dot(result, highlight_step=last), width="stretch")
