"""A readable plain-text explanation of a Result."""

from __future__ import annotations

import textwrap
from typing import Any, Iterable, Mapping

from ..categories import BASES
from ..result import Counterpoint, NotDiscussed, Option, Result, SmallestChange, StatementRef, Step, TensionResult
from ..scenario import FIELD_LABELS, TEXT_FIELDS, value_label
from .safe_text import strip_controls
from .walk import Emitter, Lines, render

WIDTH = 100


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


class _Text(Emitter):
    def _quotes(self, statement_ids: Iterable[str], indent: str) -> Lines:
        """Each statement as a wrapped, quoted line with its source title."""
        return [self._quote(self.result.statements[sid], indent) for sid in statement_ids]

    @staticmethod
    def _quote(ref: StatementRef, indent: str, lead: str = "") -> str:
        return _wrap(f'{lead}"{ref.quote}" - {ref.source_title}', indent)

    def header(self) -> Lines:
        title = self.result.scenario.get("title")
        return [_wrap("NOTE: " + self.result.disclaimer, ""), "", f"Scenario{': ' + title if title else ''}",
                *scenario_lines(self.result.scenario), "", "Options the sources discuss for this scenario:"]

    def no_options(self) -> Lines:
        return ["  (none of the rules apply to this scenario)"]

    def option_head(self, option: Option) -> Lines:
        return [f"* {option.label} [{option.kind}; {BASES[option.basis]}] - {option.headline}"]

    def roles(self, roles: list[tuple[str, tuple[str, ...]]]) -> Lines:
        return [_wrap(f"{BASES[basis]}: " + "; ".join(labels), "    ") for basis, labels in roles]

    def modalities(self, labels: Iterable[str]) -> Lines:
        return [_wrap("named: " + ", ".join(labels), "    ")]

    def reasons(self, option: Option) -> Lines:
        out = ["    because:"]
        for rid in option.chain:
            out.append(_wrap(f"- {self.steps[rid].title} ({rid})", "      "))
            out += self._quotes(self.steps[rid].statements, "          ")
        return out

    def counterpoint(self, cp: Counterpoint) -> Lines:
        return [_wrap(f"Sources point different ways: {cp.title} ({cp.rule})", "    "),
                *self._quotes(cp.statements, "          ")]

    def weighed_by(self, factors: str) -> Lines:
        return [_wrap(f"factors the sources say weigh on this option: {factors}", "    ")]

    def risks(self, statement_ids: Iterable[str]) -> Lines:
        return [self._quote(self.result.statements[sid], "    ", "risk the sources name: ") for sid in statement_ids]

    def options_end(self) -> Lines:
        return [""]

    def tensions_start(self) -> Lines:
        return ["Where the sources point different ways for this scenario:"]

    def tension(self, tension: TensionResult) -> Lines:
        out = [_wrap(f"* {tension.title}", "")]
        for side in tension.sides:
            out += [_wrap(f"- {side.label}", "    "), *self._quotes(side.statements, "        ")]
        return out

    def why_not_start(self) -> Lines:
        return ["Core options the sources do not discuss for this scenario, and why not:"]

    def why_not_head(self, item: NotDiscussed) -> Lines:
        return [f"* {item.label}"]

    def change(self, n: int, change: SmallestChange, quote: StatementRef | None) -> Lines:
        out = [_wrap(("smallest change: " if n == 0 else "or: ") + change.text(), "    "),
               _wrap("then discussed as: " + "; ".join(change.role_labels), "        ")]
        return out + ([self._quote(quote, "          ")] if quote is not None else [])

    def more_changes(self, more: int) -> Lines:
        return [f"    ({more} more smallest changes in the JSON output)"]

    def no_change(self, text: str) -> Lines:
        return ["    " + text]

    def unmet(self, item: NotDiscussed) -> Lines:
        out = ["    conditions not met:"] if item.smallest_changes is not None else []
        for cand in item.candidates:
            out.append(_wrap(f"- {cand.title}: {cand.failed_text()}", "    "))
            out += [_wrap(f"to establish '{o.label}': {need}", "        ") for o in cand.failed for need in o.unmet]
        return out

    def section_end(self) -> Lines:
        return [""]

    def trace(self, steps: tuple[Step, ...]) -> Lines:
        return [f"Reasoning trace ({len(steps)} steps):",
                *(_wrap(f"{n}. {step.title} ({step.rule})", "  ") for n, step in enumerate(steps, start=1))]

    def footer(self) -> Lines:
        return ["", _wrap("NOTE: " + self.result.disclaimer, "")]

    def finish(self, lines: Lines) -> str:
        return strip_controls("\n".join(lines)) + "\n"  # a title with ESC or BEL must not drive the terminal


def scenario_lines(scenario: Mapping[str, Any]) -> list[str]:
    return [f"  {FIELD_LABELS.get(key, key)}: {value_label(value)}" for key, value in scenario.items()
            if value or key not in TEXT_FIELDS]


def render_text(result: Result) -> str:
    """The options the sources discuss, their rule chains and quotes, why not, the disclaimer."""
    return render(_Text(result))
