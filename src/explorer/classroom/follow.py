"""What a class sees of one step: short lines for a phone or a projector (the words only; the UI lays them out)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..categories import CATEGORIES
from ..result import Result


class StepDigest(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    total: int
    title: str
    used: tuple[str, ...]  # "Factor: this scenario's value (the rule needs ...)"
    added: tuple[str, ...]  # new facts, options and counterpoints
    statements: tuple[str, ...]


def step_digest(result: Result, number: int) -> StepDigest:
    """Step `number` (1-based) of the trace in words."""
    step = result.trace[number - 1]
    facts = {f.id: f.label for f in result.facts}
    used = tuple(f"{c.label}: {c.actual}" + ("" if c.kind == "fact" or c.required == c.actual
                                             else f" (the rule needs {c.required})") for c in step.used)
    added = (*(f"Fact: {facts.get(f, f)}" for f in step.new_facts),
             *(f"Option: {CATEGORIES.get(c.category, c.category)} ({c.role_label})" for c in step.conclusions),
             *(f"Sources point away from: {CATEGORIES.get(c, c)}" for c in step.counterpoints))
    return StepDigest(number=number, total=len(result.trace), title=step.title, used=used,
                      added=added or ("Nothing new: its conclusions were already established.",),
                      statements=step.statements)
