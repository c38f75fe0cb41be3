"""A compact one-line progress display on stderr: count, percentage, rate and time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class ProgressLine:
    """Call `update(k)` as work completes and `close()` at the end; silent when disabled.

    Enabled by default only when the stream is a terminal; redrawn at most every `interval` s.
    """

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None,
                 unit: str = "scenarios", interval: float = 0.2):
        self.total, self.unit, self.interval = total, unit, interval
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0
        self.started = time.perf_counter()
        self._drawn = 0.0

    def text(self) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total if self.total else 1.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 20
        bar = "#" * int(width * share) + "-" * (width - int(width * share))
        return (f"[{bar}] {share:4.0%} {self.done:,}/{self.total:,} {self.unit}  "
                f"{rate:,.0f}/s  {_clock(elapsed)} elapsed, {_clock(left)} left")

    def update(self, k: int) -> None:
        self.done += k
        now = time.perf_counter()
        if self.enabled and (now - self._drawn >= self.interval or self.done >= self.total):
            self._drawn = now
            self.stream.write("\r" + self.text())
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
