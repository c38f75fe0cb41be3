"""A bounded, thread-safe, process-wide cache of computations over one scenario.

Many sessions (a lecture hall) usually look at the same few scenarios, so each explorer keeps one cache per
computation (evaluate, what-if sensitivity, ...), keyed by the canonical scenario: `Scenario` is frozen and
validated (symptoms sorted, duplicates folded), so equal scenarios hash equal. Built on `functools.lru_cache`,
which is thread-safe and bounded. The lru cache hands every caller the same object, so cached values must be
immutable: frozen pydantic models whose containers are tuples or read-only mappings (see `explorer.result`).

Use it for a new computation with the decorator::

    @cached_by_scenario(maxsize=512)
    def smallest_changes(explorer: Explorer, scenario: Scenario) -> tuple[Change, ...]: ...

The first argument must be an `Explorer`: each explorer (one rule pack) has its own caches.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Generic, Mapping, TypeVar

from .scenario import Scenario, parse_scenario

if TYPE_CHECKING:
    from .api import Explorer

T = TypeVar("T")
DEFAULT_MAXSIZE = 1024


@dataclass(frozen=True)
class CacheStats:
    """Hits, misses and size of one cache (from `functools.lru_cache.cache_info`)."""

    hits: int
    misses: int
    size: int
    maxsize: int

    @property
    def hit_rate(self) -> float:
        calls = self.hits + self.misses
        return self.hits / calls if calls else 0.0

    def __add__(self, other: "CacheStats") -> "CacheStats":
        return CacheStats(self.hits + other.hits, self.misses + other.misses, self.size + other.size,
                          self.maxsize + other.maxsize)


class ScenarioCache(Generic[T]):
    """`compute(scenario)`, memoised on the canonical scenario; bounded (least recently used goes first)."""

    def __init__(self, compute: Callable[[Scenario], T], maxsize: int = DEFAULT_MAXSIZE) -> None:
        self._cached = functools.lru_cache(maxsize=maxsize)(compute)

    def __call__(self, scenario: Scenario | Mapping[str, Any]) -> T:
        return self._cached(parse_scenario(scenario))

    def stats(self) -> CacheStats:
        info = self._cached.cache_info()
        return CacheStats(info.hits, info.misses, info.currsize, info.maxsize or 0)

    def clear(self) -> None:
        self._cached.cache_clear()


class CacheRegistry:
    """One explorer's caches by name, created on first use (thread-safe)."""

    def __init__(self) -> None:
        self._caches: dict[str, ScenarioCache[Any]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, compute: Callable[[Scenario], T], maxsize: int = DEFAULT_MAXSIZE) -> ScenarioCache[T]:
        with self._lock:
            cache = self._caches.get(name)
            if cache is None:
                cache = self._caches[name] = ScenarioCache(compute, maxsize)
            return cache

    def stats(self) -> dict[str, CacheStats]:
        """Every cache's figures, by name."""
        with self._lock:
            return {name: cache.stats() for name, cache in self._caches.items()}

    def clear(self) -> None:
        with self._lock:
            for cache in self._caches.values():
                cache.clear()


def cached_by_scenario(maxsize: int = DEFAULT_MAXSIZE) -> Callable[[Callable[["Explorer", Scenario], T]],
                                                                 Callable[["Explorer", Any], T]]:
    """Memoise `func(explorer, scenario)` per explorer, keyed by the canonical scenario; `func.uncached` skips it.

    `func` must return an immutable value (every caller shares it).
    """

    def decorate(func: Callable[["Explorer", Scenario], T]) -> Callable[["Explorer", Any], T]:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def cached(explorer: "Explorer", scenario: Scenario | Mapping[str, Any]) -> T:
            cache = explorer.caches.get(name, functools.partial(func, explorer), maxsize)
            return cache(scenario)

        cached.uncached = func  # type: ignore[attr-defined]
        return cached

    return decorate
