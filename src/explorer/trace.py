"""The minimal outcome of one run: which rules fired, in order, and what each newly established."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Firing:
    """One rule firing: the rule id and the derived facts it established for the first time."""

    rule: str
    new_facts: tuple[str, ...]


Trace = tuple[Firing, ...]
