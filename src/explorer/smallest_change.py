"""Why not, as the smallest change: the fewest input changes that bring a core category in.

The search is exact, not sampled, and generic over the pack and the scenario model:
- only the fields read by the rules that can conclude the category (directly or through the derived facts they
  need) can matter, plus the fields those depend on for a valid scenario (`FIELD_REQUIRES`);
- a field's values are grouped into classes that every rule condition (and validity) treats alike, and one value
  per class is tried: for numbers the one nearest the current value;
- a set field (symptoms) changes one item at a time; items that every condition treats alike are interchangeable,
  so only the first few of such a group are combined;
- single changes first; pairs only where no single change works; triples only where no pair works. Every set of
  that smallest size that works is reported, so each is minimal and none is left out.

Candidates are screened by the least fixpoint of the category's rules (the semantics `naive_evaluator.py` and the engine
are cross-checked on). Every change reported is then validated by the scenario model and confirmed by the engine,
which also gives the rules and statements that would then apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from types import MappingProxyType, SimpleNamespace
from typing import Any, Iterable

from pydantic import ValidationError

from .api import Explorer
from .categories import CORE_CATEGORIES
from .conditions import AttributeCondition
from .result import FieldChange, NotDiscussed, Result, SmallestChange
from .space.factor_rules import chain_rules
from .rulepack import Rule, RulePack
from .scenario import (
    ATTRIBUTES, FIELD_EXCLUDES, FIELD_LABELS, FIELD_REQUIRES, FIELD_UNSET, Scenario, parse_scenario, value_label,
)

MAX_SIZE = 3


@dataclass(frozen=True)
class Unit:
    """One elementary change: a field to a new value, or one item of a set field added or removed."""

    field: str
    item: Any  # the set item toggled; None for a scalar field
    value: Any  # the new value (scalar) or whether the item is present afterwards (set)


class _CategoryRules:
    """The rules that can bring one category in: its concluding rules and everything they need, transitively."""

    def __init__(self, category: str, pack: RulePack):
        self.concluding = list(pack.concluders.get(category, ()))
        seen = {r.id: r for concluding in self.concluding for r in chain_rules(pack, concluding)}
        self.rules = sorted(seen.values(), key=lambda r: r.priority)
        self.concluding_ids = frozenset(r.id for r in self.concluding)
        fields = {c.attribute for r in self.rules for c in r.attribute_conditions}  # type: ignore[union-attr]
        self.fields = _with_requirements(fields)

        # per derived fact: every field read by the rules that can establish it, directly or through other facts
        self.fact_fields: dict[str, frozenset[str]] = {}
        for fact in {f for r in self.rules for f in r.facts_needed}:
            self.fact_fields[fact] = self._fact_fields(fact, set())
        # per rule: is it concluding, facts needed, its attribute conditions by field, facts established
        self.compiled = [
            (r.id in self.concluding_ids, frozenset(r.facts_needed), _by_field(r), r.spec.then.facts) for r in self.rules
        ]

    def _fact_fields(self, fact: str, seen: set[str]) -> frozenset[str]:
        seen.add(fact)
        out: set[str] = set()
        for rule in self.rules:
            if fact in rule.spec.then.facts:
                out |= {c.attribute for c in rule.attribute_conditions}  # type: ignore[union-attr]
                for needed in rule.facts_needed:
                    if needed not in seen:
                        out |= self._fact_fields(needed, seen)
        return frozenset(out)


def _by_field(rule: Rule) -> dict[str, tuple[AttributeCondition, ...]]:
    out: dict[str, tuple[AttributeCondition, ...]] = {}
    for cond in rule.attribute_conditions:
        assert isinstance(cond, AttributeCondition)
        out[cond.attribute] = (*out.get(cond.attribute, ()), cond)
    return out


class _Screen:
    """A category's rules against one base scenario: a candidate is checked only on the fields it changes."""

    def __init__(self, rules: _CategoryRules, base: Any):
        # per rule: (index, is concluding, facts needed, fields its conditions fail on in the base, conditions by field,
        # facts established)
        self.entries = [
            (i, concluding, needs, frozenset(f for f, cs in by_field.items() if not all(c.holds(base) for c in cs)),
             by_field, established)
            for i, (concluding, needs, by_field, established) in enumerate(rules.compiled)
        ]
        self.readers: dict[str, list[int]] = {}
        for entry in self.entries:
            for name in entry[4]:
                self.readers.setdefault(name, []).append(entry[0])
        self.holding = [e for e in self.entries if not e[3]]  # rules whose conditions hold in the base
        facts = self._fixpoint([(False, e[2], e[5]) for e in self.holding], stop=False)
        # A concluding rule fires only if every field its own conditions fail on is changed, and for each fact it
        # needs that the base does not establish, at least one field read on the way to that fact.
        self.needed = {
            (e[3], frozenset(rules.fact_fields[f] for f in e[2] if f not in facts)) for e in self.entries if e[1]
        }

    def could_conclude(self, touched: frozenset[str]) -> bool:
        """A necessary condition, checked before building the candidate: the changed fields could matter."""
        return any(fails <= touched and all(ff & touched for ff in via) for fails, via in self.needed)

    @staticmethod
    def _fixpoint(pending: list[tuple[bool, frozenset[str], tuple[str, ...]]], stop: bool = True) -> set[str]:
        """Fire rules whose facts are in; returns the facts (or, with `stop`, {'*'} once a concluding rule fires)."""
        facts: set[str] = set()
        grown = True
        while grown:
            grown = False
            for entry in list(pending):
                concluding, needs, established = entry
                if needs <= facts:
                    if concluding and stop:
                        return {"*"}
                    pending.remove(entry)
                    facts.update(established)
                    grown = True
        return facts

    def concluded(self, view: Any, touched: frozenset[str]) -> bool:
        """Whether the category comes in: the least fixpoint of its rules on the changed values in `view`."""
        affected = {i for name in touched for i in self.readers.get(name, ())}
        pending = [(e[1], e[2], e[5]) for e in self.holding if e[0] not in affected]
        for i in affected:
            _, concluding, needs, fails, by_field, established = self.entries[i]
            if fails <= touched and all(c.holds(view) for f in touched if f in by_field for c in by_field[f]):
                pending.append((concluding, needs, established))
        return "*" in self._fixpoint(pending)


