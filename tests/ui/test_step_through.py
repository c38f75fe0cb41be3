"""Step-through: Previous / Next and the slider stay in sync; each step shows what it used and added."""

from __future__ import annotations

from explorer import default_explorer

from ui.components.text import md

from .conftest import button, markdown_table, open_link_page

SCENARIO = {"behaviour": "malignant", "removal": "not_operable", "symptoms": "pain,weakness", "origin": "secondary"}


def step_heading(at) -> str:
    return next(h.value for h in at.header if h.value.startswith("Step "))


def test_next_previous_and_slider_stay_in_sync() -> None:
    at = open_link_page(SCENARIO, "step_through")
    trace = default_explorer().evaluate({**SCENARIO, "symptoms": ["pain", "weakness"]}).trace
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


def test_step_shows_used_conditions_additions_and_quotes() -> None:
    at = open_link_page(SCENARIO, "step_through")
    used = next(markdown_table(m.value) for m in at.markdown if m.value.startswith("| Factor |"))
    assert list(used[0]) == ["Factor", "This scenario", "Required", "Holds"]
    assert ("Behaviour", "malignant") in {(r["Factor"], r["This scenario"]) for r in used}  # step 1: malignant is cancer
    assert any(m.value.startswith("- New fact:") for m in at.markdown)
    assert any(m.value.startswith("> “") for m in at.markdown)
    assert any(b.label == "Open in source" for b in at.button)


def test_presentation_mode_injects_only_font_sizes() -> None:
    at = open_link_page(SCENARIO, "step_through")
    at.toggle(key="presentation").set_value(True).run()
    css = [m.value for m in at.markdown if m.value.startswith("<style>")]
    assert len(css) == 1
    declarations = [d.split(":")[0].strip() for d in css[0].split("{")[1:] for d in [d.split("}")[0]]]
    assert declarations and set(declarations) == {"font-size"}

