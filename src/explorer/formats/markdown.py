"""A Markdown handout of a Result: title, date, link back, options with their reasons, why not as the smallest change."""

from __future__ import annotations

from datetime import date

from ..categories import BASES
from ..result import NotIndicated, Result
from .safe_text import escape_markdown
from .common import OTHER_FACTORS, dated, entered_rows, handout_title, key_quote, no_change_text, shown_changes


def _quote(result: Result, sid: str) -> list[str]:
    """A block quote followed by a blank line, so consecutive quotes never run together."""
    ref = result.statements[sid]
    return [f'> "{ref.quote}"  ', f"> -- *{ref.source_title}* (`{sid}`)", ""]


def _why_not(result: Result, item: NotIndicated) -> list[str]:
    out = [f"### {item.label}", ""]
    changes, more = shown_changes(item)
    for n, change in enumerate(changes):
        lead = "**Smallest change:**" if n == 0 else "**Or:**"
        out += [f"{lead} {change.text()}  ", "then discussed as: " + "; ".join(change.role_labels), ""]
        ref = key_quote(result, change)
        if ref is not None:
            out += _quote(result, ref.id)
    if more:
        out += [f"({more} more smallest changes in the full result JSON.)", ""]
    missing = no_change_text(item)
    if missing:
        out += [missing, ""]
    out += ["Conditions not met:", ""]
    out += [f"- {cand.title} (`{cand.rule}`): {cand.failed_text()}" for cand in item.candidates]
    return out + [""]


def render_markdown(result: Result, *, link: str | None = None, today: date | None = None) -> str:
    title = escape_markdown(handout_title(result), one_line=True)  # user text can never become markup
    steps = {s.rule: s for s in result.trace}
    out = [f"# {title}", "", f"> **Disclaimer.** {result.disclaimer}", "", f"Date: {dated(today)}  "]
    if link:
        out.append(f"Open this scenario in the explorer: <{link}>")
    out += ["", "## Scenario", "", "| Factor | Value |", "| --- | --- |"]
    out += [f"| {label} | {value} |" for label, value in entered_rows(result)]
    out += ["", OTHER_FACTORS]
    if result.scenario.get("notes"):
        out += ["", "**Teaching notes.** " + escape_markdown(str(result.scenario["notes"]))]
    out += ["", "## Options the sources discuss for this scenario", ""]
    if not result.options:
        out.append("None of the rules apply to this scenario.")
    for option in result.options:
        out += [f"### {option.label} ({option.kind})", "", f"**{option.headline}** ({BASES[option.basis]})", "",
                *(f"- *{BASES[basis]}:* " + "; ".join(labels) for basis, labels in option.roles_by_basis())]
        if option.modality_labels:
            out.append("  \nNamed in the sources: " + ", ".join(option.modality_labels))
        out += ["", "Chain of rules:", ""]
        for n, rid in enumerate(option.chain, start=1):
            out += [f"{n}. **{steps[rid].title}** (`{rid}`)", ""]
            out += ["   " + line if line else "" for sid in steps[rid].statements for line in _quote(result, sid)]
        for cp in option.counterpoints:
            out += [f"**Sources point different ways:** {cp.title} (`{cp.rule}`)", ""]
            out += [line for sid in cp.statements for line in _quote(result, sid)]
        if option.weighed_by:
            out += ["Factors the sources say weigh on this option: "
                    + ", ".join(f"{w.label}: {w.value}" for w in option.weighed_by), ""]
        if option.risks:
            out += ["Risks the sources name:", ""] + [line for sid in option.risks for line in _quote(result, sid)]
    if result.tensions:
        out += ["## Where the sources point different ways", ""]
        for tension in result.tensions:
            out += [f"### {tension.title}", ""]
            for side in tension.sides:
                out += [f"**{side.label}**", ""] + [line for sid in side.statements for line in _quote(result, sid)]
    if result.not_indicated:
        out += ["## Core options not discussed for this scenario, and why not", ""]
        for item in result.not_indicated:
            out += _why_not(result, item)
    out += ["## Reasoning trace", ""]
    out += [f"{n}. {s.title} (`{s.rule}`)" for n, s in enumerate(result.trace, start=1)]
    out += ["", "---", "", f"*{result.disclaimer}*", ""]
    return "\n".join(out)
