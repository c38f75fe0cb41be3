"""nginx's routing (deploy/nginx.conf.template + cluster/nginx.py), with real processes: a first visit goes to
the process with the fewest open tabs, and its cookie then names that process."""

from __future__ import annotations

import asyncio

from cluster.serve import Cluster
from tests.streamlit_client import Session, first_visit_cookie

from .conftest import upstream_of


def served_port(url: str, cookie: str) -> int:
    return int(upstream_of(url, cookie).rsplit(":", 1)[1])


def test_first_visits_are_spread_evenly_and_each_cookie_sticks_to_its_process(two_replicas: Cluster) -> None:
    url = two_replicas.config.public_url
    ports = [two_replicas.port_of(app) for app in two_replicas.apps]
    stream = url.replace("http://", "ws://") + "/_stcore/stream"

    async def arrive(students: int) -> list[str]:
        cookies, tabs = [], []
        try:
            for _ in range(students):  # one after another, each tab staying open (one websocket each)
                cookie = await asyncio.to_thread(first_visit_cookie, url)
                cookies.append(cookie)
                tabs.append(await Session.open(stream, cookie=cookie))
            assert [served_port(url, c) == int(t.upstream.rsplit(":", 1)[1]) for c, t in zip(cookies, tabs)] \
                == [True] * students  # the websocket went where the cookie says
        finally:
            await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)
        return cookies

    cookies = asyncio.run(arrive(6))
    assert sorted(cookies) == ["explorer_route=r1"] * 3 + ["explorer_route=r2"] * 3
    for name, port in (("r1", ports[0]), ("r2", ports[1])):
        assert {served_port(url, f"explorer_route={name}") for _ in range(5)} == {port}
    # a cookie naming no process (an older configuration's) is hashed: it stays on one process
    assert len({served_port(url, "explorer_route=older-value") for _ in range(5)}) == 1
