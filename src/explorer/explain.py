"""Turn a firing trace into a Result: options with their chains, why-not, statements.

Everything that depends only on the pack is computed once. The per-scenario pieces
(a step, a why-not candidate) depend only on a rule and the few attribute values it reads,
so they are memoised on that key: explaining a scenario is mostly dictionary lookups.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable

from .categories import BASES, CATEGORIES, CORE_CATEGORIES, category_kind
from .conditions import AttributeCondition, FactCondition
from .disclaimer import DISCLAIMER
from .result import (
    CandidateRule, Conclusion, ConditionOutcome, Counterpoint, DerivedFact, NotDiscussed, Option, Result, Step,
    TensionResult, TensionSideResult, WeighingFactor,
)
from .rulepack import Rule, RulePack
from .scenario import FIELD_LABELS, Scenario, value_label
from .trace import Trace


SCENARIO_FIELDS = tuple(Scenario.model_fields)
BASE_ORDER = list(BASES)  # most specific first
CACHE_LIMIT = 20_000  # entries per memo table; a full table is cleared (memory stays bounded)


class _Memo(dict):  # type: ignore[type-arg]
    """A memo table that is emptied when full, so memory stays bounded however many scenarios a process sees.
    Emptying it also empties the tables keyed by `id()` of its values (an id may be reused once a value is gone)."""

    def __init__(self, *dependents: "_Memo") -> None:
        super().__init__()
        self.dependents = dependents

    def put(self, key: Any, value: Any) -> Any:
        if len(self) >= CACHE_LIMIT:
            self.clear()
            for table in self.dependents:
                table.clear()
        self[key] = value
        return value


def _reader(attributes: tuple[str, ...]) -> Callable[[Scenario], Any]:
    """A fast reader of some scenario attributes (a memo key part: equal values, equal keys)."""
    return operator.attrgetter(*attributes) if attributes else (lambda scenario: ())


@dataclass(frozen=True)
class _TracePlan:
    """Everything about a run that depends only on which rules fired, in order."""

    facts: set[str]
    ancestors: dict[str, int]  # rule -> bit set of its chain (bit i = i-th rule of the pack)
    by_cat: dict[str, list[tuple[str, Conclusion]]]
    against: dict[str, tuple[str, ...]]
    cited: set[str]
    derived: tuple[DerivedFact, ...]


class Explainer:
    """Pack-level lookups computed once; `explain` does only per-scenario work."""

    def __init__(self, pack: RulePack):
        self.pack = pack
        self.rules = pack.rule_index
        self.producers = {fact: tuple(r.id for r in rules) for fact, rules in pack.producers.items()}
        self.fact_labels = {f.id: f.label for f in pack.vocabulary.facts} if pack.vocabulary else {}
        self.attrs = {r.id: tuple(c.attribute for c in r.attribute_conditions) for r in pack.rules}
        self.needs = {r.id: r.facts_needed for r in pack.rules}
        self.closure_attrs = {f: self._closure_attrs(f, set()) for f in self.producers}
        self.candidates = {cat: pack.concluders.get(cat, ()) for cat in CORE_CATEGORIES}
        self.statement_refs = pack.statement_refs
        self.conclusions = {
            r.id: tuple(
                Conclusion(
                    category=o.category, role=o.role, role_label=pack.label("roles", o.role),
                    modalities=o.modalities, modality_labels=tuple(pack.label("modalities", m) for m in o.modalities),
                    basis=o.basis,
                )
                for o in r.spec.then.options
            )
            for r in pack.rules
        }
        self.counterpoint = {
            r.id: Counterpoint(rule=r.id, title=r.title, statements=r.spec.cites) for r in pack.rules
        }
        self.fact_outcomes = {
            (fact, est): ConditionOutcome(
                kind="fact", name=fact, label=self.fact_labels.get(fact, fact), required="established",
                actual="established" if est else "not established", holds=est, producers=self.producers.get(fact, ()),
            )
            for fact in {f for r in pack.rules for f in r.facts_needed} for est in (True, False)
        }
        self.derived = {
            (f, rid): DerivedFact(id=f, label=self.fact_labels.get(f, f), rule=rid)
            for rid, r in self.rules.items() for f in r.spec.then.facts
        }
        self.tensions = [
            (t, tuple(c for c in t.conditions if not isinstance(c, FactCondition)), t.facts_needed,
             TensionResult(
                 id=t.id, title=t.spec.title, categories=t.spec.categories, note=t.spec.note,
                 sides=tuple(TensionSideResult(label=side.label, statements=side.cites) for side in t.spec.sides),
             ))
            for t in pack.tensions
        ]
        self.considerations = pack.considerations
        self._attr_outcomes = _Memo()
        self._steps = _Memo()
        self._why_not = _Memo()  # keyed by id() of candidates
        self._candidates = _Memo(self._why_not)
        self._unmet_ids = itertools.count()  # never reused, so candidate keys stay unambiguous
        self._unmet_cache = _Memo()
        self._weighed = _Memo()  # keyed by id() of options
        self._option_cache = _Memo(self._weighed)  # per option: shared by many sequences
        self._factors = _Memo()
        self.bit = {r.id: 1 << i for i, r in enumerate(pack.rules)}
        self.by_bit = tuple(r.id for r in pack.rules)
        self.entries = {rid: tuple((c.category, (rid, c)) for c in cs) for rid, cs in self.conclusions.items()}
        self.counterpoints = {r.id: r.spec.then.counterpoints for r in pack.rules}
        self.cites = {r.id: r.spec.cites for r in pack.rules}
        self.weighing_fields = tuple(dict.fromkeys(f for c in pack.considerations.values() for f in c.weighed_by))
        self.tension_cites = {t.id: tuple(s for side in t.spec.sides for s in side.cites) for t in pack.tensions}
        self.read = {rid: _reader(attrs) for rid, attrs in self.attrs.items()}  # scenario -> the values a rule reads
        self.closure_read = {f: _reader(attrs) for f, attrs in self.closure_attrs.items()}
        self.per_rule = {  # what `_plan` reads per firing, in one lookup
            rid: (self.bit[rid], self.needs[rid], self.entries[rid], self.counterpoints[rid], self.cites[rid])
            for rid in self.rules
        }

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

    def _unmet(self, fact: str, scenario: Scenario, facts: set[str], seen: frozenset[str] = frozenset()) -> list[str]:
        """The input conditions the rules establishing `fact` still need ('rule: Factor is X, needs Y')."""
        out: list[str] = []
        for rid in self.producers.get(fact, ()):
            rule = self.rules[rid]
            for cond in rule.conditions:
                if isinstance(cond, FactCondition):
                    if cond.fact not in facts and cond.fact not in seen:
                        out.extend(self._unmet(cond.fact, scenario, facts, seen | {fact}))
                elif not cond.holds(scenario):
                    out.append(f"{rid}: {FIELD_LABELS[cond.attribute]} is {cond.actual(scenario)}, needs {cond.required()}")
        return list(dict.fromkeys(out))

    # -- memoised pieces ----------------------------------------------------------------
    def _attr_outcome(self, cond: AttributeCondition, scenario: Scenario) -> ConditionOutcome:
        value = getattr(scenario, cond.attribute)
        key = (cond, value)
        out = self._attr_outcomes.get(key)
        if out is None:
            out = self._attr_outcomes.put(key, ConditionOutcome.model_construct(
                kind="attribute", name=cond.attribute, label=FIELD_LABELS.get(cond.attribute, cond.attribute),
                required=cond.required(), actual=cond.actual(scenario), holds=cond.holds(scenario),
            ))
        return out

    def _outcomes(self, rule: Rule, scenario: Scenario, facts: set[str]) -> tuple[ConditionOutcome, ...]:
        return tuple(
            self.fact_outcomes[(c.fact, c.fact in facts)] if isinstance(c, FactCondition)
            else self._attr_outcome(c, scenario)
            for c in rule.conditions
        )

    def _step(self, rule: Rule, new_facts: tuple[str, ...], scenario: Scenario, facts: set[str]) -> Step:
        key = (rule.id, new_facts, self.read[rule.id](scenario))
        step = self._steps.get(key)
        if step is None:
            spec = rule.spec
            step = self._steps.put(key, Step.model_construct(
                rule=rule.id, title=spec.title, used=self._outcomes(rule, scenario, facts),
                produced_facts=spec.then.facts, new_facts=new_facts, conclusions=self.conclusions[rule.id],
                counterpoints=spec.then.counterpoints, statements=spec.cites, note=spec.note,
            ))
        return step

    def _unmet_for(self, fact: str, scenario: Scenario, facts: set[str]) -> tuple[int, tuple[str, ...]]:
        """`_unmet` with a small id, memoised on the values of the attributes that can establish the fact."""
        read = self.closure_read.get(fact)
        key = (fact, read(scenario) if read else ())
        out = self._unmet_cache.get(key)
        if out is None:
            out = self._unmet_cache.put(key, (next(self._unmet_ids), tuple(self._unmet(fact, scenario, facts))))
        return out

    def _candidate(self, rule: Rule, scenario: Scenario, facts: set[str], unmet_memo: dict[str, Any]) -> CandidateRule:
        rid = rule.id
        missing = tuple(f for f in self.needs[rid] if f not in facts)
        unmet = []
        for f in missing:
            found = unmet_memo.get(f)
            if found is None:
                found = unmet_memo[f] = self._unmet_for(f, scenario, facts)
            unmet.append(found)
        key = (rid, self.read[rid](scenario), missing, *(n for n, _ in unmet))
        cand = self._candidates.get(key)
        if cand is None:
            by_fact = {f: texts for f, (_, texts) in zip(missing, unmet)}
            outcomes = tuple(
                ConditionOutcome.model_construct(**{**o.__dict__, "unmet": by_fact[o.name]})
                if o.kind == "fact" and not o.holds else o
                for o in self._outcomes(rule, scenario, facts)
            )
            cand = self._candidates.put(key, CandidateRule.model_construct(
                rule=rule.id, title=rule.title,
                failed=tuple(o for o in outcomes if not o.holds),
                satisfied=tuple(o for o in outcomes if o.holds),
                statements=rule.spec.cites,
            ))
        return cand

    # -- one scenario ---------------------------------------------------------------------
    def _plan(self, trace: Trace) -> "_TracePlan":
        """What depends only on which rules fired, in order. Each rule's chain (itself and every rule that
        established a fact it used) is a bit set over pack positions, so chains come out in firing order."""
        facts: set[str] = set()
        first_producer: dict[str, str] = {}
        ancestors: dict[str, int] = {}
        by_cat: dict[str, list[tuple[str, Conclusion]]] = {}
        against: dict[str, list[str]] = {}
        cited: set[str] = set()
        per_rule = self.per_rule
        for rid, new_facts in trace:
            mask, needs, entries, counterpoints, cites = per_rule[rid]
            for f in needs:
                mask |= ancestors[first_producer[f]]
            ancestors[rid] = mask
            if new_facts:
                for f in new_facts:
                    first_producer[f] = rid
                facts.update(new_facts)
            for cat, entry in entries:
                by_cat.setdefault(cat, []).append(entry)
            for cat in counterpoints:
                against.setdefault(cat, []).append(rid)
            cited.update(cites)
        return _TracePlan(
            facts=facts, ancestors=ancestors, by_cat=by_cat,
            against={cat: tuple(rids) for cat, rids in against.items()}, cited=cited,
            derived=tuple(self.derived[(f, r)] for f, r in first_producer.items()),
        )

    def _chain(self, mask: int) -> tuple[str, ...]:
        out = []
        while mask:
            low = mask & -mask
            out.append(self.by_bit[low.bit_length() - 1])
            mask ^= low
        return tuple(out)

    # -- one scenario ---------------------------------------------------------------------
    def explain(self, scenario: Scenario, trace: Trace) -> Result:
        plan = self._plan(trace)
        facts = plan.facts
        steps = []
        so_far: set[str] = set()
        for rid, new_facts in trace:
            steps.append(self._step(self.rules[rid], new_facts, scenario, so_far))
            if new_facts:
                so_far.update(new_facts)
        tensions = tuple(
            result for _, attrs, needs, result in self.tensions
            if all(f in facts for f in needs) and all(c.holds(scenario) for c in attrs)
        )
        options = self._options(plan, scenario, tensions)
        listed = {o.category for o in options}
        unmet_memo: dict[str, Any] = {}
        not_discussed = tuple(
            self._not_discussed(cat, tuple(self._candidate(r, scenario, facts, unmet_memo) for r in self.candidates[cat]))
            for cat in CORE_CATEGORIES if cat not in listed
        )
        cited = plan.cited
        for t in tensions:
            cited.update(self.tension_cites[t.id])
        for o in options:
            cited.update(o.risks)
            cited.update(o.weighed_by_statements)
        return Result.model_construct(
            disclaimer=DISCLAIMER,
            # read-only; the same as frozen(scenario.model_dump(mode="json")): every field is a JSON scalar except
            # symptoms, already a tuple (tests/test_cache.py compares the two)
            scenario=MappingProxyType({name: getattr(scenario, name) for name in SCENARIO_FIELDS}),
            options=options,
            not_discussed=not_discussed,
            trace=tuple(steps),
            facts=plan.derived,
            statements=MappingProxyType({s: self.statement_refs[s] for s in sorted(cited)}),
            tensions=tensions,
        )

    def _options(
        self, plan: "_TracePlan", scenario: Scenario, tensions: tuple[TensionResult, ...],
    ) -> tuple[Option, ...]:
        out = []
        for cat in CATEGORIES:  # core first, then adjuncts, in the fixed order
            entries = plan.by_cat.get(cat)
            if not entries:
                continue
            rules = tuple(dict.fromkeys(rid for rid, _ in entries))
            mask = 0
            for r in rules:
                mask |= plan.ancestors[r]
            chain = self._chain(mask)
            concerned = tuple(t.id for t in tensions if cat in t.categories)
            against = plan.against.get(cat, ())
            option_key = (cat, rules, chain, against, concerned)
            option = self._option_cache.get(option_key)
            if option is None:
                option = self._option_cache.put(option_key, self._option(cat, entries, rules, chain, against, concerned))
            weighing = self.considerations.get(cat)
            if weighing is not None and weighing.weighed_by:  # this scenario's values of the weighing factors
                values = tuple(getattr(scenario, f) for f in weighing.weighed_by)
                weighed_key = (id(option), values)  # emptied with the option table, so the id is of a live option
                weighed = self._weighed.get(weighed_key)
                if weighed is None:
                    weighed = self._weighed.put(weighed_key, option.model_copy(update={"weighed_by": tuple(
                        self._weighing_factor(f, v) for f, v in zip(weighing.weighed_by, values)
                    )}))
                option = weighed
            out.append(option)
        return tuple(out)

    def _not_discussed(self, category: str, candidates: tuple[CandidateRule, ...]) -> NotDiscussed:
        key = (category, *map(id, candidates))  # candidates are memoised for the explainer's lifetime
        found = self._why_not.get(key)
        if found is None:
            found = self._why_not.put(key, NotDiscussed.model_construct(
                category=category, label=CATEGORIES[category], candidates=candidates,
            ))
        return found

    def _weighing_factor(self, name: str, value: Any) -> WeighingFactor:
        found = self._factors.get((name, value))
        if found is None:
            found = self._factors.put((name, value), WeighingFactor(
                field=name, label=FIELD_LABELS.get(name, name), value=value_label(value),
            ))
        return found

    def _option(
        self, cat: str, entries: list[tuple[str, Conclusion]], rules: tuple[str, ...], chain: tuple[str, ...],
        against: tuple[str, ...], concerned: tuple[str, ...],
    ) -> Option:
        roles: dict[str, str] = {}
        for _, c in entries:  # a role concluded on several bases keeps its most specific one
            known = roles.get(c.role)
            roles[c.role] = c.basis if known is None else min(known, c.basis, key=BASE_ORDER.index)
        role_labels = dict.fromkeys(c.role_label for _, c in entries)
        mods = {m: label for _, c in entries for m, label in zip(c.modalities, c.modality_labels)}
        basis = min((c.basis for _, c in entries), key=BASE_ORDER.index)
        weighing = self.considerations.get(cat)
        return Option.model_construct(  # every value comes from the validated pack
            basis=basis,
            headline=next(c.role_label for _, c in entries if c.basis == basis),
            weighed_by=(),
            weighed_by_statements=weighing.weighed_by_cites if weighing else (),
            risks=weighing.risks if weighing else (),
            tensions=concerned,
            category=cat, label=CATEGORIES[cat], kind=category_kind(cat),
            roles=tuple(roles), role_labels=tuple(role_labels), role_bases=tuple(roles.values()),
            modalities=tuple(mods), modality_labels=tuple(mods.values()),
            rules=rules, chain=chain,
            statements=tuple(dict.fromkeys(s for rid in chain for s in self.rules[rid].spec.cites)),
            counterpoints=tuple(self.counterpoint[rid] for rid in against),
        )
