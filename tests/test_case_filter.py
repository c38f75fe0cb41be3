"""Case-library filter: facets come from the library itself; a filter keeps exactly the matching cases."""

from __future__ import annotations

from explorer.case_filter import FACET_FIELDS, TEACHES, facet_values, filter_cases
from explorer.cases import load_cases

CASES = load_cases()


def test_facets_list_every_value_the_library_uses() -> None:
    facets = facet_values(CASES)
    for name in FACET_FIELDS:
        assert set(facets[name]) == {str(getattr(c.scenario, name)) for c in CASES}
    assert set(facets[TEACHES]) == {t for c in CASES for t in c.teaches}


def test_each_facet_value_keeps_exactly_its_cases() -> None:
    facets = facet_values(CASES)
    for name in FACET_FIELDS:
        for value in facets[name]:
            kept = filter_cases(CASES, {name: [value]})
            assert kept and all(str(getattr(c.scenario, name)) == value for c in kept)
            assert len(kept) == sum(str(getattr(c.scenario, name)) == value for c in CASES)
    for tag in facets[TEACHES]:
        assert filter_cases(CASES, {TEACHES: [tag]}) == [c for c in CASES if tag in c.teaches]


def test_facets_combine_with_and_values_with_or() -> None:
    assert filter_cases(CASES, {}) == list(CASES)
    assert filter_cases(CASES, {"behaviour": []}) == list(CASES)
    both = filter_cases(CASES, {"behaviour": ["malignant"], "origin": ["secondary"]})
    assert both == [c for c in CASES if c.scenario.behaviour == "malignant" and c.scenario.origin == "secondary"]
    either = filter_cases(CASES, {"behaviour": ["malignant", "benign"]})
    assert either == [c for c in CASES if c.scenario.behaviour in ("malignant", "benign")]
