"""redis-server for `./dev serve`: class sessions shared by every app process (loopback only, nothing on disk)."""

from __future__ import annotations

import shutil
from pathlib import Path

REDIS_CANDIDATES = ("/usr/bin/redis-server", "/usr/local/bin/redis-server")
INSTALL_HINT = ("redis-server is not installed: on Debian/Ubuntu run `sudo apt-get install redis-server` "
                "(or set REDIS_SERVER=/path/to/redis-server)")


class RedisMissing(RuntimeError):
    pass


def find_redis(explicit: str | None = None) -> str:
    """The redis-server binary: `explicit` (e.g. $REDIS_SERVER), else on PATH, else Debian's /usr/bin/redis-server."""
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise RedisMissing(f"REDIS_SERVER={explicit} does not exist; {INSTALL_HINT}")
    found = shutil.which("redis-server") or next((c for c in REDIS_CANDIDATES if Path(c).is_file()), None)
    if found is None:
        raise RedisMissing(INSTALL_HINT)
    return found


def redis_argv(binary: str, port: int) -> list[str]:
    """Bound to 127.0.0.1, no snapshots, no append-only file: every key the app writes expires anyway."""
    return [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
            "--protected-mode", "yes", "--loglevel", "warning"]
