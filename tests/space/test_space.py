"""The scenario space: grids enumerate exactly the product of the factors' values; samples match sampling."""

from __future__ import annotations

import itertools

import pytest

from explorer import InputError, Scenario
from explorer.conditions import AttributeCondition
from explorer.space.sampling import random_scenarios
from explorer.scenario import ATTRIBUTES, SYMPTOMS
from explorer.space.factors import FIELDS, age_bands, factors, grid_rows, resolve_factors, row_of, sample_rows


def test_grid_is_exactly_the_product_of_the_factor_values():
    table = factors()
    chosen = resolve_factors(["origin", "extent", "cord_compression", "overall_health"], table)
    grid = grid_rows(chosen)
    expected = set(itertools.product(ATTRIBUTES["origin"].values, ATTRIBUTES["extent"].values, (True, False),
                                     ATTRIBUTES["overall_health"].values))
    got = [(r[FIELDS.index("origin")], r[FIELDS.index("extent")], r[FIELDS.index("cord_compression")],
            r[FIELDS.index("overall_health")]) for r in grid.rows]
    assert grid.size == len(expected) == len(got) and grid.invalid == 0
    assert set(got) == expected
    # every other field stays at the (empty) base scenario
    base = row_of(Scenario())
    varied = {FIELDS.index(n) for n in ("origin", "extent", "cord_compression", "overall_health")}
    assert all(r[i] == base[i] for r in grid.rows for i in range(len(FIELDS)) if i not in varied)


def test_symptoms_expand_to_every_subset_over_a_base():
    base = Scenario(behaviour="malignant", stage=2)
    grid = grid_rows(resolve_factors(["symptoms"], factors()), base)
    subsets = {r[FIELDS.index("symptoms")] for r in grid.rows}
    assert len(grid.rows) == 2 ** len(SYMPTOMS) == len(subsets)
    assert {s for subset in subsets for s in subset} == set(SYMPTOMS)
    assert all(r[FIELDS.index("stage")] == 2 for r in grid.rows)


def test_invalid_combinations_are_skipped_and_counted():
    grid = grid_rows(resolve_factors(["stage", "behaviour"], factors()))
    # 5 stage values x 3 behaviours; a stage 1-4 needs malignant: 4 x 2 combinations are invalid
    assert (grid.size, grid.invalid, len(grid.rows)) == (15, 8, 7)
    assert "malignant" in grid.invalid_example


def test_age_probes_cover_every_band_and_rule_thresholds_split_bands():
    table = factors()
    age = table["age"]
    assert age.probes[0] is None
    assert [age.level(p) for p in age.probes[1:]] == list(age.levels[1:])
    lows = [lo for lo, _ in age_bands()]
    assert lows == [0, 18, 40, 65]

    class _Rule:  # a rule testing age >= 70 adds an edge at 70; one testing age <= 80 ends a band at 80
        attribute_conditions = (AttributeCondition("age", "gte", 70), AttributeCondition("age", "lte", 80))

    assert [lo for lo, _ in age_bands([_Rule()])] == [0, 18, 40, 65, 70, 81]


def test_sample_rows_are_the_sampling_modules_scenarios():
    rows = list(sample_rows(200, seed=7))
    assert rows == [row_of(s) for s in random_scenarios(200, seed=7)]


@pytest.mark.parametrize("names, message", [
    (["nope"], "unknown factor 'nope'"),
    (["origin", "origin"], "named more than once"),
    ([""], "empty factor name"),
])
def test_bad_factor_names(names, message):
    with pytest.raises(InputError, match=message):
        resolve_factors(names, factors())


def test_grid_size_limit():
    chosen = resolve_factors(["primary_site", "compartment", "region", "symptoms"], factors())
    with pytest.raises(InputError, match="combinations; the limit is 1,000"):
        grid_rows(chosen, limit=1000)
