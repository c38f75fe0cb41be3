"""Source rendering: quotes located and highlighted in context, text escaped."""

from __future__ import annotations

from html import escape

from explorer import default_explorer
from explorer.sources import Source
from ui.components.source_view import context_html, document_html, highlighted_html
from ui.components.text import md


def test_every_statement_is_highlighted_in_its_context() -> None:
    pack = default_explorer().pack
    for statement in pack.statements.values():
        html = context_html(pack.sources[statement.source], statement.quote)
        assert html is not None and html.count("<mark>") == 1, statement.id
        marked = html.split("<mark>")[1].split("</mark>")[0]
        assert " ".join(marked.split()) == escape(" ".join(statement.quote.split())), statement.id


def test_html_is_escaped_and_overlapping_quotes_merge() -> None:
    source = Source(id="s", title="T", kind="k", seed_file="x", file="x", text="a <b>bold</b> claim & more")
    html = document_html(source, ["<b>bold</b> claim", "claim & more"])
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("<mark>") == 1 and "&amp; more</mark>" in html
    assert highlighted_html("plain", []).count("<mark>") == 0
    assert context_html(source, "not in the text") is None


def test_markdown_escape_neutralises_markup() -> None:
    assert md("[x](http://e) *b* $1$ <i>") == r"\[x\]\(http\://e\) \*b\* \$1\$ \<i\>"
