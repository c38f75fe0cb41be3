"""Explore (default page): build a scenario; see the options the sources discuss, why, and why not."""

from __future__ import annotations

import streamlit as st

from explorer.categories import ADJUNCT_CATEGORIES, CORE_CATEGORIES
from explorer.graph import derivation_dot
from explorer.inert_inputs import inert_inputs
from explorer.result import Result
from explorer.scenario import Scenario

from ui import state
from ui.components.page import page_header
from ui.components.class_launcher import render_class_launcher
from ui.components.builder import render_builder
from ui.components.rerun_scope import OPTIONS_FRAGMENT, SUMMARY_FRAGMENT
from ui.components.lazy import render_open_tab
from ui.components.option_card import render_not_discussed, render_option
from ui.components.tensions import render_tensions
from ui.components.text import md
from ui.exports import downloads
from ui.components.jargon import render_ids_toggle
from ui.components.style import PRESENTATION_CSS
from ui.resources import cases, explorer

page_header("Explore a scenario", "Build a teaching scenario, and see the options the five source documents discuss "
            "for it, the rules that lead there, and the verbatim statements behind each rule.")

ALL_OPTIONS = "every option"
TAB_KEY = "explore_tab"


def chain_only(result: Result, category: str) -> Result:
    """The result with its trace cut to one option's chain of rules (for a readable graph)."""
    option = result.option(category)
    if option is None:
        return result
    return result.model_copy(update={"trace": tuple(s for s in result.trace if s.rule in option.chain)})


def render_scenario_and_options() -> None:
    """The builder and the options. A change in the builder reruns only the options, the summary strip and the
    builder groups it makes stale (keyed fragments: ui/components/rerun_scope.py)."""
    builder, results = st.columns([2, 3], gap="large")
    with builder:
        st.header("Scenario")
        note = state.change_note(None)
        if note:
            st.info(md(note), icon=":material/info:")
        start, reset = st.columns([5, 2], vertical_alignment="bottom")
        with start:
            render_case_picker()
        if reset.button("Reset", icon=":material/restart_alt:", help="Every factor back to not entered"):
            state.set_scenario(Scenario())
            st.rerun()
        render_builder()
    with results:
        options_fragment()


@st.fragment(key=OPTIONS_FRAGMENT)
def options_fragment() -> None:
    with st.container(key="results_column"):
        render_options(state.current_result())
    state.sync_link()  # a fragment run skips app.py, which keeps the URL current on full runs


@st.fragment(key=SUMMARY_FRAGMENT)
def summary_fragment() -> None:
    render_summary_strip(state.current_result())


def render_case_picker() -> None:
    """Start from a teaching case (the builder then shows it, ready to edit)."""
    library = {case.id: case for case in cases()}
    choice = st.selectbox("Start from a teaching case", list(library), index=None, key="start_case",
                          format_func=lambda cid: library[cid].title, placeholder="Choose a case")
    if choice is not None:
        case = library[choice]
        st.session_state["start_case"] = None
        state.set_scenario(case.scenario_with_title(), f"Loaded case “{case.title}”.")
        st.rerun()


def render_options(result: Result) -> None:
    st.header("Options the sources discuss for this scenario")
    scenario = state.current_scenario()
    if scenario.public_dict() == {}:
        st.info("Nothing entered yet. Every factor reads “unknown” and the symptom list is empty, which the rules "
                "read as *no symptoms*. Start from a teaching case or set some factors.", icon=":material/edit_note:")
    inert = inert_inputs(explorer(), scenario, result)
    if inert:
        st.markdown("**Inputs that change nothing on their own here**\n"
                    + "\n".join(f"- {md(item.text())}" for item in inert))
    ids, projector = st.columns(2)
    with ids:
        render_ids_toggle()
    if projector.toggle("Presentation mode (projector)", key="presentation_explore"):
        st.html(PRESENTATION_CSS)
    st.subheader("Core categories")
    why_not = {n.category: n for n in result.not_discussed}
    for category, label in CORE_CATEGORIES.items():
        option = result.option(category)
        if option is not None:
            render_option(option, result)
        elif category in why_not:
            render_not_discussed(why_not[category], result)
        else:
            st.markdown(f"✗ **{md(label)}** · not discussed for this scenario")
    render_tensions(result.tensions, "explore", "Where the sources point different ways")
    st.subheader("Adjuncts")
    adjuncts = [result.option(c) for c in ADJUNCT_CATEGORIES if result.option(c) is not None]
    if not adjuncts:
        st.markdown("No adjunct options are discussed for this scenario.")
    for option in adjuncts:
        render_option(option, result)


def render_graph(result: Result) -> None:
    st.header("How the rules got there")
    if not result.trace:
        st.markdown("No rule applies to this scenario yet: set some factors.")
        return
    st.caption("Grey notes: scenario factors. Blue boxes: rules, numbered in firing order. Yellow ovals: derived "
               "facts. Green octagons: options, with their roles on the arrows. The Step through page replays it.")
    labels = {o.category: o.label for o in result.options}
    focus = st.selectbox("Show the derivation of", [ALL_OPTIONS, *labels], format_func=lambda c: labels.get(c, c))
    st.graphviz_chart(derivation_dot(chain_only(result, focus)), width="stretch")
    st.caption("Use the chart's full-screen button to enlarge it.")


def render_share(result: Result, scenario: Scenario) -> None:
    st.header("Share and export")
    st.subheader("Share link")
    st.caption("Opening this link restores exactly this scenario.")
    st.code(state.share_url(), language=None, wrap_lines=True)
    st.subheader("Teach with it")  # class session hook (issue 13)
    render_class_launcher()
    st.subheader("Downloads")
    st.caption("Every handout carries the disclaimer. Scenario files can be imported again on the Case library page.")
    for item in downloads(result, scenario, state.share_url()):
        st.download_button(item.label, item.data, file_name=item.file_name, mime=item.mime,
                           icon=":material/download:", on_click="ignore")


def render_summary_strip(result: Result) -> None:
    """Discussed and not discussed at a glance; it stays in view while the scenario is edited."""
    discussed = [f"✓ {md(o.label)}" for o in result.options if o.kind == "core"]
    missing = [f"✗ {md(n.label)}" for n in result.not_discussed]
    differ = [md(t.title) for t in result.tensions]
    adjuncts = sum(o.kind == "adjunct" for o in result.options)
    parts = [f"**Discussed:** {', '.join(discussed) or 'no core option'}",
             f"**Not discussed:** {', '.join(missing) or 'none'}", f"**Adjuncts:** {adjuncts}"]
    if differ:
        parts.append(f"**Sources point different ways:** {'; '.join(differ)}")
    with st.container(key="summary_strip"):
        st.markdown(" · ".join(parts))


scenario = state.current_scenario()
result = state.current_result()
summary_fragment()
# Only the open tab is built (the graph and the handouts cost time); switching tabs reruns the page.
render_open_tab(TAB_KEY, {
    "Scenario and options": render_scenario_and_options,
    "Derivation graph": lambda: render_graph(result),
    "Share and export": lambda: render_share(result, scenario),
})
