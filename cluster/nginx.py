"""nginx in front of the app processes: find it, render deploy/nginx.conf.template, rewrite the upstream block."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path
from string import Template

REPO_ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = REPO_ROOT / "deploy" / "nginx.conf.template"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
INSTALL_HINT = "nginx is not installed: on Debian/Ubuntu run `sudo apt-get install nginx` (or set NGINX=/path/to/nginx)"
CONNECT_TIMEOUT_S = 10  # a busy process accepts late; a dead one refuses at once (and is skipped)
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxMissing(RuntimeError):
    pass


def find_nginx(explicit: str | None = None) -> str:
    """The nginx binary: `explicit` (e.g. $NGINX), else on PATH, else Debian's /usr/sbin/nginx."""
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise NginxMissing(f"NGINX={explicit} does not exist; {INSTALL_HINT}")
    found = shutil.which("nginx") or next((c for c in NGINX_CANDIDATES if Path(c).is_file()), None)
    if found is None:
        raise NginxMissing(INSTALL_HINT)
    return found


def upstream_block(ports: list[int], down: set[int], fail_timeout_s: float) -> str:
    """The upstream: every app process, the ones failing their health check marked `down`."""
    seconds = max(1, math.ceil(fail_timeout_s))  # nginx takes whole seconds here
    lines = ["upstream explorer_app {", "    hash $explorer_route consistent;"]
    for port in ports:
        flag = " down" if port in down else ""
        lines.append(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout={seconds}s{flag};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_config(runtime: Path, listen: str, connect_timeout_s: float) -> str:
    text = Template(TEMPLATE.read_text()).safe_substitute(
        RUNTIME=str(runtime), LISTEN=listen, CONNECT_TIMEOUT=f"{connect_timeout_s:g}s")
    if "${" in text:
        raise ValueError(f"{TEMPLATE}: a ${{...}} field is not filled in")
    return text


def write_config(runtime: Path, listen: str, ports: list[int], fail_timeout_s: float) -> Path:
    """Write nginx.conf and upstream.conf under `runtime` (with nginx's temp dirs); return nginx.conf's path."""
    for name in TEMP_DIRS:
        (runtime / "temp" / name).mkdir(parents=True, exist_ok=True)
    write_upstream(runtime, ports, set(), fail_timeout_s)
    conf = runtime / "nginx.conf"
    conf.write_text(render_config(runtime, listen, connect_timeout_s=CONNECT_TIMEOUT_S))
    return conf


def write_upstream(runtime: Path, ports: list[int], down: set[int], fail_timeout_s: float) -> None:
    """Replace upstream.conf atomically (nginx reads it on start and on reload)."""
    target = runtime / "upstream.conf"
    partial = target.with_suffix(".tmp")
    partial.write_text(upstream_block(ports, down, fail_timeout_s))
    partial.replace(target)


def nginx_argv(nginx: str, runtime: Path, conf: Path) -> list[str]:
    """nginx in the foreground, with its own prefix (so no path outside `runtime` is used)."""
    return [nginx, "-p", str(runtime), "-c", str(conf), "-e", str(runtime / "nginx-error.log")]


def check_config(nginx: str, runtime: Path, conf: Path) -> None:
    """`nginx -t`: raise RuntimeError with nginx's own message if the rendered configuration is refused."""
    done = subprocess.run([*nginx_argv(nginx, runtime, conf), "-t", "-q"], capture_output=True, text=True,
                          timeout=30)
    if done.returncode != 0:
        raise RuntimeError(f"nginx refused {conf}: {done.stderr.strip()}")
