"""One walk over a Result for every rendering: the order of the parts and when each appears (an option's
counterpoints, the tensions, the why-not with its smallest changes). An Emitter writes each part in its format."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Iterable

from ..result import Counterpoint, NotDiscussed, Option, Result, SmallestChange, StatementRef, Step, TensionResult
from .common import key_quote, no_change_text, shown_changes

Lines = list[str]


class Emitter(ABC):
    """How one format writes each part, as lines; the parts with a body are the ones a format may leave empty."""

    def __init__(self, result: Result):
        self.result = result
        self.steps = {s.rule: s for s in result.trace}

    @abstractmethod
    def header(self) -> Lines: """Title, disclaimer, the scenario's entered values."""
    def options_start(self) -> Lines: return []
    @abstractmethod
    def no_options(self) -> Lines: ...
    @abstractmethod
    def option_head(self, option: Option) -> Lines: ...
    @abstractmethod
    def roles(self, roles: list[tuple[str, tuple[str, ...]]]) -> Lines: ...
    @abstractmethod
    def modalities(self, labels: Iterable[str]) -> Lines: ...
    @abstractmethod
    def reasons(self, option: Option) -> Lines: """The rules behind the option and their quotes."""
    @abstractmethod
    def counterpoint(self, cp: Counterpoint) -> Lines: ...
    @abstractmethod
    def weighed_by(self, factors: str) -> Lines: ...
    @abstractmethod
    def risks(self, statement_ids: Iterable[str]) -> Lines: ...
    def option_end(self) -> Lines: return []
    def options_end(self) -> Lines: return []
    @abstractmethod
    def tensions_start(self) -> Lines: ...
    @abstractmethod
    def tension(self, tension: TensionResult) -> Lines: ...
    @abstractmethod
    def why_not_start(self) -> Lines: ...
    @abstractmethod
    def why_not_head(self, item: NotDiscussed) -> Lines: ...
    @abstractmethod
    def change(self, n: int, change: SmallestChange, quote: StatementRef | None) -> Lines:
        """The n-th smallest change shown (0: the lead), and the first statement that would then apply."""
    @abstractmethod
    def more_changes(self, more: int) -> Lines: ...
    @abstractmethod
    def no_change(self, text: str) -> Lines: ...
    @abstractmethod
    def unmet(self, item: NotDiscussed) -> Lines: """The conditions not met, rule by rule or summarised."""
    def section_end(self) -> Lines: return []
    @abstractmethod
    def trace(self, steps: tuple[Step, ...]) -> Lines: ...
    @abstractmethod
    def footer(self) -> Lines: ...
    def finish(self, lines: Lines) -> str: return "\n".join(lines)


def factors_text(option: Option) -> str:
    return ", ".join(f"{w.label}: {w.value}" for w in option.weighed_by)


def _option(e: Emitter, option: Option) -> Lines:
    out = e.option_head(option) + e.roles(option.roles_by_basis())
    if option.modality_labels:
        out += e.modalities(option.modality_labels)
    out += e.reasons(option)
    for cp in option.counterpoints:
        out += e.counterpoint(cp)
    if option.weighed_by:
        out += e.weighed_by(factors_text(option))
    if option.risks:
        out += e.risks(option.risks)
    return out + e.option_end()


def _why_not(e: Emitter, item: NotDiscussed) -> Lines:
    out = e.why_not_head(item)
    changes, more = shown_changes(item)
    for n, change in enumerate(changes):
        out += e.change(n, change, key_quote(e.result, change))
    if more:
        out += e.more_changes(more)
    missing = no_change_text(item)
    if missing:
        out += e.no_change(missing)
    return out + e.unmet(item)


def render(e: Emitter) -> str:
    """The whole rendering: header, options, tensions, why not, trace, footer."""
    result = e.result
    out = e.header() + e.options_start()
    if not result.options:
        out += e.no_options()
    for option in result.options:
        out += _option(e, option)
    out += e.options_end()
    if result.tensions:
        out += e.tensions_start()
        for tension in result.tensions:
            out += e.tension(tension)
        out += e.section_end()
    if result.not_discussed:
        out += e.why_not_start()
        for item in result.not_discussed:
            out += _why_not(e, item)
        out += e.section_end()
    return e.finish(out + e.trace(result.trace) + e.footer())
