"""What-if: how each factor's alternative values change the options, and two-scenario comparison."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from .api import Explorer
from .cache import cached_by_scenario
from .categories import CATEGORIES
from .result import Result
from .scenario import ATTRIBUTES, FIELD_EXCLUDES, FIELD_LABELS, FIELD_REQUIRES, FIELD_UNSET, SYMPTOMS, TEXT_FIELDS, Scenario, parse_scenario, value_label

AGE_PROBES: tuple[int | None, ...] = (None, 20, 50, 80)


class Variation(BaseModel):
    """One alternative value of one factor and how the listed categories change."""

    model_config = ConfigDict(frozen=True)

    attribute: str
    label: str
    current: str
    alternative: str
    value: Any
    added: tuple[str, ...]
    removed: tuple[str, ...]
    note: str = ""


def _alternatives(scenario: Scenario, name: str) -> list[tuple[Any, str]]:
    """(changes-to-apply, label) pairs for every other value of `name`."""
    spec = ATTRIBUTES[name]
    current = getattr(scenario, name)
    if spec.kind == "set":
        out = []
        for s in SYMPTOMS:
            new = tuple(x for x in current if x != s) if s in current else (*current, s)
            out.append((new, ("without " if s in current else "with ") + value_label(s)))
        return out
    if name == "age":
        values: tuple[Any, ...] = AGE_PROBES
    elif spec.nullable:
        values = (None, *spec.values)
    else:
        values = spec.values
    return [(v, value_label(v)) for v in values if v != current]


def vary(scenario: Scenario, name: str, value: Any) -> tuple[Scenario, str]:
    """The scenario with one factor changed; dependent fields follow so it stays valid. Raises InputError.

    The note says which other field moved and why, naming both fields (a conflict is said, never resolved silently).
    """
    data = scenario.model_dump()
    data[name] = value
    note = ""
    for field, (other, needed) in FIELD_REQUIRES.items():
        if name == field and value != FIELD_UNSET[field] and data[other] != needed:
            data[other] = needed
            note = (f"{FIELD_LABELS[field]}: {value_label(value)} applies only when {FIELD_LABELS[other]} is "
                    f"{value_label(needed)}, so {FIELD_LABELS[other]} was set to {value_label(needed)}")
        if name == other and value != needed and data[field] != FIELD_UNSET[field]:
            data[field] = FIELD_UNSET[field]
            note = (f"{FIELD_LABELS[field]} was cleared: it applies only when {FIELD_LABELS[other]} is "
                    f"{value_label(needed)}")
    for (field, bad), (other, other_bad, why) in FIELD_EXCLUDES.items():  # the field not just chosen gives way
        if data[field] == bad and data[other] == other_bad:
            moved = other if name == field else field
            data[moved] = "unknown"
            for dependent, (needs, _) in FIELD_REQUIRES.items():
                if needs == moved:
                    data[dependent] = FIELD_UNSET[dependent]
            note = (f"{FIELD_LABELS[field]}: {value_label(bad)} cannot go with {FIELD_LABELS[other]}: "
                    f"{value_label(other_bad)}, so {FIELD_LABELS[moved]} was set to unknown. Why: {why}")
    return parse_scenario(data), note  # a bad value is an InputError naming the field, as everywhere else


@cached_by_scenario(maxsize=256)
def sensitivity(explorer: Explorer, scenario: Scenario) -> tuple[Variation, ...]:
    """For each factor, each alternative value: which categories it adds or removes (cached per scenario)."""
    base = parse_scenario(scenario)
    base_cats = set(explorer.evaluate(base).categories)
    rows = []
    for name in ATTRIBUTES:
        for value, label in _alternatives(base, name):
            varied, note = vary(base, name, value)
            cats = set(explorer.evaluate(varied).categories)
            rows.append(Variation(
                attribute=name, label=FIELD_LABELS[name], current=value_label(getattr(base, name)),
                alternative=label, value=value,
                added=tuple(in_category_order(cats - base_cats)),
                removed=tuple(in_category_order(base_cats - cats)), note=note,
            ))
    return tuple(rows)


def in_category_order(categories: set[str]) -> list[str]:
    return [c for c in CATEGORIES if c in categories]


class Comparison(BaseModel):
    """Scenario A against scenario B: changed inputs -> changed rules -> changed options."""

    model_config = ConfigDict(frozen=True)

    changed_inputs: tuple[tuple[str, str, str], ...]  # (field label, A value, B value)
    rules_only_a: tuple[str, ...]
    rules_only_b: tuple[str, ...]
    options_only_a: tuple[str, ...]
    options_only_b: tuple[str, ...]
    options_both: tuple[str, ...]
    roles_changed: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


def compare_results(a: Result, b: Result) -> Comparison:
    changed = tuple(
        (FIELD_LABELS.get(k, k), value_label(a.scenario[k]), value_label(b.scenario[k]))
        for k in a.scenario if k not in TEXT_FIELDS and a.scenario[k] != b.scenario[k]
    )
    ra, rb = [s.rule for s in a.trace], [s.rule for s in b.trace]
    ca, cb = set(a.categories), set(b.categories)
    roles = tuple(
        (c, a.option(c).role_labels, b.option(c).role_labels)  # type: ignore[union-attr]
        for c in in_category_order(ca & cb) if a.option(c).roles != b.option(c).roles  # type: ignore[union-attr]
    )
    return Comparison(
        changed_inputs=changed,
        rules_only_a=tuple(r for r in ra if r not in rb), rules_only_b=tuple(r for r in rb if r not in ra),
        options_only_a=tuple(in_category_order(ca - cb)), options_only_b=tuple(in_category_order(cb - ca)),
        options_both=tuple(in_category_order(ca & cb)), roles_changed=roles,
    )


def compare(explorer: Explorer, a: Scenario | dict[str, Any], b: Scenario | dict[str, Any]) -> Comparison:
    return compare_results(explorer.evaluate(a), explorer.evaluate(b))


class EffectCell(BaseModel):
    """One factor against one category: how many of the factor's other values add it and how many remove it."""

    model_config = ConfigDict(frozen=True)

    factor: str  # the factor's label
    category: str  # the category's label
    adds: int
    removes: int

    @property
    def effect(self) -> str:
        """'adds', 'removes' or 'adds and removes' (the two-colour legend of the What-if heatmap)."""
        return "adds and removes" if self.adds and self.removes else ("adds" if self.adds else "removes")

    @property
    def counts(self) -> str:
        """'+2', '−1' or '+2 −1': the counts written in the cell, so that colour is never alone."""
        return " ".join(part for part in (f"+{self.adds}" if self.adds else "", f"−{self.removes}" if self.removes else "") if part)


def changing(rows: tuple[Variation, ...]) -> tuple[Variation, ...]:
    """The alternatives that add or remove some category."""
    return tuple(r for r in rows if r.added or r.removed)


def effect_cells(rows: tuple[Variation, ...]) -> tuple[EffectCell, ...]:
    """Factors x categories from a sensitivity table; factors and categories that change nothing are left out.

    Cells come factor by factor, in the table's factor order, then in category order."""
    counts: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        for c in r.added:
            counts.setdefault((r.label, c), [0, 0])[0] += 1
        for c in r.removed:
            counts.setdefault((r.label, c), [0, 0])[1] += 1
    factors = list(dict.fromkeys(r.label for r in rows))
    return tuple(EffectCell(factor=f, category=CATEGORIES[c], adds=counts[f, c][0], removes=counts[f, c][1])
                 for f in factors for c in CATEGORIES if (f, c) in counts)
