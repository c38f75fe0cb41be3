"""UI latency benchmark: Streamlit cold start and widget-change-to-rerun latency.

Drives Streamlit's own websocket protocol (``/_stcore/stream``, BackMsg/ForwardMsg
protobufs) the way the browser does, so the figures are the server's work only:

* cold start: process start -> the first session's results page has finished
  rendering (first run, plus the run that clicks the first-visit acknowledgement);
* latency: ``rerun_script`` carrying one changed widget -> ``script_finished``,
  for 1 and for N concurrent sessions, each making a fixed number of changes;
* both with ``--runner.postScriptGC true`` and ``false``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/ui_latency.py [--changes 20] [--concurrent 10]

Only 127.0.0.1 is used; every wait is bounded (``--timeout`` for the whole run).
The figures include the transport as a browser sees it. The server is started the way
``./dev app`` starts it, with the launcher ``ui/serve.py``: Streamlit binds its own listening
socket (proto 0), so asyncio does not set TCP_NODELAY on accepted connections and a rerun whose
reply spans several small frames would wait for the client's delayed ACK (about 40 ms on Linux);
the launcher sets TCP_NODELAY on the listening socket, which accepted connections inherit. It also
freezes the long-lived heap once the server is up, which is what makes ``postScriptGC true`` cheap.
Needs the ``websockets`` package (installed with Streamlit).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from tests.browser.server import HOST, AppServer  # noqa: E402  (same start command as the browser tests)

TARGETS_MS = {"cold_start": 3000.0, "single": 50.0, "concurrent": 150.0}
RERUN_TIMEOUT_S = 30.0
CHOICE_WIDGETS = ("selectbox", "radio")  # widgets whose state is the option's label


@dataclass
class ChoiceWidget:
    """A selectbox or radio found in the first run's deltas."""

    id: str
    label: str
    options: list[str]
    current: str  # the value shown (set from session state, else the default option)


@dataclass
class RunSummary:
    """Figures for one server configuration."""

    gc: bool
    health_ms: float = 0.0
    cold_start_ms: float = 0.0
    widget: str = ""
    latencies_ms: dict[int, list[float]] = field(default_factory=dict)


class Session:
    """One browser-like session: sends reruns, waits for script_finished."""

    def __init__(self, connection: websockets.ClientConnection) -> None:
        self.connection = connection

    @classmethod
    async def open(cls, url: str) -> Session:
        connection = await websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, open_timeout=RERUN_TIMEOUT_S
        )
        return cls(connection)

    async def rerun(self, widget_states: tuple[WidgetState, ...] = ()) -> list[ForwardMsg]:
        """Request a rerun with these widget values and wait until it finished."""
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.widget_states.widgets.extend(widget_states)
        await self.connection.send(back.SerializeToString())
        received: list[ForwardMsg] = []
        while True:
            raw = await asyncio.wait_for(self.connection.recv(), RERUN_TIMEOUT_S)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            received.append(msg)
            if msg.WhichOneof("type") == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the app failed to compile")
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    raise_app_exception(received)
                    return received

    async def first_results(self, acknowledge: str) -> list[ForwardMsg]:
        """The first run; if it shows the acknowledgement button, click it (one more run)."""
        messages = await self.rerun()
        button = find_button(messages, acknowledge)
        if button is not None:
            messages = await self.rerun((WidgetState(id=button, trigger_value=True),))
        return messages

    async def close(self) -> None:
        await self.connection.close()


def new_elements(messages: list[ForwardMsg]) -> list[Element]:
    return [
        msg.delta.new_element
        for msg in messages
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element"
    ]


def raise_app_exception(messages: list[ForwardMsg]) -> None:
    """A run that showed an exception box is not a measurement: stop with its message."""
    for element in new_elements(messages):
        if element.WhichOneof("type") == "exception":
            raise RuntimeError(f"the app raised {element.exception.type}: {element.exception.message}")


def find_button(messages: list[ForwardMsg], label: str) -> str | None:
    """The widget id of the button with this label, if rendered."""
    for element in new_elements(messages):
        if element.WhichOneof("type") == "button" and element.button.label == label:
            return element.button.id
    return None


def choice_widgets(messages: list[ForwardMsg]) -> list[ChoiceWidget]:
    """Every selectbox/radio with two or more options rendered in these messages."""
    found = []
    for element in new_elements(messages):
        kind = element.WhichOneof("type")
        if kind in CHOICE_WIDGETS:
            proto = getattr(element, kind)
            if len(proto.options) >= 2:
                current = proto.raw_value if proto.set_value else proto.options[proto.default]
                found.append(ChoiceWidget(proto.id, proto.label, list(proto.options), current))
    return found


