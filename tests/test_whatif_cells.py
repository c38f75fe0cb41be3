"""The What-if heatmap's cells, counted in the library (explorer.whatif.effect_cells)."""

from __future__ import annotations

from explorer.whatif import Variation, changing, effect_cells


def variation(label: str, alternative: str, added=(), removed=()) -> Variation:
    return Variation(attribute=label.lower(), label=label, current="now", alternative=alternative, value=alternative,
                     added=tuple(added), removed=tuple(removed))


ROWS = (
    variation("Behaviour", "benign", added=["observation"], removed=["chemotherapy"]),
    variation("Behaviour", "unknown", removed=["chemotherapy"]),
    variation("Grade", "high"),  # changes nothing: no cell, and left out of `changing`
    variation("Stage", "4", added=["palliative", "chemotherapy"]),
    variation("Stage", "1", removed=["palliative"]),
)


def test_cells_count_adds_and_removes_per_factor_and_category() -> None:
    cells = [(c.factor, c.category, c.adds, c.removes, c.effect, c.counts) for c in effect_cells(ROWS)]
    assert cells == [
        ("Behaviour", "Observation / monitoring", 1, 0, "adds", "+1"),
        ("Behaviour", "Chemotherapy", 0, 2, "removes", "−2"),
        ("Stage", "Chemotherapy", 1, 0, "adds", "+1"),
        ("Stage", "Palliative care", 1, 1, "adds and removes", "+1 −1"),
    ]


def test_changing_keeps_only_alternatives_that_change_something() -> None:
    assert [r.alternative for r in changing(ROWS)] == ["benign", "unknown", "4", "1"]
    assert effect_cells(()) == ()
