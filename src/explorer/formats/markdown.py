"""A Markdown handout of a Result."""

from __future__ import annotations

from ..categories import BASES
from ..result import Result
from ..scenario import FIELD_LABELS, value_label


def _quote(result: Result, sid: str) -> str:
    ref = result.statements[sid]
    return f'> "{ref.quote}"  \n> -- *{ref.source_title}* (`{sid}`)'


def render_markdown(result: Result) -> str:
    title = result.scenario.get("title") or "Teaching scenario"
    steps = {s.rule: s for s in result.trace}
    out = [f"# {title}", "", f"> **Disclaimer.** {result.disclaimer}", "", "## Scenario", ""]
    out += ["| Factor | Value |", "| --- | --- |"]
    for key, value in result.scenario.items():
        if key in ("title", "notes"):
            continue
        out.append(f"| {FIELD_LABELS.get(key, key)} | {value_label(value)} |")
    if result.scenario.get("notes"):
        out += ["", "**Teaching notes.** " + str(result.scenario["notes"])]
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
            out += ["   " + line for sid in steps[rid].statements for line in (_quote(result, sid) + "\n").splitlines()]
            out.append("")
        for cp in option.counterpoints:
            out += [f"**Sources point different ways:** {cp.title} (`{cp.rule}`)", ""]
            out += [_quote(result, sid) + "\n" for sid in cp.statements]
        if option.weighed_by:
            out += ["Factors the sources say weigh on this option: "
                    + ", ".join(f"{w.label}: {w.value}" for w in option.weighed_by), ""]
        if option.risks:
            out += ["Risks the sources name:", ""] + [_quote(result, sid) + "\n" for sid in option.risks]
    if result.tensions:
        out += ["## Where the sources point different ways", ""]
        for tension in result.tensions:
            out += [f"### {tension.title}", ""]
            for side in tension.sides:
                out += [f"**{side.label}**", ""] + [_quote(result, sid) + "\n" for sid in side.statements]
    if result.not_indicated:
        out += ["## Core options not discussed for this scenario, and why not", ""]
        for item in result.not_indicated:
            out += [f"### {item.label}", ""]
            for cand in item.candidates:
                out.append(f"- {cand.title} (`{cand.rule}`): {cand.failed_text()}")
            out.append("")
    out += ["## Reasoning trace", ""]
    out += [f"{n}. {s.title} (`{s.rule}`)" for n, s in enumerate(result.trace, start=1)]
    out += ["", "---", "", f"*{result.disclaimer}*", ""]
    return "\n".join(out)
