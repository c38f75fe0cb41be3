"""Entry point: `streamlit run ui/app.py`. Disclaimer, first-visit acknowledgement, then the pages."""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # no resolve(): this runs on every rerun
if ROOT not in sys.path:  # so the pages can `import ui.…` however the app is started
    sys.path.insert(0, ROOT)

import streamlit as st  # noqa: E402

from ui import link_guard, state  # noqa: E402
from ui.components.disclaimer import acknowledged, render_disclaimer, render_gate  # noqa: E402

st.set_page_config(page_title="Spinal tumour options explorer (educational)", page_icon="🎓",
                   layout="wide")


def pages() -> list:
    joining = "join" in st.query_params  # a student's join link (?join=CODE) opens the class follow view
    return [
        st.Page("views/explore.py", title="Explore a scenario", icon=":material/tune:", default=not joining),
        st.Page("views/step_through.py", title="Step through", icon=":material/footprint:"),
        st.Page("views/what_if.py", title="What if", icon=":material/compare_arrows:"),
        st.Page("views/cases.py", title="Case library", icon=":material/folder_open:"),
        st.Page("views/quiz.py", title="Quiz", icon=":material/quiz:"),
        st.Page("views/rules_sources.py", title="Rules and sources", icon=":material/menu_book:"),
        # A new page: its file goes in ui/views/ (NOT ui/pages/: a folder named "pages" next to app.py switches
        # Streamlit to its legacy multipage mode, which skips this entry script), starts with
        # `page_header("…")` from ui.components.page (the disclaimer banner), and gets its st.Page line here.
        st.Page("views/influence.py", title="Influence", icon=":material/insights:"),
        st.Page("views/class_tutor.py", title="Class session (tutor)", icon=":material/co_present:"),
        st.Page("views/class_student.py", title="Join a class", icon=":material/groups:", default=joining),
    ]


link_guard.install()  # idempotent; ui/serve.py installs it before the first session too
state.init_from_link()
page = st.navigation(pages())
state.sync_link()
if not acknowledged():
    render_disclaimer()
    render_gate()
    st.stop()
page.run()  # every page starts with ui.components.page.page_header (disclaimer banner + title)
state.sync_link()
