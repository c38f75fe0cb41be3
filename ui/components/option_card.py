"""Option cards: an option's chain of rules with quotes, counterpoints, and why a core option is not discussed."""

from __future__ import annotations

import streamlit as st

from explorer.categories import BASES
from explorer.result import NotIndicated, Option, Result

from ..resources import refs
from .conditions import render_conditions
from .lazy import open_expander
from .quote import render_quotes
from .text import md


def card_key(category: str) -> str:
    """The session-state key of a category's card (True while it is open)."""
    return f"card:{category}"


def render_option(option: Option, result: Result) -> None:
    """An expander with the option's roles, named modalities, rule chain and quotes (built only when open)."""
    differ = " · :material/compare_arrows: sources point different ways" if option.counterpoints or option.tensions else ""
    card = open_expander(f"**{md(option.label)}** · discussed — {md(option.headline)} ({BASES[option.basis]}){differ}",
                         card_key(option.category), icon=":material/check_circle:")
    if card is None:
        return
    with card:
        st.markdown("\n".join(f"- **{md(BASES[basis].capitalize())}:** {md('; '.join(labels))}"
                               for basis, labels in option.roles_by_basis()))
        if option.modality_labels:
            st.markdown(f"**Named in the sources:** {md(', '.join(option.modality_labels))}")
        steps = {s.rule: s for s in result.trace}
        st.markdown("**Chain of rules** (in firing order)")
        for n, rule_id in enumerate(option.chain, start=1):
            step = steps[rule_id]
            st.markdown(f"{n}\\. **{md(step.title)}** `{rule_id}`")
            render_quotes(refs(step.statements), f"{option.category}:{rule_id}")
        for cp in option.counterpoints:
            st.markdown(f":material/compare_arrows: **Sources point different ways:** {md(cp.title)} `{cp.rule}`")
            render_quotes(refs(cp.statements), f"{option.category}:cp:{cp.rule}")
        if option.weighed_by:
            st.markdown("**Factors the sources say weigh on this option:** "
                        + md(", ".join(f"{w.label}: {w.value}" for w in option.weighed_by)))
            render_quotes(refs(option.weighed_by_statements), f"{option.category}:weighed")
        if option.risks:
            st.markdown("**Risks the sources name**")
            render_quotes(refs(option.risks), f"{option.category}:risks")


def render_not_discussed(item: NotIndicated, result: Result) -> None:
    """An expander explaining, rule by rule, which conditions this scenario does not meet (built only when open)."""
    card = open_expander(f"**{md(item.label)}** · not discussed for this scenario — why not?",
                         card_key(item.category), icon=":material/remove_circle_outline:")
    if card is None:
        return
    with card:
        if not item.candidates:
            st.markdown("No rule in the pack concludes this option.")
        for cand in item.candidates:
            st.markdown(f"**{md(cand.title)}** `{cand.rule}` would apply if:")
            render_conditions(cand.failed)
            if cand.satisfied:
                st.caption("Already met: " + md("; ".join(f"{o.label} ({o.actual})" for o in cand.satisfied)))
            for o in cand.failed:
                if o.unmet:
                    st.markdown(f"*{md(o.label)}* would be established by a rule that still needs one of:\n"
                                + "\n".join(f"- {md(need.partition(': ')[2])} (`{need.partition(': ')[0]}`)"
                                             for need in o.unmet))
            render_quotes(refs(cand.statements), f"{item.category}:why:{cand.rule}", with_source=False)
