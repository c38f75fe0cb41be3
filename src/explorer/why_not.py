"""Why not: each core category without an option, with its candidate rules and the conditions they still need.

A category is memoised on what its candidates read: their attribute values and the derived facts they (and the
rules that could establish those facts) need. A derived fact not established lists the input conditions its
producing rules still need, looked up through the rules below it.
"""

from __future__ import annotations

from typing import Any, Callable, Container

from .categories import CATEGORIES, CORE_CATEGORIES
from .conditions import FactCondition
from .memo import Memo, reader
from .outcomes import ConditionOutcomes
from .result import CandidateRule, ConditionOutcome, NotDiscussed, construct
from .rulepack import Rule, RulePack
from .scenario import FIELD_LABELS, Scenario


class WhyNot:
    """Pack-level lookups computed once; `not_discussed` does only per-scenario work."""

    def __init__(self, pack: RulePack, outcomes: ConditionOutcomes, fact_bit: dict[str, int]) -> None:
        """`fact_bit`: the bit of each derived fact in the explainer's fact bit sets."""
        self.rules = pack.rule_index
        self.outcomes = outcomes
        self.producers = outcomes.producers
        self.attrs = {r.id: tuple(c.attribute for c in r.attribute_conditions) for r in pack.rules}
        self.read = {rid: reader(attrs) for rid, attrs in self.attrs.items()}  # scenario -> the values a rule reads
        self.needs = {r.id: r.facts_needed for r in pack.rules}
        self.closure_attrs = {f: self._closure_attrs(f, set()) for f in self.producers}
        self.closure_read = {f: reader(attrs) for f, attrs in self.closure_attrs.items()}
        self.candidates = {cat: pack.concluders.get(cat, ()) for cat in CORE_CATEGORIES}
        # per candidate rule: the rule, its reader, the facts it needs and their bits
        self.candidate_reads = {
            cat: tuple((r, self.read[r.id], r.facts_needed, sum(fact_bit[f] for f in set(r.facts_needed)))
                       for r in rules)
            for cat, rules in self.candidates.items()
        }
        self.keys = []  # (category, reader of what its candidates read, the facts they may look up)
        for cat, rules in self.candidates.items():
            attrs: dict[str, None] = {}
            needed: set[str] = set()
            for r in rules:
                attrs.update(dict.fromkeys(self.attrs[r.id]))
                for f in self.needs[r.id]:
                    attrs.update(dict.fromkeys(self.closure_attrs.get(f, ())))
                    needed |= {f} | self._reachable(f)
            self.keys.append((cat, reader(tuple(attrs)) if attrs else None, sum(fact_bit[f] for f in needed)))
        below = {f: self._reachable(f) for f in self.producers}  # the facts `_unmet` of f looks up
        self.below_mask = {f: sum(fact_bit[g] for g in facts) for f, facts in below.items()}
        on_cycle = {f for f, facts in below.items() if f in facts}
        # facts whose `_unmet` never meets a fact it is already looking under: memoised on their own inputs
        self.cycle_free = {f for f, facts in below.items() if not ({f} | facts) & on_cycle}
        self._why_not = Memo()  # keyed by id() of candidates
        self._candidates = Memo(self._why_not)
        self._unmet_cache = Memo()
        self._rule_gaps = Memo()
        self._category = Memo()  # a category not discussed, on what its candidates read

    def _closure_attrs(self, fact: str, seen: set[str]) -> tuple[str, ...]:
        """Every attribute read by the rules that can establish `fact`, directly or through other facts."""
        if fact in seen:
            return ()
        seen.add(fact)
        out: dict[str, None] = {}
        for rid in self.producers.get(fact, ()):
            out.update(dict.fromkeys(self.attrs[rid]))
            for needed in self.needs[rid]:
                out.update(dict.fromkeys(self._closure_attrs(needed, seen)))
        return tuple(out)

    def _reachable(self, fact: str) -> set[str]:
        """Every fact reachable from `fact` through the facts its producers need (`fact` itself only on a cycle):
        the facts `_unmet` of `fact` may look up."""
        out: set[str] = set()
        todo = [fact]
        while todo:
            for rid in self.producers.get(todo.pop(), ()):
                for n in self.needs[rid]:
                    if n not in out:
                        out.add(n)
                        todo.append(n)
        return out

    def not_discussed(
        self, scenario: Scenario, discussed: Container[str], facts: Container[str], fact_bits: int,
    ) -> tuple[NotDiscussed, ...]:
        """Each core category not in `discussed`, in order; `facts` and `fact_bits` are the established facts."""
        out = []
        get = self._category.get
        unmet_memo: dict[str, Any] = {}
        for cat, read, fact_mask in self.keys:
            if cat in discussed:
                continue
            # the facts follow from those inputs; they stay in the key so that it never depends on that reasoning
            key = (cat, read(scenario) if read else (), fact_bits & fact_mask)
            found = get(key)
            if found is None:
                candidates = tuple(self._candidate(*reads, scenario, facts, fact_bits, unmet_memo)
                                   for reads in self.candidate_reads[cat])
                found = self._category.put(key, self._not_discussed(cat, candidates))
            out.append(found)
        return tuple(out)

    def _not_discussed(self, category: str, candidates: tuple[CandidateRule, ...]) -> NotDiscussed:
        key = (category, *map(id, candidates))  # candidates are memoised for the explainer's lifetime
        found = self._why_not.get(key)
        if found is None:
            found = self._why_not.put(key, construct(NotDiscussed, {
                "category": category, "label": CATEGORIES[category], "candidates": candidates, "smallest_changes": None,
            }, given={"category", "label", "candidates"}))
        return found

    def _candidate(
        self, rule: Rule, read: Callable[[Scenario], Any], needs: tuple[str, ...], needs_mask: int,
        scenario: Scenario, facts: Container[str], fact_bits: int, unmet_memo: dict[str, tuple[str, ...]],
    ) -> CandidateRule:
        """A candidate rule's failed and satisfied conditions, memoised on what it reads: its attribute values, which
        of its facts are established and the unmet conditions of the others (`unmet_memo`: those of this scenario)."""
        have = fact_bits & needs_mask
        missing: tuple[str, ...] = ()
        unmet: list[tuple[str, ...]] = []
        if have != needs_mask:
            missing = tuple(f for f in needs if f not in facts)
            for f in missing:
                found = unmet_memo.get(f)
                if found is None:
                    found = unmet_memo[f] = self._unmet_for(f, scenario, facts, fact_bits)
                unmet.append(found)
        key = (rule.id, read(scenario), have, *unmet)
        cand = self._candidates.get(key)
        if cand is None:
            by_fact = dict(zip(missing, unmet))
            outcomes = tuple(
                construct(ConditionOutcome, {**o.__dict__, "unmet": by_fact[o.name]})
                if o.kind == "fact" and not o.holds else o
                for o in self.outcomes.of(rule, scenario, facts)
            )
            cand = self._candidates.put(key, construct(CandidateRule, {
                "rule": rule.id, "title": rule.title,
                "failed": tuple(o for o in outcomes if not o.holds),
                "satisfied": tuple(o for o in outcomes if o.holds),
                "statements": rule.spec.cites,
            }))
        return cand

    def _unmet_for(
        self, fact: str, scenario: Scenario, facts: Container[str], fact_bits: int,
    ) -> tuple[str, ...]:
        """`_unmet`, memoised on what it reads: the values of the attributes that can establish the fact and the facts
        below it (those follow from the values; they stay in the key so that it never depends on that reasoning)."""
        read = self.closure_read.get(fact)
        key = (fact, read(scenario) if read else (), fact_bits & self.below_mask.get(fact, 0))
        out = self._unmet_cache.get(key)
        if out is None:
            out = self._unmet_cache.put(key, tuple(self._unmet(fact, scenario, facts, fact_bits)))
        return out

    def _unmet(
        self, fact: str, scenario: Scenario, facts: Container[str], fact_bits: int,
        seen: frozenset[str] = frozenset(),
    ) -> list[str]:
        """The input conditions the rules establishing `fact` still need ('rule: Factor is X, needs Y'). A fact below
        that is off every cycle gives the same whatever was `seen`: its memoised `_unmet_for`."""
        out: list[str] = []
        for rid in self.producers.get(fact, ()):
            for gap in self._gaps(rid, scenario):
                if isinstance(gap, str):
                    out.append(gap)
                elif gap.fact not in facts and gap.fact not in seen:
                    if gap.fact in self.cycle_free:
                        out.extend(self._unmet_for(gap.fact, scenario, facts, fact_bits))
                    else:
                        out.extend(self._unmet(gap.fact, scenario, facts, fact_bits, seen | {fact}))
        return list(dict.fromkeys(out))

    def _gaps(self, rid: str, scenario: Scenario) -> tuple[Any, ...]:
        """A rule's conditions in order, for `_unmet`: the text of each attribute condition that fails ('rule: Factor
        is X, needs Y'), and the fact of each fact condition (a FactCondition, to look further), memoised on the
        values the rule reads."""
        key = (rid, self.read[rid](scenario))
        found = self._rule_gaps.get(key)
        if found is None:
            found = self._rule_gaps.put(key, tuple(
                cond if isinstance(cond, FactCondition)
                else f"{rid}: {FIELD_LABELS[cond.attribute]} is {cond.actual(scenario)}, needs {cond.required()}"
                for cond in self.rules[rid].conditions
                if isinstance(cond, FactCondition) or not cond.holds(scenario)
            ))
        return found
