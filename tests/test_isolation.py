"""Concurrency and state hygiene of the shared engine."""

from __future__ import annotations

import threading

import pytest

from explorer.space.sampling import random_scenarios


def test_eight_threads_match_a_serial_run(explorer):
    scenarios = list(random_scenarios(2000, seed=5))
    serial = [explorer.evaluate(s).model_dump(mode="json") for s in scenarios]
    results: dict[int, list] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker(k: int) -> None:
        try:
            start.wait()
            order = scenarios[k * 250:] + scenarios[: k * 250]  # each thread a different mix and order
            got = [explorer.evaluate(s).model_dump(mode="json") for s in order]
            results[k] = got[-k * 250:] + got[: -k * 250] if k else got
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for k in range(8):
        assert results[k] == serial, f"thread {k} differs from the serial run"


def test_ten_thousand_evaluations_leave_no_live_state(explorer):
    engine = explorer.engine
    first = next(engine._sids)
    for scenario in random_scenarios(10_000, seed=9):
        engine.run(scenario)
    last = next(engine._sids)
    assert last - first > 10_000 > 1024  # more than the native pool could hold if states leaked
    assert engine.live_states == 0
    for sid in (first + 1, (first + last) // 2, last - 1):
        with pytest.raises(Exception, match="309"):  # durable-rules: no such state
            engine._host.get_state(engine.ruleset_name, str(sid))


def _evaluate_unmatched_scenario_in_a_second_engine(loop: str) -> None:
    from explorer import Explorer, Scenario, default_explorer
    from explorer.engine import Engine
    from tests.conftest import MINI_RULES

    default_explorer()  # the first ruleset in this process
    mini = Explorer.load(MINI_RULES)
    engine = Engine(mini.pack.rules, loop=loop)
    for _ in range(200):
        assert engine.run(Scenario()) == ()  # no rule of the mini pack matches the empty scenario
    assert [f.rule for f in engine.run(Scenario(behaviour="benign"))] == ["watch-benign"]
    assert engine.live_states == 0


@pytest.mark.parametrize("loop", ["native", "host"])
def test_a_scenario_no_rule_matches_in_a_second_engine_does_not_crash(loop):
    """durable-rules crashed the process (SIGSEGV / free(): invalid pointer) here: run it in a child process."""
    import subprocess
    import sys

    from .conftest import REPO

    code = f"from tests.test_isolation import _evaluate_unmatched_scenario_in_a_second_engine as f; f({loop!r})"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
