"""A verbatim statement with its source title and an "open in source" button."""

from __future__ import annotations

from typing import Iterable

import streamlit as st

from explorer.result import StatementRef

from .jargon import show_ids
from .source_view import show_in_source
from .text import md


def quote_markdown(ref: StatementRef) -> str:
    ident = f" · statement {md(ref.id)}" if show_ids() else ""
    return f"> “{md(ref.quote)}”\n>\n> — *{md(ref.source_title)}*{ident}"


def render_quote(ref: StatementRef, key: str) -> None:
    """One statement and its "open in source" button; `key` must be unique on the page."""
    st.markdown(quote_markdown(ref))
    if st.button("Open in source", key=f"src:{key}", type="tertiary", icon=":material/article:",
                 help=f"Show this statement highlighted in {ref.source_title}"):
        show_in_source(ref.id)


def render_quotes(refs: Iterable[StatementRef], key: str, *, with_source: bool = True) -> None:
    """Several statements; without source buttons they go out as one element (cheaper reruns)."""
    if not with_source:
        text = "\n\n".join(quote_markdown(ref) for ref in refs)
        if text:
            st.markdown(text)
        return
    for ref in refs:
        render_quote(ref, f"{key}:{ref.id}")
