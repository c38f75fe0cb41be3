"""The scenario space a sweep covers: factors, their levels, grids and random samples.

A *row* is one scenario as a tuple of values in `FIELDS` order (symptoms as a tuple): compact
to hold 100,000 of and cheap to send to worker processes.

Factors are the scenario attributes, except that each symptom is its own present/absent factor
(`symptoms.pain`, ...); `symptoms` in a grid stands for all seven (2**7 combinations).
Age is summarised in bands whose edges are 18, 40 and 65 plus every age threshold a rule tests
(so no band straddles a threshold); a grid probes age "not given" and the lowest age of each band,
which covers every distinct way the rules can treat an age.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from pydantic import ValidationError

from ..errors import InputError, describe_validation_error
from ..rulepack import Rule
from .sampling import random_scenario_dict
from ..scenario import ATTRIBUTES, FIELD_LABELS, SYMPTOMS, Scenario, int_bounds, value_label

FIELDS: tuple[str, ...] = tuple(ATTRIBUTES)
Row = tuple[Any, ...]
AGE_EDGES: tuple[int, ...] = (18, 40, 65)
MAX_GRID = 1_000_000


def row_of(scenario: Scenario) -> Row:
    return tuple(getattr(scenario, name) for name in FIELDS)


def scenario_of(row: Row) -> Scenario:
    """Validate a row; an invalid one raises InputError naming the field."""
    try:
        return Scenario.model_validate(dict(zip(FIELDS, row)))
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, "sweep scenario")) from None


def age_bands(rules: Sequence[Rule] = ()) -> tuple[tuple[int, int], ...]:
    """Inclusive (low, high) age bands: the default edges plus every age threshold in the rules."""
    edges = set(AGE_EDGES)
    for rule in rules:
        for cond in rule.attribute_conditions:
            if cond.attribute != "age":
                continue
            edges.update(cond.operator.cuts(cond.value))
    youngest, oldest = int_bounds("age")
    cuts = sorted(e for e in edges if youngest < e <= oldest)
    lows = [youngest, *cuts]
    highs = [c - 1 for c in cuts] + [oldest]
    return tuple(zip(lows, highs))


@dataclass(frozen=True)
class Factor:
    """One dimension of the scenario space, with the levels summaries group by."""

    name: str
    label: str
    attribute: str
    levels: tuple[Any, ...]
    probes: tuple[Any, ...]  # scenario values a grid sets (age: one per band)
    symptom: str | None = None
    bands: tuple[tuple[int, int], ...] = ()

    def level(self, value: Any) -> Any:
        """The level a scenario value falls in (age -> its band label, symptom -> present?)."""
        if self.symptom is not None:
            return self.symptom in value
        if self.bands:
            if value is None:
                return None
            return next(f"{lo}-{hi}" for lo, hi in self.bands if lo <= value <= hi)
        return value

    def probe_level(self, probe: Any) -> Any:
        """The level a grid probe value falls in."""
        return probe if self.symptom is not None else self.level(probe)

    def level_label(self, level: Any) -> str:
        if self.symptom is not None:
            return "present" if level else "absent"
        return value_label(level)

    def apply(self, data: dict[str, Any], probe: Any) -> None:
        """Set a probe value into a scenario mapping."""
        if self.symptom is None:
            data[self.attribute] = probe
            return
        present = set(data.get("symptoms") or ())
        if probe:
            present.add(self.symptom)
        else:
            present.discard(self.symptom)
        data["symptoms"] = tuple(s for s in SYMPTOMS if s in present)


def factors(rules: Sequence[Rule] = ()) -> dict[str, Factor]:
    """Every factor of the space, in scenario-field order (age bands follow the rules' thresholds)."""
    out: dict[str, Factor] = {}
    for name, spec in ATTRIBUTES.items():
        label = FIELD_LABELS.get(name, name)
        if spec.kind == "set":
            for s in SYMPTOMS:
                out[f"symptoms.{s}"] = Factor(f"symptoms.{s}", f"Symptom: {value_label(s)}", name, (True, False),
                                              (True, False), symptom=s)
        elif name == "age":
            bands = age_bands(rules)
            levels = (None, *(f"{lo}-{hi}" for lo, hi in bands))
            out[name] = Factor(name, label, name, levels, (None, *(lo for lo, _ in bands)), bands=bands)
        else:
            values = (*spec.values, None) if spec.nullable else spec.values
            out[name] = Factor(name, label, name, values, values)
    return out


def resolve_factors(names: Iterable[str], table: dict[str, Factor], where: str = "--grid") -> list[Factor]:
    """Look up factor names (`symptoms` = every symptom); unknown or repeated names raise InputError."""
    chosen: list[Factor] = []
    for raw in names:
        name = raw.strip()
        if not name:
            raise InputError(f"{where}: empty factor name; give names separated by commas, e.g. origin,extent")
        if name == "symptoms":
            group = [f for f in table.values() if f.symptom is not None]
        elif name in table:
            group = [table[name]]
        else:
            allowed = ", ".join(["symptoms", *table])
            raise InputError(f"{where}: unknown factor '{name}'; allowed: {allowed}")
        for factor in group:
            if factor in chosen:
                raise InputError(f"{where}: factor '{factor.name}' is named more than once")
            chosen.append(factor)
    if not chosen:
        raise InputError(f"{where}: name at least one factor")
    return chosen


@dataclass(frozen=True)
class Grid:
    """The valid combinations of a grid, and how many of the product were invalid scenarios."""

    rows: list[Row]
    size: int
    invalid: int
    invalid_example: str = ""


def grid_size(chosen: Sequence[Factor]) -> int:
    return math.prod(len(f.probes) for f in chosen)


def grid_rows(chosen: Sequence[Factor], base: Scenario | None = None, limit: int = MAX_GRID) -> Grid:
    """Every combination of the factors' probe values, other fields held at `base`.

    Combinations that are not valid scenarios (a stage without behaviour: malignant, a primary
    site without origin: secondary) are skipped and counted.
    """
    size = grid_size(chosen)
    if size > limit:
        raise InputError(f"--grid: {size:,} combinations; the limit is {limit:,}; name fewer factors")
    start = (base or Scenario()).model_dump()
    rows: list[Row] = []
    invalid, example = 0, ""
    for combo in itertools.product(*(f.probes for f in chosen)):
        data = dict(start)
        for factor, probe in zip(chosen, combo):
            factor.apply(data, probe)
        try:
            rows.append(row_of(Scenario.model_validate(data)))
        except ValidationError as exc:
            invalid += 1
            example = example or describe_validation_error(exc, "combination")
    return Grid(rows, size, invalid, example)


def sample_rows(n: int, seed: int = 0) -> Iterator[Row]:
    """The same scenarios as `sampling.random_scenarios(n, seed)`, as rows."""
    rng = random.Random(seed)
    for _ in range(n):
        data = random_scenario_dict(rng)
        data["symptoms"] = tuple(data["symptoms"])
        yield tuple(data[name] for name in FIELDS)
