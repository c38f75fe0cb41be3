"""Which rules make a factor value matter for a category, and the statements behind them.

A rule is responsible for (factor, category) when it concludes the category and the factor is
mentioned by its own conditions or by the conditions of a rule that can establish a derived
fact it needs (followed back through the chain).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..conditions import AttributeCondition
from ..rulepack import Rule, RulePack
from .factors import Factor


@dataclass(frozen=True)
class Responsible:
    """A rule concluding the category, the rules in its chain that read the factor, their statements."""

    rule: str
    title: str
    via: tuple[str, ...]  # rules (pack order) whose conditions mention the factor; may include `rule`
    statements: tuple[str, ...]


def mentions(rule: Rule, factor: Factor) -> bool:
    """Whether the rule's own conditions read this factor (a symptom factor: that symptom)."""
    for cond in rule.attribute_conditions:
        assert isinstance(cond, AttributeCondition)
        if cond.attribute != factor.attribute:
            continue
        if factor.symptom is None or cond.operator.reads_every_item:
            return True
        values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        if factor.symptom in values:
            return True
    return False


def chain_rules(pack: RulePack, rule: Rule) -> list[Rule]:
    """The rule and every rule that can establish a fact it needs, recursively (pack order)."""
    producers = pack.producers
    seen = {rule.id: rule}
    stack = [rule]
    while stack:
        for fact in stack.pop().facts_needed:
            for producer in producers.get(fact, ()):
                if producer.id not in seen:
                    seen[producer.id] = producer
                    stack.append(producer)
    return sorted(seen.values(), key=lambda r: r.priority)


def responsible(pack: RulePack, factor: Factor, category: str) -> list[Responsible]:
    """The rules behind (factor value, category), in pack order."""
    out = []
    for rule in pack.rules:
        if not any(o.category == category for o in rule.spec.then.options):
            continue
        via = [r for r in chain_rules(pack, rule) if mentions(r, factor)]
        if via:
            cites = dict.fromkeys(s for r in (rule, *via) for s in r.spec.cites)
            out.append(Responsible(rule.id, rule.title, tuple(r.id for r in via), tuple(cites)))
    return out
