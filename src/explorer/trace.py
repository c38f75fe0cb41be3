"""The minimal outcome of one run: which rules fired, in order, and what each newly established."""

from __future__ import annotations

from typing import NamedTuple


class Firing(NamedTuple):
    """One rule firing: the rule id and the derived facts it established for the first time.
    (A NamedTuple: made once per firing, and a frozen dataclass costs several times more to build.)"""

    rule: str
    new_facts: tuple[str, ...]


Trace = tuple[Firing, ...]
