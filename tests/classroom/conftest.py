"""Class-session fixtures: the mini rule pack (exact, content-independent traces) and both stores.

Every store test runs twice: against MemoryStore and against RedisStore on a real redis-server started on a free
loopback port. The Redis run is skipped, saying why, only where the redis-server binary is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from explorer import Explorer, Scenario
from explorer.classroom import Classroom, ClassStore, Limits, MemoryStore
from tests.conftest import MINI_RULES
from tests.redis_server import RedisServer, redis_binary

# In the mini pack this fires: removable-tumour (a fact), surgery-removable, radiation-after, chemo-cancer.
SCENARIO = Scenario(resectable="yes", behaviour="malignant")
MakeStore = Callable[..., ClassStore]


@pytest.fixture(scope="session")
def mini() -> Explorer:
    return Explorer.load(MINI_RULES)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server): the Redis store is not tested")
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture(params=["memory", "redis"])
def make_store(request: pytest.FixtureRequest) -> Iterator[MakeStore]:
    """A factory: make_store(ttl_seconds=...) gives an empty store of the parametrised kind."""
    if request.param == "memory":
        yield lambda ttl_seconds=4 * 3600: MemoryStore(ttl_seconds=ttl_seconds)
        return
    from explorer.classroom.redis_store import RedisStore

    server: RedisServer = request.getfixturevalue("redis_server")
    made: list[RedisStore] = []

    def make(ttl_seconds: float = 4 * 3600) -> RedisStore:
        store = RedisStore(server.url, ttl_seconds=ttl_seconds)
        store.client.flushdb()
        made.append(store)
        return store

    yield make
    for store in made:
        store.client.flushdb()
        store.client.close()


@pytest.fixture
def classroom(make_store: MakeStore, mini: Explorer) -> Classroom:
    return Classroom(make_store(), mini.evaluate)


def classroom_with(make_store: MakeStore, mini: Explorer, ttl_seconds: float = 4 * 3600, **limits: int) -> Classroom:
    return Classroom(make_store(ttl_seconds=ttl_seconds), mini.evaluate, Limits(**limits))
