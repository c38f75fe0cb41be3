"""Engine properties over generated scenarios, and agreement with the reference evaluator."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from explorer.categories import CATEGORIES, CORE_CATEGORIES
from explorer.disclaimer import DISCLAIMER
from explorer.engine import Engine
from explorer.naive_evaluator import run_reference
from explorer.space.sampling import random_scenarios
from explorer.scenario import parse_scenario
from explorer.sources import normalise

from .strategies import scenario_dicts

SETTINGS = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=scenario_dicts())
def test_engine_and_reference_agree_and_results_are_well_formed(explorer, data):
    scenario = parse_scenario(data)
    engine = explorer.engine.run(scenario)
    reference = run_reference(explorer.pack.rules, scenario)
    assert engine == reference  # same fired rules, same order, same newly established facts
    result = explorer.evaluate(scenario)
    # The explanation shows what the engine did, checked against the pack itself rather than a second explanation
    # built by the same code: the trace is the engine's firing order, and the options are exactly the categories
    # that the fired rules' `then` clauses name, each carrying the rules that named it.
    rules = explorer.pack.rule_index
    assert [s.rule for s in result.trace] == [f.rule for f in engine]
    named: dict[str, set[str]] = {}
    for firing in engine:
        for opt in rules[firing.rule].spec.then.options:
            named.setdefault(opt.category, set()).add(firing.rule)
    assert {o.category: set(o.rules) for o in result.options} == named
    assert result.disclaimer == DISCLAIMER
    fired = [s.rule for s in result.trace]
    assert len(fired) == len(set(fired)), "a rule fired twice"
    for option in result.options:
        assert option.category in CATEGORIES and option.rules and option.statements
        assert set(option.rules) <= set(option.chain) <= set(fired)
        for sid in option.statements:
            ref = result.statements[sid]
            assert normalise(ref.quote) in explorer.pack.sources[ref.source].normalised
    listed = set(result.categories)
    assert {n.category for n in result.not_discussed} == set(CORE_CATEGORIES) - listed
    for item in result.not_discussed:
        assert item.candidates and all(c.failed for c in item.candidates)


def test_results_are_deterministic(explorer):
    for scenario in random_scenarios(300, seed=11):
        first = explorer.evaluate(scenario).model_dump(mode="json")
        assert explorer.evaluate(scenario).model_dump(mode="json") == first


def test_both_durable_drivers_agree_with_the_reference(explorer):
    host_loop = Engine(explorer.pack.rules, loop="host")
    for scenario in random_scenarios(5000, seed=3):
        expected = run_reference(explorer.pack.rules, scenario)
        assert explorer.engine.run(scenario) == expected
        assert host_loop.run(scenario) == expected


def test_an_or_condition_matching_twice_fires_its_rule_once(explorer):
    result = explorer.evaluate({"symptoms": ["pain", "radicular_pain"]})
    fired = [s.rule for s in result.trace]
    assert fired.count("pain-medication-for-pain") == 1


def test_an_error_inside_an_action_is_surfaced(explorer):
    """durable-rules' stock loop swallows an action's exception into the session state; both drivers raise it
    (the native one names the rule, the stock one the fact), leave no live state and keep working."""
    import pytest

    from explorer.engine import EngineError

    native = Engine(explorer.pack.rules)  # the native driver fires in Python: make one firing assert a fact no rule reads
    native._fires["symptoms-present"] = (("unconsumed",), (("unconsumed", '{"derived_unconsumed": true, "sid": "', 1),), None, None)

    class BrokenHost(Engine):  # the stock loop runs the bound action: make it assert a fact no rule reads
        def _action(self, rule):
            action = super()._action(rule)
            return (lambda c: c.assert_fact({"kind": "unconsumed"})) if rule.id == "symptoms-present" else action

    host = BrokenHost(explorer.pack.rules, loop="host")
    for engine, named in ((native, "rule 'symptoms-present'"), (host, "unconsumed")):
        with pytest.raises(EngineError, match=named):
            engine.run(parse_scenario({"symptoms": ["pain"]}))
        assert engine.live_states == 0
        assert engine.run(parse_scenario({})) == run_reference(explorer.pack.rules, parse_scenario({}))


def test_rules_with_identical_conditions_share_one_native_entry_and_still_fire_in_pack_order(explorer):
    """The native driver registers one durable-rules entry per distinct condition set (fewer patterns for
    durable-rules to allocate per evaluation) and fires each rule of a shared entry at its own priority."""
    rules = explorer.pack.rules
    native, host = Engine(rules), Engine(rules, loop="host")
    assert len(host.definition) == len(rules) + 1  # one entry per rule, and EVERY_SCENARIO
    assert len(native.definition) < len(host.definition)
    shared = {name: ids for name, ids in native._stands_for.items() if len(ids) > 1}
    assert shared, "the pack has rules with identical conditions"
    # A symptomatic cancer that can be removed entirely fires several rules of shared entries, each at its own
    # place in the order the reference evaluator fires them.
    scenario = parse_scenario({"behaviour": "malignant", "removal": "entire", "symptoms": ["pain"]})
    trace = native.run(scenario)
    assert trace == run_reference(rules, scenario) == host.run(scenario)
    fired = {f.rule for f in trace}
    assert sum(1 for ids in shared.values() for _, rid in ids if rid in fired) >= 4


def test_the_scenario_fact_says_what_the_scenario_says_and_the_engine_reads_only_its_patterns_properties(explorer):
    from explorer.conditions import fact_properties, scenario_fact
    from explorer.operators import any_key
    from explorer.scenario import ATTRIBUTES, SYMPTOMS

    engine = explorer.engine
    for scenario in random_scenarios(300, seed=5):
        fact = scenario_fact(scenario, engine._groups)
        assert fact["kind"] == "scenario" and fact["symptom_count"] == len(scenario.symptoms)
        assert all(fact[f"sym_{s}"] == (s in scenario.symptoms) for s in SYMPTOMS)
        assert all(fact[any_key(g)] == any(s in scenario.symptoms for s in g) for g in engine._groups)
        for name, spec in ATTRIBUTES.items():
            value = getattr(scenario, name)
            if spec.nullable:
                assert (fact[f"{name}_known"], fact[name]) == (value is not None, -1 if value is None else value)
            elif spec.kind != "set":
                assert fact[name] == value
        written = json.loads(engine._write(scenario, "7"))  # the JSON text the engine asserts
        assert written.pop("sid") == "7" and written == {name: fact[name] for name in written}
    read = set(json.loads(engine._write(parse_scenario({}), "1"))) - {"sid"}
    assert "kind" in read and "behaviour" in read and "notes" not in read and read < set(fact_properties(engine._groups))
