"""The "Start a class session" button that Step through and Explore show (a small hook in each page)."""

from __future__ import annotations

import streamlit as st

from .. import state
from ..class_session import TUTOR, TUTOR_PAGE, attempt, classroom, show_error, tutor_pass


def render_class_launcher(step: int = 1) -> None:
    """Start a session on the current scenario at `step`, then open the tutor view."""
    running = tutor_pass()
    if running:
        st.page_link(TUTOR_PAGE, label=f"Open your class session {running.code}", icon=":material/co_present:")
    label = "Start a new class session" if running else "Start a class session"
    if st.button(label, icon=":material/co_present:", key="class_launch",
                 help="Students join on their own devices with a code or a QR code, follow your steps and answer "
                      "your questions. The session uses the current scenario."):
        if running:
            attempt(lambda: classroom().end(running.code, running.key))
        started = attempt(lambda: classroom().start(state.current_scenario(), step))
        if started is not None:
            st.session_state[TUTOR] = started
            st.switch_page(TUTOR_PAGE)
    show_error()
