"""Tensions: where the sources point different ways for a scenario, both sides with their quotes."""

from __future__ import annotations

from typing import Iterable

import streamlit as st

from explorer.result import TensionResult

from ..resources import refs
from .lazy import open_expander
from .quote import render_quotes
from .text import md


def tension_key(key: str, tension_id: str) -> str:
    """The session-state key of a tension's expander (True while open)."""
    return f"tension:{key}:{tension_id}"


def render_tensions(tensions: Iterable[TensionResult], key: str, heading: str | None = None) -> None:
    """One expander per tension; each side's label, then its verbatim quotes (built only when open). Never
    resolved."""
    tensions = list(tensions)
    if not tensions:
        return
    if heading:
        st.subheader(heading)
    for tension in tensions:
        body = open_expander(f":material/compare_arrows: **{md(tension.title)}**", tension_key(key, tension.id))
        if body is None:
            continue
        with body:
            for n, side in enumerate(tension.sides, start=1):
                st.markdown(f"**Side {n}: {md(side.label)}**")
                render_quotes(refs(side.statements), f"{key}:{tension.id}:{n}")
            if tension.note:
                st.caption(md(tension.note))
