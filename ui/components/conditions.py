"""Condition outcomes as a table: factor, this scenario's value, the value required, whether it holds."""

from __future__ import annotations

from typing import Sequence

import streamlit as st

from explorer.result import ConditionOutcome

from .text import md

COLUMNS = ("Factor", "This scenario", "Required", "Holds")


def condition_rows(outcomes: Sequence[ConditionOutcome]) -> list[tuple[str, str, str, str]]:
    return [
        (o.label + (" (derived fact)" if o.kind == "fact" else ""), o.actual, o.required, "yes" if o.holds else "no")
        for o in outcomes
    ]


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table, every cell escaped (one element; far cheaper than a DataFrame)."""
    lines = ["| " + " | ".join(md(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render_conditions(outcomes: Sequence[ConditionOutcome]) -> None:
    if outcomes:
        st.markdown(markdown_table(COLUMNS, condition_rows(outcomes)))
