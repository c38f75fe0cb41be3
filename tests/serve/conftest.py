"""Real processes on loopback: app processes behind nginx, started and stopped by the `./dev serve` supervisor."""

from __future__ import annotations

import os
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster.nginx import NginxMissing, find_nginx
from cluster.serve import Cluster
from cluster.topology import ServeConfig, free_loopback_ports


@pytest.fixture(scope="session")
def nginx() -> str:
    try:
        return find_nginx(os.environ.get("NGINX") or None)
    except NginxMissing as error:
        pytest.skip(str(error))


def start_cluster(config: ServeConfig) -> tuple[Cluster, threading.Thread]:
    """Start every process, then run the health loop in a thread (as `./dev serve` does in its main thread)."""
    cluster = Cluster(config, log=lambda line: print(line, flush=True))
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    loop = threading.Thread(target=cluster.run_until_stopped, name="health-loop", daemon=True)
    loop.start()
    return cluster, loop


@pytest.fixture()
def two_replicas(nginx: str, tmp_path: Path) -> Iterator[Cluster]:
    """nginx + 2 app processes (no automatic restart, so a killed process stays dead for the test)."""
    config = ServeConfig(replicas=2, port=free_loopback_ports(1)[0], runtime=tmp_path / "run",
                         health_interval_s=1.0, nginx=nginx, restart_apps=False)
    cluster, loop = start_cluster(config)
    try:
        yield cluster
    finally:
        cluster.stop()
        loop.join(timeout=10)


def upstream_of(url: str, cookie: str) -> str:
    """Which app process(es) nginx tried for a request with this cookie (X-Explorer-Upstream)."""
    request = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers.get("X-Explorer-Upstream", "")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return "(zombie)" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False

