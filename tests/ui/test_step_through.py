"""Step-through: teaching steps or every firing; Previous / Next and the slider stay in sync; predict, then reveal."""

from __future__ import annotations

from explorer import default_explorer
from explorer.teaching_steps import teaching_steps

from ui.components.text import md

from .conftest import button, markdown_table, open_link_page

SCENARIO = {"behaviour": "malignant", "removal": "not_operable", "symptoms": "pain,weakness", "origin": "secondary"}
RESULT = default_explorer().evaluate({**SCENARIO, "symptoms": ["pain", "weakness"]})


def step_heading(at) -> str:
    return next(h.value for h in at.header if h.value.startswith("Step "))


def every_firing(at):
    at.toggle(key="teaching_steps").set_value(False).run()
    return at


def test_next_previous_and_slider_stay_in_sync() -> None:
    at = every_firing(open_link_page(SCENARIO, "step_through"))
    trace = RESULT.trace
    total = len(trace)
    assert total > 3
    assert step_heading(at).startswith(f"Step 1 of {total}: ")
    assert button(at, "Previous").disabled and not button(at, "Next").disabled

    button(at, "Next").click().run()
    assert at.slider(key="step").value == 2
    assert step_heading(at) == f"Step 2 of {total}: {md(trace[1].title)}"

    at.slider(key="step").set_value(total).run()
    assert step_heading(at).startswith(f"Step {total} of {total}")
    assert button(at, "Next").disabled

    button(at, "Previous").click().run()
    assert at.slider(key="step").value == total - 1
    assert step_heading(at) == f"Step {total - 1} of {total}: {md(trace[total - 2].title)}"


def test_teaching_steps_walk_one_option_at_a_time() -> None:
    at = open_link_page(SCENARIO, "step_through")
    units = teaching_steps(RESULT)
    assert len(units) < len(RESULT.trace)
    for number, unit in enumerate(units, start=1):
        assert step_heading(at) == f"Step {number} of {len(units)}: {md(unit.label)}"
        shown = {h.value for h in at.subheader}
        assert {md(RESULT.trace[i].title) for i in unit.shown} <= shown
        if unit.folded:
            assert any(m.value.startswith(f"**Leading up to it** ({len(unit.folded)} folded") for m in at.markdown)
        if number < len(units):
            button(at, "Next").click().run()
    assert button(at, "Next").disabled


def test_predict_then_reveal() -> None:
    at = open_link_page(SCENARIO, "step_through")
    at.toggle(key="predict").set_value(True).run()
    first = teaching_steps(RESULT)[0]
    assert step_heading(at) == "Step 1 of {}: ?".format(len(teaching_steps(RESULT)))
    assert any(s.value == "Which option do the sources discuss next?" for s in at.subheader)
    at.radio(key="guess:1").set_value(first.categories[0]).run()
    button(at, "Reveal").click().run()
    assert step_heading(at).endswith(md(first.label))
    assert any(m.value.startswith("✓ Right: the class guessed") for m in at.markdown)
    button(at, "Next").click().run()
    assert step_heading(at).startswith("Step 2 of ") and step_heading(at).endswith("?")


def test_step_shows_used_conditions_additions_and_quotes() -> None:
    at = every_firing(open_link_page(SCENARIO, "step_through"))
    used = next(markdown_table(m.value) for m in at.markdown if m.value.startswith("| Factor |"))
    assert list(used[0]) == ["Factor", "This scenario", "Needed", "Met"]
    assert ("Behaviour", "malignant") in {(r["Factor"], r["This scenario"]) for r in used}  # step 1: malignant is cancer
    assert any("\n- Concluded:" in m.value for m in at.markdown)
    assert any(m.value.startswith("> “") for m in at.markdown)
    assert any(b.label == "Open in source" for b in at.button)


def test_presentation_mode_enlarges_text_and_hides_the_sidebar() -> None:
    at = open_link_page(SCENARIO, "step_through")

    def styles() -> str:
        return "".join(h.proto.body for h in at.get("html") if h.proto.body.startswith("<style>"))

    assert "stSidebar" not in styles()
    at.toggle(key="presentation").set_value(True).run()
    assert "font-size: 1.4rem" in styles() and '[data-testid="stSidebar"]' in styles()
    assert "p:not(button p)" in styles()  # button labels keep their size, so they never truncate
