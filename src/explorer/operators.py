"""The condition operators, one record each: adding an operator touches only this module.

A record says which attribute kinds it applies to and what value it takes, and how it
- evaluates (`holds(actual, value)`),
- reads in a why-not (`required(value)`: what the condition asks for, in words),
- compiles to a durable-rules expression over the flattened scenario fact (`durable(spec, value)`, where `spec`
  is the attribute's `AttributeSpec`; see `conditions.scenario_fact` for the fact's keys),
- narrows an attribute's domain for reachability (`narrow(value, domain)` -> `Narrowing`),
- cuts a number line into bands that the condition treats alike (`cuts(value)`: where a new band starts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal

from .scenario import SYMPTOMS, AttributeSpec, value_label

Kind = Literal["enum", "bool", "int", "set"]
Shape = Literal["value", "list", "flag"]  # one allowed value; a non-empty list of them; true/false


@dataclass(frozen=True)
class Narrowing:
    """What a condition allows: per domain key (an attribute, or `sym:<symptom>` for one symptom) the values it
    keeps, and symptom groups of which at least one must be present."""

    keep: tuple[tuple[str | None, frozenset[Any]], ...] = ()  # key None: the condition's own attribute
    any_of: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Operator:
    name: str
    kinds: frozenset[str]
    shape: Shape
    holds: Callable[[Any, Any], bool]
    required: Callable[[Any], str]
    durable: Callable[[AttributeSpec, Any], dict[str, Any]]
    narrow: Callable[[Any, frozenset[Any]], Narrowing]
    cuts: Callable[[Any], tuple[int, ...]] = field(default=lambda v: ())
    null_ok: bool = False  # whether `null` (a missing stage/age) is an allowed value
    reads_every_item: bool = False  # a set operator whose outcome depends on every item (not just its value's)


OPERATORS: dict[str, Operator] = {}


def register(operator: Operator) -> Operator:
    OPERATORS[operator.name] = operator
    return operator


def _labels(values: Iterable[Any]) -> str:
    return ", ".join(value_label(v) for v in values)


def _is(spec: AttributeSpec, v: Any) -> dict[str, Any]:
    return {f"{spec.name}_known": False} if v is None else {spec.name: v}


def _is_not(spec: AttributeSpec, v: Any) -> dict[str, Any]:
    return {f"{spec.name}_known": True} if v is None else {"$neq": {spec.name: v}}


def _not_in(spec: AttributeSpec, vs: tuple[Any, ...]) -> dict[str, Any]:
    return {"$and": [_is_not(spec, v) for v in vs]}


def _in(spec: AttributeSpec, vs: tuple[Any, ...]) -> dict[str, Any]:
    if spec.kind not in ("enum", "bool"):
        return {"$or": [_is(spec, v) for v in vs]}
    # An enum as "none of the others": no `$or`, whose alternatives would each activate the rule again.
    others = tuple(v for v in spec.values if v not in vs)
    return _not_in(spec, others) if others else {"kind": "scenario"}


def _symptom(present: bool) -> Callable[[AttributeSpec, Any], dict[str, Any]]:
    return lambda spec, v: {f"sym_{v}": present}


def any_key(symptoms: Iterable[str]) -> str:
    """The flattened-fact key that is true when a scenario has any of these symptoms (see `scenario_fact`)."""
    return "any_" + "__".join(symptoms)


def _number(op: str) -> Callable[[AttributeSpec, Any], dict[str, Any]]:
    return lambda spec, v: {"$and": [{f"{spec.name}_known": True}, {f"${op}": {spec.name: v}}]}


def _own(allowed: Iterable[Any]) -> Narrowing:
    return Narrowing(keep=((None, frozenset(allowed)),))


SCALAR = frozenset({"enum", "bool", "int"})
SET = frozenset({"set"})

register(Operator(
    "is", SCALAR, "value", holds=lambda actual, v: actual == v, required=value_label, durable=_is,
    narrow=lambda v, domain: _own((v,)), cuts=lambda v: () if v is None else (v, v + 1), null_ok=True))
register(Operator(
    "is_not", SCALAR, "value", holds=lambda actual, v: actual != v,
    required=lambda v: f"anything but {value_label(v)}", durable=_is_not,
    narrow=lambda v, domain: _own(domain - {v}), cuts=lambda v: () if v is None else (v, v + 1), null_ok=True))
register(Operator(
    "in", SCALAR, "list", holds=lambda actual, vs: actual in vs, required=lambda vs: "one of: " + _labels(vs),
    durable=_in, narrow=lambda vs, domain: _own(vs),
    cuts=lambda vs: tuple(c for v in vs if v is not None for c in (v, v + 1))))
register(Operator(
    "not_in", SCALAR, "list", holds=lambda actual, vs: actual not in vs,
    required=lambda vs: "none of: " + _labels(vs), durable=_not_in, narrow=lambda vs, domain: _own(domain - set(vs)),
    cuts=lambda vs: tuple(c for v in vs if v is not None for c in (v, v + 1))))
register(Operator(
    "gte", frozenset({"int"}), "value", holds=lambda actual, v: actual is not None and actual >= v,
    required=lambda v: f"{v} or more", durable=_number("gte"),
    narrow=lambda v, domain: _own(x for x in domain if x is not None and x >= v), cuts=lambda v: (v,)))
register(Operator(
    "lte", frozenset({"int"}), "value", holds=lambda actual, v: actual is not None and actual <= v,
    required=lambda v: f"{v} or less", durable=_number("lte"),
    narrow=lambda v, domain: _own(x for x in domain if x is not None and x <= v), cuts=lambda v: (v + 1,)))
register(Operator(
    "includes", SET, "value", holds=lambda actual, v: v in actual, required=lambda v: f"includes {value_label(v)}",
    durable=_symptom(True), narrow=lambda v, domain: Narrowing(keep=((f"sym:{v}", frozenset((True,))),))))
register(Operator(
    "excludes", SET, "value", holds=lambda actual, v: v not in actual,
    required=lambda v: f"does not include {value_label(v)}", durable=_symptom(False),
    narrow=lambda v, domain: Narrowing(keep=((f"sym:{v}", frozenset((False,))),))))
register(Operator(  # the fact carries a flag per group (`scenario_fact`): no `$or`, no extra activations
    "includes_any", SET, "list", holds=lambda actual, vs: any(v in actual for v in vs),
    required=lambda vs: "includes any of: " + _labels(vs), durable=lambda spec, vs: {any_key(vs): True},
    narrow=lambda vs, domain: Narrowing(any_of=(frozenset(vs),))))
register(Operator(
    "empty", SET, "flag", holds=lambda actual, v: (len(actual) == 0) == v,
    required=lambda v: "none (asymptomatic)" if v else "at least one symptom",
    durable=lambda spec, v: {"symptom_count": 0} if v else {"$gt": {"symptom_count": 0}},
    narrow=lambda v, domain: (Narrowing(keep=tuple((f"sym:{s}", frozenset((False,))) for s in SYMPTOMS)) if v
                              else Narrowing(any_of=(frozenset(SYMPTOMS),))),
    reads_every_item=True))
