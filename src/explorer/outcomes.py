"""A rule's conditions checked against one scenario: the ConditionOutcomes that steps and why-nots show."""

from __future__ import annotations

from typing import Container

from .conditions import AttributeCondition, Condition, FactCondition
from .memo import Memo
from .result import ConditionOutcome
from .rulepack import Rule, RulePack
from .scenario import FIELD_LABELS, Scenario


class ConditionOutcomes:
    """Fact outcomes built once per pack; attribute outcomes memoised on the condition (its number in the pack: a
    condition's own hash is a Python call) and the value it reads."""

    def __init__(self, pack: RulePack, fact_labels: dict[str, str]) -> None:
        self.producers = {fact: tuple(r.id for r in rules) for fact, rules in pack.producers.items()}  # fact -> ids
        producers = self.producers
        self.fact = {
            (fact, est): ConditionOutcome(
                kind="fact", name=fact, label=fact_labels.get(fact, fact), required="established",
                actual="established" if est else "not established", holds=est, producers=producers.get(fact, ()),
            )
            for fact in {f for r in pack.rules for f in r.facts_needed} for est in (True, False)
        }
        number: dict[Condition, int] = {}  # equal conditions share a number
        self.plans = {  # rule id -> its conditions in order, each with its number (None for a fact condition)
            r.id: tuple((None if isinstance(c, FactCondition) else number.setdefault(c, len(number)), c)
                        for c in r.conditions)
            for r in pack.rules
        }
        self._attribute = Memo()

    def _attribute_outcome(self, number: int, cond: AttributeCondition, scenario: Scenario) -> ConditionOutcome:
        key = (number, getattr(scenario, cond.attribute))
        out = self._attribute.get(key)
        if out is None:
            out = self._attribute.put(key, ConditionOutcome.model_construct(
                kind="attribute", name=cond.attribute, label=FIELD_LABELS.get(cond.attribute, cond.attribute),
                required=cond.required(), actual=cond.actual(scenario), holds=cond.holds(scenario),
            ))
        return out

    def of(self, rule: Rule, scenario: Scenario, facts: Container[str]) -> tuple[ConditionOutcome, ...]:
        """The outcome of each of the rule's conditions, in order."""
        return tuple(
            self.fact[(c.fact, c.fact in facts)] if number is None else self._attribute_outcome(number, c, scenario)
            for number, c in self.plans[rule.id]
        )
