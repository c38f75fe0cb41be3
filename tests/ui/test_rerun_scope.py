"""Which builder groups a change makes stale (the rest of the builder is not rerun: ui/components/rerun_scope.py)."""

from __future__ import annotations

from explorer import Scenario
from explorer.whatif import vary
from ui.components.rerun_scope import stale_captions, stale_groups

UNKNOWN = Scenario()


def after(scenario: Scenario, name: str, value: object) -> tuple[Scenario, str]:
    return vary(scenario, name, value)


def test_behaviour_reruns_the_stage_caption_not_the_stage_group() -> None:
    changed, note = after(UNKNOWN, "behaviour", "malignant")
    assert note == ""
    assert stale_groups("behaviour", UNKNOWN, changed, None, None, set()) == set()
    assert stale_captions(UNKNOWN, changed, set()) == {"stage"}  # "Applies only when Behaviour is malignant" goes
    back, _ = after(changed, "behaviour", "benign")  # malignant -> benign: the caption comes back
    assert stale_captions(changed, back, set()) == {"stage"}
    assert stale_captions(back, after(back, "behaviour", "unknown")[0], set()) == set()  # not malignant either way


def test_a_caption_in_a_group_that_reruns_anyway_is_not_named_again() -> None:
    changed, note = after(UNKNOWN, "stage", 2)  # sets behaviour: malignant, and notes it under stage
    groups = stale_groups("stage", UNKNOWN, changed, None, "stage", set())
    assert "Stage" in groups and stale_captions(UNKNOWN, changed, groups) == set()
    assert stale_captions(UNKNOWN, changed, set()) == {"stage"}


def test_a_field_nothing_else_reads_reruns_no_group() -> None:
    changed, _ = after(UNKNOWN, "region", "thoracic")
    assert stale_groups("region", UNKNOWN, changed, None, None, set()) == set()


def test_a_dependent_field_the_library_sets_reruns_its_group_and_the_note() -> None:
    changed, note = after(UNKNOWN, "stage", 2)  # a stage needs behaviour: malignant, which the library sets
    assert changed.behaviour == "malignant" and note
    # Origin: the behaviour widget must show malignant; Stage: the caption goes and the note shows under stage
    assert stale_groups("stage", UNKNOWN, changed, None, "stage", set()) == {"Origin", "Stage"}


def test_a_refused_value_reruns_its_own_group_so_the_widget_snaps_back() -> None:
    assert stale_groups("age", UNKNOWN, UNKNOWN, None, "age", set()) == {"Overall health"}


def test_an_old_note_elsewhere_is_cleared_and_an_open_glossary_follows_its_values() -> None:
    changed, _ = after(UNKNOWN, "region", "thoracic")
    assert stale_groups("region", UNKNOWN, changed, "stage", None, set()) == {"Stage"}
    assert stale_groups("region", UNKNOWN, changed, None, None, {"Location", "Symptoms"}) == {"Location"}
