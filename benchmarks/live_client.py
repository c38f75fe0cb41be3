"""A browser-like Streamlit client over the real websocket protocol, for benchmarks of live pages.

Unlike a request/response client, it keeps reading: the server pushes reruns of its own (a fragment that calls
st.rerun()), and fragments with run_every ask the client to rerun them on a timer (`auto_rerun`), which this
client does as the browser's frontend does. Every text shown (headings, Markdown, alerts, HTML, button labels) is
recorded with the time it arrived, so a benchmark can ask "when did this session first show X after time t".
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TEXT_FIELDS = {"heading": "body", "markdown": "body", "alert": "body", "html": "body", "code": "code_text"}


@dataclass
class LiveClient:
    url: str
    query: str = ""
    cookie: str = ""  # sent with the websocket handshake (nginx routes by it)
    page_name: str = ""
    connection: websockets.ClientConnection | None = None
    page_hash: str = ""
    shown: list[tuple[float, str]] = field(default_factory=list)
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id (ids are stable across runs)
    errors: list[str] = field(default_factory=list)
    runs_finished: int = 0
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task] = field(default_factory=list)
    _poll: asyncio.Task | None = None

    async def open(self, timeout: float = 30.0) -> None:
        self.connection = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout,
            additional_headers={"Cookie": self.cookie} if self.cookie else None)
        self._tasks.append(asyncio.create_task(self._read()))
        await self.rerun()

    async def rerun(self, *widgets: WidgetState, fragment_id: str = "", auto: bool = False) -> None:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if not self.page_hash:
            state.page_name = self.page_name
        state.widget_states.widgets.extend(widgets)
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        await self.connection.send(back.SerializeToString())

    async def click(self, label: str, timeout: float = 30.0) -> float:
        """Click the button with this label once it is shown; return the time of the click."""
        widget = await self.wait_button(label, timeout)
        clicked = time.perf_counter()
        await self.rerun(WidgetState(id=widget, trigger_value=True))
        return clicked

    async def wait_button(self, label: str, timeout: float) -> str:
        deadline = time.perf_counter() + timeout
        while label not in self.buttons:
            await self._wait_change(deadline, f"button {label!r}")
        return self.buttons[label]

    async def button_labels(self, id_part: str, timeout: float) -> list[str]:
        """The labels of the buttons whose widget id contains `id_part` (e.g. a key prefix), once any is shown."""
        deadline = time.perf_counter() + timeout
        while not any(id_part in widget for widget in self.buttons.values()):
            await self._wait_change(deadline, f"a button with {id_part!r} in its id")
        return [label for label, widget in self.buttons.items() if id_part in widget]

    async def wait_text(self, pattern: str, after: float, timeout: float) -> float:
        """The arrival time of the first text matching `pattern` (regex) shown at or after `after`."""
        regex = re.compile(pattern)
        deadline = time.perf_counter() + timeout
        checked = 0
        while True:
            for index in range(checked, len(self.shown)):
                at, text = self.shown[index]
                if at >= after and regex.search(text):
                    return at
            checked = len(self.shown)
            await self._wait_change(deadline, f"text /{pattern}/")

    async def _wait_change(self, deadline: float, what: str) -> None:
        self._changed.clear()
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(f"{what} not shown in time")
        try:
            await asyncio.wait_for(self._changed.wait(), remaining)
        except asyncio.TimeoutError:
            raise TimeoutError(f"{what} not shown in time") from None

    async def _read(self) -> None:
        try:
            async for raw in self.connection:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg, time.perf_counter())
                self._changed.set()
        except websockets.ConnectionClosed:
            pass

    def _handle(self, msg: ForwardMsg, now: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation" and msg.navigation.page_script_hash:
            self.page_hash = msg.navigation.page_script_hash  # stay on the page the server ran (or switched to)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            element_kind = element.WhichOneof("type")
            if element_kind == "button":
                self.buttons[element.button.label] = element.button.id
            elif element_kind == "exception":
                self.errors.append(f"{element.exception.type}: {element.exception.message}")
            elif element_kind in TEXT_FIELDS:
                self.shown.append((now, getattr(getattr(element, element_kind), TEXT_FIELDS[element_kind])))
            elif element_kind == "progress":
                self.shown.append((now, element.progress.text))
        elif kind == "auto_rerun":
            self._start_polling(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun" and self._poll is not None:
            self._poll.cancel()
            self._poll = None
        elif kind == "script_finished":
            self.runs_finished += 1

    def _start_polling(self, fragment_id: str, interval: float) -> None:
        if self._poll is not None:
            self._poll.cancel()

        async def poll() -> None:
            while True:
                await asyncio.sleep(interval)
                try:
                    await self.rerun(fragment_id=fragment_id, auto=True)
                except websockets.ConnectionClosed:
                    return

        self._poll = asyncio.create_task(poll())

    async def close(self) -> None:
        for task in [*self._tasks, *([self._poll] if self._poll else [])]:
            task.cancel()
        if self.connection is not None:
            await self.connection.close()
