"""One script run at a time per app process, in the order they asked (installed by ui/serve.py).

Streamlit gives every session its own script thread, and all of them share one interpreter lock. When a class of
50 changes a widget at the same moment, 50 reruns take turns on the lock every few milliseconds, so they all
progress together and all finish near the end of the burst: the median waits almost as long as the last one.
Here a rerun waits for the one before it to finish (first come, first served), so the first finishes after one
rerun's time, the middle one after half the burst: the same total work, the median about halved. The event loop
(sending) is not queued. A run that holds its turn longer than MAX_WAIT_S (a stuck page) no longer holds up the
others: a rerun that waited that long runs anyway, as it would without the queue.
"""

from __future__ import annotations

import functools
import threading
from collections import deque
from typing import Any, Callable

MAX_WAIT_S = 2.0


class FifoTurns:
    """A lock granted in arrival order; acquire() gives up after `timeout` seconds (then returns False)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._held = False

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._held and not self._waiting:
                self._held = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._guard:
            if turn.is_set():  # handed over just as the wait ended
                return True
            self._waiting.remove(turn)
            return False

    def release(self) -> None:
        """Hand the turn to the longest waiting thread (it is then held by that thread), or free it."""
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._held = False


TURNS = FifoTurns()


def in_turn(run_script: Callable[..., None], turns: FifoTurns = TURNS,
            max_wait: float = MAX_WAIT_S) -> Callable[..., None]:
    """`ScriptRunner._run_script` (one script run, with the reruns it requests), taking its turn first."""

    @functools.wraps(run_script)
    def run_script_in_turn(self: Any, *args: Any, **kwargs: Any) -> None:
        mine = turns.acquire(max_wait)
        try:
            run_script(self, *args, **kwargs)
        finally:
            if mine:
                turns.release()

    return run_script_in_turn
