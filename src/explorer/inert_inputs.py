"""Inputs that change nothing here: entered values whose removal leaves every rule firing as before.

Said before the results so that a student does not read meaning into them ("Overall health: poor changes nothing
on its own here; the rules that read it also need: ...").
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from .api import Explorer
from .conditions import AttributeCondition
from .result import Result
from .scenario import ATTRIBUTES, FIELD_LABELS, Scenario, parse_scenario, value_label
from .whatif import vary


class InertInput(BaseModel):
    """An entered value that changes nothing for this scenario, and what the rules that read it also need."""

    model_config = ConfigDict(frozen=True)

    field: str
    label: str
    value: str
    entered: Any  # the raw value (for a set field: the one item)
    read_by: tuple[str, ...]  # rules whose conditions read the field
    asks_for: tuple[str, ...] = ()  # what those rules, where they did not fire, ask of this field instead
    also_needed: tuple[str, ...] = ()  # their other conditions this scenario does not meet

    def text(self) -> str:
        head = f"{self.label}: {self.value} changes nothing on its own here"
        if not self.read_by:
            return head + ": no rule reads it (the sources do not say how it changes the options)."
        parts = []
        if self.asks_for:
            parts.append("the rules that read it ask for " + " or ".join(self.asks_for))
        if self.also_needed:
            parts.append(("they" if parts else "the rules that read it") + " also need " + "; ".join(self.also_needed))
        return head + (": " + ", and ".join(parts) if parts else "") + "."


def _entered(scenario: Scenario) -> list[tuple[str, Any, Any]]:
    """(field, value entered, the value without it) for every input that differs from the defaults."""
    defaults = Scenario()
    out = []
    for name, spec in ATTRIBUTES.items():
        value, default = getattr(scenario, name), getattr(defaults, name)
        if spec.kind == "set":
            out += [(name, item, [v for v in value if v != item]) for item in value]
        elif value != default:
            out.append((name, value, default))
    return out


def inert_inputs(
    explorer: Explorer, scenario: Scenario | dict[str, Any], result: Result | None = None
) -> list[InertInput]:
    """The entered inputs that change nothing: without them, exactly the same rules fire (`result`: the scenario's)."""
    base = parse_scenario(scenario)
    result = result if result is not None else explorer.evaluate(base)
    fired = {s.rule for s in result.trace}
    facts = {f.id for f in result.facts}
    out = []
    for name, value, without in _entered(base):
        changed, _ = vary(base, name, without)
        if {s.rule for s in explorer.evaluate(changed).trace} != fired:
            continue
        readers = [r for r in explorer.pack.rules if any(
            isinstance(c, AttributeCondition) and c.attribute == name for c in r.attribute_conditions)]
        unmet = [c for r in readers if r.id not in fired for c in r.attribute_conditions
                 if isinstance(c, AttributeCondition) and not c.holds(base)]
        asks = dict.fromkeys(c.required() for c in unmet if c.attribute == name)
        needed = dict.fromkeys(f"{FIELD_LABELS.get(c.attribute, c.attribute)} {c.required()}"
                               for c in unmet if c.attribute != name)
        labels = explorer.explainer.fact_labels
        needed.update(dict.fromkeys(labels.get(f, f) for r in readers if r.id not in fired
                                    for f in r.facts_needed if f not in facts))
        out.append(InertInput(field=name, label=FIELD_LABELS.get(name, name), value=value_label(value), entered=value,
                              read_by=tuple(r.id for r in readers), asks_for=tuple(asks),
                              also_needed=tuple(needed)))
    return out
