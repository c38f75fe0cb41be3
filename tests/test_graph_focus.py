"""Which option's chain a derivation graph opens on (explorer.graph.default_focus)."""

from __future__ import annotations

from explorer import Scenario
from explorer.graph import FOCUS_ABOVE, default_focus


def test_a_small_graph_shows_every_option(explorer) -> None:
    result = explorer.evaluate(Scenario(behaviour="benign"))
    assert len(result.trace) <= FOCUS_ABOVE and default_focus(result) is None


def test_a_large_graph_opens_on_the_first_core_option(explorer) -> None:
    result = explorer.evaluate(Scenario(behaviour="malignant", origin="secondary", symptoms=("pain", "weakness")))
    assert len(result.trace) > FOCUS_ABOVE
    assert default_focus(result) == "surgery"  # discussed, and first of the core categories in their fixed order


def test_without_a_core_option_the_first_adjunct(explorer) -> None:
    result = explorer.evaluate(Scenario(behaviour="malignant", origin="secondary", symptoms=("pain", "weakness")))
    adjuncts_only = result.model_copy(update={"options": tuple(o for o in result.options if o.kind == "adjunct")})
    assert default_focus(adjuncts_only) == adjuncts_only.options[0].category
    assert default_focus(result.model_copy(update={"options": ()})) is None
