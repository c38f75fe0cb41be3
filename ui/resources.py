"""Process-wide resources, built once and shared by every session."""

from __future__ import annotations

import streamlit as st

from explorer import Explorer, default_explorer
from explorer.cases import Case, load_cases
from explorer.result import StatementRef


@st.cache_resource(show_spinner=False)
def explorer() -> Explorer:
    """The loaded rule pack with its engine (one per process)."""
    return default_explorer()


@st.cache_resource(show_spinner=False)
def cases() -> tuple[Case, ...]:
    """The teaching-case library under rules/cases/."""
    return tuple(load_cases())



@st.cache_resource(show_spinner=False)
def statement_refs() -> dict[str, StatementRef]:
    """Every catalogued statement with its source title, by id."""
    pack = explorer().pack
    return {
        sid: StatementRef(id=sid, source=s.source, source_title=pack.sources[s.source].title, quote=s.quote)
        for sid, s in pack.statements.items()
    }


def refs(ids) -> list[StatementRef]:
    """The statements with these ids, in order (unknown ids are skipped)."""
    catalogue = statement_refs()
    return [catalogue[i] for i in ids if i in catalogue]
