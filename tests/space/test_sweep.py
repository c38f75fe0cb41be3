"""Running sweeps: reproducible, identical in parallel and in-process, consistent with the Explainer."""

from __future__ import annotations

import multiprocessing
import shutil

import pytest

from explorer import Explorer, ExplorerError, InputError, parse_scenario
from explorer.space.sweep import CategoryMap, run_sweep
from explorer.space.factors import FIELDS, sample_rows

from .conftest import TINY


def outcomes(sweep):
    return [tuple(o) for o in sweep]


def test_same_seed_same_outcomes_different_seed_different(explorer):
    first = run_sweep(sample_rows(300, seed=11), explorer, chunk_size=64)
    again = run_sweep(sample_rows(300, seed=11), explorer, chunk_size=97)
    other = run_sweep(sample_rows(300, seed=12), explorer)
    assert outcomes(first) == outcomes(again)
    assert outcomes(first) != outcomes(other)
    assert [o.scenario for o in first] != [o.scenario for o in other]


def test_worker_processes_give_the_in_process_outcomes_in_order(explorer):
    rows = list(sample_rows(2500, seed=3))
    serial = run_sweep(rows, explorer, workers=1)
    parallel = run_sweep(rows, explorer, workers=2, chunk_size=400)
    assert parallel.workers == 2 and serial.workers == 1
    assert outcomes(parallel) == outcomes(serial)
    assert not multiprocessing.active_children()


def test_categories_from_the_trace_match_the_explainer(explorer):
    sweep = run_sweep(sample_rows(400, seed=5), explorer)
    for outcome in sweep:
        result = explorer.evaluate(outcome.scenario)
        assert outcome.categories == tuple(result.categories)
        assert outcome.rules == tuple(step.rule for step in result.trace)


def test_category_map_unions_the_options_of_the_fired_rules(tiny):
    cmap = CategoryMap(tiny.pack.rules)
    trace = tiny.engine.run(parse_scenario({"behaviour": "malignant", "cord_compression": True}))
    assert [f.rule for f in trace] == ["watch-asymptomatic", "cancer-options", "compression-surgery"]
    assert cmap.categories(trace) == ("observation", "surgery", "radiation", "chemotherapy")


def test_progress_is_reported_per_chunk(tiny):
    seen: list[int] = []
    run_sweep(sample_rows(250, seed=1), tiny, chunk_size=100, progress=seen.append)
    assert seen == [100, 100, 50]


def test_interrupt_in_the_parent_loop_terminates_the_workers(explorer):
    calls = []

    def interrupt(k: int) -> None:
        calls.append(k)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(sample_rows(6000, seed=2), explorer, workers=2, chunk_size=500, progress=interrupt)
    assert calls == [500]
    assert not multiprocessing.active_children()


def test_a_worker_that_cannot_load_the_rules_fails_with_a_clear_error(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(TINY, copy)
    explorer = Explorer.load(copy)
    shutil.rmtree(copy)  # the workers reload the pack from its directory: now gone
    with pytest.raises(ExplorerError, match="sweep worker could not load the rules"):
        run_sweep(sample_rows(50, seed=1), explorer, workers=2, chunk_size=10)
    assert not multiprocessing.active_children()


def test_a_threaded_caller_gets_spawned_workers_with_the_same_outcomes(explorer, monkeypatch):
    rows = list(sample_rows(1200, seed=8))
    monkeypatch.setattr("explorer.space.sweep.threading.active_count", lambda: 3)  # forking a threaded process is unsafe
    spawned = run_sweep(rows, explorer, workers=2, chunk_size=300)
    assert outcomes(spawned) == outcomes(run_sweep(rows, explorer))
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_invalid_row_is_a_clear_input_error(explorer, workers):
    rows = list(sample_rows(20, seed=1))
    bad = list(rows[5])
    bad[FIELDS.index("behaviour")], bad[FIELDS.index("stage")] = "benign", 2
    rows[5] = tuple(bad)
    with pytest.raises(InputError, match="stage.*requires behaviour: malignant"):
        run_sweep(rows, explorer, workers=workers, chunk_size=5)
