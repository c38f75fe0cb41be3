"""`construct` stores exactly what pydantic's `model_construct` stores, for every model the explainer builds with it."""

from __future__ import annotations

import pytest

from explorer import default_explorer
from explorer.result import CandidateRule, ConditionOutcome, NotDiscussed, Option, Result, Step, construct
from explorer.space.sampling import random_scenarios


def _state(model) -> tuple:
    return (type(model), list(model.__dict__.items()), model.__pydantic_fields_set__, model.__pydantic_extra__,
            model.__pydantic_private__)


def _samples():
    results = [default_explorer().evaluate_uncached(s) for s in random_scenarios(200, seed=5)]
    result = next(r for r in results if r.options and r.not_discussed and r.trace)
    why_not = result.not_discussed[0]
    candidate = why_not.candidates[0]
    unmet = next(o for r in results for n in r.not_discussed for c in n.candidates for o in c.failed if o.unmet)
    return [
        (Result, {name: getattr(result, name) for name in Result.model_fields}, None),
        (Option, dict(result.options[0].__dict__), None),
        (Step, dict(result.trace[0].__dict__), None),
        (CandidateRule, dict(candidate.__dict__), None),
        (ConditionOutcome, dict(unmet.__dict__), None),
        (NotDiscussed, {"category": why_not.category, "label": why_not.label, "candidates": why_not.candidates,
                        "smallest_changes": None}, {"category", "label", "candidates"}),
    ]


@pytest.mark.parametrize("index", range(6))
def test_construct_matches_model_construct(index: int) -> None:
    cls, values, given = _samples()[index]
    expected = cls.model_construct(**{k: v for k, v in values.items() if given is None or k in given})
    got = construct(cls, dict(values), given=None if given is None else set(given))
    assert _state(got) == _state(expected)
    assert got.model_dump_json() == expected.model_dump_json()
    with pytest.raises(Exception, match="frozen"):
        setattr(got, next(iter(values)), None)  # frozen like any validated model
