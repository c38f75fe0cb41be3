"""Quiz: predict which option categories the sources discuss, then reveal hits and misses with the statements."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.categories import CATEGORIES
from explorer.quiz import QuizMark, grade
from explorer.smallest_change import with_smallest_changes

from ui import state
from ui.components.exercise import render_exercise_switch
from ui.components.lazy import open_expander
from ui.components.tensions import render_tensions
from ui.components.page import page_header
from ui.components.quote import render_quotes
from ui.components.summary import render_summary
from ui.components.text import md
from ui.components.option_card import render_smallest_changes
from ui.resources import cases, explorer, refs

REVEALED = "quiz_revealed"
VERDICT_TEXT = {
    "hit": "you expected it, and the sources discuss it",
    "missed": "the sources discuss it, but you did not pick it",
    "wrong pick": "you picked it, but the sources do not discuss it for this scenario",
    "correctly left out": "you left it out, and the sources do not discuss it here",
}
BADGE = {True: ":green-badge[✓ {}]", False: ":red-badge[✗ {}]"}  # icon and colour, never colour alone
NEXT_CASE = "quiz_case"


def mark_key(category: str) -> str:
    """The session-state key of a category's mark card (True while it is open)."""
    return f"mark:{category}"


def next_library_case() -> None:
    """Load the library case after the last one the quiz used (always another case than the current one)."""
    library = cases()
    if not library:
        return
    current = state.current_scenario()
    position = st.session_state.get(NEXT_CASE, -1)
    for step in range(1, len(library) + 1):
        candidate = library[(position + step) % len(library)]
        if candidate.scenario_with_title() != current:
            st.session_state[NEXT_CASE] = (position + step) % len(library)
            state.set_scenario(candidate.scenario_with_title(), f"Loaded case “{candidate.title}”.")
            st.session_state["quiz_pick"] = []
            return


def render_mark(mark: QuizMark) -> None:
    if mark.discussed:
        render_quotes(refs(mark.statements[:3]), f"quiz:{mark.category}")
        return
    if mark.kind == "adjunct":
        st.markdown("The sources do not discuss it for this scenario.")
        return
    render_smallest_changes(list(mark.smallest_changes), f"quiz:{mark.category}")
    if mark.unmet:
        st.markdown("**Conditions this scenario does not meet**\n" + "\n".join(f"- {md(u)}" for u in mark.unmet))


page_header("Quiz")
scenario, result = state.current_scenario(), state.current_result()
render_summary(scenario)
explore_link, cases_link, next_case = st.columns([1, 1, 1])
explore_link.page_link("views/explore.py", label="Change the scenario", icon=":material/tune:")
cases_link.page_link("views/cases.py", label="Pick a teaching case", icon=":material/folder_open:")
next_case.button("Next case", icon=":material/skip_next:", on_click=next_library_case,
                 help="Another teaching case from the library")
render_exercise_switch("quiz")  # for a class: Explore shows the scenario but not the answers
picked = st.multiselect("Option categories you expect the sources to discuss for this scenario",
                        list(CATEGORIES), format_func=CATEGORIES.get, placeholder="Choose categories", key="quiz_pick")
picked = [p for p in picked if p in CATEGORIES]  # only offered categories count, whatever a crafted message says
attempt = (scenario, tuple(sorted(picked)))
if st.button("Reveal", type="primary", icon=":material/visibility:"):
    st.session_state[REVEALED] = attempt

if st.session_state.get(REVEALED) == attempt:
    outcome = grade(with_smallest_changes(explorer(), result), picked)
    st.header("How did you do?")
    st.markdown(f"**{md(outcome.score)}**")
    st.table(pd.DataFrame([{"Category": m.label, "Kind": m.kind, "You picked it": "yes" if m.picked else "no",
                            "Discussed": "yes" if m.discussed else "no", "Verdict": f"{m.icon} {m.verdict}"}
                           for m in outcome.marks]), hide_index=True)
    for mark in outcome.marks:
        badge = BADGE[mark.correct].format(mark.verdict)
        body = open_expander(f"{badge} {md(mark.label)} — {VERDICT_TEXT[mark.verdict]}", mark_key(mark.category))
        if body is not None:
            with body:
                render_mark(mark)
    render_tensions(result.tensions, "quiz", "Where the sources point different ways")
elif st.session_state.get(REVEALED):
    st.caption("Your picks or the scenario changed: press Reveal again.")
