"""Rules and sources: every rule (searchable), every source with its cited statements highlighted, uncited statements."""

from __future__ import annotations

from functools import partial

import streamlit as st

from explorer.categories import CATEGORIES
from explorer.reachability import Reachability
from explorer.rule_search import search_rules

from ui import state
from ui.components.lazy import open_expander, render_open_tab
from ui.components.layout import request_scroll_to_top
from ui.components.page import page_header
from ui.components.quote import render_quotes
from ui.components.source_view import document_html
from ui.components.text import md
from ui.resources import explorer, refs

TAB_KEY, SOURCE_TAB_KEY, SEARCH_KEY = "rules_sources_tab", "source_tab", "rule_search"


@st.cache_resource(show_spinner=False)
def witnesses() -> dict:
    return Reachability(explorer().pack.rules).witnesses


def rule_conclusions(rule) -> list[str]:
    pack, then = explorer().pack, rule.spec.then
    lines = [f"Establishes: {md(pack.label('facts', f))}" for f in then.facts]
    for o in then.options:
        named = f" — named: {md(', '.join(pack.label('modalities', m) for m in o.modalities))}" if o.modalities else ""
        lines.append(f"Option **{md(CATEGORIES.get(o.category, o.category))}**: {md(pack.label('roles', o.role))}{named}")
    lines += [f"Points away from: {md(CATEGORIES.get(c, c))}" for c in then.counterpoints]
    return lines


def rule_key(rule_id: str) -> str:
    """The session-state key of a rule's card (True while it is open)."""
    return f"rule:{rule_id}"


def render_rule(rule) -> None:
    body = open_expander(f"**{md(rule.title)}** `{rule.id}`", rule_key(rule.id))
    if body is None:
        return
    with body:
        st.caption(f"{md(rule.file)}, line {rule.line} · position {rule.priority} in firing order")
        st.markdown("**When**\n\n" + ("\n".join(f"- {md(c.describe())}" for c in rule.conditions) or "always"))
        st.markdown("**Then**\n\n" + "\n".join(f"- {line}" for line in rule_conclusions(rule)))
        if rule.spec.note:
            st.caption(md(rule.spec.note))
        st.markdown("**Cites**")
        render_quotes(refs(rule.spec.cites), f"rule:{rule.id}", with_source=False)
        witness = witnesses().get(rule.id)
        if witness is not None and st.button("Load a scenario where this rule fires", key=f"witness:{rule.id}",
                                             icon=":material/upload:"):
            state.set_scenario(witness, f"Loaded a scenario where rule {rule.id} fires.")
            request_scroll_to_top()
            st.switch_page("views/explore.py")


def render_rules(rules) -> None:
    query = st.text_input("Search rules by id, title, cited statement or quote",
                          placeholder="for example: radiation, inoperable, met-", key=SEARCH_KEY)
    matches = search_rules(explorer().pack, query)
    st.caption(f"{len(matches)} of {len(rules)} rules, in firing order")
    for rule in matches:
        render_rule(rule)


def render_source(source, quotes: list[str]) -> None:
    st.subheader(source.title)
    st.caption(f"{md(source.kind)} — {md(source.summary)}")
    st.html(document_html(source, quotes))


def render_sources(pack, cited: frozenset[str]) -> None:
    st.caption("Highlighted: the statements that rules cite.")
    render_open_tab(SOURCE_TAB_KEY, {
        source.title: partial(render_source, source,
                              [s.quote for s in pack.statements.values() if s.source == source.id and s.id in cited])
        for source in pack.sources.values()
    })


def render_uncited(pack, cited: frozenset[str]) -> None:
    uncited = [sid for sid in pack.statements if sid not in cited]
    st.caption(f"{len(uncited)} of {len(pack.statements)} catalogued statements are not cited by any rule "
               "(they may still explain a factor in the builder's glossary).")
    render_quotes(refs(uncited), "uncited", with_source=False)


page_header("Rules and sources")
pack = explorer().pack
cited = pack.cited_by_rules
# Only the open tab (and the open source document) is built: switching tabs reruns the page; the search and the
# chosen document are kept meanwhile.
render_open_tab(TAB_KEY, {
    "Rules": lambda: render_rules(pack.rules),
    "Source documents": lambda: render_sources(pack, cited),
    "Statements no rule cites": lambda: render_uncited(pack, cited),
}, keep={"Rules": [SEARCH_KEY], "Source documents": [SOURCE_TAB_KEY]})
