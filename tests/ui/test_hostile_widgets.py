"""Crafted widget values and links: validated with the command line's message, reported, never stuck."""

from __future__ import annotations

import math

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from explorer import Scenario
from ui.link_guard import DROPPED_LINK, report_dropped

from .conftest import acknowledge, new_app, open_page


def notes(at) -> list[str]:
    return [i.value for i in at.info] + [c.value for c in at.caption]


def refused(at, field: str) -> str:
    text = next((n for n in notes(at) if "Value not accepted" in n), "")
    assert f"field '{field}'" in text.replace("\\", ""), notes(at)
    assert "pydantic" not in text and "errors.pydantic.dev" not in text and "Input should be" not in text
    return text


def send_crafted_option(at, key: str, raw: str) -> None:
    """What a crafted websocket message does: send a selectbox value that is not one of its options."""
    widget = at.selectbox(key=key)

    class Crafted(type(widget)):
        @property
        def _widget_state(self) -> WidgetState:
            return WidgetState(id=self.id, string_value=raw)

    widget.__class__ = Crafted
    at.run()


def test_an_option_that_was_never_offered_is_refused_like_the_cli(app) -> None:
    send_crafted_option(app, "field:origin", "sideways")
    assert not app.exception
    text = refused(app, "origin").replace("\\", "")
    assert "got 'sideways'; allowed: 'primary', 'secondary' or 'unknown'" in text
    assert app.session_state["scenario"] == Scenario()
    app.selectbox(key="field:behaviour").select("malignant").run()  # the page still works
    assert not app.exception and app.session_state["scenario"].behaviour == "malignant"


@pytest.mark.parametrize("age", [math.nan, math.inf, -math.inf, 45.5, 300.0])
def test_an_age_that_is_not_a_whole_number_is_refused_and_later_reruns_work(app, age) -> None:
    app.number_input(key="field:age").set_value(age).run()
    assert not app.exception, [e.value for e in app.exception]
    if age == 45.5:  # reaches validation
        assert "expected a whole number or null, got 45.5" in refused(app, "age").replace("\\", "")
    # NaN, inf and out-of-range values fall back to the widget's default (not given) inside Streamlit
    assert app.session_state["scenario"].age is None
    for _ in range(2):  # every later rerun renders normally
        app.run()
        assert not app.exception
    app.number_input(key="field:age").set_value(45).run()
    assert not app.exception and app.session_state["scenario"].age == 45


TAB_KEY, B_FACTORS, B_FIELD = "what_if_tab", "b_factors", "b:"  # keys of ui/views/what_if.py


def test_scenario_b_refuses_a_crafted_value_without_breaking_the_page() -> None:
    at = acknowledge(new_app().run())
    open_page(at, "what_if")
    at.session_state[TAB_KEY] = "Compare two scenarios"
    at.run()
    at.multiselect(key=B_FACTORS).select("origin").run()
    send_crafted_option(at, B_FIELD + "origin", "sideways")
    assert not at.exception, [e.value for e in at.exception]
    # Without an on_change callback Streamlit itself falls back to an offered option; either way B stays valid
    assert at.session_state[B_FIELD + "origin"] in ("primary", "secondary", "unknown")
    assert not [n for n in notes(at) if "pydantic" in n or "Input should be" in n]
    at.run()  # not stuck: the next rerun renders too
    assert not at.exception


def open_link(params: dict) -> object:
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return acknowledge(at)


def link_warning(at) -> str:
    return next(w.value for w in at.warning if "could not be used" in w.value).replace("\\", "")


def test_repeated_symptoms_make_a_list() -> None:
    at = open_link({"symptoms": ["pain", "numbness,weakness"]})
    assert at.session_state["scenario"].symptoms == ("pain", "numbness", "weakness")
    assert not [w for w in at.warning if "could not be used" in w.value]


def test_another_repeated_parameter_is_refused_on_the_page() -> None:
    at = open_link({"origin": ["primary", "secondary"], "behaviour": "benign"})
    assert "'origin' is given 2 times; it takes one value" in link_warning(at)
    scenario = at.session_state["scenario"]
    assert (scenario.origin, scenario.behaviour) == ("unknown", "benign")


def test_a_link_with_more_than_1000_parameters_is_reported() -> None:
    at = open_link({"behaviour": "benign", **{f"p{i}": "x" for i in range(1000)}})
    assert "the link has 1,001 parameters (or is too long); at most 1,000 are read" in link_warning(at)
    assert at.session_state["scenario"] == Scenario()


def test_a_link_streamlit_dropped_is_reported() -> None:
    sanitize = report_dropped(lambda query: "" if query.count("&") >= 1000 else query)
    query = "&".join(f"p{i}=x" for i in range(1500))
    assert sanitize(query) == f"{DROPPED_LINK}=1500" and sanitize("origin=primary") == "origin=primary"
    at = open_link({DROPPED_LINK: "1500"})
    assert "1,500 parameters (or is too long)" in link_warning(at)


def test_an_uploaded_alias_bomb_is_refused_at_once() -> None:
    import time

    from ui.importing import import_upload

    from ..test_hostile_input import alias_bomb

    start = time.process_time()
    outcome = import_upload(alias_bomb("title").encode(), "bomb.yaml")
    assert time.process_time() - start < 1.0
    assert outcome.scenario is None and "aliases expand to more than 1,000 values" in outcome.error


def test_people_never_see_a_traceback() -> None:
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        raise ValueError("internal detail that must not reach the page")

    at = AppTest.from_function(page).run()  # reads .streamlit/config.toml from the repository root
    assert len(at.exception) == 1
    shown = at.exception[0]
    assert "internal detail" not in shown.message and not shown.stack_trace


def test_the_app_serves_this_machine_only_by_default(monkeypatch) -> None:
    from streamlit import config

    from ..conftest import REPO

    monkeypatch.chdir(REPO)
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("server.address") == "127.0.0.1"
        assert config.get_option("client.showErrorDetails") == "none"
    finally:
        config.get_config_options(force_reparse=True)
