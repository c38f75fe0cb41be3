"""Containers shown only on wide screens or only on phones (CSS in ui/components/style.py; the width is the
browser's, which the server does not know). A chart that needs width goes in `wide_only`, its table in `phone_only`."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

PHONE_MAX_PX = 640  # the breakpoint in style.py


def wide_only(name: str) -> DeltaGenerator:
    return st.container(key=f"wide_only_{name}")


def phone_only(name: str) -> DeltaGenerator:
    return st.container(key=f"phone_only_{name}")


SCROLL_TOP = "scroll_to_top"
_SCROLL_SCRIPT = """<script>
for (const delay of [0, 150, 400]) setTimeout(() => {
  for (const el of [document.scrollingElement, ...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')])
    if (el) el.scrollTop = 0;
}, delay);
</script>"""


def request_scroll_to_top() -> None:
    """Ask the next page run to open at the top (Streamlit keeps the scroll position across a page switch)."""
    st.session_state[SCROLL_TOP] = True


def scroll_to_top_if_requested() -> None:
    if st.session_state.pop(SCROLL_TOP, False):
        st.html(_SCROLL_SCRIPT, unsafe_allow_javascript=True)
