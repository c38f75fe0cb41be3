"""Class-session benchmark: one tutor and 50, 100, 200 students over Streamlit's real websocket protocol.

For each number of app processes (1: sessions in process memory; 2: sessions in Redis, students spread over the
processes as a sticky proxy would) and each class size, it runs:

1. all the students open the join link, pass the disclaimer and show step 1;
2. the tutor clicks Next: time until 95% of the students show step 2;
3. the tutor clicks Ask the class: time until 95% show the question;
4. every student answers: time from the last answer until the tutor's tally counts every answer;
5. the tutor clicks Reveal: time until 95% show the right answer;
6. at rest: the app processes' CPU per student per second.

"update CPU ms" is the app CPU per student that one tutor action (Next) costs; "rest CPU ms/s" is the app CPU per
student per second while nothing changes.

Students' pages poll the session's version every second through their fragment timer, as the browser does.

Usage (from the repository root)::

    .venv/bin/python benchmarks/class_session.py [--students 50,100,200] [--replicas 1,2] [--rest 5] [--through-proxy]

With --through-proxy every page goes through nginx as `./dev serve --replicas N` runs it (redis-server included,
also for one process; each page has its own routing cookie); without it, pages connect to the app processes
directly. Loopback only; every wait is bounded. Needs redis-server for --replicas 2 or more.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from live_client import LiveClient  # noqa: E402

from explorer import Scenario  # noqa: E402
from explorer.share import to_query  # noqa: E402
from tests.browser.server import HOST, AppServer  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

REDIS_ENV = "EXPLORER_REDIS_URL"
SCENARIO = Scenario(behaviour="malignant", resectable="no", symptoms=("pain",))
ACK = "I understand"
TARGET_S = 2.0
WAIT_S = 60.0
CONNECT_BATCH = 25  # students opening their page at once


@dataclass
class Figures:
    replicas: int
    students: int
    join_s: float = 0.0
    follow_s: dict[str, float] = field(default_factory=dict)  # action -> p95 seconds to reach the students
    tally_s: float = 0.0
    errors: list[str] = field(default_factory=list)
    cpu_ms_per_student_s: float = 0.0  # app CPU ms per student per second at rest
    update_cpu_ms: float = 0.0  # app CPU ms per student to bring one tutor action (Next) to every page
    ask_cpu_ms: float = 0.0  # the same for Ask the class (the page then draws the answer buttons)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def reach(students: list[LiveClient], pattern: str, since: float, figures: Figures, action: str) -> None:
    """Wait until each student shows `pattern`; record the 95th percentile delay after `since`."""
    results = await asyncio.gather(*(s.wait_text(pattern, since, WAIT_S) for s in students), return_exceptions=True)
    delays = [r - since for r in results if isinstance(r, float)]
    figures.errors += [f"{action}: {r}" for r in results if isinstance(r, BaseException)]
    figures.follow_s[action] = p95(delays)


async def open_student(url: str, code: str) -> LiveClient:
    student = LiveClient(url, query=urlencode({"join": code, "seat": secrets.token_urlsafe(12)}),
                         cookie=f"explorer_route=student-{secrets.token_hex(8)}")
    await student.open()
    await student.click(ACK)
    await student.wait_text(r"^Step 1 of \d+", 0.0, WAIT_S)
    return student


async def class_run(urls: list[str], pids: list[int], count: int, rest: float) -> Figures:
    """One class on these servers (students spread over `urls`); `pids` are the app processes to measure."""
    figures = Figures(replicas=len(pids), students=count)
    tutor = LiveClient(urls[0], query=urlencode(to_query(SCENARIO)), page_name="step_through",
                       cookie=f"explorer_route=tutor-{secrets.token_hex(8)}")
    students: list[LiveClient] = []
    try:
        await tutor.open()
        await tutor.click(ACK)
        await tutor.click("Start a class session")
        code_at = await tutor.wait_text(r'aria-label="Join code', 0.0, WAIT_S)
        code = next(t for at, t in tutor.shown if at == code_at).split("</p>")[0].rsplit(">", 1)[1]
        started = time.perf_counter()
        for first in range(0, count, CONNECT_BATCH):
            batch = [open_student(urls[i % len(urls)], code) for i in range(first, min(first + CONNECT_BATCH, count))]
            for result in await asyncio.gather(*batch, return_exceptions=True):
                if isinstance(result, LiveClient):
                    students.append(result)
                else:
                    figures.errors.append(f"join: {result!r}")
        figures.join_s = time.perf_counter() - started
        await tutor.wait_text(rf"^\*\*{len(students)} joined\*\*", started, WAIT_S)

        before = sum(cpu_seconds(pid) for pid in pids)
        await reach(students, r"^Step 2 of ", await tutor.click("Next"), figures, "Next")
        figures.update_cpu_ms = (sum(cpu_seconds(pid) for pid in pids) - before) * 1000 / max(1, len(students))
        before = sum(cpu_seconds(pid) for pid in pids)
        await reach(students, r"^Question: ", await tutor.click("Ask the class"), figures, "Ask the class")
        figures.ask_cpu_ms = (sum(cpu_seconds(pid) for pid in pids) - before) * 1000 / max(1, len(students))
        labels = await students[0].button_labels("-answer:", WAIT_S)  # the choices (keys answer:<choice>)
        answers = await asyncio.gather(*(s.click(labels[i % len(labels)]) for i, s in enumerate(students)),
                                       return_exceptions=True)
        figures.errors += [f"answer: {a!r}" for a in answers if isinstance(a, BaseException)]
        last = max(a for a in answers if isinstance(a, float))
        done = await tutor.wait_text(rf"^\*\*{len(students)} joined · {len(students)} answered\*\*", last, WAIT_S)
        figures.tally_s = done - last
        await reach(students, r"Right answer: ", await tutor.click("Reveal"), figures, "Reveal")

        before = [cpu_seconds(pid) for pid in pids]
        await asyncio.sleep(rest)
        used = sum(cpu_seconds(pid) for pid in pids) - sum(before)
        figures.cpu_ms_per_student_s = used * 1000 / rest / max(1, len(students))
        figures.errors += [e for s in (tutor, *students) for e in s.errors]
    finally:
        await asyncio.gather(*(s.close() for s in (tutor, *students)), return_exceptions=True)
    return figures


async def run_through_proxy(replicas: int, sizes: list[int], rest: float) -> None:
    """nginx, redis-server and the app processes as `./dev serve` starts them; every page connects to nginx."""
    from ui_latency import start_cluster

    with tempfile.TemporaryDirectory(prefix="class_session-serve-") as runtime:
        cluster, _ = await asyncio.to_thread(start_cluster, replicas, Path(runtime))
        try:
            url = cluster.config.public_url.replace("http://", "ws://") + "/_stcore/stream"
            for count in sizes:
                print_row(await class_run([url], [a.pid for a in cluster.apps], count, rest), flush=True)
        finally:
            await asyncio.to_thread(cluster.stop)


async def run_setup(replicas: int, sizes: list[int], rest: float) -> list[Figures]:
    results = []
    with ExitStack() as stack:
        if replicas > 1:
            redis = RedisServer()
            stack.callback(redis.stop)
            os.environ[REDIS_ENV] = redis.url
        else:
            os.environ.pop(REDIS_ENV, None)
        servers = []
        for _ in range(replicas):
            log = stack.enter_context(tempfile.NamedTemporaryFile(prefix="class_session-", suffix=".log"))
            server = AppServer(log)
            stack.callback(server.stop)
            servers.append(server)
        for server in servers:
            server.wait_healthy()
        urls = [f"ws://{HOST}:{s.port}/_stcore/stream" for s in servers]
        for count in sizes:
            results.append(await class_run(urls, [s.proc.pid for s in servers], count, rest))
            print_row(results[-1], flush=True)
    return results


HEADER = (f"{'replicas':>8} {'students':>8} {'join s':>7} {'Next p95':>9} {'Ask p95':>8} {'tally':>6} "
          f"{'Reveal p95':>10} {'update CPU ms':>13} {'ask CPU ms':>10} {'rest CPU ms/s':>13} {'errors':>6}  verdict")


def print_row(f: Figures, flush: bool = False) -> None:
    worst = max([*f.follow_s.values(), f.tally_s])
    verdict = "ok" if worst <= TARGET_S and not f.errors else "MISSED"
    print(f"{f.replicas:>8} {f.students:>8} {f.join_s:>7.1f} {f.follow_s.get('Next', 0):>9.2f} "
          f"{f.follow_s.get('Ask the class', 0):>8.2f} {f.tally_s:>6.2f} {f.follow_s.get('Reveal', 0):>10.2f} "
          f"{f.update_cpu_ms:>13.1f} {f.ask_cpu_ms:>10.1f} {f.cpu_ms_per_student_s:>13.2f} {len(f.errors):>6}  {verdict}", flush=flush)
    for error in f.errors[:5]:
        print(f"    error: {error}")


async def run(args: argparse.Namespace) -> None:
    sizes = [int(n) for n in args.students.split(",")]
    print(HEADER)
    print("-" * len(HEADER))
    for replicas in (int(n) for n in args.replicas.split(",")):
        if args.through_proxy:
            await run_through_proxy(replicas, sizes, args.rest)
        else:
            await run_setup(replicas, sizes, args.rest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", default="50,100,200", help="class sizes, comma-separated")
    parser.add_argument("--replicas", default="1,2", help="app process counts, comma-separated (2+ use Redis)")
    parser.add_argument("--rest", type=float, default=5.0, help="seconds of rest for the CPU figure")
    parser.add_argument("--timeout", type=float, default=1200.0, help="overall limit in seconds")
    parser.add_argument("--through-proxy", action="store_true",
                        help="through nginx, as ./dev serve runs it (apt-get install nginx redis-server)")
    args = parser.parse_args()
    try:
        asyncio.run(asyncio.wait_for(run(args), args.timeout))
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"benchmark failed: {error!r}", file=sys.stderr)
        return 1
    print(f"\ntargets: Next/Ask/Reveal reach 95% of the students and the tally is complete within {TARGET_S:.0f} s; "
          "zero errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
