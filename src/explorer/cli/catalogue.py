"""`explorer rules`, `explorer sources`, `explorer schema`: browse the knowledge base."""

from __future__ import annotations

import argparse
import json

from ..api import default_explorer
from ..disclaimer import DISCLAIMER
from ..rule_search import search_rules
from ..scenario import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list every rule with its conditions, conclusions and citations")
    p.add_argument("--search", default="",
                   help="only rules whose id, title, cited statement ids or quotes contain this text (any case)")
    p.set_defaults(run=run_rules)
    p = sub.add_parser("sources", help="list the source documents and how many statements each has")
    p.set_defaults(run=run_sources)
    p = sub.add_parser("schema", help="print the JSON schema of the scenario format")
    p.set_defaults(run=run_schema)


def run_rules(args: argparse.Namespace) -> int:
    pack = default_explorer().pack
    for rule in search_rules(pack, args.search):
        print(f"{rule.priority:3}. {rule.id}: {rule.title}")
        for cond in rule.conditions:
            print(f"       when {cond.describe()}")
        then = rule.spec.then
        for fact in then.facts:
            print(f"       then fact {fact}")
        for opt in then.options:
            print(f"       then option {opt.category} ({opt.role})")
        for cat in then.counterpoints:
            print(f"       counterpoint to {cat}")
        print(f"       cites {', '.join(rule.spec.cites)}")
    print(f"\n{DISCLAIMER}")
    return 0


def run_sources(args: argparse.Namespace) -> int:
    pack = default_explorer().pack
    cited = {s for r in pack.rules for s in r.spec.cites}
    for source in pack.sources.values():
        ids = [s for s, st in pack.statements.items() if st.source == source.id]
        print(f"{source.id}: {source.title} ({source.kind})")
        print(f"    {source.summary}")
        print(f"    {len(ids)} statements, {sum(i in cited for i in ids)} cited by rules; file rules/sources/{source.file}")
    print(f"\n{DISCLAIMER}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    schema = Scenario.model_json_schema()
    schema["description"] = DISCLAIMER
    print(json.dumps(schema, indent=2))
    return 0
