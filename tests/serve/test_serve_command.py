"""`./dev serve` (python -m cluster): start, route, restart a crashed process, and stop everything on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cluster.nginx import check_config, upstream_block, write_config
from cluster.topology import REPO_ROOT, free_loopback_ports

from .conftest import pid_alive, upstream_of

START_LIMIT_S = 90.0
STOP_LIMIT_S = 20.0
EXIT_LIMIT_S = 5.0  # after `./dev serve` has exited, for the kernel to finish reaping its last children


def serve_command(port: int, runtime: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cluster", "--port", str(port), "--runtime-dir", str(runtime), *extra]


def wait_for(check, limit_s: float, what: str):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} within {limit_s:.0f} s")


def status(runtime: Path) -> dict | None:
    try:
        return json.loads((runtime / "cluster.json").read_text())
    except (OSError, ValueError):
        return None


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def test_upstream_marks_failing_processes_down() -> None:
    block = upstream_block([4001, 4002], {4002}, fail_timeout_s=1.5)
    assert "hash $explorer_route consistent;" in block
    assert "server 127.0.0.1:4001 max_fails=1 fail_timeout=2s;" in block
    assert "server 127.0.0.1:4002 max_fails=1 fail_timeout=2s down;" in block
    assert "least_conn;" in block  # first visits: the process with the fewest open tabs
    r2 = block[block.index("upstream explorer_r2 {"):]
    assert r2.index("127.0.0.1:4002 max_fails=1 fail_timeout=2s down;") < r2.index("127.0.0.1:4001 max_fails=1 "
                                                                                  "fail_timeout=2s backup;")


def test_rendered_config_passes_nginx_check(nginx: str, tmp_path: Path) -> None:
    conf = write_config(tmp_path, "127.0.0.1:18080", [4001, 4002], fail_timeout_s=1)
    text = conf.read_text()
    assert "${" not in text and str(tmp_path) in text and "/var/" not in text
    check_config(nginx, tmp_path, conf)  # raises with nginx's message if refused


def test_the_compose_config_passes_nginx_check_and_routes_as_serve_does(nginx: str, tmp_path: Path) -> None:
    text = (REPO_ROOT / "deploy" / "nginx-container.conf").read_text()
    for name in ("explorer_new", "explorer_r1", "explorer_r2", "explorer_app", "$explorer_served_by"):
        assert name in text and name in write_config(tmp_path, "127.0.0.1:18080", [4001, 4002], 1).read_text() \
            + (tmp_path / "upstream.conf").read_text()
    loopback = text.replace("app-1:8501", "127.0.0.1:4001").replace("app-2:8501", "127.0.0.1:4002")
    conf = tmp_path / "container.conf"
    conf.write_text(loopback)
    check_config(nginx, tmp_path, conf)  # its container names resolve only in compose; the rest must be valid


def test_missing_nginx_says_how_to_install_it(tmp_path: Path) -> None:
    env = {**os.environ, "NGINX": str(tmp_path / "no-nginx-here")}
    done = subprocess.run(serve_command(free_loopback_ports(1)[0], tmp_path / "run"), cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "apt-get install nginx" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "run" / "cluster.json").exists()  # nothing was started


@pytest.mark.parametrize("bad", [["--replicas", "0"], ["--port", "70000"], ["--health-interval", "0"]])
def test_bad_options_get_one_line(bad: list[str], tmp_path: Path) -> None:
    done = subprocess.run(serve_command(18080, tmp_path, *bad), cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert bad[0] in done.stderr.strip().splitlines()[-1]


def test_serve_restarts_a_crashed_process_and_ctrl_c_stops_everything(nginx: str, tmp_path: Path) -> None:
    runtime, port = tmp_path / "run", free_loopback_ports(1)[0]
    proc = subprocess.Popen(serve_command(port, runtime, "--replicas", "2", "--health-interval", "0.5"),
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env={**os.environ, "NGINX": nginx})  # fmt: skip
    try:
        first = wait_for(lambda: status(runtime) or proc.poll(), START_LIMIT_S, "serve should write cluster.json")
        assert isinstance(first, dict), proc.communicate()[0]
        url = first["url"]
        with urllib.request.urlopen(url + "/", timeout=10) as response:
            assert response.status == 200
            assert "explorer_route=" in response.headers.get("Set-Cookie", "")
        ports = {a["port"] for a in first["apps"]}
        assert {int(upstream_of(url, f"explorer_route=s{i}").rsplit(":", 1)[1]) for i in range(16)} == ports

        crashed = first["apps"][0]
        os.kill(crashed["pid"], signal.SIGKILL)
        restarted = wait_for(lambda: (s := status(runtime)) and s["apps"][0]["restarts"] == 1
                             and not s["apps"][0]["down"] and s, 60, "the crashed process should be back")
        assert restarted["apps"][0]["pid"] != crashed["pid"]

        pids = [a["pid"] for a in restarted["apps"]] + [restarted["nginx"]["pid"]]
        pids += children(restarted["nginx"]["pid"])  # nginx's worker(s)
        assert all(pid_alive(p) for p in pids)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        output, _ = proc.communicate(timeout=STOP_LIMIT_S)
        assert proc.returncode == 0, output
        assert "serve: stopping" in output
        # nginx's workers exit just after their master: wait for that (bounded), then nothing may be left
        gone = wait_for(lambda: not [p for p in pids if pid_alive(p)], EXIT_LIMIT_S, "no process should be left")
        assert gone, [p for p in pids if pid_alive(p)]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
