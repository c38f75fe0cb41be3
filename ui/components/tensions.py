"""Tensions: where the sources point different ways for a scenario, both sides with their quotes."""

from __future__ import annotations

from typing import Iterable

import streamlit as st

from explorer.result import TensionResult

from ..resources import refs
from .quote import render_quotes
from .text import md


def render_tensions(tensions: Iterable[TensionResult], key: str, heading: str | None = None) -> None:
    """One expander per tension; each side's label, then its verbatim quotes. Never resolved."""
    tensions = list(tensions)
    if not tensions:
        return
    if heading:
        st.subheader(heading)
    for tension in tensions:
        with st.expander(f":material/compare_arrows: **{md(tension.title)}**"):
            for n, side in enumerate(tension.sides, start=1):
                st.markdown(f"**Side {n}: {md(side.label)}**")
                render_quotes(refs(side.statements), f"{key}:{tension.id}:{n}")
            if tension.note:
                st.caption(md(tension.note))
