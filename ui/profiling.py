"""Opt-in profiles of an app process (benchmarks/rerun_cost.py): what Python runs per rerun, on which thread.

With EXPLORER_PROFILE_DIR set, ui/serve.py installs two cProfile profilers: one for the script threads (each
run of the page script: widgets, the page's own code, building and queueing each element) and one for the
server's event loop (handling the queued elements, serialising and sending them). `kill -USR2 <pid>` writes
script.prof and loop.prof there (pstats format) and starts both afresh. Off by default: profiling slows the
process down several times.
"""

from __future__ import annotations

import cProfile
import functools
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Callable

SCRIPT = cProfile.Profile()
LOOP = cProfile.Profile()
_LOCK = threading.Lock()  # one script run profiled at a time (a profiler serves one thread at once)


def profiled_script(run_script: Callable[..., None]) -> Callable[..., None]:
    """`ScriptRunner._run_script`, with the script profiler on for the run (runs of other sessions wait)."""

    @functools.wraps(run_script)
    def run_script_profiled(self: Any, *args: Any, **kwargs: Any) -> None:
        with _LOCK:
            SCRIPT.enable()
            try:
                run_script(self, *args, **kwargs)
            finally:
                SCRIPT.disable()

    return run_script_profiled


def profiled_loop(on_server_start: Callable[..., None]) -> Callable[..., None]:
    """`bootstrap._on_server_start` (called on the event loop's thread), then the loop profiler on.

    Not marked as a wrapper (no functools.wraps), so ui/serve.py's heap-freeze hook still wraps it."""

    def start_then_profile(*args: Any, **kwargs: Any) -> None:
        on_server_start(*args, **kwargs)
        LOOP.enable()

    return start_then_profile


def install() -> bool:
    """Install both profilers and the SIGUSR2 dump, if EXPLORER_PROFILE_DIR is set (call before other hooks)."""
    folder = os.environ.get("EXPLORER_PROFILE_DIR")
    if not folder:
        return False
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.web import bootstrap

    ScriptRunner._run_script = profiled_script(ScriptRunner._run_script)  # type: ignore[method-assign]
    bootstrap._on_server_start = profiled_loop(bootstrap._on_server_start)

    def dump(signum: int, frame: object) -> None:  # runs on the main thread: the event loop's, in Streamlit 1.67
        LOOP.disable()
        with _LOCK:
            for name, profile in (("script", SCRIPT), ("loop", LOOP)):
                profile.dump_stats(str(Path(folder) / f"{name}.prof"))
                profile.clear()
        LOOP.enable()

    signal.signal(signal.SIGUSR2, dump)
    print(f"serve: profiling into {folder} (kill -USR2 {os.getpid()} writes it)", file=sys.stderr)
    return True
