"""Quiz mode: compare a student's expected categories with what the sources discuss.

Only the core categories are scored; adjuncts are marked but not counted. A discussed category is explained by the
statements of the rules that conclude it (then the rest of its chain); a wrong pick, or a category rightly left out,
by its smallest change and the conditions the scenario does not meet, never by quotes that seem to support it.
"""

from __future__ import annotations

from typing import Iterable

from pydantic import BaseModel, ConfigDict

from .categories import CATEGORIES, category_kind
from .errors import InputError, preview
from .result import Option, Result, SmallestChange

VERDICTS: dict[tuple[bool, bool], str] = {  # (picked, discussed) -> verdict
    (True, True): "hit", (False, True): "missed", (True, False): "wrong pick", (False, False): "correctly left out",
}
CORRECT = {"hit", "correctly left out"}


class QuizMark(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: str
    label: str
    kind: str  # core | adjunct (adjuncts are not scored)
    picked: bool
    discussed: bool
    verdict: str  # hit | missed | wrong pick | correctly left out
    correct: bool
    icon: str  # ✓ or ✗: never colour alone
    statements: tuple[str, ...]  # for a discussed category: why, concluding rules' statements first
    smallest_changes: tuple[SmallestChange, ...] = ()  # for a core category not discussed: what would bring it in
    unmet: tuple[str, ...] = ()  # for a core category not discussed: the distinct conditions not met


class QuizOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    marks: tuple[QuizMark, ...]
    hits: int  # core only
    misses: int
    false_alarms: int
    score: str


def _why(result: Result, option: Option) -> tuple[str, ...]:
    """The option's statements, those of the rules that conclude it first."""
    steps = {s.rule: s for s in result.trace}
    lead = [sid for rid in option.rules for sid in steps[rid].statements]
    return tuple(dict.fromkeys((*lead, *option.statements)))


def grade(result: Result, picked: Iterable[str]) -> QuizOutcome:
    """Mark every category picked or discussed, and every core category; score the core categories.

    Smallest changes are taken from `result.not_discussed` (see `explorer.smallest_change.with_smallest_changes`).
    """
    chosen = set(picked)
    unknown = chosen - set(CATEGORIES)
    if unknown:
        raise InputError(f"quiz: unknown category {preview(sorted(unknown)[0])}; allowed: {', '.join(CATEGORIES)}")
    discussed = set(result.categories)
    why_not = {n.category: n for n in result.not_discussed}
    marks = []
    for cat, label in CATEGORIES.items():
        if cat not in chosen and cat not in discussed and cat not in why_not:
            continue
        is_picked, is_discussed = cat in chosen, cat in discussed
        verdict = VERDICTS[(is_picked, is_discussed)]
        option, item = result.option(cat), why_not.get(cat)
        unmet = tuple(dict.fromkeys(
            f"{o.label} is {o.actual}, needs {o.required}" for c in (item.candidates if item else ()) for o in c.failed
        ))
        marks.append(QuizMark(
            category=cat, label=label, kind=category_kind(cat), picked=is_picked, discussed=is_discussed,
            verdict=verdict, correct=verdict in CORRECT, icon="✓" if verdict in CORRECT else "✗",
            statements=_why(result, option) if option else (),
            smallest_changes=tuple(item.smallest_changes or ()) if item else (), unmet=unmet,
        ))
    core = [m for m in marks if m.kind == "core"]
    hits = sum(m.verdict == "hit" for m in core)
    misses = sum(m.verdict == "missed" for m in core)
    false_alarms = sum(m.verdict == "wrong pick" for m in core)
    core_discussed = sum(m.discussed for m in core)
    return QuizOutcome(marks=tuple(marks), hits=hits, misses=misses, false_alarms=false_alarms,
                       score=f"{hits} of {core_discussed} discussed core options found; "
                             f"{false_alarms} wrong pick{'s' if false_alarms != 1 else ''} (adjuncts are not scored)")
