"""Teaching steps: the firing trace regrouped so a class walks a case one option at a time.

Each teaching step brings in one core option (in the order the trace first concludes it), then one last step
brings in all the adjuncts. A step carries every rule of its options' chains not shown in an earlier step. Plumbing
rules (they only conclude derived facts) are folded into the step they lead to. Rules in no option's chain (a
counterpoint, a fact that leads nowhere) join the first step that comes after them in the trace, or the last step.
A case of 30 firings walks in 5-8 steps.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .categories import CATEGORIES, category_kind
from .result import Result


class TeachingStep(BaseModel):
    """One option brought in, with the trace steps (0-based indices, firing order) that lead to it."""

    model_config = ConfigDict(frozen=True)

    categories: tuple[str, ...]  # the options this step brings in (empty: rules that lead to no option)
    label: str
    steps: tuple[int, ...]
    folded: tuple[int, ...]  # the plumbing among `steps`: rules that only conclude derived facts

    @property
    def shown(self) -> tuple[int, ...]:
        """The steps shown in full: those that conclude an option or point away from one."""
        return tuple(i for i in self.steps if i not in self.folded)


def teaching_steps(result: Result) -> list[TeachingStep]:
    """The trace as one teaching step per option (see the module docstring); empty for an empty trace."""
    index = {step.rule: i for i, step in enumerate(result.trace)}
    first_conclusion: dict[str, int] = {}
    for i, step in enumerate(result.trace):
        for conclusion in step.conclusions:
            first_conclusion.setdefault(conclusion.category, i)
    ordered = sorted(first_conclusion, key=first_conclusion.__getitem__)
    bundles = [(c,) for c in ordered if category_kind(c) == "core"]
    adjuncts = tuple(c for c in ordered if category_kind(c) != "core")
    if adjuncts:
        bundles.append(adjuncts)
    groups: list[tuple[tuple[str, ...], list[int]]] = []
    assigned: set[int] = set()
    for bundle in bundles:
        chains = [r for c in bundle for r in (result.option(c).chain if result.option(c) else ())]  # type: ignore[union-attr]
        members = sorted({index[r] for r in chains} - assigned)
        assigned.update(members)
        groups.append((bundle, members))
    for i in range(len(result.trace)):
        if i in assigned:
            continue
        later = [g for g in groups if g[1] and max(g[1]) > i]
        target = later[0] if later else (groups[-1] if groups else None)
        if target is None:
            target = ((), [])
            groups.append(target)
        target[1].append(i)
        target[1].sort()
    out = []
    for bundle, members in groups:
        folded = tuple(i for i in members if not result.trace[i].conclusions and not result.trace[i].counterpoints)
        names = ", ".join(CATEGORIES.get(c, c) for c in bundle)
        label = (names if len(bundle) == 1 else f"Adjuncts: {names}") if bundle else "Other rules that applied"
        out.append(TeachingStep(categories=bundle, label=label, steps=tuple(members), folded=folded))
    return out