def pick_widget(widgets: list[ChoiceWidget], label: str) -> ChoiceWidget:
    for widget in widgets:
        if label.lower() in widget.label.lower():
            return widget
    if widgets:
        return widgets[0]
    raise RuntimeError("the first run rendered no selectbox or radio to change")


def alternative(widget: ChoiceWidget, wanted: str) -> str:
    """The option to switch to: `wanted` if offered, else the first one that is not the current value."""
    if wanted in widget.options and wanted != widget.current:
        return wanted
    return next(option for option in widget.options if option != widget.current)


async def change_loop(
    url: str, widget: ChoiceWidget, values: tuple[str, str], args: argparse.Namespace, start: asyncio.Barrier
) -> list[float]:
    """Open a session, reach the results, wait for the others, then switch the widget `args.changes` times."""
    session = await Session.open(url)
    try:
        await session.first_results(args.acknowledge)
        await start.wait()
        latencies = []
        for index in range(args.changes):
            state = WidgetState(id=widget.id, string_value=values[(index + 1) % 2])
            started = time.perf_counter()
            await session.rerun((state,))
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies
    finally:
        await session.close()


async def measure(gc: bool, args: argparse.Namespace, deadline: float) -> RunSummary:
    summary = RunSummary(gc=gc)
    gc_flag = ("--runner.postScriptGC", "true" if gc else "false")
    with tempfile.NamedTemporaryFile(prefix="ui_latency-", suffix=".log") as log:
        server = AppServer(log, extra=gc_flag)
        try:
            summary.health_ms = server.wait_healthy(deadline - time.perf_counter()) * 1000
            stream_url = f"ws://{HOST}:{server.port}/_stcore/stream"
            first = await Session.open(stream_url)
            messages = await first.first_results(args.acknowledge)
            summary.cold_start_ms = (time.perf_counter() - server.started) * 1000
            await first.close()
            widget = pick_widget(choice_widgets(messages), args.widget)
            values = (widget.current, alternative(widget, args.to))
            summary.widget = f"{widget.label!r}: {values[0]!r} <-> {values[1]!r}"
            for sessions in (1, args.concurrent):
                start = asyncio.Barrier(sessions)
                runs = [change_loop(stream_url, widget, values, args, start) for _ in range(sessions)]
                results = await asyncio.gather(*runs)
                summary.latencies_ms[sessions] = [value for result in results for value in result]
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n--- streamlit log ---\n{server.log_tail()}") from error
        finally:
            server.stop()
    return summary


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def print_table(summaries: list[RunSummary]) -> None:
    print(f"\nwidget changed: {summaries[0].widget}")
    header = f"{'postScriptGC':<13}{'measure':<26}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'target':>9}  verdict"
    print(header)
    print("-" * len(header))
    for summary in summaries:
        gc = str(summary.gc).lower()
        print(f"{gc:<13}{'health endpoint up':<26}{1:>5}{summary.health_ms:>11.0f}{'':>9}{'':>9}")
        target = TARGETS_MS["cold_start"]
        cold = summary.cold_start_ms
        print(f"{gc:<13}{'cold start -> 1st result':<26}{1:>5}{cold:>11.0f}{'':>9}"
              f"{target:>9.0f}  {verdict(cold, target)}")  # fmt: skip
        for sessions, values in summary.latencies_ms.items():
            target = TARGETS_MS["single" if sessions == 1 else "concurrent"]
            median = statistics.median(values)
            label = f"change -> rerun, {sessions} sess."
            print(f"{gc:<13}{label:<26}{len(values):>5}{median:>11.1f}{p95(values):>9.1f}"
                  f"{target:>9.0f}  {verdict(median, target)}")  # fmt: skip


async def run(args: argparse.Namespace) -> list[RunSummary]:
    deadline = time.perf_counter() + args.timeout
    summaries = []
    for gc in (True, False):
        remaining = deadline - time.perf_counter()
        summaries.append(await asyncio.wait_for(measure(gc, args, deadline), remaining))
    return summaries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=20, help="widget changes per session")
    parser.add_argument("--concurrent", type=int, default=10, help="sessions in the concurrent run")
    parser.add_argument("--widget", default="behaviour", help="label (substring) of the widget to change")
    parser.add_argument("--to", default="malignant", help="option to switch the widget to (and back)")
    parser.add_argument("--acknowledge", default="I understand",
                        help="label of the first-visit button to click before the results show")
    parser.add_argument("--timeout", type=float, default=300.0, help="overall limit in seconds")
    args = parser.parse_args()
    try:
        summaries = asyncio.run(run(args))
    except (RuntimeError, TimeoutError, OSError, websockets.WebSocketException) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    print_table(summaries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
