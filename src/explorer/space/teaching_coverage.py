"""Teaching coverage: what the case library shows a student, and what it never does.

For every case the shipped pack is evaluated; the union says which core and adjunct categories,
rules and source statements the cases exercise. Rules that can fire (a Reachability witness
exists) but that no case fires are the gaps to fill with new cases; each comes with its witness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..api import Explorer, default_explorer
from ..cases import Case, load_cases
from ..categories import ADJUNCT_CATEGORIES, CORE_CATEGORIES
from ..reachability import Reachability


@dataclass(frozen=True)
class CaseRun:
    """One case's evaluation: categories discussed, rules fired (firing order), statements shown."""

    case: str
    title: str
    categories: tuple[str, ...]
    rules: tuple[str, ...]
    statements: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    runs: tuple[CaseRun, ...]
    core_shown: tuple[str, ...]
    core_missing: tuple[str, ...]
    adjunct_shown: tuple[str, ...]
    adjunct_missing: tuple[str, ...]
    rules_fired: tuple[str, ...]  # pack order
    rules_fireable: tuple[str, ...]
    rules_missed: tuple[str, ...]  # fireable, fired by no case
    rules_unfireable: tuple[str, ...]
    statements_shown: tuple[str, ...]  # catalogue order
    statements_not_shown: tuple[str, ...]  # cited by some rule, shown by no case
    statements_uncited: tuple[str, ...]  # cited by no rule at all
    witnesses: dict[str, dict[str, Any]] = field(default_factory=dict)  # missed rule -> scenario that fires it
    fired_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # rule -> case ids

    @property
    def statements_total(self) -> int:
        return len(self.statements_shown) + len(self.statements_not_shown) + len(self.statements_uncited)


def _split(ids: Sequence[str], seen: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(i for i in ids if i in seen), tuple(i for i in ids if i not in seen)


def coverage(explorer: Explorer | None = None, cases: Sequence[Case] | None = None) -> Coverage:
    """Coverage of `cases` (default: the case library) under `explorer` (default: the shipped pack)."""
    explorer = explorer or default_explorer()
    cases = load_cases() if cases is None else cases
    pack = explorer.pack
    runs = []
    for case in cases:
        result = explorer.evaluate(case.scenario)
        runs.append(CaseRun(case.id, case.title, tuple(result.categories),
                            tuple(step.rule for step in result.trace), tuple(result.statements)))
    categories = {c for r in runs for c in r.categories}
    fired = {rid for r in runs for rid in r.rules}
    shown = {s for r in runs for s in r.statements}
    witnesses = Reachability(pack.rules).witnesses
    rule_ids = [r.id for r in pack.rules]
    fireable = [rid for rid in rule_ids if witnesses.get(rid) is not None]
    cited = pack.cited_by_rules
    missed = tuple(rid for rid in fireable if rid not in fired)
    core_shown, core_missing = _split(list(CORE_CATEGORIES), categories)
    adjunct_shown, adjunct_missing = _split(list(ADJUNCT_CATEGORIES), categories)
    statements_shown, not_shown = _split(list(pack.statements), shown)
    return Coverage(
        runs=tuple(runs),
        core_shown=core_shown, core_missing=core_missing,
        adjunct_shown=adjunct_shown, adjunct_missing=adjunct_missing,
        rules_fired=tuple(rid for rid in rule_ids if rid in fired),
        rules_fireable=tuple(fireable), rules_missed=missed,
        rules_unfireable=tuple(rid for rid in rule_ids if witnesses.get(rid) is None),
        statements_shown=statements_shown,
        statements_not_shown=tuple(s for s in not_shown if s in cited),
        statements_uncited=tuple(s for s in not_shown if s not in cited),
        witnesses={rid: witnesses[rid].public_dict() for rid in missed},
        fired_by={rid: tuple(r.case for r in runs if rid in r.rules) for rid in rule_ids},
    )
