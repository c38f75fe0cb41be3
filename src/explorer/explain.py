"""Turn a firing trace into a Result: the steps, the options with their chains, tensions and statements.

Everything that depends only on the pack is computed once. The per-scenario pieces are memoised on what they
read: a step on its rule and the few attribute values it reads, an option on its rules, chain, counterpoints,
tensions and weighing values (the categories not discussed: `why_not`). Facts, chains and cited statements are
bit sets. Explaining a scenario is one pass over the firings and a few dictionary lookups; the models are shared,
immutable and built without re-validation.
"""

from __future__ import annotations

import itertools
import operator
from types import MappingProxyType
from typing import Any, Container

from .categories import BASES, CATEGORIES, category_kind
from .conditions import FactCondition
from .disclaimer import DISCLAIMER
from .memo import Memo, reader
from .outcomes import ConditionOutcomes
from .result import (
    Conclusion, Counterpoint, DerivedFact, Option, Result, StatementRef, Step, TensionResult, TensionSideResult,
    WeighingFactor, construct,
)
from .rulepack import Rule, RulePack
from .scenario import FIELD_LABELS, Scenario, value_label
from .trace import Trace
from .why_not import WhyNot


SCENARIO_FIELDS = tuple(Scenario.model_fields)
BASE_ORDER = list(BASES)  # most specific first
_DIGIT_VALUES = bytes.maketrans(b"01", b"\x00\x01")  # "0"/"1" -> 0/1: binary digits as selectors


