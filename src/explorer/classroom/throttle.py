"""Slowing down repeated wrong join codes from one browser session."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

FREE_ATTEMPTS = 3
MAX_DELAY_S = 30.0


@dataclass
class WrongCodeThrottle:
    """After FREE_ATTEMPTS wrong codes, each further try waits twice as long as the last (1 s, 2 s, ... 30 s)."""

    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    not_before: float = 0.0

    def wait_seconds(self) -> float:
        return max(0.0, self.not_before - self.clock())

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            delay = min(MAX_DELAY_S, 2.0 ** (self.failures - FREE_ATTEMPTS))
            self.not_before = self.clock() + delay

    def succeeded(self) -> None:
        self.failures, self.not_before = 0, 0.0

    def message(self) -> str:
        return (f"too many wrong codes from this browser: wait {math.ceil(self.wait_seconds())} s, "
                "then check the code on the projector and try again")
