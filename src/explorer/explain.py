"""Turn a firing trace into a Result: options with their chains, why-not, statements.

Everything that depends only on the pack is computed once. The per-scenario pieces are memoised on what they
read: a step on its rule and the few attribute values it reads, an option on its rules, chain, counterpoints,
tensions and weighing values, a category not discussed on the inputs its candidate rules (and the rules below
them) read. Facts, chains and cited statements are bit sets. Explaining a scenario is one pass over the firings
and a few dictionary lookups; the models are shared, immutable and built without re-validation.
"""

from __future__ import annotations

import itertools
import operator
from types import MappingProxyType
from typing import Any, Callable, Container

from .categories import BASES, CATEGORIES, CORE_CATEGORIES, category_kind
from .conditions import AttributeCondition, FactCondition
from .disclaimer import DISCLAIMER
from .result import (
    CandidateRule, Conclusion, ConditionOutcome, Counterpoint, DerivedFact, NotDiscussed, Option, Result, StatementRef,
    Step, TensionResult, TensionSideResult, WeighingFactor, construct,
)
from .rulepack import Rule, RulePack
from .scenario import FIELD_LABELS, Scenario, value_label
from .trace import Trace


SCENARIO_FIELDS = tuple(Scenario.model_fields)
BASE_ORDER = list(BASES)  # most specific first
_DIGIT_VALUES = bytes.maketrans(b"01", b"\x00\x01")  # "0"/"1" -> 0/1: binary digits as selectors
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
        self._rule_gaps = _Memo()
        self._weighed = _Memo()  # the options of `_options` keys (with the weighing values)
        self._option_cache = _Memo()  # the same without the weighing values
        self._category_why_not = _Memo()  # a category not discussed, on what its candidates read
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
        self._init_bit_sets(pack)

    def _init_bit_sets(self, pack: RulePack) -> None:
        """What `explain` reads per firing, per tension, per option and per category not discussed, in one lookup
        each. Facts and statements are bit sets too (statement bit i = the i-th statement id in sorted order)."""
        statement_ids = sorted(set(self.statement_refs) | pack.cited)  # load_pack refuses a cite it does not know
        self.statement_items = tuple((sid, self.statement_refs[sid]) for sid in statement_ids)
        statement_bit = {sid: 1 << i for i, sid in enumerate(statement_ids)}
        fact_ids = dict.fromkeys(
            [f for r in pack.rules for f in (*r.facts_needed, *r.spec.then.facts)]
            + [f for t in pack.tensions for f in t.facts_needed])
        fact_bit = {f: 1 << i for i, f in enumerate(fact_ids)}

        def bits(names: Any, bit: dict[str, int]) -> int:
            return sum(bit[n] for n in set(names))

        self.per_firing = {
            rid: (self.bit[rid], self.needs[rid], tuple(dict.fromkeys(c.category for c in self.conclusions[rid])),
                  self.counterpoints[rid], bits(self.cites[rid], statement_bit), bits(r.spec.then.facts, fact_bit),
                  self.read[rid] if self.attrs[rid] else None, {f: self.derived[(f, rid)] for f in r.spec.then.facts})
            for rid, r in self.rules.items()
        }
        self.tension_checks = tuple(
            (bits(needs, fact_bit), attrs, result, bits(self.tension_cites[t.id], statement_bit),
             tuple(dict.fromkeys(result.categories)))
            for t, attrs, needs, result in self.tensions
        )
        self.category_cites = {
            cat: bits((*c.weighed_by_cites, *c.risks), statement_bit) for cat, c in self.considerations.items()
        }
        self.category_cites.update({cat: 0 for cat in CATEGORIES if cat not in self.category_cites})
        self.weighing_read = {
            cat: operator.attrgetter(*c.weighed_by) for cat, c in self.considerations.items() if c.weighed_by
        }
        self.read_scenario = operator.attrgetter(*SCENARIO_FIELDS)
        self.category_order = tuple((cat, self.weighing_read.get(cat)) for cat in CATEGORIES)
        self.why_not_keys = []
        for cat, rules in self.candidates.items():
            attrs: dict[str, None] = {}
            needed: set[str] = set()
            for r in rules:
                attrs.update(dict.fromkeys(self.attrs[r.id]))
                for f in self.needs[r.id]:
                    attrs.update(dict.fromkeys(self.closure_attrs.get(f, ())))
                    needed |= self._closure_facts(f)
            self.why_not_keys.append((cat, _reader(tuple(attrs)) if attrs else None, bits(needed, fact_bit)))

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

    def _closure_facts(self, fact: str, seen: frozenset[str] = frozenset()) -> set[str]:
        """`fact` and every derived fact that `_unmet` may look up below it."""
        out = {fact}
        for rid in self.producers.get(fact, ()):
            for needed in self.needs[rid]:
                if needed not in seen and needed != fact:
                    out |= self._closure_facts(needed, seen | {fact})
        return out

    def _unmet(
        self, fact: str, scenario: Scenario, facts: Container[str], seen: frozenset[str] = frozenset(),
    ) -> list[str]:
        """The input conditions the rules establishing `fact` still need ('rule: Factor is X, needs Y')."""
        out: list[str] = []
        for rid in self.producers.get(fact, ()):
            for gap in self._gaps(rid, scenario):
                if isinstance(gap, str):
                    out.append(gap)
                elif gap.fact not in facts and gap.fact not in seen:
                    out.extend(self._unmet(gap.fact, scenario, facts, seen | {fact}))
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

    def _outcomes(self, rule: Rule, scenario: Scenario, facts: Container[str]) -> tuple[ConditionOutcome, ...]:
        return tuple(
            self.fact_outcomes[(c.fact, c.fact in facts)] if isinstance(c, FactCondition)
            else self._attr_outcome(c, scenario)
            for c in rule.conditions
        )

    def _step(
        self, key: Any, rule: Rule, new_facts: tuple[str, ...], scenario: Scenario, facts: Container[str],
    ) -> Step:
        """The step of a firing, memoised on `key`: the rule, its new facts and the values it reads (a fired rule's
        facts were all established before it fired, so `facts` adds nothing to the key)."""
        spec = rule.spec
        return self._steps.put(key, construct(Step, {
            "rule": rule.id, "title": spec.title, "used": self._outcomes(rule, scenario, facts),
            "produced_facts": spec.then.facts, "new_facts": new_facts, "conclusions": self.conclusions[rule.id],
            "counterpoints": spec.then.counterpoints, "statements": spec.cites, "note": spec.note,
        }))

    def _unmet_for(self, fact: str, scenario: Scenario, facts: Container[str]) -> tuple[int, tuple[str, ...]]:
        """`_unmet` with a small id, memoised on the values of the attributes that can establish the fact."""
        read = self.closure_read.get(fact)
        key = (fact, read(scenario) if read else ())
        out = self._unmet_cache.get(key)
        if out is None:
            out = self._unmet_cache.put(key, (next(self._unmet_ids), tuple(self._unmet(fact, scenario, facts))))
        return out

    def _candidate(
        self, rule: Rule, scenario: Scenario, facts: Container[str], unmet_memo: dict[str, Any],
    ) -> CandidateRule:
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
                construct(ConditionOutcome, {**o.__dict__, "unmet": by_fact[o.name]})
                if o.kind == "fact" and not o.holds else o
                for o in self._outcomes(rule, scenario, facts)
            )
            cand = self._candidates.put(key, construct(CandidateRule, {
                "rule": rule.id, "title": rule.title,
                "failed": tuple(o for o in outcomes if not o.holds),
                "satisfied": tuple(o for o in outcomes if o.holds),
                "statements": rule.spec.cites,
            }))
        return cand

    # -- one scenario ---------------------------------------------------------------------
    def explain(self, scenario: Scenario, trace: Trace) -> Result:
        """One pass over the firings, then one memo lookup per option and per category not discussed."""
        per_firing = self.per_firing
        steps_get = self._steps.get
        facts: dict[str, int] = {}  # established fact -> the chain of the rule that first established it
        by_cat: dict[str, list[Any]] = {}  # category -> [chain bit set, concluding rules in firing order]
        against: dict[str, tuple[str, ...]] = {}
        steps = []
        derived = []
        fact_bits = cited = 0
        for rid, new_facts in trace:
            bit, needs, cats, counterpoints, cites, produced, read, derived_of = per_firing[rid]
            key = (rid, new_facts, read(scenario)) if read else (rid, new_facts)
            step = steps_get(key)
            if step is None:
                step = self._step(key, self.rules[rid], new_facts, scenario, facts)
            steps.append(step)
            chain = bit
            for f in needs:
                chain |= facts[f]
            if new_facts:
                for f in new_facts:
                    facts[f] = chain
                    derived.append(derived_of[f])
                fact_bits |= produced  # the rest of what it produces was established before
            for cat in cats:
                entry = by_cat.get(cat)
                if entry is None:
                    by_cat[cat] = [chain, (rid,)]
                else:
                    entry[0] |= chain
                    entry[1] += (rid,)
            if counterpoints:
                for cat in counterpoints:
                    against[cat] = against.get(cat, ()) + (rid,)
            cited |= cites
        tensions = []
        concerned: dict[str, tuple[str, ...]] = {}  # category -> the tensions that concern it
        for needed, attrs, result, tension_cites, categories in self.tension_checks:
            if fact_bits & needed == needed:
                for c in attrs:
                    if not c.holds(scenario):
                        break
                else:
                    tensions.append(result)
                    cited |= tension_cites
                    for cat in categories:
                        concerned[cat] = concerned.get(cat, ()) + (result.id,)
        options = self._options(scenario, by_cat, against, concerned)
        for o in options:
            cited |= self.category_cites[o.category]
        return construct(Result, {
            "disclaimer": DISCLAIMER,
            # read-only; the same as frozen(scenario.model_dump(mode="json")): every field is a JSON scalar except
            # symptoms, already a tuple (tests/test_cache.py compares the two)
            "scenario": MappingProxyType(dict(zip(SCENARIO_FIELDS, self.read_scenario(scenario)))),
            "options": options,
            "not_discussed": self._not_discussed_all(scenario, by_cat, facts, fact_bits),
            "trace": tuple(steps),
            "facts": tuple(derived),
            "statements": MappingProxyType(self._statements(cited)),
            "tensions": tuple(tensions),
        })

    def _options(
        self, scenario: Scenario, by_cat: dict[str, list[Any]], against: dict[str, tuple[str, ...]],
        concerned: dict[str, tuple[str, ...]],
    ) -> tuple[Option, ...]:
        out = []
        get = self._weighed.get
        for cat, read in self.category_order:  # core first, then adjuncts, in the fixed order
            entry = by_cat.get(cat)
            if entry is None:
                continue
            weighing = read(scenario) if read else None
            key = (cat, entry[1], entry[0], against.get(cat, ()), concerned.get(cat, ()), weighing)
            option = get(key)
            if option is None:
                option = self._weighed.put(key, self._weighed_option(key))
            out.append(option)
        return tuple(out)

    def _weighed_option(self, key: tuple[Any, ...]) -> Option:
        """The option of an `_options` key: the same for every scenario with that key."""
        cat, rules, chain_bits, against, concerned, _ = key
        option_key = key[:-1]
        option = self._option_cache.get(option_key)
        if option is None:
            entries = [entry for rid in rules for c, entry in self.entries[rid] if c == cat]
            option = self._option_cache.put(
                option_key, self._option(cat, entries, rules, self._chain(chain_bits), against, concerned))
        weighing = self.considerations.get(cat)
        if weighing is None or not weighing.weighed_by:
            return option
        values = key[-1] if len(weighing.weighed_by) > 1 else (key[-1],)  # attrgetter of one field: the value
        return construct(Option, {**option.__dict__, "weighed_by": tuple(
            self._weighing_factor(f, v) for f, v in zip(weighing.weighed_by, values))})

    def _chain(self, mask: int) -> tuple[str, ...]:
        out = []
        while mask:
            low = mask & -mask
            out.append(self.by_bit[low.bit_length() - 1])
            mask ^= low
        return tuple(out)

    def _not_discussed_all(
        self, scenario: Scenario, by_cat: dict[str, list[Any]], facts: Container[str], fact_bits: int,
    ) -> tuple[NotDiscussed, ...]:
        """Each core category without an option, memoised on what its candidates read: their attribute values and
        the derived facts they (and the rules that could establish those facts) need."""
        out = []
        get = self._category_why_not.get
        unmet_memo: dict[str, Any] = {}
        for cat, read, fact_mask in self.why_not_keys:
            if cat in by_cat:
                continue
            # the facts follow from those inputs; they stay in the key so that it never depends on that reasoning
            key = (cat, read(scenario) if read else (), fact_bits & fact_mask)
            found = get(key)
            if found is None:
                candidates = tuple(self._candidate(r, scenario, facts, unmet_memo) for r in self.candidates[cat])
                found = self._category_why_not.put(key, self._not_discussed(cat, candidates))
            out.append(found)
        return tuple(out)

    def _statements(self, cited: int) -> dict[str, StatementRef]:
        """The cited statements in id order (bit i is the i-th id): the bit set's binary digits, lowest first, select
        the items (all in C: no Python step per statement)."""
        return dict(itertools.compress(self.statement_items, bin(cited)[:1:-1].encode().translate(_DIGIT_VALUES)))

    def _not_discussed(self, category: str, candidates: tuple[CandidateRule, ...]) -> NotDiscussed:
        key = (category, *map(id, candidates))  # candidates are memoised for the explainer's lifetime
        found = self._why_not.get(key)
        if found is None:
            found = self._why_not.put(key, construct(NotDiscussed, {
                "category": category, "label": CATEGORIES[category], "candidates": candidates, "smallest_changes": None,
            }, given={"category", "label", "candidates"}))
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
        return construct(Option, {  # every value comes from the validated pack
            "category": cat, "label": CATEGORIES[cat], "kind": category_kind(cat),
            "roles": tuple(roles), "role_labels": tuple(role_labels),
            "modalities": tuple(mods), "modality_labels": tuple(mods.values()),
            "rules": rules, "chain": chain,
            "statements": tuple(dict.fromkeys(s for rid in chain for s in self.cites[rid])),
            "counterpoints": tuple(self.counterpoint[rid] for rid in against),
            "basis": basis, "role_bases": tuple(roles.values()),
            "headline": next(c.role_label for _, c in entries if c.basis == basis),
            "weighed_by": (),
            "weighed_by_statements": weighing.weighed_by_cites if weighing else (),
            "risks": weighing.risks if weighing else (),
            "tensions": concerned,
        })
