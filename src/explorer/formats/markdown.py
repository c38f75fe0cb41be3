"""A Markdown handout of a Result: title, date, link back, options with their reasons, why not as the smallest change."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from ..categories import BASES
from ..result import Counterpoint, NotDiscussed, Option, Result, SmallestChange, StatementRef, Step, TensionResult
from .common import OTHER_FACTORS, dated, entered_rows, handout_title
from .safe_text import escape_markdown
from .walk import Emitter, Lines, render


class _Markdown(Emitter):
    def __init__(self, result: Result, link: str | None, today: date | None):
        super().__init__(result)
        self.link, self.today = link, today

    def _quote(self, sid: str) -> Lines:
        """A block quote followed by a blank line, so consecutive quotes never run together."""
        ref = self.result.statements[sid]
        return [f'> "{ref.quote}"  ', f"> -- *{ref.source_title}* (`{sid}`)", ""]

    def _quotes(self, statement_ids: Iterable[str]) -> Lines:
        return [line for sid in statement_ids for line in self._quote(sid)]

    def header(self) -> Lines:
        result = self.result
        title = escape_markdown(handout_title(result), one_line=True)  # user text can never become markup
        out = [f"# {title}", "", f"> **Disclaimer.** {result.disclaimer}", "", f"Date: {dated(self.today)}  "]
        if self.link:
            out.append(f"Open this scenario in the explorer: <{self.link}>")
        out += ["", "## Scenario", "", "| Factor | Value |", "| --- | --- |"]
        out += [f"| {label} | {value} |" for label, value in entered_rows(result)]
        out += ["", OTHER_FACTORS]
        if result.scenario.get("notes"):
            out += ["", "**Teaching notes.** " + escape_markdown(str(result.scenario["notes"]))]
        return out

    def options_start(self) -> Lines:
        return ["", "## Options the sources discuss for this scenario", ""]

    def no_options(self) -> Lines:
        return ["None of the rules apply to this scenario."]

    def option_head(self, option: Option) -> Lines:
        return [f"### {option.label} ({option.kind})", "", f"**{option.headline}** ({BASES[option.basis]})", ""]

    def roles(self, roles: list[tuple[str, tuple[str, ...]]]) -> Lines:
        return [f"- *{BASES[basis]}:* " + "; ".join(labels) for basis, labels in roles]

    def modalities(self, labels: Iterable[str]) -> Lines:
        return ["  \nNamed in the sources: " + ", ".join(labels)]

    def reasons(self, option: Option) -> Lines:
        out = ["", "Chain of rules:", ""]
        for n, rid in enumerate(option.chain, start=1):
            out += [f"{n}. **{self.steps[rid].title}** (`{rid}`)", ""]
            out += ["   " + line if line else "" for line in self._quotes(self.steps[rid].statements)]
        return out

    def counterpoint(self, cp: Counterpoint) -> Lines:
        return [f"**Sources point different ways:** {cp.title} (`{cp.rule}`)", "", *self._quotes(cp.statements)]

    def weighed_by(self, factors: str) -> Lines:
        return ["Factors the sources say weigh on this option: " + factors, ""]

    def risks(self, statement_ids: Iterable[str]) -> Lines:
        return ["Risks the sources name:", "", *self._quotes(statement_ids)]

    def tensions_start(self) -> Lines:
        return ["## Where the sources point different ways", ""]

    def tension(self, tension: TensionResult) -> Lines:
        out = [f"### {tension.title}", ""]
        for side in tension.sides:
            out += [f"**{side.label}**", "", *self._quotes(side.statements)]
        return out

    def why_not_start(self) -> Lines:
        return ["## Core options not discussed for this scenario, and why not", ""]

    def why_not_head(self, item: NotDiscussed) -> Lines:
        return [f"### {item.label}", ""]

    def change(self, n: int, change: SmallestChange, quote: StatementRef | None) -> Lines:
        lead = "**Smallest change:**" if n == 0 else "**Or:**"
        out = [f"{lead} {change.text()}  ", "then discussed as: " + "; ".join(change.role_labels), ""]
        return out + (self._quote(quote.id) if quote is not None else [])

    def more_changes(self, more: int) -> Lines:
        return [f"({more} more smallest changes in the full result JSON.)", ""]

    def no_change(self, text: str) -> Lines:
        return [text, ""]

    def unmet(self, item: NotDiscussed) -> Lines:
        return ["Conditions not met:", "",
                *(f"- {cand.title} (`{cand.rule}`): {cand.failed_text()}" for cand in item.candidates), ""]

    def trace(self, steps: tuple[Step, ...]) -> Lines:
        return ["## Reasoning trace", "", *(f"{n}. {s.title} (`{s.rule}`)" for n, s in enumerate(steps, start=1))]

    def footer(self) -> Lines:
        return ["", "---", "", f"*{self.result.disclaimer}*", ""]


def render_markdown(result: Result, *, link: str | None = None, today: date | None = None) -> str:
    return render(_Markdown(result, link, today))
