"""The non-diagnostic disclaimer banner and the first-visit acknowledgement gate.

Once acknowledged, the app keeps `ack=1` in its own URL (ui/state.py sync_link), so a reload of the same tab
does not ask again. Share links, handouts and class links never carry it (explorer.share.share_link), so someone
who opens a shared link is asked once. Any other value of `ack` gets the gate, like no value.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer import DISCLAIMER
from explorer.share import ACK_PARAM

from ..reconnect import take_resumed

ACKNOWLEDGED = "acknowledged"
ACK_LABEL = "I understand"
ACK_VALUE = "1"


def render_disclaimer() -> None:
    """The banner shown at the top of every page."""
    with st.container(key="disclaimer_strip"):
        st.warning(f"**Not medical advice.** {DISCLAIMER}", icon=":material/school:")


def _acknowledge() -> None:
    st.session_state[ACKNOWLEDGED] = True


def acknowledged() -> bool:
    """Acknowledged in this session, before a reload of this tab (`ack=1` in its URL), or in the session this
    tab had in a process that has gone."""
    if not st.session_state.get(ACKNOWLEDGED):
        ctx = get_script_run_ctx()
        if st.query_params.get_all(ACK_PARAM) == [ACK_VALUE] or (ctx is not None and take_resumed(ctx.session_id)):
            st.session_state[ACKNOWLEDGED] = True
    return bool(st.session_state.get(ACKNOWLEDGED))


def ack_mark() -> dict[str, str]:
    """The query parameter that keeps the acknowledgement across a reload of this tab (empty until given)."""
    return {ACK_PARAM: ACK_VALUE} if acknowledged() else {}


def render_gate() -> None:
    """Ask for one acknowledgement per browser tab (a reload keeps it) before showing any page."""
    st.title("Before you start")
    st.markdown(
        "This explorer is for **teaching and learning**. For a teaching scenario it shows the treatment "
        "options that five public source documents discuss, the rules that connect the scenario to them, "
        "and the verbatim statements behind each rule.\n\n"
        "- It does **not** diagnose anyone and does **not** give medical advice.\n"
        "- It does not say what any person should do; the sources are general information pages.\n"
        "- Decisions about a real patient belong to their clinical team."
    )
    st.button(ACK_LABEL, type="primary", on_click=_acknowledge)
