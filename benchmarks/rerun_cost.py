"""What one rerun of the Explore page costs the server: CPU time, messages and bytes sent, and (opt-in) a profile.

One app process (``ui/serve.py``, as ``./dev app`` runs it), one session over Streamlit's websocket protocol. The
session passes the gate, then switches Behaviour ``--changes`` times, one change at a time. Printed: the app
process's CPU time per rerun (user + system, from /proc; independent of how busy the machine is), the wall time,
and the messages, elements and bytes each rerun sends. With ``--profile DIR`` the process runs under cProfile
(ui/profiling.py; slower) and the top functions of the script thread and of the event loop are printed::

    .venv/bin/python benchmarks/rerun_cost.py [--changes 40] [--profile .run/profile]

Only 127.0.0.1 is used; every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from tests.browser.server import HOST, AppServer  # noqa: E402
from tests.streamlit_client import Session, change, choice_widgets, pick_widget  # noqa: E402

WARM_UP = 5  # changes before measuring: both values evaluated and cached, code paths warm
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, thread: int | None = None) -> tuple[float, float]:
    """User and system CPU time of a process (all its threads), or of one of its threads, from /proc."""
    stat = Path(f"/proc/{pid}/task/{thread}/stat" if thread else f"/proc/{pid}/stat")
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLOCK_TICKS, int(fields[12]) / CLOCK_TICKS


def message_kind(msg: object) -> str:
    kind = msg.WhichOneof("type")  # type: ignore[attr-defined]
    if kind == "delta":
        return f"delta:{msg.delta.WhichOneof('type')}"  # type: ignore[attr-defined]
    return kind


async def measure(server: AppServer, args: argparse.Namespace) -> dict:
    session = await Session.open(f"ws://{HOST}:{server.port}/_stcore/stream")
    try:
        widget = pick_widget(choice_widgets(await session.first_results()), args.widget)
        other = args.to if args.to in widget.options and args.to != widget.current else None
        values = (widget.current, other or next(o for o in widget.options if o != widget.current))
        for index in range(WARM_UP):
            await session.rerun((change(widget, values[(index + 1) % 2]),), widget.fragment_id)
        if args.profile:
            server.proc.send_signal(signal.SIGUSR2)  # reset: only the measured reruns are in the profile
            await asyncio.sleep(0.5)
        kinds: Counter[str] = Counter()
        sizes: list[int] = []
        walls: list[float] = []
        cpu_before = cpu_seconds(server.proc.pid)
        loop_before = sum(cpu_seconds(server.proc.pid, server.proc.pid))  # the main thread runs the event loop
        for index in range(args.changes):
            started = time.perf_counter()
            messages = await session.rerun((change(widget, values[(index + 1) % 2]),), widget.fragment_id)
            walls.append((time.perf_counter() - started) * 1000)
            kinds.update(message_kind(m) for m in messages)
            sizes.append(sum(m.ByteSize() for m in messages))
        await asyncio.sleep(0.2)  # the process finishes its bookkeeping for the last rerun
        user, system = (1000 * (a - b) / args.changes for a, b in zip(cpu_seconds(server.proc.pid), cpu_before))
        loop = 1000 * (sum(cpu_seconds(server.proc.pid, server.proc.pid)) - loop_before) / args.changes
        return {"cpu_ms": user + system, "loop_ms": loop, "user_ms": user, "system_ms": system, "walls": walls, "kinds": kinds, "sizes": sizes}
    finally:
        await session.close()


def print_profile(folder: Path, top: int) -> None:
    for name, title in (("script", "script thread (page script, widgets, elements)"),
                        ("loop", "event loop (queued elements, serialising, sending)")):
        path = folder / f"{name}.prof"
        if not path.exists():
            print(f"\nno {path}")
            continue
        stats = pstats.Stats(str(path))
        print(f"\n=== {title}: {stats.total_tt * 1000:.0f} ms profiled in total ===")  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=40, help="measured changes (after a warm-up of 5)")
    parser.add_argument("--widget", default="behaviour", help="label (substring) of the widget to change")
    parser.add_argument("--to", default="malignant", help="option to switch the widget to (and back)")
    parser.add_argument("--profile", type=Path, help="folder for script.prof and loop.prof (runs under cProfile)")
    parser.add_argument("--top", type=int, default=25, help="functions to print per profile")
    parser.add_argument("--timeout", type=float, default=300.0, help="overall limit in seconds")
    args = parser.parse_args()
    if args.changes < 1:
        parser.error("--changes: at least 1")
    if args.profile:
        try:
            args.profile.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            parser.error(f"--profile {args.profile}: cannot make that folder ({error.strerror})")
        os.environ["EXPLORER_PROFILE_DIR"] = str(args.profile.resolve())
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores", flush=True)
    with tempfile.NamedTemporaryFile(prefix="rerun_cost-", suffix=".log") as log:
        server = AppServer(log)
        try:
            server.wait_healthy()
            figures = asyncio.run(asyncio.wait_for(measure(server, args), args.timeout))
            if args.profile:
                server.proc.send_signal(signal.SIGUSR2)
                time.sleep(1.0)
        except (RuntimeError, TimeoutError, OSError) as error:
            print(f"benchmark failed: {error}\n{server.log_tail()}", file=sys.stderr)
            return 1
        finally:
            server.stop()
    walls = figures["walls"]
    per_rerun = {kind: count / args.changes for kind, count in sorted(figures["kinds"].items())}
    print(f"reruns measured: {args.changes}{' (under cProfile: slower)' if args.profile else ''}")
    print(f"CPU per rerun (app process): {figures['cpu_ms']:.1f} ms "
          f"(user {figures['user_ms']:.1f} ms, system {figures['system_ms']:.1f} ms; "
          f"event loop thread {figures['loop_ms']:.1f} ms, script threads and others the rest)")
    print(f"wall per rerun: median {statistics.median(walls):.1f} ms, max {max(walls):.1f} ms")
    print(f"bytes sent per rerun: {statistics.median(figures['sizes']):.0f}")
    print("messages per rerun: " + ", ".join(f"{kind} {count:g}" for kind, count in per_rerun.items()))
    if args.profile:
        print_profile(args.profile, args.top)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
