"""Filtering the case library: by a few scenario fields and by what a case teaches."""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from .cases import Case
from .scenario import value_label

FACET_FIELDS: tuple[str, ...] = ("origin", "behaviour", "phase")
TEACHES = "teaches"


def facet_values(cases: Sequence[Case]) -> dict[str, list[str]]:
    """For each facet (the scenario fields above, then 'teaches'): the values the library uses, in first-seen order."""
    out: dict[str, list[str]] = {name: [] for name in (*FACET_FIELDS, TEACHES)}
    for case in cases:
        for name in FACET_FIELDS:
            value = str(getattr(case.scenario, name))
            if value not in out[name]:
                out[name].append(value)
        out[TEACHES] += [tag for tag in case.teaches if tag not in out[TEACHES]]
    return out


def matches(case: Case, chosen: Mapping[str, Iterable[str]]) -> bool:
    """Within a facet any chosen value matches; every facet with a choice must match."""
    for name, values in chosen.items():
        wanted = set(values)
        if not wanted:
            continue
        have = set(case.teaches) if name == TEACHES else {str(getattr(case.scenario, name))}
        if not wanted & have:
            return False
    return True


def filter_cases(cases: Sequence[Case], chosen: Mapping[str, Iterable[str]]) -> list[Case]:
    return [case for case in cases if matches(case, chosen)]


def facet_label(value: str) -> str:
    return value_label(value)