class Explainer:
    """Pack-level lookups computed once; `explain` does only per-scenario work."""

    def __init__(self, pack: RulePack):
        self.pack = pack
        self.rules = pack.rule_index
        self.fact_labels = {f.id: f.label for f in pack.vocabulary.facts} if pack.vocabulary else {}
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
        self.outcomes = ConditionOutcomes(pack, self.fact_labels)
        self._steps = Memo()
        self._options_memo = Memo()  # the options of `_options` keys, built from the parts below
        self._roles = Memo()  # (category, concluding rules) -> the option's roles, modalities and basis
        self._chains = Memo()  # chain bit set -> (chain, its statements)
        self._weighings = Memo()  # (category, weighing values) -> (weighed_by, weighed_by_statements, risks)
        self._factors = Memo()
        self.bit = {r.id: 1 << i for i, r in enumerate(pack.rules)}
        self.by_bit = tuple(r.id for r in pack.rules)
        self.entries = {rid: tuple((c.category, (rid, c)) for c in cs) for rid, cs in self.conclusions.items()}
        self.cites = {r.id: r.spec.cites for r in pack.rules}
        self.tension_cites = {t.id: tuple(s for side in t.spec.sides for s in side.cites) for t in pack.tensions}
        # scenario -> the values a rule reads (None: it reads none)
        self.read = {r.id: reader(attrs) if (attrs := tuple(c.attribute for c in r.attribute_conditions)) else None
                     for r in pack.rules}
        self._init_bit_sets(pack)

    def _init_bit_sets(self, pack: RulePack) -> None:
        """What `explain` reads per firing, per tension and per option, in one lookup each. Facts and statements are
        bit sets too (statement bit i = the i-th statement id in sorted order)."""
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
            rid: (self.bit[rid], r.facts_needed, tuple(dict.fromkeys(c.category for c in self.conclusions[rid])),
                  r.spec.then.counterpoints, bits(self.cites[rid], statement_bit), bits(r.spec.then.facts, fact_bit),
                  self.read[rid], {f: self.derived[(f, rid)] for f in r.spec.then.facts})
            for rid, r in self.rules.items()
        }
        self.tension_checks = tuple(  # each attribute condition as (attribute, its operator's test, value)
            (bits(needs, fact_bit), tuple((c.attribute, c.operator.holds, c.value) for c in attrs), result,
             bits(self.tension_cites[t.id], statement_bit), tuple(dict.fromkeys(result.categories)))
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
        self.category_rank = {cat: i for i, cat in enumerate(CATEGORIES)}  # core first, then adjuncts
        self.per_category = {cat: (self.weighing_read.get(cat), self.category_cites[cat]) for cat in CATEGORIES}
        self.why_not = WhyNot(pack, self.outcomes, fact_bit)

    # -- memoised pieces ----------------------------------------------------------------
    def _step(
        self, key: Any, rule: Rule, new_facts: tuple[str, ...], scenario: Scenario, facts: Container[str],
    ) -> Step:
        """The step of a firing, memoised on `key`: the rule, its new facts and the values it reads (a fired rule's
        facts were all established before it fired, so `facts` adds nothing to the key)."""
        spec = rule.spec
        return self._steps.put(key, construct(Step, {
            "rule": rule.id, "title": spec.title, "used": self.outcomes.of(rule, scenario, facts),
            "produced_facts": spec.then.facts, "new_facts": new_facts, "conclusions": self.conclusions[rule.id],
            "counterpoints": spec.then.counterpoints, "statements": spec.cites, "note": spec.note,
        }))

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
                for attribute, holds, value in attrs:
                    if not holds(getattr(scenario, attribute), value):
                        break
                else:
                    tensions.append(result)
                    cited |= tension_cites
                    for cat in categories:
                        concerned[cat] = concerned.get(cat, ()) + (result.id,)
        options, option_cites = self._options(scenario, by_cat, against, concerned)
        cited |= option_cites
        return construct(Result, {
            "disclaimer": DISCLAIMER,
            # read-only; the same as frozen(scenario.model_dump(mode="json")): every field is a JSON scalar except
            # symptoms, already a tuple (tests/test_cache.py compares the two)
            "scenario": MappingProxyType(dict(zip(SCENARIO_FIELDS, self.read_scenario(scenario)))),
            "options": options,
            "not_discussed": self.why_not.not_discussed(scenario, by_cat, facts, fact_bits),
            "trace": tuple(steps),
            "facts": tuple(derived),
            "statements": MappingProxyType(self._statements(cited)),
            "tensions": tuple(tensions),
        })

    def _options(
        self, scenario: Scenario, by_cat: dict[str, list[Any]], against: dict[str, tuple[str, ...]],
        concerned: dict[str, tuple[str, ...]],
    ) -> tuple[tuple[Option, ...], int]:
        """The options in the fixed category order, and the statements their categories cite (a bit set)."""
        out = []
        cited = 0
        get = self._options_memo.get
        per_category = self.per_category
        for cat in sorted(by_cat, key=self.category_rank.__getitem__):
            read, cites = per_category[cat]
            chain_bits, rules = by_cat[cat]
            weighing = read(scenario) if read else None
            key = (cat, rules, chain_bits, against.get(cat, ()), concerned.get(cat, ()), weighing)
            option = get(key)
            if option is None:
                option = self._options_memo.put(key, self._option(*key))
            out.append(option)
            cited |= cites
        return tuple(out), cited

    def _option(
        self, cat: str, rules: tuple[str, ...], chain_bits: int, against: tuple[str, ...], concerned: tuple[str, ...],
        weighing: Any,
    ) -> Option:
        """The option of an `_options` key, from parts memoised on what each reads (every value comes from the
        validated pack)."""
        roles = self._roles.get((cat, rules)) or self._roles.put((cat, rules), self._roles_of(cat, rules))
        chain = self._chains.get(chain_bits) or self._chains.put(chain_bits, self._chain_of(chain_bits))
        weighed = self._weighings.get((cat, weighing)) or self._weighings.put(
            (cat, weighing), self._weighing_of(cat, weighing))
        return construct(Option, {
            "category": cat, "label": CATEGORIES[cat], "kind": category_kind(cat),
            "roles": roles[0], "role_labels": roles[1], "modalities": roles[2], "modality_labels": roles[3],
            "rules": rules, "chain": chain[0], "statements": chain[1],
            "counterpoints": tuple(self.counterpoint[rid] for rid in against),
            "basis": roles[4], "role_bases": roles[5], "headline": roles[6],
            "weighed_by": weighed[0], "weighed_by_statements": weighed[1], "risks": weighed[2],
            "tensions": concerned,
        })

    def _roles_of(self, cat: str, rules: tuple[str, ...]) -> tuple[Any, ...]:
        """(roles, role labels, modalities, modality labels, basis, role bases, headline) of the rules' conclusions
        about `cat`: a role concluded on several bases keeps its most specific one."""
        conclusions = [c for rid in rules for c in self.conclusions[rid] if c.category == cat]
        roles: dict[str, str] = {}
        for c in conclusions:
            known = roles.get(c.role)
            roles[c.role] = c.basis if known is None else min(known, c.basis, key=BASE_ORDER.index)
        mods = {m: label for c in conclusions for m, label in zip(c.modalities, c.modality_labels)}
        basis = min((c.basis for c in conclusions), key=BASE_ORDER.index)
        return (tuple(roles), tuple(dict.fromkeys(c.role_label for c in conclusions)), tuple(mods),
                tuple(mods.values()), basis, tuple(roles.values()),
                next(c.role_label for c in conclusions if c.basis == basis))

    def _chain_of(self, mask: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the rules of a chain bit set, in pack order; their statements without repeats)."""
        rules = []
        while mask:
            low = mask & -mask
            rules.append(self.by_bit[low.bit_length() - 1])
            mask ^= low
        return tuple(rules), tuple(dict.fromkeys(itertools.chain.from_iterable(map(self.cites.__getitem__, rules))))

    def _weighing_of(self, cat: str, values: Any) -> tuple[Any, ...]:
        """(weighed_by, weighed_by_statements, risks) of a category for the values of the fields that weigh on it
        (one field: its value)."""
        weighing = self.considerations.get(cat)
        if weighing is None:
            return (), (), ()
        fields = weighing.weighed_by
        values = values if len(fields) > 1 else (values,)
        factors = tuple(self._weighing_factor(f, v) for f, v in zip(fields, values)) if fields else ()
        return factors, weighing.weighed_by_cites, weighing.risks

    def _statements(self, cited: int) -> dict[str, StatementRef]:
        """The cited statements in id order (bit i is the i-th id): the bit set's binary digits, lowest first, select
        the items (all in C: no Python step per statement)."""
        return dict(itertools.compress(self.statement_items, bin(cited)[:1:-1].encode().translate(_DIGIT_VALUES)))

    def _weighing_factor(self, name: str, value: Any) -> WeighingFactor:
        found = self._factors.get((name, value))
        if found is None:
            found = self._factors.put((name, value), WeighingFactor(
                field=name, label=FIELD_LABELS.get(name, name), value=value_label(value),
            ))
        return found

