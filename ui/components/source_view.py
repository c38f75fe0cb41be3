"""Source documents as HTML with statements highlighted (<mark>), and the "open in source" dialog."""

from __future__ import annotations

import re
from bisect import bisect_right
from html import escape
from typing import Iterable

import streamlit as st

from explorer.sources import Source

from ..resources import explorer
from .text import md

_BOX = ("<div style='white-space:pre-wrap;line-height:1.55;font-family:inherit;'>{body}</div>")
CONTEXT_PARAGRAPHS = 1
_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")


def _spans(source: Source, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Located (start, end) spans, merged where they overlap."""
    found = sorted(span for q in quotes if (span := source.locate(q)) is not None)
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted_html(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    """Escaped text with each span wrapped in <mark>; spans are positions in the full text."""
    out, pos = [], offset
    for start, end in spans:
        start, end = max(start, offset), min(end, offset + len(text))
        if start >= end:
            continue
        out += [escape(text[pos - offset:start - offset]), "<mark>", escape(text[start - offset:end - offset]), "</mark>"]
        pos = end
    out.append(escape(text[pos - offset:]))
    return _BOX.format(body="".join(out))


def document_html(source: Source, quotes: Iterable[str]) -> str:
    """The whole document with every given quote highlighted."""
    return highlighted_html(source.text, _spans(source, quotes))


def context_html(source: Source, quote: str) -> str | None:
    """The paragraph(s) holding the quote with a neighbour on each side, the quote highlighted."""
    span = source.locate(quote)
    if span is None:
        return None
    text = source.text
    breaks = list(_BREAK.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    first = bisect_right(starts, span[0]) - 1
    last = bisect_right(starts, span[1] - 1) - 1
    lo = starts[max(first - CONTEXT_PARAGRAPHS, 0)]
    hi = ends[min(last + CONTEXT_PARAGRAPHS, len(ends) - 1)]
    return highlighted_html(text[lo:hi], [span], offset=lo)


@st.dialog("Statement in its source", width="large")
def show_in_source(statement_id: str) -> None:
    """Modal view: the statement in context, then the whole document, highlighted."""
    pack = explorer().pack
    statement = pack.statements[statement_id]
    source = pack.sources[statement.source]
    st.markdown(f"### {md(source.title)}")
    st.markdown(f"{md(source.kind)} · statement `{statement_id}`")
    context = context_html(source, statement.quote)
    if context is None:
        st.error(f"Statement {md(statement_id)} was not found in {md(source.title)}.")
        return
    st.markdown("#### In context")
    st.html(context)
    st.divider()
    st.markdown("#### Whole document")
    st.html(document_html(source, [statement.quote]))
