"""Hypothesis strategies for scenarios, derived from the Scenario model's own field specs."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from explorer.scenario import ATTRIBUTES, FIELD_EXCLUDES, SYMPTOMS


def _field(name: str) -> st.SearchStrategy[Any]:
    spec = ATTRIBUTES[name]
    if spec.kind == "set":
        return st.lists(st.sampled_from(SYMPTOMS), max_size=9)  # duplicates allowed: they are folded
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "int":
        return st.none() | st.integers(spec.values[0], spec.values[-1])
    return st.sampled_from(spec.values)


@st.composite
def scenario_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """Valid scenario mappings, any subset of fields, cross-field rules respected."""
    names = draw(st.lists(st.sampled_from(list(ATTRIBUTES)), unique=True))
    data = {name: draw(_field(name)) for name in names}
    if data.get("stage") is not None:
        data["behaviour"] = "malignant"
    if data.get("primary_site", "unknown") != "unknown":
        data["origin"] = "secondary"
    for (field, value), (other, other_value, _) in FIELD_EXCLUDES.items():
        if data.get(field) == value and data.get(other) == other_value:
            data[field] = draw(st.sampled_from([v for v in ATTRIBUTES[field].values if v != value]))
    return data
