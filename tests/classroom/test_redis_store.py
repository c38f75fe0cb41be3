"""What only the Redis store has: every key expires, and a stopped Redis is reported, then recovered from."""

from __future__ import annotations

import pytest

from explorer import Explorer
from explorer.classroom import Classroom, StoreUnavailable, new_student_id
from tests.redis_server import RedisServer

from .conftest import SCENARIO

redis_store = pytest.importorskip("explorer.classroom.redis_store")


def test_every_key_has_an_expiry(redis_server: RedisServer, mini: Explorer) -> None:
    store = redis_store.RedisStore(redis_server.url)
    store.client.flushdb()
    classroom = Classroom(store, mini.evaluate)
    tutor = classroom.start(SCENARIO)
    seat = new_student_id()
    classroom.join(tutor.code, seat)
    classroom.ask(tutor.code, tutor.key, "next_option@1")
    classroom.answer(tutor.code, seat, "surgery")
    classroom.reveal(tutor.code, tutor.key)
    classroom.start(SCENARIO)
    keys = store.client.keys("*")
    assert len(keys) >= 5  # two sessions, seats, answers and the live index
    assert all(0 < store.client.pttl(k) <= 4 * 3600 * 1000 for k in keys), {k: store.client.pttl(k) for k in keys}
    store.client.flushdb()


def test_a_stopped_redis_is_reported_and_sessions_work_again_once_it_is_back(mini: Explorer) -> None:
    server = RedisServer()  # its own server: this test stops it
    try:
        classroom = Classroom(redis_store.RedisStore(server.url), mini.evaluate)
        classroom.start(SCENARIO)
        server.stop()
        with pytest.raises(StoreUnavailable, match="class sessions are unavailable.*solo use keeps working"):
            classroom.start(SCENARIO)
        with pytest.raises(StoreUnavailable):
            classroom.version("ABCDEF")
        server.start()  # same port, empty (nothing is persisted)
        tutor = classroom.start(SCENARIO)
        assert classroom.record(tutor.code).step == 1
    finally:
        server.stop()
