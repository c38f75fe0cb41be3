"""Explore (default page): build a scenario; see the options the sources discuss, why, and why not."""

from __future__ import annotations

from functools import partial
from typing import Callable

import streamlit as st

from explorer.categories import ADJUNCT_CATEGORIES, CORE_CATEGORIES
from explorer.graph import default_focus, derivation_dot
from explorer.inert_inputs import inert_inputs
from explorer.result import Result
from explorer.scenario import FIELD_LABELS, Scenario

from ui import state
from ui.components.page import page_header
from ui.components.class_launcher import render_class_launcher
from ui.components.builder import render_builder
from ui.components.rerun_scope import OPTIONS_FRAGMENT, SUMMARY_FRAGMENT
from ui.components.exercise import HIDDEN_NOTE, answers_hidden, render_exercise_switch
from ui.components.layout import scroll_to_top_if_requested
from ui.components.lazy import open_popover, render_open_tab
from ui.components.option_card import (not_discussed_line, option_line, render_cards, render_not_discussed_details,
                                       render_option_details)
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
SHARE_OPEN, DOWNLOADS_OPEN, TEACH_OPEN = "share_open", "downloads_open", "teach_open"


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
        start, reset = st.columns([3, 2], vertical_alignment="bottom")  # "Reset" unclipped at 1280 wide
        with start:
            render_case_picker()
        if reset.button("Reset", icon=":material/restart_alt:", help="Every factor back to not entered"):
            state.set_scenario(Scenario())
            st.rerun()
        render_builder()
    with results:
        # What does not follow the scenario stays outside the fragment: a change does not send it again. A
        # sibling, not a parent, of the fragment: Streamlit copies a fragment's parents on each of its runs.
        with st.container(key="results_column"):  # marks the column for the phone layout (ui/components/style.py)
            st.header("Options the sources discuss for this scenario")
            if not answers_hidden():
                render_view_toggles()
        options_fragment()


@st.fragment(key=OPTIONS_FRAGMENT)
def options_fragment() -> None:
    render_options(state.current_result())
    state.sync_link()  # a fragment run skips app.py, which keeps the URL current on full runs


def render_view_toggles() -> None:
    """Rule ids and the projector view (each a full rerun when switched)."""
    ids, projector = st.columns(2)
    with ids:
        render_ids_toggle()
    if projector.toggle("Presentation mode (projector)", key="presentation_explore"):
        st.html(PRESENTATION_CSS)


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


def render_conflict() -> None:
    """The last edit's conflict (a value moved or refused by the scenario model), said before any result."""
    adjusted = state.last_adjustment()
    if adjusted:
        field, note = adjusted
        st.warning(f"**Inputs that conflict ({md(FIELD_LABELS.get(field, field))})**: {md(note)}.",
                   icon=":material/rule:")


def render_options(result: Result) -> None:
    scenario = state.current_scenario()
    render_conflict()
    if answers_hidden():
        st.info(HIDDEN_NOTE, icon=":material/visibility_off:")
        return
    if scenario.public_dict() == {}:
        st.info("Nothing entered yet. Every factor reads “unknown” and the symptom list is empty, which the rules "
                "read as *no symptoms*. Start from a teaching case or set some factors.", icon=":material/edit_note:")
    inert = inert_inputs(explorer(), scenario, result)
    if inert:
        st.markdown("**Inputs that change nothing on their own here**\n"
                    + "\n".join(f"- {md(item.text())}" for item in inert))
    st.subheader("Core categories")
    why_not = {n.category: n for n in result.not_discussed}
    cards: list[tuple[str, Callable[[], None] | None]] = []
    for category, label in CORE_CATEGORIES.items():
        option = result.option(category)
        if option is not None:
            cards.append((option_line(option, result), partial(render_option_details, option, result)))
        elif category in why_not:
            cards.append((not_discussed_line(label), partial(render_not_discussed_details, why_not[category], result)))
        else:
            cards.append((not_discussed_line(label), None))
    render_cards(cards)
    render_tensions(result.tensions, "explore", "Where the sources point different ways")
    st.subheader("Adjuncts")
    adjuncts = [result.option(c) for c in ADJUNCT_CATEGORIES if result.option(c) is not None]
    if not adjuncts:
        st.markdown("No adjunct options are discussed for this scenario.")
    render_cards([(option_line(o, result), partial(render_option_details, o, result)) for o in adjuncts])


