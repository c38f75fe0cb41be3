"""Condition outcomes as a table: factor, this scenario's value, the value required, whether it holds."""

from __future__ import annotations

from typing import Sequence

import streamlit as st

from explorer.result import ConditionOutcome

from .text import md

COLUMNS = ("Factor", "This scenario", "Needed", "Met")
# A derived fact, in plain words: an earlier rule concluded it (or not).
FACT_WORDS = {"established": "concluded by an earlier rule", "not established": "not concluded"}


def condition_rows(outcomes: Sequence[ConditionOutcome]) -> list[tuple[str, str, str, str]]:
    return [
        (o.label, FACT_WORDS.get(o.actual, o.actual) if o.kind == "fact" else o.actual,
         FACT_WORDS.get(o.required, o.required) if o.kind == "fact" else o.required, "✓ yes" if o.holds else "✗ no")
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
