"""The operator registry: every operator is one record, and a new one works everywhere once registered."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import Explorer, Scenario
from explorer.conditions import ConditionError, parse_attribute, parse_when
from explorer.naive_evaluator import run_reference
from explorer.operators import OPERATORS, Narrowing, Operator, register
from explorer.reachability import Reachability
from explorer.scenario import ATTRIBUTES
from explorer.space.factors import age_bands

from .conftest import edit


def test_every_operator_is_one_complete_record():
    for name, operator in OPERATORS.items():
        assert operator.name == name
        assert operator.kinds <= {"enum", "bool", "int", "set"} and operator.kinds
        assert operator.shape in ("value", "list", "flag")


@pytest.mark.parametrize("attribute, raw, message", [
    ("origin", {"gte": 2}, "operator 'gte' applies only to stage and age"),
    ("origin", {"includes": "pain"}, "operator 'includes' applies only to symptoms"),
    ("symptoms", {"is": "pain"}, "does not apply to 'symptoms'; use includes, excludes, includes_any, empty"),
    ("symptoms", "pain", "'symptoms' is a list; use includes, excludes, includes_any or empty"),
    ("stage", {"in": [None]}, "'stage' takes a whole number 1-4 or null"),
    ("symptoms", {"empty": "yes"}, "'empty' takes true or false"),
    ("origin", {"near": "x"}, "unknown operator 'near' on 'origin'"),
])
def test_misapplied_operators_are_refused_by_what_the_record_allows(attribute, raw, message):
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_attribute(attribute, raw)


@pytest.fixture
def below_operator():
    """A new operator, `below` (a number strictly less than the value), registered in the one place."""
    operator = register(Operator(
        "below", frozenset({"int"}), "value", holds=lambda actual, v: actual is not None and actual < v,
        required=lambda v: f"under {v}",
        durable=lambda spec, v: {"$and": [{f"{spec.name}_known": True}, {"$lt": {spec.name: v}}]},
        narrow=lambda v, domain: Narrowing(keep=((None, frozenset(x for x in domain if x is not None and x < v)),)),
        cuts=lambda v: (v,)))
    yield operator
    del OPERATORS["below"]


def test_a_new_operator_registered_once_parses_evaluates_compiles_explains_and_reaches(below_operator, pack_dir: Path):
    edit(pack_dir / "pack" / "rules.yaml", "when: {overall_health: poor}", "when: {age: {below: 30}}")
    explorer = Explorer.load(pack_dir)
    young, old = Scenario(age=29), Scenario(age=30)
    assert "palliative-poor" in {f.rule for f in explorer.engine.run(young)}  # durable-rules pattern
    assert "palliative-poor" not in {f.rule for f in explorer.engine.run(old)}
    assert "palliative-poor" in {f.rule for f in run_reference(explorer.pack.rules, young)}  # evaluation
    condition = parse_when({"age": {"below": 30}})[0]
    assert condition.required() == "under 30" and condition.describe() == "age under 30"  # why-not wording
    witness = Reachability(explorer.pack.rules).witnesses["palliative-poor"]  # domain narrowing
    assert witness is not None and witness.age is not None and witness.age < 30
    assert any(lo == 30 for lo, _ in age_bands(explorer.pack.rules))  # bands split where it cuts


def test_stage_and_age_are_the_int_attributes_the_number_message_names():
    assert [a.name for a in ATTRIBUTES.values() if a.kind == "int"] == ["stage", "age"]
