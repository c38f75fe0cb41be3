"""Every page renders without an exception and shows the disclaimer; the acknowledgement gate."""

from __future__ import annotations

import pytest

from explorer import DISCLAIMER

from .conftest import ACK, APP, VIEWS, acknowledge, new_app, open_page, shows_disclaimer

VIEW_FILES = sorted(p.stem for p in VIEWS.glob("*.py"))


def test_every_view_file_is_a_registered_page(app) -> None:
    registered = {str(info.get("script_path")) for info in app._registered_pages.values()}
    missing = [v for v in VIEW_FILES if not any(path.endswith(f"views/{v}.py") for path in registered)]
    assert not missing, f"ui/views files missing from the navigation in ui/app.py: {missing}"
    assert {"explore", "step_through", "what_if", "cases", "quiz", "rules_sources"} <= set(VIEW_FILES)


@pytest.mark.parametrize("view", VIEW_FILES)
def test_page_renders_with_disclaimer_and_one_title(app, view: str) -> None:
    open_page(app, view)
    assert shows_disclaimer(app), f"{view}: disclaimer banner missing"
    assert len(app.title) == 1 and app.title[0].value, f"{view}: expected exactly one page title (h1)"


def test_gate_shows_disclaimer_and_hides_results_until_acknowledged() -> None:
    at = new_app().run()
    assert not at.exception
    assert shows_disclaimer(at)
    assert [b.label for b in at.button] == [ACK]
    assert not any(h.value.startswith("Options the sources discuss") for h in at.header)
    at.switch_page("views/quiz.py").run()  # other pages are gated too
    assert [b.label for b in at.button] == [ACK] and not at.multiselect
    acknowledge(at)
    assert shows_disclaimer(at)
    assert not any(b.label == ACK for b in at.button)


def test_acknowledgement_lasts_for_the_session(app) -> None:
    for view in ("cases", "explore"):
        open_page(app, view)
        assert not any(b.label == ACK for b in app.button)


def test_no_legacy_pages_folder_next_to_the_app() -> None:
    """A folder named `pages` beside app.py makes Streamlit skip app.py (legacy multipage mode)."""
    assert not (APP.parent / "pages").exists(), "put page files in ui/views/, not ui/pages/"


def test_wording_never_recommends() -> None:
    ui_text = "\n".join(p.read_text(encoding="utf-8") for p in APP.parent.rglob("*.py")).lower()
    assert "recommended" not in ui_text and "for you" not in ui_text
    # the banner text comes from the library: no page keeps its own (possibly stale) copy of the wording
    assert DISCLAIMER.split(".")[1].strip().lower() not in ui_text
