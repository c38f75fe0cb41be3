"""Quiz: picks are graded against what the sources discuss, with the explaining statements."""

from __future__ import annotations

from .conftest import button, open_lazy, open_link_page

MARK_KEY = "mark:{}"  # key of a category's mark card (ui/views/quiz.py)

SCENARIO = {"behaviour": "malignant", "removal": "not_operable"}


def test_reveal_marks_hits_misses_and_false_alarms() -> None:
    at = open_link_page(SCENARIO, "quiz")
    assert not at.table  # nothing revealed before the student commits
    at.multiselect(key="quiz_pick").set_value(["radiation", "surgery"]).run()
    button(at, "Reveal").click().run()
    assert not at.exception
    verdicts = {r["Category"]: r["Verdict"] for _, r in at.table[0].value.iterrows()}
    # malignant and inoperable, no symptoms: watch-and-wait, radiation instead of surgery, chemotherapy for a cancer
    assert {k: verdicts[k] for k in ("Observation / monitoring", "Surgery", "Radiation therapy", "Chemotherapy",
                                     "Palliative care")} == {
        "Observation / monitoring": "✗ missed", "Surgery": "✗ wrong pick", "Radiation therapy": "✓ hit",
        "Chemotherapy": "✗ missed", "Palliative care": "✓ correctly left out",
    }
    score = "1 of 3 discussed core options found; 1 wrong pick (adjuncts are not scored)"
    assert any(score in m.value.replace("\\", "") for m in at.markdown)
    radiation = next(e for e in at.expander if "Radiation therapy" in e.label)
    assert not radiation.children  # built only when opened
    open_lazy(at, MARK_KEY.format("radiation"))
    radiation = next(e for e in at.expander if "Radiation therapy" in e.label)
    assert any(m.value.startswith("> “") for m in radiation.markdown)
    open_lazy(at, MARK_KEY.format("surgery"))  # a wrong pick: its smallest change, never a supporting quote
    surgery = next(e for e in at.expander if "Surgery" in e.label)
    assert surgery.markdown[0].value.startswith("**Smallest change:**")
    assert "✗ wrong pick" in surgery.label


def test_changing_picks_hides_the_old_reveal() -> None:
    at = open_link_page(SCENARIO, "quiz")
    at.multiselect(key="quiz_pick").set_value(["radiation"]).run()
    button(at, "Reveal").click().run()
    assert at.table
    at.multiselect(key="quiz_pick").set_value(["radiation", "chemotherapy"]).run()
    assert not at.table
    assert any("press Reveal again" in c.value for c in at.caption)


def test_next_case_loads_another_case() -> None:
    at = open_link_page(SCENARIO, "quiz")
    seen = [at.session_state["scenario"]]
    for _ in range(3):
        button(at, "Next case").click().run()
        assert not at.exception
        seen.append(at.session_state["scenario"])
        assert seen[-1] != seen[-2] and seen[-1].title  # another case, from the library


def test_a_class_exercise_started_on_the_quiz_hides_the_answers_on_explore() -> None:
    from .conftest import open_page

    at = open_link_page(SCENARIO, "quiz")
    button(at, "Hide the answers (class exercise)").click().run()
    open_page(at, "explore")
    text = "\n".join(m.value for m in at.markdown)
    assert "Radiation therapy" not in text and "Answers hidden" in text  # the scenario stays, the answers do not
    assert at.session_state["scenario"].removal == "not_operable"
    open_page(at, "quiz")
    at.multiselect(key="quiz_pick").set_value(["radiation"]).run()
    button(at, "Reveal").click().run()
    assert at.table  # the quiz still scores the class's prediction
    button(at, "Show the answers").click().run()
    open_page(at, "explore")
    assert "✓ Radiation therapy" in "\n".join(m.value for m in at.markdown)
