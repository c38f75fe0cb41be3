"""One script run at a time per app process, in the order they asked (installed by ui/serve.py).

Streamlit gives every session its own script thread, and all of them share one interpreter lock. When a class of
50 changes a widget at the same moment, 50 reruns take turns on the lock every few milliseconds, so they all
progress together and all finish near the end of the burst: the median waits almost as long as the last one.
Here a rerun waits for the one before it to finish (first come, first served), so the first finishes after one
rerun's time, the middle one after half the burst: the same total work, the median about halved. The event loop
(sending) is not queued. A run that holds its turn for more than HOLD_LIMIT_S (a heavy page, or one waiting on the
network, e.g. Redis down) lets every run behind it go ahead at once, as they would without the queue.

The turn passes on through the server's event loop (`via_loop`): the next run starts only once the loop has had a
turn to send what the last run queued. Handed over directly, the next run took the interpreter lock at once, and
the loop, waiting for it (up to the 5 ms switch interval, several times per rerun), fell behind: a burst's
reruns were computed in order but all sent near its end.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections import deque
from typing import Any, Callable, Optional

HOLD_LIMIT_S = 0.5


class FifoTurns:
    """A lock granted in arrival order. A waiter gives up (acquire returns False) once the current holder has held
    the turn for `hold_limit` seconds; a long queue of short turns keeps it waiting in its place."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._held = False
        self._since = 0.0  # when the current holder got the turn (time.monotonic)

    def acquire(self, hold_limit: float) -> bool:
        with self._guard:
            if not self._held and not self._waiting:
                self._held, self._since = True, time.monotonic()
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        while True:
            with self._guard:
                remaining = self._since + hold_limit - time.monotonic()
            if remaining > 0 and turn.wait(remaining):
                return True
            with self._guard:
                if turn.is_set():  # handed over just as the wait ended
                    return True
                if time.monotonic() - self._since >= hold_limit:  # the holder is slow: go ahead without a turn
                    self._waiting.remove(turn)
                    return False
            # the turn moved on to a newer holder meanwhile: wait on, in place

    def release(self) -> None:
        """Hand the turn to the longest waiting thread (it is then held by that thread), or free it."""
        with self._guard:
            if self._waiting:
                self._since = time.monotonic()
                self._waiting.popleft().set()
            else:
                self._held = False


TURNS = FifoTurns()
HandOver = Callable[[Callable[[], None]], None]


def directly(release: Callable[[], None]) -> None:
    release()


def via_loop(event_loop: Callable[[], Optional[asyncio.AbstractEventLoop]]) -> HandOver:
    """A hand-over that releases the turn as a callback on `event_loop()` (the server's loop), after what the loop
    already has to do; directly when there is no loop (not serving yet) or it is closed (shutting down)."""

    def hand_over(release: Callable[[], None]) -> None:
        loop = event_loop()
        if loop is None:
            release()
            return
        try:
            loop.call_soon_threadsafe(release)
        except RuntimeError:  # the loop is closed
            release()

    return hand_over


def in_turn(run_script: Callable[..., None], turns: FifoTurns = TURNS, hold_limit: float = HOLD_LIMIT_S,
            hand_over: HandOver = directly) -> Callable[..., None]:
    """`ScriptRunner._run_script` (one script run, with the reruns it requests), taking its turn first and passing
    it on with `hand_over`."""

    @functools.wraps(run_script)
    def run_script_in_turn(self: Any, *args: Any, **kwargs: Any) -> None:
        mine = turns.acquire(hold_limit)
        try:
            run_script(self, *args, **kwargs)
        finally:
            if mine:
                hand_over(turns.release)

    return run_script_in_turn
