"""Option cards: one line of "because ...", details one click away; why not, led by the smallest change."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from explorer.categories import BASES
from explorer.result import NotDiscussed, Option, Result, SmallestChange, Step
from explorer.smallest_change import smallest_changes

from ..resources import explorer, refs
from .conditions import render_conditions
from .jargon import rule_id
from .lazy import open_expander
from .quote import render_quotes
from .text import md

SHOWN_CHANGES = 2  # the why-not leads with these; the rest are one click away


def card_key(category: str) -> str:
    """The session-state key of a category's details (True while open)."""
    return f"card:{category}"


def conditions_key(category: str) -> str:
    """The session-state key of the toggle that shows a why-not's full condition tables."""
    return f"conds:{category}"


def because_line(option: Option, result: Result) -> str:
    """'Because <what the first concluding rule says> — <its source>' (one line; the chain is one click away)."""
    steps: dict[str, Step] = {s.rule: s for s in result.trace}
    first = steps[option.rules[0]]
    source = next((result.statements[s].source_title for s in first.statements if s in result.statements), "")
    more = f" (and {len(option.rules) - 1} more)" if len(option.rules) > 1 else ""
    return f"Because: {md(first.title)}{more}" + (f" — *{md(source)}*" if source else "")


def option_line(option: Option, result: Result) -> str:
    """A discussed option at a glance: its roles' headline, and one line of "because"."""
    differ = " · :material/compare_arrows: sources point different ways" if option.counterpoints or option.tensions else ""
    return (f"✓ **{md(option.label)}** · discussed — {md(option.headline)} ({BASES[option.basis]}){differ}"
            f"  \n{because_line(option, result)}")


def not_discussed_line(label: str) -> str:
    return f"✗ **{md(label)}** · not discussed for this scenario"


def render_cards(cards: list[tuple[str, Callable[[], None] | None]]) -> None:
    """Cards as (line, details): every line in one element, then each card's details, one click away.

    One element for all the lines, not one per card: every element costs server time on each rerun, for each of a
    class's sessions (one element instead of ten: 7-8% less CPU per Explore rerun, measured). The details keep
    labels that do not follow the scenario, so an open card stays open while a student changes a factor."""
    if cards:
        st.markdown("\n\n".join(line for line, _ in cards))
    for _, details in cards:
        if details is not None:
            details()


def render_option_details(option: Option, result: Result) -> None:
    """The option's chain of rules and quotes (built only while open)."""
    card = open_expander(f"{md(option.label)}: chain of rules and quotes", card_key(option.category))
    if card is None:
        return
    with card:
        render_chain(option, result)


def render_chain(option: Option, result: Result) -> None:
    st.markdown("\n".join(f"- **{md(BASES[basis].capitalize())}:** {md('; '.join(labels))}"
                           for basis, labels in option.roles_by_basis()))
    if option.modality_labels:
        st.markdown(f"**Named in the sources:** {md(', '.join(option.modality_labels))}")
    steps = {s.rule: s for s in result.trace}
    st.markdown("**Chain of rules** (in the order they applied)")
    for n, rid in enumerate(option.chain, start=1):
        st.markdown(f"{n}\\. **{md(steps[rid].title)}**{rule_id(rid)}")
        render_quotes(refs(steps[rid].statements), f"{option.category}:{rid}")
    for cp in option.counterpoints:
        st.markdown(f":material/compare_arrows: **Sources point different ways:** {md(cp.title)}{rule_id(cp.rule)}")
        render_quotes(refs(cp.statements), f"{option.category}:cp:{cp.rule}")
    if option.weighed_by:
        st.markdown("**Factors the sources say weigh on this option:** "
                    + md(", ".join(f"{w.label}: {w.value}" for w in option.weighed_by)))
        render_quotes(refs(option.weighed_by_statements), f"{option.category}:weighed")
    if option.risks:
        st.markdown("**Risks the sources name**")
        render_quotes(refs(option.risks), f"{option.category}:risks")


def change_markdown(change: SmallestChange, lead: str) -> str:
    """'**Smallest change:** Behaviour: benign → malignant' and what the option would then be."""
    return (f"**{lead}** {md(change.text())}  \nthen the sources discuss it as: {md('; '.join(change.role_labels))}")


def render_smallest_changes(changes: list[SmallestChange], key: str) -> None:
    if not changes:
        st.markdown("**No change of up to three inputs brings it in** for this scenario.")
        return
    for n, change in enumerate(changes[:SHOWN_CHANGES]):
        st.markdown(change_markdown(change, "Smallest change:" if n == 0 else "Or:"))
        render_quotes(refs(change.key_statements[:1]), f"{key}:{n}", with_source=False)
    rest = changes[SHOWN_CHANGES:]
    if rest:
        st.markdown("Other changes of the same size: " + "; ".join(md(c.text()) for c in rest))


def render_not_discussed_details(item: NotDiscussed, result: Result) -> None:
    """Why not: led by the smallest change, the full conditions a toggle below (built only while open)."""
    card = open_expander(f"Why not {md(item.label)}? What would bring it in", card_key(item.category))
    if card is None:
        return
    with card:
        render_smallest_changes(smallest_changes(explorer(), result.scenario, item.category), item.category)
        if st.toggle("Show the conditions not met, rule by rule", key=conditions_key(item.category)):
            render_candidates(item)


def render_candidates(item: NotDiscussed) -> None:
    if not item.candidates:
        st.markdown("No rule in the pack concludes this option.")
    for cand in item.candidates:
        st.markdown(f"**{md(cand.title)}**{rule_id(cand.rule)} would apply if:")
        render_conditions(cand.failed)
        if cand.satisfied:
            st.caption("Already met: " + md("; ".join(f"{o.label} ({o.actual})" for o in cand.satisfied)))
        for o in cand.failed:
            if o.unmet:
                st.markdown(f"*{md(o.label)}* would be concluded by a rule that still needs one of:\n"
                            + "\n".join(f"- {md(need.partition(': ')[2])}" for need in o.unmet))
        render_quotes(refs(cand.statements), f"{item.category}:why:{cand.rule}", with_source=False)
