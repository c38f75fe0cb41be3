"""Kill one of two app processes in the middle of a burst of sessions behind nginx (real processes, loopback)."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import websockets

from cluster.serve import Cluster
from explorer.share import from_query
from tests.streamlit_client import ACK_LABEL, ChoiceWidget, Session, change, choice_widgets, find_button, pick_widget

from .conftest import upstream_of

SESSIONS = 16
CHANGES = 12
VALUES = ("malignant", "benign")  # both differ from the default, so the URL always names the behaviour
KILL_AFTER = SESSIONS * CHANGES // 3  # changes completed (all sessions together) before the kill
ROUTING_SLACK_S = 1.0  # after one health interval: the check's own timeout plus nginx's reload
RECONNECT_ATTEMPTS = 5
RECONNECT_PAUSE_S = 0.3
RECONNECT_ERRORS = (websockets.ConnectionClosed, websockets.InvalidStatus, OSError, TimeoutError)
TEST_LIMIT_S = 120.0


@dataclass
class Student:
    cookie: str
    session: Session
    upstream: str
    widget: ChoiceWidget | None = None
    confirmed: str = ""  # the last value whose rerun finished
    reconnects: int = 0
    restored: list[tuple[str, str]] = field(default_factory=list)  # (in the URL, shown) at each reconnect
    gate_after_reconnect: bool = False


def behaviour_in(query_string: str) -> str:
    scenario, messages = from_query(dict(parse_qsl(query_string)))
    assert messages == []
    return scenario.behaviour


async def resume(student: Student, url: str) -> None:
    """What the browser does when its websocket drops: reconnect with its URL and previous session id, retrying
    (a bounded number of times, with a pause, as Streamlit's frontend does) while the proxy still answers 502 or
    the new connection drops during its first run."""
    old = student.session
    for attempt in range(RECONNECT_ATTEMPTS):
        try:
            student.session = await Session.open(url, student.cookie, resume=old.session_id,
                                                 query_string=old.query_string)
            messages = await student.session.rerun()
            break
        except RECONNECT_ERRORS:
            if attempt == RECONNECT_ATTEMPTS - 1:
                raise
            await asyncio.sleep(RECONNECT_PAUSE_S)
    student.reconnects += 1
    student.gate_after_reconnect |= find_button(messages, ACK_LABEL) is not None
    student.widget = pick_widget(choice_widgets(messages), "behaviour")
    student.restored.append((behaviour_in(old.query_string), student.widget.current))


async def burst(students: list[Student], url: str, kill: asyncio.Event, done: list[int]) -> None:
    async def run(student: Student) -> None:
        for index in range(CHANGES):
            value = VALUES[index % 2]
            for _attempt in range(3):
                try:
                    assert student.widget is not None
                    await student.session.rerun((change(student.widget, value),), student.widget.fragment_id)
                    break
                except websockets.ConnectionClosed:
                    await resume(student, url)
            else:
                raise AssertionError(f"{student.cookie}: no rerun after three reconnects")
            student.confirmed = value
            assert behaviour_in(student.session.query_string) == value  # the URL follows every change
            done[0] += 1
            if done[0] >= KILL_AFTER:
                kill.set()
            await asyncio.sleep(0.05)  # students click; they do not hammer

    await asyncio.gather(*(run(s) for s in students))


async def watch_routing(cluster: Cluster, dead: str, cookies: list[str], since: list[float],
                        stop: asyncio.Event) -> list[float]:
    """Seconds after the kill at which a request carrying a dead process's cookie was still sent to it."""
    url = cluster.config.public_url
    seen: list[float] = []
    while not stop.is_set():
        for cookie in cookies:
            sent = time.monotonic() - since[0]  # when nginx got the request (a slow reply must not look later)
            tried = await asyncio.to_thread(upstream_of, url, cookie)
            if dead in tried:
                seen.append(sent)
        await asyncio.sleep(0.1)
    return seen


async def scenario(cluster: Cluster) -> tuple[list[Student], str, list[float], float]:
    url = f"ws://127.0.0.1:{cluster.config.port}/_stcore/stream"
    students = []
    for index in range(SESSIONS):
        cookie = f"explorer_route=student-{index}"
        session = await Session.open(url, cookie)
        messages = await session.first_results()
        student = Student(cookie, session, session.upstream)
        student.widget = pick_widget(choice_widgets(messages), "behaviour")
        students.append(student)
    upstreams = {s.upstream for s in students}
    assert len(upstreams) == 2, f"the cookies should spread {SESSIONS} sessions over both processes: {upstreams}"
    dead = students[0].upstream
    victim = next(a for a in cluster.apps if dead.endswith(f":{cluster.port_of(a)}"))

    kill, stop = asyncio.Event(), asyncio.Event()
    killed_at = [0.0]
    dead_cookies = [s.cookie for s in students if s.upstream == dead][:3]
    running = asyncio.create_task(burst(students, url, kill, [0]))
    await kill.wait()
    killed_at[0] = time.monotonic()
    os.kill(victim.pid, signal.SIGKILL)  # type: ignore[arg-type]
    watcher = asyncio.create_task(watch_routing(cluster, dead, dead_cookies, killed_at, stop))
    try:
        await running
    finally:
        stop.set()
    routed_to_dead = await watcher
    settle = cluster.config.health_interval_s + ROUTING_SLACK_S + 0.5 - (time.monotonic() - killed_at[0])
    await asyncio.sleep(max(0.0, settle))
    late = [await asyncio.to_thread(upstream_of, cluster.config.public_url, c) for c in dead_cookies]
    for student in students:
        await student.session.close()
    return students, dead, routed_to_dead, late


def test_killing_one_process_mid_burst(two_replicas: Cluster) -> None:
    # in a thread of its own: Playwright's sync API (other tests here) keeps an event loop in the main thread
    with ThreadPoolExecutor(max_workers=1) as pool:
        run = pool.submit(lambda: asyncio.run(asyncio.wait_for(scenario(two_replicas), TEST_LIMIT_S)))
        students, dead, routed_to_dead, late = run.result()
    on_dead = [s for s in students if s.upstream == dead]
    on_live = [s for s in students if s.upstream != dead]
    assert on_dead and on_live
    # its sessions reconnected to the live process and show the scenario their URL held, without the gate
    for student in on_dead:
        assert student.reconnects >= 1, f"{student.cookie} was on the killed process but never reconnected"
        assert student.session.upstream != dead
        assert not student.gate_after_reconnect
        assert all(in_url == shown and shown in VALUES for in_url, shown in student.restored), student.restored
    # ... and every one of them finished all its changes, ending on the last value it set
    for student in students:
        assert student.confirmed == VALUES[(CHANGES - 1) % 2]
        assert behaviour_in(student.session.query_string) == student.confirmed
    # the other sessions saw no error: not a single dropped connection
    assert [s.reconnects for s in on_live] == [0] * len(on_live)
    # the proxy stopped routing to the dead process within one health interval (plus the check and reload)
    limit = two_replicas.config.health_interval_s + ROUTING_SLACK_S
    assert not [t for t in routed_to_dead if t > limit], f"still routed to {dead} at {routed_to_dead} s"
    assert all(dead not in tried and tried for tried in late), late
    assert two_replicas.down == {int(dead.rsplit(":", 1)[1])}
