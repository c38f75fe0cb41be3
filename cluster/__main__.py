"""`./dev serve --replicas N [--port P] [--host H]`: N app processes behind nginx; Ctrl-C stops everything."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .nginx import NginxMissing
from .redis import RedisMissing
from .serve import serve
from .topology import REPO_ROOT, ServeConfig

MAX_REPLICAS = 16


def parse_args(argv: list[str]) -> ServeConfig:
    parser = argparse.ArgumentParser(prog="./dev serve", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2, help=f"app processes, 1-{MAX_REPLICAS} (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="port nginx listens on (default 8501)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address nginx listens on (default 127.0.0.1; 0.0.0.0 for every interface)")
    parser.add_argument("--health-interval", type=float, default=1.0,
                        help="seconds between health checks of each app process (default 1)")
    parser.add_argument("--runtime-dir", type=Path, default=None,
                        help="folder for nginx's config, temp files and logs (default .run/serve-PORT)")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= MAX_REPLICAS:
        parser.error(f"--replicas: got {args.replicas}; allowed: 1 to {MAX_REPLICAS}")
    if not 1 <= args.port <= 65535:
        parser.error(f"--port: got {args.port}; allowed: 1 to 65535")
    if not 0.2 <= args.health_interval <= 60:
        parser.error(f"--health-interval: got {args.health_interval}; allowed: 0.2 to 60 seconds")
    runtime = (args.runtime_dir or REPO_ROOT / ".run" / f"serve-{args.port}").resolve()
    return ServeConfig(replicas=args.replicas, host=args.host, port=args.port, runtime=runtime,
                       health_interval_s=args.health_interval, nginx=os.environ.get("NGINX") or None,
                       redis=os.environ.get("REDIS_SERVER") or None)


def main(argv: list[str] | None = None) -> int:
    config = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return serve(config, log=lambda line: print(line, flush=True))
    except (NginxMissing, RedisMissing) as error:
        print(f"serve: {error}", file=sys.stderr)
        return 2
    except (RuntimeError, OSError, ValueError) as error:
        print(f"serve: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
