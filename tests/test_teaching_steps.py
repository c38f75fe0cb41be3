"""Teaching steps: the trace regrouped one core option at a time, the adjuncts last, plumbing folded."""

from __future__ import annotations

from explorer import Explorer
from explorer.cases import load_cases
from explorer.categories import category_kind
from explorer.space.sampling import random_scenarios
from explorer.teaching_steps import teaching_steps


def check(explorer: Explorer, scenario) -> None:
    result = explorer.evaluate(scenario)
    steps = teaching_steps(result)
    every = [i for step in steps for i in step.steps]
    assert sorted(every) == list(range(len(result.trace)))  # each firing exactly once
    core = [o.category for o in result.options if o.kind == "core"]
    brought = [c for step in steps for c in step.categories]
    assert sorted(brought) == sorted(result.categories)
    assert [c for c in brought if category_kind(c) == "core"] == sorted(core, key=brought.index)
    assert len(steps) <= len(core) + 2  # one per core option, one for the adjuncts, maybe one for the rest
    shown_so_far: set[str] = set()
    for step in steps:
        shown_so_far |= {result.trace[i].rule for i in step.steps}
        for category in step.categories:
            option = result.option(category)
            assert option is not None and set(option.chain) <= shown_so_far  # its whole chain is shown by now
        for i in step.folded:
            assert not result.trace[i].conclusions and not result.trace[i].counterpoints
        assert all(result.trace[i].conclusions or result.trace[i].counterpoints for i in step.shown)
        assert list(step.steps) == sorted(step.steps)
    if len(steps) > 1:
        assert all(category_kind(c) == "core" for step in steps[:-1] for c in step.categories)


def test_teaching_steps_partition_the_trace(explorer: Explorer) -> None:
    for scenario in [c.scenario for c in load_cases()] + list(random_scenarios(200, seed=12)):
        check(explorer, scenario)


def test_an_empty_trace_has_no_teaching_steps(explorer: Explorer) -> None:
    from explorer.result import Result

    empty = explorer.evaluate({}).model_copy(update={"trace": (), "options": ()})
    assert isinstance(empty, Result) and teaching_steps(empty) == []
