"""ui/event_batching.py: script events reach the session's handler in order, with one wake-up per batch; one
flush wake-up per batch of messages."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace
from typing import Any, Callable

from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent

from ui.event_batching import HOLD_S, batched, one_wakeup


class FakeSession:
    """Stands in for Streamlit's AppSession: records handled events and scheduled wake-ups."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.handled: list[int] = []
        self.wakeups: list[Callable[[], None]] = []
        self.fail_on = fail_on

    def _call_soon_on_event_loop(self, callback: Callable[[], None]) -> None:
        self.wakeups.append(callback)

    def _handle_scriptrunner_event_on_event_loop(self, sender: Any, event: int, **kwargs: Any) -> None:
        if event == self.fail_on:
            raise RuntimeError("handler failed")
        self.handled.append(event)

    _on_scriptrunner_event = batched(lambda self, sender, **kwargs: None)


def run_loop(session: FakeSession) -> None:
    while session.wakeups:
        session.wakeups.pop(0)()


def test_events_are_handled_in_order_with_one_wakeup_per_batch() -> None:
    session = FakeSession()
    for event in range(70):
        session._on_scriptrunner_event(None, event=event)
    assert len(session.wakeups) == 1 and session.handled == []
    run_loop(session)
    assert session.handled == list(range(70))
    session._on_scriptrunner_event(None, event=70)  # the queue was empty again: a new wake-up
    assert len(session.wakeups) == 1
    run_loop(session)
    assert session.handled == list(range(71))


def test_a_failing_event_does_not_hold_up_the_ones_after_it() -> None:
    session = FakeSession(fail_on=3)
    for event in range(6):
        session._on_scriptrunner_event(None, event=event)
    run_loop(session)
    assert session.handled == [0, 1, 2, 4, 5]
    session._on_scriptrunner_event(None, event=6)
    run_loop(session)
    assert session.handled[-1] == 6


def test_a_run_stopped_for_a_rerun_before_it_began_is_left_out_once_the_rerun_has_started() -> None:
    started, stopped = ScriptRunnerEvent.SCRIPT_STARTED, ScriptRunnerEvent.SCRIPT_STOPPED_FOR_RERUN
    element, done = ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS
    runner, other = object(), object()

    async def scenario() -> None:
        session = FakeSession()
        for event in (started, stopped, started, element, done):  # a callback's st.rerun(scope=...), the rerun
            session._on_scriptrunner_event(runner, event=event)
        run_loop(session)
        assert session.handled == [started, element, done]

        session.handled.clear()
        for event in (started, element, stopped, started, done):  # it drew something first: kept
            session._on_scriptrunner_event(runner, event=event)
        run_loop(session)
        assert session.handled == [started, element, stopped, started, done]

        session.handled.clear()
        session._on_scriptrunner_event(runner, event=started)  # arrives alone: held until what follows is known
        run_loop(session)
        assert session.handled == []
        for event in (stopped, started, done):
            session._on_scriptrunner_event(runner, event=event)
            run_loop(session)  # each event wakes the loop while the start is held
        assert session.handled == [started, done]

        session.handled.clear()
        for event in (started, stopped):  # stopped for a rerun that has not started yet: held, then released
            session._on_scriptrunner_event(runner, event=event)
        run_loop(session)
        assert session.handled == []
        await asyncio.sleep(HOLD_S * 3)
        assert session.handled == [started, stopped]

        session.handled.clear()
        for sender, event in ((other, started), (other, stopped), (runner, started)):  # another runner's: kept
            session._on_scriptrunner_event(sender, event=event)
        run_loop(session)
        assert session.handled == [started, stopped]  # the last start is held: nothing behind it yet

    asyncio.run(scenario())


def test_a_held_start_is_handled_after_the_hold_when_nothing_follows() -> None:
    async def scenario() -> list:
        session = FakeSession()
        session._on_scriptrunner_event(object(), event=ScriptRunnerEvent.SCRIPT_STARTED)
        run_loop(session)
        assert session.handled == []
        await asyncio.sleep(HOLD_S * 3)  # a run computing long before it draws: the browser still hears it began
        return session.handled

    assert asyncio.run(scenario()) == [ScriptRunnerEvent.SCRIPT_STARTED]


class FakeRuntime:
    """Stands in for Streamlit's Runtime: its flush event and the original cross-thread wake-up."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.objs = SimpleNamespace(eventloop=loop, need_send_data=asyncio.Event())
        self.cross_thread_wakeups = 0

    def _get_async_objs(self) -> SimpleNamespace:
        return self.objs

    def original(self) -> None:
        self.cross_thread_wakeups += 1
        self.objs.eventloop.call_soon_threadsafe(self.objs.need_send_data.set)

    _enqueued_some_message = one_wakeup(original)


def test_messages_queued_on_the_loop_set_the_flush_without_a_wakeup_write() -> None:
    async def scenario() -> tuple[bool, int]:
        runtime = FakeRuntime(asyncio.get_running_loop())
        for _ in range(50):
            runtime._enqueued_some_message()
        return runtime.objs.need_send_data.is_set(), runtime.cross_thread_wakeups

    assert asyncio.run(scenario()) == (True, 0)


def test_a_message_from_another_thread_still_wakes_the_loop_once_per_flush() -> None:
    async def scenario() -> tuple[bool, int]:
        runtime = FakeRuntime(asyncio.get_running_loop())
        worker = threading.Thread(target=lambda: [runtime._enqueued_some_message() for _ in range(3)])
        worker.start()
        worker.join(5)
        await asyncio.wait_for(runtime.objs.need_send_data.wait(), 5)  # the loop really is woken
        runtime.objs.need_send_data.clear()  # the flush
        worker = threading.Thread(target=runtime._enqueued_some_message)
        worker.start()
        worker.join(5)
        await asyncio.wait_for(runtime.objs.need_send_data.wait(), 5)
        return runtime.objs.need_send_data.is_set(), runtime.cross_thread_wakeups

    flushed, wakeups = asyncio.run(scenario())
    assert flushed and 2 <= wakeups <= 4  # one per flush at least; never more than one per message
