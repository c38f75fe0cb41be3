"""A readable plain-text explanation of a Result."""

from __future__ import annotations

import textwrap
from typing import Iterable

from ..categories import BASES
from ..result import NotIndicated, Result
from .common import key_quote, no_change_text, shown_changes
from ..scenario import FIELD_LABELS, value_label
from .safe_text import strip_controls

WIDTH = 100


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _quote_lines(result: Result, statement_ids: Iterable[str], indent: str) -> list[str]:
    """Each statement as a wrapped, quoted line with its source title."""
    return [_wrap(f'"{result.statements[sid].quote}" - {result.statements[sid].source_title}', indent)
            for sid in statement_ids]


def scenario_lines(result: Result) -> list[str]:
    lines = []
    for key, value in result.scenario.items():
        if key in ("title", "notes") and not value:
            continue
        lines.append(f"  {FIELD_LABELS.get(key, key)}: {value_label(value)}")
    return lines


def _smallest_change_lines(result: Result, item: NotIndicated) -> list[str]:
    lines = []
    changes, more = shown_changes(item)
    for n, change in enumerate(changes):
        lines.append(_wrap(("smallest change: " if n == 0 else "or: ") + change.text(), "    "))
        lines.append(_wrap("then discussed as: " + "; ".join(change.role_labels), "        "))
        ref = key_quote(result, change)
        if ref is not None:
            lines.append(_wrap(f'"{ref.quote}" - {ref.source_title}', "          "))
    if more:
        lines.append(f"    ({more} more smallest changes in the JSON output)")
    missing = no_change_text(item)
    if missing:
        lines.append("    " + missing)
    return lines


def render_text(result: Result) -> str:
    """The options the sources discuss, their rule chains and quotes, why not, the disclaimer."""
    out: list[str] = [_wrap("NOTE: " + result.disclaimer, ""), ""]
    title = result.scenario.get("title")
    out.append(f"Scenario{': ' + title if title else ''}")
    out.extend(scenario_lines(result))
    out.append("")
    out.append("Options the sources discuss for this scenario:")
    if not result.options:
        out.append("  (none of the rules apply to this scenario)")
    steps = {s.rule: s for s in result.trace}
    for option in result.options:
        out.append(f"* {option.label} [{option.kind}; {BASES[option.basis]}] - {option.headline}")
        for basis, labels in option.roles_by_basis():
            out.append(_wrap(f"{BASES[basis]}: " + "; ".join(labels), "    "))
        if option.modality_labels:
            out.append(_wrap("named: " + ", ".join(option.modality_labels), "    "))
        out.append("    because:")
        for rid in option.chain:
            out.append(_wrap(f"- {steps[rid].title} ({rid})", "      "))
            out.extend(_quote_lines(result, steps[rid].statements, "          "))
        for cp in option.counterpoints:
            out.append(_wrap(f"Sources point different ways: {cp.title} ({cp.rule})", "    "))
            out.extend(_quote_lines(result, cp.statements, "          "))
        if option.weighed_by:
            factors = ", ".join(f"{w.label}: {w.value}" for w in option.weighed_by)
            out.append(_wrap(f"factors the sources say weigh on this option: {factors}", "    "))
        for sid in option.risks:
            out.append(_wrap(f'risk the sources name: "{result.statements[sid].quote}" - {result.statements[sid].source_title}', "    "))
    out.append("")
    if result.tensions:
        out.append("Where the sources point different ways for this scenario:")
        for tension in result.tensions:
            out.append(_wrap(f"* {tension.title}", ""))
            for side in tension.sides:
                out.append(_wrap(f"- {side.label}", "    "))
                out.extend(_quote_lines(result, side.statements, "        "))
        out.append("")
    if result.not_indicated:
        out.append("Core options the sources do not discuss for this scenario, and why not:")
        for item in result.not_indicated:
            out.append(f"* {item.label}")
            out.extend(_smallest_change_lines(result, item))
            if item.smallest_changes is not None:
                out.append("    conditions not met:")
            for cand in item.candidates:
                out.append(_wrap(f"- {cand.title}: {cand.failed_text()}", "    "))
                for o in cand.failed:
                    for need in o.unmet:
                        out.append(_wrap(f"to establish '{o.label}': {need}", "        "))
        out.append("")
    out.append(f"Reasoning trace ({len(result.trace)} steps):")
    for n, step in enumerate(result.trace, start=1):
        out.append(_wrap(f"{n}. {step.title} ({step.rule})", "  "))
    out.append("")
    out.append(_wrap("NOTE: " + result.disclaimer, ""))
    return strip_controls("\n".join(out)) + "\n"  # a title with ESC or BEL must not drive the terminal
