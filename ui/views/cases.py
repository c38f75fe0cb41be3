"""Case library: teaching cases to load into the builder, and import of case/scenario files."""

from __future__ import annotations

import streamlit as st

from explorer.case_filter import TEACHES, facet_label, facet_values, filter_cases
from explorer.documents import MAX_DOCUMENT_BYTES

from ui import state
from ui.components.layout import request_scroll_to_top
from ui.components.page import page_header
from ui.components.summary import render_summary
from ui.components.text import md
from ui.importing import ALLOWED_TYPES, import_upload
from ui.resources import cases

EXPLORE_PAGE = "views/explore.py"


def load(scenario, what: str) -> None:
    state.set_scenario(scenario, f"Loaded {what}.")
    request_scroll_to_top()  # Explore opens at its top, with the loaded case in view
    st.switch_page(EXPLORE_PAGE)


FACET_LABELS = {"origin": "Origin", "behaviour": "Behaviour", "phase": "Phase of care", TEACHES: "What it teaches"}


def render_filters(library) -> dict[str, list[str]]:
    """One multiselect per facet; the values are the ones the library uses."""
    facets = facet_values(library)
    chosen = {}
    for column, (name, values) in zip(st.columns(len(facets)), facets.items()):
        chosen[name] = column.multiselect(FACET_LABELS[name], values, key=f"case_filter:{name}",
                                          format_func=facet_label, placeholder="any")
    return chosen


page_header("Case library")
st.header("Teaching cases")
all_cases = cases()
if not all_cases:
    st.info("No teaching cases are installed (rules/cases/*.yaml).")
library = filter_cases(all_cases, render_filters(all_cases))
st.caption(f"{len(library)} of {len(all_cases)} cases shown.")
for column, case in ((column, case) for row in range(0, len(library), 2)
                     for column, case in zip(st.columns(2), library[row:row + 2])):
    with column.container(border=True, height="stretch"):
        st.subheader(case.title)
        if case.teaching_notes:
            st.markdown(md(case.teaching_notes))
        if case.teaches:
            st.caption("Teaches: " + md(", ".join(case.teaches)))
        render_summary(case.scenario, "Scenario")
        if st.button("Load into builder", key=f"load:{case.id}", icon=":material/upload:"):
            load(case.scenario_with_title(), f"case “{case.title}”")

st.header("Import a case or scenario file")
st.caption(f"YAML or JSON, up to {MAX_DOCUMENT_BYTES // 1024} KiB: a bare scenario mapping, or a case with "
           "title, teaching_notes and scenario. Nothing changes in the current scenario unless the file is valid "
           "and you load it.")
upload = st.file_uploader("Case or scenario file", type=list(ALLOWED_TYPES), max_upload_size=1)
if upload is not None:
    outcome = import_upload(upload.getvalue(), upload.name)
    if outcome.error:
        st.error(f"Not imported: {md(outcome.error)}", icon=":material/block:")
    else:
        title = outcome.case.title if outcome.case else (outcome.scenario.title or upload.name)
        st.success(f"{md(upload.name)} is a valid {'case' if outcome.case else 'scenario'}: {md(title)}")
        render_summary(outcome.scenario, "Imported scenario")
        if st.button("Load imported scenario into builder", icon=":material/upload:"):
            load(outcome.scenario, f"{upload.name}")
