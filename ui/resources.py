"""Process-wide resources, built once and shared by every session.

Plain `functools.cache` rather than `st.cache_resource`: these are looked up many times per rerun, and a
Streamlit cache hit costs about 0.1 ms (hashing, message replay checks) where a dict lookup costs nothing.
"""

from __future__ import annotations

from functools import cache

from explorer import Explorer, default_explorer
from explorer.cases import Case, load_cases
from explorer.result import StatementRef


def explorer() -> Explorer:
    """The loaded rule pack with its engine (one per process, built on first use)."""
    return default_explorer()


@cache
def cases() -> tuple[Case, ...]:
    """The teaching-case library under rules/cases/."""
    return tuple(load_cases())


def statement_refs() -> dict[str, StatementRef]:
    """Every catalogued statement with its source title, by id."""
    return explorer().pack.statement_refs


def refs(ids) -> list[StatementRef]:
    """The statements with these ids, in order (unknown ids are skipped)."""
    catalogue = statement_refs()
    return [catalogue[i] for i in ids if i in catalogue]
