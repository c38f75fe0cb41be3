"""AppTest fixtures: the app after the one-click acknowledgement, page switching, opening lazy tabs and cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import DISCLAIMER

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
VIEWS = APP.parent / "views"
ACK = "I understand"
ACKED = {"ack": "1"}  # in the app's own URL once acknowledged (a reload of the tab keeps it), never in a share link
TIMEOUT = 30


def new_app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


def acknowledge(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == ACK).click().run()
    assert not at.exception, at.exception
    return at


def open_page(at: AppTest, view: str) -> AppTest:
    """Switch to ui/views/<view>.py and run it; fail on any exception."""
    at.switch_page(f"views/{view}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_lazy(at: AppTest, key: str, value: object = True) -> AppTest:
    """Open a lazy expander (value True) or tab (value: its label) the way a click does: set its state, rerun."""
    at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_table(text: str) -> list[dict[str, str]]:
    """The rows of a Markdown table (as ui.components.conditions writes it), cells unescaped."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    split = [[re.sub(r"\\(.)", r"\1", cell.strip()) for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
             for line in lines]
    header, rows = split[0], split[2:]
    return [dict(zip(header, row)) for row in rows]


def shows_disclaimer(at: AppTest) -> bool:
    return any(DISCLAIMER in w.value for w in at.warning)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def open_link_page(params: dict[str, str], view: str) -> AppTest:
    """Open the app through a share link, acknowledge, and go to `view`."""
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    acknowledge(at)
    return open_page(at, view)


@pytest.fixture
def app() -> AppTest:
    """The app, acknowledged, on its default page (Explore)."""
    at = new_app().run()
    assert not at.exception, at.exception
    return acknowledge(at)


def _clear_caches() -> None:
    import streamlit as st

    from ui import resources

    st.cache_data.clear()
    st.cache_resource.clear()
    resources.cases.cache_clear()


@pytest.fixture
def mini_pack(monkeypatch: pytest.MonkeyPatch):
    """The app on the small test pack (tests/data/mini_rules), so that a test can assert the options it knows
    that pack concludes, not whatever the page's own library call returns. Every cache is cleared before and
    after, so no result of one pack is served to a test of the other."""
    from explorer import Explorer, api

    from ..conftest import MINI_RULES

    _clear_caches()
    monkeypatch.setattr(api, "_default", Explorer.load(MINI_RULES))
    yield
    _clear_caches()
