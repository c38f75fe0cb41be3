"""UI latency benchmark: Streamlit cold start and widget-change-to-rerun latency, direct or through nginx.

Drives Streamlit's own websocket protocol (``/_stcore/stream``, BackMsg/ForwardMsg protobufs) the way the
browser does (tests/streamlit_client.py), so the figures are the server's work plus the transport.

Direct (the default): one app process started as ``./dev app`` starts it (ui/serve.py), with
``--runner.postScriptGC true`` and ``false``: cold start, then 1 and ``--concurrent`` sessions each switching
Behaviour ``--changes`` times::

    .venv/bin/python benchmarks/ui_latency.py [--changes 20] [--concurrent 10]

Through the proxy: ``./dev serve``'s topology (nginx in front of ``--replicas`` app processes, cookie-sticky),
bursts of 1, 10, 50, 100 and 200 sessions. Each session opens as a browser does (the page first, whose response
sets the route cookie naming the process nginx chose, then the websocket with that cookie), passes the gate, then
all of them change the widget at the same moment, ``--rounds`` times. Printed per burst: median and p95 latency,
errors (dropped connections, timeouts, exception boxes), the hit rate of the shared evaluation cache (all caches,
from the app processes via SIGUSR1), resident memory added per open session, the app processes' CPU time per
change, this benchmark's own (the client reading every session's messages, on the same cores), and how nginx split
the sessions between the processes::

    .venv/bin/python benchmarks/ui_latency.py --through-proxy [--replicas 1,2] [--bursts 1,10,50,100,200]

Only 127.0.0.1 is used; every wait is bounded (``--timeout`` for the whole run). Needs nginx for
``--through-proxy`` (``apt-get install nginx``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from cluster.serve import Cluster  # noqa: E402
from cluster.topology import ServeConfig, free_loopback_ports  # noqa: E402
from tests.browser.server import HOST, AppServer  # noqa: E402  (same start command as the browser tests)
from tests.streamlit_client import (  # noqa: E402
    ChoiceWidget, Session, change, choice_widgets, first_visit_cookie, pick_widget)

TARGETS_MS = {"cold_start": 3000.0, "single": 50.0, "concurrent": 150.0}
BURST_TARGETS_MS = {100: (300.0, 800.0)}  # sessions -> (median, p95) goal through the proxy
OPEN_CONCURRENCY = 20  # sessions opening at once (a class arrives over a few seconds, not in one packet)


@dataclass
class RunSummary:
    """Figures for one direct server configuration."""

    gc: bool
    health_ms: float = 0.0
    cold_start_ms: float = 0.0
    widget: str = ""
    latencies_ms: dict[int, list[float]] = field(default_factory=dict)


@dataclass
class BurstFigures:
    replicas: int
    sessions: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    hits: int = 0
    misses: int = 0
    memory_per_session_kb: float = 0.0
    cpu_ms_per_change: float = 0.0  # app processes' CPU time over the changes, per change (independent of load)
    client_ms_per_change: float = 0.0  # this process's CPU time over the changes (the client; it shares the cores)
    split: tuple[int, ...] = ()  # the burst's sessions per app process (nginx's cookie hash decides)
    first_error: str = ""


def alternative(widget: ChoiceWidget, wanted: str) -> str:
    """The option to switch to: `wanted` if offered, else the first one that is not the current value."""
    if wanted in widget.options and wanted != widget.current:
        return wanted
    return next(option for option in widget.options if option != widget.current)


async def change_loop(
    url: str, widget: ChoiceWidget, values: tuple[str, str], args: argparse.Namespace, start: asyncio.Barrier
) -> list[float]:
    """Open a session, reach the results, wait for the others, then switch the widget `args.changes` times."""
    session = await Session.open(url)
    try:
        await session.first_results(args.acknowledge)
        await start.wait()
        latencies = []
        for index in range(args.changes):
            started = time.perf_counter()
            await session.rerun((change(widget, values[(index + 1) % 2]),), widget.fragment_id)
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies
    finally:
        await session.close()


async def measure(gc: bool, args: argparse.Namespace, deadline: float) -> RunSummary:
    summary = RunSummary(gc=gc)
    gc_flag = ("--runner.postScriptGC", "true" if gc else "false")
    with tempfile.NamedTemporaryFile(prefix="ui_latency-", suffix=".log") as log:
        server = AppServer(log, extra=gc_flag)
        try:
            summary.health_ms = server.wait_healthy(deadline - time.perf_counter()) * 1000
            stream_url = f"ws://{HOST}:{server.port}/_stcore/stream"
            first = await Session.open(stream_url)
            messages = await first.first_results(args.acknowledge)
            summary.cold_start_ms = (time.perf_counter() - server.started) * 1000
            await first.close()
            widget = pick_widget(choice_widgets(messages), args.widget)
            values = (widget.current, alternative(widget, args.to))
            summary.widget = f"{widget.label!r}: {values[0]!r} <-> {values[1]!r}"
            for sessions in (1, args.concurrent):
                start = asyncio.Barrier(sessions)
                runs = [change_loop(stream_url, widget, values, args, start) for _ in range(sessions)]
                results = await asyncio.gather(*runs)
                summary.latencies_ms[sessions] = [value for result in results for value in result]
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n--- streamlit log ---\n{server.log_tail()}") from error
        finally:
            server.stop()
    return summary


# ---- through the proxy -------------------------------------------------------------------------------------


def app_figures(cluster: Cluster) -> list[dict]:
    """Ask every app process for its figures (SIGUSR1 -> stats-<pid>.json; see ui/serve.py)."""
    figures = []
    for app in cluster.apps:
        target = cluster.config.runtime / f"stats-{app.pid}.json"
        target.unlink(missing_ok=True)
        app.signal(signal.SIGUSR1)
        deadline = time.monotonic() + 5
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        figures.append(json.loads(target.read_text()) if target.exists() else {})
    return figures


@dataclass
class Totals:
    """Summed over the app processes: cache hits and misses (all caches), resident kB, CPU seconds."""

    hits: int
    misses: int
    rss_kb: int
    cpu_s: float
    sessions: tuple[int, ...]  # active sessions, per app process


def totals(cluster: Cluster) -> Totals:
    figures = app_figures(cluster)
    return Totals(
        hits=sum(c["hits"] for f in figures for c in f.get("caches", {}).values()),
        misses=sum(c["misses"] for f in figures for c in f.get("caches", {}).values()),
        rss_kb=sum(f.get("rss_kb") or 0 for f in figures), cpu_s=sum(f.get("cpu_s") or 0.0 for f in figures),
        sessions=tuple(f.get("active_sessions") or 0 for f in figures),
    )


async def open_student(page: str, stream: str, args: argparse.Namespace, gate: asyncio.Semaphore) -> Session:
    """As a browser: the page first (nginx picks the process and sets the route cookie), then the websocket."""
    async with gate:
        cookie = await asyncio.to_thread(first_visit_cookie, page)
        session = await Session.open(stream, cookie=cookie or None)
        await session.first_results(args.acknowledge)
        return session


async def one_burst(cluster: Cluster, replicas: int, sessions: int, args: argparse.Namespace) -> BurstFigures:
    figures = BurstFigures(replicas, sessions)
    page = cluster.config.public_url
    url = page.replace("http://", "ws://", 1) + "/_stcore/stream"
    before = await asyncio.to_thread(totals, cluster)
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)
    opened = await asyncio.gather(*(open_student(page, url, args, gate) for _ in range(sessions)),
                                  return_exceptions=True)
    students = [s for s in opened if isinstance(s, Session)]
    figures.errors += len(opened) - len(students)
    figures.first_error = next((repr(s) for s in opened if not isinstance(s, Session)), "")
    opened_at = await asyncio.to_thread(totals, cluster)
    figures.memory_per_session_kb = (opened_at.rss_kb - before.rss_kb) / max(1, len(students))
    figures.split = tuple(now - then for now, then in zip(opened_at.sessions, before.sessions))
    probe = await Session.open(url, cookie="explorer_route=probe")
    widget = pick_widget(choice_widgets(await probe.first_results(args.acknowledge)), args.widget)
    await probe.close()
    values = (widget.current, alternative(widget, args.to))
    rounds = args.changes if sessions == 1 else args.rounds
    client_before = time.process_time()
    for index in range(rounds):
        state = change(widget, values[(index + 1) % 2])

        async def timed(session: Session) -> float:
            started = time.perf_counter()
            await session.rerun((state,), widget.fragment_id)
            return (time.perf_counter() - started) * 1000

        results = await asyncio.gather(*(timed(s) for s in students), return_exceptions=True)
        for result in results:
            if isinstance(result, float):
                figures.latencies_ms.append(result)
            else:
                figures.errors += 1
                figures.first_error = figures.first_error or repr(result)
    client_cpu_s = time.process_time() - client_before
    after = await asyncio.to_thread(totals, cluster)
    figures.client_ms_per_change = 1000 * client_cpu_s / max(1, len(figures.latencies_ms))
    figures.hits, figures.misses = after.hits - opened_at.hits, after.misses - opened_at.misses
    figures.cpu_ms_per_change = 1000 * (after.cpu_s - opened_at.cpu_s) / max(1, len(figures.latencies_ms))
    await asyncio.gather(*(s.close() for s in students), return_exceptions=True)
    return figures


def start_cluster(replicas: int, runtime: Path) -> tuple[Cluster, threading.Thread]:
    config = ServeConfig(replicas=replicas, port=free_loopback_ports(1)[0], runtime=runtime,
                         nginx=os.environ.get("NGINX") or None)
    cluster = Cluster(config, log=lambda line: print(f"         {line}", flush=True))  # restarts, down/up
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    loop = threading.Thread(target=cluster.run_until_stopped, daemon=True)
    loop.start()
    return cluster, loop


async def run_proxy(args: argparse.Namespace) -> list[BurstFigures]:
    table = []
    for replicas in args.replicas:
        runtime = REPO_ROOT / ".run" / f"ui_latency-{replicas}"  # kept: the processes' logs
        shutil.rmtree(runtime, ignore_errors=True)
        cluster, loop = await asyncio.to_thread(start_cluster, replicas, runtime)
        try:
            for sessions in args.bursts:
                table.append(await one_burst(cluster, replicas, sessions, args))
                print_burst(table[-1], header=len(table) == 1)
        finally:
            await asyncio.to_thread(cluster.stop)
            loop.join(timeout=10)
    return table


def print_burst(figures: BurstFigures, header: bool) -> None:
    if header:
        line = (f"{'replicas':>8}{'sessions':>9}{'changes':>8}{'median ms':>11}{'p95 ms':>9}{'errors':>7}"
                f"{'cache hits':>11}{'kB/session':>11}{'CPU ms/chg':>11}{'client ms':>10}{'split':>8}  goal")
        print(line)
        print("-" * len(line))
    values = figures.latencies_ms or [float("nan")]
    median, high = statistics.median(values), p95(values)
    calls = figures.hits + figures.misses
    rate = f"{100 * figures.hits / calls:.0f}%" if calls else "-"
    goal = ""
    if figures.sessions in BURST_TARGETS_MS:
        want_median, want_p95 = BURST_TARGETS_MS[figures.sessions]
        goal = "ok" if median <= want_median and high <= want_p95 else f"MISSED (<= {want_median:.0f}/{want_p95:.0f})"
    elif figures.sessions == 1:
        goal = verdict(median, TARGETS_MS["single"])
    elif figures.sessions >= 200:
        goal = "ok" if figures.errors == 0 else "MISSED (0 errors)"
    print(f"{figures.replicas:>8}{figures.sessions:>9}{len(figures.latencies_ms):>8}{median:>11.0f}{high:>9.0f}"
          f"{figures.errors:>7}{rate:>11}{figures.memory_per_session_kb:>11.0f}{figures.cpu_ms_per_change:>11.1f}"
          f"{figures.client_ms_per_change:>10.1f}{'/'.join(map(str, figures.split)):>8}  {goal}", flush=True)
    if figures.first_error:
        print(f"         first error: {figures.first_error[:200]}", flush=True)


# ---- printing ----------------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def print_table(summaries: list[RunSummary]) -> None:
    print(f"\nwidget changed: {summaries[0].widget}")
    header = f"{'postScriptGC':<13}{'measure':<26}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'target':>9}  verdict"
    print(header)
    print("-" * len(header))
    for summary in summaries:
        gc = str(summary.gc).lower()
        print(f"{gc:<13}{'health endpoint up':<26}{1:>5}{summary.health_ms:>11.0f}{'':>9}{'':>9}")
        target = TARGETS_MS["cold_start"]
        cold = summary.cold_start_ms
        print(f"{gc:<13}{'cold start -> 1st result':<26}{1:>5}{cold:>11.0f}{'':>9}"
              f"{target:>9.0f}  {verdict(cold, target)}")  # fmt: skip
        for sessions, values in summary.latencies_ms.items():
            target = TARGETS_MS["single" if sessions == 1 else "concurrent"]
            median = statistics.median(values)
            label = f"change -> rerun, {sessions} sess."
            print(f"{gc:<13}{label:<26}{len(values):>5}{median:>11.1f}{p95(values):>9.1f}"
                  f"{target:>9.0f}  {verdict(median, target)}")  # fmt: skip


async def run_direct(args: argparse.Namespace) -> list[RunSummary]:
    deadline = time.perf_counter() + args.timeout
    summaries = []
    for gc in (True, False):
        remaining = deadline - time.perf_counter()
        summaries.append(await asyncio.wait_for(measure(gc, args, deadline), remaining))
    return summaries


def int_list(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated whole numbers, got {text!r}") from None
    if not values or any(not 1 <= v <= 300 for v in values):
        raise argparse.ArgumentTypeError(f"expected numbers from 1 to 300, got {text!r}")
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=20, help="widget changes per session (direct; 1-session burst)")
    parser.add_argument("--concurrent", type=int, default=10, help="sessions in the concurrent run (direct)")
    parser.add_argument("--through-proxy", action="store_true", help="nginx in front of --replicas app processes")
    parser.add_argument("--replicas", type=int_list, default=[1, 2], help="app process counts to try (proxy)")
    parser.add_argument("--bursts", type=int_list, default=[1, 10, 50, 100, 200], help="sessions per burst (proxy)")
    parser.add_argument("--rounds", type=int, default=5, help="simultaneous changes per burst (proxy)")
    parser.add_argument("--widget", default="behaviour", help="label (substring) of the widget to change")
    parser.add_argument("--to", default="malignant", help="option to switch the widget to (and back)")
    parser.add_argument("--acknowledge", default="I understand",
                        help="label of the first-visit button to click before the results show")
    parser.add_argument("--timeout", type=float, default=900.0, help="overall limit in seconds")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores", flush=True)
    try:
        if args.through_proxy:
            asyncio.run(asyncio.wait_for(run_proxy(args), args.timeout))
        else:
            print_table(asyncio.run(run_direct(args)))
    except (RuntimeError, TimeoutError, OSError, websockets.WebSocketException) as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
