"""`explorer coverage`: what the teaching cases show, and which fireable rules they never fire."""

from __future__ import annotations

import argparse
import dataclasses
import json
import textwrap

from ..api import Explorer
from ..cases import load_cases
from ..space.teaching_coverage import Coverage, coverage
from ..disclaimer import DISCLAIMER
from .shared import explorer_for


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("coverage", help="which categories, rules and statements the teaching cases exercise",
                       description="Evaluate every case in the case library and report which option categories, "
                                   "rules and source statements the cases show, and which fireable rules no case "
                                   "fires (with a scenario that would fire each).",
                       epilog=DISCLAIMER)
    p.add_argument("--rules", metavar="DIR", help="rules directory with its cases/ (default: the shipped rules/)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def _wrap(items: tuple[str, ...]) -> str:
    return textwrap.fill(", ".join(items) or "none", width=100, initial_indent="    ", subsequent_indent="    ",
                         break_on_hyphens=False)


def run(args: argparse.Namespace) -> int:
    explorer = explorer_for(args.rules)
    report = coverage(explorer, load_cases(args.rules) if args.rules else None)
    if args.format == "json":
        data = dataclasses.asdict(report)
        data["disclaimer"] = DISCLAIMER
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print_report(report, explorer)
    print(f"\n{DISCLAIMER}")
    return 0


def print_report(report: Coverage, explorer: Explorer) -> None:
    pack = explorer.pack
    print(f"Teaching coverage of {len(report.runs)} case(s):")
    for run in report.runs:
        print(f"  {run.case}: {', '.join(run.categories) or '(no options)'}")
    n_core = len(report.core_shown) + len(report.core_missing)
    n_adj = len(report.adjunct_shown) + len(report.adjunct_missing)
    print(f"\nCore categories shown: {len(report.core_shown)} of {n_core}; never shown:")
    print(_wrap(report.core_missing))
    print(f"Adjunct categories shown: {len(report.adjunct_shown)} of {n_adj}; never shown:")
    print(_wrap(report.adjunct_missing))
    print(f"\nRules fired by the cases: {len(report.rules_fired)} of {len(pack.rules)} "
          f"({len(report.rules_fireable)} can fire, {len(report.rules_unfireable)} cannot)")
    print(f"Fireable rules no case fires ({len(report.rules_missed)}):")
    if not report.rules_missed:
        print("    none")
    for rid in report.rules_missed:
        print(f"    {rid}: {pack.rule_index[rid].title}")
        print(f"        fires for e.g. {json.dumps(report.witnesses[rid])}")
    if report.rules_unfireable:
        print("Rules no scenario can fire:")
        print(_wrap(report.rules_unfireable))
    print(f"\nSource statements shown by the cases: {len(report.statements_shown)} of {report.statements_total}")
    print(f"Cited by rules but shown by no case ({len(report.statements_not_shown)}):")
    print(_wrap(report.statements_not_shown))
    print(f"Cited by no rule, so never shown ({len(report.statements_uncited)}; see `explorer lint`)")
