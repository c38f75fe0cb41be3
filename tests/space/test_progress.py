"""The progress line: rate and time left, silent unless enabled."""

from __future__ import annotations

import io

from explorer.progress import ProgressLine


def test_progress_line_shows_count_rate_and_time_left():
    stream = io.StringIO()
    progress = ProgressLine(1000, stream=stream, enabled=True, interval=0)
    progress.update(250)
    progress.update(750)
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n")
    assert " 25% 250/1,000 scenarios" in text and "100% 1,000/1,000 scenarios" in text
    assert "/s" in text and "left" in text


def test_progress_line_is_silent_when_not_a_terminal():
    stream = io.StringIO()  # not a TTY
    progress = ProgressLine(10, stream=stream)
    progress.update(10)
    progress.close()
    assert stream.getvalue() == "" and progress.done == 10
