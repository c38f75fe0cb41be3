"""The derivation graph of a Result as Graphviz DOT: inputs -> derived facts -> rules -> options."""

from __future__ import annotations

import textwrap

from .result import Result

WRAP = 26


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(text: str) -> str:
    """A quoted label wrapped to short lines, so the graph stays narrow and readable."""
    return _q("\0".join(textwrap.wrap(text, WRAP)) or text).replace("\0", "\\n")  # DOT's centred line break


def derivation_dot(result: Result, *, highlight_step: int | None = None) -> str:
    """DOT source; with `highlight_step` (1-based) only steps up to it are drawn, the last one bold."""
    steps = result.trace if highlight_step is None else result.trace[:highlight_step]
    fact_labels = {f.id: f.label for f in result.facts}
    lines = [
        "digraph derivation {", "  rankdir=TB; nodesep=0.3; ranksep=0.45;",
        '  node [fontname="Helvetica", fontsize=11, style=filled];', '  edge [color="#55606b"];',
    ]
    inputs: dict[str, str] = {}
    for n, step in enumerate(steps, start=1):
        rid = f"rule:{step.rule}"
        bold = highlight_step is not None and n == len(steps)
        lines.append(f'  {_q(rid)} [label={_label(f"{n}. {step.title}")}, shape=box, fillcolor="#e8eef5"'
                     + (', penwidth=3, color="#0b5cad"' if bold else "") + "];")
        for used in step.used:
            if used.kind == "attribute":
                node = f"in:{used.name}"
                inputs[node] = f"{used.label}: {used.actual}"
            else:
                node = f"fact:{used.name}"
            lines.append(f"  {_q(node)} -> {_q(rid)};")
        for fact in step.new_facts:
            lines.append(f'  {_q("fact:" + fact)} [label={_label(fact_labels.get(fact, fact))}, shape=ellipse, fillcolor="#fff2cc"];')
            lines.append(f'  {_q(rid)} -> {_q("fact:" + fact)};')
        for c in step.conclusions:
            opt = f"opt:{c.category}"
            label = next((o.label for o in result.options if o.category == c.category), c.category)
            lines.append(f'  {_q(opt)} [label={_label(label)}, shape=octagon, fillcolor="#d9f2d9"];')
            lines.append(f"  {_q(rid)} -> {_q(opt)} [label={_label(c.role_label)}, fontsize=9];")
    for node, label in inputs.items():
        lines.append(f'  {_q(node)} [label={_label(label)}, shape=note, fillcolor="#f3f3f3"];')
    lines.append("}")
    return "\n".join(lines)



FOCUS_ABOVE = 8  # more rule firings than this, and the whole graph is too large to read at a legible size


def default_focus(result: Result) -> str | None:
    """The option whose chain a derivation graph opens on: None (every option) while the graph is small; else the
    first core option (the first adjunct when no core option is discussed). Every option stays one pick away."""
    if len(result.trace) <= FOCUS_ABOVE or not result.options:
        return None
    return next((o.category for o in result.options if o.kind == "core"), result.options[0].category)
