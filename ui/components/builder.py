"""The scenario builder: every Scenario field, grouped, each widget synced to the current scenario.

Each group is a keyed fragment. A change reruns only what it makes stale (ui/components/rerun_scope.py): the
results, the summary, and the groups whose widgets, captions or notes now read differently, not the whole
builder. A class of 100 changing one factor at once makes 100 reruns, so every element left out counts.
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from explorer.scenario import FIELD_GROUPS, FIELD_LABELS, FIELD_REQUIRES, Scenario, value_label

from .. import state
from ..resources import explorer, refs
from .fields import render_field, to_widget
from .quote import render_quotes
from .rerun_scope import caption_key, group_key, rerun_what_changed
from .text import md

WIDGET_PREFIX = "field:"


def widget_key(name: str) -> str:
    return WIDGET_PREFIX + name


def _on_change(name: str) -> None:
    before = state.current_scenario()
    noted = state.noted_field()
    state.change_field(name, st.session_state[widget_key(name)])
    rerun_what_changed(name, before, noted, open_glossaries())


def open_glossaries() -> set[str]:
    return {group for group in FIELD_GROUPS if st.session_state.get(glossary_key(group))}


def glossary_key(group: str) -> str:
    """The session-state key of a group's glossary toggle (True while it is on)."""
    return f"gloss:{group}"


def _glossary_value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def render_glossary(group: str, names: tuple[str, ...], scenario: Scenario) -> None:
    """The source statements that define these fields and their current values (built only when open)."""
    glossary = explorer().pack.glossary
    entries = [(n, glossary[n]) for n in names if n in glossary]
    if not st.toggle(f"What the sources say: {group.lower()}", key=glossary_key(group)):
        return
    with st.container(key=f"glossary_{group.lower().replace(' ', '_')}"):
        undefined = [FIELD_LABELS[n] for n in names
                     if n in FIELD_LABELS and (n not in glossary or not glossary[n].statements)]
        if undefined:
            st.caption("The sources give no definition for: " + md(", ".join(undefined)) + ".")
        for name, entry in entries:
            value = getattr(scenario, name)
            values = value if isinstance(value, tuple) else (value,)
            st.markdown(f"**{md(FIELD_LABELS[name])}**")
            render_quotes(refs(entry.statements), f"gloss:{name}", with_source=False)
            for v in values:
                ids = entry.values.get(_glossary_value(v), ())
                if ids:
                    st.markdown(f"*On “{md(value_label(v))}”:*")
                    render_quotes(refs(ids), f"gloss:{name}:{v}", with_source=False)


def render_group(group: str) -> None:
    """One group's fields (in an expander), its notes and its glossary toggle."""
    scenario = state.current_scenario()
    names = FIELD_GROUPS[group]
    with st.expander(f"**{group}**", expanded=True):
        for name in names:
            key = widget_key(name)
            st.session_state[key] = to_widget(name, getattr(scenario, name))
            render_field(name, key, on_change=_on_change, args=(name,))
            if name in CAPTION_FRAGMENTS:
                CAPTION_FRAGMENTS[name](name)
            note = state.change_note(name)
            if note:
                st.info(md(note), icon=":material/info:")
        render_glossary(group, names, scenario)


def render_requirement(name: str) -> None:
    """'Applies only when ...' under a field that needs another field's value (a fragment: it follows that field)."""
    other, needed = FIELD_REQUIRES[name]  # setting it sets the other field too (explorer.whatif.vary)
    if getattr(state.current_scenario(), other) != needed:
        st.caption(f"Applies only when {FIELD_LABELS[other]} is {value_label(needed)}: "
                   f"choosing a value here sets {FIELD_LABELS[other]} to {value_label(needed)}.")


CAPTION_FRAGMENTS: dict[str, Callable[[str], None]] = {
    name: st.fragment(render_requirement, key=caption_key(name)) for name in FIELD_REQUIRES
}
GROUP_FRAGMENTS: dict[str, Callable[[str], None]] = {
    group: st.fragment(render_group, key=group_key(group)) for group in FIELD_GROUPS
}


def render_builder() -> None:
    """All fields of the current scenario, grouped by FIELD_GROUPS, one fragment per group."""
    for group, render in GROUP_FRAGMENTS.items():
        render(group)
