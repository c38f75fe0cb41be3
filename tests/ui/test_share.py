"""Share links: opening a link restores the scenario exactly; bad parameters warn, never crash."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from explorer.cases import load_cases
from explorer.space.sampling import random_scenarios
from explorer.share import to_query

from .conftest import ACKED, acknowledge, new_app, open_lazy, open_page

CASES = load_cases()


def open_link(params: dict[str, str]):
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return acknowledge(at)


@pytest.mark.parametrize("scenario", [c.scenario_with_title() for c in CASES] + list(random_scenarios(5, seed=11)),
                         ids=[c.id for c in CASES] + [f"random{i}" for i in range(5)])
def test_link_restores_the_scenario_exactly(scenario) -> None:
    at = open_link(to_query(scenario))
    assert at.session_state["scenario"] == scenario
    assert at.query_params == {**to_query(scenario), **ACKED}  # the share link plus this tab's acknowledgement
    query = urlencode(to_query(scenario))
    open_lazy(at, "share_open")  # the Share link popover above the results
    assert at.code[0].value.endswith("?" + query if query else "/")
    open_page(at, "step_through")  # the scenario survives page switches and stays in the URL
    assert at.session_state["scenario"] == scenario
    assert at.query_params == {**to_query(scenario), **ACKED}


def test_tampered_link_warns_and_uses_defaults() -> None:
    at = open_link({"behaviour": "malignant", "stage": "9", "origin": "somewhere", "colour": "red"})
    warnings = [w.value for w in at.warning if "could not be used" in w.value]
    assert len(warnings) == 1
    text = warnings[0]
    assert "stage" in text and "origin" in text and "colour" in text
    scenario = at.session_state["scenario"]
    assert (scenario.behaviour, scenario.stage, scenario.origin) == ("malignant", None, "unknown")
    assert at.query_params == {"behaviour": "malignant", **ACKED}  # the cleaned link


def test_inconsistent_link_falls_back_without_exception() -> None:
    at = open_link({"behaviour": "benign", "stage": "2", "primary_site": "lung"})
    assert any("could not be used" in w.value for w in at.warning)
    scenario = at.session_state["scenario"]
    assert scenario.stage is None and scenario.primary_site == "unknown" and scenario.behaviour == "benign"


def test_link_warning_goes_away_after_a_change() -> None:
    at = open_link({"stage": "x"})
    assert any("could not be used" in w.value for w in at.warning)
    at.selectbox(key="field:behaviour").select("benign").run()
    assert not any("could not be used" in w.value for w in at.warning)


def test_link_markdown_in_parameter_names_is_not_rendered() -> None:
    at = open_link({"[click](http://example.org)": "1"})
    text = next(w.value for w in at.warning if "could not be used" in w.value)
    assert "\\[click\\]\\(http" in text  # escaped, so shown as text rather than a link
