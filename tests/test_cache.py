"""The shared scenario cache: one computation per distinct scenario, bounded, thread-safe, immutable results."""

from __future__ import annotations

import threading
from types import MappingProxyType
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from explorer import Explorer, Scenario
from explorer.cache import ScenarioCache, cached_by_scenario
from explorer.whatif import sensitivity, vary

from .conftest import MINI_RULES

MALIGNANT_PAIN = {"behaviour": "malignant", "symptoms": ["weakness", "pain", "pain"], "cord_compression": True}


@pytest.fixture()
def fresh() -> Explorer:
    """An explorer of its own, so that hit counts start at zero."""
    return Explorer.load()


def mutable_parts(value: Any, path: str = "result") -> list[str]:
    """Every list, dict or set reachable from a (frozen) result."""
    if isinstance(value, (list, dict, set)):
        return [path]
    if isinstance(value, BaseModel):
        return [p for k in type(value).model_fields for p in mutable_parts(getattr(value, k), f"{path}.{k}")]
    if isinstance(value, MappingProxyType):
        return [p for k, v in value.items() for p in mutable_parts(v, f"{path}[{k!r}]")]
    if isinstance(value, tuple):
        return [p for i, v in enumerate(value) for p in mutable_parts(v, f"{path}[{i}]")]
    return []


def test_equal_scenarios_share_one_evaluation(fresh: Explorer) -> None:
    first = fresh.evaluate(MALIGNANT_PAIN)
    # the same scenario written differently: symptom order and duplicates, a model instead of a mapping
    again = fresh.evaluate(Scenario(behaviour="malignant", symptoms=["pain", "weakness"], cord_compression=True))
    assert again is first
    stats = fresh.caches.stats()["evaluate"]
    assert (stats.hits, stats.misses, stats.size) == (1, 1, 1)
    assert stats.hit_rate == 0.5
    other = fresh.evaluate({"behaviour": "benign"})
    assert other is not first and fresh.caches.stats()["evaluate"].misses == 2


def test_a_mutated_result_leaves_the_cache_unharmed(fresh: Explorer) -> None:
    result = fresh.evaluate(MALIGNANT_PAIN)
    expected = fresh.evaluate_uncached(MALIGNANT_PAIN).model_dump(mode="json")
    assert mutable_parts(result) == []
    attempts = [
        lambda: result.scenario.__setitem__("behaviour", "benign"),
        lambda: result.statements.clear(),  # type: ignore[attr-defined]
        lambda: result.scenario["symptoms"].append("fatigue_weight_loss"),
        lambda: setattr(result, "options", ()),
        lambda: setattr(result.trace[0], "rule", "tampered"),
    ]
    for attempt in attempts:
        with pytest.raises((TypeError, AttributeError, ValidationError)):
            attempt()
    cached = fresh.evaluate(MALIGNANT_PAIN)
    assert cached.model_dump(mode="json") == expected
    assert cached.scenario["behaviour"] == "malignant" and cached.scenario["symptoms"] == ("pain", "weakness")


def test_frozen_results_dump_the_same_json_as_plain_data(fresh: Explorer) -> None:
    dumped = fresh.evaluate(MALIGNANT_PAIN).model_dump()
    assert type(dumped["scenario"]) is dict and dumped["scenario"]["symptoms"] == ["pain", "weakness"]
    assert type(dumped["statements"]) is dict


def test_the_cache_is_bounded_least_recently_used_first() -> None:
    computed: list[str] = []

    def compute(scenario: Scenario) -> str:
        computed.append(scenario.behaviour)
        return scenario.behaviour

    cache = ScenarioCache(compute, maxsize=2)
    for behaviour in ("benign", "malignant", "benign", "unknown", "malignant"):
        assert cache({"behaviour": behaviour}) == behaviour
    # benign stays (used again), unknown pushes out malignant, which is then computed again
    assert computed == ["benign", "malignant", "unknown", "malignant"]
    assert cache.stats().size == 2 and cache.stats().hits == 1


def test_concurrent_callers_get_the_correct_shared_results(fresh: Explorer) -> None:
    scenarios = [{"behaviour": b, "overall_health": h} for b in ("benign", "malignant") for h in ("good", "poor")]
    expected = [fresh.evaluate_uncached(s).model_dump(mode="json") for s in scenarios]
    seen: list[list[Any]] = [[] for _ in scenarios]
    calls_per_thread = 50

    def work() -> None:
        for i in range(calls_per_thread):
            index = i % len(scenarios)
            seen[index].append(fresh.evaluate(scenarios[index]))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for index, results in enumerate(seen):
        assert all(r.model_dump(mode="json") == expected[index] for r in results)
    stats = fresh.caches.stats()["evaluate"]
    assert stats.hits + stats.misses == 6 * calls_per_thread
    assert stats.size == len(scenarios) and stats.hits >= 6 * calls_per_thread - 6 * len(scenarios)


def test_what_if_shares_the_evaluation_cache_and_is_cached_itself(fresh: Explorer) -> None:
    base = Scenario.model_validate(MALIGNANT_PAIN)
    rows = sensitivity(fresh, base)
    assert isinstance(rows, tuple) and mutable_parts(rows) == []
    assert sensitivity(fresh, MALIGNANT_PAIN) is rows
    assert fresh.caches.stats()["explorer.whatif.sensitivity"].hits == 1
    before = fresh.caches.stats()["evaluate"]
    varied, _ = vary(base, "behaviour", "benign")
    fresh.evaluate(varied)  # computed by the what-if table already
    assert fresh.caches.stats()["evaluate"].hits == before.hits + 1
    assert sensitivity.uncached(fresh, base) == rows  # type: ignore[attr-defined]


def test_each_rule_pack_has_its_own_caches(fresh: Explorer) -> None:
    calls: list[str] = []

    @cached_by_scenario(maxsize=8)
    def first_rule(explorer: Explorer, scenario: Scenario) -> str:
        calls.append(explorer.pack.rules[0].id)
        return explorer.pack.rules[0].id

    mini = Explorer.load(MINI_RULES)
    assert first_rule(fresh, {}) == fresh.pack.rules[0].id
    assert first_rule(mini, {}) == mini.pack.rules[0].id != fresh.pack.rules[0].id
    assert first_rule(mini, Scenario()) == mini.pack.rules[0].id
    assert len(calls) == 2


def test_the_result_scenario_is_the_frozen_json_dump_of_the_scenario(fresh: Explorer) -> None:
    from explorer.result import frozen
    from explorer.space.sampling import random_scenarios

    for scenario in random_scenarios(200, 11):
        shown = fresh.evaluate(scenario).scenario
        assert isinstance(shown, MappingProxyType)
        assert dict(shown) == dict(frozen(scenario.model_dump(mode="json")))