def _linked_pairs() -> list[tuple[str, str]]:
    """Fields tied for validity: one requires the other's value, or some of their values exclude each other."""
    pairs = [(name, other) for name, (other, _) in FIELD_REQUIRES.items()]
    return pairs + [(name, other) for (name, _), (other, _, _) in FIELD_EXCLUDES.items()]


def _with_requirements(fields: set[str]) -> tuple[str, ...]:
    """The fields plus those tied to them for a valid scenario, until nothing more is added."""
    out = set(fields)
    grown = True
    while grown:
        before = len(out)
        for name, other in _linked_pairs():
            if name in out or other in out:
                out |= {name, other}
        grown = len(out) > before
    return tuple(f for f in ATTRIBUTES if f in out)


def _valid(data: dict[str, Any]) -> bool:
    """The scenario model's cross-field rules (the model itself confirms every change reported)."""
    return all(
        data[name] == FIELD_UNSET[name] or data[other] == needed for name, (other, needed) in FIELD_REQUIRES.items()
    ) and not any(
        data[name] == value and data[other] == other_value
        for (name, value), (other, other_value, _) in FIELD_EXCLUDES.items()
    )


class WhyNotSearch:
    """Pack-level lookups built once per explorer; `smallest_changes` does the per-scenario search."""

    def __init__(self, explorer: Explorer):
        self.explorer = explorer
        self.by_category = {cat: _CategoryRules(cat, explorer.pack) for cat in CORE_CATEGORIES}
        self.conditions: dict[str, tuple[AttributeCondition, ...]] = {}
        for rule in explorer.pack.rules:
            for cond in rule.attribute_conditions:
                assert isinstance(cond, AttributeCondition)
                self.conditions[cond.attribute] = (*self.conditions.get(cond.attribute, ()), cond)
        self.classes = {name: self._value_classes(name) for name, spec in ATTRIBUTES.items() if spec.kind != "set"}
        self.item_groups = {name: self._item_signatures(name) for name, spec in ATTRIBUTES.items() if spec.kind == "set"}

    # -- pack level -------------------------------------------------------------------------
    def _value_classes(self, name: str) -> list[tuple[Any, ...]]:
        """The field's values grouped by how every condition on it, and validity, treats them."""
        spec = ATTRIBUTES[name]
        values = ((None,) if spec.nullable else ()) + tuple(spec.values)
        requirements = [needed for other, needed in FIELD_REQUIRES.values() if other == name]
        requirements += [v for (field, v), _ in FIELD_EXCLUDES.items() if field == name]
        requirements += [v for (other, v, _) in FIELD_EXCLUDES.values() if other == name]
        groups: dict[tuple[bool, ...], list[Any]] = {}
        for value in values:
            view = SimpleNamespace(**{name: value})
            signature = (
                *(c.holds(view) for c in self.conditions.get(name, ())),
                name in FIELD_UNSET and value == FIELD_UNSET[name],
                *(value == needed for needed in requirements),
            )
            groups.setdefault(signature, []).append(value)
        return [tuple(g) for g in groups.values()]

    def _item_signatures(self, name: str) -> dict[Any, tuple[bool, ...]]:
        """For a set field: which conditions name each item (items with one signature are interchangeable)."""
        conds = self.conditions.get(name, ())
        return {
            item: tuple(item in (c.value if isinstance(c.value, tuple) else (c.value,)) for c in conds)
            for item in ATTRIBUTES[name].values
        }

    # -- one scenario -------------------------------------------------------------------------
    def _units(self, data: dict[str, Any], fields: Iterable[str]) -> tuple[list[Unit], dict[Unit, tuple[Any, int]]]:
        """Every elementary change worth trying, and for set items their (group, rank) for symmetry breaking."""
        units: list[Unit] = []
        rank: dict[Unit, tuple[Any, int]] = {}
        for name in fields:
            current = data[name]
            if ATTRIBUTES[name].kind == "set":
                seen: dict[Any, int] = {}
                for item, signature in self.item_groups[name].items():
                    present = item in current
                    group = (name, signature, present)
                    unit = Unit(name, item, not present)
                    rank[unit] = (group, seen.get(group, 0))
                    seen[group] = seen.get(group, 0) + 1
                    units.append(unit)
                continue
            for values in self.classes[name]:
                if current in values:
                    continue
                units.append(Unit(name, None, _nearest(values, current, name)))
        return units, rank

    def _apply(self, data: dict[str, Any], combo: tuple[Unit, ...]) -> dict[str, Any] | None:
        """The scenario values after the changes, or None when two changes hit one scalar field."""
        out = dict(data)
        touched: set[str] = set()
        for unit in combo:
            if unit.item is None:
                if unit.field in touched:
                    return None
                touched.add(unit.field)
                out[unit.field] = unit.value
            else:
                items = set(out[unit.field])
                (items.add if unit.value else items.discard)(unit.item)
                spec_order = ATTRIBUTES[unit.field].values
                out[unit.field] = tuple(i for i in spec_order if i in items)
        return out

    def smallest_changes(self, scenario: Scenario | dict[str, Any], category: str) -> list[SmallestChange]:
        """Every smallest set of input changes (up to 3) that brings `category` in; empty if none does."""
        base = parse_scenario(scenario)
        rules = self.by_category.get(category)
        if rules is None:
            return []
        data = base.model_dump()
        units, rank = self._units(data, rules.fields)
        screen = _Screen(rules, SimpleNamespace(**data))
        out: list[SmallestChange] = []
        for size in range(1, MAX_SIZE + 1):
            if out:
                break  # pairs only where no single change works, triples only where no pair does
            for combo in combinations(units, size):
                touched = frozenset(u.field for u in combo)
                if not screen.could_conclude(touched) or (rank and not _canonical(combo, rank)):
                    continue
                changed = self._apply(data, combo)
                if changed is None or not _valid(changed) or not screen.concluded(SimpleNamespace(**changed), touched):
                    continue
                confirmed = self._confirm(base, changed, combo, category)
                if confirmed is not None:
                    out.append(confirmed)
        return out

    def _confirm(
        self, base: Scenario, changed: dict[str, Any], combo: tuple[Unit, ...], category: str
    ) -> SmallestChange | None:
        """Validate with the scenario model and evaluate with the engine; None if either refuses."""
        try:
            scenario = Scenario.model_validate(changed)
        except ValidationError:
            return None
        option = self.explorer.evaluate(scenario).option(category)
        if option is None:
            return None
        fields = [f for f in ATTRIBUTES if any(u.field == f for u in combo)]
        changes = tuple(
            FieldChange(
                field=f, label=FIELD_LABELS.get(f, f), from_=_plain(getattr(base, f)), to=_plain(changed[f]),
                from_label=value_label(getattr(base, f)), to_label=value_label(changed[f]),
            )
            for f in fields
        )
        return SmallestChange(
            size=len(combo), changes=changes, role_labels=option.role_labels, rules=option.rules,
            chain=option.chain, statements=option.statements,
            key_statements=tuple(dict.fromkeys(s for r in option.rules for s in self.explorer.explainer.rules[r].spec.cites)),
        )

    def attach(self, result: Result) -> Result:
        """The result with `smallest_changes` filled for every core category not discussed."""
        scenario = parse_scenario({k: v for k, v in result.scenario.items()})
        items: list[NotDiscussed] = []
        statements = dict(result.statements)
        refs = self.explorer.explainer.statement_refs
        for item in result.not_discussed:
            changes = tuple(self.smallest_changes(scenario, item.category))
            for change in changes:
                statements.update({s: refs[s] for s in change.statements if s in refs})
            items.append(item.model_copy(update={"smallest_changes": changes}))
        # a copy: the cached Result stays as it was; its statements stay read-only
        return result.model_copy(update={"not_discussed": tuple(items), "statements": MappingProxyType(statements)})


