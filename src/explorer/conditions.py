"""Rule conditions: parsing from YAML, evaluation, explanation and durable-rules patterns.

A rule's `when` is a mapping. Keys are scenario attributes or `facts` (derived facts that
must already be established). Values:

- a scalar: equals (`origin: secondary`); `null` for a missing stage/age
- a list: one of (`overall_health: [poor, fair]`)
- a mapping of operators, all of which must hold:
  `is`, `is_not`, `in`, `not_in`, `gte`, `lte` (numbers; a missing value never matches),
  `includes`, `excludes`, `includes_any`, `empty` (symptoms)

Conditions over derived facts are positive only: rules are monotonic, so the order of
firing never retracts a conclusion (durable-rules has no truth maintenance).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .errors import InputError, preview
from .scenario import ATTRIBUTES, SYMPTOMS, AttributeSpec, Scenario, value_label

OPERATORS = ("is", "is_not", "in", "not_in", "gte", "lte", "includes", "excludes", "includes_any", "empty")
SET_OPERATORS = ("includes", "excludes", "includes_any", "empty")
SCALAR_OPERATORS = ("is", "is_not", "in", "not_in")
NUMBER_OPERATORS = ("gte", "lte")


class ConditionError(ValueError):
    """A condition that names an unknown attribute, operator or value."""


@dataclass(frozen=True)
class FactCondition:
    """A derived fact that must already be established."""

    fact: str

    @property
    def key(self) -> str:
        return f"fact:{self.fact}"

    def holds(self, scenario: Scenario, facts: set[str] | frozenset[str]) -> bool:
        return self.fact in facts

    def describe(self) -> str:
        return f"derived fact '{self.fact}' established"


@dataclass(frozen=True)
class AttributeCondition:
    """One operator applied to one scenario attribute."""

    attribute: str
    op: str
    value: Any

    @property
    def key(self) -> str:
        return f"{self.attribute}:{self.op}:{self.value}"

    # -- evaluation -------------------------------------------------------------------
    def holds(self, scenario: Scenario, facts: set[str] | frozenset[str] = frozenset()) -> bool:
        actual = getattr(scenario, self.attribute)
        op, value = self.op, self.value
        if op == "is":
            return actual == value
        if op == "is_not":
            return actual != value
        if op == "in":
            return actual in value
        if op == "not_in":
            return actual not in value
        if op == "gte":
            return actual is not None and actual >= value
        if op == "lte":
            return actual is not None and actual <= value
        if op == "includes":
            return value in actual
        if op == "excludes":
            return value not in actual
        if op == "includes_any":
            return any(v in actual for v in value)
        if op == "empty":
            return (len(actual) == 0) == value
        raise ConditionError(f"unknown operator {op!r}")

    # -- explanation ------------------------------------------------------------------
    def required(self) -> str:
        """What the condition asks for, in words."""
        op, value = self.op, self.value
        if op == "is":
            return value_label(value)
        if op == "is_not":
            return f"anything but {value_label(value)}"
        if op == "in":
            return "one of: " + ", ".join(value_label(v) for v in value)
        if op == "not_in":
            return "none of: " + ", ".join(value_label(v) for v in value)
        if op == "gte":
            return f"{value} or more"
        if op == "lte":
            return f"{value} or less"
        if op == "includes":
            return f"includes {value_label(value)}"
        if op == "excludes":
            return f"does not include {value_label(value)}"
        if op == "includes_any":
            return "includes any of: " + ", ".join(value_label(v) for v in value)
        if op == "empty":
            return "none (asymptomatic)" if value else "at least one symptom"
        return str(value)

    def actual(self, scenario: Scenario) -> str:
        return value_label(getattr(scenario, self.attribute))

    def describe(self) -> str:
        return f"{self.attribute} {self.required()}"

    # -- durable-rules pattern ----------------------------------------------------------
    def to_durable(self) -> dict[str, Any]:
        """The durable-rules expression over the flattened scenario fact (see `scenario_fact`)."""
        a, op, value = self.attribute, self.op, self.value
        if op == "is":
            if value is None:
                return {f"{a}_known": False}
            return {a: value}
        if op == "is_not":
            if value is None:
                return {f"{a}_known": True}
            return {"$neq": {a: value}}
        if op == "in":
            spec = ATTRIBUTES[a]
            if spec.kind in ("enum", "bool"):  # as "none of the others": no `$or`, so no extra activations
                others = [v for v in spec.values if v not in value]
                return AttributeCondition(a, "not_in", tuple(others)).to_durable() if others else {"kind": "scenario"}
            return {"$or": [AttributeCondition(a, "is", v).to_durable() for v in value]}
        if op == "not_in":
            return {"$and": [AttributeCondition(a, "is_not", v).to_durable() for v in value]}
        if op in ("gte", "lte"):
            return {"$and": [{f"{a}_known": True}, {f"${op}": {a: value}}]}
        if op == "includes":
            return {f"sym_{value}": True}
        if op == "excludes":
            return {f"sym_{value}": False}
        if op == "includes_any":  # a flag computed per group in `scenario_fact`: no `$or`, no extra activations
            return {any_key(value): True}
        if op == "empty":
            return {"symptom_count": 0} if value else {"$gt": {"symptom_count": 0}}
        raise ConditionError(f"unknown operator {op!r}")


Condition = AttributeCondition | FactCondition


def _is_valid(spec: AttributeSpec, value: Any) -> bool:
    if spec.kind == "set":
        return type(value) is tuple and all(v in spec.values for v in value)
    if spec.kind == "bool":
        return type(value) is bool
    if spec.kind == "int":
        return (value is None and spec.nullable) or (type(value) is int and value in spec.values)
    return type(value) is str and value in spec.values


def check_validated(scenario: Scenario) -> None:
    """Refuse a scenario that skipped validation (e.g. `Scenario.model_construct(origin='sideways')`)."""
    if type(scenario) is not Scenario:
        raise InputError(f"engine: expected a Scenario, got {type(scenario).__name__}")
    for name, spec in ATTRIBUTES.items():
        value = getattr(scenario, name, None)
        if not _is_valid(spec, value):
            raise InputError(f"engine: field '{name}': {preview(value)} was never validated; build scenarios with "
                             "Scenario(...) or parse_scenario(...), not Scenario.model_construct")


def any_key(symptoms: Iterable[str]) -> str:
    """The flattened-fact key that is true when a scenario has any of these symptoms."""
    return "any_" + "__".join(symptoms)


def symptom_groups(conditions: Iterable[Condition]) -> tuple[tuple[str, ...], ...]:
    """The `includes_any` groups among some conditions (each needs its flag in the scenario fact)."""
    return tuple(dict.fromkeys(
        c.value for c in conditions if isinstance(c, AttributeCondition) and c.op == "includes_any"
    ))


def scenario_fact(scenario: Scenario, groups: Iterable[tuple[str, ...]] = ()) -> dict[str, Any]:
    """Flatten a scenario into the single durable-rules fact the attribute patterns match (with a flag for each
    `includes_any` group in `groups`)."""
    check_validated(scenario)
    fact: dict[str, Any] = {"kind": "scenario"}
    present = set(scenario.symptoms)
    for group in groups:
        fact[any_key(group)] = not present.isdisjoint(group)
    for name, spec in ATTRIBUTES.items():
        value = getattr(scenario, name)
        if spec.kind == "set":
            for symptom in SYMPTOMS:
                fact[f"sym_{symptom}"] = symptom in value
            fact["symptom_count"] = len(value)
        elif spec.nullable:
            fact[f"{name}_known"] = value is not None
            fact[name] = -1 if value is None else value
        else:
            fact[name] = value
    return fact


# -- parsing ------------------------------------------------------------------------------
def _check_value(spec: AttributeSpec, value: Any, op: str) -> Any:
    if spec.kind == "set":
        if value not in spec.values:
            raise ConditionError(f"'{spec.name}' has no item {preview(value)}; allowed: {', '.join(spec.values)}")
        return value
    if spec.kind == "int":
        if value is None and spec.nullable and op in ("is", "is_not"):
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value not in spec.values:
            lo, hi = spec.values[0], spec.values[-1]
            raise ConditionError(f"'{spec.name}' takes a whole number {lo}-{hi}{' or null' if spec.nullable else ''}, got {preview(value)}")
        return value
    if value not in spec.values or isinstance(value, bool) != (spec.kind == "bool"):
        allowed = ", ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in spec.values)
        raise ConditionError(f"'{spec.name}' has no value {preview(value)}; allowed: {allowed}")
    return value


def _as_list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ConditionError(f"{what} takes a non-empty list")
    return value


def parse_attribute(attribute: str, raw: Any) -> list[AttributeCondition]:
    """Parse one `attribute: value-or-operators` entry of a `when` mapping."""
    spec = ATTRIBUTES.get(attribute)
    if spec is None:
        raise ConditionError(f"unknown attribute '{attribute}'; allowed: facts, {', '.join(ATTRIBUTES)}")
    if isinstance(raw, dict):
        if not raw:  # `origin: {}` would be a condition that always holds
            raise ConditionError(f"'{attribute}' has an empty condition; give a value, a list or operators "
                                 f"({', '.join(OPERATORS)})")
        items = list(raw.items())
    elif isinstance(raw, list):
        items = [("includes_any" if spec.kind == "set" else "in", raw)]
    else:
        if spec.kind == "set":
            raise ConditionError(f"'{attribute}' is a list; use includes, excludes, includes_any or empty")
        items = [("is", raw)]
    out = []
    for op, value in items:
        if op not in OPERATORS:
            raise ConditionError(f"unknown operator '{op}' on '{attribute}'; allowed: {', '.join(OPERATORS)}")
        if spec.kind == "set" and op not in SET_OPERATORS:
            raise ConditionError(f"operator '{op}' does not apply to '{attribute}'; use {', '.join(SET_OPERATORS)}")
        if spec.kind != "set" and op in SET_OPERATORS:
            raise ConditionError(f"operator '{op}' applies only to symptoms")
        if op in NUMBER_OPERATORS and spec.kind != "int":
            raise ConditionError(f"operator '{op}' applies only to stage and age")
        if op == "empty":
            if not isinstance(value, bool):
                raise ConditionError("'empty' takes true or false")
            checked: Any = value
        elif op in ("in", "not_in", "includes_any"):
            checked = tuple(_check_value(spec, v, op) for v in _as_list(value, f"'{op}' on '{attribute}'"))
        else:
            checked = _check_value(spec, value, op)
        out.append(AttributeCondition(attribute, op, checked))
    return out


def parse_when(when: Any) -> list[Condition]:
    """Parse a rule's `when` mapping into conditions (attribute conditions first, then facts)."""
    if when is None:
        return []
    if not isinstance(when, dict):
        raise ConditionError("'when' must be a mapping of attribute or 'facts' to a value")
    conditions: list[Condition] = []
    facts: list[FactCondition] = []
    for key, raw in when.items():
        if key == "facts":
            names = [raw] if isinstance(raw, str) else raw
            if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
                raise ConditionError("'facts' takes a list of derived-fact names")
            facts.extend(FactCondition(n) for n in names)
        else:
            conditions.extend(parse_attribute(str(key), raw))
    return conditions + facts


def facts_used(conditions: Iterable[Condition]) -> list[str]:
    return [c.fact for c in conditions if isinstance(c, FactCondition)]
