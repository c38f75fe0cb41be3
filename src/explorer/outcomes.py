"""A rule's conditions checked against one scenario: the ConditionOutcomes that steps and why-nots show."""

from __future__ import annotations

from typing import Container

from .conditions import AttributeCondition, FactCondition
from .memo import Memo
from .result import ConditionOutcome
from .rulepack import Rule, RulePack
from .scenario import FIELD_LABELS, Scenario


class ConditionOutcomes:
    """Fact outcomes built once per pack; attribute outcomes memoised on the condition and the value it reads."""

    def __init__(self, pack: RulePack, fact_labels: dict[str, str]) -> None:
        producers = {fact: tuple(r.id for r in rules) for fact, rules in pack.producers.items()}
        self.fact = {
            (fact, est): ConditionOutcome(
                kind="fact", name=fact, label=fact_labels.get(fact, fact), required="established",
                actual="established" if est else "not established", holds=est, producers=producers.get(fact, ()),
            )
            for fact in {f for r in pack.rules for f in r.facts_needed} for est in (True, False)
        }
        self._attribute = Memo()

    def attribute(self, cond: AttributeCondition, scenario: Scenario) -> ConditionOutcome:
        """The outcome of one attribute condition."""
        key = (cond, getattr(scenario, cond.attribute))
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
            self.fact[(c.fact, c.fact in facts)] if isinstance(c, FactCondition) else self.attribute(c, scenario)
            for c in rule.conditions
        )
