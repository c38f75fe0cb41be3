"""Class exercise: the answers on Explore stay hidden while a class predicts (on paper, aloud or on the Quiz page).

Presentation only: the results are computed as usual, they are just not drawn. The switch is a plain session value
(not a widget), so it holds across pages until someone shows the answers again.
"""

from __future__ import annotations

import streamlit as st

HIDDEN = "answers_hidden"
HIDDEN_NOTE = ("The answers are hidden for a class exercise: build or load the scenario, predict which options the "
               "sources discuss (the Quiz page scores a prediction), then show the answers.")


def answers_hidden() -> bool:
    return bool(st.session_state.get(HIDDEN))


def _set(hidden: bool) -> None:
    st.session_state[HIDDEN] = hidden


def render_exercise_switch(where: str) -> None:
    """One button: hide the answers on Explore, or show them again."""
    if answers_hidden():
        st.button("Show the answers", key=f"exercise_show:{where}", icon=":material/visibility:",
                  on_click=_set, args=(False,), help="End the class exercise: Explore shows the options again")
    else:
        st.button("Hide the answers (class exercise)", key=f"exercise_hide:{where}", icon=":material/visibility_off:",
                  on_click=_set, args=(True,),
                  help="Explore then shows the scenario but not the options, until someone shows the answers")