def _nearest(values: tuple[Any, ...], current: Any, name: str) -> Any:
    """The value of a class to try: for numbers the nearest to the current one (or to the middle), else the first."""
    spec = ATTRIBUTES[name]
    numbers = [v for v in values if v is not None]
    if spec.kind != "int" or not numbers:
        return values[0]
    target = current if current is not None else (spec.values[0] + spec.values[-1]) / 2
    return min(numbers, key=lambda v: (abs(v - target), v))


def _canonical(combo: tuple[Unit, ...], rank: dict[Unit, tuple[Any, int]]) -> bool:
    """Interchangeable set items are combined in order only: using k of a group means its first k."""
    used: dict[Any, list[int]] = {}
    for unit in combo:
        if unit in rank:
            group, position = rank[unit]
            used.setdefault(group, []).append(position)
    return all(sorted(p) == list(range(len(p))) for p in used.values())


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def why_not_search(explorer: Explorer) -> WhyNotSearch:
    """The search for this explorer (its pack-level lookups are built on first use and kept on the explorer)."""
    search = explorer.__dict__.get("_why_not_search")
    if search is None:
        search = explorer.__dict__["_why_not_search"] = WhyNotSearch(explorer)
    return search


def smallest_changes(explorer: Explorer, scenario: Scenario | dict[str, Any], category: str) -> list[SmallestChange]:
    """Every smallest set of up to three input changes that brings `category` in (one size: the smallest that works)."""
    return why_not_search(explorer).smallest_changes(scenario, category)


def with_smallest_changes(explorer: Explorer, result: Result) -> Result:
    """`result` with `not_discussed[].smallest_changes` filled (statements they cite added to `statements`)."""
    return why_not_search(explorer).attach(result)
