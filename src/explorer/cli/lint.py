"""`explorer lint [RULES_DIR]`: validate a rule pack and report statement coverage."""

from __future__ import annotations

import argparse

from ..disclaimer import DISCLAIMER
from ..lint import lint
from ..paths import default_rules_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="validate a rule pack (exit 1 on problems)")
    p.add_argument("rules_dir", nargs="?", metavar="RULES_DIR", help="default: the shipped rules/")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = args.rules_dir or default_rules_dir()
    report = lint(root)
    for problem in report.problems:
        print(f"error: {problem}")
    pack = report.pack
    n_rules = len(pack.rules) if pack else 0
    n_statements = len(pack.statements) if pack else 0
    if pack is not None and pack.unreadable:
        print(f"{len(report.problems)} problem(s); the other checks run once {', '.join(pack.unreadable)} can be read")
    else:
        cited = n_statements - len(report.uncited)
        print(f"{len(report.problems)} problem(s); {n_rules} rules; {cited} of {n_statements} statements cited")
    if report.uncited:
        print("statements no rule cites:")
        for sid in report.uncited:
            print(f"  {sid}")
    print(f"\n{DISCLAIMER}")
    return 0 if report.ok else 1
