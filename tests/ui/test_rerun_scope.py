"""Which builder groups a change makes stale (the rest of the builder is not rerun: ui/components/rerun_scope.py)."""

from __future__ import annotations

from explorer import Scenario
from explorer.whatif import vary
from ui.components.rerun_scope import stale_groups

UNKNOWN = Scenario()


def after(scenario: Scenario, name: str, value: object) -> tuple[Scenario, str]:
    return vary(scenario, name, value)


def test_behaviour_reruns_the_stage_group_whose_caption_follows_it() -> None:
    changed, note = after(UNKNOWN, "behaviour", "malignant")
    assert note == ""
    assert stale_groups("behaviour", UNKNOWN, changed, None, None, set()) == {"Stage"}
    back, _ = after(changed, "behaviour", "benign")  # still not malignant -> benign: the caption comes back
    assert stale_groups("behaviour", changed, back, None, None, set()) == {"Stage"}


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
