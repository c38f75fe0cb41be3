"""Rules and sources: every rule (searchable), every source with its cited statements highlighted, uncited statements."""

from __future__ import annotations

import streamlit as st

from explorer.categories import CATEGORIES
from explorer.reachability import Reachability

from ui import state
from ui.components.page import page_header
from ui.components.quote import render_quotes
from ui.components.source_view import document_html
from ui.components.text import md
from ui.resources import explorer, refs


@st.cache_resource(show_spinner=False)
def search_index() -> dict[str, str]:
    """Lower-case searchable text of each rule: id, title, cited statement ids and quotes."""
    pack = explorer().pack
    return {
        r.id: " ".join([r.id, r.title, *r.spec.cites, *(pack.statements[s].quote for s in r.spec.cites if s in pack.statements)]).lower()
        for r in pack.rules
    }


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


def render_rule(rule) -> None:
    with st.expander(f"**{md(rule.title)}** `{rule.id}`"):
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
            st.switch_page("views/explore.py")


page_header("Rules and sources")
pack = explorer().pack
cited = {s for r in pack.rules for s in r.spec.cites}
rules_tab, sources_tab, uncited_tab = st.tabs(["Rules", "Source documents", "Statements no rule cites"])
with rules_tab:
    query = st.text_input("Search rules by id, title or citation", placeholder="for example: radiation, inoperable, met-")
    needle = query.strip().lower()
    index = search_index()
    matches = [r for r in pack.rules if needle in index[r.id]]
    st.caption(f"{len(matches)} of {len(pack.rules)} rules, in firing order")
    for rule in matches:
        render_rule(rule)
with sources_tab:
    st.caption("Highlighted: the statements that rules cite.")
    for tab, source in zip(st.tabs([s.title for s in pack.sources.values()]), pack.sources.values()):
        with tab:
            st.subheader(source.title)
            st.caption(f"{md(source.kind)} — {md(source.summary)}")
            quotes = [s.quote for s in pack.statements.values() if s.source == source.id and s.id in cited]
            st.html(document_html(source, quotes))
with uncited_tab:
    uncited = [sid for sid in pack.statements if sid not in cited]
    st.caption(f"{len(uncited)} of {len(pack.statements)} catalogued statements are not cited by any rule "
               "(they may still explain a factor in the builder's glossary).")
    render_quotes(refs(uncited), "uncited", with_source=False)
