"""Lazy expanders and tabs: a body runs only while it is open, so closed cards and tabs cost nothing per rerun."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def open_expander(label: str, key: str, **options: Any) -> DeltaGenerator | None:
    """An expander that reruns the page when opened or closed; its container while open, else None.

    Keep `label` stable for one item (it is part of the widget's identity): the expander then stays open
    across reruns. Tests open it with `at.session_state[key] = True`.
    """
    container = st.expander(label, key=key, on_change="rerun", **options)
    return container if container.open else None


def open_popover(label: str, key: str, **options: Any) -> DeltaGenerator | None:
    """A popover that reruns the page when opened or closed; its container while open, else None.

    Tests open it with `at.session_state[key] = True`."""
    container = st.popover(label, key=key, on_change="rerun", **options)
    return container if container.open else None


def render_open_tab(key: str, tabs: Mapping[str, Callable[[], None]],
                    keep: Mapping[str, Iterable[str]] | None = None) -> None:
    """Tabs (label -> render function) that rerun the page when switched; only the open tab's function runs.

    `keep` (label -> widget keys): values of that tab's widgets to keep while it is closed, as if it were drawn.
    Tests switch tabs with `at.session_state[key] = label`.
    """
    open_label = st.session_state.get(key, next(iter(tabs)))
    for label, keys in (keep or {}).items():
        if label != open_label:
            keep_values(*keys)
    for container, render in zip(st.tabs(list(tabs), key=key, on_change="rerun"), tabs.values()):
        if container.open:
            with container:
                render()


def keep_values(*keys: str) -> None:
    """Keep these widgets' values through a run that does not draw them (Streamlit drops such widgets' state).

    Widgets kept this way must take their initial value from session state, not from a default argument.
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
