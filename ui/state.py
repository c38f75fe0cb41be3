"""The current scenario in session state, kept in sync with the URL (the share link)."""

from __future__ import annotations

from typing import Any

import streamlit as st
from explorer import InputError, Result, Scenario
from explorer.share import from_query, share_link, to_query
from explorer.whatif import vary as vary_scenario

from .components.disclaimer import ack_mark
from .components.fields import from_widget
from .components.text import md
from .link_guard import DROPPED_LINK, dropped_link_message
from .resources import explorer

SCENARIO = "scenario"
LINK_MESSAGES = "link_messages"
CHANGE_NOTE = "change_note"
CHANGE_FIELD = "change_field"
CLASS_PARAMS = ("join", "seat")  # a student's class-session link (ui/class_session.py), not scenario fields


def init_from_link() -> None:
    """On a session's first run, restore the scenario from the query string (bad values -> defaults)."""
    if SCENARIO in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}  # every value of a repeated key
    dropped = params.pop(DROPPED_LINK, None)
    if dropped:  # Streamlit ignored the whole link (ui/link_guard.py); say so instead of showing a blank scenario
        scenario, messages = Scenario(), [dropped_link_message(dropped[-1])]
    else:
        scenario, messages = from_query(params, ignore=CLASS_PARAMS)
    st.session_state[SCENARIO] = scenario
    st.session_state[LINK_MESSAGES] = messages


def current_scenario() -> Scenario:
    init_from_link()
    return st.session_state[SCENARIO]


def set_scenario(scenario: Scenario, note: str = "", field: str | None = None) -> None:
    """Replace the current scenario; `note` explains the change (next to `field`'s widget, if given)."""
    st.session_state[SCENARIO] = scenario
    st.session_state[LINK_MESSAGES] = []  # warnings about an earlier link no longer apply
    st.session_state[CHANGE_NOTE] = note
    st.session_state[CHANGE_FIELD] = field


def varied(scenario: Scenario, name: str, widget_value: Any) -> tuple[Scenario, str]:
    """`scenario` with one factor set from its widget's value; dependent factors follow (the note says how).

    Every widget value is validated by the library, whatever the browser sent (a crafted websocket message can
    carry an option that was never offered, or NaN for a number): a bad one raises InputError with the message
    the command line gives."""
    try:
        return vary_scenario(scenario, name, from_widget(name, widget_value))
    except InputError:
        raise
    except (ValueError, TypeError) as exc:  # defensive: a conversion the library did not anticipate
        raise InputError(f"scenario: field '{name}': value not accepted ({type(exc).__name__})") from None


def refusal_note(exc: InputError) -> str:
    return f"Value not accepted, so the scenario is unchanged. {exc}"


def change_field(name: str, widget_value: Any) -> None:
    """Change the current scenario's factor; an unacceptable value leaves it unchanged, with a note."""
    try:
        scenario, note = varied(current_scenario(), name, widget_value)
    except InputError as exc:
        st.session_state[CHANGE_NOTE] = refusal_note(exc)
        st.session_state[CHANGE_FIELD] = name
        return
    set_scenario(scenario, note, name)


def current_result() -> Result:
    """The evaluation of the current scenario (the library caches it for every session in the process)."""
    return explorer().evaluate(current_scenario())


def sync_link() -> None:
    """Write the scenario to the URL's query string when it differs (keeping a student's class parameters and,
    once given, the acknowledgement mark, so that a reload of this tab restores both)."""
    params = st.query_params.to_dict()
    kept = {k: params[k] for k in CLASS_PARAMS if k in params}
    wanted = {**to_query(current_scenario()), **kept, **ack_mark()}
    if params != wanted:
        st.query_params.from_dict(wanted)


def share_url() -> str:
    """The current page's URL with the scenario as its query string (never the acknowledgement mark)."""
    return share_link(st.context.url or "", current_scenario())


def change_note(field: str | None) -> str:
    """The note about the last change, if it belongs to `field` (None: notes not tied to a field)."""
    if st.session_state.get(CHANGE_FIELD) == field:
        return st.session_state.get(CHANGE_NOTE) or ""
    return ""


def noted_field() -> str | None:
    """The field whose widget shows the note about the last change ("" : the note is not tied to a field;
    None: no note)."""
    if not st.session_state.get(CHANGE_NOTE):
        return None
    return st.session_state.get(CHANGE_FIELD) or ""


def last_adjustment() -> tuple[str, str] | None:
    """(field, note) when the last change in the builder moved or refused a value (a conflict), else None."""
    field, note = st.session_state.get(CHANGE_FIELD), st.session_state.get(CHANGE_NOTE)
    return (field, note) if field and note else None


def show_link_messages() -> None:
    """Warn about link parameters that could not be used (they fell back to their defaults)."""
    messages = st.session_state.get(LINK_MESSAGES) or []
    if messages:
        lines = "\n".join(f"- {md(m)}" for m in messages)
        st.warning("Some parts of the link could not be used, so their default values were used instead:\n\n"
                   + lines, icon=":material/link_off:")
