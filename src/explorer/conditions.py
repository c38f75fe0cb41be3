"""Rule conditions: parsing from YAML, evaluation, explanation and durable-rules patterns.

A rule's `when` is a mapping. Keys are scenario attributes or `facts` (derived facts that
must already be established). Values:

- a scalar: equals (`origin: secondary`); `null` for a missing stage/age
- a list: one of (`overall_health: [poor, fair]`)
- a mapping of operators, all of which must hold:
  `is`, `is_not`, `in`, `not_in`, `gte`, `lte` (numbers; a missing value never matches),
  `includes`, `excludes`, `includes_any`, `empty` (symptoms)
  (each operator is one record in `operators.py`)

Conditions over derived facts are positive only: rules are monotonic, so the order of
firing never retracts a conclusion (durable-rules has no truth maintenance).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Callable, Iterable

from .errors import InputError, preview
from .operators import OPERATORS, Operator, any_key
from .scenario import ATTRIBUTES, SYMPTOMS, AttributeSpec, Scenario, value_label

class ConditionError(ValueError):
    """A condition that names an unknown attribute, operator or value."""


@dataclass(frozen=True)
class FactCondition:
    """A derived fact that must already be established."""

    fact: str

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
    operator: Operator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        operator = OPERATORS.get(self.op)
        if operator is None:
            raise ConditionError(f"unknown operator {self.op!r}")
        object.__setattr__(self, "operator", operator)

    def holds(self, scenario: Scenario, facts: set[str] | frozenset[str] = frozenset()) -> bool:
        return self.operator.holds(getattr(scenario, self.attribute), self.value)

    def required(self) -> str:
        """What the condition asks for, in words."""
        return self.operator.required(self.value)

    def actual(self, scenario: Scenario) -> str:
        return value_label(getattr(scenario, self.attribute))

    def describe(self) -> str:
        return f"{self.attribute} {self.required()}"

    def to_durable(self) -> dict[str, Any]:
        """The durable-rules expression over the flattened scenario fact (see `scenario_fact`)."""
        return self.operator.durable(ATTRIBUTES[self.attribute], self.value)


Condition = AttributeCondition | FactCondition


def _allowed_by_type(spec: AttributeSpec) -> dict[type, frozenset[Any]]:
    """Per Python type, the values of that exact type a scalar attribute allows (so True never passes for 1)."""
    table: dict[type, set[Any]] = {type(None): {None}} if spec.nullable else {}
    for value in spec.values:
        table.setdefault(type(value), set()).add(value)
    return {kind: frozenset(values) for kind, values in table.items()}


_SCALARS = tuple((name, _allowed_by_type(spec)) for name, spec in ATTRIBUTES.items() if spec.kind != "set")
_SETS = tuple((name, spec.values) for name, spec in ATTRIBUTES.items() if spec.kind == "set")


def check_validated(scenario: Scenario) -> None:
    """Refuse a scenario that skipped validation (e.g. `Scenario.model_construct(origin='sideways')`)."""
    if type(scenario) is not Scenario:
        raise InputError(f"engine: expected a Scenario, got {type(scenario).__name__}")
    for name, allowed in _SCALARS:  # exact types: validation makes str, bool, int
        value = getattr(scenario, name, None)
        if value not in allowed.get(type(value), ()):
            _refuse(name, value)
    for name, members in _SETS:
        value = getattr(scenario, name, None)
        if type(value) is not tuple or not all(v in members for v in value):
            _refuse(name, value)


def _refuse(name: str, value: Any) -> None:
    raise InputError(f"engine: field '{name}': {preview(value)} was never validated; build scenarios with "
                     "Scenario(...) or parse_scenario(...), not Scenario.model_construct")


def symptom_groups(conditions: Iterable[Condition]) -> tuple[tuple[str, ...], ...]:
    """The `includes_any` groups among some conditions (each needs its flag in the scenario fact)."""
    return tuple(dict.fromkeys(
        c.value for c in conditions if isinstance(c, AttributeCondition) and c.op == "includes_any"
    ))


def fact_properties(groups: Iterable[tuple[str, ...]] = ()) -> tuple[str, ...]:
    """Every property of the flattened scenario fact: a flag for each `includes_any` group, a flag per symptom and
    their count, `<name>_known` beside each nullable number, and the other attributes as they are."""
    names = ["kind", *(any_key(group) for group in groups)]
    for name, spec in ATTRIBUTES.items():
        if spec.kind == "set":
            names += [*(f"sym_{symptom}" for symptom in SYMPTOMS), "symptom_count"]
        elif spec.nullable:
            names += [f"{name}_known", name]
        else:
            names.append(name)
    return tuple(names)


def scenario_fact(scenario: Scenario, groups: Iterable[tuple[str, ...]] = (), check: bool = True) -> dict[str, Any]:
    """Flatten a scenario into the single durable-rules fact the attribute patterns match (with a flag for each
    `includes_any` group in `groups`); `check=False` when `check_validated` has just been run. The engine reads
    only the properties its patterns use, with `fact_reader`."""
    if check:
        check_validated(scenario)
    groups = tuple(groups)
    return fact_reader(fact_properties(groups), groups)(scenario)


def _fact_getters(properties: Iterable[str], groups: Iterable[tuple[str, ...]]) -> tuple[tuple[str, Callable[[Scenario], Any], frozenset[Any]], ...]:
    """Per property of the flattened scenario fact: its name, how to read it from a validated scenario, and every
    value it can take (the one definition behind `fact_reader` and `fact_writer`)."""
    by_key = {any_key(group): frozenset(group) for group in groups}
    nullable = {f"{name}_known": name for name, spec in ATTRIBUTES.items() if spec.nullable}
    flags = frozenset((True, False))

    def getter(name: str) -> tuple[Callable[[Scenario], Any], frozenset[Any]]:
        if name == "kind":
            return (lambda scenario: "scenario"), frozenset(("scenario",))
        if name in by_key:
            group = by_key[name]
            return (lambda scenario: not group.isdisjoint(scenario.symptoms)), flags
        if name == "symptom_count":
            return (lambda scenario: len(scenario.symptoms)), frozenset(range(len(SYMPTOMS) + 1))
        if name.startswith("sym_"):
            symptom = name[4:]
            return (lambda scenario: symptom in scenario.symptoms), flags
        if name in nullable:
            read = attrgetter(nullable[name])
            return (lambda scenario: read(scenario) is not None), flags
        spec = ATTRIBUTES[name]
        if spec.nullable:
            read = attrgetter(name)
            return (lambda scenario: -1 if (value := read(scenario)) is None else value), frozenset((-1, *spec.values))
        return attrgetter(name), frozenset(spec.values)

    return tuple((name, *getter(name)) for name in properties)


def fact_reader(properties: Iterable[str], groups: Iterable[tuple[str, ...]] = ()) -> Callable[[Scenario], dict[str, Any]]:
    """A reader of the flattened scenario fact limited to `properties` (see `fact_properties`), for validated
    scenarios; build it once and call it per scenario."""
    getters = tuple((name, get) for name, get, _ in _fact_getters(properties, groups))
    return lambda scenario: {name: get(scenario) for name, get in getters}


def fact_writer(properties: Iterable[str], groups: Iterable[tuple[str, ...]] = ()) -> Callable[[Scenario, str], str]:
    """`fact_reader`'s fact as durable-rules JSON text with a `sid`, for validated scenarios: every property takes a
    known set of values, so each value's JSON text is looked up, not encoded (about half the time of json.dumps
    on the fact dict). The sid is written as it is: the engine's sids are digits."""
    getters = _fact_getters(properties, groups)
    template = "{" + "".join(f"{json.dumps(name)}: %s, " for name, _, _ in getters) + '"sid": "%s"}'
    readers = tuple((get, {value: json.dumps(value) for value in domain}) for _, get, domain in getters)
    return lambda scenario, sid: template % (*[text[get(scenario)] for get, text in readers], sid)


