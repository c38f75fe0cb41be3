"""Condition outcomes as a table: factor, this scenario's value, the value required."""

from __future__ import annotations

from typing import Sequence

import pandas as pd
import streamlit as st

from explorer.result import ConditionOutcome

COLUMNS = ("Factor", "This scenario", "Required", "Holds")


def condition_rows(outcomes: Sequence[ConditionOutcome]) -> pd.DataFrame:
    rows = [
        {
            "Factor": o.label + (" (derived fact)" if o.kind == "fact" else ""),
            "This scenario": o.actual,
            "Required": o.required,
            "Holds": "yes" if o.holds else "no",
        }
        for o in outcomes
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def render_conditions(outcomes: Sequence[ConditionOutcome]) -> None:
    if outcomes:
        st.table(condition_rows(outcomes), hide_index=True)
