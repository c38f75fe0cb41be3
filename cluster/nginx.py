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


def replica_name(index: int) -> str:
    """The route cookie's value that names the index-th app process (r1, r2, ...)."""
    return f"r{index + 1}"


def upstream_block(ports: list[int], down: set[int], fail_timeout_s: float) -> str:
    """The upstreams and the routing maps, the processes failing their health check marked `down`:

    - `explorer_new` (no route cookie yet: a first visit): the process with the fewest open connections, so that
      a class arriving together is spread evenly (each open tab holds one websocket);
    - `explorer_rN` (the cookie names process N, as the first response set it): that process, the others as
      backups while it is down;
    - `explorer_app` (any other cookie value): a consistent hash of the value, as before names were set.
    """
    seconds = max(1, math.ceil(fail_timeout_s))  # nginx takes whole seconds here

    def server(port: int, extra: str = "") -> str:
        flag = " down" if port in down else ""
        return f"    server 127.0.0.1:{port} max_fails=1 fail_timeout={seconds}s{extra}{flag};"

    lines = ["upstream explorer_app {", "    hash $explorer_route consistent;", *map(server, ports), "}",
             "upstream explorer_new {", "    least_conn;", *map(server, ports), "}"]
    for index, port in enumerate(ports):
        others = [server(p, " backup") for p in ports if p != port]
        lines += [f"upstream explorer_{replica_name(index)} {{", server(port), *others, "}"]
    pools = [f"    {replica_name(i)} explorer_{replica_name(i)};" for i in range(len(ports))]
    lines += ["map $cookie_explorer_route $explorer_pool {", '    "" explorer_new;', *pools,
              "    default explorer_app;", "}"]
    # the process that answered last (after a failover $upstream_addr lists every one tried): the cookie's value
    served = [f'    "~127\\.0\\.0\\.1:{port}$" {replica_name(i)};' for i, port in enumerate(ports)]
    lines += ["map $upstream_addr $explorer_served_by {", *served, '    default "";', "}"]
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
