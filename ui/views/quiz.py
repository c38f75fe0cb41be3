"""Quiz: predict which option categories the sources discuss, then reveal hits and misses with the statements."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.categories import CATEGORIES
from explorer.quiz import grade

from ui import state
from ui.components.tensions import render_tensions
from ui.components.lazy import open_expander
from ui.components.page import page_header
from ui.components.quote import render_quotes
from ui.components.summary import render_summary
from ui.components.text import md
from ui.resources import refs

REVEALED = "quiz_revealed"
VERDICT_TEXT = {
    "hit": "you expected it, and the sources discuss it",
    "missed": "the sources discuss it, but you did not pick it",
    "not discussed": "you picked it, but the sources do not discuss it for this scenario",
    "correctly left out": "you left it out, and the sources do not discuss it here",
}


def mark_key(category: str) -> str:
    """The session-state key of a category's mark card (True while it is open)."""
    return f"mark:{category}"


page_header("Quiz")
scenario, result = state.current_scenario(), state.current_result()
render_summary(scenario)
explore_link, cases_link, _ = st.columns([1, 1, 3])
explore_link.page_link("views/explore.py", label="Change the scenario", icon=":material/tune:")
cases_link.page_link("views/cases.py", label="Pick a teaching case", icon=":material/folder_open:")
picked = st.multiselect("Option categories you expect the sources to discuss for this scenario",
                        list(CATEGORIES), format_func=CATEGORIES.get, placeholder="Choose categories", key="quiz_pick")
attempt = (scenario, tuple(sorted(picked)))
if st.button("Reveal", type="primary", icon=":material/visibility:"):
    st.session_state[REVEALED] = attempt

if st.session_state.get(REVEALED) == attempt:
    outcome = grade(result, picked)
    st.header("How did you do?")
    st.markdown(f"**{md(outcome.score)}**")
    st.table(pd.DataFrame([{"Category": m.label, "You picked it": "yes" if m.picked else "no",
                            "Discussed": "yes" if m.discussed else "no", "Verdict": m.verdict}
                           for m in outcome.marks]), hide_index=True)
    for mark in outcome.marks:
        body = open_expander(f"{md(mark.label)} — {md(mark.verdict)}: {VERDICT_TEXT[mark.verdict]}",
                             mark_key(mark.category))
        if body is None:
            continue
        with body:
            if not mark.statements:
                st.markdown("No statement in the rule pack speaks to this category for this scenario.")
            render_quotes(refs(mark.statements), f"quiz:{mark.category}")
    render_tensions(result.tensions, "quiz", "Where the sources point different ways")
elif st.session_state.get(REVEALED):
    st.caption("Your picks or the scenario changed: press Reveal again.")
