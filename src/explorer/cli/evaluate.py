"""`explorer evaluate FILE|- [--format text|json|markdown|html]`."""

from __future__ import annotations

import argparse
import json
import sys

from ..api import default_explorer
from ..formats import render_html, render_markdown, render_text
from ..documents import read_document
from ..cases import scenario_from_document
from ..smallest_change import with_smallest_changes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="show the options the sources discuss for a scenario file",
                       description="Evaluate a scenario file (YAML or JSON; '-' for standard input). "
                                   "Case files and exported {disclaimer, scenario} documents are accepted too.")
    p.add_argument("file", metavar="FILE|-")
    p.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    data = read_document(args.file)
    where = "<stdin>" if args.file == "-" else args.file
    scenario, _ = scenario_from_document(data, where)
    explorer = default_explorer()
    result = with_smallest_changes(explorer, explorer.evaluate(scenario))
    if args.format == "json":
        out = json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        out = render_markdown(result)
    elif args.format == "html":
        out = render_html(result)
    else:
        out = render_text(result)
    sys.stdout.write(out)
    return 0
