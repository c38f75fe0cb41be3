"""The top of every page: disclaimer banner, link warnings, then the page title."""

from __future__ import annotations

import streamlit as st

from .. import state
from .disclaimer import render_disclaimer
from .jargon import SHOW_IDS
from .lazy import keep_values
from .style import apply_style


def page_header(title: str, caption: str | None = None) -> None:
    """Call first on every page (pages render in their own container, so app.py cannot do it for them)."""
    apply_style()
    keep_values(SHOW_IDS)  # "Show rule ids" holds across pages
    render_disclaimer()
    state.show_link_messages()
    st.title(title)
    if caption:
        st.caption(caption)
