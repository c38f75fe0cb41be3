"""One labelled widget per scenario field, derived from the Scenario model (no field is hand-listed)."""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from explorer import Scenario
from explorer.scenario import ATTRIBUTES, FIELD_LABELS, MAX_NOTES, MAX_TITLE, TEXT_FIELDS, int_bounds, value_label


def field_help(name: str) -> str:
    return Scenario.model_fields[name].description or ""


NOT_GIVEN = "not given"  # a selectbox shows None as "no selection", so a missing stage gets its own option


def to_widget(name: str, value: Any) -> Any:
    """A scenario value as the widget holds it."""
    if name == "stage" and value is None:
        return NOT_GIVEN
    if name in TEXT_FIELDS:
        return value or ""
    if name == "symptoms":
        return list(value)
    if name == "age" and value is not None:
        return float(value)  # see render_field: the age widget holds floats
    return value


def from_widget(name: str, value: Any) -> Any:
    """A widget value as the scenario holds it."""
    if value == NOT_GIVEN:
        return None
    if name in TEXT_FIELDS:
        return (value or "").strip() or None
    if name == "symptoms":
        return tuple(value or ())
    if name == "age" and isinstance(value, float) and value.is_integer():  # a number_input may hold 45.0
        return int(value)
    return value  # anything else (NaN, inf, an option that was never offered) is left for validation to refuse


def render_field(name: str, key: str, *, on_change: Callable[..., None] | None = None, args: tuple = ()) -> Any:
    """The widget for `name`; its value comes from st.session_state[key] (set it before calling)."""
    common: dict[str, Any] = dict(key=key, help=field_help(name), on_change=on_change, args=args)
    label = FIELD_LABELS[name]
    if name == "title":
        return st.text_input(label, max_chars=MAX_TITLE, **common)
    if name == "notes":
        return st.text_area(label, max_chars=MAX_NOTES, height=90, **common)
    spec = ATTRIBUTES[name]
    if spec.kind == "bool":
        return st.checkbox(label, **common)
    if spec.kind == "set":
        return st.multiselect(label, list(spec.values), format_func=value_label, placeholder="none (asymptomatic)", **common)
    if name == "age":
        # A float widget, shown without decimals: Streamlit's int widget calls int() on whatever the browser sends,
        # and a crafted NaN then raises inside Streamlit on every rerun. As floats, NaN/inf fall back to the
        # widget's default, and a fraction reaches validation ("expected a whole number").
        low, high = int_bounds(name)
        return st.number_input(label, min_value=float(low), max_value=float(high), step=1.0, format="%.0f",
                               placeholder="not given", **common)
    options = [NOT_GIVEN, *spec.values] if spec.nullable else list(spec.values)
    return st.selectbox(label, options, format_func=value_label, **common)
