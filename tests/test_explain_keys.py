"""The explainer's memo keys hold everything an answer depends on: scenarios one input apart, explained one after
the other by one explainer, each get the answer a fresh explainer gives them."""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import ValidationError

from explorer import default_explorer
from explorer.explain import Explainer
from explorer.scenario import ATTRIBUTES, SYMPTOMS, Scenario
from explorer.space.sampling import random_scenarios


def _one_input_apart(scenario: Scenario) -> Iterator[tuple[str, Scenario]]:
    """Every valid scenario that differs from `scenario` in exactly one input (one field, or one symptom)."""
    data = scenario.model_dump()
    for name, spec in ATTRIBUTES.items():
        if spec.kind == "set":
            changes: list[Any] = [tuple(s for s in SYMPTOMS if (s in data[name]) != (s == toggled)) for toggled in SYMPTOMS]
        else:
            changes = [v for v in (*spec.values, None) if v != data[name]]
        for value in changes:
            try:
                yield name, Scenario.model_validate({**data, name: value})
            except ValidationError:
                continue  # a value this scenario's other inputs exclude


def _answers(explainer: Explainer, scenarios: list[Scenario]) -> list[str]:
    engine = default_explorer().engine
    return [explainer.explain(s, engine.run(s)).model_dump_json() for s in scenarios]


def test_one_input_apart_never_shares_a_stale_answer() -> None:
    """A key missing an input would hand a later scenario an earlier one's answer: explained in the opposite order,
    the two explainers would then disagree. The first few also match a fresh explainer."""
    pack = default_explorer().pack
    forward, backward = Explainer(pack), Explainer(pack)
    for base in random_scenarios(4, seed=8):
        variants = [base] + [v for _, v in _one_input_apart(base)]
        got = _answers(forward, variants)
        assert got == _answers(backward, variants[::-1])[::-1]
        assert got[:3] == [_answers(Explainer(pack), [v])[0] for v in variants[:3]]


def test_why_not_depends_on_inputs_only_the_facts_below_it_read() -> None:
    """The why-not of a category is memoised on its candidate rules' inputs and on the inputs of the rules that
    could establish the facts they need. Two scenarios differing only in such a deeper input show different
    why-nots, and a warm explainer keeps them apart."""
    explainer = Explainer(default_explorer().pack)
    engine = default_explorer().engine
    why_not = explainer.why_not
    own = {cat: {a for r in rules for a in why_not.attrs[r.id]} for cat, rules in why_not.candidates.items()}
    found = []
    for base in random_scenarios(12, seed=3):
        first = explainer.explain(base, engine.run(base))
        for name, variant in _one_input_apart(base):
            second = explainer.explain(variant, engine.run(variant))
            for before in first.not_discussed:
                after = next((n for n in second.not_discussed if n.category == before.category), None)
                if after is not None and name not in own[before.category] and after != before \
                        and (before.category, name) not in found:
                    fresh = Explainer(default_explorer().pack).explain(variant, engine.run(variant))
                    assert second.model_dump_json() == fresh.model_dump_json()
                    found.append((before.category, name))
    assert found, "no pair one deeper input apart: the test would check nothing"
