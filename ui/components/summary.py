"""A short, readable summary of a scenario (only the factors that are set)."""

from __future__ import annotations

import streamlit as st

from explorer import Scenario
from explorer.scenario import FIELD_LABELS, TEXT_FIELDS, value_label

from .text import md


def summary_text(scenario: Scenario) -> str:
    data = scenario.public_dict()
    parts = [f"{FIELD_LABELS[k]}: {value_label(v)}" for k, v in data.items() if k not in TEXT_FIELDS]
    return "; ".join(parts) if parts else "no factors set (every factor unknown or at its default)"


def render_summary(scenario: Scenario, heading: str = "Current scenario") -> None:
    title = f" — {md(scenario.title)}" if scenario.title else ""
    st.markdown(f"**{md(heading)}**{title}: {md(summary_text(scenario))}")
