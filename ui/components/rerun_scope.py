"""After a change in the builder, rerun only the keyed fragments it makes stale, not the whole builder.

Streamlit 1.67 lets a widget callback name the fragments to rerun (`st.rerun(scope=[keys])`). The results and the
summary always rerun; a builder group reruns only when a widget, note or open glossary in it would now read
differently, and an "Applies only when ..." caption (a fragment of its own) when the field it names changes. The
changed widget itself already shows its new value in the browser.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from explorer import Scenario
from explorer.scenario import FIELD_GROUPS, FIELD_REQUIRES

from .. import state

SUMMARY_FRAGMENT = "explore_summary"
OPTIONS_FRAGMENT = "explore_options"
GROUP_OF = {name: group for group, names in FIELD_GROUPS.items() for name in names}


def group_key(group: str) -> str:
    """The fragment key of a builder group."""
    return "builder_" + group.lower().replace(" ", "_")


def caption_key(field: str) -> str:
    """The fragment key of a field's "Applies only when ..." caption."""
    return "applies_" + field


def stale_groups(name: str, before: Scenario, after: Scenario, noted: str | None, noted_now: str | None,
                 glossaries: set[str]) -> set[str]:
    """The builder groups that read differently after `name` changed `before` into `after`.

    `noted` / `noted_now`: the field whose note showed before / shows after the change; `glossaries`: the groups
    whose glossary is open."""
    changed = {f for f in Scenario.model_fields if getattr(before, f) != getattr(after, f)}
    fields = changed - {name}  # dependent fields the library set too (explorer.whatif.vary)
    if before == after or noted_now == name:  # refused or normalised: the widget snaps back; its note
        fields.add(name)
    if noted:
        fields.add(noted)  # its old note goes
    groups = {GROUP_OF[f] for f in fields if f in GROUP_OF}
    return groups | {GROUP_OF[f] for f in changed if f in GROUP_OF and GROUP_OF[f] in glossaries}


def stale_captions(before: Scenario, after: Scenario, groups: set[str]) -> set[str]:
    """The fields whose "Applies only when ..." caption appears or goes, outside `groups` (which rerun anyway).

    Each caption is a fragment of its own inside its group, so that a Behaviour change reruns the Stage caption,
    not the Stage group's widgets."""
    return {field for field, (other, needed) in FIELD_REQUIRES.items()
            if GROUP_OF[field] not in groups
            and (getattr(before, other) == needed) != (getattr(after, other) == needed)}


def rerun_what_changed(name: str, before: Scenario, noted: str | None, glossaries: set[str]) -> None:
    """From a builder widget's callback: rerun the results, the summary and the stale groups (a note not tied
    to a field sits above the groups: then the whole page). In a full run (AppTest, a page without the
    fragments) nothing to do: the whole page is drawn anyway."""
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.fragment_ids_this_run:
        return
    if noted == "":
        st.rerun()
    after = state.current_scenario()
    groups = stale_groups(name, before, after, noted, state.noted_field(), glossaries)
    captions = sorted(caption_key(f) for f in stale_captions(before, after, groups))
    try:
        st.rerun(scope=[*(group_key(g) for g in FIELD_GROUPS if g in groups), *captions, OPTIONS_FRAGMENT,
                        SUMMARY_FRAGMENT])
    except StreamlitAPIException:  # a fragment is not on this page (or not yet drawn): the whole page
        st.rerun()
