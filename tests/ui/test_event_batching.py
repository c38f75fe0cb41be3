"""ui/event_batching.py: script events reach the session's handler in order, with one wake-up per batch."""

from __future__ import annotations

from typing import Any, Callable

from ui.event_batching import batched


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
