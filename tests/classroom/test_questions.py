"""Questions come from the trace: exact on the mini pack, and as properties over the shipped pack."""

from __future__ import annotations

from hypothesis import given, settings

from explorer import Explorer
from explorer.categories import ADJUNCT_CATEGORIES, CATEGORIES
from explorer.classroom import questions_for_step
from explorer.classroom.questions import NONE_CHOICE, established, next_option_question
from tests.strategies import scenario_dicts

from .conftest import SCENARIO


def test_next_option_follows_the_mini_trace(mini: Explorer) -> None:
    result = mini.evaluate(SCENARIO)
    assert [s.rule for s in result.trace] == ["removable-tumour", "surgery-removable", "radiation-after", "chemo-cancer"]
    answers = [next_option_question(result, step).answer for step in (1, 2, 3, 4)]
    assert answers == ["surgery", "radiation", "chemotherapy", NONE_CHOICE]
    first = next_option_question(result, 1)
    assert first.statements == ("mini-surgery",) and first.explanation.startswith("Step 2 (Surgery for a removable")
    second = {c.id for c in next_option_question(result, 2).choices}
    assert "surgery" not in second and {"radiation", "observation", NONE_CHOICE} <= second
    assert next_option_question(result, 4).statements == ()


def test_discussed_questions_say_yes_or_no_with_statements(mini: Explorer) -> None:
    result = mini.evaluate(SCENARIO)
    by_id = {q.id: q for q in questions_for_step(result, 1)}
    assert set(by_id) == {"next_option@1", *(f"discussed:{c}@1" for c in
                                            ("observation", "surgery", "radiation", "chemotherapy", "palliative"))}
    chemo, palliative = by_id["discussed:chemotherapy@1"], by_id["discussed:palliative@1"]
    assert (chemo.answer, chemo.statements) == ("yes", ("mini-chemo",))
    assert palliative.answer == "no" and palliative.statements == ("mini-palliative",)
    assert palliative.explanation.endswith("for this scenario: Overall health and fitness is unknown, needs poor.")
    # once a step has shown surgery, asking whether it is discussed would give the answer away
    assert "discussed:surgery@2" not in {q.id for q in questions_for_step(result, 2)}
    assert questions_for_step(result, 5) == [] and questions_for_step(result, 0) == []


@settings(max_examples=150, deadline=None)
@given(scenario_dicts())
def test_questions_fit_the_trace_of_any_scenario(explorer: Explorer, data: dict) -> None:
    result = explorer.evaluate(data)
    for step in range(1, len(result.trace) + 1):
        known = established(result, step)
        for question in questions_for_step(result, step):
            ids = [c.id for c in question.choices]
            assert question.answer in ids and len(ids) == len(set(ids))
            assert not known & set(ids)  # nothing already shown is offered
            if question.kind == "discussed":
                assert (question.answer == "yes") == (question.id.split(":")[1].split("@")[0] in result.categories)
                continue
            assert sum(c in ADJUNCT_CATEGORIES for c in ids) <= 2
            later = [c.category for s in result.trace[step:] for c in s.conclusions if c.category not in known]
            assert question.answer == (later[0] if later else NONE_CHOICE)
            if later:
                assert question.answer in result.categories and question.answer in CATEGORIES and question.statements
            assert question == next_option_question(result, step)  # the same choices every time
