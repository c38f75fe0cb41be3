"""Rule ids, statement ids and engine words stay hidden unless the reader asks for them ("Show rule ids")."""

from __future__ import annotations

import streamlit as st

SHOW_IDS = "show_rule_ids"


def show_ids() -> bool:
    return bool(st.session_state.get(SHOW_IDS))


def render_ids_toggle() -> None:
    st.toggle("Show rule ids", key=SHOW_IDS, help="Show the rule and statement ids, as `explorer rules` prints them")


def rule_id(rid: str) -> str:
    """' `rule-id`' when ids are shown, else nothing (append it after a rule's title)."""
    return f" `{rid}`" if show_ids() else ""
