"""The `explorer` command line: a thin layer over the library.

Each command lives in its own module with a `register(subparsers)` function.
Exit status: 0 ok, 1 rule-pack problems found by `lint`, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..disclaimer import DISCLAIMER
from ..errors import ExplorerError, RulePackError
from . import catalogue, evaluate, lint

COMMANDS = [evaluate, lint, catalogue]


def _optional_commands() -> list:
    found = []
    for name in ("sweep", "coverage"):
        try:
            found.append(__import__(f"{__name__}.{name}", fromlist=["register"]))
        except ModuleNotFoundError:
            pass
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Explore the treatment options five source documents discuss for a spinal-tumour teaching scenario.",
        epilog=DISCLAIMER,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in [*COMMANDS, *_optional_commands()]:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except RulePackError as exc:
        for problem in exc.problems:
            print(f"explorer: rule pack: {problem}", file=sys.stderr)
        return 2
    except ExplorerError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("explorer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

