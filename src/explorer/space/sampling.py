"""Random valid scenarios, reproducible from a seed (benchmarks, sweeps, cross-checks)."""

from __future__ import annotations

import random
from typing import Any, Iterator

from ..scenario import ATTRIBUTES, FIELD_EXCLUDES, FIELD_REQUIRES, FIELD_UNSET, SYMPTOMS, Scenario


def random_scenario_dict(rng: random.Random) -> dict[str, Any]:
    """A valid scenario mapping, reproducible from `rng`.

    Every enum and yes/no field is drawn uniformly from its values; a stage or an age is "not given" with
    probability 0.3, else uniform over its range; each symptom is present with probability 0.3. Then the format's
    ties are applied: a value that cannot go with another (benign with secondary) is drawn again from the field's
    other values, and a field that requires another (a stage: malignant; a primary site: secondary) is cleared when
    that one does not hold."""
    data: dict[str, Any] = {}
    for name, spec in ATTRIBUTES.items():
        if spec.kind == "set":
            data[name] = [s for s in SYMPTOMS if rng.random() < 0.3]
        elif spec.kind == "int":
            data[name] = None if rng.random() < 0.3 else rng.choice(spec.values)
        else:
            data[name] = rng.choice(spec.values)
    for (field, value), (other, other_value, _) in FIELD_EXCLUDES.items():
        if data[field] == value and data[other] == other_value:
            data[field] = rng.choice([v for v in ATTRIBUTES[field].values if v != value])
    for field, (other, needed) in FIELD_REQUIRES.items():
        if data[other] != needed:
            data[field] = FIELD_UNSET[field]
    return data


def random_scenarios(n: int, seed: int = 0) -> Iterator[Scenario]:
    rng = random.Random(seed)
    for _ in range(n):
        yield Scenario.model_validate(random_scenario_dict(rng))
