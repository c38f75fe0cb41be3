"""The first-visit acknowledgement: `ack=1` in the tab's URL keeps it across a reload, never in a share link."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ACK, ACKED, acknowledge, new_app, open_lazy, open_page, shows_disclaimer

LINK = {"behaviour": "malignant", "stage": "4"}
LINK_WARNING = "could not be used"


def opened(params: dict[str, str | list[str]]) -> AppTest:
    """A new session (a first visit or a reload) on a URL with these query parameters."""
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def gated(at: AppTest) -> bool:
    return [b.label for b in at.button] == [ACK]


def test_acknowledging_adds_the_mark_to_the_url_but_not_to_the_share_link() -> None:
    at = opened(LINK)
    assert gated(at) and shows_disclaimer(at)
    assert at.query_params == LINK  # no mark before the click
    acknowledge(at)
    assert at.query_params == {**LINK, **ACKED}
    assert at.session_state["scenario"].stage == 4  # one click keeps the shared scenario
    open_lazy(at, "share_open")
    assert at.code[0].value == "/?behaviour=malignant&stage=4"
    open_page(at, "what_if")  # the app's own URL updates keep the mark on every page
    assert at.query_params == {**LINK, **ACKED}


def test_a_reload_with_the_mark_skips_the_gate_and_keeps_the_scenario() -> None:
    at = opened({**LINK, **ACKED})
    assert not gated(at) and shows_disclaimer(at)  # the banner stays
    assert at.session_state["scenario"].stage == 4
    assert not any(LINK_WARNING in w.value for w in at.warning)  # the mark is not reported as a bad parameter
    assert at.query_params == {**LINK, **ACKED}
    at.selectbox(key="field:behaviour").select("benign").run()
    assert at.query_params == {"behaviour": "benign", **ACKED}


@pytest.mark.parametrize("value", ["0", "yes", "", " 1", "true", "<b>1</b>", ["1", "1"]],
                         ids=["zero", "yes", "empty", "space", "true", "markup", "repeated"])
def test_any_other_mark_gets_the_normal_gate(value: str | list[str]) -> None:
    at = opened({**LINK, "ack": value})
    assert gated(at) and shows_disclaimer(at)
    assert not any(LINK_WARNING in w.value for w in at.warning)
    assert at.query_params == LINK  # the bad mark is dropped from the URL
    acknowledge(at)
    assert at.query_params == {**LINK, **ACKED}
    assert at.session_state["scenario"].stage == 4


def test_every_page_is_gated_without_the_mark_and_open_with_it() -> None:
    for view in ("step_through", "quiz", "cases"):
        at = opened(LINK)
        open_page(at, view)
        assert gated(at), view
        at = opened({**LINK, **ACKED})
        open_page(at, view)
        assert not any(b.label == ACK for b in at.button), view
        assert at.query_params == {**LINK, **ACKED}, view