# -- parsing ------------------------------------------------------------------------------
def _check_value(spec: AttributeSpec, value: Any, operator: Operator) -> Any:
    if spec.kind == "set":
        if value not in spec.values:
            raise ConditionError(f"'{spec.name}' has no item {preview(value)}; allowed: {', '.join(spec.values)}")
        return value
    if spec.kind == "int":
        if value is None and spec.nullable and operator.null_ok:
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


def _usable_on(kind: str, last: str = ", ") -> str:
    """The operators that apply to an attribute kind, as a list in words."""
    names = [name for name, o in OPERATORS.items() if kind in o.kinds]
    return ", ".join(names[:-1]) + last + names[-1]


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
            raise ConditionError(f"'{attribute}' is a list; use {_usable_on('set', ' or ')}")
        items = [("is", raw)]
    out = []
    for op, value in items:
        operator = OPERATORS.get(op)
        if operator is None:
            raise ConditionError(f"unknown operator '{op}' on '{attribute}'; allowed: {', '.join(OPERATORS)}")
        if spec.kind not in operator.kinds:
            if spec.kind == "set":
                raise ConditionError(f"operator '{op}' does not apply to '{attribute}'; use {_usable_on('set')}")
            names = " and ".join(s.name for s in ATTRIBUTES.values() if s.kind in operator.kinds)
            raise ConditionError(f"operator '{op}' applies only to {names}")
        if operator.shape == "flag":
            if not isinstance(value, bool):
                raise ConditionError(f"'{op}' takes true or false")
            checked: Any = value
        elif operator.shape == "list":
            checked = tuple(_check_value(spec, v, operator) for v in _as_list(value, f"'{op}' on '{attribute}'"))
        else:
            checked = _check_value(spec, value, operator)
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

