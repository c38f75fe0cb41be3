"""Quiz mode: compare a student's expected categories with what the sources discuss."""

from __future__ import annotations

from typing import Iterable

from pydantic import BaseModel, ConfigDict

from .categories import CATEGORIES
from .errors import InputError
from .result import Result


class QuizMark(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: str
    label: str
    picked: bool
    discussed: bool
    verdict: str  # hit | missed | not discussed | correctly left out
    statements: tuple[str, ...]  # why it is (or, for core categories, why it is not) discussed


class QuizOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    marks: tuple[QuizMark, ...]
    hits: int
    misses: int
    false_alarms: int
    score: str


def grade(result: Result, picked: Iterable[str]) -> QuizOutcome:
    chosen = set(picked)
    unknown = chosen - set(CATEGORIES)
    if unknown:
        raise InputError(f"quiz: unknown category {sorted(unknown)[0]!r}; allowed: {', '.join(CATEGORIES)}")
    discussed = set(result.categories)
    why_not = {n.category: tuple(dict.fromkeys(s for c in n.candidates for s in c.statements)) for n in result.not_indicated}
    marks = []
    for cat, label in CATEGORIES.items():
        if cat not in chosen and cat not in discussed and cat not in why_not:
            continue
        is_picked, is_discussed = cat in chosen, cat in discussed
        verdict = {
            (True, True): "hit", (False, True): "missed",
            (True, False): "not discussed", (False, False): "correctly left out",
        }[(is_picked, is_discussed)]
        option = result.option(cat)
        statements = option.statements if option else why_not.get(cat, ())
        marks.append(QuizMark(category=cat, label=label, picked=is_picked, discussed=is_discussed,
                              verdict=verdict, statements=statements))
    hits = sum(m.verdict == "hit" for m in marks)
    misses = sum(m.verdict == "missed" for m in marks)
    false_alarms = sum(m.verdict == "not discussed" for m in marks)
    return QuizOutcome(marks=tuple(marks), hits=hits, misses=misses, false_alarms=false_alarms,
                       score=f"{hits} of {len(discussed)} discussed options found, {false_alarms} picked that the sources do not discuss here")
