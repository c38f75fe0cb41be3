"""A browser-like Streamlit client over its own websocket protocol (``/_stcore/stream``, BackMsg/ForwardMsg).

Used by benchmarks/ui_latency.py and the serve/fault tests. Like the browser it keeps the URL's query string as
the server sets it, sends it with every rerun, sends a widget's fragment id with a change inside a fragment, and
on reconnecting names its previous session (so a live process can tell a resumed tab from a new one).
"""

from __future__ import annotations

import asyncio
import urllib.request
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RERUN_TIMEOUT_S = 30.0
CHOICE_WIDGETS = ("selectbox", "radio")  # widgets whose state is the option's label
ACK_LABEL = "I understand"


@dataclass
class ChoiceWidget:
    """A selectbox or radio found in a run's deltas."""

    id: str
    label: str
    options: list[str]
    current: str  # the value shown (set from session state, else the default option)
    fragment_id: str = ""  # set when the widget is drawn inside an st.fragment


def first_visit_cookie(base_url: str, timeout_s: float = RERUN_TIMEOUT_S) -> str:
    """What a browser's first request (GET /, no cookie) gets from the proxy: its route cookie ("name=value"), or
    "" when not proxied. Blocking: call it in a thread from async code."""
    with urllib.request.urlopen(base_url + "/", timeout=timeout_s) as response:
        cookie = response.headers.get("Set-Cookie", "")
    return cookie.split(";", 1)[0].strip()


class Session:
    """One browser tab: sends reruns, waits for script_finished, follows the URL the app writes."""

    def __init__(self, connection: websockets.ClientConnection, query_string: str = "") -> None:
        self.connection = connection
        self.query_string = query_string
        self.session_id = ""

    @classmethod
    async def open(cls, url: str, cookie: str | None = None, resume: str = "", query_string: str = "") -> Session:
        """Connect; `cookie` as a Cookie header (sticky routing), `resume` the session id of an earlier connection."""
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN", resume] if resume else ["streamlit"]
        connection = await websockets.connect(
            url, subprotocols=protocols, max_size=None, open_timeout=RERUN_TIMEOUT_S,  # type: ignore[arg-type]
            additional_headers={"Cookie": cookie} if cookie else None,
        )  # fmt: skip
        session = cls(connection, query_string)
        session.session_id = resume
        return session

    @property
    def upstream(self) -> str:
        """The app process nginx chose for this connection (its X-Explorer-Upstream header), if proxied."""
        response = self.connection.response
        return response.headers.get("X-Explorer-Upstream", "") if response is not None else ""

    async def rerun(self, widget_states: tuple[WidgetState, ...] = (), fragment_id: str = "") -> list[ForwardMsg]:
        """Request a rerun with these widget values and wait until it finished."""
        back = BackMsg()
        back.rerun_script.query_string = self.query_string
        back.rerun_script.widget_states.widgets.extend(widget_states)
        if fragment_id:
            back.rerun_script.fragment_id = fragment_id
        await self.connection.send(back.SerializeToString())
        received: list[ForwardMsg] = []
        async with asyncio.timeout(RERUN_TIMEOUT_S):  # the whole rerun (one timer, not a task per message)
            while True:
                raw = await self.connection.recv()
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                received.append(msg)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    self.session_id = msg.new_session.initialize.session_id
                elif kind == "page_info_changed":
                    self.query_string = msg.page_info_changed.query_string
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise RuntimeError("the app failed to compile")
                    if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        raise_app_exception(received)
                        return received

    async def first_results(self, acknowledge: str = ACK_LABEL) -> list[ForwardMsg]:
        """The first run; if it shows the acknowledgement button, click it (one more run)."""
        messages = await self.rerun()
        button = find_button(messages, acknowledge)
        if button is not None:
            messages = await self.rerun((WidgetState(id=button, trigger_value=True),))
        return messages

    async def close(self) -> None:
        await self.connection.close()


def new_elements(messages: list[ForwardMsg]) -> list[tuple[Element, str]]:
    """Every new element with the fragment id of its delta."""
    return [
        (msg.delta.new_element, msg.delta.fragment_id)
        for msg in messages
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element"
    ]


def raise_app_exception(messages: list[ForwardMsg]) -> None:
    """A run that showed an exception box is not a measurement: stop with its message."""
    for element, _ in new_elements(messages):
        if element.WhichOneof("type") == "exception":
            raise RuntimeError(f"the app raised {element.exception.type}: {element.exception.message}")


def find_button(messages: list[ForwardMsg], label: str) -> str | None:
    """The widget id of the button with this label, if rendered."""
    for element, _ in new_elements(messages):
        if element.WhichOneof("type") == "button" and element.button.label == label:
            return element.button.id
    return None


def choice_widgets(messages: list[ForwardMsg]) -> list[ChoiceWidget]:
    """Every selectbox/radio with two or more options rendered in these messages."""
    found = []
    for element, fragment_id in new_elements(messages):
        kind = element.WhichOneof("type")
        if kind in CHOICE_WIDGETS:
            proto = getattr(element, kind)
            if len(proto.options) >= 2:
                current = proto.raw_value if proto.set_value else proto.options[proto.default]
                found.append(ChoiceWidget(proto.id, proto.label, list(proto.options), current, fragment_id))
    return found


def pick_widget(widgets: list[ChoiceWidget], label: str) -> ChoiceWidget:
    for widget in widgets:
        if label.lower() in widget.label.lower():
            return widget
    if widgets:
        return widgets[0]
    raise RuntimeError("the run rendered no selectbox or radio to change")


def change(widget: ChoiceWidget, value: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=value)
