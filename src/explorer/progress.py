"""The sweep's one-line progress display on stderr (count, percentage, rate, time left), drawn by tqdm."""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

_FORMAT = "[{bar:20}] {percentage:3.0f}% {n:,}/{total:,} {unit}  {rate_text}  {elapsed} elapsed, {remaining} left"


class _Bar(tqdm):
    monitor_interval = 0  # no monitor thread: the sweep forks worker processes while the line is live

    @property
    def format_dict(self) -> dict:
        """tqdm's fields plus `rate_text`: '12,345/s' (tqdm's own rate_fmt has no thousands separator)."""
        fields = super().format_dict
        rate = fields["rate"] or (fields["n"] / fields["elapsed"] if fields["elapsed"] else 0.0)
        return {**fields, "rate_text": f"{rate:,.0f}/s"}


class ProgressLine:
    """Call `update(k)` as work completes and `close()` at the end (also on Ctrl-C: it ends the line).

    Enabled by default only when the stream is a terminal; redrawn at most every `interval` s. Nothing but the line
    goes to the stream, never stdout.
    """

    def __init__(self, total: int, *, stream: TextIO | None = None, enabled: bool | None = None,
                 unit: str = "scenarios", interval: float = 0.2):
        stream = stream if stream is not None else sys.stderr
        self.enabled = stream.isatty() if enabled is None else enabled
        self.total, self.done = total, 0
        self._bar = _Bar(total=total, file=stream, disable=not self.enabled, unit=unit, mininterval=interval,
                         miniters=1, ascii="-#", bar_format=_FORMAT, dynamic_ncols=False, leave=True)

    def update(self, k: int) -> None:
        self.done += k
        self._bar.update(k)

    def close(self) -> None:
        self._bar.close()
