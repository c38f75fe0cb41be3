"""Managed child processes: start in order, watch, restart the ones that die, stop all (reverse order) at the end.

Each child runs in its own process group (so a terminal's Ctrl-C reaches only the supervisor, which then stops
them in order) and gets SIGTERM from the kernel if the supervisor itself dies (Linux PR_SET_PDEATHSIG), so no
child outlives `./dev serve`.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable

STOP_TIMEOUT_S = 10.0
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass


OK, SLOW, FAILED = "ok", "slow", "failed"


def http_probe(url: str, timeout: float = 1.0) -> str:
    """OK if GET `url` answers 200 within `timeout` seconds; SLOW if it timed out (a busy process); else FAILED."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return OK if response.status == 200 else FAILED
    except TimeoutError:
        return SLOW
    except urllib.error.URLError as error:
        return SLOW if isinstance(error.reason, TimeoutError) else FAILED
    except (ConnectionError, OSError):
        return FAILED


def http_ok(url: str, timeout: float = 1.0) -> bool:
    return http_probe(url, timeout) == OK


@dataclass
class ManagedProcess:
    """One child: its command, environment and how to tell that it is ready (None: running is enough)."""

    name: str
    argv: list[str]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)  # added to the supervisor's environment
    health_url: str | None = None
    restart: bool = True  # start it again if it dies
    cwd: Path | None = None
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    _log: IO[bytes] | None = None

    def start(self) -> None:
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            self.argv, cwd=self.cwd, env={**os.environ, **self.env}, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
        )  # fmt: skip

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def healthy(self, timeout: float = 1.0) -> bool:
        """Running, and (if it has a health URL) answering it."""
        return self.probe(timeout) == OK

    def probe(self, timeout: float = 1.0) -> str:
        """OK, SLOW (running, health check timed out: busy) or FAILED (exited, or refused the check)."""
        if not self.running():
            return FAILED
        return OK if self.health_url is None else http_probe(self.health_url, timeout)

    def wait_healthy(self, timeout: float, cancelled: Callable[[], bool] = lambda: False) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if cancelled():
                raise RuntimeError("start-up interrupted")
            if not self.running():
                raise RuntimeError(f"{self.name} exited during start-up (log: {self.log_path})")
            if self.healthy():
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f} s (log: {self.log_path})")

    def signal(self, signum: int) -> None:
        if self.running():
            try:
                os.killpg(self.proc.pid, signum)  # type: ignore[union-attr]
            except ProcessLookupError:
                pass

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """SIGTERM to its process group; SIGKILL if it has not exited after `timeout` seconds."""
        if self.proc is not None:
            self.signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.proc.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None


class Supervisor:
    """Starts its processes in list order, restarts the ones that die, stops them all in reverse order."""

    def __init__(self, processes: list[ManagedProcess], start_timeout: float = 90.0) -> None:
        self.processes = processes
        self.start_timeout = start_timeout
        self._stopping = False

    def start_all(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        for process in self.processes:
            process.start()
        for process in self.processes:
            process.wait_healthy(self.start_timeout, cancelled)

    def restart_dead(self, on_restart: Callable[[ManagedProcess], None] = lambda p: None) -> list[ManagedProcess]:
        """Start again every process that has exited (and may restart); return them."""
        restarted = []
        for process in self.processes:
            if process.restart and process.proc is not None and not process.running() and not self._stopping:
                process.stop()  # reap it, close its log
                process.start()
                process.restarts += 1
                on_restart(process)
                restarted.append(process)
        return restarted

    def stop_all(self) -> None:
        self._stopping = True
        for process in reversed(self.processes):
            process.stop()
