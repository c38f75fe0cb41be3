"""The progress line (tqdm underneath): rate and time left on its stream only, silent unless enabled."""

from __future__ import annotations

import io

import pytest

from explorer.progress import ProgressLine


def test_progress_line_shows_count_rate_and_time_left(capsys):
    stream = io.StringIO()
    progress = ProgressLine(1000, stream=stream, enabled=True, interval=0)
    progress.update(250)
    progress.update(750)
    progress.close()
    text = stream.getvalue()
    assert text.startswith("\r[") and text.endswith("\n") and text.count("\n") == 1  # one line, redrawn in place
    assert "[#####---------------]  25% 250/1,000 scenarios" in text
    assert "[####################] 100% 1,000/1,000 scenarios" in text
    assert "/s  " in text and " elapsed, " in text and " left" in text
    assert capsys.readouterr() == ("", "")  # only the given stream: stdout (and the real stderr) untouched


def test_progress_line_is_silent_when_not_a_terminal():
    stream = io.StringIO()  # not a TTY
    progress = ProgressLine(10, stream=stream)
    progress.update(10)
    progress.close()
    assert stream.getvalue() == "" and progress.done == 10 and not progress.enabled


def test_a_terminal_stream_enables_it_by_default():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = ProgressLine(4, stream=stream, interval=0)
    progress.update(4)
    progress.close()
    assert progress.enabled and "100% 4/4 scenarios" in stream.getvalue()


def test_ctrl_c_mid_run_leaves_a_finished_line():
    """The CLI closes the line in `finally`: after an interrupt the terminal's next line starts clean."""
    stream = io.StringIO()
    progress = ProgressLine(100, stream=stream, enabled=True, interval=0)
    with pytest.raises(KeyboardInterrupt):
        try:
            progress.update(30)
            raise KeyboardInterrupt
        finally:
            progress.close()
    text = stream.getvalue()
    assert "30/100 scenarios" in text and text.endswith("\n") and "100%" not in text
