"""A deliberately naive plain-Python evaluator of the same pack, used to cross-check the engine.

Semantics (which durable-rules' priority agenda was measured to follow): repeatedly fire the
not-yet-fired rule with the lowest priority whose conditions all hold, until none does.
"""

from __future__ import annotations

from .rulepack import Rule
from .scenario import Scenario
from .trace import Firing, Trace


def run_reference(rules: list[Rule], scenario: Scenario) -> Trace:
    """Naive fixpoint: rescan every rule after each firing."""
    ordered = sorted(rules, key=lambda r: r.priority)
    facts: set[str] = set()
    fired: set[str] = set()
    trace: list[Firing] = []
    while True:
        for rule in ordered:
            if rule.id in fired:
                continue
            if all(c.holds(scenario, facts) for c in rule.conditions):
                new = tuple(f for f in rule.spec.then.facts if f not in facts)
                facts.update(new)
                fired.add(rule.id)
                trace.append(Firing(rule.id, new))
                break
        else:
            return tuple(trace)
