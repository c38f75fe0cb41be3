"""Rule-pack validation: structural problems from loading plus semantic checks.

Every problem names the file, the rule or statement id and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .categories import CATEGORIES, CORE_CATEGORIES
from .reachability import Reachability, witness
from .naive_evaluator import run_reference
from .rulepack import RulePack, read_pack
from .scenario import ATTRIBUTES


@dataclass
class LintReport:
    problems: list[str] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)
    pack: RulePack | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _where(rule) -> str:
    return f"{rule.file}:{rule.line}: rule '{rule.id}'"


def check_pack(pack: RulePack) -> LintReport:
    """Semantic checks on a loaded pack (structural problems from loading are included)."""
    report = LintReport(problems=list(pack.problems), pack=pack)
    if pack.unreadable:  # every later check would report the missing file's content again, many times over
        return report
    p = report.problems
    vocab = pack.vocabulary
    roles = {r.id for r in vocab.roles} if vocab else set()
    modalities = {m.id: m for m in vocab.modalities} if vocab else {}
    declared_facts = {f.id for f in vocab.facts} if vocab else set()

    for sid, st in pack.statements.items():
        file, line = pack.statement_files.get(sid, ("statements.yaml", 0))
        source = pack.sources.get(st.source)
        if source is None:
            p.append(f"{file}:{line}: statement '{sid}': unknown source '{st.source}'; known: {', '.join(pack.sources)}")
        elif not source.contains(st.quote):
            p.append(f"{file}:{line}: statement '{sid}': quote is not verbatim in source '{st.source}'")

    seen: dict[str, str] = {}
    for rule in pack.rules:
        w = _where(rule)
        if rule.id in seen:
            p.append(f"{w}: duplicate rule id (first in {seen[rule.id]})")
        seen.setdefault(rule.id, f"{rule.file}:{rule.line}")
        if not rule.spec.cites:
            p.append(f"{w}: cites nothing; every rule must cite at least one statement")
        for sid in rule.spec.cites:
            if sid not in pack.statements:
                p.append(f"{w}: cites unknown statement '{sid}'")
        then = rule.spec.then
        if not (then.facts or then.options or then.counterpoints):
            p.append(f"{w}: concludes nothing (then needs facts, options or counterpoints)")
        for opt in then.options:
            if opt.category not in CATEGORIES:
                p.append(f"{w}: unknown category '{opt.category}'; allowed: {', '.join(CATEGORIES)}")
            if vocab and opt.role not in roles:
                p.append(f"{w}: unknown role '{opt.role}'; allowed: {', '.join(sorted(roles))}")
            for m in opt.modalities:
                if vocab and m not in modalities:
                    p.append(f"{w}: unknown modality '{m}'")
                elif vocab and modalities[m].category not in (None, opt.category):
                    p.append(f"{w}: modality '{m}' belongs to {modalities[m].category}, not {opt.category}")
        for cat in then.counterpoints:
            if cat not in CATEGORIES:
                p.append(f"{w}: unknown counterpoint category '{cat}'; allowed: {', '.join(CATEGORIES)}")
        for fact in (*then.facts, *rule.facts_needed):
            if vocab and fact not in declared_facts:
                p.append(f"{w}: derived fact '{fact}' is not declared in vocabulary.yaml")

        if not rule.conditions and any(o.basis != "background" for o in then.options):
            p.append(f"{w}: has no conditions, so its options must have basis: background (a statement with no "
                     "condition is general background, not a claim about a scenario)")

    reach = Reachability(pack.rules)  # one symbolic expansion shared by the rule and tension checks
    _check_tensions(pack, p, reach)
    _check_considerations(pack, p)

    produced = {f for r in pack.rules for f in r.spec.then.facts}
    consumed = {f for r in (*pack.rules, *pack.tensions) for f in r.facts_needed}
    for rule in pack.rules:
        for fact in rule.facts_needed:
            if fact not in produced:
                p.append(f"{_where(rule)}: uses derived fact '{fact}' that no rule produces")
        for fact in rule.spec.then.facts:
            if fact not in consumed:
                p.append(f"{_where(rule)}: produces derived fact '{fact}' that no rule uses")

    _check_reachability(pack, p, reach, skip={r.id for r in pack.rules if set(r.facts_needed) - produced})

    for name, entry in pack.glossary.items():
        if name not in ATTRIBUTES:
            p.append(f"glossary.yaml: unknown field '{name}'")
        for sid in (*entry.statements, *(s for v in entry.values.values() for s in v)):
            if sid not in pack.statements:
                p.append(f"glossary.yaml: field '{name}': unknown statement '{sid}'")

    report.uncited = [sid for sid in pack.statements if sid not in pack.cited]
    return report


def _check_tensions(pack: RulePack, p: list[str], reach: Reachability) -> None:
    """Tensions are checked like rules: ids, categories, citations, facts, and that some scenario shows them."""
    produced = {f for r in pack.rules for f in r.spec.then.facts}
    seen: set[str] = set()
    for tension in pack.tensions:
        w = f"{tension.file}:{tension.line}: tension '{tension.id}'"
        if tension.id in seen:
            p.append(f"{w}: duplicate tension id")
        seen.add(tension.id)
        for cat in tension.spec.categories:
            if cat not in CATEGORIES:
                p.append(f"{w}: unknown category '{cat}'; allowed: {', '.join(CATEGORIES)}")
        for side in tension.spec.sides:
            for sid in side.cites:
                if sid not in pack.statements:
                    p.append(f"{w}: side '{side.label}' cites unknown statement '{sid}'")
        missing = [f for f in tension.facts_needed if f not in produced]
        for fact in missing:
            p.append(f"{w}: uses derived fact '{fact}' that no rule produces")
        if missing:
            continue
        alts = reach.rule_alternatives(tension)
        scenario = witness(alts[0]) if alts else None
        if scenario is None:
            p.append(f"{w}: conditions can never hold (no scenario satisfies them and the facts they need)")
            continue
        facts = {f for firing in run_reference(pack.rules, scenario) for f in firing.new_facts}
        if not tension.holds(scenario, facts):
            p.append(f"{w}: witness scenario {scenario.public_dict()} does not show it (internal check)")


def _check_considerations(pack: RulePack, p: list[str]) -> None:
    for cat, entry in pack.considerations.items():
        w = f"considerations.yaml: category '{cat}'"
        if cat not in CATEGORIES:
            p.append(f"{w}: unknown category; allowed: {', '.join(CATEGORIES)}")
        for name in entry.weighed_by:
            if name not in ATTRIBUTES:
                p.append(f"{w}: unknown scenario field '{name}'; allowed: {', '.join(ATTRIBUTES)}")
        for sid in (*entry.weighed_by_cites, *entry.risks):
            if sid not in pack.statements:
                p.append(f"{w}: unknown statement '{sid}'")
        if entry.weighed_by and not entry.weighed_by_cites:
            p.append(f"{w}: weighed_by needs weighed_by_cites (the statements that name those factors)")


def _check_reachability(pack: RulePack, p: list[str], reach: Reachability, skip: set[str]) -> None:
    reachable_cats: set[str] = set()
    for rule in pack.rules:
        if rule.id in skip:  # already reported: uses a fact no rule produces
            continue
        scenario = reach.witnesses[rule.id]
        if scenario is None:
            p.append(f"{_where(rule)}: conditions can never hold (no scenario satisfies them and the facts they need)")
            continue
        fired = {f.rule for f in run_reference(pack.rules, scenario)}
        if rule.id not in fired:
            p.append(f"{_where(rule)}: witness scenario {scenario.public_dict()} does not fire it (internal check)")
            continue
        reachable_cats.update(o.category for o in rule.spec.then.options)
    for cat in CORE_CATEGORIES:
        if cat not in reachable_cats:
            p.append(f"{pack.root.name}/pack: core category '{cat}' is reached by no scenario")


def lint(root) -> LintReport:
    return check_pack(read_pack(root))