def graph_choices(result: Result) -> tuple[dict[str, str], int]:
    """What the graph can show (every option, then each option: category -> label) and the position it opens on
    (explorer.graph.default_focus: a large graph opens on one option's chain, so that it stays readable)."""
    choices = {ALL_OPTIONS: ALL_OPTIONS, **{o.category: o.label for o in result.options}}
    return choices, list(choices).index(default_focus(result) or ALL_OPTIONS)


def render_graph(result: Result) -> None:
    st.header("How the rules got there")
    if answers_hidden():
        st.info(HIDDEN_NOTE, icon=":material/visibility_off:")
        return
    if not result.trace:
        st.markdown("No rule applies to this scenario yet: set some factors.")
        return
    st.caption("Grey notes: scenario factors. Blue boxes: rules, numbered in firing order. Yellow ovals: derived "
               "facts. Green octagons: options, with their roles on the arrows. The Step through page replays it.")
    choices, default = graph_choices(result)
    focus = st.selectbox("Show the derivation of", list(choices), index=default, format_func=choices.get)
    with st.container(key="derivation_graph"):  # drawn at its own size (text >= 12 px); scrolls sideways if wider
        st.graphviz_chart(derivation_dot(chain_only(result, focus)), width="content")
    if focus != ALL_OPTIONS:
        st.caption("Only this option's chain of rules is drawn; choose “every option” for the whole graph.")


def render_share_link() -> None:
    st.caption("Opening this link restores exactly this scenario.")
    st.code(state.share_url(), language=None, wrap_lines=True)


def render_downloads(result: Result, scenario: Scenario) -> None:
    if answers_hidden():
        st.caption("The handouts give the answers, so they wait until the answers are shown.")
        return
    st.caption("Every handout carries the disclaimer. Scenario files can be imported again on the Case library page.")
    for item in downloads(result, scenario, state.share_url()):
        st.download_button(item.label, item.data, file_name=item.file_name, mime=item.mime,
                           icon=":material/download:", on_click="ignore")


def render_toolbar(result: Result, scenario: Scenario) -> None:
    """Share, handouts and teaching above the results; each popover is built only while it is open."""
    with st.container(key="explore_toolbar", horizontal=True, vertical_alignment="center"):
        for label, key, icon, render in (
            ("Share link", SHARE_OPEN, ":material/link:", render_share_link),
            ("Handouts and downloads", DOWNLOADS_OPEN, ":material/download:", lambda: render_downloads(result, scenario)),
            ("Teach with it", TEACH_OPEN, ":material/co_present:", render_class_launcher),
        ):
            body = open_popover(label, key, icon=icon)
            if body is not None:
                with body:
                    render()
        render_exercise_switch("explore")


def render_summary_strip(result: Result) -> None:
    """Discussed and not discussed at a glance; it stays in view while the scenario is edited."""
    if answers_hidden():
        with st.container(key="summary_strip"):
            st.markdown("**Answers hidden** for a class exercise.")
        return
    discussed = [f"✓ {md(o.label)}" for o in result.options if o.kind == "core"]
    missing = [f"✗ {md(n.label)}" for n in result.not_discussed]
    differ = [md(t.title) for t in result.tensions]
    adjuncts = sum(o.kind == "adjunct" for o in result.options)
    parts = [f"**Discussed:** {', '.join(discussed) or 'no core option'}",
             f"**Not discussed:** {', '.join(missing) or 'none'}", f"**Adjuncts:** {adjuncts}"]
    if differ:
        parts.append(f"**Sources point different ways:** {'; '.join(differ)}")
    with st.container(key="summary_strip"):  # sticky (ui/components/style.py)
        st.markdown(" · ".join(parts))


scroll_to_top_if_requested()
note = state.change_note(None)  # e.g. "Loaded case …" (a full run): under the title, in view on a phone too
if note:
    st.info(md(note), icon=":material/info:")
scenario = state.current_scenario()
result = state.current_result()
summary_fragment()
render_toolbar(result, scenario)
# Only the open tab is built (the graph costs time); switching tabs reruns the page.
render_open_tab(TAB_KEY, {
    "Scenario and options": render_scenario_and_options,
    "Derivation graph": lambda: render_graph(result),
})
