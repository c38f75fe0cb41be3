"""One event-loop wake-up per batch of script events, instead of one per element (installed by ui/serve.py).

Streamlit's script thread hands every ForwardMsg (one per element) to the server's event loop with
`call_soon_threadsafe`, which writes to the loop's wake-up socket each time. That system call releases the GIL,
so the script thread and the event loop trade it once per element, about 70 times per Explore rerun; with many
sessions this ping-pong, not the app's own code, is most of a rerun's cost. Here a session's events go into a
queue, and one scheduled drain hands them to Streamlit's own handler on the loop thread, in the same order.

A run that started and then stopped for a rerun before anything else happened (a builder widget's callback names
the fragments to rerun: ui/components/rerun_scope.py) is left out when the next run's start is already queued
behind it: the browser would only get its start and early finish, four messages about a run that drew nothing.
To see what follows it, a run's start waits in the queue until the run's next events arrive (at most HOLD_S).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections import deque
from typing import Any, Callable

from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent

PENDING = "_explorer_pending_events"
LOG = logging.getLogger(__name__)
HOLD_S = 0.1  # longest a run's start waits for the run's next event (a run that computes long before drawing)


class _Pending:
    """A session's events not yet handled on the event loop; `held` while a run's start waits for what follows."""

    def __init__(self) -> None:
        self.events: deque[tuple[Any, dict[str, Any]]] = deque()
        self.lock = threading.Lock()
        self.held = False


def _stopped_before_it_began(sender: Any, kwargs: dict[str, Any], rest: deque) -> bool:
    """This event starts a run that the next one stops for a rerun, and the one after starts that rerun, all
    from the same script runner: a run that drew nothing."""
    if len(rest) < 2 or kwargs.get("event") is not ScriptRunnerEvent.SCRIPT_STARTED:
        return False
    (stopper, stopped), (starter, started) = rest[0], rest[1]
    return (stopper is sender and starter is sender
            and stopped.get("event") is ScriptRunnerEvent.SCRIPT_STOPPED_FOR_RERUN
            and started.get("event") is ScriptRunnerEvent.SCRIPT_STARTED)


def _waits_for_more(sender: Any, kwargs: dict[str, Any], rest: deque) -> bool:
    """This event starts a run, and nothing follows it yet, or only the run's stop for a rerun (whose start is
    about to follow)."""
    if kwargs.get("event") is not ScriptRunnerEvent.SCRIPT_STARTED:
        return False
    return not rest or (len(rest) == 1 and rest[0][0] is sender
                        and rest[0][1].get("event") is ScriptRunnerEvent.SCRIPT_STOPPED_FOR_RERUN)


def _drain(session: Any, pending: _Pending, release: bool = False) -> None:
    """On the event loop: handle every queued event, oldest first (Streamlit's handler does the work), leaving
    out a run that stopped for a rerun before it began. A run's start that cannot tell yet is held (the next
    event wakes the loop again), or handled anyway when `release` (HOLD_S later)."""
    while True:
        with pending.lock:
            if not pending.events:
                return
            sender, kwargs = pending.events.popleft()
            if not release and _waits_for_more(sender, kwargs, pending.events):
                pending.events.appendleft((sender, kwargs))
                if not pending.held:
                    pending.held = True
                    asyncio.get_running_loop().call_later(HOLD_S, _drain, session, pending, True)
                return
            pending.held = False
            if _stopped_before_it_began(sender, kwargs, pending.events):
                pending.events.popleft()  # its stop; the rerun's start comes next
                continue
        try:
            session._handle_scriptrunner_event_on_event_loop(sender, **kwargs)
        except Exception:  # as asyncio does for a failing callback: log it, and go on with the next event
            LOG.exception("handling a script event failed")


def batched(on_event: Callable[..., None]) -> Callable[..., None]:
    """`AppSession._on_scriptrunner_event`, queueing events and waking the loop only when the queue was empty."""

    @functools.wraps(on_event)
    def on_scriptrunner_event(self: Any, sender: Any, **kwargs: Any) -> None:
        pending = self.__dict__.get(PENDING)
        if pending is None:
            pending = self.__dict__.setdefault(PENDING, _Pending())
        with pending.lock:
            pending.events.append((sender, kwargs))
            wake = len(pending.events) == 1 or pending.held
        if wake:
            self._call_soon_on_event_loop(lambda: _drain(self, pending))

    return on_scriptrunner_event


def one_wakeup(enqueued_some_message: Callable[..., None]) -> Callable[..., None]:
    """`Runtime._enqueued_some_message` (called for every message a session queues), without a wake-up write to
    the event loop's socket when the loop already has a flush pending, or when it is the caller (as it is for the
    batched events above): one wake-up per flush rather than one per message."""

    @functools.wraps(enqueued_some_message)
    def enqueued(self: Any) -> None:
        objs = self._get_async_objs()
        flush = objs.need_send_data
        if flush.is_set():  # the loop clears it before flushing every queue, so this message goes out too
            return
        try:
            on_loop = asyncio.get_running_loop() is objs.eventloop
        except RuntimeError:
            on_loop = False
        if on_loop:
            flush.set()
        else:
            enqueued_some_message(self)

    return enqueued
