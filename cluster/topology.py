"""What `./dev serve` runs: N app processes on loopback ports and nginx in front, as a list of ManagedProcess.

The list is started in order and stopped in reverse: a loopback redis-server first (class sessions, shared by
every app process through EXPLORER_REDIS_URL in `app_env`), then the app processes, then nginx in front.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .nginx import check_config, find_nginx, nginx_argv, write_config
from .processes import ManagedProcess
from .redis import find_redis, redis_argv

REPO_ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
APP_LAUNCHER = "ui/serve.py"  # `streamlit run ui/app.py` with TCP_NODELAY and a frozen heap


@dataclass
class ServeConfig:
    replicas: int = 2
    host: str = LOOPBACK
    port: int = 8501
    runtime: Path = REPO_ROOT / ".run" / "serve"
    health_interval_s: float = 1.0
    nginx: str | None = None  # the binary; None: find it
    python: str = sys.executable
    app_args: tuple[str, ...] = ()  # more `streamlit run` options for every app process
    restart_apps: bool = True  # start an app process again when it exits
    app_ports: list[int] = field(default_factory=list)  # chosen by `plan`
    redis: str | None = None  # the redis-server binary; None: find it
    redis_port: int = 0  # chosen by `managed_processes`

    @property
    def public_url(self) -> str:
        host = LOOPBACK if self.host in ("0.0.0.0", "") else self.host
        return f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"


def free_loopback_ports(count: int) -> list[int]:
    """`count` distinct free TCP ports on 127.0.0.1 (held open together, so they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind((LOOPBACK, 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def app_env(config: ServeConfig) -> dict[str, str]:
    """Environment every app process gets on top of the supervisor's (shared services' URLs go here)."""
    return {
        "EXPLORER_STATS_DIR": str(config.runtime),  # where `kill -USR1 <pid>` writes its cache figures
        "EXPLORER_REDIS_URL": f"redis://{LOOPBACK}:{config.redis_port}/0",  # class sessions (ui/class_session.py)
    }


def redis_process(config: ServeConfig) -> ManagedProcess:
    argv = redis_argv(find_redis(config.redis), config.redis_port)
    return ManagedProcess(name="redis", argv=argv, log_path=config.runtime / "redis.log", cwd=config.runtime)


def app_process(config: ServeConfig, index: int, port: int) -> ManagedProcess:
    argv = [
        config.python, APP_LAUNCHER, "--server.address", LOOPBACK, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        *config.app_args,
    ]  # fmt: skip
    return ManagedProcess(
        name=f"app-{index}", argv=argv, log_path=config.runtime / f"app-{index}.log", env=app_env(config),
        health_url=f"http://{LOOPBACK}:{port}/_stcore/health", cwd=REPO_ROOT, restart=config.restart_apps,
    )  # fmt: skip


def nginx_process(config: ServeConfig) -> ManagedProcess:
    nginx = find_nginx(config.nginx)
    listen = f"[{config.host}]:{config.port}" if ":" in config.host else f"{config.host}:{config.port}"
    conf = write_config(config.runtime, listen, config.app_ports, fail_timeout_s=config.health_interval_s)
    check_config(nginx, config.runtime, conf)
    return ManagedProcess(
        name="nginx", argv=nginx_argv(nginx, config.runtime, conf), log_path=config.runtime / "nginx.log",
        health_url=f"{config.public_url}/_stcore/health", cwd=config.runtime,
    )  # fmt: skip


def managed_processes(config: ServeConfig) -> list[ManagedProcess]:
    """Everything `./dev serve` runs, in start order: redis-server, the app processes, then nginx in front."""
    config.runtime.mkdir(parents=True, exist_ok=True)
    if not config.app_ports:
        *config.app_ports, config.redis_port = free_loopback_ports(config.replicas + 1)
    elif not config.redis_port:
        config.redis_port = next(p for p in free_loopback_ports(config.replicas + 2) if p not in config.app_ports)
    redis = redis_process(config)
    apps = [app_process(config, i + 1, port) for i, port in enumerate(config.app_ports)]
    return [redis, *apps, nginx_process(config)]
