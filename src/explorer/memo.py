"""Bounded memo tables for the explainer, and the readers that make their keys."""

from __future__ import annotations

import operator
from typing import Any, Callable

from .scenario import Scenario

CACHE_LIMIT = 20_000  # entries per memo table; a full table is cleared (memory stays bounded)


class Memo(dict):  # type: ignore[type-arg]
    """A memo table that is emptied when full, so memory stays bounded however many scenarios a process sees.
    Emptying it also empties the tables keyed by `id()` of its values (an id may be reused once a value is gone)."""

    def __init__(self, *dependents: "Memo") -> None:
        super().__init__()
        self.dependents = dependents

    def put(self, key: Any, value: Any) -> Any:
        if len(self) >= CACHE_LIMIT:
            self.clear()
            for table in self.dependents:
                table.clear()
        self[key] = value
        return value


def reader(attributes: tuple[str, ...]) -> Callable[[Scenario], Any]:
    """A fast reader of some scenario attributes (a memo key part: equal values, equal keys)."""
    return operator.attrgetter(*attributes) if attributes else (lambda scenario: ())
