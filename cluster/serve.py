"""Run the topology: start everything, health-check the app processes, keep nginx's upstream current, stop all.

Every `health_interval_s` the supervisor asks each app process for /_stcore/health. A process that has exited
or refuses the check is marked `down` in nginx's upstream at once (rewritten, then nginx reloads: new
connections avoid it from then on) and, if it has exited, started again; once it answers again it is marked up.
A process that is only slow to answer (busy with a lecture hall's reruns) is marked down after SLOW_LIMIT
checks in a row, and never the last one: with every process down nginx could only answer 502. Between two checks nginx's own passive
check (max_fails=1, proxy_next_upstream) already sends a refused connection on to a live process.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from .nginx import write_upstream
from .processes import FAILED, SLOW, ManagedProcess, Supervisor
from .topology import ServeConfig, managed_processes

Log = Callable[[str], None]
SLOW_LIMIT = 5  # health checks in a row that time out before a running process is marked down


def processes_down(probes: dict[int, str], slow: dict[int, int], previous: set[int]) -> set[int]:
    """The ports to mark down, from this round's probes, each port's slow checks in a row, the last round's set.

    Failed (exited or refused): down. Slow: down after SLOW_LIMIT in a row, or if already down (it comes back
    on an OK answer). Never every port for slowness: with all of them down nginx could only answer 502.
    """
    down = {p for p, probe in probes.items()
            if probe == FAILED or (probe == SLOW and (slow.get(p, 0) >= SLOW_LIMIT or p in previous))}
    if down == set(probes):
        down = {p for p, probe in probes.items() if probe == FAILED}
    return down


class Cluster:
    """The managed processes of one `./dev serve`, with the health loop that keeps nginx's upstream current."""

    def __init__(self, config: ServeConfig, log: Log = print) -> None:
        self.config = config
        self.log = log
        self.processes = managed_processes(config)
        self.apps = [p for p in self.processes if p.name.startswith("app-")]
        self.nginx = next(p for p in self.processes if p.name == "nginx")
        self.redis = next(p for p in self.processes if p.name == "redis")
        self.supervisor = Supervisor(self.processes)
        self.down: set[int] = set()
        self.slow: dict[int, int] = {}  # port -> health checks in a row that timed out
        self._checker = ThreadPoolExecutor(max_workers=max(1, len(self.apps)), thread_name_prefix="health")
        self.stop_requested = threading.Event()

    def port_of(self, app: ManagedProcess) -> int:
        return self.config.app_ports[self.apps.index(app)]

    def start(self) -> None:
        self.supervisor.start_all(self.stop_requested.is_set)
        self.write_status()

    def check_once(self) -> None:
        """One round of health checks: restart exited processes, mark failing ones down, recovered ones up."""
        for process in self.supervisor.restart_dead():
            self.log(f"serve: {process.name} exited; started it again (pid {process.pid})")
            if process is self.nginx:
                return
        timeout = max(0.5, min(2.0, self.config.health_interval_s))
        probes = dict(zip(self.config.app_ports, self._checker.map(lambda app: app.probe(timeout), self.apps)))
        for port, probe in probes.items():
            self.slow[port] = self.slow.get(port, 0) + 1 if probe == SLOW else 0
        down = processes_down(probes, self.slow, self.down)
        if down != self.down:
            for app in self.apps:
                port = self.port_of(app)
                if (port in down) != (port in self.down):
                    state = "down: no longer routed to" if port in down else "healthy again: routed to"
                    self.log(f"serve: {app.name} (port {port}) {state} ({probes[port]})")
            self.down = down
            write_upstream(self.config.runtime, self.config.app_ports, down, self.config.health_interval_s)
            self.nginx.signal(signal.SIGHUP)  # reload: workers started from now on use the new upstream
            self.write_status()

    def write_status(self) -> None:
        """runtime/cluster.json: every process's pid and state (for benchmarks, tests, and people)."""
        status = {
            "url": self.config.public_url,
            "health_interval_s": self.config.health_interval_s,
            "apps": [{"name": a.name, "pid": a.pid, "port": self.port_of(a), "down": self.port_of(a) in self.down,
                      "restarts": a.restarts} for a in self.apps],
            "nginx": {"pid": self.nginx.pid},
            "redis": {"pid": self.redis.pid, "port": self.config.redis_port},
            "updated": time.time(),
        }  # fmt: skip
        partial = self.config.runtime / "cluster.json.tmp"
        partial.write_text(json.dumps(status, indent=1))
        partial.replace(self.config.runtime / "cluster.json")

    def run_until_stopped(self) -> None:
        while not self.stop_requested.wait(self.config.health_interval_s):
            self.check_once()

    def stop(self) -> None:
        self.stop_requested.set()
        self._checker.shutdown(wait=True)
        self.supervisor.stop_all()


def serve(config: ServeConfig, log: Log = print) -> int:
    """Start, watch until SIGINT/SIGTERM, stop everything; the exit status."""
    cluster = Cluster(config, log)

    def request_stop(signum: int, frame: object) -> None:
        cluster.stop_requested.set()

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        cluster.start()
        ports = ", ".join(str(p) for p in config.app_ports)
        log(f"serve: {config.replicas} app process(es) on 127.0.0.1 ports {ports}; nginx in front; class sessions "
            f"in redis-server on 127.0.0.1:{config.redis_port}")
        log(f"serve: open {config.public_url}  (Ctrl-C stops everything; logs in {config.runtime})")
        cluster.run_until_stopped()
        return 0
    finally:
        log("serve: stopping")
        cluster.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
