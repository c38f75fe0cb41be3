"""The explainer's memo tables stay bounded, and emptying them never changes an answer."""

from __future__ import annotations

from explorer import Explorer, default_explorer
from explorer import memo
from explorer.explain import Explainer
from explorer.space.sampling import random_scenarios


def test_tiny_memo_tables_give_the_same_results_and_stay_bounded(monkeypatch):
    explorer: Explorer = default_explorer()
    scenarios = list(random_scenarios(150, seed=31))
    traces = [explorer.engine.run(s) for s in scenarios]
    expected = [Explainer(explorer.pack).explain(s, t).model_dump(mode="json") for s, t in zip(scenarios, traces)]

    monkeypatch.setattr(memo, "CACHE_LIMIT", 4)
    bounded = Explainer(explorer.pack)
    for _ in range(2):  # the second pass meets entries evicted in the first
        got = [bounded.explain(s, t).model_dump(mode="json") for s, t in zip(scenarios, traces)]
        assert got == expected
    parts = (bounded, bounded.outcomes, bounded.why_not)  # the explainer, its condition outcomes, its why-not
    tables = [value for part in parts for value in vars(part).values() if isinstance(value, memo.Memo)]
    assert len(tables) >= 8
    assert all(len(table) <= 4 for table in tables)
