"""Which rules can ever fire, with a witness scenario for each one that can.

Each rule's conditions, with the conditions of the rules that can establish the derived facts
it needs (recursively), are expanded into alternatives over attribute domains; an alternative
that leaves every attribute a value, and respects the scenario's own cross-field constraints,
yields a concrete witness scenario.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .conditions import AttributeCondition
from .rulepack import Rule, producers_of
from .scenario import ATTRIBUTES, FIELD_EXCLUDES, FIELD_REQUIRES, FIELD_UNSET, SYMPTOMS, Scenario

MAX_ALTERNATIVES = 256

# An alternative: (domains, any_of) where domains maps attribute (symptoms as 'sym:x') to allowed values,
# and any_of lists symptom groups of which at least one must be present.
Alternative = tuple[dict[str, frozenset[Any]], tuple[frozenset[str], ...]]


def _full_domain(name: str) -> frozenset[Any]:
    spec = ATTRIBUTES[name]
    values = set(spec.values)
    if spec.nullable:
        values.add(None)
    return frozenset(values)


def _constrain(alt: Alternative, cond: AttributeCondition) -> Alternative:
    domains = dict(alt[0])
    narrowing = cond.operator.narrow(cond.value, _full_domain(cond.attribute))
    for key, allowed in narrowing.keep:
        key = key or cond.attribute
        base = domains.get(key)
        if base is None:
            base = frozenset((True, False)) if key.startswith("sym:") else _full_domain(key)
        domains[key] = base & allowed
    return domains, alt[1] + narrowing.any_of


def _merge(x: Alternative, y: Alternative) -> Alternative:
    domains = dict(x[0])
    for key, allowed in y[0].items():
        domains[key] = domains[key] & allowed if key in domains else allowed
    return domains, x[1] + y[1]


def witness(alt: Alternative) -> Scenario | None:
    """A concrete scenario satisfying the alternative, or None if none exists."""
    domains, any_of = alt
    if any(not d for d in domains.values()):
        return None
    symptoms = {s for s in SYMPTOMS if domains.get(f"sym:{s}") == frozenset((True,))}
    for group in any_of:
        if not symptoms & group:
            choices = [s for s in SYMPTOMS if s in group and True in domains.get(f"sym:{s}", (True,))]
            if not choices:
                return None
            symptoms.add(choices[0])
    defaults = Scenario()
    values: dict[str, Any] = {}
    for name, spec in ATTRIBUTES.items():
        if spec.kind == "set" or name not in domains:
            continue
        allowed = domains[name]
        default = getattr(defaults, name)
        values[name] = default if default in allowed else sorted(allowed, key=lambda x: (x is None, str(x)))[0]
    for field, (other, needed) in FIELD_REQUIRES.items():  # defaults are chosen where allowed, so a field is
        if values.get(field, FIELD_UNSET[field]) == FIELD_UNSET[field]:  # set only when it must be
            continue
        if needed not in domains.get(other, {needed}):
            return None
        values[other] = needed
    for (field, bad), (other, other_bad, _) in FIELD_EXCLUDES.items():  # move whichever side its domain allows
        if values.get(field) == bad and values.get(other) == other_bad:
            for name, clash in ((other, other_bad), (field, bad)):
                spare = sorted((v for v in domains.get(name, ATTRIBUTES[name].values) if v != clash), key=str)
                required_by = [f for f, (o, _) in FIELD_REQUIRES.items() if o == name and values.get(f, FIELD_UNSET[f]) != FIELD_UNSET[f]]
                if spare and not required_by:
                    values[name] = spare[0]
                    break
            else:
                return None
    values["symptoms"] = sorted(symptoms)
    return Scenario.model_validate(values)


class Reachability:
    """Symbolic reachability of every rule and fact in a pack.

    The alternatives of every derived fact are computed as a fixpoint: start with none, then recompute each fact
    from its producing rules and the previous round's table until nothing changes. Facts in a cycle are therefore
    never cached half-computed (a fact first met while its own producer was being expanded)."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.producers = producers_of(rules)
        self._fact_alts = self._fixpoint()

    def _fixpoint(self) -> dict[str, list[Alternative]]:
        table: dict[str, list[Alternative]] = {fact: [] for fact in self.producers}
        for _ in range(len(table) + 1):  # a chain of n facts is established in at most n rounds
            new = {fact: self._produced(fact, table) for fact in table}
            if new == table:
                break
            table = new
        return table

    def _produced(self, fact: str, table: dict[str, list[Alternative]]) -> list[Alternative]:
        alts: list[Alternative] = []
        for rule in self.producers[fact]:
            alts.extend(self._alternatives(rule, table))
            if len(alts) >= MAX_ALTERNATIVES:
                break
        return alts[:MAX_ALTERNATIVES]

    @staticmethod
    def _alternatives(rule: Rule, table: dict[str, list[Alternative]]) -> list[Alternative]:
        base: Alternative = ({}, ())
        for cond in rule.attribute_conditions:
            assert isinstance(cond, AttributeCondition)
            base = _constrain(base, cond)
        alts = [base] if witness(base) is not None else []
        for fact in rule.facts_needed:
            options = table.get(fact, [])
            alts = [m for a in alts for o in options if witness(m := _merge(a, o)) is not None][:MAX_ALTERNATIVES]
        return alts

    def rule_alternatives(self, rule: Rule) -> list[Alternative]:
        """The ways `rule` can fire: constraints on the scenario, each with a witness."""
        return self._alternatives(rule, self._fact_alts)

    @cached_property
    def witnesses(self) -> dict[str, Scenario | None]:
        """For every rule: a scenario under which it fires, or None if none can."""
        out: dict[str, Scenario | None] = {}
        for rule in self.rules:
            alts = self.rule_alternatives(rule)
            out[rule.id] = witness(alts[0]) if alts else None
        return out
