"""What a store keeps about one class session (no student names: seats are random ids)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .questions import Question

Phase = Literal["following", "open", "locked", "revealed", "ended"]
_CFG = ConfigDict(frozen=True)


class AskedQuestion(BaseModel):
    """A question put to the class; its counts are frozen once it is revealed or left behind."""

    model_config = _CFG

    number: int
    question: Question
    counts: dict[str, int] | None = None
    answered: int = 0
    revealed: bool = False


class ClassRecord(BaseModel):
    """The tutor-controlled state of a session; only a request carrying the tutor key changes it."""

    model_config = _CFG

    code: str
    key_digest: str
    scenario: dict[str, Any]
    steps: int
    step: int
    phase: Phase = "following"
    asked: tuple[AskedQuestion, ...] = ()
    version: int = 0  # set by the store on every write; students poll it

    @property
    def current(self) -> AskedQuestion | None:
        """The question of the open, locked or revealed phase."""
        return self.asked[-1] if self.asked and self.phase in ("open", "locked", "revealed") else None


class Tally(BaseModel):
    """Joined and answered counts, and the count per choice (in the question's order)."""

    model_config = _CFG

    joined: int
    answered: int
    counts: tuple[tuple[str, str, int], ...]  # (choice id, label, count)


def count_answers(question: Question, answers: dict[str, str]) -> dict[str, int]:
    counts = {c.id: 0 for c in question.choices}
    for choice in answers.values():
        if choice in counts:
            counts[choice] += 1
    return counts


def tally_of(question: Question, counts: dict[str, int], joined: int) -> Tally:
    return Tally(joined=joined, answered=sum(counts.values()),
                 counts=tuple((c.id, c.label, counts.get(c.id, 0)) for c in question.choices))
